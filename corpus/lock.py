"""One index writer at a time, and the readers of each index: lock files in the data directory.

``fcntl.flock`` locks belong to an open file, so the lock holds across processes (CLI, bot,
a second CLI) and across threads, and the kernel drops it when its holder exits, even after
``kill -9``: a crashed ingest never leaves a stale lock behind. It protects writers sharing
one data directory on one machine; it cannot see writers on other machines (see README,
"Limits").
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus.errors import StoreBusyError, StoreError

logger = logging.getLogger(__name__)

_POLL_SECONDS = 0.1


@contextmanager
def write_lock(path: Path, *, timeout: float = 0.0) -> Iterator[None]:
    """Hold the exclusive write lock at ``path`` for the duration of the block.

    Args:
        path: The lock file (created if missing; its content is the holder's pid).
        timeout: Seconds to wait for another holder to finish; 0 fails at once.

    Raises:
        StoreBusyError: Another process (or thread) held the lock for the whole timeout.
        StoreError: The lock file cannot be created.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot create the lock file {path}: {exc.strerror or exc}") from exc
    try:
        _acquire(fd, path, timeout)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def _acquire(fd: int, path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                break
            time.sleep(_POLL_SECONDS)
    holder = _holder(fd)
    raise StoreBusyError(
        f"another ingest is running on {path.parent}{holder}; "
        "wait for it to finish, then try again"
    )


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdecimal() else ""


class ReadLease:
    """A reader's hold on one index: a shared lock on its readers' file, until :meth:`release`.

    Any number of readers share it; the clean-up that removes an index no longer in use
    (``corpus.indexes.collect``) takes it exclusively, without waiting, and so never removes
    an index a running process still reads. Like the write lock, the kernel drops it with
    its holder, so a killed bot never keeps an old index alive.
    """

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    @classmethod
    def take(cls, path: Path, *, create: bool) -> ReadLease | None:
        """Hold the readers' lock at ``path``; ``None`` when the index it guards is gone.

        Args:
            path: The readers' file of one index.
            create: Create the file if it is missing (the first index, which predates it).
        """
        flags = os.O_RDONLY | (os.O_CREAT if create else 0)  # flock needs no write access
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, flags, 0o644)
        except FileNotFoundError:
            return None
        except OSError:
            # A read-only data directory: nobody can remove the index there either, so
            # reading it needs no lease.
            return cls(-1, path)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a clean-up holds it
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except OSError:
            same = False
        if not same:  # removed while we waited: the lock is on a file nobody will see
            os.close(fd)
            return None
        return cls(fd, path)

    def release(self) -> None:
        """Let go of the index (idempotent)."""
        fd, self._fd = self._fd, None
        if fd is not None and fd >= 0:
            os.close(fd)


@contextmanager
def unused(path: Path) -> Iterator[bool]:
    """Hold the readers' file at ``path`` exclusively if nobody reads the index: yield whether.

    While the block runs with ``True``, no reader can take a lease on the index; the caller
    removes it, and unlinks ``path`` first so readers that were waiting see it gone.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        yield True
        return
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)
