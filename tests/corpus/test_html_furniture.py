"""HTML pages: furniture inside or beside the story is not body, judged by structure.

Each page here is hand-written in the shapes real pages use: a stream of teasers (headline
link, summary) before the story, a "MORE:" link between its paragraphs, a box of columns
with linked headings after it, a share bar, reader comments, a captioned photo. None is
recognised by an outlet's class names.
"""

from __future__ import annotations

from pathlib import Path

from corpus.loaders import load_file
from corpus.models import Article

_STORY = [
    "The city council voted on Tuesday to rebuild the old bridge over the river, ending a "
    "debate that had divided the town for most of the year and delayed other repairs.",
    "“We owe the people who cross it every day a bridge that will last,” said Mayor Ana Ruiz, "
    "who had proposed the plan in the spring after two engineering reports.",
    "Work is due to start in March and take two years, the council said in a statement, and "
    "a ferry will carry pedestrians across the river while the bridge is closed.",
    "Opponents had argued for a cheaper repair, but the engineers found the steel beneath the "
    "deck corroded beyond saving, according to the second of the two reports.",
]


def _story(*inserts: tuple[int, str]) -> str:
    """The story's paragraphs, with furniture inserted before the given paragraph numbers."""
    parts = [f"<p>{text}</p>" for text in _STORY]
    for index, html in sorted(inserts, reverse=True):
        parts.insert(index, html)
    return "".join(parts)


def _load(tmp_path: Path, body: str) -> Article:
    path = tmp_path / "page.html"
    path.write_text(
        "<html lang='en'><head><title>Council votes to rebuild the old bridge</title></head>"
        f"<body>{body}</body></html>",
        encoding="utf-8",
    )
    (article,) = load_file(path)
    return article


def _body(article: Article) -> str:
    return "\n".join(article.paragraph_text(p) for p in article.paragraphs)


def _teaser(n: int, summary: str) -> str:
    return (
        f"<li><div><span>World</span> <span>Wire service</span></div>"
        f"<h3><a href='/news/story-{n}.html'>Headline of another story number {n}</a></h3>"
        f"<p>{summary}</p></li>"
    )


def test_a_stream_of_teasers_before_the_story_is_not_body(tmp_path: Path):
    stream = "<ul>" + "".join(
        _teaser(
            n,
            f"A fashion designer has announced that she would not dress the new mayor of "
            f"town {n} when he takes office. “I was asked years ago and I declined,” the "
            f"designer said. Other designers have joined her in refusing to dress him.",
        )
        for n in range(1, 6)
    )
    stream += "</ul>"
    # No <article> element: the stream and the story are sibling blocks of the main column.
    article = _load(
        tmp_path,
        f"<div id='main'><div>{stream}</div><div><h1>Council votes to rebuild the old bridge"
        f"</h1>{_story()}</div></div>",
    )
    body = _body(article)
    assert "declined" not in body and "Headline of another story" not in body
    assert all(paragraph in body for paragraph in _STORY)


def test_teaser_boxes_with_linked_headings_after_the_story_are_not_body(tmp_path: Path):
    columns = "".join(
        f"<div class='box'><h4><a href='/opinion/column-{n}'>Columnist {n} on the budget "
        f"again</a></h4><div>COLUMNIST {n} It was said that the budget would change "
        f"everything, but “nothing changed at all,” the column says.</div></div>"
        for n in range(1, 5)
    )
    article = _load(
        tmp_path, f"<article><h1>Council votes</h1>{_story()}<div>{columns}</div></article>"
    )
    body = _body(article)
    assert "nothing changed" not in body and "Columnist" not in body
    assert all(paragraph in body for paragraph in _STORY)


def test_a_related_link_between_paragraphs_is_not_body(tmp_path: Path):
    related = [
        (1, "<p><b>MORE: <a href='/news/other'>Group strikes deal to revive stadium site, "
            "could bring jobs</a></b></p>"),
        (3, "<p><i>[Read: <a href='/news/why'>Why the town’s last bridge failed its "
            "inspection</a>]</i></p>"),
    ]  # fmt: skip
    article = _load(tmp_path, f"<article><h1>Council votes</h1>{_story(*related)}</article>")
    body = _body(article)
    assert "stadium" not in body and "inspection" not in body
    assert all(paragraph in body for paragraph in _STORY)


