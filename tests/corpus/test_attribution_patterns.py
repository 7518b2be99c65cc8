"""Attribution patterns one at a time, on short texts written for the purpose."""

from __future__ import annotations

import random

import pytest

from corpus.models import Quote
from tests.corpus.test_quotes import extract, find, paragraphs_of


def only(text: str) -> Quote:
    """Return the single quote the engine finds in ``text``."""
    quotes = [q for q in extract(text) if q.kind != "reported"]
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize(
    ("text", "speaker", "mention"),
    [
        ("“The budget is a disgrace,” said Senator Mary Jones.", "Mary Jones", "Mary Jones"),
        ("“The budget is a disgrace,” Mary Jones said on Tuesday.", "Mary Jones", "Mary Jones"),
        ('Mary Jones said: "The budget is a disgrace."', "Mary Jones", "Mary Jones"),
        ("Mary Jones told reporters, «The budget is a disgrace.»", "Mary Jones", "Mary Jones"),
        ("According to Mary Jones, „The budget is a disgrace.“", "Mary Jones", "Mary Jones"),
        (
            "“The budget is a disgrace,” Mary Jones, a senator from Ohio, said.",
            "Mary Jones",
            "Mary Jones",
        ),
        (
            "“The budget is a disgrace,” the Treasury Department said in a statement.",
            "Treasury Department",
            "Treasury Department",
        ),
    ],
)
def test_speaker_before_or_after_the_quote(text: str, speaker: str, mention: str):
    quote = only(text)
    assert quote.text.startswith("The budget is a disgrace")
    assert (quote.kind, quote.speaker, quote.mention) == ("direct", speaker, mention)
    assert text[quote.start : quote.end] == quote.text


def test_role_is_split_from_the_name():
    quote = only("White House spokesman Jennifer Psaki said: “That is false.”")
    assert (quote.speaker, quote.role) == ("Jennifer Psaki", "White House spokesman")


def test_attribution_in_the_middle_covers_both_halves():
    text = "“We will win,” she said, “and we will win big.” Mary Jones smiled."
    text = "Mary Jones spoke first.\n\n" + text
    quotes = extract(text)
    assert [q.text for q in quotes] == ["We will win,", "and we will win big."]
    assert {q.speaker for q in quotes} == {"Mary Jones"}
    assert {q.mention for q in quotes} == {"she"}


def test_pronoun_resolves_to_the_fullest_name_of_the_last_speaker():
    text = (
        "Senator Mary Jones said the vote would be close.\n\n"
        "“It will come down to the wire,” Jones said.\n\n"
        "“We are ready for it,” she added."
    )
    quotes = [q for q in extract(text) if q.kind == "direct"]
    assert [q.speaker for q in quotes] == ["Mary Jones", "Mary Jones"]
    assert [q.mention for q in quotes] == ["Jones", "she"]


def test_quote_running_over_paragraphs_keeps_its_speaker():
    text = (
        "“The first part of a long statement goes here and keeps going,\n\n"
        "“and the second part ends it,” the governor said.\n\n"
    )
    text = "Governor Tom Reed spoke on Monday.\n\n" + text
    quotes = extract(text)
    assert [q.text for q in quotes] == [
        "The first part of a long statement goes here and keeps going,",
        "and the second part ends it,",
    ]
    assert {q.speaker for q in quotes} == {"Tom Reed"}
    assert [q.paragraph for q in quotes] == [2, 3]


def test_person_named_inside_a_quote_is_not_its_speaker():
    quote = only("“Mary Jones is wrong about the budget and she knows it,” the mayor said.")
    assert quote.speaker != "Mary Jones"
    assert quote.mention == "the mayor"


def test_quote_with_no_recoverable_speaker_gets_none_and_low_confidence():
    quote = only("“There is nothing more to be said about this budget at all, nothing.”")
    assert quote.speaker is None and quote.mention is None
    assert quote.confidence < 0.3


def test_scare_quotes_and_titles_are_not_quotes():
    text = "The so-called “reform” was discussed on “Meet the Press” by the panel."
    assert extract(text) == []


def test_reported_speech_clause():
    text = "Mary Jones, a senator from Ohio, said that the budget would pass next week."
    quotes = extract(text)
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.kind == "reported"
    assert quote.text == "the budget would pass next week."
    assert (quote.speaker, quote.role, quote.cue) == ("Mary Jones", "senator from Ohio", "said")


