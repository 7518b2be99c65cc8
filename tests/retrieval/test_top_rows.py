"""Choosing the best-scored rows without sorting them all."""

from __future__ import annotations

import numpy as np

from retrieval.lexical import top_rows


def test_the_best_positive_scores_come_first_and_ties_keep_row_order() -> None:
    scores = np.array([0.0, 2.0, 5.0, 2.0, -1.0, 7.0, 2.0], dtype=np.float32)
    assert top_rows(scores, 3) == [5, 2, 1]
    assert top_rows(scores, 5) == [5, 2, 1, 3, 6]
    assert top_rows(scores, 100) == [5, 2, 1, 3, 6], "zero and negative scores are no match"


def test_it_agrees_with_a_full_sort_on_many_rows() -> None:
    scores = np.random.default_rng(0).random(50_000).astype(np.float32)
    assert top_rows(scores, 40) == [int(i) for i in np.argsort(-scores, kind="stable")[:40]]
    assert top_rows(scores, 0) == [] and top_rows(np.zeros(0, dtype=np.float32), 5) == []