def test_links_inside_body_sentences_are_kept(tmp_path: Path):
    linked = [
        # A whole sentence linked (to its source) is still a sentence of the story.
        (1, "<p><a href='/docs/report.pdf'>The second report found the steel corroded.</a></p>"),
        # Links inside a paragraph, even long ones, do not make it furniture.
        (2, "<p>The <a href='/council'>town council of the river district</a> met on "
            "<a href='/calendar'>Tuesday evening in the old hall</a> to vote.</p>"),
    ]  # fmt: skip
    article = _load(tmp_path, f"<article><h1>Council votes</h1>{_story(*linked)}</article>")
    body = _body(article)
    assert "The second report found the steel corroded." in body
    assert "met on Tuesday evening in the old hall to vote." in body


def test_a_share_bar_is_not_body(tmp_path: Path):
    bar = (
        "<ul><li><a href='https://twitter.example/share'>Tweet this</a></li>"
        "<li><a href='https://mail.example/share'>Email</a></li>"
        "<li><a href='/reprints'>Reprints</a></li><li><a href='/link'>Link this</a></li></ul>"
    )
    article = _load(tmp_path, f"<article><h1>Council votes</h1>{_story((2, bar))}</article>")
    body = _body(article)
    assert "Tweet this" not in body and "Reprints" not in body


def test_share_buttons_drawn_without_links_are_not_body(tmp_path: Path):
    bar = "<ul>" + "".join(
        f"<li><span onclick='share()'>{label}</span></li>"
        for label in ("Tweet this", "Link this", "Share this", "Email", "Reprints")
    )
    bar += "</ul>"
    article = _load(tmp_path, f"<article><h1>Council votes</h1>{_story((2, bar))}</article>")
    body = _body(article)
    assert "Tweet this" not in body and "Reprints" not in body
    assert all(paragraph in body for paragraph in _STORY)


def test_a_round_up_of_reactions_led_by_linked_names_is_kept(tmp_path: Path):
    reactions = "<ul>" + "".join(
        f"<li><a href='https://social.example/{n}'>{name}</a>: “{words}”</li>"
        for n, (name, words) in enumerate(
            [
                ("Sen. Jane Q. Doe", "This bridge is long overdue for the whole valley."),
                ("Mayor Ana Ruiz", "We owe the people who cross it a bridge that lasts."),
                ("Councillor Tom Berg", "I voted against it and I would do so again."),
                ("Rep. Ann Lee", "The state will help pay for the ferry service."),
            ]
        )
    )
    reactions += "</ul>"
    article = _load(tmp_path, f"<article><h1>Council votes</h1>{_story((2, reactions))}</article>")
    body = _body(article)
    assert "I voted against it and I would do so again." in body
    assert "The state will help pay for the ferry service." in body


def test_reader_comments_are_not_body(tmp_path: Path):
    comments = "<div id='comments'><h3>12 Comments</h3><ol>" + "".join(
        f"<li class='comment'><div><a href='/user/{n}'>reader{n}</a> <span>2 hours ago</span>"
        f"</div><p>“Nobody asked the people of town {n} what they wanted,” said my neighbour."
        f"</p><a href='#reply'>Reply</a></li>"
        for n in range(5)
    )
    comments += "</ol></div>"
    article = _load(tmp_path, f"<article><h1>Council votes</h1>{_story()}</article>{comments}")
    body = _body(article)
    assert "Nobody asked" not in body
    assert all(paragraph in body for paragraph in _STORY)


def test_a_photo_caption_with_a_quote_is_not_body(tmp_path: Path):
    figure = (
        "<figure><img src='/bridge.jpg'><figcaption>“We will rebuild it,” the mayor said at "
        "the site on Monday. (Photo: A. Person / Town News)</figcaption></figure>"
    )
    article = _load(tmp_path, f"<article><h1>Council votes</h1>{_story((2, figure))}</article>")
    body = _body(article)
    assert "We will rebuild it" not in body
    assert all(paragraph in body for paragraph in _STORY)


def test_long_entries_under_linked_headings_are_kept(tmp_path: Path):
    # A live blog's entries have permalinks in their headings, but each is an article's
    # worth of text, not a teaser's summary.
    entries = "".join(
        f"<div><h3><a href='/live#entry-{n}'>Update number {n} from the council</a></h3>"
        f"<p>{_STORY[n]}</p><p>{_STORY[(n + 1) % 4]}</p><p>{_STORY[(n + 2) % 4]}</p></div>"
        for n in range(4)
    )
    article = _load(tmp_path, f"<article><h1>Council votes</h1>{entries}</article>")
    body = _body(article)
    assert all(paragraph in body for paragraph in _STORY)
