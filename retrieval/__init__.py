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
    from retrieval.follows import (
        Alert,
        Follow,
        claim,
        collect,
        follow,
        following,
        forget_chat,
        move_chat,
        parse_follow,
        pending,
        sent,
        unfollow,
    )
    from retrieval.intake import (
        ChannelPost,
        FeedInfo,
        FeedPoll,
        Intake,
        Progress,
        add_feed,
        add_links,
        add_post,
        describe_export,
        list_feeds,
        person_named,
        poll_feeds,
        reingest_posts,
        remove_feed,
        set_channel,
    )
    from retrieval.lang import question_language
    from retrieval.models import (
        Answer,
        ChatContext,
        IngestSummary,
        QuoteResult,
        Source,
        SourceSummary,
        SpeakerSummary,
    )
    from retrieval.postcheck import check_post, quoted_claims
    from retrieval.protocol import QAService
    from retrieval.service import IndexService, open_service
    from retrieval.settings import RetrievalSettings
    from retrieval.texts import Wording, wording

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
    "QAService": "retrieval.protocol",
    "IndexService": "retrieval.service",
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
    "ChannelPost": "retrieval.intake",
    "add_post": "retrieval.intake",
    "reingest_posts": "retrieval.intake",
    "Alert": "retrieval.follows",
    "Follow": "retrieval.follows",
    "claim": "retrieval.follows",
    "collect": "retrieval.follows",
    "follow": "retrieval.follows",
    "following": "retrieval.follows",
    "forget_chat": "retrieval.follows",
    "move_chat": "retrieval.follows",
    "parse_follow": "retrieval.follows",
    "pending": "retrieval.follows",
    "sent": "retrieval.follows",
    "unfollow": "retrieval.follows",
    "check_post": "retrieval.postcheck",
    "quoted_claims": "retrieval.postcheck",
    "Scope": "retrieval.filters",
    "run_eval": "retrieval.evaluation",
    "load_questions": "retrieval.evaluation",
    "question_language": "retrieval.lang",
    "Wording": "retrieval.texts",
    "wording": "retrieval.texts",
}

__all__ = [
    "Alert",
    "Answer",
    "ChannelPost",
    "ChatContext",
    "FeedInfo",
    "FeedPoll",
    "Follow",
    "IndexBusyError",
    "IndexDamagedError",
    "IndexService",
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
    "Wording",
    "add_feed",
    "add_links",
    "add_post",
    "check_post",
    "claim",
    "collect",
    "describe_export",
    "follow",
    "following",
    "forget_chat",
    "list_feeds",
    "load_questions",
    "move_chat",
    "open_service",
    "parse_follow",
    "pending",
    "person_named",
    "poll_feeds",
    "question_language",
    "quoted_claims",
    "quotes_in_files",
    "reingest_posts",
    "remove_feed",
    "run_eval",
    "sent",
    "set_channel",
    "unfollow",
    "wording",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'retrieval' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
