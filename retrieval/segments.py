"""The answering view's files: immutable segments of chunks, opened by memory map.

A segment holds the live chunks of some articles, written once (by :func:`write_segment`) and
never changed: an ingest that adds or changes 1% of the articles writes one small segment
for them and marks their old rows dead (``retrieval.view``), instead of rewriting the view.
Opening a segment maps its files and reads a few bytes of JSON, whatever its size; a
question reads only the pages it touches (its candidates' rows, texts, vectors, postings).

One directory per segment::

    segment.json              counts, and the lexical index's totals
    rows.npy                  one fixed-width record per chunk (strings as codes into strings.*)
    strings.bin/.off.npy      the distinct strings of the records (speakers, roles, outlets...)
    ids.*, texts.*            chunk ids and verbatim texts (UTF-8, with offsets)
    vectors.npy               the stored embedding of every chunk, float16
    ann.usearch               a nearest-neighbour graph over them (large segments only)
    terms.*                   the lexical index's terms, sorted
    postings.npy, tf.npy      term -> rows holding it, and how often (``postings_at`` slices)
    postings_at.npy           where each term's postings start (one more than the terms)
    doclen.npy                tokens per row, for BM25's length normalisation
    articles.*                each article's record (JSON) and text; article_rows.npy where
                              each article's rows start (rows are in document order)
"""

from __future__ import annotations

import bisect
import json
import logging
import mmap
import os
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, overload

import numpy as np

from corpus.chunks import ChunkRecord
from retrieval.lexical import tokenize

logger = logging.getLogger(__name__)

# A segment this large gets a nearest-neighbour graph; a smaller one is searched exactly (its
# float32 vectors, at most this many x 384 x 4 bytes, 77 MB, are read into memory on first use).
ANN_MIN_ROWS = 50_000
# How many neighbours the graph's search keeps while it walks (more: slower, better recall).
ANN_EXPANSION = 128
NONE = -1  # "no string" and "no number" in the rows' integer fields

ROW_DTYPE = np.dtype(
    [
        ("doc", "<i4"),  # the article's number in the segment
        ("start", "<i4"),
        ("end", "<i4"),
        ("paragraph", "<i4"),
        ("quote", "u1"),
        ("kind", "<i4"),
        ("quote_index", "<i4"),
        ("part", "<i4"),
        ("confidence", "<f4"),  # NaN: none
        ("speaker", "<i4"),
        ("role", "<i4"),
        ("cue", "<i4"),
        ("mention", "<i4"),
        ("source_kind", "<i4"),
        ("date", "<i4"),
        ("outlet", "<i4"),
        ("named", "u1"),
        # A quote's copy key (speaker and words) as 8 bytes of a hash; 0 when it has none.
        ("copy", "<u8"),
    ]
)
_STRING_FIELDS = ("kind", "speaker", "role", "cue", "mention", "source_kind", "outlet")


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """One article as a segment stores it: its record's fields and its text."""

    doc_id: str
    record: dict[str, Any]  # path, generation, title, date, url, outlet, counts, paragraphs
    text: str


@dataclass(frozen=True, slots=True)
class RowEntry:
    """One live chunk as a segment stores it."""

    id: str
    text: str
    record: ChunkRecord
    vector: Sequence[float] | np.ndarray


class StringColumn(Sequence[str]):
    """Strings stored as UTF-8 bytes and offsets, decoded one at a time when asked for."""

    def __init__(self, base: Path) -> None:
        self._offsets = np.load(f"{base}.off.npy", mmap_mode="r")
        self._size = len(self._offsets) - 1
        self._bytes: mmap.mmap | bytes
        with open(f"{base}.bin", "rb") as fh:
            length = os.fstat(fh.fileno()).st_size
            self._bytes = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if length else b""

    @staticmethod
    def write(base: Path, values: Iterable[str]) -> None:
        """Write ``values`` as a column at ``base`` (``.bin`` and ``.off.npy``)."""
        offsets = [0]
        with open(f"{base}.bin", "wb") as fh:
            for value in values:
                data = value.encode("utf-8")
                fh.write(data)
                offsets.append(offsets[-1] + len(data))
        np.save(f"{base}.off.npy", np.asarray(offsets, dtype=np.int64))

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._size))]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError(index)
        a, b = int(self._offsets[index]), int(self._offsets[index + 1])
        return self._bytes[a:b].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(self._size))


