"""Query analysis: form, speaker (through the registry), topic, follow-ups, unknown people."""

from __future__ import annotations

import pytest

from corpus.speakers import SpeakerRegistry
from retrieval.question import analyse, description_terms, role_terms

REGISTRY = SpeakerRegistry.build(
    [
        ("Konstantin Blokhin", "Leading Researcher"),
        ("Mikhail Aleksandrov", "leading expert"),
        ("Jennifer Psaki", "White House spokesman"),
        ("Russian Foreign Ministry", None),
    ]
)


@pytest.mark.parametrize(
    ("question", "form", "speaker", "topic"),
    [
        ("What did Blokhin say about Ukraine?", "speaker", "Konstantin Blokhin", "Ukraine"),
        (
            "what did mikhail alexandrov say about the transit of power",
            "speaker",
            "Mikhail Aleksandrov",
            "the transit of power",
        ),
        (
            "What did the Russian Foreign Ministry say?",
            "speaker",
            "Russian Foreign Ministry",
            None,
        ),
        ("Who said tension is growing in Central Asia?", "who", None, None),
        ("Who was quoted about the CSTO troops?", "who", None, "the CSTO troops"),
        ("Why did the protests start?", "open", None, None),
    ],
)
def test_forms(question: str, form: str, speaker: str | None, topic: str | None) -> None:
    query = analyse(question, REGISTRY)
    assert (query.form, query.speaker, query.unknown_speaker) == (form, speaker, None)
    assert query.topic == topic


def test_who_question_searches_for_the_claim_without_frame_words() -> None:
    query = analyse("Who said Kazakhstan has the longest border in the world?", REGISTRY)
    assert query.search_text == "Kazakhstan has the longest border in the world"


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("What did Vladimir Putin say about the protests?", "Vladimir Putin"),
        ("What did Joe Biden say about Kazakhstan?", "Joe Biden"),
        ("Did Angela Merkel comment on gas prices?", "Angela Merkel"),
    ],
)
def test_unknown_people_are_recognised(question: str, name: str) -> None:
    query = analyse(question, REGISTRY)
    assert query.speaker is None and query.unknown_speaker == name


def test_a_place_is_not_an_unknown_speaker() -> None:
    query = analyse("Who said Kazakhstan has the longest border with Russia?", REGISTRY)
    assert query.unknown_speaker is None


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What else did he say?", None),
        ("And about NATO?", "NATO"),
        ("What did she say about it?", "it"),
    ],
)
def test_follow_ups_use_the_last_speaker(question: str, topic: str | None) -> None:
    query = analyse(question, REGISTRY, last_speaker="Konstantin Blokhin", last_topic="Ukraine")
    assert query.followup and query.speaker == "Konstantin Blokhin"
    # "What else did he say?" asks for more of anything: the last topic is not carried over.
    assert query.topic == topic


def test_a_new_name_overrides_the_conversation() -> None:
    query = analyse("What did Psaki say?", REGISTRY, last_speaker="Konstantin Blokhin")
    assert query.speaker == "Jennifer Psaki" and not query.followup


def test_pronoun_without_a_conversation_needs_context() -> None:
    query = analyse("What else did he say?", REGISTRY)
    assert query.needs_context and query.speaker is None


def test_an_ambiguous_surname_is_not_resolved_to_either_person() -> None:
    registry = SpeakerRegistry.build([("Hillary Clinton", None), ("Bill Clinton", None)])
    query = analyse("What did Clinton say about trade?", registry)
    assert query.speaker is None and query.unknown_speaker is None
    assert set(query.ambiguous) == {"Hillary Clinton", "Bill Clinton"}
    assert analyse("What did Bill Clinton say?", registry).speaker == "Bill Clinton"


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What did the White House spokesman say?", "Jennifer Psaki"),
        ("what did the leading researcher say about NATO?", "Konstantin Blokhin"),
    ],
)
def test_a_description_matches_a_speakers_role(question: str, speaker: str) -> None:
    query = analyse(question, REGISTRY)
    assert query.speaker == speaker and query.unknown_speaker is None


