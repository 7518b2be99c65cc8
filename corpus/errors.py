"""Errors of the offline side.

CorpusError                 base of everything this package raises
├── LoadError               one file could not be read as articles (skipped, named, explained)
└── StoreError              the vector store could not be opened, read or written
    ├── EmbeddingError      the embedding model could not be loaded or run
    ├── StoreBusyError      another process is writing the index (an ingest holds its lock)
    ├── StoreReadOnlyError  the index's files cannot be written (a read-only data directory)
    └── StoreDamagedError   the index's files are damaged or gone; it must be rebuilt

Every ``str()`` is one line, never holds a secret (the Chroma auth header is never part of
one) and, for store errors, says how to recover.
"""

from __future__ import annotations

from pathlib import Path

REBUILD_ADVICE = "run `whosaid ingest --rebuild` to rebuild it from the article files"


def printable(text: str) -> str:
    """Return ``text`` with lone surrogates (from non-UTF-8 file names) shown as escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class CorpusError(Exception):
    """Base of every error raised by the corpus package."""


class LoadError(CorpusError):
    """A file that cannot be loaded as articles; ``str()`` is one line naming file and reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = printable(str(path))
        self.reason = " ".join(printable(reason).split())
        super().__init__(f"{self.path}: {self.reason}")


class StoreError(CorpusError):
    """The vector store could not be opened, read or written."""


class EmbeddingError(StoreError):
    """The embedding model could not be loaded or run."""


class StoreBusyError(StoreError):
    """Another process holds the index's write lock: one writer at a time."""


class StoreReadOnlyError(StoreError):
    """The index's files cannot be written (permissions, a read-only mount)."""


class StoreDamagedError(StoreError):
    """The index is damaged (unreadable pages, truncated vector files) or its files are gone."""
