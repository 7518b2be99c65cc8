"""Attribution from sentence structure: the parse and the learned speaker scorer."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from corpus.attribution.candidates import Candidate
from corpus.attribution.marks import find_spans, mask
from corpus.attribution.scorer import Scorer, ScorerError, load_scorer
from corpus.attribution.syntax import PHRASE_PLACEHOLDER, PLACEHOLDER, Parses
from corpus.models import Paragraph
from tests.auxil.engine import extract, quote_of


def _parses(text: str) -> tuple[Parses, list[int]]:
    paras = [Paragraph(1, 0, len(text))]
    spans = find_spans(text, paras)
    return Parses.find(text, mask(text, spans), paras, spans), [s.open_at for s in spans]


def test_the_parse_reads_a_placeholder_for_each_quote_and_maps_back_to_the_article():
    text = "The mayor said on Monday: “We will rebuild the bridge.” Critics called it “a fantasy”."
    parses, opens = _parses(text)
    window = parses.around(opens[0])
    assert window is not None
    assert PLACEHOLDER in window.doc.text and PHRASE_PLACEHOLDER in window.doc.text
    assert "rebuild" not in window.doc.text  # the quoted words are never parsed
    mayor = next(t for t in window.doc if t.text == "mayor")
    assert text[slice(*window.span_of(mayor))] == "mayor"
    quoted = [t for t in window.doc if window.is_quoted(t)]
    assert text[slice(*window.span_of(quoted[0]))].startswith("We will rebuild")


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        # No speech verb of the lexicon: the clause the quote completes says whose it is.
        ('The city reasoned, "The bridge is too old to repair and too costly to keep."',
         None, "The city"),
        ('Councillor Dana Webb responded on social media, stating: "This vote is a disgrace '
         'and the residents deserve better."', "Dana Webb", "Councillor Dana Webb"),
        ('Mayor Ines Kroll issued a statement on Friday: "We will appeal the ruling as soon '
         'as the court allows it."', "Ines Kroll", "Mayor Ines Kroll"),
    ],
)  # fmt: skip
def test_a_quote_with_no_speech_verb_is_the_subject_of_the_clause_it_completes(
    text: str, speaker: str | None, words: str
):
    quote = extract(text)[0]
    assert quote.mention is not None and words.endswith(quote.mention)
    if speaker is not None:
        assert quote.speaker == speaker


def test_a_quoted_phrase_the_narrative_borrows_is_not_its_subjects_speech():
    text = (
        "Rosa Tamm has been called “the new Greta” – Lena Varga was the first to say so "
        "– although the comparison is unfair.\n\n"
        "“I just want the river cleaned up. That is all I have ever asked for.”"
    )
    quotes = extract(text.replace("\n\n", "\n\n"))
    assert all(q.speaker != "Lena Varga" for q in quotes)


@pytest.mark.parametrize(
    "sentence",
    [
        "However, Norway appears weak before the Swedish “offensive,” which went through "
        "Oslo and Bergen.",
        "Former Governor Ann Holt and Sen. Tom Reyes (D-Ore.) ended in a “virtual tie” on the "
        "Democratic side.",
    ],
)
def test_a_word_or_two_in_quotes_is_never_credited_to_the_clauses_subject(sentence: str):
    quotes = extract(f"The vote on the harbour was close.\n\n{sentence}")
    assert all(q.speaker is None for q in quotes)


def test_the_committed_scorer_loads_without_scikit_learn_and_says_how_it_was_trained():
    scorer = load_scorer()
    assert scorer.features and 0.5 <= scorer.threshold <= 1.01
    record = json.loads(
        (resources.files("corpus.attribution") / "data" / "speaker-scorer.json").read_text()
    )
    training = record["training"]
    assert "build half" in training["data"] and training["seed"] == 16
    assert training["cross_validated"]["right"] > 0


def _scorer(**overrides: object) -> Scorer:
    data: dict[str, object] = {
        "features": ["good"],
        "bias": -2.0,
        "weights": [4.0],
        "keep_threshold": 0.5,
        "threshold": 0.5,
        "fill_threshold": 0.9,
    }
    data.update(overrides)
    return Scorer.from_json(data)


def test_the_scorer_keeps_the_rules_choice_unless_it_finds_it_unlikely():
    scorer = _scorer()
    liked = Candidate(0, 3, {"good": 1.0})
    ruled_out = Candidate(5, 9, {"r_pick": 1.0})
    ruled_in = Candidate(5, 9, {"r_pick": 1.0, "good": 1.0})
    assert scorer.choose([liked, ruled_out], rules_chose=True) == (
        liked,
        pytest.approx(scorer.probability({"good": 1.0})),
    )
    assert scorer.choose([liked, ruled_in], rules_chose=True) is None
    # With no choice of the rules' to replace, only a stronger score names a speaker.
    assert scorer.choose([liked], rules_chose=False) is None
    assert scorer.choose([], rules_chose=False) is None


def test_a_malformed_model_file_is_a_clear_error():
    with pytest.raises(ScorerError):
        Scorer.from_json({"features": ["a", "b"], "bias": 0.0, "weights": [1.0]})
    with pytest.raises(ScorerError):
        _scorer(weights=[1.0, 2.0])


def test_a_nearer_name_is_not_the_speaker_when_the_parse_says_whose_words_they_are():
    text = (
        "Officials met at the town hall on Tuesday. The meeting, chaired by Councillor "
        "Ravi Patel, went on until late. Resident Mirela Dunn, who lives by the river, "
        "stood up and told Patel: “Our street floods every spring and nobody comes.”"
    )
    quote = quote_of(extract(text), "Our street floods")
    assert quote.speaker == "Mirela Dunn"
