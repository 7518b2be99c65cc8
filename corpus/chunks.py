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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import Literal, get_args

from corpus.models import ParsedArticle, SourceKind

QUOTE_WINDOW_WORDS = 70
PASSAGE_WINDOW_WORDS = 120
PASSAGE_COVERED = 0.8  # a passage this much inside quotes is not embedded again

# A sentence ends at . ! ? or … (plus any closing mark), before a space and a likely opener;
# not after a list number ("1."), an initial ("J.") or a title ("Mr.").
_SENTENCE_END = re.compile(
    r"(?<!\b\d)(?<!\b\d\d)(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)"
    r"[.!?…]+[\"”’»)]*\s+(?=[\"“‘«(–—-]?\s*[A-Z0-9А-ЯЁ])"
)


ChunkType = Literal["quote", "passage"]
# Chroma stores metadata values as these scalars; ``None`` is never written.
Scalar = str | int | float | bool


@dataclass(frozen=True, slots=True)
class ChunkRecord:
    """What is stored beside one chunk: the one record the writer makes and every reader reads.

    :func:`make_chunks` builds it, :meth:`metadata` is what Chroma stores, and
    :meth:`from_metadata` reads that back once, when the answering view loads, so no reader
    spells a metadata key again.
    """

    doc_id: str
    generation: str
    type: ChunkType
    start: int
    end: int
    paragraph: int
    # A quote's kind (direct, reported, interview, question), or "passage".
    kind: str
    quote_index: int | None = None  # the quote's place among its article's quotes
    part: int = 0  # the window of a long quote (0: its first)
    confidence: float | None = None
    speaker: str | None = None  # as printed; for anonymous sources the description
    role: str | None = None
    cue: str | None = None
    mention: str | None = None
    source_kind: SourceKind | None = None  # None for passages
    # The article's date as YYYYMMDD and its outlet as compared (:func:`outlet_key`): what
    # questions filter on ("in January 2022", "according to Reuters"), in Chroma itself.
    date: int | None = None
    outlet: str | None = None

    @property
    def is_quote(self) -> bool:
        """Whether this chunk is an attributed quote (not a passage)."""
        return self.type == "quote"

    @property
    def named(self) -> bool:
        """Whether the source is somebody with a name (a person or an organisation)."""
        # "an Iowa Republican", "the report": described sources are nobody's name.
        return self.speaker is not None and self.source_kind in ("person", "organisation")

    def metadata(self) -> dict[str, Scalar]:
        """Return the record as Chroma metadata (unset fields left out)."""
        meta: dict[str, Scalar] = {
            "doc_id": self.doc_id,
            "generation": self.generation,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
            "kind": self.kind,
        }
        if self.is_quote:
            meta["quote_index"] = self.quote_index if self.quote_index is not None else 0
            meta["part"] = self.part
            meta["confidence"] = float(self.confidence or 0.0)
        for key in ("speaker", "role", "cue", "mention", "source_kind", "date", "outlet"):
            value = getattr(self, key)
            if value:
                meta[key] = value
        return meta

    @classmethod
    def from_metadata(cls, meta: Mapping[str, object]) -> ChunkRecord:
        """Read a chunk's stored metadata.

        A quote stored before source kinds existed is a person's; before kinds, a direct one.

        Raises:
            ValueError: A field every chunk has is missing or of the wrong type.
        """
        try:
            is_quote = meta["type"] == "quote"
            raw_kind = meta.get("source_kind")
            return cls(
                doc_id=_text(meta["doc_id"]),
                generation=_text(meta["generation"]),
                type="quote" if is_quote else "passage",
                start=_whole(meta["start"]),
                end=_whole(meta["end"]),
                paragraph=_whole(meta["paragraph"]),
                kind=str(meta.get("kind") or "direct") if is_quote else "passage",
                quote_index=_whole(meta["quote_index"]) if "quote_index" in meta else None,
                part=_whole(meta.get("part", 0)),
                confidence=float(meta["confidence"])  # type: ignore[arg-type]
                if isinstance(meta.get("confidence"), int | float)
                else None,
                speaker=_optional(meta.get("speaker")),
                role=_optional(meta.get("role")),
                cue=_optional(meta.get("cue")),
                mention=_optional(meta.get("mention")),
                source_kind=(raw_kind if raw_kind in _SOURCE_KINDS else "person")  # type: ignore[arg-type]
                if is_quote
                else None,
                date=_whole(meta["date"]) if "date" in meta else None,
                outlet=_optional(meta.get("outlet")),
            )
        except KeyError as exc:
            raise ValueError(f"chunk metadata has no {exc.args[0]!r}") from None


