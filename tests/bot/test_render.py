"""Rendering: Telegram HTML that is well formed, escaped, verbatim and within the limit."""

from __future__ import annotations

import pytest

from bot.telegram import render
from retrieval import Answer, QuoteResult, Source, SourceSummary, SpeakerSummary
from tests.auxil.fake_service import seed_quotes
from tests.auxil.html_check import parse, visible_length


def _quote(text: str, *, speaker: str | None = "Ann <Lee>", number: int = 1) -> QuoteResult:
    return QuoteResult(
        speaker=speaker,
        role="minister & spokesperson",
        text=text,
        kind="direct",
        source=Source(
            doc_id=f"doc{number}",
            title="Bread & <Circuses>",
            date="2024-05-01",
            url="https://news.example/a?x=1&y=<2>",
            outlet="The Daily",
            path="corpus/articles/a.txt",
            paragraph=number,
        ),
        start=0,
        end=len(text),
    )


def _answer(quotes: list[QuoteResult], text: str = "Ann said:") -> Answer:
    return Answer(question="q", found=bool(quotes), answer=text, quotes=quotes)


def _all_quotes(messages: list[str]) -> list[str]:
    return [text for message in messages for _, text in parse(message).blockquotes]


def _assert_fits(messages: list[str]) -> None:
    assert messages
    for message in messages:
        assert render.telegram_length(message) <= render.MESSAGE_LIMIT
        assert visible_length(message) <= render.MESSAGE_LIMIT


def test_quote_is_escaped_and_shown_verbatim() -> None:
    text = 'He said <b>5 > 3</b> & "so" it goes'
    [message] = render.render_answer(_answer([_quote(text)]))
    assert "<b>5" not in message
    assert "5 &gt; 3" in message and "&amp;" in message
    assert _all_quotes([message]) == [text]


def test_speaker_role_and_source_line() -> None:
    [message] = render.render_answer(_answer([_quote("Words.")]))
    parsed = parse(message)
    assert "<b>Ann &lt;Lee&gt;</b>, <i>minister &amp; spokesperson</i>" in message
    assert (
        '<a href="https://news.example/a?x=1&amp;y=&lt;2&gt;">Bread &amp; &lt;Circuses&gt;</a>'
        in (message)
    )
    shown = "".join(parsed.text)
    assert "[1]" in shown and "2024-05-01" in shown and "¶ 1" in shown


def test_source_without_url_has_no_link() -> None:
    quote = _quote("Words.")
    quote.source.url = None
    [message] = render.render_answer(_answer([quote]))
    assert "<a " not in message
    assert "<i>Bread &amp; &lt;Circuses&gt;</i>" in message


def test_long_quotes_are_expandable_short_ones_are_not() -> None:
    messages = render.render_answer(_answer([_quote("short"), _quote("long " * 200, number=2)]))
    flags = [expandable for m in messages for expandable, _ in parse(m).blockquotes]
    assert flags == [False, True]


def test_many_quotes_split_between_quotes_and_numbered_on() -> None:
    quotes = [_quote(f"Quote {n}: " + "word & <tag> " * 60, number=n) for n in range(1, 31)]
    messages = render.render_answer(_answer(quotes), first_number=4)
    assert len(messages) > 1
    _assert_fits(messages)
    assert _all_quotes(messages) == [q.text for q in quotes]
    joined = "".join(messages)
    assert "[4]" in joined and "[33]" in joined and "[34]" not in joined
    # A new message repeats the speaker so it reads on its own.
    assert all(m.startswith(("Ann said:", "<b>Ann &lt;Lee&gt;</b>")) for m in messages)


def test_one_quote_longer_than_a_message_is_continued_verbatim() -> None:
    text = " ".join(f"w{n}&<>" for n in range(3000))  # ~21k characters once escaped
    messages = render.render_answer(_answer([_quote(text)]))
    assert len(messages) > 1
    _assert_fits(messages)
    assert " ".join(_all_quotes(messages)) == text
    assert "[1]" in messages[-1] and "[1]" not in messages[0]


