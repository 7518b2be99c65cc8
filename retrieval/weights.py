"""The second-stage ranking's weights: learned, stored in one small file beside this module.

``ranking_weights.json`` holds, for each family of questions, one weight per ranking signal
(:data:`FEATURES`), the score from which a who-answer says "X said this", and a record of how
the weights were made (``make train-ranking``: the questions, the index, the fit and the
figures). A hit's score is the dot product of its signals and the weights of its question's
family, so the signals are weighed as evidence together and none is a gate.

Families: ``who`` (who said it, which analyst said it, open questions: the speaker is
unknown, so names, roles and content all count) and ``speaker`` (what a named speaker said:
every candidate is theirs, only the content counts).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from retrieval.errors import WeightsError

logger = logging.getLogger(__name__)

WEIGHTS_FILE = Path(__file__).with_name("ranking_weights.json")

Family = Literal["who", "speaker"]
FAMILIES: tuple[Family, ...] = ("who", "speaker")

# The ranking signals, in the order of a weight vector (see ``retrieval.rank``).
FEATURES: tuple[str, ...] = (
    "dense",  # cosine of the search text and the chunk
    "coverage",  # IDF-weighted share of the question's words in the chunk
    "context",  # the same share in its paragraph and the one before
    "echo",  # the share of a quote's own words in the question
    "exact",  # the user's quoted words (or a long search text) found verbatim
    "fit",  # the share of the description's terms in what the articles say of the speaker
    "about",  # the speaker is a person the question is about
    "unnamed",  # the source has no name (a passage, an unnamed or described source)
    "passage",  # narrative, not a quote
    "reported",  # the journalist's paraphrase of what was said, not a direct quote
    "article",  # the share of the question's words in the article's headline and lead
    "pronoun",  # the question is about a person and the quote speaks of someone as he or she
)


@dataclass(frozen=True, slots=True)
class RankingWeights:
    """One weight vector per question family, and the confidence threshold."""

    weights: dict[Family, tuple[float, ...]]
    min_confident: float
    made: dict[str, Any] = field(default_factory=dict)

    def score(self, family: Family, signals: tuple[float, ...]) -> float:
        """Return the weighted sum of one hit's signals."""
        return sum(w * s for w, s in zip(self.weights[family], signals, strict=True))

    def as_json(self) -> dict[str, Any]:
        """Return the file's content for these weights."""
        return {
            "features": list(FEATURES),
            "weights": {
                family: dict(zip(FEATURES, values, strict=True))
                for family, values in self.weights.items()
            },
            "min_confident": self.min_confident,
            "made": self.made,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RankingWeights:
        """Read the file's content; every feature of every family must be given.

        Raises:
            WeightsError: A family or a feature is missing, or a weight is not a number.
        """
        try:
            weights = {
                family: tuple(float(data["weights"][family][name]) for name in FEATURES)
                for family in FAMILIES
            }
            return cls(weights, float(data["min_confident"]), dict(data.get("made", {})))
        except (KeyError, TypeError, ValueError) as exc:
            raise WeightsError(f"malformed ranking weights: missing or bad {exc}") from None


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS_FILE) -> RankingWeights:
    """Read the ranking weights (once per path).

    Raises:
        WeightsError: The file cannot be read or is malformed.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WeightsError(f"cannot read the ranking weights {path.name}: {exc}") from None
    weights = RankingWeights.from_json(data)
    logger.debug("ranking weights from %s (%s)", path.name, weights.made.get("summary", ""))
    return weights


__all__ = ["FAMILIES", "FEATURES", "RankingWeights", "WeightsError", "load_weights"]
