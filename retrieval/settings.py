"""Settings of the answering side (same ``WHOSAID_`` prefix as the corpus settings)."""

from __future__ import annotations

from pydantic import Field

from corpus.settings import CorpusSettings


class RetrievalSettings(CorpusSettings):
    """Everything needed to answer: the corpus settings plus how answers are cut."""

    max_question_chars: int = Field(
        default=1000, ge=10, le=100_000, description="longer questions are refused"
    )
    answer_quotes: int = Field(default=5, ge=1, le=50, description="quotes shown per answer")
    fetch_k: int = Field(
        default=40, ge=5, le=1000, description="candidates taken from each ranking"
    )
    # Cosine similarities lie in [-1, 1]; a threshold outside it is a typo that would let
    # everything through (or nothing).
    min_similarity: float = Field(
        default=0.45,
        ge=-1,
        le=1,
        description="cosine similarity above which a quote answers on its own",
    )
    min_similarity_speaker: float = Field(
        default=0.2,
        ge=-1,
        le=1,
        description="a named speaker's quote is on the asked topic above this similarity "
        "(or when it shares a word with the topic)",
    )
    min_similarity_with_terms: float = Field(
        default=0.25,
        ge=-1,
        le=1,
        description="lower similarity accepted when the quote shares most of the question's words",
    )
    min_confident: float | None = Field(
        default=None,
        # The second-stage score is a cosine plus a few bounded bonuses (retrieval.rank).
        ge=-1,
        le=10,
        description="a who-question's best quote must score this much (second-stage ranking) "
        'for the answer to say "X said this"; below it, "the closest quotes I found" '
        "(unset: the threshold learned with the ranking weights)",
    )
