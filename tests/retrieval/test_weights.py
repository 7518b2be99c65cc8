"""The ranking weights file: read as shipped, refused when malformed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.errors import WeightsError
from retrieval.weights import FAMILIES, FEATURES, RankingWeights, load_weights


def test_the_shipped_weights_give_every_signal_of_every_family_a_weight() -> None:
    weights = load_weights()
    for family in FAMILIES:
        assert len(weights.weights[family]) == len(FEATURES)
    # The score stays in the units of a cosine, where the settings' margins are set.
    assert weights.weights["who"][FEATURES.index("dense")] == 1.0
    assert RankingWeights.from_json(weights.as_json()) == weights


def test_a_missing_weight_is_refused(tmp_path: Path) -> None:
    data = load_weights().as_json()
    del data["weights"]["who"]["fit"]
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WeightsError, match="fit"):
        load_weights(path)


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "weights.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(WeightsError, match="cannot read"):
        load_weights(path)


def test_the_score_is_the_weighted_sum() -> None:
    weights = RankingWeights(
        {family: tuple(float(i) for i in range(len(FEATURES))) for family in FAMILIES}, 0.5
    )
    signals = tuple(1.0 for _ in FEATURES)
    assert weights.score("who", signals) == sum(range(len(FEATURES)))
