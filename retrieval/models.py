"""Plain models that cross from ``retrieval`` to the front ends.

Only these (never LangChain documents or Chroma objects) leave the package.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

AnswerKind = Literal["direct", "reported", "interview", "question", "post", "passage"]
# Who is behind a quote: a named person or organisation, a source the article only describes
# ("an Iowa Republican", in ``role``), or a document ("the report"). None for passages.
SourceKind = Literal["person", "organisation", "anonymous", "document"]


class Source(BaseModel):
    """Where a quote was printed: the article and the paragraph."""

    doc_id: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    url: str | None = None
    outlet: str | None = None
    path: str
    paragraph: int


class QuoteResult(BaseModel):
    """One verified quote (or passage) in an answer; ``text`` is verbatim from its source.

    ``speaker`` is set only for a named source; an unnamed one is described in ``role``.
    A ``reported`` quote is the journalist's wording of what was said, not the speaker's own
    words: front ends never put it in quotation marks.
    """

    speaker: str | None = None
    role: str | None = None
    text: str
    kind: AnswerKind
    source_kind: SourceKind | None = None
    source: Source
    start: int = Field(description="offset of text in the source article")
    end: int
    score: float = 0.0
    also: list[Source] = Field(
        default_factory=list,
        description="other articles that carry the same quote, earliest first (reprints)",
    )


class ChatContext(BaseModel):
    """What a conversation is about, so follow-ups ("what else did he say?") can be answered."""

    speaker: str | None = None
    topic: str | None = None
    seen: list[str] = Field(default_factory=list, description="keys of quotes already shown")


class Answer(BaseModel):
    """The answer to one question. ``found`` is False when the corpus has nothing to show."""

    question: str
    found: bool
    answer: str
    quotes: list[QuoteResult] = Field(default_factory=list)
    speaker: str | None = Field(
        default=None, description="canonical speaker the question was about"
    )
    topic: str | None = None
    language: str = Field(
        default="en", description="language of ``answer`` (the quotes are as printed)"
    )
    context: ChatContext = Field(default_factory=ChatContext)


class SpeakerSummary(BaseModel):
    """A speaker in the registry: canonical name, roles and how often they are quoted."""

    name: str
    roles: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    quote_count: int
    article_count: int


class SourceSummary(BaseModel):
    """An indexed article."""

    doc_id: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None
    path: str
    paragraph_count: int
    quote_count: int


class IngestSummary(BaseModel):
    """What an ingest did; ``skipped`` holds one line per file that was not ingested."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[str] = Field(default_factory=list)
    quotes: int = 0
    speakers: int = 0
