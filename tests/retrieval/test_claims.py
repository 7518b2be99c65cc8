"""Claims out of a text, and the word alignment that compares them with real quotes."""

from __future__ import annotations

import pytest

from retrieval.align import align, aligned_edges, describe, markup, words
from retrieval.check import same_name
from retrieval.claims import parse_claims


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("We will never surrender", [("We will never surrender", None)]),
        ("“We will never surrender” — Jane Roe", [("We will never surrender", "Jane Roe")]),
        ('"We will never surrender" - Jane Roe, mayor', [("We will never surrender", "Jane Roe")]),
        ("Jane Roe: “We will never surrender.”", [("We will never surrender.", "Jane Roe")]),
        ("According to Jane Roe, “the plan failed”.", [("the plan failed", "Jane Roe")]),
        ("“The plan failed,” said Jane Roe.", [("The plan failed", "Jane Roe")]),
        ("“The plan failed,” Jane Roe said.", [("The plan failed", "Jane Roe")]),
        ("“The plan failed” — Donald J. Trump", [("The plan failed", "Donald J. Trump")]),
        ("«Мы не сдадимся», — заявил Иван Петров.", [("Мы не сдадимся", "Иван Петров")]),
        ("Иван Петров: «Мы не сдадимся»", [("Мы не сдадимся", "Иван Петров")]),
        # A pronoun names nobody: the claim is checked against everyone.
        ("“The plan failed,” he said.", [("The plan failed", None)]),
        # A short phrase in marks inside the user's own sentence: the sentence is the claim.
        ('I told him "no way" and left', [('I told him "no way" and left', None)]),
    ],
)
def test_claims_and_their_speakers(text: str, claims: list[tuple[str, str | None]]) -> None:
    assert [(c.text, c.speaker) for c in parse_claims(text)] == claims


def test_a_post_keeps_its_quotations_and_drops_its_titles() -> None:
    post = (
        "The council met about the bridge.\n"
        "“We will open the bridge in May,” said Mayor Jane Holt after the meeting.\n"
        "Tom Reed, who reads “The Times”, called it “a promise nobody believes”."
    )
    assert [(c.text, c.speaker) for c in parse_claims(post)] == [
        ("We will open the bridge in May", "Mayor Jane Holt"),
        ("a promise nobody believes", None),
    ]


def test_a_given_speaker_overrides_the_text() -> None:
    assert parse_claims("“It works” — Jane Roe", speaker="Tom Reed")[0].speaker == "Tom Reed"


def test_the_best_window_of_a_long_quote_and_its_diff() -> None:
    real = words("NATO members surrounded us from all sides. The West will do everything.")
    found = align(words("NATO surrounded us from every side"), real)
    assert found is not None
    assert markup(found) == "NATO ~~members~~ surrounded us from ~~all sides.~~ **every side**"
    assert found.window_words == 7 and found.matched == 4


def test_a_whole_sentence_is_verbatim_and_a_cut_one_is_truncated() -> None:
    real = words("The bridge will be ready by spring. We will never close it again.")
    whole = align(words("We will never close it again"), real)
    cut = align(words("The bridge will be ready"), real)
    assert whole is not None and whole.exact and aligned_edges(whole, real)
    assert cut is not None and cut.exact and not aligned_edges(cut, real)
    assert describe(cut, real) == ["truncated"]


def test_words_compare_without_case_punctuation_or_apostrophe_shapes() -> None:
    found = align(words("“It's TIME,” we said"), words("it’s time; we said"))
    assert found is not None and found.exact


@pytest.mark.parametrize(
    ("claimed", "speaker", "same"),
    [
        ("Jane Holt", "Jane Holt", True),
        ("Mayor Jane Holt", "Jane Holt", True),
        ("Holt", "Jane Holt", True),
        ("J. Holt", "Jane Holt", True),
        ("William Brooks", "Cornell William Brooks", True),
        ("Bill Clinton", "Hillary Clinton", False),
        ("Jane Roe", "Jane Holt", False),
    ],
)
def test_same_name(claimed: str, speaker: str, same: bool) -> None:
    assert same_name(claimed, speaker) is same
