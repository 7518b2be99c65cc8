"""Errors of the offline side.

CorpusError                 base of everything this package raises
├── LoadError               one file could not be read as articles (skipped, named, explained)
└── StoreError              the vector store could not be opened or written
    └── EmbeddingError      the embedding model could not be loaded
"""

from __future__ import annotations

from pathlib import Path


class CorpusError(Exception):
    """Base of every error raised by the corpus package."""


class LoadError(CorpusError):
    """A file that cannot be loaded as articles; ``str()`` is one line naming file and reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StoreError(CorpusError):
    """The vector store could not be opened, read or written."""


class EmbeddingError(StoreError):
    """The embedding model could not be loaded or run."""
