"""The speaker registry: one canonical name for every way a speaker is named."""

from __future__ import annotations

import pytest

from corpus.speakers import (
    AmbiguousMention,
    SpeakerMatch,
    SpeakerRegistry,
    name_key,
    person_names,
)

# Names as the seed article and its neighbours give them, with repeats and variants.
ENTRIES: list[tuple[str, str | None]] = [
    ("Jennifer Psaki", "White House spokesman"),
    ("Psaki", None),
    ("White House spokesman Jennifer Psaki", None),
    ("Leader of the Communist Party Gennady Zyuganov", None),
    ("Gennady Zyuganov", "politician"),
    ("Mikhail Aleksandrov", "leading expert of the Center for Military-Political Research"),
    ("Mikhail Alexandrov", None),
    ("Aleksandrov", None),
    ("Alexander Shapkovsky", "Belarusian political scientist"),
    ("Aleksandr Shapkovskiy", None),
    ("Yuri Dud", None),
    ("Yury Dud", None),
    ("the Russian Foreign Ministry", None),
    ("Russian Foreign Ministry", None),
    ("Kazakhstan's Ministry of Internal Affairs", None),
    ("the Ministry of Internal Affairs of Kazakhstan", None),
    ("Hillary Clinton", None),
    ("Bill Clinton", None),
    ("Theresa May", None),
    ("May", None),
    ("a source", None),
    ("the politician", None),
    ("the government", None),
]


@pytest.fixture
def registry() -> SpeakerRegistry:
    return SpeakerRegistry.build(ENTRIES)


def test_names_are_one_per_speaker(registry: SpeakerRegistry) -> None:
    assert registry.names() == [
        "Alexander Shapkovsky",
        "Bill Clinton",
        "Gennady Zyuganov",
        "Hillary Clinton",
        "Jennifer Psaki",
        "Mikhail Aleksandrov",
        "Ministry of Internal Affairs of Kazakhstan",
        "Russian Foreign Ministry",
        "Theresa May",
        "Yuri Dud",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jennifer Psaki", "Jennifer Psaki"),
        ("psaki", "Jennifer Psaki"),
        ("PSAKI", "Jennifer Psaki"),
        ("Psaky", "Jennifer Psaki"),
        ("Jen Psaki", "Jennifer Psaki"),
        ("J. Psaki", "Jennifer Psaki"),
        ("White House press secretary Jennifer Psaki", "Jennifer Psaki"),
        ("Leader of the Communist Party Gennady Zyuganov", "Gennady Zyuganov"),
        ("zyuganov", "Gennady Zyuganov"),
        ("Zyuganov's", "Gennady Zyuganov"),
        ("mikhail alexandrov", "Mikhail Aleksandrov"),
        ("Alexandrov", "Mikhail Aleksandrov"),
        ("Shapkovski", "Alexander Shapkovsky"),
        ("Yuriy Dud", "Yuri Dud"),
        ("the Russian Foreign Ministry", "Russian Foreign Ministry"),
        ("russian foreign ministry", "Russian Foreign Ministry"),
        ("the Foreign Ministry of Russia", "Russian Foreign Ministry"),
        (
            "Kazakhstan's Ministry of Internal Affairs",
            "Ministry of Internal Affairs of Kazakhstan",
        ),
        ("the kazakh interior ministry", "Ministry of Internal Affairs of Kazakhstan"),
        ("Hillary Clinton", "Hillary Clinton"),
        ("President Bill Clinton", "Bill Clinton"),
        ("William Clinton", "Bill Clinton"),
        ("May", "Theresa May"),
    ],
)
def test_canonical_accepts_any_form(registry: SpeakerRegistry, name: str, expected: str) -> None:
    assert registry.canonical(name) == expected


@pytest.mark.parametrize(
    "name", ["Vladimir Putin", "Putin", "Chelsea Clinton", "Defence Ministry", "a source", ""]
)
def test_canonical_is_none_for_unknown_names(registry: SpeakerRegistry, name: str) -> None:
    assert registry.canonical(name) is None


def test_part_of_an_organisation_name_finds_the_one_organisation(
    registry: SpeakerRegistry,
) -> None:
    assert registry.canonical("Foreign Ministry") == "Russian Foreign Ministry"
    assert registry.canonical("the foreign ministry") == "Russian Foreign Ministry"


