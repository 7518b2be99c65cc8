"""The Chroma store: passages and quotes as embedded chunks, plus one record per article.

Two collections:

- ``<prefix>_chunks``: quote and passage chunks with their embeddings and metadata, embedded
  by the one LangChain ``Embeddings`` that also embeds the queries.
- ``<prefix>_articles``: one record per article (its text and metadata). Writing it is the
  commit point of an ingest: chunks carry the ``generation`` (content hash and engine
  version, see ``corpus.generation``) they were made from, and readers only trust chunks
  whose generation matches their article's record.
  A crash between the two writes therefore never shows a half-indexed article.

Beside the database, the data directory holds two small files:

- ``ingest.lock``: the write lock (``corpus.lock``), held by every writer;
- ``index-commit``: which index is current (``corpus.indexes``), rewritten (atomically) after
  every ingest that changed the index, so a reader in another process sees with one ``stat``
  that it should reload (:meth:`Store.commit_stamp`).

A store opened with ``rebuild=True`` writes a new index beside the current one, holding the
write lock until :meth:`Store.publish` makes it current (or :meth:`Store.close` discards it):
readers never see a half-built index, nor lose the one they read.

Every Chroma call goes through one error mapper (:func:`store_error`), as httpx's transport
mapping does: the failures a store is known to have (Chroma's own errors, SQLite, httpx, the
OS, a server's error reply; see :func:`is_store_failure`) come out as a one-line
:class:`corpus.errors.StoreError` (or a subclass) that says what failed and how to recover,
and never holds the auth header. Anything else is a bug and goes through unchanged, so it is
reported as one (a traceback in the log), never as "the index failed".
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import errno
import functools
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from corpus import indexes
from corpus.chunks import Chunk, ChunkRecord
from corpus.embeddings import runtime_of
from corpus.errors import (
    REBUILD_ADVICE,
    StoreDamagedError,
    StoreError,
    StoreReadOnlyError,
    printable,
)
from corpus.generation import embedded_by, generation
from corpus.indexes import Index
from corpus.lock import ReadLease, write_lock
from corpus.models import Article
from corpus.settings import CorpusSettings

if TYPE_CHECKING:
    # chromadb takes about a second to import: only a process that opens the index pays
    # for it (``whosaid quotes`` never does), and ``retrieval.service`` imports it while the
    # embedding model loads in another thread (see ``corpus.embeddings``).
    import numpy as np
    from chromadb.api import ClientAPI
    from langchain_core.embeddings import Embeddings

logger = logging.getLogger(__name__)

# Article records need a vector to live in Chroma; they are never searched by similarity.
_PLACEHOLDER_VECTOR = [1.0]
_PAGE = 5000
# How many chunks besides the ones just written an ingest reads back to check the index.
_CHECK_SAMPLE = 1000
_LOCK_FILE = "ingest.lock"
_LOW_SPACE_BYTES = 64 * 1024 * 1024

# What Chroma, SQLite and hnswlib say when the files under them are damaged or missing.
_DAMAGE_SIGNS = (
    "malformed",
    "not a database",
    "error getting embedding",
    "error finding id",
    "hnsw",
    "data_level0",
    "index_metadata",
    "no such table",
    "file is not",
    "corrupt",
)
_SPACE_SIGNS = ("no space left", "disk is full", "database or disk is full", "quota")
_CONNECTION_SIGNS = (
    "connection refused",
    "connecterror",
    "could not connect",
    "connection reset",
    "remoteprotocolerror",
    "server disconnected",
    "timed out",
    "name or service not known",
)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class StoreLocation:
    """Where the index lives, as error messages name it (never with the auth header)."""

    data_dir: Path | None
    server: str | None = None
    # The auth header's forms (``CorpusSettings.secret_values``), masked in every message.
    secrets: tuple[str, ...] = field(default=(), repr=False)
    # The embedded database (default: the data directory's first index).
    chroma: Path | None = None
    # How long a server's answer is awaited, in seconds (for the message when it is not).
    timeout: float | None = None

    @property
    def chroma_path(self) -> Path | None:
        """The embedded database's directory, if the index is embedded."""
        if self.server is not None or self.data_dir is None:
            return None
        return self.chroma or self.data_dir / "chroma"

    @property
    def name(self) -> str:
        """Return the index's name in messages: the server, or the data directory."""
        if self.server:
            return f"the Chroma server {self.server}"
        return f"the index at {self.data_dir}" if self.data_dir else "the index"

    @classmethod
    def of(cls, settings: CorpusSettings, index: Index | None = None) -> StoreLocation:
        """Describe the index the settings point to (or one of its data directory's)."""
        return cls(
            data_dir=settings.data_dir,
            server=f"{settings.chroma_host}:{settings.chroma_port}"
            if settings.chroma_host
            else None,
            secrets=settings.secret_values(),
            chroma=index.chroma_path if index is not None else None,
            timeout=settings.chroma_timeout if settings.chroma_host else None,
        )


