"""Typed records between the chain's steps: a chunk's metadata and a ranked hit.

Chroma hands back metadata as a dict; it is read once, here, into ``ChunkMeta``. A ``Hit`` is
one candidate on its way to the answer: which view row it is, what each ranking signal said
of it, and the one ``score`` the second-stage ranking gave it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from retrieval.models import SourceKind

_SOURCE_KINDS: frozenset[str] = frozenset({"person", "organisation", "anonymous", "document"})


@dataclass(frozen=True, slots=True)
class ChunkMeta:
    """A chunk's stored metadata, typed."""

    doc_id: str
    type: Literal["quote", "passage"]
    start: int
    end: int
    paragraph: int
    kind: str
    speaker: str | None = None  # as printed; for anonymous sources the description
    role: str | None = None
    source_kind: SourceKind | None = None  # None for passages

    @classmethod
    def read(cls, meta: dict[str, Any]) -> ChunkMeta:
        """Read Chroma metadata; a quote indexed before source kinds existed is a person's."""
        is_quote = meta.get("type") == "quote"
        speaker = str(meta["speaker"]) if meta.get("speaker") else None
        raw_kind = meta.get("source_kind")
        source_kind: SourceKind | None = None
        if is_quote:
            source_kind = raw_kind if raw_kind in _SOURCE_KINDS else "person"
        return cls(
            doc_id=str(meta["doc_id"]),
            type="quote" if is_quote else "passage",
            start=int(meta["start"]),
            end=int(meta["end"]),
            paragraph=int(meta["paragraph"]),
            kind="passage" if not is_quote else str(meta.get("kind", "direct")),
            speaker=speaker,
            role=str(meta["role"]) if meta.get("role") else None,
            source_kind=source_kind,
        )

    @property
    def named(self) -> bool:
        """Whether the source is somebody with a name (a person or an organisation)."""
        return self.speaker is not None and self.source_kind in ("person", "organisation")


@dataclass(slots=True)
class Hit:
    """A candidate quote or passage, with the signals that ranked it."""

    row: int
    id: str
    text: str
    meta: ChunkMeta
    speaker: str | None  # canonical name, for named sources only
    dense: float = 0.0  # cosine similarity to the search text (0 when dense search missed it)
    coverage: float = 0.0  # IDF-weighted share of the search terms present
    context: float = 0.0  # the same share in the paragraph around the quote
    echo: float = 0.0  # the share of the quote's own words found in the search text
    exact: bool = False  # contains the user's quoted words (or a long search text) verbatim
    fit: float = 0.0  # how well the speaker matches the question's description of them
    mentioned: bool = False  # the speaker is named in the question as its topic
    score: float = 0.0  # the second-stage ranking's score; the only one compared


__all__ = ["ChunkMeta", "Hit", "SourceKind"]
