"""One index writer at a time: an exclusive lock file in the data directory.

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
