"""Plain-text articles, including text scraped from news pages.

A scraped file starts with a header: a date line ("Jan 6, 2022"), debris with no letters
("0 0"), the title, perhaps a byline. The body follows in paragraphs separated by blank
lines (or one per line when the file has no blank lines), then page furniture. A plain file
without a header loads too: its first line is the title, unless it is a statement with its
speaker (a quotation and who said it: «…», — сказал он; “…,” she said; "Name: «…»"), which
is body: its quote must reach the quote engine. When the text has no date, a date in the
file name ("kazakhstan-unrest-2022-01-06.txt") is used.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from corpus.loaders.article import file_article
from corpus.loaders.blocks import Span, has_letters, paragraph_spans, split_lines
from corpus.loaders.dates import normalize_date
from corpus.loaders.files import decode_utf8, read_bytes
from corpus.models import Article

logger = logging.getLogger(__name__)

# A first line longer than this is a paragraph of body, not a title.
_MAX_TITLE = 300
# How many blocks after the title may still be header (date, byline, debris).
_HEADER_BLOCKS = 3
_OPEN = '«„“"'
_CLOSE = '»“”"'
# A line holding a quotation and who said it, by its punctuation: body, never a title.
_STATEMENT = re.compile(
    # «…», — сказал он. / “…,” she said.: the quotation, then its attribution
    rf"[{_OPEN}][^{_OPEN}{_CLOSE}]{{3,}}[{_CLOSE}]\s*[,.!?…]?\s*[—–]+\s*\w"
    rf"|[“\"][^“”\"]{{3,}}[,!?][”\"]\s+\w"
    # — Текст, — сказал он.: direct speech led by a dash, with its attribution
    r"|^\s*[—–]\s+\S[^—–]*[,!?…]\s*[—–]\s+\w"
    # Виктор Понедельник: «…»: the speaker, a colon, the quotation
    rf"|^[^\W\d_][^:{_OPEN}{_CLOSE}]{{1,80}}:\s*[{_OPEN}][^{_OPEN}{_CLOSE}]{{3,}}[{_CLOSE}]"
    r"\s*[.!?…]?\s*$"
)
_BYLINE = re.compile(
    r"(?:[Bb]y|BY|[Aa]uthor:)\s+(?P<name>[A-Z][\w.'’-]*(?:,?\s+(?:and\s+)?[A-Z][\w.'’-]*){0,5})"
)


@dataclass(frozen=True, slots=True)
class Header:
    """What the start of a plain-text article says about it."""

    title: str | None
    date: str | None
    author: str | None


def load_text(path: Path) -> list[Article]:
    """Load a plain-text article; ``Article.text`` is the file's text exactly.

    Raises:
        LoadError: The file is empty, binary, not UTF-8 or has no body paragraphs.
    """
    raw = read_bytes(path)
    text = decode_utf8(path, raw)
    header, spans = split_header(text, paragraph_spans(text))
    return file_article(
        path, raw, text, spans, title=header.title, date=header.date, author=header.author
    )


def split_header(text: str, blocks: list[Span]) -> tuple[Header, list[Span]]:
    """Read the header off the first blocks and return it with the remaining blocks.

    Before the title, date lines and debris are skipped; the first other line is the title
    (unless too long to be one, or a statement with its speaker). Up to a few one-line blocks
    after the title may still be a date, a byline or debris.
    """
    title: str | None = None
    date: str | None = None
    author: str | None = None
    index = 0
    rest: list[Span] = []
    while index < len(blocks):
        start, end = blocks[index]
        index += 1
        body_start: int | None = None
        for line_start, line_end in split_lines(text, start, end):
            line = text[line_start:line_end]
            line_date = normalize_date(line)
            if line_date or not has_letters(line):
                date = date or line_date
                continue
            if len(line) <= _MAX_TITLE and _STATEMENT.search(line) is None:
                title = line
                body_start = line_end
            else:
                body_start = line_start
            break
        if body_start is None:
            continue  # the whole block was dates and debris
        remainder = split_lines(text, body_start, end)
        if remainder:
            rest.append((remainder[0][0], remainder[-1][1]))
        break
    if title is not None and not rest:
        for _ in range(_HEADER_BLOCKS):
            if index >= len(blocks):
                break
            start, end = blocks[index]
            line = text[start:end]
            if "\n" in line or "\r" in line:
                break
            line_date = normalize_date(line)
            byline = _BYLINE.fullmatch(line) if author is None else None
            if line_date:
                date = date or line_date
            elif byline and not line.endswith((".", "!", "?")):
                author = byline["name"].strip()
            elif has_letters(line):
                break
            index += 1
    rest.extend(blocks[index:])
    return Header(title=title, date=date, author=author), rest
