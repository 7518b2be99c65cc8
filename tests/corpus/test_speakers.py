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

    assert registry.names() == ["Charles de Gaulle", "Martin Luther King", "Ursula von der Leyen"]
    assert registry.roles("Ursula von der Leyen") == ["European Commission President"]
    assert registry.canonical("de Gaulle") == "Charles de Gaulle"
    assert [m.surface for m in registry.find_in("What did von der Leyen say?")] == [
        "von der Leyen"
    ]


def test_short_acronym_that_is_a_word_needs_capitals() -> None:
    registry = SpeakerRegistry.build([("US", None), ("NATO", None)])

    assert registry.find_in("tell us what nato said") == [SpeakerMatch("NATO", 13, 17, "nato")]
    assert [m.canonical for m in registry.find_in("What did the US say?")] == ["US"]
