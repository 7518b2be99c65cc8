"""Plain models of the quote verifier's answers (``whosaid check``, the bot's verdict cards).

Like :mod:`retrieval.models`, only these leave the package. A :class:`Verdict` says what is
true about one claim, with its proof: the real quote first (verbatim from its source, through
the same gate as every answer), the word-level diff for an altered claim, the real speaker for
a misattributed one, and for every verdict what was searched, so "not found" is never read as
"false".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from retrieval.models import QuoteResult, Source

VerdictKind = Literal["verbatim", "altered", "misattributed", "not_found"]
# Why words that are in the corpus are not the claimed person's: somebody else said them; the
# article reports them in its own words (reported speech); they are the article's own words,
# nobody's quote; or the article prints them as a quote without naming the claimed person.
Misattribution = Literal["other_speaker", "reported", "author", "unattributed"]


class Searched(BaseModel):
    """What a check looked through: the articles, their outlets and their dates."""

    articles: int
    outlets: list[str] = Field(default_factory=list, description="the most frequent, at most 5")
    outlet_count: int = 0
    first_date: str | None = None
    last_date: str | None = None
    scope: str | None = Field(default=None, description="the dates and outlets it was limited to")


class DiffEdit(BaseModel):
    """One run of a word-level diff from the real quote to the claim."""

    op: Literal["equal", "removed", "added"]
    text: str


class Copy(BaseModel):
    """One printing of a quote in the corpus, for its genealogy (earliest first)."""

    source: Source
    speaker: str | None = None
    text: str = Field(description="verbatim from the source")
    same_words: bool = True
    diff: str | None = Field(default=None, description="against the earliest printing")
    speaker_changed: bool = False


class Verdict(BaseModel):
    """What is true about one claim, and the proof."""

    claim: str
    speaker: str | None = Field(default=None, description="who the claim says said it")
    verdict: VerdictKind
    explanation: str = Field(description="one sentence a reader can rely on")
    quotes: list[QuoteResult] = Field(
        default_factory=list, description="the real quote first, then other close ones"
    )
    real_speaker: str | None = None
    reason: Misattribution | None = None
    diff: str | None = Field(default=None, description="~~removed~~ / **added**, for altered")
    edits: list[DiffEdit] = Field(default_factory=list, description="the same diff, as runs")
    changes: list[str] = Field(default_factory=list)
    changed: float = Field(default=0.0, description="share of words changed (0-1)")
    other_speaker: bool = Field(
        default=False, description="altered: and the real quote is not the claimed speaker's"
    )
    first: Source | None = Field(
        default=None, description="the first appearance, when several articles carry it"
    )
    history: list[Copy] = Field(default_factory=list)
    searched: Searched


__all__ = ["Copy", "DiffEdit", "Misattribution", "Searched", "Verdict", "VerdictKind"]
