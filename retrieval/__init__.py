"""The online side: question → hybrid retrieval → verified, cited answer.

Front ends import only the names below; LangChain documents and Chroma objects stay inside.
Names load lazily so a command that needs no model (``whosaid quotes``) starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from retrieval.engine import quotes_in_files
    from retrieval.errors import (
        IndexBusyError,
        IndexDamagedError,
        IndexUnavailableError,
        QuestionError,
        QuestionFileError,
        RetrievalError,
        SourceError,
    )
    from retrieval.evaluation import load_questions, run_eval
    from retrieval.filters import Scope
    from retrieval.intake import (
        FeedInfo,
        FeedPoll,
        Intake,
        Progress,
        add_feed,
        add_links,
        describe_export,
        list_feeds,
        person_named,
        poll_feeds,
        remove_feed,
        set_channel,
    )
    from retrieval.models import (
        Answer,
        ChatContext,
        IngestSummary,
        QuoteResult,
        Source,
        SourceSummary,
        SpeakerSummary,
    )
    from retrieval.service import QAService, open_service
    from retrieval.settings import RetrievalSettings

_WHERE = {
    "Answer": "retrieval.models",
    "ChatContext": "retrieval.models",
    "IngestSummary": "retrieval.models",
    "QuoteResult": "retrieval.models",
    "Source": "retrieval.models",
    "SourceSummary": "retrieval.models",
    "SpeakerSummary": "retrieval.models",
    "IndexBusyError": "retrieval.errors",
    "IndexDamagedError": "retrieval.errors",
    "IndexUnavailableError": "retrieval.errors",
    "QuestionError": "retrieval.errors",
    "QuestionFileError": "retrieval.errors",
    "RetrievalError": "retrieval.errors",
    "QAService": "retrieval.service",
    "open_service": "retrieval.service",
    "RetrievalSettings": "retrieval.settings",
    "quotes_in_files": "retrieval.engine",
    "FeedInfo": "retrieval.intake",
    "FeedPoll": "retrieval.intake",
    "Intake": "retrieval.intake",
    "add_feed": "retrieval.intake",
    "add_links": "retrieval.intake",
    "describe_export": "retrieval.intake",
    "list_feeds": "retrieval.intake",
    "person_named": "retrieval.intake",
    "poll_feeds": "retrieval.intake",
    "Progress": "retrieval.intake",
    "remove_feed": "retrieval.intake",
    "set_channel": "retrieval.intake",
    "SourceError": "retrieval.errors",
    "Scope": "retrieval.filters",
    "run_eval": "retrieval.evaluation",
    "load_questions": "retrieval.evaluation",
}

__all__ = [
    "Answer",
    "ChatContext",
    "FeedInfo",
    "FeedPoll",
    "IndexBusyError",
    "IndexDamagedError",
    "IndexUnavailableError",
    "IngestSummary",
    "Intake",
    "Progress",
    "QAService",
    "QuestionError",
    "QuestionFileError",
    "QuoteResult",
    "RetrievalError",
    "RetrievalSettings",
    "Scope",
    "Source",
    "SourceError",
    "SourceSummary",
    "SpeakerSummary",
    "add_feed",
    "add_links",
    "describe_export",
    "list_feeds",
    "load_questions",
    "open_service",
    "person_named",
    "poll_feeds",
    "quotes_in_files",
    "remove_feed",
    "run_eval",
    "set_channel",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'retrieval' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
