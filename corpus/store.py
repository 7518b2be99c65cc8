"""The Chroma store: passages and quotes as embedded chunks, plus one record per article.

Two collections:

- ``<prefix>_chunks``: quote and passage chunks with their embeddings and metadata, written
  through LangChain's ``Chroma`` vector store so ingest and queries share one ``Embeddings``.
- ``<prefix>_articles``: one record per article (its text and metadata). Writing it is the
  commit point of an ingest: chunks carry the ``generation`` (content hash and engine
  version, see ``corpus.generation``) they were made from, and readers only trust chunks
  whose generation matches their article's record.
  A crash between the two writes therefore never shows a half-indexed article.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import chromadb
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaClientSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from corpus.chunks import Chunk
from corpus.errors import StoreError
from corpus.generation import generation
from corpus.models import Article
from corpus.settings import CorpusSettings

logger = logging.getLogger(__name__)

# Article records need a vector to live in Chroma; they are never searched by similarity.
_PLACEHOLDER_VECTOR = [1.0]
_PAGE = 5000


@dataclass(slots=True)
class ArticleRecord:
    """What the store knows of one indexed article; its text is read on first use."""

    doc_id: str
    path: str
    generation: str
    metadata: dict[str, Any]
    loader: Callable[[str], str] | None = field(default=None, repr=False, compare=False)
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """Return the article's full text (fetched from the store the first time)."""
        if self._text is None:
            self._text = self.loader(self.doc_id) if self.loader is not None else ""
        return self._text

    @property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Return (start, end) of each body paragraph, numbered from 1 in order."""
        return [tuple(p) for p in json.loads(self.metadata.get("paragraphs", "[]"))]  # type: ignore[misc]


def open_client(settings: CorpusSettings) -> ClientAPI:
    """Open the embedded persistent Chroma client, or a server's client when configured."""
    client_settings = ChromaClientSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            client = chromadb.HttpClient(
                host=settings.chroma_host,
                port=settings.chroma_port,
                ssl=settings.chroma_ssl,
                headers=settings.chroma_headers(),
                settings=client_settings,
            )
            client.heartbeat()
            return client
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=client_settings)
    except Exception as exc:
        where = (
            f"Chroma server {settings.chroma_host}:{settings.chroma_port}"
            if settings.chroma_host
            else f"Chroma database at {settings.chroma_path}"
        )
        raise StoreError(f"cannot open the {where}: {exc}") from exc


