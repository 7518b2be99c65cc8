"""Find the spans between quotation marks, paragraph by paragraph."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.models import Paragraph

logger = logging.getLogger(__name__)

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
DOUBLE_MARKS = OPENERS | CLOSERS | {STRAIGHT}
# Stands in for quoted words in the masked text, so narrative rules never match inside a quote.
MASK = "\x00"
_NON_SPACE = re.compile(r"\S")


@dataclass(slots=True)
class MarkedSpan:
    """Words between quotation marks within one paragraph.

    ``start``/``end`` exclude the marks and surrounding whitespace; ``open_at``/``close_at`` are
    the offsets of the marks themselves (``close_at`` is ``None`` when the paragraph ends first).
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    paragraph: int
    continues_previous: bool = False


# Two apostrophes standing for a double quotation mark, as some archives print quotes
# ('' ... ''): an opening pair follows a space or a bracket and precedes a word, a closing
# pair follows a word or a punctuation mark and precedes a space, a punctuation mark or the end.
_DOUBLED_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))''(?=[\w‘'(\[$£€.…])", re.M)
_DOUBLED_CLOSE = re.compile(r"(?<=[\w.,!?;:…)\]%])''(?=[\s,.;:!?)\]—–-]|$)", re.M)


def curl_doubled(text: str) -> str:
    """Return ``text`` with each '' pair used as a double quotation mark made a curly one.

    The length and every other character stay the same, so offsets index both texts:
    an opening pair becomes " “", a closing pair "” ".
    """
    if "''" not in text:
        return text
    text = _DOUBLED_OPEN.sub(" “", text)
    return _DOUBLED_CLOSE.sub("” ", text)


def _is_opening_straight(text: str, pos: int, lo: int) -> bool:
    before = text[pos - 1] if pos > lo else " "
    return before.isspace() or before in "([{—–-/:" or pos == lo


def find_spans(text: str, paragraphs: Sequence[Paragraph]) -> list[MarkedSpan]:
    """Return every double-quoted span of the article, in order.

    A paragraph that ends inside a quote yields a span running to its end; when the next
    paragraph opens with a quotation mark, its first span is flagged as continuing it.
    """
    spans: list[MarkedSpan] = []
    carried = False
    # Paragraphs that go on an unclosed quotation with no opening mark of their own, each
    # with where the quotation closes in it (None: it runs to the paragraph's end).
    unmarked: dict[int, int | None] = {}
    for index, para in enumerate(paragraphs):
        open_at: int | None = None
        nested = 0
        first = True
        resume = para.start
        if index in unmarked:
            close = unmarked[index]
            # The paragraph's start stands in for the opening mark it lacks.
            spans.extend(_make(text, para.start - 1, close, para, True))
            if close is None:
                carried = True
                continue
            first = False
            resume = close + 1
        for pos in range(resume, para.end):
            ch = text[pos]
            if ch not in DOUBLE_MARKS:
                continue
            if open_at is None:
                if ch in CLOSERS or (
                    ch == STRAIGHT
                    and not _is_opening_straight(text, pos, para.start)
                    and pos + 1 < para.end
                    and not text[pos + 1].isalnum()
                ):
                    # A stray closing mark: nothing sensible to pair it with.
                    continue
                open_at = pos
                continue
            opener = text[open_at]
            if pos == open_at + 1:
                open_at = pos  # '"“': two marks in a row open one quote, the inner counts.
                continue
            if opener == "„" and ch in "“”":
                pass  # „…“ and „…”: the German and Polish pairs close with a raised mark.
            elif ch in OPENERS and opener in OPENERS:
                if _closes(text, pos, para.end):
                    pass  # “Apparently not,“ he said: a closing quote typed the wrong way round.
                elif _count_closers(text, pos, para.end) >= nested + 2:
                    nested += 1  # a quotation inside the quotation
                    continue
                else:
                    open_at = pos  # the first was never closed: start again here
                    continue
            elif nested and ch in CLOSERS:
                nested -= 1
                continue
            spans.extend(_make(text, open_at, pos, para, carried and first))
            first = False
            open_at = None
        if open_at is not None:
            spans.extend(_make(text, open_at, None, para, carried and first))
            carried = True
            unmarked.update(_unmarked_continuation(text, paragraphs, index))
        else:
            carried = False
    return spans


# How many paragraphs a quotation may run on without opening marks before its closing one.
_UNMARKED_REACH = 4


def _unmarked_continuation(
    text: str, paragraphs: Sequence[Paragraph], index: int
) -> dict[int, int | None]:
    """Find the paragraphs that continue an unclosed quotation without an opening mark.

    The convention is to open each paragraph of a quotation running over several with a
    mark; some copy does not, and the quotation is then closed by a mark with no opener in
    a later paragraph ('... forty percent.' / 'The effect held ...' / '... other countries,"
    Marsh said.'). Nothing is taken unless such a closing mark is found, before any
    paragraph that opens a quotation of its own.
    """
    found: dict[int, int | None] = {}
    for j in range(index + 1, min(index + 1 + _UNMARKED_REACH, len(paragraphs))):
        para = paragraphs[j]
        first = next(
            (pos for pos in range(para.start, para.end) if text[pos] in DOUBLE_MARKS), None
        )
        if first is None:
            found[j] = None
            continue
        ch = text[first]
        closing = ch in CLOSERS or (
            ch == STRAIGHT and not _is_opening_straight(text, first, para.start)
        )
        if not closing or first == para.start:
            return {}
        found[j] = first
        return found
    return {}


def _closes(text: str, pos: int, end: int) -> bool:
    """Tell whether a mark sits where a closing one would: after a word, before a space."""
    after = text[pos + 1] if pos + 1 < end else " "
    return not text[pos - 1].isspace() and (after.isspace() or after in ",.;:!?")


def _count_closers(text: str, pos: int, end: int) -> int:
    return sum(1 for ch in text[pos + 1 : end] if ch in CLOSERS)


def _make(
    text: str, open_at: int, close_at: int | None, para: Paragraph, continues: bool
) -> list[MarkedSpan]:
    start = open_at + 1
    end = close_at if close_at is not None else para.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return []
    # A search, not a slice of the paragraph before the quote: a slice made this quadratic.
    at_start = _NON_SPACE.search(text, para.start, open_at) is None
    return [MarkedSpan(start, end, open_at, close_at, para.number, continues and at_start)]


def mask(text: str, spans: Sequence[MarkedSpan]) -> str:
    """Return ``text`` with every quoted span's words replaced by :data:`MASK`."""
    chars = list(text)
    for span in spans:
        hi = span.close_at if span.close_at is not None else span.end
        for i in range(span.open_at + 1, hi):
            chars[i] = MASK
    return "".join(chars)
