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
    )
    from retrieval.evaluation import load_questions, run_eval
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
    "run_eval": "retrieval.evaluation",
    "load_questions": "retrieval.evaluation",
}

__all__ = [
    "Answer",
    "ChatContext",
    "IndexBusyError",
    "IndexDamagedError",
    "IndexUnavailableError",
    "IngestSummary",
    "QAService",
    "QuestionError",
    "QuestionFileError",
    "QuoteResult",
    "RetrievalError",
    "RetrievalSettings",
    "Source",
    "SourceSummary",
    "SpeakerSummary",
    "load_questions",
    "open_service",
    "quotes_in_files",
    "run_eval",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'retrieval' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
