"""Cut a parsed article into the chunks that are embedded and searched.

Two kinds of chunk, both exact spans of the article text:

- quote chunks: an attributed quote, or a window of whole sentences of a long one (an
  interview answer can run to several hundred words, more than the model reads at once and
  more than a reader wants as an answer);
- passage chunks: a paragraph, or a window of its sentences, so open questions with no
  attributed answer still find the right place in the article.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from corpus.generation import generation
from corpus.models import ParsedArticle

QUOTE_WINDOW_WORDS = 70
PASSAGE_WINDOW_WORDS = 120
PASSAGE_COVERED = 0.8  # a passage this much inside quotes is not embedded again

# A sentence ends at . ! ? or … (plus any closing mark), before a space and a likely opener;
# not after a list number ("1."), an initial ("J.") or a title ("Mr.").
_SENTENCE_END = re.compile(
    r"(?<!\b\d)(?<!\b\d\d)(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)"
    r"[.!?…]+[\"”’»)]*\s+(?=[\"“‘«(–—-]?\s*[A-Z0-9А-ЯЁ])"
)


@dataclass(frozen=True, slots=True)
class Chunk:
    """One searchable span of an article, with the metadata stored beside it in Chroma."""

    id: str
    text: str
    metadata: dict[str, Any]


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentence spans (absolute offsets, whitespace trimmed)."""
    spans = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s[1] > s[0]]


def windows(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    """Group whole sentences of ``text[start:end]`` into spans of at most ``max_words`` words.

    A single sentence longer than the limit stays whole: cutting it would change its meaning.
    """
    out: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    words = 0
    for a, b in sentence_spans(text, start, end):
        n = len(text[a:b].split())
        if current is not None and words + n > max_words:
            out.append(current)
            current = None
            words = 0
        current = (a, b) if current is None else (current[0], b)
        words += n
    if current is not None:
        out.append(current)
    return out


def make_chunks(parsed: ParsedArticle) -> list[Chunk]:
    """Return the quote and passage chunks of one article."""
    return list(_quote_chunks(parsed)) + list(_passage_chunks(parsed))


def _quote_chunks(parsed: ParsedArticle) -> Iterator[Chunk]:
    article = parsed.article
    for index, quote in enumerate(parsed.quotes):
        for part, (a, b) in enumerate(
            windows(article.text, quote.start, quote.end, QUOTE_WINDOW_WORDS)
        ):
            meta = _base(parsed, "quote", a, b, quote.paragraph)
            meta.update(kind=quote.kind, quote_index=index, part=part)
            meta["confidence"] = float(quote.confidence)
            for key in ("speaker", "role", "cue", "mention", "source_kind"):
                value = getattr(quote, key)
                if value:
                    meta[key] = value
            yield Chunk(_chunk_id(parsed, "q", a, b), article.text[a:b], meta)


def _passage_chunks(parsed: ParsedArticle) -> Iterator[Chunk]:
    article = parsed.article
    quoted = _Coverage([(q.start, q.end) for q in parsed.quotes])
    for paragraph in article.paragraphs:
        for a, b in windows(article.text, paragraph.start, paragraph.end, PASSAGE_WINDOW_WORDS):
            if quoted.share(a, b) >= PASSAGE_COVERED:
                # Mostly quoted already (an interview answer, say): the quote chunks carry the
                # same words, and embedding them twice would nearly double ingest time.
                continue
            meta = _base(parsed, "passage", a, b, paragraph.number)
            meta["kind"] = "passage"
            yield Chunk(_chunk_id(parsed, "p", a, b), article.text[a:b], meta)


def _base(
    parsed: ParsedArticle, type_: str, start: int, end: int, paragraph: int
) -> dict[str, Any]:
    article = parsed.article
    return {
        "doc_id": article.doc_id,
        "generation": generation(article),
        "type": type_,
        "start": start,
        "end": end,
        "paragraph": paragraph,
    }


def _chunk_id(parsed: ParsedArticle, tag: str, start: int, end: int) -> str:
    # Deterministic: the same article content always yields the same ids, so re-ingest upserts.
    article = parsed.article
    digest = hashlib.sha1(f"{generation(article)}:{tag}:{start}:{end}".encode()).hexdigest()
    return f"{article.doc_id}:{digest[:16]}"


class _Coverage:
    """How much of a span lies inside a set of (possibly overlapping) spans.

    The spans are sorted and merged once, with running totals, so each question costs a
    binary search: chunking stays linear in an article's size however many quotes it has
    (it was quotes × paragraphs, minutes for a 2 MB file).
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            elif b > a:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]
        self._before = list(accumulate((b - a for a, b in merged), initial=0))

    def inside(self, position: int) -> int:
        """Return how many characters before ``position`` lie inside the spans."""
        index = bisect_right(self._starts, position) - 1
        if index < 0:
            return 0
        return self._before[index] + min(position, self._ends[index]) - self._starts[index]

    def share(self, start: int, end: int) -> float:
        """Return the share of ``[start, end)`` inside the spans (1.0 for an empty span)."""
        if end <= start:
            return 1.0
        return (self.inside(end) - self.inside(start)) / (end - start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
