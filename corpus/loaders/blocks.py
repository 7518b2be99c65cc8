"""Paragraph spans: splitting text into blocks and dropping what is not article body.

Everything here works on ``(start, end)`` spans into one text, so the paragraphs a loader
keeps always index the article text exactly. Scraped pages carry debris that is not body:
photo captions (printed twice, the second copy with a credit such as "(Photo: A / TASS)"),
lines with no letters ("0 0"), and page furniture at the end ("Leave a Reply", share
buttons, category labels, a copyright notice, wire copy's "(Reporting by …; Editing by …)").
These are recognised by shape, not by the words of one site.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

logger = logging.getLogger(__name__)

Span = tuple[int, int]

_BOM = "\ufeff"

# A line break followed by one or more whitespace-only lines.
_BLANK_RUN = re.compile(r"(?:\r\n|\r|\n)(?:[^\S\r\n]*(?:\r\n|\r|\n))+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LETTER = re.compile(r"[^\W\d_]")
# Text wrapped by hand or by a tool keeps lines shorter than this.
_MAX_WRAPPED_LINE = 100

_CREDIT = re.compile(
    r"(?:\(\s*[^()]{0,60}?\b(?:photo(?:graph)?s?|image|picture|pic|credit|foto|фото)\b"
    r"\s*(?:by\b|via\b|:|/|©)[^()]{1,150}\)"
    r"|(?<=[.!?])\s+(?:photo|image|picture)s?(?:\s+credit)?\s*(?:by\b|:)[^.!?\"“”]{1,80})"
    r"\s*$",
    re.IGNORECASE,
)
_CAPTION_PREFIX = re.compile(
    r"(?:in the (?:photo|picture|image)|pictured|photo|image|caption)\s*:", re.IGNORECASE
)
_MAX_CAPTION = 400

_FURNITURE = frozenset(
    {
        "add a comment", "advertisement", "article categories", "cancel reply", "categories",
        "category", "comments", "continue reading", "copy link", "e-mail", "email", "facebook",
        "filed under", "follow us", "leave a comment", "leave a reply", "like", "like this",
        "linkedin", "loading", "more on this topic", "next article", "next post",
        "odnoklassniki", "pinterest", "pocket", "post a comment", "post navigation",
        "previous article", "previous post", "print", "read also", "read more",
        "read the full article", "read the full story", "read the rest here", "recommended",
        "reddit", "related", "related articles", "related news", "related posts",
        "required fields are marked", "see also", "share", "share on facebook",
        "share on twitter", "share this", "share this article", "share this story",
        "subscribe", "subscribe to our newsletter", "tagged", "tags", "telegram", "tweet",
        "twitter", "viber", "vk", "vkontakte", "whatsapp", "you may also like",
        "you might also like", "your email address will not be published",
    }
)  # fmt: skip
_COUNT_LABEL = re.compile(r"\d+\s+(?:comments?|shares?|likes?|views?)", re.IGNORECASE)
# A copyright notice, and the credit lines wire copy ends with: the staff who reported,
# wrote or edited the story, not words of it.
_NOTICE = re.compile(
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))"
    r"|[(\[—–-]*\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|with assistance)"
    r"(?:\s+and\s+\w+)?\s+by\s"
    r"|.{0,200}\bcontributed (?:reporting )?to this (?:report|story|article)\b",
    re.IGNORECASE,
)
_MAX_NOTICE = 800
_FRAGMENT_END = tuple(".!?…\"”»'’)")
_QUOTE_MARKS = frozenset('"“”«»„')


def strip_span(text: str, start: int, end: int) -> Span | None:
    """Shrink a span to exclude surrounding whitespace; None when nothing is left.

    A byte order mark counts as whitespace: Windows editors start UTF-8 files with one, and
    it must not become part of a title or a date line (the text keeps it, so offsets still
    index the file).
    """
    while start < end and (text[start].isspace() or text[start] == _BOM):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == _BOM):
        end -= 1
    return (start, end) if start < end else None


def _split(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    cursor = start
    for match in pattern.finditer(text, start, end):
        span = strip_span(text, cursor, match.start())
        if span:
            spans.append(span)
        cursor = match.end()
    span = strip_span(text, cursor, end)
    if span:
        spans.append(span)
    return spans


def split_blocks(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split a region of text into blocks separated by blank lines."""
    return _split(_BLANK_RUN, text, start, len(text) if end is None else end)


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split a region of text into its non-empty lines."""
    return _split(_LINE_BREAK, text, start, len(text) if end is None else end)


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split a region into paragraphs: on blank lines, or on line breaks if it has none.

    A block with a line too long to be hard-wrapped is a run of one-line paragraphs (as
    scrapers write them), so it is split on its line breaks too.
    """
    stop = len(text) if end is None else end
    if not _BLANK_RUN.search(text, start, stop):
        return split_lines(text, start, stop)
    spans: list[Span] = []
    for block in split_blocks(text, start, stop):
        lines = split_lines(text, *block)
        if len(lines) > 1 and max(e - s for s, e in lines) > _MAX_WRAPPED_LINE:
            spans.extend(lines)
        else:
            spans.append(block)
    return spans


