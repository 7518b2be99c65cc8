"""Plain records of the offline side: articles, their paragraphs, and attributed quotes.

Offsets always index ``Article.text``. For plain-text and Markdown files that is the file's
own text as Python reads it (``open(path, encoding="utf-8", newline="")``), so a quote can
be checked against the file itself; for HTML and JSON Lines it is the extracted article text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# ``post``: the words of a person's own post (their Telegram channel, say), theirs as written.
QuoteKind = Literal["direct", "reported", "interview", "question", "post"]
# What the speaker is: a named person, an organisation (by its fullest name in the article),
# an unnamed source (``speaker`` is the description as printed, "an Iowa Republican") or a
# document ("the report").
SourceKind = Literal["person", "organisation", "anonymous", "document"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph: its 1-based number and its span in the article text."""

    number: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """An article as loaded from a file, before quote extraction."""

    doc_id: str
    path: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    content_hash: str
    title: str | None = None
    date: str | None = None  # ISO 8601, YYYY-MM-DD
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    # The person whose own words the whole text is (a post in their channel): its words
    # outside other people's quotes are that person's statements (kind ``post``).
    speaker: str | None = None

    def paragraph_text(self, paragraph: Paragraph) -> str:
        """Return the text of one of this article's paragraphs."""
        return self.text[paragraph.start : paragraph.end]


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker, as the extraction engine found them.

    ``text == article.text[start:end]`` always holds; quotation marks are excluded.
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    paragraph: int
    speaker: str | None = None
    role: str | None = None
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    cue: str | None = None
    confidence: float = 0.0
    source_kind: SourceKind = "person"


@dataclass(slots=True)
class ParsedArticle:
    """An article together with the quotes the engine attributed in it."""

    article: Article
    quotes: list[Quote] = field(default_factory=list)
