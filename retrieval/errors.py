"""Errors of the online side.

RetrievalError          base of everything this package raises
├── QuestionError       the question itself is unusable (empty, too long); message is for users
└── IndexUnavailableError   the index is missing, empty or unreachable
"""

from __future__ import annotations


class RetrievalError(Exception):
    """Base of every error raised by the retrieval package."""


class QuestionError(RetrievalError):
    """The question cannot be asked as it is; ``str()`` is a message fit for the user."""


class IndexUnavailableError(RetrievalError):
    """The index is missing, empty or its store cannot be reached."""
