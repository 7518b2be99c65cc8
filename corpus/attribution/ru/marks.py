"""Pair Russian quotation marks into spans, paragraph by paragraph.

Russian prints quotations in «ёлочки», nests „лапки“ (or “…”, or «…» again) inside them,
and agency copy uses plain "…" for both. Marks are paired with a stack, so the nested pair in
«… партии «Яблоко» …» closes before the outer one. A quotation still open at its paragraph's
end runs to it; a next paragraph that opens with a mark continues it (the Russian way of
printing a quotation over several paragraphs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corpus.models import Paragraph

# Opening mark -> the marks that close it.
_CLOSERS = {"«": "»", "„": "“”", "“": "”", '"': '"'}
_OPENERS = frozenset(_CLOSERS)
_ALL_CLOSERS = frozenset('»“”"')


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """Words between quotation marks: ``text[start:end]``, the marks themselves excluded."""

    open_at: int
    start: int
    end: int
    close_at: int | None  # None: the quotation runs to its paragraph's end
    paragraph: int
    depth: int  # 0 for a quotation, 1 or more for one nested inside it
    continues_previous: bool = False


def _pair(text: str, para: Paragraph) -> list[MarkedSpan]:
    stack: list[tuple[str, int, int]] = []  # (mark, offset, depth)
    spans: list[MarkedSpan] = []
    for i in range(para.start, para.end):
        c = text[i]
        if c not in _OPENERS and c not in _ALL_CLOSERS:
            continue
        closes = next(
            (k for k in range(len(stack) - 1, -1, -1) if c in _CLOSERS[stack[k][0]]), None
        )
        if c in ('"', "“") and closes is None:
            # A plain quote toggles; "“" closes a „ and otherwise opens (English style).
            stack.append((c, i, len(stack)))
            continue
        if c in _OPENERS and c not in _ALL_CLOSERS:
            stack.append((c, i, len(stack)))
            continue
        if closes is None:
            continue  # a stray closing mark
        _, at, depth = stack[closes]
        del stack[closes:]
        spans.append(MarkedSpan(at, at + 1, i, i, para.number, depth))
    for _, at, depth in stack:
        # Still open at the paragraph's end: a quotation running on (only an outer one).
        if depth == 0:
            spans.append(MarkedSpan(at, at + 1, para.end, None, para.number, depth))
    return spans


def find_spans(text: str, paragraphs: Sequence[Paragraph]) -> list[MarkedSpan]:
    """Return the marked spans of every paragraph in text order, empty ones left out."""
    spans: list[MarkedSpan] = []
    previous_open = False
    for para in sorted(paragraphs, key=lambda p: p.start):
        found = sorted(_pair(text, para), key=lambda s: (s.open_at, s.depth))
        first_outer = next((s for s in found if s.depth == 0), None)
        for span in found:
            if span.end <= span.start or not text[span.start : span.end].strip():
                continue
            if (
                previous_open
                and span is first_outer
                and not text[para.start : span.open_at].strip()
            ):
                span = MarkedSpan(
                    span.open_at,
                    span.start,
                    span.end,
                    span.close_at,
                    span.paragraph,
                    span.depth,
                    continues_previous=True,
                )
            spans.append(span)
        previous_open = any(s.close_at is None and s.depth == 0 for s in found)
    return spans


def outer(spans: Sequence[MarkedSpan]) -> list[MarkedSpan]:
    """Return the spans no other span holds."""
    kept: list[MarkedSpan] = []
    for span in sorted(spans, key=lambda s: (s.open_at, -s.end)):
        if kept and kept[-1].open_at < span.open_at and span.end <= kept[-1].end:
            continue
        kept.append(span)
    return kept
