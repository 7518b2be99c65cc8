"""Deterministic fake embeddings, for tests where the real model is beside the point."""

from __future__ import annotations

import hashlib
import math

from langchain_core.embeddings import Embeddings


class FakeEmbeddings(Embeddings):
    """Bag-of-words hashed into a small vector; records every text it was asked to embed."""

    def __init__(self, dim: int = 32) -> None:
        self.dim = dim
        self.documents: list[str] = []
        self.queries: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts, remembering them."""
        self.documents.extend(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """Embed a query, remembering it."""
        self.queries.append(text)
        return self._vector(text)

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for word in text.lower().split():
            h = int(hashlib.md5(word.encode()).hexdigest(), 16)
            vec[h % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]


class WordVectorEmbeddings(Embeddings):
    """Dense vectors: each word's own pseudo-random direction (seeded by its md5), summed and
    normalised, so every coordinate is non-zero and texts sharing words are near.

    The same in every process: for tests of what must not change between processes.
    """

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts."""
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """Embed a query."""
        return self._vector(text)

    def _vector(self, text: str) -> list[float]:
        import numpy as np

        total = np.zeros(self.dim)
        for word in text.lower().split():
            seed = int(hashlib.md5(word.strip(".,;:!?\"'“”").encode()).hexdigest()[:8], 16)
            total += np.random.default_rng(seed).standard_normal(self.dim)
        norm = float(np.linalg.norm(total)) or 1.0
        return [float(v) / norm for v in total]
