"""Hybrid retrieval: dense search in Chroma fused with BM25, as a LangChain retriever."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from corpus.embeddings import scale_of
from corpus.store import Store
from retrieval.lexical import top_rows
from retrieval.view import CorpusView

logger = logging.getLogger(__name__)

RRF_K = 60  # the usual reciprocal-rank-fusion constant: flattens the head of each ranking


class HybridRetriever(BaseRetriever):
    """Rank quotes and passages by fusing Chroma's dense ranking with BM25's.

    Keyword arguments of ``invoke``: ``speaker`` restricts the search to one canonical
    speaker's quotes; ``quotes_only`` leaves passages out; ``k`` is how many to return;
    ``scope`` (a mask over the view's rows) and ``where`` (the same as a Chroma filter) keep
    it within a question's dates and outlets.
    Each returned document's metadata carries ``row`` (position in the view), ``dense``
    (cosine similarity on the common scale of ``corpus.embeddings.CosineScale``, 0 when dense
    search missed it), ``lexical`` (BM25 score) and ``score``.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Store
    view: CorpusView
    embeddings: Embeddings
    fetch_k: int = 40
    k: int = 8

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        speaker: str | None = None,
        quotes_only: bool = False,
        k: int | None = None,
        rows: Sequence[int] | None = None,
        passages: int = 0,
        scope: np.ndarray | None = None,
        where: dict[str, Any] | None = None,
    ) -> list[Document]:
        view = self.view
        k = k or self.k
        if not view.rows or not query.strip():
            return []
        among = np.asarray(rows, dtype=np.int64) if rows is not None else None
        if among is None and speaker is not None:
            among = view.rows_of(speaker)
        if among is not None and scope is not None:
            among = among[scope[among]]
        # ``passages`` with ``quotes_only``: the best passages too, ranked apart from the
        # quotes, from the same dense neighbours and BM25 scores (no second search).
        extra = passages if quotes_only and among is None else 0
        allowed = self._allowed(among, quotes_only and not extra)
        within = view.live if scope is None else scope
        allowed &= within
        if not allowed.any():
            return []
        vector = np.asarray(self.embeddings.embed_query(query), dtype=np.float32)
        dense = self._dense(vector, among, quotes_only, allowed, where)
        # Equal cosines (one text in two articles) go by row, whichever search found them.
        dense.sort(key=lambda pair: (-pair[1], pair[0]))
        lexical_scores = view.lexical.scores(query)
        lexical_scores = np.where(allowed, lexical_scores, 0.0)
        if extra:
            best = self._fuse(dense, lexical_scores, view.is_quote & within, k)
            best += self._fuse(dense, lexical_scores, ~view.is_quote & within, extra)
        else:
            best = self._fuse(dense, lexical_scores, allowed, k)
        dense_sim = dict(dense)
        # Every quote's cosine is read from the view's stored vector, whether or not Chroma's
        # neighbours held it: a quote BM25 found but the neighbours missed has one all the
        # same (at 10,000 articles the 120 neighbours of "about fuel" were all passages naming
        # the topic), and a quote scores the same whichever search found it (Chroma's float32
        # distance and the view's float16 vector differ in the fourth decimal).
        quotes = [row for row, _ in best if view.is_quote[row]]
        dense_sim.update(self._dense_among(vector, np.asarray(quotes, np.int64), len(quotes)))
        return [
            Document(
                page_content=view.rows[row].text,
                id=view.rows[row].id,
                metadata={
                    "row": row,
                    "dense": dense_sim.get(row, 0.0),
                    "lexical": float(lexical_scores[row]),
                    "score": fused,
                },
            )
            for row, fused in best
        ]

    def _fuse(
        self,
        dense: list[tuple[int, float]],
        lexical_scores: np.ndarray,
        among: np.ndarray,
        k: int,
    ) -> list[tuple[int, float]]:
        """Fuse the dense and BM25 rankings of the rows ``among`` allows; the best ``k``."""
        scores = np.where(among, lexical_scores, 0.0)
        lexical_order = top_rows(scores, self.fetch_k)
        fused: dict[int, float] = {}
        for rank, row in enumerate(r for r, _ in dense if among[r]):
            fused[row] = fused.get(row, 0.0) + 1.0 / (RRF_K + rank)
        for rank, row in enumerate(lexical_order):
            fused[row] = fused.get(row, 0.0) + 1.0 / (RRF_K + rank)
        return [(r, fused[r]) for r in sorted(fused, key=lambda r: -fused[r])[:k]]

    def _allowed(self, among: np.ndarray | None, quotes_only: bool) -> np.ndarray:
        view = self.view
        if among is not None:
            allowed = np.zeros(len(view.rows), dtype=bool)
            allowed[among] = True
            return allowed
        if quotes_only:
            return view.is_quote.copy()
        return view.live.copy()

    def _dense(
        self,
        vector: np.ndarray,
        among: np.ndarray | None,
        quotes_only: bool,
        allowed: np.ndarray,
        where: dict[str, Any] | None = None,
    ) -> list[tuple[int, float]]:
        if among is not None:
            return self._dense_among(vector, among, self.fetch_k)
        # The view's own nearest-neighbour search over its memory-mapped vectors: quotes are a
        # fraction of all chunks, so ask for more when only quotes will do. A question limited
        # to some dates or outlets (``where`` says the same as ``allowed``) searches among
        # those articles' chunks only: the unfiltered neighbours may hold none of them.
        k = self.fetch_k * (3 if quotes_only else 1)
        among_rows = allowed if where is not None else None
        scale = scale_of(self.embeddings)
        return [
            (row, scale(similarity))
            for row, similarity in self.view.nearest(vector, k, among_rows)
            if allowed[row]
        ]

    def similarities(self, query: str, rows: Sequence[int]) -> dict[int, float]:
        """Cosine similarity of the query to each of these rows that the view holds a vector of
        (quotes); the query's vector is the one its search computed (cached)."""
        vector = np.asarray(self.embeddings.embed_query(query), dtype=np.float32)
        return dict(self._dense_among(vector, np.asarray(rows, dtype=np.int64), len(rows)))

    def _dense_among(
        self, vector: np.ndarray, rows: np.ndarray, limit: int
    ) -> list[tuple[int, float]]:
        """Score these rows exactly by the view's stored vectors, best first, at most ``limit``
        (rows without a vector, passages, are left out)."""
        if rows.size == 0:
            return []
        vectors = self.view.quote_vectors
        if vectors is None:
            return []
        known, matrix = vectors.of(rows)
        if not known.size:
            return []
        # Stored vectors are normalised (see corpus.embeddings), so the dot product is cosine.
        # One row at a time (einsum's own loop), not BLAS: a matrix product's last bits depend
        # on how many rows are multiplied together, and a quote must score the same whichever
        # other candidates came with it.
        similarity = scale_of(self.embeddings).array(np.einsum("ij,j->i", matrix, vector))
        order = np.argsort(-similarity, kind="stable")[:limit]  # ties by row order
        return [(int(known[i]), float(similarity[i])) for i in order]
