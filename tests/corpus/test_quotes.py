"""Quote extraction and attribution on the seed article: its hard cases, pinned."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from corpus.models import Paragraph, Quote
from corpus.quotes import extract_quotes
from tests.conftest import SEED


def paragraphs_of(text: str) -> list[Paragraph]:
    """Split text into paragraphs the way plain-text files are read: non-empty lines."""
    return [
        Paragraph(number, m.start(), m.end())
        for number, m in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text), start=1)
    ]


def extract(text: str) -> list[Quote]:
    """Run the engine on text split into line paragraphs."""
    return extract_quotes(text, paragraphs_of(text))


def find(quotes: Sequence[Quote], words: str) -> Quote:
    """Return the one quote whose text starts with ``words``."""
    found = [q for q in quotes if q.text.startswith(words)]
    assert len(found) == 1, f"{words!r}: {[q.text[:40] for q in quotes]}"
    return found[0]


@pytest.fixture(scope="module")
def seed_text() -> str:
    with open(SEED, encoding="utf-8", newline="") as fh:
        return fh.read()


@pytest.fixture(scope="module")
def seed(seed_text: str) -> list[Quote]:
    return extract(seed_text)


_OPENING = '“"«„'
_CLOSING = '”"»“'


def test_every_direct_quote_is_the_span_between_its_marks(seed_text: str, seed: list[Quote]):
    direct = [q for q in seed if q.kind == "direct"]
    assert len(direct) >= 5
    for quote in direct:
        # The words inside the marks, exactly: the mark right before, and right after unless
        # the quote runs on into the next paragraph (then its paragraph ends there).
        assert seed_text[: quote.start].rstrip(" ")[-1] in _OPENING, quote.text
        after = seed_text[quote.end :].lstrip(" ")
        assert after[:1] in _CLOSING or after.startswith(("\n", "\r")), quote.text
        assert quote.text == quote.text.strip()
        assert quote.text[0] not in _OPENING + _CLOSING and quote.text[-1] not in _CLOSING
        if quote.mention is not None:
            assert quote.mention_start is not None and quote.mention_end is not None
            assert seed_text[quote.mention_start : quote.mention_end] == quote.mention
        assert 0.0 < quote.confidence <= 1.0


def test_quotes_come_in_text_order(seed: list[Quote]):
    assert [q.start for q in seed] == sorted(q.start for q in seed)


def test_organisations_are_speakers(seed: list[Quote]):
    ministry = find(seed, "all measures are being taken")
    assert ministry.kind == "direct"
    assert ministry.speaker == "Ministry of Internal Affairs of Kazakhstan"
    foreign = find(seed, "an externally inspired attempt")
    assert foreign.speaker == "Russian Foreign Ministry"
    assert foreign.cue == "said"


def test_psaki_named_with_her_role_and_then_as_she(seed: list[Quote]):
    named = find(seed, "insane and false.")
    assert (named.speaker, named.role) == ("Jennifer Psaki", "White House spokesman")
    assert named.mention == "Jennifer Psaki"
    pronoun = find(seed, "We have heard a number of insane Russian statements")
    assert pronoun.speaker == "Jennifer Psaki"
    assert pronoun.role == "White House spokesman"
    assert pronoun.mention == "she"
    assert pronoun.text.endswith("in recent years,")
    appeal = find(seed, "the protesters to express their demands peacefully")
    assert appeal.kind == "reported"
    assert appeal.speaker == "Jennifer Psaki"


def test_according_to_splits_role_from_name(seed: list[Quote]):
    quote = find(seed, "On the eve of negotiations Putin and Biden")
    assert quote.speaker == "Alexander Shapkovsky"
    assert quote.role == "Belarusian political scientist"
    assert quote.cue is not None and quote.cue.strip() == "According to"


def test_zyuganov_split_quote_and_the_politician(seed: list[Quote]):
    first = find(seed, "the unrest in Kazakhstan, in fact, was provoked")
    second = find(seed, "is actively used by the forces")
    later = find(seed, "This time they are trying to crush Kazakhstan")
    for quote in (first, second, later):
        assert quote.speaker == "Gennady Zyuganov"
        assert quote.role == "Leader of the Communist Party"
    assert later.mention == "the politician"


def test_speaker_named_after_the_verb_and_a_place(seed: list[Quote]):
    quote = find(seed, "It is unlikely that anyone would argue")
    assert quote.speaker == "Mikhail Pogrebinsky"
    assert quote.role == "well-known Ukrainian political scientist"


def test_aleksandrov_interview_answers_including_undashed_paragraphs(seed: list[Quote]):
    intro = find(seed, "the US influence in the current exacerbation is limited")
    assert intro.kind == "reported"
    assert intro.speaker == "Mikhail Aleksandrov"
    assert intro.role == "leading expert of the Center for Military-Political Research, MGIMO"
    for words in (
        "I said a few months ago",
        "Now in Kazakhstan there is a transit of power.",
        "But Nazarbayev also used a very bad technique",
        "I would say that there was, first of all",
        "It’s good that the CSTO troops",
    ):
        answer = find(seed, words)
        assert answer.kind == "interview"
        assert answer.speaker == "Mikhail Aleksandrov"


def test_interviewer_question_belongs_to_the_outlet(seed: list[Quote]):
    question = find(seed, "So you do not agree that the protest was inspired")
    assert question.kind == "question"
    assert question.speaker == "SP"
    assert question.text.endswith("from the outside?")


def test_blokhin_interview_runs_to_the_end_of_the_article(seed_text: str, seed: list[Quote]):
    intro = find(seed, "the aggravation in Kazakhstan is in the interests")
    assert intro.speaker == "Konstantin Blokhin"
    for words in (
        "Is this tension in line",
        "Such hotbeds of tension",
        "Back in 1992, the US Deputy Secretary",
        "Whether Washington played any role",
    ):
        answer = find(seed, words)
        assert (answer.kind, answer.speaker) == ("interview", "Konstantin Blokhin")
    assert not [q for q in seed if q.text.startswith(("Article Categories", "Leave a Reply"))]


def test_nobody_is_credited_with_words_that_only_mention_them(seed: list[Quote]):
    speakers = {q.speaker for q in seed}
    assert speakers == {
        "Ministry of Internal Affairs of Kazakhstan",
        "Russian Foreign Ministry",
        "Jennifer Psaki",
        "Alexander Shapkovsky",
        "Gennady Zyuganov",
        "Mikhail Pogrebinsky",
        "Mikhail Aleksandrov",
        "SP",
        "Konstantin Blokhin",
    }
    # Scare quotes and names in quotation marks are nobody's words.
    texts = {q.text for q in seed}
    assert not texts & {"soft underbelly", "outside", "color revolutions", "Wolfowitz Doctrine."}


def test_the_engine_accepts_loader_paragraphs_in_any_order(seed_text: str, seed: list[Quote]):
    shuffled = list(reversed(paragraphs_of(seed_text)))
    assert extract_quotes(seed_text, shuffled) == seed


def test_seed_through_the_loader_keeps_every_speaker():
    """The CLI path: the loader's paragraphs (title and captions dropped) give the same result."""
    from corpus.loaders import load_file

    (article,) = load_file(SEED)
    quotes = extract_quotes(article.text, article.paragraphs)
    assert {q.speaker for q in quotes} >= {
        "Jennifer Psaki",
        "Alexander Shapkovsky",
        "Gennady Zyuganov",
        "Mikhail Pogrebinsky",
        "Mikhail Aleksandrov",
        "SP",
        "Konstantin Blokhin",
        "Russian Foreign Ministry",
        "Ministry of Internal Affairs of Kazakhstan",
    }
    assert None not in {q.speaker for q in quotes}
    for quote in quotes:
        assert article.text[quote.start : quote.end] == quote.text