def test_people_sharing_a_surname_stay_apart(registry: SpeakerRegistry) -> None:
    assert registry.canonical("Clinton") is None
    assert registry.candidates("Clinton") == ["Bill Clinton", "Hillary Clinton"]


def test_a_speaker_named_by_surname_only_is_kept_when_the_surname_is_ambiguous() -> None:
    registry = SpeakerRegistry.build(
        [("Hillary Clinton", None), ("Bill Clinton", None), ("Clinton", None)]
    )

    # The engine's own "Clinton" quotes stay findable under that name; none is guessed.
    assert registry.names() == ["Bill Clinton", "Clinton", "Hillary Clinton"]
    assert registry.canonical("Clinton") == "Clinton"
    assert registry.canonical("Hillary Clinton") == "Hillary Clinton"


def test_every_name_given_to_build_resolves(registry: SpeakerRegistry) -> None:
    for name, _ in ENTRIES:
        if name not in {"a source", "the politician", "the government"}:
            assert registry.canonical(name) is not None, name


def test_descriptions_are_not_speakers(registry: SpeakerRegistry) -> None:
    assert not {"source", "politician", "government"} & {n.lower() for n in registry.names()}


def test_aliases_and_roles(registry: SpeakerRegistry) -> None:
    assert registry.aliases("Jennifer Psaki") == ["Jennifer Psaki", "Psaki"]
    assert registry.roles("Jennifer Psaki") == ["White House spokesman"]
    assert registry.aliases("Mikhail Aleksandrov") == [
        "Mikhail Aleksandrov",
        "Aleksandrov",
        "Mikhail Alexandrov",
    ]
    assert registry.roles("Gennady Zyuganov") == ["Leader of the Communist Party", "politician"]
    assert registry.aliases("Nobody") == []
    assert registry.roles("Nobody") == []


def test_find_in_a_question(registry: SpeakerRegistry) -> None:
    question = "what did psaki and Gennady Zyuganov say about the CSTO?"

    assert registry.find_in(question) == [
        SpeakerMatch("Jennifer Psaki", 9, 14, "psaki"),
        SpeakerMatch("Gennady Zyuganov", 19, 35, "Gennady Zyuganov"),
    ]


def test_find_in_prefers_the_longest_name(registry: SpeakerRegistry) -> None:
    question = "Did the Ministry of Internal Affairs of Kazakhstan comment?"

    (match,) = registry.find_in(question)

    assert match.canonical == "Ministry of Internal Affairs of Kazakhstan"
    assert match.surface == "Ministry of Internal Affairs of Kazakhstan"


def test_find_in_matches_organisations_in_any_word_order(registry: SpeakerRegistry) -> None:
    (match,) = registry.find_in("What did the foreign ministry of russia say?")

    assert match.canonical == "Russian Foreign Ministry"
    assert match.surface == "foreign ministry of russia"


def test_find_in_reports_ambiguous_surnames_apart(registry: SpeakerRegistry) -> None:
    question = "What did Clinton say?"

    assert registry.find_in(question) == []
    assert registry.ambiguous_in(question) == [
        AmbiguousMention(9, 16, "Clinton", ("Bill Clinton", "Hillary Clinton"))
    ]


def test_common_word_names_must_be_capitalised_in_free_text(registry: SpeakerRegistry) -> None:
    assert registry.find_in("who may have said that?") == []
    assert registry.find_in("May I ask what was said?") == []
    assert [m.canonical for m in registry.find_in("What did May say?")] == ["Theresa May"]
    assert [m.canonical for m in registry.find_in("what did theresa may say?")] == ["Theresa May"]


