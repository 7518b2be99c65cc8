"""One speaker across scripts, and names in questions in any case and either script."""

from __future__ import annotations

import pytest

from corpus.speakers import SpeakerRegistry, find_speakers, name_in_script, speaker_candidates
from corpus.speakers.scripts import similar


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Песков", "Peskov"),
        ("Зюганов", "Zyuganov"),
        ("Псаки", "Psaki"),
        ("Джен", "Jen"),
        ("Шпаковский", "Shpakovsky"),
        ("Александров", "Alexandrov"),
        ("Зеленский", "Zelenskyy"),
        ("Токаев", "Tokayev"),
    ],
)
def test_a_name_matches_its_transliteration(cyrillic: str, latin: str) -> None:
    assert similar(cyrillic, latin)


@pytest.mark.parametrize(("a", "b"), [("Песков", "Petrov"), ("Иванов", "Smirnov")])
def test_different_names_do_not_match(a: str, b: str) -> None:
    assert not similar(a, b)


@pytest.fixture
def registry() -> SpeakerRegistry:
    return SpeakerRegistry.build(
        [
            ("Дмитрий Песков", "пресс-секретарь президента"),
            ("Песков", None),
            ("Dmitry Peskov", "Kremlin spokesman"),
            ("Jen Psaki", "White House press secretary"),
            ("Джен Псаки", None),
            ("Алла Бут", None),
            ("Viktor Bout", None),
            ("Gennady Zyuganov", None),
            ("Сергей Петров", None),
            ("Ivan Petrov", None),
        ]
    )


def test_one_person_in_two_scripts_is_one_speaker(registry: SpeakerRegistry) -> None:
    peskov = registry.canonical("Dmitry Peskov")
    assert peskov is not None
    assert registry.canonical("Дмитрий Песков") == peskov
    assert name_in_script(registry, peskov, "ru") == "Дмитрий Песков"
    assert name_in_script(registry, peskov, "en") == "Dmitry Peskov"
    assert registry.canonical("Jen Psaki") == registry.canonical("Джен Псаки")


def test_a_different_first_name_keeps_two_people_apart(registry: SpeakerRegistry) -> None:
    assert registry.canonical("Алла Бут") != registry.canonical("Viktor Bout")


@pytest.mark.parametrize(
    ("question", "speaker_of"),
    [
        ("Что сказал Пескову?", "Dmitry Peskov"),  # a case the articles never printed
        ("What did Песков say?", "Dmitry Peskov"),
        ("Что говорил Зюганов о Казахстане?", "Gennady Zyuganov"),  # only in English articles
        ("Что сказала Псаки?", "Jen Psaki"),
    ],
)
def test_a_question_finds_a_speaker_in_any_case_and_script(
    registry: SpeakerRegistry, question: str, speaker_of: str
) -> None:
    found = find_speakers(registry, question)
    assert [m.canonical for m in found] == [registry.canonical(speaker_of)]


def test_a_name_of_two_speakers_is_left_out(registry: SpeakerRegistry) -> None:
    # Сергей Петров in Russian articles, Ivan Petrov in English ones: "Петров" is either.
    assert find_speakers(registry, "Что сказал Петров?") == []
    assert len(speaker_candidates(registry, "Петрова")) == 2
    [bout] = find_speakers(registry, "Что сказал Виктор Бут?")
    assert bout.canonical == registry.canonical("Viktor Bout")


def test_an_unknown_name_finds_no_one(registry: SpeakerRegistry) -> None:
    assert find_speakers(registry, "Что сказал Токаев?") == []


def test_an_organisation_the_russian_engine_found_is_registered_as_one() -> None:
    registry = SpeakerRegistry.build(
        [
            ("пресс-служба Кремля", None, "organisation"),
            ("МИД", None, "organisation"),
            ("Минобороны", None, "organisation"),
            ("Дмитрий Песков", "пресс-секретарь президента", "person"),
        ]
    )
    # Not a person "Кремля" with the role "пресс-служба": the organisation, named whole.
    assert registry.names() == ["Дмитрий Песков", "МИД", "Минобороны", "пресс-служба Кремля"]
    assert [registry.kind(n) for n in ("пресс-служба Кремля", "МИД", "Минобороны")] == [
        "org",
        "org",
        "org",
    ]
    assert registry.roles("пресс-служба Кремля") == []
    assert registry.canonical("пресс-служба Кремля") == "пресс-служба Кремля"
    assert registry.kind("Дмитрий Песков") == "person"
