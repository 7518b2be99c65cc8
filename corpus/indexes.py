"""Which index a data directory answers from, and rebuilding one beside it.

An index is one complete set of whosaid's collections: an embedded Chroma database, or a pair
of collections on a Chroma server. ``whosaid ingest --rebuild`` never deletes the index the
readers use: it builds a new one beside it, under the write lock, and then *publishes* it by
rewriting ``index-commit`` (a rename, so atomic). Every reader finds the index to open there,
and follows a publication at its next answer, so it sees the old index or the new one, never a
half-built or a deleted one.

Each process holding an index open holds a shared lock on that index's readers' file
(:class:`corpus.lock.ReadLease`). :func:`collect` removes every index that is neither the
current one nor held by any reader: the rebuild runs it after publishing, and a reader runs it
when it lets go of an old index, so the last running bot to move on removes the old index. A
rebuild that fails or is interrupted leaves the current index as it was; what it had built is
removed then, or by the next clean-up.

The data directory::

    index-commit        {"index": NAME, "commit": UUID}, rewritten by every committing ingest
    ingest.lock         the write lock (corpus.lock)
    chroma/, cache/     the first index, NAME "", laid out as whosaid always has
    chroma.readers      its readers' file
    indexes/NAME/       an index a rebuild made:
        chroma/         its embedded database (with a server: the collections
                        <prefix>_NAME_chunks and <prefix>_NAME_articles instead)
        view/           its answering view (``retrieval.view``): one per index
        readers.lock    its readers' file

With a Chroma server the current index's name is also kept on the server (one record in
``<prefix>_index``), so processes using other data directories, on other machines, open the
same index; only readers sharing this data directory are seen by :func:`collect`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.errors import REBUILD_ADVICE, StoreDamagedError, StoreError
from corpus.lock import ReadLease, unused
from corpus.settings import CorpusSettings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

logger = logging.getLogger(__name__)

COMMIT_FILE = "index-commit"
_INDEXES = "indexes"
_POINTER_ID = "current"
_NAME = re.compile(r"^[a-z0-9]{1,40}$")
# Tries to find and hold the current index while rebuilds publish new ones in between.
_LEASE_TRIES = 20


@dataclass(frozen=True, slots=True)
class Index:
    """Where one index of a data directory lives; ``name`` "" is the first one."""

    data_dir: Path
    name: str = ""

    @property
    def root(self) -> Path:
        """The directory holding this index's files."""
        return self.data_dir / _INDEXES / self.name if self.name else self.data_dir

    @property
    def chroma_path(self) -> Path:
        """The embedded Chroma database."""
        return self.root / "chroma"

    @property
    def view_dir(self) -> Path:
        """Where the answering view of this index is cached."""
        return self.root / "view" if self.name else self.data_dir / "cache"

    @property
    def readers_file(self) -> Path:
        """The file every reader of this index holds a shared lock on."""
        return self.root / "readers.lock" if self.name else self.data_dir / "chroma.readers"

    def collection_prefix(self, prefix: str, *, server: bool) -> str:
        """The collections' prefix: an embedded index has its own database, a server's its
        own collections."""
        return f"{prefix}_{self.name}" if server and self.name else prefix

    def lease(self) -> ReadLease | None:
        """Hold this index as a reader; ``None`` when it has been removed."""
        return ReadLease.take(self.readers_file, create=not self.name)


