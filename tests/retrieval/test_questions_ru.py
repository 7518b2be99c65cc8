"""Russian questions: each shape read into the same Query as its English twin (natasha's parse).

Hand-written questions over a hand-written registry: speakers quoted in Russian articles
(Cyrillic names) and in English ones (Latin names), one of them in both.
"""

from __future__ import annotations

import pytest

from corpus.speakers import SpeakerRegistry
from retrieval.lexical import tokenize
from retrieval.question import Query, analyse

pytestmark = pytest.mark.slow  # loads natasha's models

SPEAKERS = [
    ("Дмитрий Песков", "пресс-секретарь президента"),
    ("Арам Тевосян", "архитектор"),
    ("Песков", None),
    ("Геннадий Зюганов", "лидер КПРФ"),
    ("Эльвира Набиуллина", "глава Центробанка"),
    ("Анна Петрова", "профессор экономики"),
    ("Jennifer Psaki", "White House press secretary"),
    ("Psaki", None),
    ("Bill de Blasio", "New York Mayor"),
    ("Elizabeth Warren", "senator"),
    ("Maurice Obstfeld", "IMF chief economist"),
]


@pytest.fixture(scope="module")
def registry() -> SpeakerRegistry:
    return SpeakerRegistry.build(SPEAKERS)


def ask(registry: SpeakerRegistry, question: str, **context: str) -> Query:
    return analyse(question, registry, **context)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "question",
    [
        "Что сказал Песков о переговорах?",
        "Что Песков сказал о переговорах?",
        "Что заявил Дмитрий Песков насчёт переговоров?",
        "Как Песков оценил переговоры?",
        "Что думает Песков о переговорах?",
        "Слова Пескова о переговорах",
        "Покажи цитаты Пескова про переговоры",
    ],
)
def test_a_name_in_the_speakers_place_is_the_speaker_in_any_case(
    registry: SpeakerRegistry, question: str
) -> None:
    query = ask(registry, question)
    assert query.form == "speaker"
    assert query.speaker == "Дмитрий Песков"
    assert query.topic is not None and "перегов" in query.topic


def test_a_period_and_an_outlet_scope_the_question_and_leave_its_speaker_and_topic(
    registry: SpeakerRegistry,
) -> None:
    import datetime as dt

    from retrieval.filters import ScopeFacts

    facts = ScopeFacts(outlets={"коммерсантъ": "Коммерсантъ"}, months={(2021, 1)})
    query = analyse(
        "Что сказал Песков о переговорах в январе 2021 года в «Коммерсанте»?",
        registry,
        facts=facts,
    )
    assert query.speaker == "Дмитрий Песков"
    assert query.topic is not None and "перегов" in query.topic
    assert query.scope is not None
    assert (query.scope.since, query.scope.until) == (dt.date(2021, 1, 1), dt.date(2021, 1, 31))
    assert query.scope.outlet_names == ("Коммерсантъ",)


def test_a_feminine_surname_in_another_case_is_found(registry: SpeakerRegistry) -> None:
    query = ask(registry, "Что известно о заявлениях Набиуллиной про ставку?")
    assert query.speaker == "Эльвира Набиуллина"


def test_a_surname_no_dictionary_knows_is_read_back_to_the_nominative(
    registry: SpeakerRegistry,
) -> None:
    # Declined by the case and gender the parse gives it in context.
    assert ask(registry, "Мнение Тевосяна о новом мосте").speaker == "Арам Тевосян"
    assert ask(registry, "Что известно о словах Тевосяна?").speaker == "Арам Тевосян"
    query = ask(registry, "Что сказал Гамбарян о мосте?")
    assert query.unknown_speaker == "Гамбарян"
    assert ask(registry, "Мнение Гамбаряна о мосте").unknown_speaker == "Гамбарян"
    # Whom words were said to is no speaker.
    assert ask(registry, "Что сказали Пескову о мосте?").speaker is None


def test_how_a_question_asks_is_no_topic(registry: SpeakerRegistry) -> None:
    for question in (
        "О чём говорил Песков?",
        "Какие заявления сделал Песков?",
        "Что известно о высказываниях Пескова?",
        "Расскажи, что говорил Песков",
    ):
        query = ask(registry, question)
        assert (query.speaker, query.topic, query.search_text) == ("Дмитрий Песков", None, "")
    query = ask(registry, "Расскажи, что говорил Песков о переговорах")
    assert (query.speaker, query.topic) == ("Дмитрий Песков", "о переговорах")


def test_a_russian_name_finds_a_speaker_quoted_in_latin_letters(
    registry: SpeakerRegistry,
) -> None:
    assert ask(registry, "Что сказала Псаки о санкциях?").speaker == "Jennifer Psaki"
    # An English name as Russian writes it (W is "У").
    assert ask(registry, "Что сенатор Элизабет Уоррен сказала банкирам?").speaker == (
        "Elizabeth Warren"
    )