@functools.cache
def _failure_types() -> tuple[type[BaseException], ...]:
    # Imported on first use: chromadb takes a second to import (see above).
    import httpx
    from chromadb.errors import ChromaError

    return (ChromaError, sqlite3.Error, OSError, httpx.HTTPError, json.JSONDecodeError)


def is_store_failure(exc: BaseException) -> bool:
    """Return whether ``exc`` is a failure of the store itself, not a bug in the caller.

    Chroma's errors, SQLite's, the OS's (disk, permissions, connections, timeouts), httpx's
    (a server unreachable or not answering), a reply that is not JSON, and the bare
    ``Exception`` Chroma's HTTP client raises with the body of a server's error reply.
    """
    if isinstance(exc, (StoreError, *_failure_types())):
        return True
    # chromadb.api.base_http_client raises ``Exception(response.text)`` for an error reply
    # that is not Chroma's JSON (a proxy's 502 page, say): that exact type, nothing else.
    return type(exc) is Exception


def store_error(action: str, exc: BaseException, where: StoreLocation) -> StoreError:
    """Turn a store failure into one line saying what failed and how to recover.

    The one place third-party store failures are classified: a damaged or vanished index
    (rebuild it), a full disk (free space, re-run), an unreachable server (start it, retry),
    anything else (what failed, in one line). Only for failures :func:`is_store_failure`
    knows; callers let everything else through.

    Args:
        action: What was being done ("reading the articles"), for the message.
        exc: The exception raised by Chroma, SQLite, httpx or the OS.
        where: The index, to name it and to keep its secret out of the message.
    """
    if isinstance(exc, StoreError):
        return exc
    detail = _detail(exc, where)
    said = detail.lower()
    chroma = where.chroma_path
    embedded = chroma is not None
    if chroma is not None and not chroma.exists():
        return StoreDamagedError(
            f"{action} failed: the index directory {chroma} has disappeared; run "
            "`whosaid ingest` to rebuild it (restart a running bot first)"
        )
    if _has_errno(exc, errno.ENOSPC) or any(s in said for s in _SPACE_SIGNS) or _low_space(where):
        free = _free_space(where)
        return StoreError(
            f"{action} failed: no space left for {where.name}{free}; free some space and run "
            "`whosaid ingest` again (what was committed is kept)"
        )
    if where.server is not None and _timed_out(exc):
        limit = f"within {where.timeout:g} s " if where.timeout else ""
        return StoreError(
            f"{action} failed: {where.name} did not answer {limit}({detail}); check that it "
            "is running and not overloaded (WHOSAID_CHROMA_TIMEOUT sets how long to wait)"
        )
    if where.server is not None and (
        isinstance(exc, ConnectionError) or any(s in said for s in _CONNECTION_SIGNS)
    ):
        return StoreError(
            f"{action} failed: {where.name} is not answering ({detail}); start it and try "
            "again (what was committed is kept)"
        )
    if "expecting embedding with dimension" in said:
        # The index was embedded by a model whose vectors have another size.
        return StoreError(
            f"{action} failed: {where.name} holds vectors of another embedding model "
            f"({detail}); run `whosaid ingest --rebuild` to re-embed it with this one"
        )
    if any(s in said for s in _DAMAGE_SIGNS):
        return StoreDamagedError(
            f"{action} failed: {where.name} is damaged ({detail}); {REBUILD_ADVICE}"
        )
    damage = _sqlite_damage(where) if embedded else None
    if damage is not None:
        # Chroma words a damaged page many ways ("failed to pull logs", "backfill"…);
        # the database's own check is what tells.
        return StoreDamagedError(
            f"{action} failed: {where.name} is damaged (SQLite: {damage}); {REBUILD_ADVICE}"
        )
    if "readonly" in said or "read-only" in said or _has_errno(exc, errno.EACCES):
        return StoreReadOnlyError(
            f"{action} failed: {where.name} is read-only ({detail}); check the permissions "
            "of the data directory"
        )
    return StoreError(f"{action} failed: {detail}")


def _detail(exc: BaseException, where: StoreLocation) -> str:
    """Return the exception's first line, short, without the secret or control characters."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    for secret in sorted(where.secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    text = "".join(ch if ch.isprintable() else " " for ch in printable(text))
    return text if len(text) <= 200 else text[:199] + "…"


def _timed_out(exc: BaseException) -> bool:
    import httpx

    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, httpx.TimeoutException | TimeoutError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _sqlite_damage(where: StoreLocation) -> str | None:
    """Return what SQLite's own check says is wrong with the embedded database, if anything."""
    if where.chroma_path is None:
        return None
    path = where.chroma_path / "chroma.sqlite3"
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = connection.execute("PRAGMA quick_check").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"…
        return str(exc)[:80]
    if not verdict or verdict[0] != "ok":
        return str(verdict[0])[:80] if verdict else "no answer to its integrity check"
    return None