def test_empty_registry() -> None:
    registry = SpeakerRegistry.build([])

    assert registry.names() == []
    assert registry.find_in("What did Psaki say?") == []
    assert registry.canonical("Psaki") is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Leader of the Communist Party Gennady Zyuganov", "genady zyuganov"),
        ("Mikhail Aleksandrov", "mikhail alexandrov"),
        ("mikhail ALEXANDROV", "mikhail alexandrov"),
        ("Yuri Dud", "yury dud"),
        ("Yuriy Dud", "yury dud"),
        ("the Ministry of Internal Affairs of Kazakhstan", "interior kazakhstan ministry"),
        ("Kazakhstan's Ministry of Internal Affairs", "interior kazakhstan ministry"),
        ("the politician", ""),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("What did Vladimir Putin say?", ["Vladimir Putin"]),
        ("Who said the protests were inspired from outside?", []),
        ("What did President Vladimir Putin say?", ["Vladimir Putin"]),
        ("Did Putin comment on the protests in Almaty?", ["Putin"]),
        ("What did Psaki say about Kazakhstan?", ["Psaki"]),
        ("What did Psaki say about Joe Biden's plan?", ["Psaki", "Joe Biden"]),
        ("What did the Kremlin and NATO say in January?", []),
        ("Tell me what Zyuganov's party said", ["Zyuganov"]),
        ("How did Putin, Biden and Xi respond?", ["Putin", "Biden", "Xi"]),
    ],
)
def test_person_names(text: str, names: list[str]) -> None:
    found = person_names(text)

    assert [name for _, _, name in found] == names
    for start, end, name in found:
        assert text[start:end] == name


def test_name_particles_and_suffixes() -> None:
    registry = SpeakerRegistry.build(
        [
            ("European Commission President Ursula von der Leyen", None),
            ("von der Leyen", None),
            ("Charles de Gaulle", None),
            ("Martin Luther King Jr.", None),
        ]
    )

    # The suffix is part of the name as printed: it tells a son from his father.
    assert registry.names() == [
        "Charles de Gaulle",
        "Martin Luther King Jr.",
        "Ursula von der Leyen",
    ]
    assert registry.roles("Ursula von der Leyen") == ["European Commission President"]
    assert registry.canonical("de Gaulle") == "Charles de Gaulle"
    assert [m.surface for m in registry.find_in("What did von der Leyen say?")] == [
        "von der Leyen"
    ]


@pytest.mark.parametrize("son", ["Robert Vance Jr.", "Robert Vance, Jr.", "Robert Vance II"])
def test_a_generational_suffix_keeps_father_and_son_apart(son: str) -> None:
    # One article writes both names in full: a father and his son.
    registry = SpeakerRegistry.build(
        [("Robert Vance", "founder of Vance Hardware"), (son, None), ("Vance", None)],
        mentions=[("hardware", "Robert Vance"), ("hardware", son), ("other", "Vance")],
    )

    canonical_son = son.replace(",", "")
    assert registry.names() == ["Robert Vance", canonical_son, "Vance"]
    assert registry.canonical(son) == canonical_son
    assert registry.canonical("Robert Vance") == "Robert Vance"
    assert registry.canonical("Bob Vance") == "Robert Vance"
    # Both are Vances: "Vance" alone is only the speaker quoted under that name.
    assert registry.canonical("Vance") == "Vance"
    found = registry.find_in(f"What did {son} say about the store?")
    assert [m.canonical for m in found] == [canonical_son]


def test_a_suffix_written_only_sometimes_is_the_same_person() -> None:
    # "Joseph R. Biden Jr." introduced, then "Biden" (which the engine writes in full, without
    # the suffix); another article's "Joe Biden". Nothing says there are two.
    registry = SpeakerRegistry.build(
        [
            ("Joseph R. Biden Jr.", "Vice President"),
            ("Joseph R. Biden", None),
            ("Joe Biden", None),
        ],
        mentions=[("a", "Joseph R. Biden Jr."), ("a", "Biden"), ("b", "Joe Biden")],
    )

    assert registry.names() == ["Joseph R. Biden Jr."]
    assert registry.canonical("Biden") == "Joseph R. Biden Jr."
    assert registry.canonical("Joe Biden") == "Joseph R. Biden Jr."


def test_a_surname_alone_with_father_and_son_quoted_is_ambiguous() -> None:
    registry = SpeakerRegistry.build([("Robert Vance Sr.", None), ("Robert Vance Jr.", None)])

    assert registry.names() == ["Robert Vance Jr.", "Robert Vance Sr."]
    assert registry.canonical("Vance") is None
    assert registry.candidates("Vance") == ["Robert Vance Jr.", "Robert Vance Sr."]
    assert registry.canonical("Vance Sr.") == "Robert Vance Sr."
    # An initial that fits both joins neither.
    assert (
        "R. Vance"
        in SpeakerRegistry.build(
            [("Robert Vance Sr.", None), ("Robert Vance Jr.", None), ("R. Vance", None)]
        ).names()
    )


