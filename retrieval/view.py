"""An in-memory view of what the store has committed: articles, live chunks, speakers, BM25.

Loaded once when the service opens (and again after an ingest). Only chunks whose generation
matches their article's committed content hash are live, so a half-finished ingest is never
visible in answers.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corpus.speakers import SpeakerRegistry
from corpus.store import ArticleRecord, Store
from retrieval.lexical import LexicalIndex

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ChunkRow:
    """A live chunk: its id, verbatim text and stored metadata, plus its canonical speaker."""

    id: str
    text: str
    meta: dict[str, Any]
    speaker: str | None

    @property
    def is_quote(self) -> bool:
        """Whether this chunk is an attributed quote (not a passage)."""
        return self.meta.get("type") == "quote"


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

    @classmethod
    def load(cls, store: Store) -> CorpusView:
        """Read the committed state of the store."""
        articles = {a.doc_id: a for a in store.articles()}
        live = [
            (cid, text, meta)
            for cid, text, meta in store.chunk_records()
            if (a := articles.get(str(meta.get("doc_id")))) is not None
            and a.generation == meta.get("generation")
        ]
        # Document order makes listings ("what else did he say?") read like the article.
        live.sort(key=lambda r: (str(r[2]["doc_id"]), int(r[2]["start"]), str(r[2]["type"])))
        registry = SpeakerRegistry.build(
            (str(m["speaker"]), m.get("role")) for _, _, m in live if m.get("speaker")
        )
        raw_names: dict[str, set[str]] = defaultdict(set)
        speaker_rows: dict[str, list[int]] = defaultdict(list)
        rows: list[ChunkRow] = []
        for cid, text, meta in live:
            raw = meta.get("speaker")
            canonical = registry.canonical(str(raw)) if raw else None
            if canonical is not None:
                raw_names[canonical].add(str(raw))
                speaker_rows[canonical].append(len(rows))
            rows.append(ChunkRow(cid, text, meta, canonical))
        view = cls(
            articles=articles,
            rows=rows,
            registry=registry,
            lexical=LexicalIndex([r.text for r in rows]),
            position={r.id: i for i, r in enumerate(rows)},
            raw_names=dict(raw_names),
            is_quote=np.array([r.is_quote for r in rows], dtype=bool),
            speaker_rows={k: np.array(v, dtype=np.int64) for k, v in speaker_rows.items()},
        )
        logger.info("view: %d articles, %d live chunks", len(articles), len(rows))
        return view

    def rows_of(self, speaker: str) -> np.ndarray:
        """Return the positions of the rows quoting this canonical speaker, in document order."""
        return self.speaker_rows.get(speaker, np.zeros(0, dtype=np.int64))
