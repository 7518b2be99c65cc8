"""Score each candidate speaker of a quotation with a model learned from gold attributions.

The model is trained by ``make train-attribution`` (``eval/train_attribution.py``) on the
build half of PolNeAR train, and committed as JSON beside this module with its training
record (data, seed, figures). It is read here with the standard library alone: scikit-learn
is needed to train it, never to run it. The score of a candidate is a logistic function of
a linear term and of the sum of a gradient-boosted ensemble's regression trees, either of
which the file may leave empty.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from corpus.attribution.candidates import Candidate
from corpus.errors import CorpusError

logger = logging.getLogger(__name__)

MODEL_FILE = "speaker-scorer.json"


class ScorerError(CorpusError):
    """The speaker scorer's model file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class _Tree:
    """One regression tree: parallel arrays, as scikit-learn stores them."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    value: tuple[float, ...]

    def predict(self, x: Sequence[float]) -> float:
        node = 0
        while self.left[node] != -1:
            node = (
                self.left[node]
                if x[self.feature[node]] <= self.threshold[node]
                else self.right[node]
            )
        return self.value[node]


@dataclass(frozen=True, slots=True)
class Scorer:
    """A learned scorer of candidate speakers, and the least score that may choose one."""

    features: tuple[str, ...]
    bias: float
    weights: tuple[float, ...]
    trees: tuple[_Tree, ...]
    # The rules' choice of words stands while it scores at least this ...
    keep_threshold: float
    # ... the least score for the scorer's choice to replace it ...
    threshold: float
    # ... and to name a speaker where the rules found none.
    fill_threshold: float

    def probability(self, features: Mapping[str, float]) -> float:
        """Return how likely the candidate with these features is the quotation's source."""
        x = [features.get(name, 0.0) for name in self.features]
        raw = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=False))
        raw += sum(tree.predict(x) for tree in self.trees)
        return 1.0 / (1.0 + math.exp(-raw))

    def choose(
        self, found: Sequence[Candidate], *, rules_chose: bool
    ) -> tuple[Candidate, float] | None:
        """Return the best candidate and its score, or None when none is likely enough."""
        best: tuple[Candidate, float] | None = None
        ruled = 0.0
        for cand in found:
            p = self.probability(cand.features)
            if "r_pick" in cand.features:
                ruled = max(ruled, p)
            if best is None or p > best[1]:
                best = (cand, p)
        if ruled >= self.keep_threshold:
            return None
        if best is None or best[1] < (self.threshold if rules_chose else self.fill_threshold):
            return None
        return best

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Scorer:
        """Build a scorer from the model file's content.

        Raises:
            ScorerError: A field is missing or has the wrong shape.
        """
        try:
            features = tuple(str(f) for f in data["features"])
            weights = tuple(float(w) for w in data.get("weights") or [0.0] * len(features))
            trees = tuple(
                _Tree(
                    tuple(int(v) for v in t["left"]),
                    tuple(int(v) for v in t["right"]),
                    tuple(int(v) for v in t["feature"]),
                    tuple(float(v) for v in t["threshold"]),
                    tuple(float(v) for v in t["value"]),
                )
                for t in data.get("trees") or []
            )
            scorer = cls(
                features,
                float(data["bias"]),
                weights,
                trees,
                float(data["keep_threshold"]),
                float(data["threshold"]),
                float(data["fill_threshold"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ScorerError(f"malformed speaker scorer model: {exc}") from exc
        if len(weights) != len(features):
            raise ScorerError("speaker scorer model: one weight per feature expected")
        return scorer


@cache
def load_scorer() -> Scorer:
    """Load the committed speaker scorer once per process (no network, no scikit-learn).

    Raises:
        ScorerError: The model file is missing or malformed.
    """
    path = resources.files("corpus.attribution") / "data" / MODEL_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ScorerError(f"cannot read the speaker scorer model {MODEL_FILE}: {exc}") from exc
    return Scorer.from_json(data)