def test_short_acronym_that_is_a_word_needs_capitals() -> None:
    registry = SpeakerRegistry.build([("US", None), ("NATO", None)])

    assert registry.find_in("tell us what nato said") == [SpeakerMatch("NATO", 13, 17, "nato")]
    assert [m.canonical for m in registry.find_in("What did the US say?")] == ["US"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Aleksandr Volkov", "Alexander Volkov"),  # ks/x, -er/-r
        ("Oleksandr Volkov", "Aleksandr Volkov"),  # Ukrainian initial O for A
        ("Olena Marchuk", "Elena Marchuk"),  # Ukrainian initial O for E
        ("Mikhail Pogrebin", "Mikhael Pogrebin"),  # one letter inside a long first name
        ("Askar Mamin", "Askar Mamine"),  # French final e
        ("Marina Kuznetsova", "Marina Kouznetsova"),  # French ou
        ("Marina Kuznetsova", "Marina Kuznetzova"),  # one letter inside a long surname
        ("Dmitry Sokolenko", "Dmitri Sokolenko"),  # final y/i
        ("Jennifer Holloway", "Jen Holloway"),  # nickname
        ("Tatyana Vasilyeva", "Tatiana Vasilieva"),  # y/i before a vowel
        ("Kassym-Jomart Tokayev", "Kassym-Jomart Tokaïev"),  # French ï
    ],
)
def test_spellings_of_one_name_merge_across_articles(first: str, second: str) -> None:
    registry = SpeakerRegistry.build([(first, None), (second, "politician")])

    assert registry.names() == [first]
    assert registry.canonical(second) == first
    assert registry.aliases(first) == [first, second]
    assert registry.roles(first) == ["politician"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Hillary Clinton", "Bill Clinton"),
        ("John Smith", "Joan Smith"),
        ("Mark Kelly", "Mary Kelly"),
        ("Daniel Ortega", "Daniela Ortega"),  # a final a makes another name
        ("Antonio Rossi", "Antonia Rossi"),
        ("Alexander Volkov", "Alexandra Volkov"),
        ("Ivan Petrov", "Ivan Petrova"),  # Slavic feminine surname
        ("Marina Kuznetsova", "Irina Kuznetzova"),  # a fuzzy surname needs the same first name
        ("Elena Kovalenko", "Elena Kovalchuk"),
    ],
)
def test_different_people_stay_apart(first: str, second: str) -> None:
    registry = SpeakerRegistry.build([(first, None), (second, None)])

    assert registry.names() == sorted([first, second])
    assert registry.canonical(first) == first
    assert registry.canonical(second) == second


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mamine", "Askar Mamin"),
        ("Kouznetsova", "Marina Kuznetsova"),
        ("Volkov", "Aleksandr Volkov"),
        ("Petrova", "Petrova"),
    ],
)
def test_a_surname_alone_joins_the_one_person_spelling_it_any_way(
    name: str, expected: str
) -> None:
    registry = SpeakerRegistry.build(
        [
            ("Askar Mamin", None),
            ("Marina Kuznetsova", None),
            ("Aleksandr Volkov", None),
            ("Alexander Volkov", None),
            ("Ivan Petrov", None),
            (name, None),
        ]
    )

    assert registry.canonical(name) == expected
    assert "Ivan Petrov" in registry


def test_a_surname_alone_prefers_the_person_spelling_it_so() -> None:
    registry = SpeakerRegistry.build(
        [("Ivan Mamin", None), ("Pierre Mamine", None), ("Mamine", None)]
    )

    assert registry.aliases("Pierre Mamine") == ["Pierre Mamine", "Mamine"]
    assert registry.canonical("Mamin") == "Ivan Mamin"


