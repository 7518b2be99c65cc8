"""A small durable state store beside the index: feeds, channels, follows and alerts.

One SQLite file in the data directory (``state.sqlite3``), shared by the command line and the
bot, each feature keeping its own tables (created on first use). SQLite gives what this needs
and nothing more: a write is committed whole or not at all (a crash never leaves half a
subscription), readers and one writer in several processes at once (WAL), and no server.
It is not the index: ``whosaid ingest --rebuild`` leaves it as it is.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus.errors import CorpusError

logger = logging.getLogger(__name__)

STATE_FILE = "state.sqlite3"
# Seconds a writer waits for another one (an ingest's feed poll and the bot, say).
_BUSY_TIMEOUT = 30.0


class StateError(CorpusError):
    """The state store could not be opened, read or written."""


class StateStore:
    """A connection to the state file, safe to share between threads.

    Each feature calls :meth:`ensure` with its schema once; :meth:`transaction` runs a
    group of statements that commit together.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._schemas: set[str] = set()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                path, timeout=_BUSY_TIMEOUT, check_same_thread=False, isolation_level=None
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"cannot open the state file {path}: {exc}") from exc

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> StateStore:
        """Open the state file of a data directory."""
        return cls(data_dir / STATE_FILE)

    def ensure(self, schema: str) -> None:
        """Create a feature's tables if they are missing (idempotent)."""
        if schema in self._schemas:
            return
        with self.transaction() as db:
            for statement in _statements(schema):
                db.execute(statement)
        self._schemas.add(schema)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run statements that commit together, or not at all (``BEGIN IMMEDIATE``)."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StateError(f"cannot write the state file {self.path}: {exc}") from exc
            try:
                yield self._db
            except sqlite3.Error as exc:
                self._db.execute("ROLLBACK")
                raise StateError(f"cannot write the state file {self.path}: {exc}") from exc
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StateError(f"cannot write the state file {self.path}: {exc}") from exc

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """Run a read and return its rows."""
        with self._lock:
            try:
                return list(self._db.execute(sql, params))
            except sqlite3.Error as exc:
                raise StateError(f"cannot read the state file {self.path}: {exc}") from exc

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()


def _statements(schema: str) -> list[str]:
    return [part.strip() for part in schema.split(";") if part.strip()]