def _has_errno(exc: BaseException, number: int) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, OSError) and seen.errno == number:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _free_space(where: StoreLocation) -> str:
    try:
        free = shutil.disk_usage(where.data_dir).free if where.data_dir else None
    except OSError:
        return ""
    return f" ({free / 1e6:,.0f} MB free on its disk)" if free is not None else ""


def _low_space(where: StoreLocation) -> bool:
    if where.server is not None or where.data_dir is None:
        return False
    try:
        return shutil.disk_usage(where.data_dir).free < _LOW_SPACE_BYTES
    except OSError:
        return False


def _mapped(
    action: str,
) -> Callable[[Callable[Concatenate[Store, P], R]], Callable[Concatenate[Store, P], R]]:
    """Route a store method's failures through :func:`store_error`."""

    def wrap(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
        @functools.wraps(method)
        def run(self: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(self, *args, **kwargs)
            except Exception as exc:
                if not is_store_failure(exc):
                    raise
                raise store_error(action, exc, self.where) from exc

        return run

    return wrap


@dataclass(slots=True)
class ArticleRecord:
    """What the store knows of one indexed article; its text is read on first use.

    Written by :meth:`Store.commit_articles` (:func:`_article_metadata`) and read back once,
    by :meth:`from_metadata`.
    """

    doc_id: str
    path: str
    generation: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None
    quote_count: int = 0
    paragraph_count: int = 0
    # (start, end) of each body paragraph, numbered from 1 in order.
    paragraphs: tuple[tuple[int, int], ...] = ()
    # Reads the texts of many articles at once: {doc_id: text}.
    loader: Callable[[Sequence[str]], dict[str, str]] | None = field(
        default=None, repr=False, compare=False
    )
    _text: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_metadata(
        cls,
        doc_id: str,
        meta: dict[str, Any],
        loader: Callable[[Sequence[str]], dict[str, str]] | None = None,
    ) -> ArticleRecord:
        """Read an article record as :func:`_article_metadata` wrote it."""

        def text(key: str) -> str | None:
            value = meta.get(key)
            return str(value) if value else None

        spans = json.loads(meta.get("paragraphs") or "[]")
        return cls(
            doc_id=doc_id,
            path=str(meta["path"]),
            generation=str(meta.get("generation", "")),
            title=text("title"),
            date=text("date"),
            url=text("url"),
            outlet=text("outlet"),
            quote_count=int(meta.get("quote_count", 0)),
            paragraph_count=int(meta.get("paragraph_count", 0)),
            paragraphs=tuple((int(a), int(b)) for a, b in spans),
            loader=loader,
        )

    @property
    def text(self) -> str:
        """Return the article's full text (fetched from the store the first time)."""
        if self._text is None:
            fill_texts([self])
        return self._text or ""


def fill_texts(records: Iterable[ArticleRecord]) -> None:
    """Read the texts of these articles not yet in memory: one store read, not one each.

    Ranking looks at the paragraphs around every candidate quote; one read per candidate
    grows with the number of candidates, one read for all of them does not.
    """
    missing: dict[Callable[[Sequence[str]], dict[str, str]], list[ArticleRecord]] = {}
    for record in records:
        if record._text is None:
            if record.loader is None:
                record._text = ""
            else:
                missing.setdefault(record.loader, []).append(record)
    for loader, group in missing.items():
        texts = loader([r.doc_id for r in group])
        for record in group:
            record._text = texts.get(record.doc_id, "")


def open_client(settings: CorpusSettings, index: Index | None = None) -> ClientAPI:
    """Open a server's client when configured, else the embedded client of an index (default:
    the data directory's first index).

    A server gets connect and read timeouts (``WHOSAID_CHROMA_CONNECT_TIMEOUT``,
    ``WHOSAID_CHROMA_TIMEOUT``): one that accepts connections and never answers fails the call
    with "did not answer within N s" instead of hanging the command or the bot.
    """
    import chromadb
    from chromadb.config import Settings as ChromaClientSettings

    client_settings = ChromaClientSettings(anonymized_telemetry=False)
    where = StoreLocation.of(settings, index)
    try:
        if settings.chroma_host:
            import httpx

            timeout = httpx.Timeout(
                settings.chroma_timeout, connect=settings.chroma_connect_timeout
            )
            # Chroma's client asks the server who we are as it is made, with no timeout at
            # all: ask for its heartbeat first, with ours.
            _probe(settings, timeout)
            client = chromadb.HttpClient(
                host=settings.chroma_host,
                port=settings.chroma_port,
                ssl=settings.chroma_ssl,
                headers=settings.chroma_headers(),
                settings=client_settings,
            )
            # chromadb.api.fastapi makes its httpx client with timeout=None; every later call
            # goes through that session.
            client._server._session.timeout = timeout  # type: ignore[attr-defined]
            client.heartbeat()
            return client
        path = index.chroma_path if index is not None else settings.chroma_path
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            if path.is_dir():
                raise  # a read-only data directory, say: let Chroma open what is there
            raise StoreError(
                f"cannot create the index directory {path}: {exc.strerror or exc}; "
                "set WHOSAID_DATA_DIR to a directory you can write"
            ) from exc
        return chromadb.PersistentClient(path=str(path), settings=client_settings)
    except Exception as exc:
        failure = _made_client_failure(exc)
        if not is_store_failure(failure):
            raise
        raise store_error(f"opening {where.name}", failure, where) from exc


def _made_client_failure(exc: Exception) -> BaseException:
    """Return the store failure a Chroma client hid while it was being made, else ``exc``.

    ``chromadb.api.client`` checks the server and the tenant as the client is made and raises
    a ``ValueError`` ("Could not connect to a Chroma server…") from httpx's error, so a server
    that stops between our heartbeat and that check would read as a bug. Only a ``ValueError``
    raised while handling a failure :func:`is_store_failure` knows is unwrapped.
    """
    context = exc.__context__
    if type(exc) is ValueError and context is not None and is_store_failure(context):
        return context
    return exc


def _probe(settings: CorpusSettings, timeout: Any) -> None:
    """Ask a Chroma server for its heartbeat, with our timeouts (httpx errors as they are)."""
    import httpx
    from chromadb.api.base_http_client import BaseHTTPClient

    assert settings.chroma_host is not None
    url = BaseHTTPClient.resolve_url(
        settings.chroma_host, settings.chroma_ssl, "/api/v2", settings.chroma_port
    )
    httpx.get(f"{url}/heartbeat", headers=settings.chroma_headers(), timeout=timeout)


class Store:
    """Read and write whosaid's collections in one index (see ``corpus.indexes``).

    The store holds its index as a reader (a shared lease) until :meth:`close`, so no clean-up
    removes the index under it. A store made by ``open_store(..., rebuild=True)`` holds the
    write lock as well, over a new index nobody reads yet, until :meth:`publish` or
    :meth:`close`.
    """

    def __init__(
        self,
        client: ClientAPI,
        embeddings: Embeddings,
        *,
        prefix: str = "whosaid",
        where: StoreLocation | None = None,
        lock_timeout: float = 0.0,
        index: Index | None = None,
        lease: ReadLease | None = None,
    ) -> None:
        self.client = client
        self.embeddings = embeddings
        # Which model's vectors this store writes and trusts (see corpus.generation).
        self.runtime = runtime_of(embeddings)
        self.where = where or StoreLocation(data_dir=None)
        self.lock_timeout = lock_timeout
        self.settings: CorpusSettings | None = None  # set by ``open_store``, to reopen
        self.index = index or Index(self.where.data_dir or Path("."))
        self._lease = lease
        self._detached: Any = None  # this store's Chroma system, once another replaced it
        # A rebuild's write lock, held from ``open_store`` to ``publish`` or ``close``.
        self._rebuild: ExitStack | None = None
        self._copy: Path | None = None  # a private copy of a read-only index, removed on close
        try:
            # Chroma's own client, not LangChain's ``Chroma`` wrapper: the vectors come from
            # ``embeddings`` (so an ingest can embed one batch while the last one is
            # written), and reads ask for ids and distances only, most of a query's cost.
            self._chunks = client.get_or_create_collection(
                f"{prefix}_chunks", embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
            self._articles = client.get_or_create_collection(
                f"{prefix}_articles", embedding_function=None
            )
            self._max_batch = client.get_max_batch_size()
        except Exception as exc:
            if lease is not None:
                lease.release()
            if not is_store_failure(exc):
                raise
            raise store_error("opening the collections", exc, self.where) from exc

    # -- writers and commits --------------------------------------------------------------

    @property
    def rebuilding(self) -> bool:
        """Whether this store writes a new index that is not published yet."""
        return self._rebuild is not None

    def writing(self) -> AbstractContextManager[None]:
        """Hold the index's write lock (one writer at a time, across processes).

        Raises:
            StoreBusyError: Another writer held it for longer than the lock timeout.
        """
        if self._rebuild is not None:
            return nullcontext()  # held since the rebuild began
        data_dir = self.where.data_dir
        if data_dir is None:
            raise StoreError("this store has no data directory for its write lock")
        return write_lock(data_dir / _LOCK_FILE, timeout=self.lock_timeout)

    @_mapped("reading which index is current")
    def ensure_current(self) -> None:
        """Refuse to write an index a rebuild has replaced (call it holding the write lock).

        Raises:
            StoreError: Another process published a rebuilt index since this one was opened.
        """
        if self.settings is None or self.rebuilding:
            return
        if indexes.current(self.settings, self.client) != self.index:
            raise StoreError(
                "the index was rebuilt by another process while this one had it open; "
                "run the command again"
            )

    def commit_stamp(self) -> tuple[int, int] | None:
        """Return a token that changes whenever an ingest changed the index (None: never)."""
        if self.where.data_dir is None:
            return None
        try:
            stat = (self.where.data_dir / indexes.COMMIT_FILE).stat()
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns

    def mark_committed(self) -> None:
        """Tell readers in other processes that the committed state changed.

        A rebuild's index is told of once, when it is published.
        """
        data_dir = self.where.data_dir
        if data_dir is None or self.rebuilding:
            return
        try:
            indexes.write_commit(data_dir, self.index.name)
        except OSError as exc:
            logger.warning("cannot write %s: %s", data_dir / indexes.COMMIT_FILE, exc)

    def publish(self) -> None:
        """Make a rebuilt index the current one, let go of the write lock, and remove the
        indexes no reader holds any more (nothing to do for any other store).

        Raises:
            StoreError: ``index-commit`` (or a server's record) could not be written.
        """
        if self._rebuild is None or self.settings is None:
            return
        try:
            indexes.publish(self.settings, self.index, self.client)
        except Exception as exc:
            if not is_store_failure(exc):
                raise
            raise store_error("publishing the rebuilt index", exc, self.where) from exc
        rebuild, self._rebuild = self._rebuild, None
        rebuild.close()
        indexes.collect(self.settings, self.client)

    def collect(self) -> None:
        """Remove the indexes no process reads any more (best effort)."""
        if self.settings is not None:
            indexes.collect(self.settings, self.client if self.where.server else None)

    def reopened(self) -> Store:
        """Return a new store over the current index, with its own Chroma system.

        The embedded client keeps the vector index in memory and does not see what another
        process wrote: after a commit elsewhere its dense search still returns the old
        chunks. A new system reads the files again; after a rebuild, the current index is
        another one. This store keeps working for the calls already running on it, until
        :meth:`close`.
        """
        if self.settings is None:
            return self
        identifier = getattr(self.client, "_identifier", None)
        if identifier is not None and self.where.server is None:
            from chromadb.api.shared_system_client import SharedSystemClient

            # Chroma shares one system per path in a process; take ours out of its cache, and
            # stop it on close unless other clients in this process share it.
            system = SharedSystemClient._identifier_to_system.pop(identifier, None)
            users = SharedSystemClient._identifier_to_refcount.pop(identifier, 0)
            self._detached = system if users <= 1 else None
        return open_store(self.settings, self.embeddings)

    def close(self) -> None:
        """Let go of the index: stop this store's Chroma system if another store replaced it
        (see :meth:`reopened`), release the reader's lease, and discard a rebuild that was
        never published."""
        system, self._detached = self._detached, None
        if system is not None:
            try:
                system.stop()
            except Exception as exc:  # closing is best effort: the process goes on
                logger.debug("stopping a replaced Chroma system failed: %s", exc)
        lease, self._lease = self._lease, None
        if lease is not None:
            lease.release()
        rebuild, self._rebuild = self._rebuild, None
        if rebuild is not None:
            if self.settings is not None:
                indexes.discard(self.index, self.settings, self.client)
            rebuild.close()
        copy, self._copy = self._copy, None
        if copy is not None:
            _remove_copy(copy)

    # -- articles -------------------------------------------------------------------------

    @_mapped("reading the article records")
    def article_hashes(self) -> dict[str, tuple[str, str]]:
        """Return ``{doc_id: (path, generation)}`` for every committed article."""
        out: dict[str, tuple[str, str]] = {}
        for ids, metas, _ in self._page(self._articles, include=["metadatas"]):
            for doc_id, meta in zip(ids, metas, strict=True):
                out[doc_id] = (str(meta["path"]), str(meta.get("generation", "")))
        return out

    def generation(self, article: Article) -> str:
        """Return the generation this store writes an article's records in."""
        return generation(article, self.runtime)

    @_mapped("reading the article records")
    def articles(self) -> list[ArticleRecord]:
        """Return every committed article this store's model embedded; texts are fetched only
        when one is needed.

        Articles another model embedded (the index before a switch of models, or while an
        ingest re-embeds it) are left out: their vectors cannot be compared with this
        model's.
        """
        out = []
        other = 0
        for ids, metas, _ in self._page(self._articles, include=["metadatas"]):
            for doc_id, meta in zip(ids, metas, strict=True):
                if embedded_by(str(meta.get("generation", "")), self.runtime):
                    out.append(ArticleRecord.from_metadata(doc_id, meta, self.article_texts))
                else:
                    other += 1
        _warn_other_model(other)
        return out

    def embedded_generations(self) -> dict[str, str]:
        """Return ``{doc_id: generation}`` of the committed articles this store's model
        embedded (what a view may serve; the others are left out as in :meth:`articles`)."""
        out: dict[str, str] = {}
        other = 0
        for doc_id, (_, gen) in self.article_hashes().items():
            if embedded_by(gen, self.runtime):
                out[doc_id] = gen
            else:
                other += 1
        _warn_other_model(other)
        return out

    @_mapped("reading articles")
    def article_texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """Return the full texts of these articles, by id (those not indexed are left out)."""
        out: dict[str, str] = {}
        for batch in _batches(list(dict.fromkeys(doc_ids)), self._max_batch):
            got = self._articles.get(ids=batch, include=["documents"])
            for doc_id, text in zip(got["ids"], got.get("documents") or [], strict=True):
                out[doc_id] = text or ""
        return out

    @_mapped("reading articles")
    def article_entries(self, doc_ids: Sequence[str]) -> list[tuple[str, dict[str, Any], str]]:
        """Return ``(doc_id, stored metadata, text)`` of these committed articles."""
        out = []
        for batch in _batches(list(dict.fromkeys(doc_ids)), self._max_batch):
            got = self._articles.get(ids=batch, include=["metadatas", "documents"])
            metas = got.get("metadatas") or [{}] * len(got["ids"])
            texts = got.get("documents") or [""] * len(got["ids"])
            for doc_id, meta, text in zip(got["ids"], metas, texts, strict=True):
                out.append((doc_id, dict(meta or {}), text or ""))
        return out

    @_mapped("reading the chunks")
    def chunks_of(self, doc_ids: Sequence[str]) -> list[tuple[str, str, ChunkRecord, np.ndarray]]:
        """Return ``(id, text, record, vector)`` of every readable chunk of these articles,
        whatever its generation (the caller keeps the live ones)."""
        import numpy as np

        out = []
        for batch in _batches(list(dict.fromkeys(doc_ids)), 100):
            offset = 0
            while True:
                got = self._chunks.get(
                    where={"doc_id": {"$in": batch}},  # type: ignore[dict-item]
                    include=["metadatas", "documents", "embeddings"],
                    limit=_PAGE,
                    offset=offset,
                )
                ids = got["ids"]
                if not ids:
                    break
                vectors = np.asarray(got.get("embeddings"), dtype=np.float32)
                metas = got.get("metadatas") or [{}] * len(ids)
                texts = got.get("documents") or [""] * len(ids)
                for n, (chunk_id, meta, text) in enumerate(zip(ids, metas, texts, strict=True)):
                    record = _chunk_record(chunk_id, dict(meta or {}))
                    if record is not None:
                        out.append((chunk_id, text or "", record, vectors[n]))
                offset += len(ids)
        return out

    @_mapped("committing articles")
    def commit_articles(self, articles: Sequence[tuple[Article, int]]) -> None:
        """Record articles (with their quote counts) as indexed: the commit point."""
        for batch in _batches(list(articles), self._max_batch):
            self._articles.upsert(
                ids=[a.doc_id for a, _ in batch],
                documents=[a.text for a, _ in batch],
                embeddings=[_PLACEHOLDER_VECTOR for _ in batch],  # type: ignore[arg-type]
                metadatas=[_article_metadata(a, n, self.generation(a)) for a, n in batch],  # type: ignore[misc]
            )

    @_mapped("removing articles")
    def remove_articles(self, doc_ids: Sequence[str]) -> None:
        """Forget articles: their record first (so readers stop trusting them), then chunks."""
        for batch in _batches(list(doc_ids), self._max_batch):
            self._articles.delete(ids=batch)
            self._chunks.delete(where={"doc_id": {"$in": batch}})  # type: ignore[dict-item]

    @_mapped("counting the articles")
    def count(self) -> int:
        """Return the number of committed articles."""
        return int(self._articles.count())

    # -- chunks ---------------------------------------------------------------------------

    def embed_chunks(self, chunks: Sequence[Chunk]) -> list[list[float]]:
        """Return the chunks' vectors (the model's work: no store call)."""
        return self.embeddings.embed_documents([c.text for c in chunks]) if chunks else []

    @_mapped("writing chunks")
    def add_chunks(
        self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]] | None = None
    ) -> None:
        """Upsert chunks with their vectors, embedding them first when none are given (ids
        are deterministic, so a retry overwrites)."""
        if vectors is None:
            vectors = self.embed_chunks(chunks)
        if len(vectors) != len(chunks):
            raise StoreError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        rows = list(zip(chunks, vectors, strict=True))
        for batch in _batches(rows, self._max_batch):
            self._chunks.upsert(
                ids=[c.id for c, _ in batch],
                embeddings=[list(v) for _, v in batch],  # type: ignore[arg-type]
                documents=[c.text for c, _ in batch],
                metadatas=[c.record.metadata() for c, _ in batch],  # type: ignore[misc]
            )

    @_mapped("deleting old chunks")
    def drop_stale_chunks(self, live: dict[str, str]) -> None:
        """Delete chunks of these articles whose generation is not the live one."""
        for doc_id, live_generation in live.items():
            self._chunks.delete(
                where={"$and": [{"doc_id": doc_id}, {"generation": {"$ne": live_generation}}]}  # type: ignore[dict-item]
            )

    @_mapped("cleaning up chunks")
    def drop_dead_chunks(self) -> tuple[int, list[str]]:
        """Delete chunks no committed article vouches for (left by a crash).

        A chunk is dead when its article has no record or a record of another generation:
        readers ignore it anyway, but it would take search slots from live chunks for ever.
        Only safe under the write lock, after the ingest's last commit.

        Returns:
            How many chunks were deleted, and the ids of the live ones.
        """
        committed = self.article_hashes()
        dead: list[str] = []
        live: list[str] = []
        for ids, metas, _ in self._page(self._chunks, include=["metadatas"]):
            for chunk_id, meta in zip(ids, metas, strict=True):
                chunk = _chunk_record(chunk_id, meta)
                article = committed.get(chunk.doc_id) if chunk is not None else None
                if chunk is None or article is None or article[1] != chunk.generation:
                    dead.append(chunk_id)
                else:
                    live.append(chunk_id)
        for batch in _batches(dead, self._max_batch):
            self._chunks.delete(ids=batch)
        if dead:
            logger.info("deleted %d chunks left by an interrupted ingest", len(dead))
        return len(dead), live

    @_mapped("checking the index")
    def check(self, written: Sequence[str], live: Sequence[str]) -> None:
        """Read back what an ingest wrote, and a sample of the rest, or say the index is damaged.

        Checks the SQLite file's pages (embedded store), that every chunk just written and a
        spread sample of the other live chunks have a readable embedding, and that a vector
        search runs: what a damaged database page or a truncated HNSW file breaks.

        Raises:
            StoreDamagedError: Something could not be read back.
        """
        self._check_sqlite()
        fresh = set(written)
        others = [i for i in live if i not in fresh]
        step = max(1, len(others) // _CHECK_SAMPLE)
        wanted = list(fresh) + others[::step][:_CHECK_SAMPLE]
        for batch in _batches(wanted, self._max_batch):
            got = self._chunks.get(ids=batch, include=["embeddings"])
            vectors = got.get("embeddings")
            returned = len(got["ids"]) if vectors is not None else 0
            if returned != len(batch):
                raise StoreDamagedError(
                    f"{self.where.name} is damaged ({len(batch) - returned} of {len(batch)} "
                    f"chunks read back without their embedding); {REBUILD_ADVICE}"
                )
        if wanted:
            probe = self._chunks.get(ids=[wanted[0]], include=["embeddings"])["embeddings"]
            if probe is not None and len(probe):
                queries: list[Sequence[float]] = [list(probe[0])]
                self._chunks.query(query_embeddings=queries, n_results=1)

    def _check_sqlite(self) -> None:
        if self.where.server is not None:
            return
        damage = _sqlite_damage(self.where)
        if damage is not None:
            raise StoreDamagedError(
                f"{self.where.name} is damaged (SQLite: {damage}); {REBUILD_ADVICE}"
            )

    @_mapped("searching the index")
    def nearest(
        self, vector: Sequence[float], k: int, *, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Return the ids and cosine distances of the ``k`` chunks nearest to a vector.

        ``where`` is a Chroma metadata filter on the chunk records (a question's dates or
        outlet); without one the search is unfiltered, which costs Chroma far less.
        """
        if k <= 0:
            return []
        queries: list[Sequence[float]] = [list(vector)]
        got = self._chunks.query(
            query_embeddings=queries, n_results=k, include=["distances"], where=where
        )
        ids = got["ids"][0] if got["ids"] else []
        distances = (got.get("distances") or [[]])[0]
        return [(i, float(d)) for i, d in zip(ids, distances, strict=True)]

    @_mapped("reading embeddings")
    def vectors(self, ids: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """Return the ids found among these chunks and their stored embeddings, one row each.

        A matrix, not lists: Chroma hands back an array, and turning a speaker's few hundred
        vectors into Python floats and back cost more than reading them.
        """
        import numpy as np

        found: list[str] = []
        parts = []
        for batch in _batches(list(ids), self._max_batch):
            got = self._chunks.get(ids=batch, include=["embeddings"])
            embeddings = got.get("embeddings")
            if embeddings is not None and len(got["ids"]):
                found += got["ids"]
                parts.append(np.asarray(embeddings, dtype=np.float32))
        if not parts:
            return [], np.zeros((0, 0), dtype=np.float32)
        return found, np.concatenate(parts)

    @_mapped("reading the chunks")
    def chunk_records(self) -> list[tuple[str, str, ChunkRecord]]:
        """Return ``(id, text, record)`` of every readable chunk, committed or not."""
        out = []
        for ids, metas, docs in self._page(self._chunks, include=["metadatas", "documents"]):
            for chunk_id, meta, text in zip(ids, metas, docs, strict=True):
                record = _chunk_record(chunk_id, meta)
                if record is not None:
                    out.append((chunk_id, text or "", record))
        return out

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


def open_store(
    settings: CorpusSettings, embeddings: Embeddings, *, rebuild: bool = False
) -> Store:
    """Open whosaid's store as the settings say (embedded by default, or a server).

    Args:
        settings: Where the index is.
        embeddings: The model embedding chunks.
        rebuild: Open a new, empty index beside the current one instead, holding the write
            lock: what is ingested into it is published by :meth:`Store.publish`, and
            discarded by :meth:`Store.close` if it never is. The current index is not even
            opened, so one too damaged to open can be rebuilt.

    Raises:
        StoreBusyError: ``rebuild`` while an ingest is running.
        StoreDamagedError: ``index-commit`` names an index that is missing.
        StoreError: The store cannot be opened or reached.
    """
    hold = ExitStack()
    if rebuild:
        hold.enter_context(
            write_lock(settings.data_dir / _LOCK_FILE, timeout=settings.ingest_lock_timeout)
        )
    try:
        server = open_client(settings) if settings.chroma_host else None
        if rebuild:
            index, lease = indexes.new_index(settings)
        else:
            index, lease = indexes.hold_current(settings, server)
        try:
            try:
                client = server or open_client(settings, index)
                store = Store(
                    client,
                    embeddings,
                    prefix=index.collection_prefix(
                        settings.collection_prefix, server=bool(server)
                    ),
                    where=StoreLocation.of(settings, index),
                    lock_timeout=settings.ingest_lock_timeout,
                    index=index,
                    lease=lease,
                )
            except StoreReadOnlyError:
                if server is not None or rebuild:
                    raise
                store = _read_only_copy(settings, embeddings, index, lease)
        except BaseException:
            lease.release()
            if rebuild:
                indexes.discard(index, settings, server)
            raise
    except BaseException:
        hold.close()
        raise
    store.settings = settings
    if rebuild:
        store._rebuild = hold
        logger.info("rebuilding into %s beside the current index", index.root)
    return store


def _read_only_copy(
    settings: CorpusSettings, embeddings: Embeddings, index: Index, lease: ReadLease
) -> Store:
    """Open a private copy of an embedded index whose files this process may not write.

    Chroma's embedded client writes to its database as it opens it, so a read-only data
    directory (a read-only mount, files owned by another user) refused even questions. The
    copy answers them; nothing can be ingested here anyway, and a commit by whoever may write
    the index is followed as usual (the next answer reopens a fresh copy). The copy is removed
    when the store closes, or with the process.
    """
    import chromadb
    from chromadb.config import Settings as ChromaClientSettings

    copy = Path(tempfile.mkdtemp(prefix="whosaid-readonly-"))
    atexit.register(_remove_copy, copy)
    where = StoreLocation.of(settings, index)
    try:
        # The copy's own: writable whatever the modes of the files it copies.
        shutil.copytree(index.chroma_path, copy / "chroma", copy_function=shutil.copyfile)
        for folder, _, _ in os.walk(copy):
            os.chmod(folder, 0o700)
        client = chromadb.PersistentClient(
            path=str(copy / "chroma"), settings=ChromaClientSettings(anonymized_telemetry=False)
        )
    except Exception as exc:
        _remove_copy(copy)
        if not is_store_failure(exc):
            raise
        raise store_error(f"opening {where.name}", exc, where) from exc
    logger.warning(
        "%s is read-only: answering from a copy in %s (nothing can be ingested here)",
        where.name,
        copy,
    )
    store = Store(
        client,
        embeddings,
        prefix=settings.collection_prefix,
        where=StoreLocation.of(settings, Index(settings.data_dir, index.name)),
        lock_timeout=settings.ingest_lock_timeout,
        index=index,
        lease=lease,
    )
    store.where = dataclasses.replace(store.where, chroma=copy / "chroma")
    store._copy = copy
    return store


def _remove_copy(copy: Path) -> None:
    """Remove a read-only index's private copy (its folders may have kept read-only modes)."""
    for folder, _, _ in os.walk(copy):
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)
    shutil.rmtree(copy, ignore_errors=True)


def _article_metadata(article: Article, quote_count: int, generation: str) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "path": article.path,
        "content_hash": article.content_hash,
        "generation": generation,
        "quote_count": quote_count,
        "paragraph_count": len(article.paragraphs),
        "paragraphs": json.dumps([[p.start, p.end] for p in article.paragraphs]),
    }
    for key in ("title", "date", "url", "outlet", "author", "language"):
        value = getattr(article, key)
        if value:
            meta[key] = value
    return meta


def _chunk_record(chunk_id: str, meta: dict[str, Any] | None) -> ChunkRecord | None:
    """Read a chunk's record; one that cannot be read is no article's (the next ingest's
    clean-up deletes it)."""
    try:
        return ChunkRecord.from_metadata(meta or {})
    except ValueError as exc:
        logger.warning("ignoring chunk %s: %s", chunk_id, exc)
        return None


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), max(1, size)):
        yield items[i : i + size]


def _warn_other_model(count: int) -> None:
    if count:
        logger.warning(
            "%d indexed articles were embedded by another model than this one; "
            "run `whosaid ingest` to re-embed them",
            count,
        )