def test_a_latin_name_finds_a_speaker_quoted_in_cyrillic(registry: SpeakerRegistry) -> None:
    query = ask(registry, "What did Zyuganov say about the protests?")
    assert query.speaker == "Геннадий Зюганов"
    assert query.topic == "the protests"


def test_a_person_nobody_quotes_is_an_unknown_speaker_in_the_nominative(
    registry: SpeakerRegistry,
) -> None:
    query = ask(registry, "Что сказал Токаев о протестах?")
    assert query.outcome == "unknown_speaker"
    assert query.unknown_speaker == "Токаев"
    assert ask(registry, "Что говорил Касым-Жомарт Токаев?").outcome == "unknown_speaker"


def test_who_said_searches_for_what_was_said(registry: SpeakerRegistry) -> None:
    query = ask(registry, "Кто сказал, что напряжённость в Центральной Азии растёт?")
    assert query.form == "who"
    assert query.speaker is None
    assert query.search_text.startswith("напряжённость в Центральной Азии")
    assert "сказал" not in query.search_text


def test_who_of_a_group_and_which_describe_the_speaker(registry: SpeakerRegistry) -> None:
    query = ask(registry, "Кто из экономистов предупредил о росте ставки?")
    assert (query.form, query.description) == ("who", "экономистов")
    query = ask(registry, "Какой бывший министр финансов назвал бюджет нереалистичным?")
    assert query.form == "who"
    assert query.description == "бывший министр финансов"
    assert "назвал бюджет нереалистичным" in query.search_text


def test_a_name_inside_what_was_said_is_mentioned_never_the_speaker(
    registry: SpeakerRegistry,
) -> None:
    query = ask(registry, "Кто сказал, что Зюганов проиграет выборы?")
    assert query.form == "who"
    assert query.speaker is None
    assert query.mentioned == ("Геннадий Зюганов",)
    # The object of the verb is what was talked about, not who talked.
    query = ask(registry, "Кто раскритиковал Набиуллину за решение по ставке?")
    assert query.speaker is None
    assert query.mentioned == ("Эльвира Набиуллина",)


def test_whose_words_is_a_claim_to_check(registry: SpeakerRegistry) -> None:
    query = ask(registry, "Чьи это слова: «мы не допустим цветных революций»?")
    assert query.form == "who"
    assert query.claim == "мы не допустим цветных революций"
    assert query.search_text == query.claim


def test_a_quoted_name_is_no_claim(registry: SpeakerRegistry) -> None:
    query = ask(registry, "Что сказал лидер партии «Единая Россия» о выборах?")
    assert query.claim is None


def test_a_role_in_the_speakers_place_is_matched_against_recorded_roles(
    registry: SpeakerRegistry,
) -> None:
    assert ask(registry, "Что сказал лидер КПРФ о выборах?").speaker == "Геннадий Зюганов"
    # Office words meet an English role: "мэр Нью-Йорка" is New York's mayor.
    assert ask(registry, "Что мэр Нью-Йорка сказал о взрыве?").speaker == "Bill de Blasio"
    assert ask(registry, "Что главный экономист МВФ сказал о росте?").speaker == (
        "Maurice Obstfeld"
    )


def test_a_role_nobody_has_is_a_description_the_answer_must_fit(
    registry: SpeakerRegistry,
) -> None:
    query = ask(registry, "Что сказал министр обороны о границе?")
    assert query.form == "who"
    assert query.described_in_slot
    assert query.description == "министр обороны"
    assert query.topic == "о границе"


def test_follow_ups_lean_on_the_conversation(registry: SpeakerRegistry) -> None:
    query = ask(registry, "Что ещё он сказал?", last_speaker="Дмитрий Песков")
    assert (query.form, query.speaker, query.followup) == ("followup", "Дмитрий Песков", True)
    assert not query.search_text
    query = ask(registry, "А о НАТО?", last_speaker="Дмитрий Песков", last_topic="переговоры")
    assert (query.speaker, query.topic) == ("Дмитрий Песков", "о НАТО")
    assert ask(registry, "Что ещё она сказала?").outcome == "needs_context"


def test_russian_words_are_stemmed_for_bm25() -> None:
    assert tokenize("напряжённости в Азии") == tokenize("Напряжённость в Азию")
    # Speech verbs and stop words carry no topic, in either language.
    assert tokenize("Он сказал, что") == []
    assert tokenize("Psaki said the protesters") == ["psaki", "protest"]


def test_a_russian_description_meets_an_english_introduction() -> None:
    from retrieval.lang import searchable_description, share_known
    from retrieval.question import description_terms, role_terms

    wanted = description_terms("бывший министр иностранных дел Мексики")
    # The office words in English terms; the country transliterated.
    assert share_known(wanted, frozenset(role_terms("a former Mexican foreign minister"))) == 1
    assert share_known(wanted, frozenset(role_terms("the Mexican economy minister"))) < 0.6
    # BM25 finds English introductions by the English words for the offices.
    assert searchable_description("бывший министр иностранных дел").endswith(
        "former minister foreign"
    )
    assert searchable_description("Sierra Club lawyer") == "Sierra Club lawyer"