def test_a_description_several_roles_fit_is_ambiguous() -> None:
    registry = SpeakerRegistry.build(
        [("Ivan Petrov", "expert at MGIMO"), ("Olga Ivanova", "an expert")]
    )
    query = analyse("What did the expert say?", registry)
    assert set(query.ambiguous) == {"Ivan Petrov", "Olga Ivanova"}


@pytest.mark.parametrize(
    "question", ["Did anyone mention Chechnya?", "What did experts say about the CSTO?"]
)
def test_anyone_in_the_speakers_place_is_a_who_question(question: str) -> None:
    query = analyse(question, REGISTRY)
    assert query.form == "who" and query.unknown_speaker is None


def test_a_group_in_the_speakers_place_is_a_description_to_fit() -> None:
    query = analyse("What did the protesters say?", REGISTRY)
    # No recorded role says "protesters": the answer must come from someone described so.
    assert query.unknown_speaker is None and query.speaker is None
    assert (query.form, query.description, query.described_in_slot) == ("who", "protesters", True)


def test_the_article_in_the_speakers_place_is_an_open_question() -> None:
    query = analyse("What did the article say about Almaty?", REGISTRY)
    assert query.form == "open" and query.unknown_speaker is None


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("Any comments on new sanctions?", True),
        ("What was said about interest rates?", True),
        ("How many people were detained?", False),
    ],
)
def test_questions_asking_for_quotes_are_recognised(question: str, wants: bool) -> None:
    assert analyse(question, REGISTRY).wants_quotes is wants


def test_a_namesake_with_another_first_name_is_not_the_speaker() -> None:
    registry = SpeakerRegistry.build([("Daniel Ortega", "President of Nicaragua")])
    query = analyse("What did Daniela Ortega say?", registry)
    assert query.speaker is None and query.unknown_speaker == "Daniela Ortega"
    assert analyse("What did President Ortega say?", registry).speaker == "Daniel Ortega"
    assert analyse("What did Mr. Ortega say?", registry).speaker == "Daniel Ortega"


def test_words_in_quotation_marks_are_a_claim_not_the_questions_frame() -> None:
    query = analyse("Who said “rents will fall, according to our own estimates”?", REGISTRY)
    assert (query.form, query.description, query.speaker) == ("who", None, None)
    assert query.claim == "rents will fall, according to our own estimates"


@pytest.mark.parametrize(
    ("question", "description", "search"),
    [
        # "blasted" is a speech verb of the attribution lexicon: it ends the description.
        ("Which senator blasted the pipeline deal?", "senator", "blasted the pipeline deal"),
        # "Post" is a noun here, not the verb "post": the description runs on to "columnist".
        (
            "Which Washington Post columnist said the deal was rushed?",
            "Washington Post columnist",
            "the deal was rushed",
        ),
    ],
)
def test_a_description_ends_at_the_speech_verb(
    question: str, description: str, search: str
) -> None:
    query = analyse(question, REGISTRY)
    assert (query.form, query.description, query.search_text) == ("who", description, search)


def test_titles_come_from_the_lexicon_and_never_make_a_first_name() -> None:
    # "Deputy" is one of the lexicon's titles: "Deputy Blokhin" is still Blokhin.
    query = analyse("What did Deputy Blokhin say about Ukraine?", REGISTRY)
    assert query.speaker == "Konstantin Blokhin"


def test_a_head_of_state_and_a_region_meet_the_role_that_says_them_otherwise() -> None:
    wanted = description_terms("Asian head of state")
    assert wanted == {"asian", "head"}
    assert wanted <= role_terms("South Korean President")
    assert not wanted <= role_terms("Mexican President")


def test_an_office_named_with_state_is_the_person_who_holds_it() -> None:
    # "State" is no speech verb here, and a secretary is a person, not a body speaking.
    registry = SpeakerRegistry.build([("John Kerry", "Secretary of State"), ("Blokhin", None)])
    query = analyse("What did the Secretary of State say about the talks?", registry)
    assert (query.speaker, query.via_role, query.topic) == ("John Kerry", None, "the talks")