class Store:
    """Read and write whosaid's collections in one Chroma database."""

    def __init__(
        self, client: ClientAPI, embeddings: Embeddings, *, prefix: str = "whosaid"
    ) -> None:
        self.client = client
        self.embeddings = embeddings
        try:
            self.chunks = Chroma(
                collection_name=f"{prefix}_chunks",
                embedding_function=embeddings,
                client=client,
                collection_metadata={"hnsw:space": "cosine"},
            )
            self._articles = client.get_or_create_collection(
                f"{prefix}_articles", embedding_function=None
            )
            # The same collection as ``self.chunks``, for reads that need no LangChain
            # documents: ids and distances only, which is most of the cost of a query.
            self._chunks = client.get_collection(f"{prefix}_chunks", embedding_function=None)
            self._max_batch = client.get_max_batch_size()
        except Exception as exc:
            raise StoreError(f"cannot open the collections: {exc}") from exc

    # -- articles -------------------------------------------------------------------------

    def article_hashes(self) -> dict[str, tuple[str, str]]:
        """Return ``{doc_id: (path, generation)}`` for every committed article."""
        out: dict[str, tuple[str, str]] = {}
        for ids, metas, _ in self._page(self._articles, include=["metadatas"]):
            for doc_id, meta in zip(ids, metas, strict=True):
                out[doc_id] = (str(meta["path"]), str(meta.get("generation", "")))
        return out

    def articles(self) -> list[ArticleRecord]:
        """Return every committed article; texts are fetched only when one is needed."""
        out = []
        for ids, metas, _ in self._page(self._articles, include=["metadatas"]):
            for doc_id, meta in zip(ids, metas, strict=True):
                out.append(
                    ArticleRecord(
                        doc_id=doc_id,
                        path=str(meta["path"]),
                        generation=str(meta.get("generation", "")),
                        metadata=dict(meta),
                        loader=self.article_text,
                    )
                )
        return out

    def article_text(self, doc_id: str) -> str:
        """Return one article's full text ("" when it is not indexed)."""
        try:
            got = self._articles.get(ids=[doc_id], include=["documents"])
        except Exception as exc:
            raise StoreError(f"reading article {doc_id} failed: {exc}") from exc
        documents = got.get("documents") or [""]
        return documents[0] or ""

    def commit_articles(self, articles: Sequence[tuple[Article, int]]) -> None:
        """Record articles (with their quote counts) as indexed: the commit point."""
        for batch in _batches(list(articles), self._max_batch):
            self._articles.upsert(
                ids=[a.doc_id for a, _ in batch],
                documents=[a.text for a, _ in batch],
                embeddings=[_PLACEHOLDER_VECTOR for _ in batch],  # type: ignore[arg-type]
                metadatas=[_article_metadata(a, n) for a, n in batch],  # type: ignore[misc]
            )

    def remove_articles(self, doc_ids: Sequence[str]) -> None:
        """Forget articles: their record first (so readers stop trusting them), then chunks."""
        for batch in _batches(list(doc_ids), self._max_batch):
            self._articles.delete(ids=batch)
            self.chunks.delete(where={"doc_id": {"$in": batch}})  # type: ignore[arg-type]

    # -- chunks ---------------------------------------------------------------------------

    def add_chunks(self, chunks: Sequence[Chunk]) -> None:
        """Embed and upsert chunks (ids are deterministic, so a retry overwrites)."""
        for batch in _batches(list(chunks), self._max_batch):
            self.chunks.add_texts(
                texts=[c.text for c in batch],
                metadatas=[c.metadata for c in batch],
                ids=[c.id for c in batch],
            )

    def drop_stale_chunks(self, live: dict[str, str]) -> None:
        """Delete chunks of these articles whose generation is not the live one."""
        for doc_id, live_generation in live.items():
            self.chunks.delete(
                where={"$and": [{"doc_id": doc_id}, {"generation": {"$ne": live_generation}}]}  # type: ignore[arg-type]
            )

    def nearest(self, vector: Sequence[float], k: int) -> list[tuple[str, float]]:
        """Return the ids and cosine distances of the ``k`` chunks nearest to a vector."""
        if k <= 0:
            return []
        try:
            queries: list[Sequence[float]] = [list(vector)]
            got = self._chunks.query(query_embeddings=queries, n_results=k, include=["distances"])
        except Exception as exc:
            raise StoreError(f"dense search failed: {exc}") from exc
        ids = got["ids"][0] if got["ids"] else []
        distances = (got.get("distances") or [[]])[0]
        return [(i, float(d)) for i, d in zip(ids, distances, strict=True)]

    def vectors(self, ids: Sequence[str]) -> dict[str, list[float]]:
        """Return the stored embeddings of these chunks."""
        if not ids:
            return {}
        try:
            got = self._chunks.get(ids=list(ids), include=["embeddings"])
        except Exception as exc:
            raise StoreError(f"reading embeddings failed: {exc}") from exc
        embeddings = got.get("embeddings")
        if embeddings is None:
            return {}
        return {i: list(e) for i, e in zip(got["ids"], embeddings, strict=True)}

    def chunk_records(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Yield ``(id, text, metadata)`` of every chunk, committed or not."""
        for ids, metas, docs in self._page(self._chunks, include=["metadatas", "documents"]):
            for chunk_id, meta, text in zip(ids, metas, docs, strict=True):
                yield chunk_id, text or "", dict(meta)

    def count(self) -> int:
        """Return the number of committed articles."""
        return int(self._articles.count())

    def _page(
        self, collection: Any, *, include: list[str]
    ) -> Iterator[tuple[list[str], list[Any], list[Any]]]:
        offset = 0
        while True:
            got = collection.get(include=include, limit=_PAGE, offset=offset)
            ids = got["ids"]
            if not ids:
                return
            metas = got.get("metadatas") or [{}] * len(ids)
            docs = got.get("documents") or [None] * len(ids)
            yield ids, metas, docs
            offset += len(ids)


def open_store(settings: CorpusSettings, embeddings: Embeddings) -> Store:
    """Open whosaid's store as the settings say (embedded by default, or a server)."""
    return Store(open_client(settings), embeddings, prefix=settings.collection_prefix)


def _article_metadata(article: Article, quote_count: int) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "path": article.path,
        "content_hash": article.content_hash,
        "generation": generation(article),
        "quote_count": quote_count,
        "paragraph_count": len(article.paragraphs),
        "paragraphs": json.dumps([[p.start, p.end] for p in article.paragraphs]),
    }
    for key in ("title", "date", "url", "outlet", "author", "language"):
        value = getattr(article, key)
        if value:
            meta[key] = value
    return meta


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), max(1, size)):
        yield items[i : i + size]