def test_unbroken_text_and_astral_characters_fit() -> None:
    emoji = "😀" * 3000  # two UTF-16 units each
    messages = render.render_answer(_answer([_quote(emoji), _quote("x" * 9000, number=2)]))
    _assert_fits(messages)
    assert "".join(_all_quotes(messages)) == emoji + "x" * 9000


def test_passage_and_reported_kinds_are_labelled() -> None:
    passage = _quote("Text.", speaker=None)
    passage.kind = "passage"
    reported = _quote("They said so.", number=2)
    reported.kind = "reported"
    [message] = render.render_answer(_answer([passage, reported]))
    assert "<b>From the article</b>" in message
    assert "(reported speech)" in message and "(passage, no attributed speaker)" in message


def test_not_found_answer_is_escaped_text() -> None:
    [message] = render.render_answer(_answer([], text="Nothing about <NATO> & co."))
    assert message == "Nothing about &lt;NATO&gt; &amp; co."


def test_seed_quotes_render_verbatim() -> None:
    quotes = seed_quotes()
    messages = render.render_answer(_answer(quotes))
    _assert_fits(messages)
    assert _all_quotes(messages) == [q.text for q in quotes]


@pytest.mark.parametrize("count", [0, 3, 400])
def test_speakers_and_sources_lists_fit(count: int) -> None:
    speakers = [
        SpeakerSummary(name=f"Speaker <{n}>", roles=["role & co"], quote_count=n, article_count=1)
        for n in range(count)
    ]
    sources = [
        SourceSummary(
            doc_id=str(n),
            title=f"T<{n}>",
            url="https://x/?a=1&b=2",
            path="p",
            paragraph_count=3,
            quote_count=n,
        )
        for n in range(count)
    ]
    for messages in (render.render_speakers(speakers), render.render_sources(sources)):
        _assert_fits(messages)
        for message in messages:
            parse(message)
    # Every speaker and every article is listed exactly once, most quoted / newest first.
    shown = "\n".join(render.render_speakers(speakers))
    assert [shown.count(f"<b>Speaker &lt;{n}&gt;</b>") for n in range(count)] == [1] * count
    positions = [shown.index(f"Speaker &lt;{n}&gt;</b>") for n in reversed(range(count))]
    assert positions == sorted(positions)
    listed = "\n".join(render.render_sources(sources))
    assert [listed.count(f"T&lt;{n}&gt;</a>") for n in range(count)] == [1] * count


def test_paragraph_is_split_when_long() -> None:
    source = _quote("x").source
    messages = render.render_paragraph(source, "para & graph " * 800, 2)
    _assert_fits(messages)
    assert all(m.startswith("[2] ") for m in messages)


def test_start_uses_real_speakers_as_examples() -> None:
    speakers = [
        SpeakerSummary(name="Jennifer Psaki", quote_count=5, article_count=1),
        SpeakerSummary(name="Gennady Zyuganov", quote_count=3, article_count=1),
        SpeakerSummary(name="A <B>", quote_count=1, article_count=1),
        SpeakerSummary(name="Never Shown", quote_count=0, article_count=0),
    ]
    message = render.render_start(speakers)
    parse(message)
    assert "What did Jennifer Psaki say?" in message
    assert "Gennady Zyuganov" in message and "A &lt;B&gt;" in message
    assert "Never Shown" not in message
    assert "no articles" in render.render_start([])


def test_help_and_inline_card_are_valid() -> None:
    parse(render.render_help(is_admin=True))
    card = render.render_inline_card(_quote("Quote & <more>"))
    assert parse(card).blockquotes == [(False, "Quote & <more>")]


# --- hostile article metadata ---------------------------------------------------------------

HUGE = 6000


def _hostile_quote(**source: str) -> QuoteResult:
    quote = _quote("Hi there.", speaker="S" * HUGE)
    quote.role = "&" * HUGE
    for field, value in source.items():
        setattr(quote.source, field, value)
    return quote