def test_trailing_reported_speech():
    quote = extract("The budget will pass next week, officials said.")[0]
    assert quote.kind == "reported"
    assert quote.text == "The budget will pass next week"
    assert quote.mention == "officials"
    # "officials" names nobody in particular: the description as printed, never a guess.
    assert quote.speaker == "officials"
    assert quote.source_kind == "anonymous"


def test_labelled_interview_question_and_answer():
    text = (
        "Anna Lee, an economist at the Central Bank, believes that prices will fall.\n\n"
        "“NT”: – Will they fall this year?\n\n"
        "– I think they will, by the end of the summer at the latest.\n\n"
    )
    quotes = extract(text)
    kinds = [(q.kind, q.speaker) for q in quotes]
    assert kinds == [("reported", "Anna Lee"), ("question", "NT"), ("interview", "Anna Lee")]


def test_contract_holds_on_scrambled_text():
    """Whatever the input, spans and mentions are exact slices and confidences in range."""
    rng = random.Random(7)
    pieces = [
        "Smith", " said", " he", ", ", ". ", ": ", "“", "”", '"', "«", "»", "„", "\n\n", "– ",
        "according to ", "Mr. ", "Q: ", "(D-Wis.) ", "believes that ", "the senator ",
        "Jane Doe", " told", " adding", "‘", "’", "xxx", " ", "“SP”: – ", "\n",
    ]  # fmt: skip
    found = 0
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        numbers = {p.number for p in paragraphs_of(text)}
        for quote in extract(text):
            found += 1
            assert quote.text and text[quote.start : quote.end] == quote.text
            assert quote.text == quote.text.strip()
            assert quote.paragraph in numbers
            assert 0.0 < quote.confidence <= 1.0
            if quote.mention is not None:
                assert quote.mention_start is not None and quote.mention_end is not None
                assert text[quote.mention_start : quote.mention_end] == quote.mention
    assert found > 100


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # An adverb or a reflexive between the subject and its verb.
        ("Tom Baker emphatically said, “The plan is dead and buried.”", "Tom Baker"),
        ("Tom Baker himself conceded, “The plan is dead and buried.”", "Tom Baker"),
        # A clause with no speech verb introducing the quote with a colon.
        ("Tom Baker resisted: “The plan is dead and buried.”", "Tom Baker"),
        ("Asked about it, he demurred: “The plan is dead and buried.”", "he"),
        # Two verbs sharing one subject; a reported clause's subject is not that subject.
        ("Two years ago, he backed the plan and said, “The plan is dead and buried.”", "he"),
        (
            "Tom Baker said he had left the party and added, “The plan is dead and buried.”",
            "Tom Baker",
        ),
        # A relative clause between the subject and the verb.
        (
            "An aide who spoke on condition of anonymity said, “The plan is dead and buried.”",
            "An aide",
        ),
        # The name right before a speech verb in -ing.
        ("The ad shows Tom Baker saying, “The plan is dead and buried.”", "Tom Baker"),
        # "report" after a determiner is a noun, not the cue.
        ("“The plan is dead and buried,” the report stated.", "the report"),
        ("“The plan is dead and buried,” Tom Baker answered.", "Tom Baker"),
    ],
)
def test_subject_of_the_cue(text: str, mention: str):
    quote = only("Tom Baker spoke on Monday.\n\n" + text)
    assert quote.text.startswith("The plan is dead and buried")
    assert quote.mention == mention


@pytest.mark.parametrize(
    "text",
    [
        "Tom Baker agreed. “The plan is dead and buried.”",
        "Tom Baker, the mayor, said in a statement. “The plan is dead and buried.”",
    ],
)
def test_cue_in_the_sentence_before_the_quote(text: str):
    quote = only(text)
    assert (quote.mention, quote.speaker) == ("Tom Baker", "Tom Baker")


def test_previous_sentence_with_a_clause_of_its_own_is_no_cue():
    text = (
        "Tom Baker said the plan had failed badly. "
        "“The plan is dead and buried, and nobody in this town will revive it.”"
    )
    quote = only(text)
    # Not a cue: the quote goes to the sentence's speaker only weakly, as a narrative beat.
    assert quote.cue is None
    assert quote.speaker == "Tom Baker"
    assert quote.confidence < 0.5


def test_byline_paragraph_signs_the_quote_above():
    text = "“The plan is dead and buried, and nobody will revive it.”\n\n- Tom Baker.\n"
    quote = only(text)
    assert (quote.mention, quote.speaker) == ("Tom Baker", "Tom Baker")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("“The plan is dead” if the vote fails, said Tom Baker, a lawyer.", "Tom Baker"),
        ("“The plan is dead” because the vote failed, he said.", "he"),
    ],
)
def test_quote_finished_by_a_subordinate_clause(text: str, mention: str):
    quote = only("Tom Baker spoke on Monday.\n\n" + text)
    assert quote.mention == mention


