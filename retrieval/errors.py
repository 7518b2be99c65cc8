"""Errors of the online side: the only exceptions a public service method raises.

RetrievalError              base of everything this package raises
├── QuestionError           the question itself is unusable (empty, too long, not text)
├── QuestionFileError       an evaluation question file is unreadable or malformed
├── WeightsError            the ranking weights file is missing or malformed (a broken install)
├── SourceError             a feed, channel or subscription that cannot be added as asked
└── IndexUnavailableError   the index cannot be used right now (missing, unreachable, full…)
    ├── IndexBusyError      another ingest is writing the index; wait for it and retry
    └── IndexDamagedError   the index is damaged; ``whosaid ingest --rebuild`` rebuilds it

``str()`` of each is one line, fit to show a user, free of secrets, and says how to recover.
Store, model and disk failures reach callers only as ``IndexUnavailableError`` or a subclass
(see ``retrieval.service``), with the original exception as ``__cause__`` for the logs.
Nothing else is mapped: a bug propagates as itself, to the front end's unexpected-error path.
"""

from __future__ import annotations


class RetrievalError(Exception):
    """Base of every error raised by the retrieval package."""


class QuestionError(RetrievalError):
    """The question cannot be asked as it is; ``str()`` is a message fit for the user."""


class QuestionFileError(RetrievalError, ValueError):
    """A question file for ``whosaid eval`` cannot be read; ``str()`` names file and problem."""


class WeightsError(RetrievalError):
    """The ranking weights (``retrieval/ranking_weights.json``) cannot be read: reinstall."""


class SourceError(RetrievalError):
    """A feed URL, a channel name or a subscription that cannot be used as given, or the
    state file that keeps them cannot be read or written; ``str()`` says which and why."""


class IndexUnavailableError(RetrievalError):
    """The index is missing, empty or its store cannot be reached or written."""


class IndexBusyError(IndexUnavailableError):
    """Another process is writing the index (an ingest is running)."""


class IndexDamagedError(IndexUnavailableError):
    """The index is damaged or its files are gone; it must be rebuilt from the articles."""