_SOURCE_KINDS: frozenset[object] = frozenset(get_args(SourceKind))


def date_number(iso: str | None) -> int | None:
    """Return a ``YYYY-MM-DD`` date as the number Chroma compares (20220106), or None."""
    if not iso or len(iso) != 10 or not iso[:4].isdigit():
        return None
    digits = iso.replace("-", "")
    return int(digits) if digits.isdigit() else None


def outlet_key(name: str | None) -> str | None:
    """Return an outlet's name as compared: "The Guardian", "the guardian" and "Guardian"
    are one outlet; a bare host ("www.reuters.com") is its name ("reuters")."""
    if not name:
        return None
    text = name.strip().lower().removeprefix("www.")
    text = re.sub(r"\.(?:com|org|net|co\.uk|co|ru|news)$", "", text)
    words = re.findall(r"[^\W_]+", text)
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words) or None


def _text(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"expected text, got {type(value).__name__}")
    return value


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise ValueError(f"expected a whole number, got {type(value).__name__}")
    return int(value)


def _optional(value: object) -> str | None:
    return str(value) if value else None


@dataclass(frozen=True, slots=True)
class Chunk:
    """One searchable span of an article, with the record stored beside it in Chroma."""

    id: str
    text: str
    record: ChunkRecord


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


def make_chunks(parsed: ParsedArticle, generation: str) -> list[Chunk]:
    """Return the quote and passage chunks of one article, of this generation (see
    ``corpus.generation``: the article's content, the engine and the embedding model)."""
    return list(_quote_chunks(parsed, generation)) + list(_passage_chunks(parsed, generation))


def _quote_chunks(parsed: ParsedArticle, gen: str) -> Iterator[Chunk]:
    article = parsed.article
    for index, quote in enumerate(parsed.quotes):
        for part, (a, b) in enumerate(
            windows(article.text, quote.start, quote.end, QUOTE_WINDOW_WORDS)
        ):
            record = ChunkRecord(
                doc_id=article.doc_id,
                generation=gen,
                type="quote",
                start=a,
                end=b,
                paragraph=quote.paragraph,
                kind=quote.kind,
                quote_index=index,
                part=part,
                confidence=float(quote.confidence),
                speaker=quote.speaker or None,
                role=quote.role or None,
                cue=quote.cue or None,
                mention=quote.mention or None,
                source_kind=quote.source_kind or None,
                date=date_number(article.date),
                outlet=outlet_key(article.outlet),
            )
            yield Chunk(_chunk_id(parsed, gen, "q", a, b), article.text[a:b], record)


def _passage_chunks(parsed: ParsedArticle, gen: str) -> Iterator[Chunk]:
    article = parsed.article
    quoted = _Coverage([(q.start, q.end) for q in parsed.quotes])
    for paragraph in article.paragraphs:
        for a, b in windows(article.text, paragraph.start, paragraph.end, PASSAGE_WINDOW_WORDS):
            if quoted.share(a, b) >= PASSAGE_COVERED:
                # Mostly quoted already (an interview answer, say): the quote chunks carry the
                # same words, and embedding them twice would nearly double ingest time.
                continue
            record = ChunkRecord(
                doc_id=article.doc_id,
                generation=gen,
                type="passage",
                start=a,
                end=b,
                paragraph=paragraph.number,
                kind="passage",
                date=date_number(article.date),
                outlet=outlet_key(article.outlet),
            )
            yield Chunk(_chunk_id(parsed, gen, "p", a, b), article.text[a:b], record)


def _chunk_id(parsed: ParsedArticle, gen: str, tag: str, start: int, end: int) -> str:
    # Deterministic: the same article content always yields the same ids, so re-ingest upserts.
    article = parsed.article
    digest = hashlib.sha1(f"{gen}:{tag}:{start}:{end}".encode()).hexdigest()
    return f"{article.doc_id}:{digest[:16]}"


class _Coverage:
    """How much of a span lies inside a set of (possibly overlapping) spans.

    The spans are sorted and merged once, with running totals, so each question costs a
    binary search: chunking stays linear in an article's size however many quotes it has
    (comparing every quote with every paragraph is quadratic).
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