def test_number_words_opening_a_sentence_are_not_names():
    text = "Mary Jones spoke first.\n\nTwo weeks later, she said, “We have nothing to add.”"
    assert only(text).mention == "she"


def test_short_capitalised_answer_after_a_speech_verb_is_a_quote():
    quote = only('Asked whether he would resign, Tom Baker said, "Probably."')
    assert (quote.text, quote.speaker) == ("Probably.", "Tom Baker")


def test_title_after_told_is_not_a_quote():
    assert [
        q for q in extract("Tom Baker told “Fox and Friends” he would run.") if q.kind == "direct"
    ] == []


def test_pronouns_agree_with_a_known_first_name():
    text = (
        "Hillary Clinton met Donald Trump in Ohio.\n\n"
        "“We will win this state,” Trump said.\n\n"
        "“No, we will,” she replied."
    )
    quotes = extract(text)
    assert [(q.mention, q.speaker) for q in quotes] == [
        ("Trump", "Donald Trump"),
        ("she", "Hillary Clinton"),
    ]
    text = text.replace("she replied", "he replied")
    assert extract(text)[-1].speaker == "Donald Trump"


def test_pronoun_prefers_a_person_just_introduced_to_an_older_quoted_speaker() -> None:
    text = (
        "“Exports will fall,” said Marina Kovacs, the energy minister.\n\n"
        "Sophia Esposito, the trade commissioner, spoke about tariffs on Monday.\n\n"
        "“Tariffs will rise,” she said."
    )
    quote = extract(text)[-1]
    assert (quote.text, quote.mention, quote.speaker) == (
        "Tariffs will rise,",
        "she",
        "Sophia Esposito",
    )
    assert quote.role == "the trade commissioner"


def test_consecutive_pronoun_paragraphs_keep_the_introduced_speaker() -> None:
    text = (
        "Helen Marsh, defence secretary of Britain, spoke about the alliance on Monday.\n\n"
        "“The alliance must double its presence. ”she said.\n\n"
        "“Talks are scheduled for October. ”she said."
    )
    quotes = extract(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The alliance must double its presence.", "Helen Marsh"),
        ("Talks are scheduled for October.", "Helen Marsh"),
    ]


def test_a_country_is_never_the_person_a_pronoun_points_to() -> None:
    text = (
        "Officials from Ruthenia and Armenia exchanged statements on Monday.\n\n"
        "Anna Schreiber (chair of the defence committee) commented on the refugees.\n\n"
        "“Migrants must be able to apply for asylum,” the lawmaker wrote."
    )
    assert only(text).speaker == "Anna Schreiber"
    alone = (
        "Officials from Ruthenia and Armenia exchanged statements.\n\n"
        "“We have nothing more to add,” he said."
    )
    assert only(alone).speaker is None


def test_a_country_speaks_as_an_institution() -> None:
    quote = only("“The border stays closed,” Armenia said in a statement.")
    assert quote.speaker == "Armenia"
    assert quote.role is None


def test_background_paragraph_with_a_scare_quote_ends_an_interview() -> None:
    text = (
        "Pavel Orlov, a political scientist, believes that the talks will fail.\n\n"
        "– The talks will fail because nobody in the region wants them to succeed at all.\n\n"
        "Commentators in Warsaw speak of the so-called “red lines”, a phrase that has become "
        "common. Officials have published figures for two regions."
    )
    quotes = extract(text)
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("reported", "Pavel Orlov"),
        ("interview", "Pavel Orlov"),
    ]


@pytest.mark.parametrize(
    "label",
    ["BW: So you do not agree?", "“BW”: – So you do not agree?", "BW: – So you do not agree?"],
)
def test_interviewer_question_is_the_outlet_label(label: str) -> None:
    text = (
        "Pavel Orlov, a political scientist, believes that the talks will fail.\n\n"
        f"{label}\n\n"
        "– No, I do not agree, and I have said so many times before in this newspaper."
    )
    quotes = extract(text)
    question = find(quotes, "So you do not agree?")
    assert (question.kind, question.speaker, question.mention, question.role) == (
        "question",
        "BW",
        "BW",
        None,
    )
    answer = find(quotes, "No, I do not agree")
    assert (answer.kind, answer.speaker) == ("interview", "Pavel Orlov")
