"""Typed records between the chain's steps: a ranked hit, over a chunk's stored record.

A chunk's metadata is read once, when the view loads, into ``corpus.chunks.ChunkRecord`` (the
record its writer made). A ``Hit`` is one candidate on its way to the answer: which view row
it is, what each ranking signal said of it, and the one ``score`` the second-stage ranking
gave it.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.chunks import ChunkRecord
from retrieval.models import SourceKind


@dataclass(slots=True)
class Hit:
    """A candidate quote or passage, with the signals that ranked it."""

    row: int
    id: str
    text: str
    meta: ChunkRecord
    speaker: str | None  # canonical name, for named sources only
    dense: float = 0.0  # cosine similarity to the search text (0 when dense search missed it)
    coverage: float = 0.0  # IDF-weighted share of the search terms present
    context: float = 0.0  # the same share in the paragraph around the quote
    echo: float = 0.0  # the share of the quote's own words found in the search text
    exact: bool = False  # contains the user's quoted words (or a long search text) verbatim
    fit: float = 0.0  # how well the speaker matches the question's description of them
    mentioned: bool = False  # the speaker is named in the question as its topic
    article: float = 0.0  # share of the search terms in the article's headline and lead
    pronoun: bool = False  # speaks of someone as he or she, in a question about a person
    score: float = 0.0  # the second-stage ranking's score; the only one compared


__all__ = ["ChunkRecord", "Hit", "SourceKind"]
