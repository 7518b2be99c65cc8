"""Loading article files: formats, cleaning of scraped debris, ids, and clear refusals."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from corpus.errors import LoadError
from corpus.loaders import SUPPORTED_SUFFIXES, discover, load_file
from corpus.loaders.dates import date_from_name, normalize_date
from corpus.models import Article

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).parents[2] / "corpus" / "articles" / "kazakhstan-unrest-2022-01-06.txt"


def body(article: Article) -> list[str]:
    return [article.paragraph_text(p) for p in article.paragraphs]


def assert_spans_sound(article: Article) -> None:
    assert [p.number for p in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))
    for paragraph in article.paragraphs:
        text = article.paragraph_text(paragraph)
        assert text and text == text.strip()
    starts = [p.start for p in article.paragraphs]
    assert starts == sorted(starts)


# Plain text ------------------------------------------------------------------------------


def test_scraped_text_recovers_header_and_drops_debris() -> None:
    (article,) = load_file(DATA / "scraped.txt")

    assert article.title == "Harbour strike enters its second week as talks stall"
    assert article.date == "2023-03-03"
    assert body(article) == [
        "Dock workers in Lisbon extended their strike on Friday after talks with the port "
        "authority broke down for the third time.",
        "“We are not going back until the contracts are signed,” union leader Rui Matos told "
        "reporters outside the gates.",
        "The port authority said in a statement that it regretted the decision and remained "
        "“open to dialogue at any time.”",
    ]
    assert_spans_sound(article)


def test_text_is_the_file_exactly_so_offsets_index_the_file() -> None:
    path = DATA / "scraped.txt"
    (article,) = load_file(path)

    with open(path, encoding="utf-8", newline="") as handle:
        assert article.text == handle.read()
    assert article.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_crlf_file_keeps_its_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title line\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n")

    (article,) = load_file(path)

    assert "\r\n" in article.text
    assert article.title == "Title line"
    assert body(article) == ["First paragraph.", "Second paragraph."]


def test_plain_text_first_line_is_title_and_the_rest_is_body() -> None:
    (article,) = load_file(DATA / "plain.txt")

    assert article.title == "Council approves new bike lanes for the city centre."
    assert article.date is None
    assert body(article) == [
        "The city council voted on Tuesday to approve twelve kilometres of new bike lanes.",
        '"This is a good day for everyone who cycles," said councillor Maria Berg.',
        "Work is expected to start in the spring.",
    ]


def test_text_without_blank_lines_has_one_paragraph_per_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("Headline\nOne paragraph.\nAnother paragraph.\n", encoding="utf-8")

    (article,) = load_file(path)

    assert article.title == "Headline"
    assert body(article) == ["One paragraph.", "Another paragraph."]


def test_byline_and_date_after_the_title_are_header(tmp_path: Path) -> None:
    path = tmp_path / "byline.txt"
    path.write_text(
        "Storm hits the coast\n\nBy Lena Fischer\n\nJanuary 9, 2024\n\nThe storm arrived.\n",
        encoding="utf-8",
    )

    (article,) = load_file(path)

    assert (article.author, article.date) == ("Lena Fischer", "2024-01-09")
    assert body(article) == ["The storm arrived."]


def test_sentence_starting_with_by_is_body(tmp_path: Path) -> None:
    path = tmp_path / "by.txt"
    path.write_text("Headline\n\nBy noon the square was empty\n\nPolice left.\n", encoding="utf-8")

    (article,) = load_file(path)

    assert article.author is None
    assert body(article)[0] == "By noon the square was empty"


@pytest.mark.parametrize(
    "credit", ["(AP Photo/Evan Vucci)", "(Jane Doe/ City Press Office photo via AP)"]
)
def test_caption_with_credit_but_no_copy_is_dropped(tmp_path: Path, credit: str) -> None:
    path = tmp_path / "caption.txt"
    path.write_text(
        f"Headline\n\nThe mayor at the opening. {credit}\n\nThe mayor spoke.\n",
        encoding="utf-8",
    )

    (article,) = load_file(path)

    assert body(article) == ["The mayor spoke."]


@pytest.mark.parametrize(
    "notice",
    [
        "(Reporting by Ann Writer; Additional reporting by Ben Desk; Editing by Cy Chief)",
        "— With assistance by Ann Writer and Ben Desk",
        "Ann Writer in Lisbon contributed to this report.",
        "© 2023, Harbour News. This article is the property of Harbour News.",
        "Copyright 2023 Harbour News. All rights reserved.",
    ],
)
def test_credit_and_copyright_lines_at_the_end_are_dropped(tmp_path: Path, notice: str) -> None:
    path = tmp_path / "credits.txt"
    path.write_text(
        f"Headline\n\nThe strike went on.\n\n“We stay,” Rui Matos said.\n\n{notice}\n",
        encoding="utf-8",
    )

    (article,) = load_file(path)

    assert body(article) == ["The strike went on.", "“We stay,” Rui Matos said."]


def test_a_sentence_about_reporting_or_copyright_is_body(tmp_path: Path) -> None:
    last = "Copyright law, the minister said, was written before anyone shared stories online."
    path = tmp_path / "body.txt"
    path.write_text(f"Headline\n\nThe strike went on.\n\n{last}\n", encoding="utf-8")

    (article,) = load_file(path)

    assert body(article) == ["The strike went on.", last]


def test_short_last_line_of_body_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Headline\n\nA paragraph.\n\nSee you in court\n", encoding="utf-8")

    (article,) = load_file(path)

    assert body(article) == ["A paragraph.", "See you in court"]


def test_seed_article_loads_cleanly() -> None:
    (article,) = load_file(SEED)

    paragraphs = body(article)
    assert article.title == (
        "Massacre in Kazakhstan: the United States hit the “soft underbelly” of Russia"
    )
    assert article.date == "2022-01-06"
    assert len(paragraphs) == 25
    assert paragraphs[0].startswith("In the afternoon of January 6, in Almaty")
    assert paragraphs[-1].endswith("time will tell.")
    assert not any("(Photo:" in p or "Leave a Reply" in p or p == "0 0" for p in paragraphs)
    assert_spans_sound(article)


# Markdown --------------------------------------------------------------------------------


def test_markdown_front_matter_gives_metadata() -> None:
    (article,) = load_file(DATA / "article.md")

    assert article.title == "Ministers agree on grain deal"
    assert article.date == "2023-07-14"
    assert article.outlet == "The Example Times"
    assert article.url == "https://example.org/grain"
    assert article.author == "Ann Writer, Bo Reporter"
    assert article.language == "en"
    assert body(article) == [
        "Agriculture ministers agreed on Friday to extend the grain corridor for six months.",
        '"The corridor stays open, and that is what matters," said minister Petra Holm.',
        "Shipping companies welcomed the decision.",
    ]
    with open(DATA / "article.md", encoding="utf-8", newline="") as handle:
        assert article.text == handle.read()


def test_markdown_heading_is_title_when_no_front_matter() -> None:
    (article,) = load_file(DATA / "headed.md")

    assert article.title == "Floods close schools in the north"
    assert article.date == "2021-06-02"
    assert body(article) == [
        "Heavy rain closed forty schools on Wednesday, the education office said."
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("---\ntitle: [unclosed\n---\n\nBody.\n", "malformed front matter"),
        ("---\ntitle: No end\n\nBody.\n", "no closing"),
        ("---\n- a\n- b\n---\n\nBody.\n", "not a mapping"),
    ],
)
def test_malformed_front_matter_is_refused(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(LoadError, match=reason):
        load_file(path)


# HTML ------------------------------------------------------------------------------------


def test_html_extracts_main_text_and_metadata() -> None:
    (article,) = load_file(DATA / "page.html")

    assert article.title == "Minister says talks will go on"
    assert article.date == "2022-01-07"
    assert article.url == "https://example.org/news/talks"
    assert article.outlet == "The Daily Example"
    assert article.author == "Jane Reporter"
    assert article.language == "en"
    paragraphs = body(article)
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("“We will not walk away from the table.")
    assert not any("Home" in p or "Copyright" in p for p in paragraphs)
    assert_spans_sound(article)


def test_html_without_article_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><title>T</title></head><body><script>var a;</script></body></html>",
        encoding="utf-8",
    )

    with pytest.raises(LoadError, match="no article text"):
        load_file(path)


# JSON Lines ------------------------------------------------------------------------------


def test_jsonl_loads_one_article_per_line() -> None:
    path = DATA / "articles.jsonl"
    first, second = load_file(path)

    assert (first.title, first.date, first.outlet) == (
        "Mayor re-elected",
        "2024-05-12",
        "Town News",
    )
    assert body(first) == [
        "Voters in the town re-elected the mayor on Sunday.",
        '"I am grateful for the trust," the mayor, Olaf Brandt, said.',
    ]
    # No blank lines in the text: each line is a paragraph.
    assert body(second) == [
        "The bridge will reopen next week.",
        "Engineers said the repairs were finished.",
    ]
    assert (second.date, second.language) == ("2024-05-12", "en")
    line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.text == json.loads(line)["text"]
    assert first.content_hash == hashlib.sha256(line.encode("utf-8")).hexdigest()
    assert first.doc_id != second.doc_id


def test_jsonl_ids_follow_the_url_not_the_line(tmp_path: Path) -> None:
    a = json.dumps({"text": "Alpha paragraph.", "url": "https://example.org/a"})
    b = json.dumps({"text": "Beta paragraph.", "url": "https://example.org/b"})
    path = tmp_path / "feed.jsonl"
    path.write_text(f"{a}\n{b}\n", encoding="utf-8")
    before = {article.url: article.doc_id for article in load_file(path)}
    path.write_text(f"{b}\n{a}\n", encoding="utf-8")
    after = {article.url: article.doc_id for article in load_file(path)}

    assert before == after


def test_jsonl_exact_repeat_is_skipped(tmp_path: Path) -> None:
    line = json.dumps({"text": "Same story.", "url": "https://example.org/s"})
    path = tmp_path / "dup.jsonl"
    path.write_text(f"{line}\n{line}\n", encoding="utf-8")

    assert len(load_file(path)) == 1


def test_jsonl_exact_repeat_without_a_url_is_skipped_too(tmp_path: Path) -> None:
    line = json.dumps({"title": "Dup", "text": "“The same line twice,” said Dupe Line.\n\nMore."})
    path = tmp_path / "dup.jsonl"
    path.write_text(f"{line}\n{line}\n", encoding="utf-8")

    assert len(load_file(path)) == 1


def test_a_url_that_looks_like_a_line_number_is_no_clash(tmp_path: Path) -> None:
    first = json.dumps({"text": "Alpha paragraph.", "url": "line2"})
    second = json.dumps({"text": "Beta paragraph."})
    path = tmp_path / "feed.jsonl"
    path.write_text(f"{first}\n{second}\n", encoding="utf-8")

    articles = load_file(path)
    assert [a.text for a in articles] == ["Alpha paragraph.", "Beta paragraph."]
    assert len({a.doc_id for a in articles}) == 2


@pytest.mark.parametrize(
    ("second_line", "reason"),
    [
        ("{not json", "line 2: invalid JSON"),
        ("[1, 2]", "line 2: not a JSON object"),
        ('{"title": "no text"}', "line 2: missing or empty 'text'"),
        ('{"text": "  "}', "line 2: missing or empty 'text'"),
        ('{"text": "ok", "title": 5}', "line 2: 'title' must be a string"),
        ('{"text": "0 0"}', "line 2: no body paragraphs"),
        ('{"text": "Other story.", "url": "https://example.org/a"}', "line 2: another article"),
    ],
)
def test_jsonl_with_a_bad_line_is_refused_whole(
    tmp_path: Path, second_line: str, reason: str
) -> None:
    good = json.dumps({"text": "Fine story.", "url": "https://example.org/a"})
    path = tmp_path / "feed.jsonl"
    path.write_text(f"{good}\n{second_line}\n", encoding="utf-8")

    with pytest.raises(LoadError, match=reason):
        load_file(path)


# Refusals, ids, discovery ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n ", "empty file"),
        ("binary.txt", b"Title\n\nBody\x00text", "binary file"),
        ("latin1.txt", "Titel\n\nBody with caf\xe9".encode("latin-1"), "not valid UTF-8"),
        ("debris.txt", b"Jan 6, 2022\n0 0\n", "no body paragraphs"),
        ("title-only.txt", b"Just a headline\n", "no body paragraphs"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
        ("README", b"text", "unsupported file type"),
    ],
)
def test_unloadable_files_are_refused_with_a_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(LoadError, match=reason) as caught:
        load_file(path)

    assert caught.value.path == str(path)
    assert "\n" not in str(caught.value)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        load_file(tmp_path / "gone.txt")


def test_doc_id_is_stable_and_independent_of_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nBody.\n", encoding="utf-8")
    (absolute,) = load_file(path)
    monkeypatch.chdir(tmp_path)
    (relative,) = load_file(Path("a.txt"))

    expected = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    assert absolute.doc_id == relative.doc_id == expected
    assert relative.path == str(path.resolve())


def test_discover_walks_directories_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.md",
        "sub/c.jsonl",
        "sub/d.HTML",
        ".hidden.txt",
        ".git/e.txt",
        "f.pdf",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    explicit = tmp_path / "f.pdf"

    found = discover([tmp_path, explicit, tmp_path / "b.txt"])

    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.md",
        "b.txt",
        "sub/c.jsonl",
        "sub/d.HTML",
        "f.pdf",
    ]


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".json"} == SUPPORTED_SUFFIXES


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jan 6, 2022", "2022-01-06"),
        ("January 6, 2022", "2022-01-06"),
        ("Jan. 6 2022", "2022-01-06"),
        ("Thursday, January 6, 2022 10:45 AM", "2022-01-06"),
        ("6 January 2022", "2022-01-06"),
        ("2022-01-06", "2022-01-06"),
        ("2022-01-06T09:30:00+03:00", "2022-01-06"),
        ("2022-01-06T09:30:00Z", "2022-01-06"),
        ("06.01.2022", "2022-01-06"),
        ("01/13/2022", "2022-01-13"),
        ("01/06/2022", None),  # month or day first? unknown
        ("Feb 30, 2022", None),
        ("yesterday", None),
        ("The talks began on January 6, 2022 in Geneva", None),
    ],
)
def test_normalize_date(value: str, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_date_falls_back_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "bbc_2016-09-12_some-story.txt"
    path.write_text("Headline\n\nBody paragraph.\n", encoding="utf-8")

    (article,) = load_file(path)

    assert article.date == "2016-09-12"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kazakhstan-unrest-2022-01-06.txt", "2022-01-06"),
        ("20220106-story.md", "2022-01-06"),
        ("story-2022-13-45.txt", None),
        ("report-123456789.txt", None),
        ("plain.txt", None),
    ],
)
def test_date_from_name(name: str, expected: str | None) -> None:
    assert date_from_name(name) == expected


def test_block_of_long_lines_is_one_paragraph_per_line(tmp_path: Path) -> None:
    first = "A long first paragraph, " * 6
    second = "“A quoted second paragraph,” she said, " * 4
    path = tmp_path / "runs.txt"
    path.write_text(f"Headline\n\n{first.strip()}\n{second.strip()}\n", encoding="utf-8")

    (article,) = load_file(path)

    assert body(article) == [first.strip(), second.strip()]


def test_hard_wrapped_paragraph_stays_whole(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "Headline\n\nThe council met on Monday and\nagreed to extend the programme.\n\nEnd.\n",
        encoding="utf-8",
    )

    (article,) = load_file(path)

    assert body(article)[0] == "The council met on Monday and\nagreed to extend the programme."


# Byte order marks and encodings ----------------------------------------------------------


def test_a_utf8_bom_keeps_the_title_and_date_and_the_offsets(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    text = "Jan 6, 2022\n\nTest article 7\n\n“We are ready,” said Ann Lee, a mayor.\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    (article,) = load_file(path)

    assert article.title == "Test article 7" and article.date == "2022-01-06"
    assert body(article) == ["“We are ready,” said Ann Lee, a mayor."]
    with open(path, encoding="utf-8", newline="") as handle:
        assert handle.read() == article.text, "offsets must still index the file"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_is_named_not_called_binary(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    data = "Title\n\nBody text.\n".encode(encoding)
    path.write_bytes(data if data.startswith((b"\xff\xfe", b"\xfe\xff")) else b"\xfe\xff" + data)

    with pytest.raises(LoadError, match="UTF-16 text is not supported; save the file as UTF-8"):
        load_file(path)


def test_discover_survives_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "good.txt").write_text("Title\n\nBody.\n", encoding="utf-8")

    assert [p.name for p in discover([tmp_path])] == ["a.txt", "b.txt", "good.txt"]
    with pytest.raises(LoadError, match="symlink loop"):
        load_file(tmp_path / "a.txt")


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("6 января 2022", "2022-01-06"),
        ("15 марта 2021 года", "2021-03-15"),
        ("6 янв. 2022", "2022-01-06"),
    ],
)
def test_a_russian_date_line_is_a_date(line: str, iso: str) -> None:
    from corpus.loaders.dates import normalize_date

    assert normalize_date(line) == iso


def test_a_russian_article_gets_its_date_and_its_title(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_text(
        "6 января 2022\n\nБеспорядки в Казахстане\n\n«Напряжённость растёт с каждым днём», — "
        "сказал Константин Блохин, эксперт.\n",
        encoding="utf-8",
    )
    [article] = load_file(path)
    assert (article.title, article.date) == ("Беспорядки в Казахстане", "2022-01-06")


@pytest.mark.parametrize(
    "first",
    [
        "«Мост откроют к осени», — заявил глава района Иван Сидоров.",
        "— Мост откроют к осени, — сказал Сидоров.",
        "Иван Сидоров: «Мост откроют к осени»",
        "“The bridge will open by autumn,” the mayor said.",
    ],
)
def test_a_first_line_that_is_a_statement_with_its_speaker_is_body(
    tmp_path: Path, first: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"{first}\n\nРаботы идут по графику.\n", encoding="utf-8")
    [article] = load_file(path)
    assert article.title is None
    assert body(article)[0] == first


@pytest.mark.parametrize(
    "title", ["Театр «Мастерская» открыл сезон", "Мост «откроют к осени»?", "Кремль: итоги года"]
)
def test_a_title_with_quotation_marks_but_no_speaker_stays_the_title(
    tmp_path: Path, title: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"{title}\n\nРаботы идут по графику.\n", encoding="utf-8")
    [article] = load_file(path)
    assert article.title == title