def has_letters(line: str) -> bool:
    """Tell whether a string has any letter (scraper debris such as "0 0" has none)."""
    return _LETTER.search(line) is not None


def squash(text: str) -> str:
    """Collapse runs of whitespace so copies of a paragraph compare equal."""
    return " ".join(text.split())


def has_credit(text: str) -> bool:
    """Tell whether a paragraph ends with a photo credit such as "(Photo: A / TASS)"."""
    return _CREDIT.search(text) is not None


def _is_caption_copy(first: str, second: str) -> bool:
    """Tell whether ``second`` repeats ``first``, possibly followed by a photo credit."""
    if second == first:
        return True
    if not second.startswith(first):
        return False
    credit = _CREDIT.search(second)
    return credit is not None and not second[len(first) : credit.start()].strip()


def _is_furniture_line(line: str) -> bool:
    key = squash(line).lower().rstrip(":.!…*").strip()
    if not key or not has_letters(key):
        return True
    if key in _FURNITURE or _COUNT_LABEL.fullmatch(key):
        return True
    if len(key) <= _MAX_NOTICE and _NOTICE.match(key):
        return True
    # A short label ending in a colon ("Article Categories:", "Tags:") heads furniture.
    return line.rstrip().endswith(":") and len(key) <= 40 and len(key.split()) <= 4


def _is_furniture(text: str, span: Span) -> bool:
    return all(_is_furniture_line(text[s:e]) for s, e in split_lines(text, *span))


def _is_fragment(block: str) -> bool:
    """Tell whether a block is a short non-sentence, such as a category name or a tag list."""
    return (
        len(block) <= 80
        and "\n" not in block
        and not block.endswith(_FRAGMENT_END)
        and not _QUOTE_MARKS.intersection(block)
    )


def clean_body(text: str, spans: Sequence[Span], *, title: str | None = None) -> list[Span]:
    """Keep the spans that are article body, dropping captions, debris and page furniture.

    Args:
        text: The text the spans index.
        spans: Candidate paragraph spans, in order.
        title: The article title; a paragraph repeating it is not body.

    Returns:
        The body spans, in order.
    """
    blocks = [text[s:e] for s, e in spans]
    squashed = [squash(block) for block in blocks]
    drop = [not has_letters(block) for block in blocks]
    title_key = squash(title) if title else None
    for i, block in enumerate(squashed):
        if title_key is not None and block == title_key:
            drop[i] = True
        elif i + 1 < len(blocks) and _is_caption_copy(block, squashed[i + 1]):
            drop[i] = drop[i + 1] = True
        elif len(block) <= _MAX_CAPTION and (
            has_credit(block) or _CAPTION_PREFIX.match(block) is not None
        ):
            drop[i] = True
    cut = _furniture_start(text, spans)
    kept = [span for i, span in enumerate(spans) if not drop[i] and i < cut]
    if len(kept) < len(spans):
        logger.debug("dropped %d non-body paragraphs", len(spans) - len(kept))
    return kept


def _furniture_start(text: str, spans: Sequence[Span]) -> int:
    """Return the index where trailing page furniture begins (``len(spans)`` if none).

    Walking back from the end, short fragments are skipped tentatively and only a block that
    is furniture for certain moves the cut, so a short last line of body is kept.
    """
    cut = len(spans)
    for i in range(len(spans) - 1, -1, -1):
        if _is_furniture(text, spans[i]):
            cut = i
        elif not _is_fragment(text[spans[i][0] : spans[i][1]]):
            break
    return cut