def test_a_surname_two_people_spell_differently_is_ambiguous() -> None:
    registry = SpeakerRegistry.build([("Ivan Kouzmin", None), ("Pierre Kuzmin", None)])

    assert registry.canonical("Kuzmine") is None
    assert registry.candidates("Kuzmine") == ["Ivan Kouzmin", "Pierre Kuzmin"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mikhael Pogrebin", "Mikhail Pogrebin"),
        ("Elena Marchuk", "Olena Marchuk"),
        ("Marina Kouznetsova", "Marina Kuznetsova"),
        ("Askar Mamine", "Askar Mamin"),
        ("Kouznetsova", "Marina Kuznetsova"),
        ("Daniela Ortega", None),
        ("Ivan Petrova", None),
        ("Petrova", None),
        ("Mary Pogrebin", None),
    ],
)
def test_canonical_knows_spellings_no_article_used(name: str, expected: str | None) -> None:
    registry = SpeakerRegistry.build(
        [
            ("Mikhail Pogrebin", None),
            ("Olena Marchuk", None),
            ("Marina Kuznetsova", None),
            ("Askar Mamin", None),
            ("Daniel Ortega", None),
            ("Ivan Petrov", None),
        ]
    )

    assert registry.canonical(name) == expected


def test_find_in_knows_spellings_no_article_used() -> None:
    registry = SpeakerRegistry.build(
        [("Mikhail Pogrebin", None), ("Marina Kuznetsova", None), ("Daniel Ortega", None)]
    )
    question = "What did Mikhael Pogrebin and kouznetsova say?"

    assert registry.find_in(question) == [
        SpeakerMatch("Mikhail Pogrebin", 9, 25, "Mikhael Pogrebin"),
        SpeakerMatch("Marina Kuznetsova", 30, 41, "kouznetsova"),
    ]
    # "Daniela" is not a spelling of "Daniel"; the surname alone still matches, as it always
    # has for a first name the registry does not know.
    assert [m.surface for m in registry.find_in("What did Daniela Ortega say?")] == ["Ortega"]


def test_unnamed_sources_are_never_registered_as_names():
    registry = SpeakerRegistry.build(
        [
            ("an Iowa Republican", None, "anonymous"),
            ("the Justice Department report", None, "document"),
            ("a Senate aide", None),  # a description even without its kind
            ("Barack Obama", "President", "person"),
            ("Obama", None),
        ]
    )
    assert registry.names() == ["Barack Obama"]
    assert registry.canonical("an Iowa Republican") is None
    assert registry.canonical("Obama") == "Barack Obama"


@pytest.mark.parametrize(
    ("forms", "canonical"),
    [
        (["Len Burman", "Leonard E. Burman"], "Leonard E. Burman"),  # short first name
        (["Chris Vance", "Christopher Vance"], "Christopher Vance"),
        (["Larry Mendel", "Lawrence Mendel"], "Lawrence Mendel"),  # a nickname
        (["Paul D. Ryan", "Paul Ryan R-Wis"], "Paul D. Ryan"),  # a party-state tag
        (["Paul Ryan (R-Wis.)", "Paul Ryan"], "Paul Ryan"),
        (["Leonard E Burman", "Leonard E. Burman"], "Leonard E. Burman"),  # lost full stop
    ],
)
def test_one_person_written_several_ways_is_one_speaker(forms: list[str], canonical: str) -> None:
    registry = SpeakerRegistry.build([(form, None) for form in forms])

    assert registry.names() == [canonical]
    for form in forms:
        assert registry.canonical(form) == canonical


def test_the_canonical_name_keeps_its_full_stops() -> None:
    registry = SpeakerRegistry.build([("Loretta E. Lynch", None), ("Sen. G.K. Butterfield", None)])

    assert registry.names() == ["G.K. Butterfield", "Loretta E. Lynch"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Rand Paul", "Ron Paul"),
        ("Heidi Cruz", "Ted Cruz"),
        ("Paul Weber", "Paula Weber"),  # a woman's name is no long form of a man's
        ("Dan Reyes", "Danielle Reyes"),
    ],
)
def test_namesakes_stay_apart_and_their_surname_is_ambiguous(first: str, second: str) -> None:
    registry = SpeakerRegistry.build([(first, None), (second, None)])

    assert registry.names() == sorted([first, second])
    assert registry.canonical(first.split()[-1]) is None


