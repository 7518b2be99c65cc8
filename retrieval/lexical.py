"""Lexical search over chunk texts with BM25 (bm25s), stemmed and without stop words."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import bm25s
import numpy as np
import Stemmer

logger = logging.getLogger(__name__)

_STEMMER = Stemmer.Stemmer("english")
# Speech verbs carry no topic: every quote was "said", so they only add noise to BM25.
_STOPWORDS = sorted(
    set(bm25s.stopwords.STOPWORDS_EN_PLUS)
    | {"say", "says", "said", "saying", "tell", "told", "quoted", "quote", "talk", "talked"}
)


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """Tokenize, drop English stop words and stem, as both index and queries must."""
    tokens = bm25s.tokenize(
        list(texts), stopwords=_STOPWORDS, stemmer=_STEMMER, return_ids=False, show_progress=False
    )
    return [list(t) for t in tokens]


class LexicalIndex:
    """A BM25 index whose document numbers are positions in the list it was built from."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        # bm25s cannot index an empty corpus; an empty index simply scores nothing.
        if texts:
            self._bm25.index(tokenize(texts), show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """Return the BM25 score of every document for the query (zeros when nothing matches)."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        tokens = [t for t in tokenize([query])[0] if t in self._bm25.vocab_dict]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    @staticmethod
    def query_terms(query: str) -> list[str]:
        """Return the stemmed content words of a query."""
        return tokenize([query])[0]