def test_a_description_ends_at_an_auxiliary() -> None:
    query = analyse("Which Sierra Club lawyer was skeptical of the plan?", REGISTRY)
    assert (query.form, query.description) == ("who", "Sierra Club lawyer")


def test_a_verb_before_a_title_ends_the_description_and_which_is_no_name() -> None:
    # "criticized Dr. Oz": the verb, not a participle in front of a name; "Which Democratic"
    # is not somebody nobody quotes.
    query = analyse("Which Democratic senator from Missouri criticized Dr. Oz?", REGISTRY)
    assert (query.form, query.unknown_speaker) == ("who", None)
    assert query.description == "Democratic senator from Missouri"


def test_the_comma_after_according_to_x_is_not_the_topic() -> None:
    query = analyse("According to Blokhin, what will happen to the protests?", REGISTRY)
    assert query.speaker == "Konstantin Blokhin"
    assert query.topic == "what will happen to the protests"


@pytest.mark.parametrize(
    "name", ["Gerrit ter Horst", "Ludwig van Beethoven", "Maria das Dores", "Anna ten Brink"]
)
def test_a_name_with_a_lowercase_particle_is_a_person_not_a_description(name: str) -> None:
    # The particles are the lexicon's, the same words the registry reads names with.
    query = analyse(f"What did {name} say about the strike?", REGISTRY)
    assert (query.outcome, query.unknown_speaker, query.description) == (
        "unknown_speaker",
        name,
        None,
    )


# A senator, her critic and three Trumps, one of them quoted by surname alone.
NEWS = SpeakerRegistry.build(
    [
        ("Greta Halvorsen", "senator"),
        ("Dan Pruitt", "state representative"),
        ("Donald Trump", None),
        ("Eric Trump", None),
        ("Trump", None),
    ]
)


@pytest.mark.parametrize(
    ("question", "description"),
    [
        # A speech verb before a name is the verb, not an adjective of the role.
        ("Which Democrat compared Halvorsen to a weather vane?", "Democrat"),
        ("Who compared Halvorsen to a weather vane?", None),
        # The passive, and the who-question put last.
        ("Was Halvorsen compared to anything?", None),
        ("Halvorsen was compared to a weather vane by whom?", None),
        ("Halvorsen a weather vane: who said that?", None),
        # "Who said Halvorsen's remarks …" has no possessive speaker slot.
        ("Who said Halvorsen's remarks about the stadium were false?", None),
        # A name inside a description describes the speaker.
        (
            "Which Halvorsen campaign spokesman said the rally moved?",
            "Halvorsen campaign spokesman",
        ),
    ],
)
def test_a_person_the_question_is_about_is_not_its_speaker(
    question: str, description: str | None
) -> None:
    query = analyse(question, NEWS)
    assert (query.form, query.speaker, query.description) == ("who", None, description)
    assert "Greta Halvorsen" in query.mentioned


@pytest.mark.parametrize(
    "question",
    [
        "What did Pruitt say about Halvorsen?",
        "Who did Pruitt compare Halvorsen to?",
        "Was Pruitt asked about the stadium?",
        "Pruitt's remarks on the stadium?",
        "Rep. Pruitt on the stadium?",
    ],
)
def test_a_name_in_the_speakers_place_is_the_speaker(question: str) -> None:
    assert analyse(question, NEWS).speaker == "Dan Pruitt"


def test_a_name_after_other_words_is_what_the_question_is_about() -> None:
    query = analyse("Quotes about Halvorsen?", NEWS)
    assert query.speaker is None and query.unknown_speaker is None


def test_a_surname_shared_with_a_speaker_quoted_by_it_alone_means_any_of_them() -> None:
    # The engine's bare "Trump" is whoever it could not name in full, not the user's Trump.
    query = analyse("What did Trump say about the wall?", NEWS)
    assert query.speaker is None
    assert query.ambiguous == ("Donald Trump", "Eric Trump", "Trump")
    assert analyse("What did Donald Trump say?", NEWS).speaker == "Donald Trump"