def test_a_short_first_name_two_full_names_begin_stays_apart() -> None:
    registry = SpeakerRegistry.build(
        [("Sam Ortiz", None), ("Samuel Ortiz", None), ("Samson Ortiz", None)]
    )

    assert registry.names() == ["Sam Ortiz", "Samson Ortiz", "Samuel Ortiz"]


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("chief of staff to President Jane Roe whom Mr", "chief of staff to President Jane Roe"),
        ("historian who attended the session", "historian"),
        ("state party vice chairman Gov.", "state party vice chairman"),
        ("Mayor Anna van", "Mayor"),  # the first half of a split name
        ("appearing after Smith at the forum", None),  # a clause
        ("sort of difference between what", None),
        ("of Springfield, Va.", None),  # a place
        ("R-Ky.", None),  # a party-state tag
        ("34", None),  # an age
        ("CNN’s", None),  # a possessive left over
        ("German", None),  # a lone adjective
        ("Julie A.", None),  # another name
        ("His former business partner", None),  # someone else's relation
        ("Another critic", None),
    ],
)
def test_roles_are_noun_phrases_that_describe_the_person(role: str, shown: str | None) -> None:
    registry = SpeakerRegistry.build([("Ann Fisk", role)])

    assert registry.roles("Ann Fisk") == ([shown] if shown else [])


def test_roles_written_alike_count_as_one_and_the_commonest_comes_first() -> None:
    registry = SpeakerRegistry.build(
        [
            ("Ann Fisk", "press secretary"),
            ("Ann Fisk", "White House press secretary"),
            ("Ann Fisk", "the White House press secretary"),
            ("Ann Fisk", "White House Press Secretary"),
            ("Ann Fisk", "appearing after Smith at the forum"),
            ("Ann Fisk", "appearing after Smith at the forum"),
        ]
    )

    assert registry.roles("Ann Fisk") == ["White House press secretary", "press secretary"]


@pytest.mark.parametrize(
    "name",
    [
        "Railing Against Fisk",  # a subheading
        "HAS QUESTIONED HIM",
        "His office was at the heart of a lawsuit in which Democrats",
        "Protesters",  # one word for a group of people
        "Demonstrators",
        "Libertarians",
        "XR-7",  # a person's name has no digits
        "Tina Fey. Wiig",  # a sentence ends inside
    ],
)
def test_words_that_are_not_names_are_not_speakers(name: str) -> None:
    registry = SpeakerRegistry.build([(name, None), ("Ann Fisk", None)])

    assert registry.names() == ["Ann Fisk"]
    assert registry.canonical(name) is None


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Even Norway", "Norway"),  # a sentence's first word is no first name
        ("Say Norway", "Norway"),
        ("nonpartisan Commission on Fair Elections", "Commission on Fair Elections"),
        ("Sgt. Ann Fisk", "Ann Fisk"),  # a title's full stop ends no sentence
        ("Oslo police’s", "Oslo police"),
    ],
)
def test_stray_words_around_a_name_are_left_out(name: str, canonical: str) -> None:
    registry = SpeakerRegistry.build([(name, None)])

    assert registry.names() == [canonical]
    assert registry.canonical(name) == canonical


def test_an_acronym_joins_the_one_organisation_it_spells() -> None:
    registry = SpeakerRegistry.build(
        [("IMF", None), ("International Monetary Fund", None), ("WFO", None)]
    )

    assert registry.names() == ["International Monetary Fund", "WFO"]
    assert registry.canonical("IMF") == "International Monetary Fund"
    assert [m.canonical for m in registry.find_in("What did the IMF say?")] == [
        "International Monetary Fund"
    ]


def test_an_acronym_two_organisations_spell_stays_apart() -> None:
    registry = SpeakerRegistry.build(
        [("NSC", None), ("National Security Council", None), ("National Safety Council", None)]
    )

    assert "NSC" in registry.names()


