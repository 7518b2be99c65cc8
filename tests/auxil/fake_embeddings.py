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
