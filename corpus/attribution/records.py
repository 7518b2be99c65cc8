"""The attribution of one quote, and the quote record built from it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from corpus.attribution.mentions import Mention
from corpus.attribution.people import Speaker
from corpus.models import Quote, QuoteKind


@dataclass(slots=True)
class Attribution:
    """Who a span is attributed to, through which words and cue, and how surely."""

    mention: Mention | None
    speaker: Speaker | None
    cue: str | None
    confidence: float
    # How the rules found it: "cue", "continued", "subject", "beat", "layout" or "" (none).
    how: str = ""


@dataclass(frozen=True, slots=True)
class InterviewPart:
    """One paragraph of an interview: an answer by ``speaker`` or an interviewer's question."""

    start: int
    end: int
    paragraph: int
    kind: Literal["interview", "question"]
    speaker: Mention | None  # the introduction's mention, or the question's label


def as_printed(quote: Quote, original: str) -> Quote:
    mention = None
    if quote.mention_start is not None and quote.mention_end is not None:
        mention = original[quote.mention_start : quote.mention_end]
    return replace(quote, text=original[quote.start : quote.end], mention=mention)


def make_quote(
    text: str, start: int, end: int, kind: QuoteKind, paragraph: int, attribution: Attribution
) -> Quote:
    mention = attribution.mention
    speaker = attribution.speaker
    return Quote(
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,
        paragraph=paragraph,
        speaker=speaker.name if speaker else None,
        role=speaker.role if speaker else None,
        # Read from the text itself: rules run on a masked copy.
        mention=text[mention.start : mention.end] if mention else None,
        mention_start=mention.start if mention else None,
        mention_end=mention.end if mention else None,
        cue=attribution.cue,
        confidence=round(max(0.05, min(attribution.confidence, 1.0)), 2),
        source_kind=speaker.kind if speaker else "person",
    )
