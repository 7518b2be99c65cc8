"""Quotation marks of every style, paired into spans whose text is exact."""

from __future__ import annotations

import pytest

from corpus.attribution.marks import MASK, find_spans, mask
from tests.corpus.test_quotes import paragraphs_of


def spans_of(text: str) -> list[str]:
    """Return the text of every quoted span the marks module finds."""
    return [text[s.start : s.end] for s in find_spans(text, paragraphs_of(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “yes, we can.” Then left.", ["yes, we can."]),
        ('He said "yes, we can." Then "no."', ["yes, we can.", "no."]),
        ("Il a dit « oui, nous pouvons » hier.", ["oui, nous pouvons"]),
        ("Er sagte „ja, wir können“ gestern.", ["ja, wir können"]),
        ("“Apparently not,“ he said.", ["Apparently not,"]),
        (
            "“People wore “Settle For Hillary” shirts,” she said.",
            ["People wore “Settle For Hillary” shirts,"],
        ),
        ('"“You don’t win that way,” Rubio said."', ["You don’t win that way,"]),
        ("“Trailing space. ”she said.", ["Trailing space."]),
        ("He paused — ”stray closing mark — and went on.", []),
    ],
)
def test_marks_pair_into_spans(text: str, expected: list[str]):
    assert spans_of(text) == expected


def test_open_quote_continues_into_the_next_paragraph():
    text = "“First paragraph of the speech,\n\n“second paragraph,” she said.\n\nAfter."
    spans = find_spans(text, paragraphs_of(text))
    assert [text[s.start : s.end] for s in spans] == [
        "First paragraph of the speech,",
        "second paragraph,",
    ]
    assert spans[0].close_at is None
    assert [s.continues_previous for s in spans] == [False, True]
    assert [s.paragraph for s in spans] == [1, 2]


def test_mask_hides_quoted_words_and_keeps_offsets():
    text = "Smith said “Jones lied” today."
    masked = mask(text, find_spans(text, paragraphs_of(text)))
    assert len(masked) == len(text)
    assert "Jones" not in masked
    assert masked.startswith("Smith said “") and masked.endswith("” today.")
    assert masked.count(MASK) == len("Jones lied")