class Segment:
    """One segment's files, memory-mapped; row numbers are the segment's own (from 0)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        meta = json.loads((path / "segment.json").read_text(encoding="utf-8"))
        self.size: int = meta["rows"]
        self.dim: int = meta["dim"]
        self.total_length: int = meta["total_length"]
        self.rows = np.load(path / "rows.npy", mmap_mode="r")
        self.strings = StringColumn(path / "strings")
        self.ids = StringColumn(path / "ids")
        self.texts = StringColumn(path / "texts")
        self.vectors = np.load(path / "vectors.npy", mmap_mode="r")
        self.terms = StringColumn(path / "terms")
        self.postings = np.load(path / "postings.npy", mmap_mode="r")
        self.tf = np.load(path / "tf.npy", mmap_mode="r")
        self.postings_at = np.load(path / "postings_at.npy", mmap_mode="r")
        self.doclen = np.load(path / "doclen.npy", mmap_mode="r")
        self.article_ids = StringColumn(path / "article_ids")
        self.article_records = StringColumn(path / "article_records")
        self.article_texts = StringColumn(path / "article_texts")
        self.article_rows = np.load(path / "article_rows.npy", mmap_mode="r")
        self.article_keys = np.load(path / "article_keys.npy", mmap_mode="r")
        self.is_quote = np.load(path / "is_quote.npy", mmap_mode="r")
        self.article = lru_cache(maxsize=4096)(self._article)
        self._ann: Any = None

    def _article(self, number: int) -> dict[str, Any]:
        """Return an article's stored record (the store's metadata of it)."""
        record: dict[str, Any] = json.loads(self.article_records[number])
        return record

    @property
    def name(self) -> str:
        """The segment's directory name."""
        return self.path.name

    @property
    def articles(self) -> int:
        """How many articles the segment holds."""
        return len(self.article_ids)

    def string(self, code: int) -> str | None:
        """Decode a string field's code."""
        return None if code < 0 else self.strings[code]

    def record(self, row: int) -> ChunkRecord:
        """Return the stored record of one row, as the store holds it."""
        r = self.rows[row]
        quote = bool(r["quote"])
        confidence = float(r["confidence"])
        return ChunkRecord(
            doc_id=self.article_ids[int(r["doc"])],
            generation=str(self.article(int(r["doc"]))["generation"]),
            type="quote" if quote else "passage",
            start=int(r["start"]),
            end=int(r["end"]),
            paragraph=int(r["paragraph"]),
            kind=self.string(int(r["kind"])) or ("direct" if quote else "passage"),
            quote_index=None if r["quote_index"] == NONE else int(r["quote_index"]),
            part=int(r["part"]),
            confidence=None if np.isnan(confidence) else confidence,
            speaker=self.string(int(r["speaker"])),
            role=self.string(int(r["role"])),
            cue=self.string(int(r["cue"])),
            mention=self.string(int(r["mention"])),
            source_kind=self.string(int(r["source_kind"])),  # type: ignore[arg-type]
            date=None if r["date"] == NONE else int(r["date"]),
            outlet=self.string(int(r["outlet"])),
        )

    def term_rows(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Return the rows holding a term and its count in each (empty when it has none)."""
        at = bisect.bisect_left(self.terms, term)
        if at == len(self.terms) or self.terms[at] != term:
            empty = np.zeros(0, dtype=np.int32)
            return empty, empty.astype(np.uint16)
        a, b = int(self.postings_at[at]), int(self.postings_at[at + 1])
        return self.postings[a:b], self.tf[a:b]

    @cached_property
    def _exact_vectors(self) -> np.ndarray:
        return np.asarray(self.vectors, dtype=np.float32)

    def nearest(
        self, vector: np.ndarray, k: int, allowed: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return up to ``k`` rows nearest to a unit vector among the allowed ones, and their
        cosine similarities, best first.

        Small segments are searched exactly. A large one walks its graph for candidates (more
        of them when few rows are allowed) and scores them exactly from the stored vectors;
        when the allowed rows are few enough, they are scored exactly instead.
        """
        if self.size == 0 or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        count = self.size if allowed is None else int(np.count_nonzero(allowed))
        if count == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if self.size < ANN_MIN_ROWS:
            scores = self._exact_vectors @ vector
            rows = np.arange(self.size) if allowed is None else np.flatnonzero(allowed)
            return _best(rows, scores[rows] if allowed is not None else scores, k)
        if allowed is not None and count <= ANN_MIN_ROWS:
            rows = np.flatnonzero(allowed)
            return _best(rows, np.asarray(self.vectors[rows], np.float32) @ vector, k)
        # Ask the graph for more when only some rows will do, as a filtered search would.
        want = min(self.size, k * max(1, -(-self.size // count)), 8 * k + 4096)
        found = self._graph().search(vector.astype(np.float32), want)
        rows = np.asarray(found.keys, dtype=np.int64)
        if allowed is not None:
            rows = rows[allowed[rows]]
        rows = np.sort(rows)  # page order: the vectors are read back in one sweep
        return _best(rows, np.asarray(self.vectors[rows], np.float32) @ vector, k)

    def _graph(self) -> Any:
        if self._ann is None:
            from usearch.index import Index

            self._ann = Index.restore(str(self.path / "ann.usearch"), view=True)
            self._ann.expansion_search = ANN_EXPANSION
        return self._ann


def _best(rows: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    if rows.size > k:
        keep = np.argpartition(-scores, k - 1)[:k]
        rows, scores = rows[keep], scores[keep]
    order = np.lexsort((rows, -scores))  # best first; ties by row, so always the same order
    return rows[order].astype(np.int64), scores[order].astype(np.float32)


def copy_key(record: ChunkRecord, text: str) -> int:
    """Return 8 bytes of a hash of a quote's words, or 0 for a chunk that is nobody's copy.

    Two quotes are copies when the same speaker says the same words, whitespace aside, and
    they are at least ``retrieval.copies.MIN_WORDS`` long. The key is the words only: who the
    speaker is depends on the whole corpus's registry, and the view groups equal keys by
    speaker and by the words themselves, so a hash collision never merges two quotes.
    """
    from hashlib import blake2b

    from retrieval.copies import MIN_WORDS

    words = text.split()
    if record.type != "quote" or len(words) < MIN_WORDS:
        return 0
    key = " ".join(words).encode()
    return int.from_bytes(blake2b(key, digest_size=8).digest(), "little") or 1


def write_segment(
    path: Path, articles: Sequence[ArticleEntry], rows: Sequence[RowEntry], *, dim: int
) -> None:
    """Write a segment of these articles and their live chunks into a new directory.

    Rows are put in document order (article id, then start, then type), the view's order.
    Written beside ``path`` and renamed into place, so a crash leaves no half segment.
    """
    order = {a.doc_id: n for n, a in enumerate(sorted(articles, key=lambda a: a.doc_id))}
    ordered_articles = sorted(articles, key=lambda a: a.doc_id)
    rows = sorted(rows, key=lambda r: (r.record.doc_id, r.record.start, r.record.type))
    staging = path.with_name(path.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)

    strings: dict[str, int] = {}

    def code(value: str | None) -> int:
        if value is None:
            return NONE
        found = strings.get(value)
        if found is None:
            found = strings[value] = len(strings)
        return found

    table = np.zeros(len(rows), dtype=ROW_DTYPE)
    for n, row in enumerate(rows):
        r = row.record
        table[n] = (
            order[r.doc_id], r.start, r.end, r.paragraph, r.is_quote, code(r.kind),
            NONE if r.quote_index is None else r.quote_index, r.part,
            np.nan if r.confidence is None else r.confidence, code(r.speaker), code(r.role),
            code(r.cue), code(r.mention), code(r.source_kind),
            NONE if r.date is None else r.date, code(r.outlet), r.named and r.is_quote,
            copy_key(r, row.text),
        )  # fmt: skip
    np.save(staging / "rows.npy", table)
    np.save(staging / "is_quote.npy", table["quote"].astype(bool))
    keys = np.asarray(
        [(code(a.record.get("date") or None), code(a.record.get("outlet") or None))
         for a in ordered_articles],
        dtype=np.int32,
    ).reshape(-1, 2)  # fmt: skip
    np.save(staging / "article_keys.npy", keys)
    StringColumn.write(staging / "strings", strings)
    StringColumn.write(staging / "ids", (r.id for r in rows))
    StringColumn.write(staging / "texts", (r.text for r in rows))
    vectors = np.zeros((len(rows), dim), dtype=np.float16)
    for n, row in enumerate(rows):
        vectors[n] = row.vector
    np.save(staging / "vectors.npy", vectors)
    total_length = _write_lexical(staging, [r.text for r in rows])
    if len(rows) >= ANN_MIN_ROWS:
        _write_graph(staging / "ann.usearch", vectors)
    counts = np.bincount(table["doc"], minlength=len(ordered_articles)) if rows else None
    starts = np.zeros(len(ordered_articles) + 1, dtype=np.int64)
    if counts is not None:
        starts[1:] = np.cumsum(counts)
    np.save(staging / "article_rows.npy", starts)
    StringColumn.write(staging / "article_ids", (a.doc_id for a in ordered_articles))
    StringColumn.write(
        staging / "article_records",
        (json.dumps(a.record, ensure_ascii=False, sort_keys=True) for a in ordered_articles),
    )
    StringColumn.write(staging / "article_texts", (a.text for a in ordered_articles))
    meta = {"rows": len(rows), "dim": dim, "total_length": total_length}
    (staging / "segment.json").write_text(json.dumps(meta), encoding="utf-8")
    os.replace(staging, path)


def _write_lexical(path: Path, texts: Sequence[str]) -> int:
    """Write the postings of these texts' terms; return the segment's total token count."""
    vocabulary: dict[str, int] = {}
    term_ids: list[int] = []
    doc_ids: list[int] = []
    counts: list[int] = []
    lengths = np.zeros(len(texts), dtype=np.int32)
    for row, text in enumerate(texts):
        tokens = tokenize(text)
        lengths[row] = len(tokens)
        for term, count in Counter(tokens).items():
            term_ids.append(vocabulary.setdefault(term, len(vocabulary)))
            doc_ids.append(row)
            counts.append(count)
    terms = sorted(vocabulary)
    rank = np.zeros(len(vocabulary), dtype=np.int64)
    for position, term in enumerate(terms):
        rank[vocabulary[term]] = position
    by_term = rank[np.asarray(term_ids, dtype=np.int64)]
    order = np.argsort(by_term, kind="stable")  # rows ascending within each term
    np.save(path / "postings.npy", np.asarray(doc_ids, dtype=np.int32)[order])
    np.save(path / "tf.npy", np.asarray(counts, dtype=np.uint16)[order])
    starts = np.zeros(len(terms) + 1, dtype=np.int64)
    starts[1:] = np.cumsum(np.bincount(by_term, minlength=len(terms)))
    np.save(path / "postings_at.npy", starts)
    np.save(path / "doclen.npy", lengths)
    StringColumn.write(path / "terms", terms)
    return int(lengths.sum())


def _write_graph(path: Path, vectors: np.ndarray) -> None:
    from usearch.index import Index

    index = Index(ndim=vectors.shape[1], metric="cos", dtype="f16", connectivity=16)
    index.add(np.arange(len(vectors), dtype=np.uint64), vectors.astype(np.float32))
    index.save(str(path))
