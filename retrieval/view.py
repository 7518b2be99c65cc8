"""An in-memory view of what the store has committed: articles, live chunks, speakers, BM25.

Loaded once when the service opens (and again after an ingest). Only chunks whose generation
matches their article's committed content hash are live, so a half-finished ingest is never
visible in answers.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from corpus import chunks
from corpus import corrections as fixes
from corpus.chunks import ChunkRecord
from corpus.speakers import SpeakerRegistry
from corpus.store import ArticleRecord, Store
from retrieval.lexical import LexicalIndex

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ChunkRow:
    """A live chunk: its id, verbatim text and stored record, plus its canonical speaker."""

    id: str
    text: str
    meta: ChunkRecord
    speaker: str | None

    @property
    def is_quote(self) -> bool:
        """Whether this chunk is an attributed quote (not a passage)."""
        return self.meta.is_quote


@dataclass(slots=True)
class CorpusView:
    """Everything the answering side needs in memory."""

    articles: dict[str, ArticleRecord]
    rows: list[ChunkRow]
    registry: SpeakerRegistry
    lexical: LexicalIndex
    position: dict[str, int] = field(default_factory=dict)
    raw_names: dict[str, set[str]] = field(default_factory=dict)
    is_quote: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    speaker_rows: dict[str, np.ndarray] = field(default_factory=dict)
    # The stored embedding of every quote row, for scoring one speaker's quotes exactly
    # (float16: cosines within 1e-3 of float32, in half the memory). Reading a prolific
    # speaker's vectors back from Chroma for every question cost more than the rest of it.
    quote_vectors: QuoteVectors | None = None
    # What the corrections file did to this view (rows re-attributed, corrections gone stale).
    corrected: fixes.Applied = field(default_factory=fixes.Applied)

    @classmethod
    def load(
        cls,
        store: Store,
        *,
        cache_dir: Path | None = None,
        scope: str = "",
        corrections: Sequence[fixes.Correction] = (),
    ) -> CorpusView:
        """Read the committed state of the store.

        With ``cache_dir``, the live chunks and the BM25 index are kept on local disk under a
        key made of every article's generation: a restart over an unchanged index reads one
        file instead of every chunk from Chroma and re-indexing them (seconds per thousand
        articles). ``scope`` names the store (path or server, collections) in the key.
        """
        articles = {a.doc_id: a for a in store.articles()}
        key = _state_key(articles, scope)
        cached = _read_cache(cache_dir, key) if cache_dir is not None else None
        if cached is not None:
            live, lexical, vectors = cached
        else:
            live = [
                (cid, text, meta)
                for cid, text, meta in store.chunk_records()
                if (a := articles.get(meta.doc_id)) is not None and a.generation == meta.generation
            ]
            # Document order makes listings ("what else did he say?") read like the article.
            live.sort(key=lambda r: (r[2].doc_id, r[2].start, r[2].type))
            lexical = LexicalIndex([text for _, text, _ in live])
            vectors = QuoteVectors.read(
                store, [i for i, (_, _, meta) in enumerate(live) if meta.is_quote],
                [cid for cid, _, _ in live],
            )  # fmt: skip
            if cache_dir is not None:
                _write_cache(cache_dir, key, (live, lexical, vectors))
        # Who said what as people corrected it (corpus/corrections.py): after every load, so
        # after every ingest too; the cache keeps the engine's own reading.
        live, corrected = fixes.apply(live, corrections)
        registry = _registry(live)
        if any(c.active and c.what == "merge" for c in corrections):
            live = fixes.merge(live, corrections, registry.canonical)
            registry = _registry(live)
        canonical_of: dict[str, str | None] = {}
        raw_names: dict[str, set[str]] = defaultdict(set)
        speaker_rows: dict[str, list[int]] = defaultdict(list)
        rows: list[ChunkRow] = []
        for cid, text, meta in live:
            raw = meta.speaker
            canonical = None
            if raw is not None and meta.named:
                if raw not in canonical_of:
                    canonical_of[raw] = registry.canonical(raw)
                canonical = canonical_of[raw]
            if raw is not None and canonical is not None:
                raw_names[canonical].add(raw)
                speaker_rows[canonical].append(len(rows))
            rows.append(ChunkRow(cid, text, meta, canonical))
        view = cls(
            articles=articles,
            rows=rows,
            registry=registry,
            lexical=lexical,
            position={r.id: i for i, r in enumerate(rows)},
            raw_names=dict(raw_names),
            is_quote=np.array([r.is_quote for r in rows], dtype=bool),
            speaker_rows={k: np.array(v, dtype=np.int64) for k, v in speaker_rows.items()},
            quote_vectors=vectors,
            corrected=corrected,
        )
        logger.info("view: %d articles, %d live chunks", len(articles), len(rows))
        return view

    def rows_of(self, speaker: str) -> np.ndarray:
        """Return the positions of the rows quoting this canonical speaker, in document order."""
        return self.speaker_rows.get(speaker, np.zeros(0, dtype=np.int64))


def _registry(live: Sequence[tuple[str, str, ChunkRecord]]) -> SpeakerRegistry:
    named = [m for _, _, m in live if m.named and m.speaker is not None]
    return SpeakerRegistry.build(
        ((str(m.speaker), m.role, m.source_kind) for m in named),
        mentions=((m.doc_id, m.mention) for m in named if m.mention),
    )


@dataclass(frozen=True, slots=True)
class QuoteVectors:
    """Stored embeddings of some view rows: ``matrix[slot[row]]`` is row ``row``'s vector."""

    matrix: np.ndarray  # float16, one vector per row that has one
    slot: np.ndarray  # int64, per view row: its line in ``matrix``, or -1

    @classmethod
    def read(cls, store: Store, rows: list[int], ids: list[str]) -> QuoteVectors:
        """Read these rows' vectors from the store (``ids`` are every view row's chunk ids)."""
        found, matrix = store.vectors([ids[r] for r in rows])
        line = {chunk_id: n for n, chunk_id in enumerate(found)}
        slot = np.full(len(ids), -1, dtype=np.int64)
        for row in rows:
            slot[row] = line.get(ids[row], -1)
        return cls(matrix.astype(np.float16), slot)

    def of(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the rows among ``rows`` that have a vector, and those vectors (float32)."""
        lines = self.slot[rows]
        known = lines >= 0
        return rows[known], self.matrix[lines[known]].astype(np.float32)


# A new tokenizer or row layout must not read old files: the key holds these files' bytes.
_CACHED_CODE = (
    Path(__file__).resolve().parent / "view.py",
    Path(__file__).resolve().parent / "lexical.py",
    Path(__file__).resolve().parent / "lang" / "ru_words.py",
    Path(chunks.__file__).resolve(),
)
_Cached = tuple[list[tuple[str, str, ChunkRecord]], LexicalIndex, QuoteVectors]


def _state_key(articles: dict[str, ArticleRecord], scope: str) -> str:
    digest = hashlib.sha256(scope.encode())
    for path in _CACHED_CODE:
        digest.update(path.read_bytes())
    for doc_id in sorted(articles):
        digest.update(f"{doc_id}={articles[doc_id].generation};".encode())
    return digest.hexdigest()[:24]


def _read_cache(cache_dir: Path, key: str) -> _Cached | None:
    path = cache_dir / f"view-{key}.pickle"
    try:
        with path.open("rb") as fh:
            # Our own file, written below into the data directory: pickle is safe here.
            cached: _Cached = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a torn or foreign file is rebuilt, never trusted
        logger.warning("ignoring unreadable view cache %s: %s", path, exc)
        return None
    logger.info("view read from cache %s", path.name)
    return cached


def _write_cache(cache_dir: Path, key: str, cached: _Cached) -> None:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = cache_dir / f"view-{key}.pickle"
        with tempfile.NamedTemporaryFile(dir=cache_dir, suffix=".tmp", delete=False) as fh:
            pickle.dump(cached, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, target)
        for old in cache_dir.glob("view-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a cache is an optimisation: answering goes on without it
        # A read-only data directory is said once, by the store; no warning per start here.
        quiet = exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
        logger.log(
            logging.INFO if quiet else logging.WARNING,
            "cannot write the view cache in %s: %s",
            cache_dir,
            exc,
        )