@pytest.mark.parametrize(
    "source",
    [
        {"title": "T" * HUGE},
        {"title": "&<" * HUGE, "url": "https://x.example/" + "a&" * HUGE},
        {"outlet": "O&" * HUGE, "date": "D" * HUGE},
        {"url": "https://x.example/" + "u" * HUGE},
    ],
)
def test_huge_metadata_is_clipped_and_every_message_fits(source: dict[str, str]) -> None:
    quote = _hostile_quote(**source)
    for messages in (
        render.render_answer(_answer([quote, _quote("Second.", number=2)])),
        render.render_paragraph(quote.source, "para " * 2000, 3),
        [render.render_inline_card(quote)],
        render.render_sources(
            [SourceSummary(doc_id="d", path="p", paragraph_count=1, quote_count=1, **source)]
        ),
        render.render_speakers(
            [SpeakerSummary(name="N" * HUGE, roles=["R" * HUGE], quote_count=1, article_count=1)]
        ),
    ):
        _assert_fits(messages)
        for message in messages:
            parse(message)
    # The quote itself is never clipped: only the metadata around it is.
    assert "Hi there." in _all_quotes(render.render_answer(_answer([quote])))


def test_clip_cuts_on_the_escaped_length_and_marks_the_cut() -> None:
    assert render.clip("a & b", 100) == "a &amp; b"
    clipped = render.clip("&" * 100, 21)
    assert clipped == "&amp;" * 4 + "…"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "tg://resolve?domain=x",
        "//evil.example/x",
        "https://",
        "http://[::1",
    ],
)
def test_only_http_links_become_links(url: str) -> None:
    quote = _quote("Words.")
    quote.source.url = url
    summary = SourceSummary(
        doc_id="d", path="p", title="T", url=url, paragraph_count=1, quote_count=1
    )
    rendered = [
        *render.render_answer(_answer([quote])),
        render.render_inline_card(quote),
        *render.render_sources([summary]),
        *render.render_paragraph(quote.source, "Para.", 1),
    ]
    for message in rendered:
        assert "<a " not in message and "href" not in message
    assert "<i>Bread &amp; &lt;Circuses&gt;</i>" in rendered[0]


def test_http_and_https_links_stay_links() -> None:
    for url in ("http://a.example/x", "HTTPS://a.example/y?q=1"):
        quote = _quote("Words.")
        quote.source.url = url
        [message] = render.render_answer(_answer([quote]))
        assert f'<a href="{url.replace("&", "&amp;")}">' in message


def test_split_always_progresses_or_refuses() -> None:
    # A budget that cannot hold one wrapped character is refused, never looped on.
    with pytest.raises(ValueError):
        render._split("text", 5, render.blockquote)
    pieces = render._split("x" * 50, len(render.blockquote("x")), render.blockquote)
    assert pieces == ["x"] * 50


@pytest.mark.parametrize("count", [1, 100, 1000])
def test_pages_of_a_long_list_cover_it_once_and_name_the_next_page(count: int) -> None:
    sources = [
        SourceSummary(
            doc_id=str(n),
            title=f"Article number {n:04d} with a title of a usual length for the news",
            date=f"2022-01-{1 + n % 28:02d}",
            path="p",
            paragraph_count=3,
            quote_count=n,
        )
        for n in range(count)
    ]
    shown = 0
    number = 1
    while True:
        messages = render.render_sources(sources, page=render.Page(number, 2, "/sources"))
        _assert_fits(messages)
        assert len(messages) <= 2
        shown += sum(message.count(" quote") for message in messages)
        if shown == count:
            assert "more articles" not in messages[-1]
            break
        next_page = f"… and {count - shown:,} more articles: send /sources {number + 1}."
        assert messages[-1].endswith(next_page)
        number += 1
    # Past the last page, the reply says how many pages there are.
    [beyond] = render.render_sources(sources, page=render.Page(number + 1, 2, "/sources"))
    assert f"send /sources n, with n from 1 to {number}" in beyond
    # Unpaged, the whole list comes back, each article once.
    assert sum(m.count(" quote") for m in render.render_sources(sources)) == count
