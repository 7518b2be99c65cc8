"""Choosing rows from BM25 without scoring or sorting them all."""

from __future__ import annotations

import numpy as np

from retrieval.lexical import LexicalIndex, tokenize, top_rows


def test_the_best_positive_scores_come_first_and_ties_keep_row_order() -> None:
    scores = np.array([0.0, 2.0, 5.0, 2.0, -1.0, 7.0, 2.0], dtype=np.float32)
    assert top_rows(scores, 3) == [5, 2, 1]
    assert top_rows(scores, 5) == [5, 2, 1, 3, 6]
    assert top_rows(scores, 100) == [5, 2, 1, 3, 6], "zero and negative scores are no match"


def test_it_agrees_with_a_full_sort_on_many_rows() -> None:
    scores = np.random.default_rng(0).random(50_000).astype(np.float32)
    assert top_rows(scores, 40) == [int(i) for i in np.argsort(-scores, kind="stable")[:40]]
    assert top_rows(scores, 0) == [] and top_rows(np.zeros(0, dtype=np.float32), 5) == []


def test_rows_with_every_word_come_from_the_postings_and_too_many_give_none() -> None:
    index = LexicalIndex(
        [
            "Guards turned back 70 trucks from Serbia",
            "Guards turned back 12 trucks from Serbia",
            "Seventy trucks waited at the border",
            "The guards at Vidin turned back 70 trucks from Serbia last week",
        ]
    )
    words = tokenize("turned back 70 trucks from Serbia")
    assert index.rows_with_all(words, limit=10) == [0, 3]
    assert index.rows_with_all(tokenize("trucks"), limit=2) == [], "four rows: too common"
    assert index.rows_with_all(tokenize("70 trucks from Belgrade"), limit=10) == []
    assert index.rows_with_all([], limit=10) == []