def read_commit(data_dir: Path) -> str:
    """Return the name of the index ``index-commit`` points at ("" for the first index).

    A file written before indexes had names holds only a commit id: that is the first index.
    """
    try:
        text = (data_dir / COMMIT_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return ""  # nothing committed yet (a data directory that cannot be is said later)
    except OSError as exc:
        raise StoreError(f"cannot read {data_dir / COMMIT_FILE}: {exc.strerror or exc}") from exc
    try:
        record = json.loads(text)
    except ValueError:
        return ""
    name = record.get("index", "") if isinstance(record, dict) else ""
    if not isinstance(name, str) or (name and not _NAME.match(name)):
        raise StoreDamagedError(f"{data_dir / COMMIT_FILE} is damaged; {REBUILD_ADVICE}")
    return name


def write_commit(data_dir: Path, name: str) -> None:
    """Point ``index-commit`` at an index, as a new file: readers see the change with a stat."""
    with tempfile.NamedTemporaryFile("w", dir=data_dir, prefix=".commit-", delete=False) as fh:
        json.dump({"index": name, "commit": str(uuid.uuid4())}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(fh.name, data_dir / COMMIT_FILE)


def current(settings: CorpusSettings, client: ClientAPI | None = None) -> Index:
    """Return the index readers should use now (a server's own record first, with ``client``)."""
    name = read_commit(settings.data_dir)
    if settings.chroma_host and client is not None:
        name = _server_pointer(client, settings.collection_prefix, fallback=name)
    index = Index(settings.data_dir, name)
    if name and not settings.chroma_host and not index.chroma_path.is_dir():
        raise StoreDamagedError(
            f"the index {index.root} that {COMMIT_FILE} points at is missing; {REBUILD_ADVICE}"
        )
    return index


def hold_current(
    settings: CorpusSettings, client: ClientAPI | None = None
) -> tuple[Index, ReadLease]:
    """Find the current index and hold it as a reader, so no clean-up removes it under us.

    Raises:
        StoreError: A rebuild published new indexes all the time we were trying.
    """
    for _ in range(_LEASE_TRIES):
        index = current(settings, client)
        lease = index.lease()
        if lease is None:
            continue  # removed between the two steps: a rebuild published another one
        if current(settings, client) == index:
            return index, lease
        lease.release()
    raise StoreError(f"the index in {settings.data_dir} kept changing; try again")


def new_index(settings: CorpusSettings) -> tuple[Index, ReadLease]:
    """Make an empty index beside the current one (not published), held by the caller."""
    name = time.strftime("%Y%m%d%H%M%S", time.gmtime()) + secrets.token_hex(3)
    index = Index(settings.data_dir, name)
    try:
        index.root.mkdir(parents=True)
        index.readers_file.touch()
    except OSError as exc:
        raise StoreError(f"cannot create {index.root}: {exc.strerror or exc}") from exc
    lease = index.lease()
    if lease is None:  # pragma: no cover - only a clean-up racing a brand-new name
        raise StoreError(f"{index.root} disappeared as it was made; try again")
    return index, lease


def publish(settings: CorpusSettings, index: Index, client: ClientAPI | None = None) -> None:
    """Make ``index`` the current one, for every reader's next answer."""
    if settings.chroma_host and client is not None:
        _set_server_pointer(client, settings.collection_prefix, index.name)
    try:
        write_commit(settings.data_dir, index.name)
    except OSError as exc:
        raise StoreError(f"cannot write {settings.data_dir / COMMIT_FILE}: {exc}") from exc
    logger.info("index %s is now current", index.name or "(first)")


def collect(settings: CorpusSettings, client: ClientAPI | None = None) -> list[str]:
    """Remove every index that is not current and that no reader holds; return their names.

    Best effort: an index that cannot be removed now is left for the next clean-up.
    """
    try:
        keep = current(settings, client)
    except StoreError:
        return []  # no clean-up while it is unclear which index is current
    removed = []
    for index in _indexes(settings.data_dir):
        if index == keep:
            continue
        with unused(index.readers_file) as free:
            if not free:
                logger.info("index %s is still read; it is removed later", index.root)
                continue
            try:
                _remove(index, settings, client)
            except Exception as exc:  # best effort: anything left is retried next time
                logger.warning("cannot remove the old index %s yet: %s", index.root, exc)
                continue
        removed.append(index.name)
        logger.info("removed the old index %s", index.root)
    return removed


def discard(index: Index, settings: CorpusSettings, client: ClientAPI | None = None) -> None:
    """Remove an unpublished index its builder gave up on (best effort)."""
    try:
        _remove(index, settings, client)
    except Exception as exc:  # the next clean-up removes what is left
        logger.warning("cannot remove the unfinished index %s: %s", index.root, exc)


def _indexes(data_dir: Path) -> list[Index]:
    found = []
    first = Index(data_dir)
    if first.chroma_path.exists() or first.readers_file.exists():
        found.append(first)
    try:
        names = sorted(p.name for p in (data_dir / _INDEXES).iterdir() if _NAME.match(p.name))
    except OSError:
        names = []
    found += [Index(data_dir, name) for name in names]
    return found


def _remove(index: Index, settings: CorpusSettings, client: ClientAPI | None) -> None:
    # The readers' file goes first, so a reader waiting for it finds the index gone.
    index.readers_file.unlink(missing_ok=True)
    if settings.chroma_host and client is not None:
        prefix = index.collection_prefix(settings.collection_prefix, server=True)
        existing = {c.name for c in client.list_collections()}
        for suffix in ("chunks", "articles"):
            if f"{prefix}_{suffix}" in existing:
                client.delete_collection(f"{prefix}_{suffix}")
    _forget_system(index.chroma_path)
    if index.name:
        shutil.rmtree(index.root)
    else:
        shutil.rmtree(index.chroma_path, ignore_errors=True)
        shutil.rmtree(index.view_dir, ignore_errors=True)


def _forget_system(path: Path) -> None:
    """Stop and drop this process's Chroma system for an embedded path, if it has one."""
    from chromadb.api.shared_system_client import SharedSystemClient

    systems = SharedSystemClient._identifier_to_system
    for identifier in [i for i in systems if i == str(path)]:
        system = systems.pop(identifier)
        SharedSystemClient._identifier_to_refcount.pop(identifier, None)
        try:
            system.stop()
        except Exception as exc:  # stopping is best effort: the files go anyway
            logger.debug("stopping the Chroma system of %s failed: %s", path, exc)


def _server_pointer(client: ClientAPI, prefix: str, *, fallback: str) -> str:
    from chromadb.errors import NotFoundError

    try:
        record = client.get_collection(f"{prefix}_index", embedding_function=None).get(
            ids=[_POINTER_ID], include=["metadatas"]
        )
    except (NotFoundError, ValueError):
        return fallback
    metas = record.get("metadatas") or []
    name = metas[0].get("index") if metas and metas[0] else None
    return name if isinstance(name, str) and (not name or _NAME.match(name)) else fallback


def _set_server_pointer(client: ClientAPI, prefix: str, name: str) -> None:
    collection = client.get_or_create_collection(f"{prefix}_index", embedding_function=None)
    collection.upsert(
        ids=[_POINTER_ID],
        embeddings=[[1.0]],  # type: ignore[arg-type]  # a record needs a vector; never searched
        metadatas=[{"index": name}],
    )