def test_the_canonical_name_keeps_the_capitals_inside_it() -> None:
    registry = SpeakerRegistry.build(
        [("Politifact", None), ("Politifact", None), ("PolitiFact", None)]
    )

    assert registry.names() == ["PolitiFact"]


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("invoked the famous story", None),  # a verb phrase
        ("retired Air Force general", "retired Air Force general"),
        ("The minister of the economy", "the minister of the economy"),
        ("panel Chairman Rep.", "panel Chairman"),
        ("Retired Lt. Gen.", "Retired Lt. Gen."),
    ],
)
def test_more_roles(role: str, shown: str | None) -> None:
    registry = SpeakerRegistry.build([("Ann Fisk", role)])

    assert registry.roles("Ann Fisk") == ([shown] if shown else [])


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("president of the A", "president"),  # cut at "A.F.L.-C.I.O."'s first stop
        ("senior aide to Mr", "senior aide"),
    ],
)
def test_a_role_cut_at_an_abbreviation_keeps_its_head(role: str, shown: str) -> None:
    registry = SpeakerRegistry.build([("Ann Fisk", role)])

    assert registry.roles("Ann Fisk") == [shown]


def test_a_document_is_not_an_organisation() -> None:
    registry = SpeakerRegistry.build(
        [("the Board's complaint to the Court of Appeals", None), ("S.E.C", None)]
    )

    assert registry.names() == ["S.E.C."]


def test_abbreviations_in_front_of_a_name_are_a_role_as_written() -> None:
    registry = SpeakerRegistry.build([("Calif. Gov. Ann Fisk", None)])

    assert registry.names() == ["Ann Fisk"]
    assert registry.roles("Ann Fisk") == ["Calif. Gov."]


@pytest.mark.parametrize(
    ("name", "canonical", "role"),
    [
        ("Broad’s Zhang", "Zhang", None),  # a possessive in front is an affiliation
        ("International Space Station", "International Space Station", None),
        ("Supervisor Ann Fisk", "Ann Fisk", "Supervisor"),
    ],
)
def test_what_opens_a_name_decides_what_it_names(
    name: str, canonical: str, role: str | None
) -> None:
    registry = SpeakerRegistry.build([(name, None)])

    assert registry.names() == [canonical]
    assert registry.roles(canonical) == ([role] if role else [])


@pytest.mark.parametrize("name", ["Scientists", "Legislators"])
def test_a_generic_word_alone_names_no_one(name: str) -> None:
    assert SpeakerRegistry.build([(name, None)]).names() == []


def test_a_role_ending_in_a_speech_verb_is_a_clause() -> None:
    registry = SpeakerRegistry.build([("Ann Fisk", "Warren supporter Zoe Tate told")])

    assert registry.roles("Ann Fisk") == []


def test_of_two_roles_given_as_often_the_more_complete_comes_first() -> None:
    registry = SpeakerRegistry.build(
        [
            ("Ann Fisk", "state senator"),
            ("Ann Fisk", "state senatorial nominee"),
            ("Ann Fisk", "soon"),
        ]
    )

    assert registry.roles("Ann Fisk") == ["state senatorial nominee", "state senator"]


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("LONDON British foreign secretary", "British foreign secretary"),  # a dateline
        ("Until Mr.", None),
    ],
)
def test_datelines_and_stray_titles_are_no_role(role: str, shown: str | None) -> None:
    registry = SpeakerRegistry.build([("Ann Fisk", role)])

    assert registry.roles("Ann Fisk") == ([shown] if shown else [])


def test_an_initial_alone_is_no_name() -> None:
    assert SpeakerRegistry.build([("G", "Caucus Chairman")]).names() == []


def test_a_surname_alone_with_another_partys_role_stays_apart() -> None:
    # The surname is all they share; the roles name two parties.
    registry = SpeakerRegistry.build(
        [
            ("John Carver", "Republican state senator"),
            ("Carver", "the Democratic mayor of Linwood"),
            ("Ellen Pike", "an Ohio Democrat"),
            ("Pike", "congresswoman (D-Ohio)"),
        ]
    )

    assert registry.canonical("John Carver") == "John Carver"
    assert registry.roles("John Carver") == ["Republican state senator"]
    assert registry.canonical("Carver") == "Carver"
    assert registry.roles("Carver") == ["the Democratic mayor of Linwood"]
    # One party on both sides (a tag and a word for it): one person.
    assert registry.canonical("Pike") == "Ellen Pike"


def test_a_party_in_the_title_before_a_surname_is_its_role() -> None:
    registry = SpeakerRegistry.build(
        [("John Carver", "Republican state senator"), ("Democratic Mayor Carver", None)]
    )

    assert registry.names() == ["Carver", "John Carver"]
