"""The Russian quote engine on small hand-written texts: one test per convention.

These load natasha's models and pymorphy3's dictionary (a second or two, once per process).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from corpus.attribution.ru import extract_quotes_ru
from corpus.models import Paragraph, Quote

pytestmark = pytest.mark.slow


def extract(text: str) -> list[Quote]:
    """Run the Russian engine on text split into blank-line paragraphs."""
    paras: list[Paragraph] = []
    pos = 0
    for number, block in enumerate(text.split("\n\n"), start=1):
        start = text.index(block, pos)
        paras.append(Paragraph(number, start, start + len(block)))
        pos = start + len(block)
    quotes = extract_quotes_ru(text, paras)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text  # verbatim, always
    return quotes


def find(quotes: Sequence[Quote], words: str) -> Quote:
    """Return the one quote whose text starts with ``words``."""
    found = [q for q in quotes if q.text.startswith(words)]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_postposed_attribution_names_the_speaker_in_full() -> None:
    quotes = extract(
        "Министр финансов Олег Самойлов выступил в Думе.\n\n"
        "«Бюджет на следующий год будет сбалансирован», — заявил Самойлов."
    )
    quote = find(quotes, "Бюджет на следующий год")
    assert quote.speaker == "Олег Самойлов"
    assert quote.kind == "direct"
    assert quote.text == "Бюджет на следующий год будет сбалансирован"


@pytest.mark.parametrize(
    ("verb", "speaker"), [("сказала она", "Ирина Волкова"), ("сказал он", "Пётр Зайцев")]
)
def test_a_pronoun_takes_the_person_of_the_verbs_gender(verb: str, speaker: str) -> None:
    quotes = extract(
        "На форуме выступили экономист Ирина Волкова и банкир Пётр Зайцев.\n\n"
        f"«Инфляция в этом году замедлится до четырёх процентов», — {verb}."
    )
    assert find(quotes, "Инфляция").speaker == speaker


def test_a_pronoun_with_no_person_of_its_gender_names_no_one() -> None:
    quotes = extract(
        "Министр финансов Олег Самойлов выступил в Думе.\n\n"
        "«Мы не станем повышать налоги для малого бизнеса», — сказала она."
    )
    assert find(quotes, "Мы не станем").speaker is None


def test_preposed_attribution_with_a_colon() -> None:
    quotes = extract(
        "Глава компании Андрей Лебедев заявил журналистам: "
        "«Новый завод откроется уже весной следующего года»."
    )
    quote = find(quotes, "Новый завод")
    assert quote.speaker == "Андрей Лебедев"
    assert quote.role == "Глава компании" or quote.role is None


def test_a_quotation_interrupted_by_its_attribution_is_two_quotes_of_one_speaker() -> None:
    quotes = extract(
        "«Мы готовы к переговорам, — сказал Андрей Лебедев. — "
        "Но условия должны быть честными для обеих сторон»."
    )
    assert [q.text for q in quotes] == [
        "Мы готовы к переговорам",
        "Но условия должны быть честными для обеих сторон",
    ]
    assert {q.speaker for q in quotes} == {"Андрей Лебедев"}


def test_nested_marks_stay_inside_the_outer_quotation() -> None:
    quotes = extract(
        "Депутат Николай Орлов сказал: «Мне звонили и говорили: „Откажитесь от поправки, "
        "иначе пожалеете“, но я не отказался»."
    )
    assert len(quotes) == 1
    assert quotes[0].text.endswith("„Откажитесь от поправки, иначе пожалеете“, но я не отказался")
    assert quotes[0].speaker == "Николай Орлов"


def test_plain_double_quotes_are_quotation_marks() -> None:
    quotes = extract(
        '"Решение будет принято до конца месяца", - сообщил губернатор Семён Кравцов.'
    )
    quote = find(quotes, "Решение будет")
    assert quote.speaker == "Семён Кравцов"
    assert quote.role == "губернатор"


def test_dash_led_dialogue_is_split_around_its_attribution() -> None:
    quotes = extract(
        "Водитель автобуса Григорий Носов рассказал о происшествии.\n\n"
        "— Дорога была скользкой, и машину занесло, — сказал он. — "
        "Никто из пассажиров не пострадал."
    )
    assert find(quotes, "Дорога была скользкой").speaker == "Григорий Носов"
    assert find(quotes, "Никто из пассажиров").speaker == "Григорий Носов"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Губернатор Семён Кравцов отметил, что строительство моста завершится в июне.",
            "строительство моста завершится в июне",
            "Семён Кравцов",
        ),
        (
            "По словам Дмитрия Пескова, решение о визите ещё не принято.",
            "решение о визите ещё не принято",
            "Дмитрий Песков",
        ),
        (
            "Как заявил вице-губернатор Павел Ершов, новые дороги появятся через год.",
            "новые дороги появятся через год",
            "Павел Ершов",
        ),
        (
            "Мэр города Лидия Громова считает, что транспортная реформа себя оправдала.",
            "транспортная реформа себя оправдала",
            "Лидия Громова",
        ),
        (
            "По мнению Набиуллиной, инфляция снизится к лету.",
            "инфляция снизится к лету",
            "Набиуллина",
        ),
        (
            "Министр образования Виктор Жуков пообещал увеличить зарплаты учителям.",
            "увеличить зарплаты учителям",
            "Виктор Жуков",
        ),
    ],
)
def test_reported_speech_and_its_speaker_in_the_nominative(
    text: str, content: str, speaker: str
) -> None:
    quote = find(extract(text), content[:20])
    assert quote.text == content
    assert quote.kind == "reported"
    assert quote.speaker == speaker


def test_about_this_attributes_the_sentence_before() -> None:
    quotes = extract(
        "Строительство второй очереди метро начнётся в марте. "
        "Об этом сообщила мэр города Лидия Громова."
    )
    quote = find(quotes, "Строительство второй очереди")
    assert quote.speaker == "Лидия Громова"


def test_names_of_organisations_and_titles_in_marks_are_not_quotes() -> None:
    quotes = extract(
        "Акции компании ООО «Ромашка» подорожали после публикации в газете «Коммерсант». "
        "Партия «Зелёный союз» провела съезд в Москве."
    )
    assert quotes == []


def test_an_outlet_cited_as_source_is_an_organisation() -> None:
    quotes = extract("В порту Архангельска затонул буксир, сообщает ТАСС.")
    quote = find(quotes, "В порту Архангельска")
    assert quote.source_kind == "organisation"
    assert quote.speaker == "ТАСС"


def test_a_role_noun_is_the_person_introduced_with_that_role() -> None:
    quotes = extract(
        "Пресс-секретарь президента Дмитрий Песков провёл брифинг.\n\n"
        "«Никаких переговоров сейчас не ведётся», — подчеркнул пресс-секретарь."
    )
    assert find(quotes, "Никаких переговоров").speaker == "Дмитрий Песков"


def test_people_sharing_a_surname_are_told_apart_by_the_verb() -> None:
    quotes = extract(
        "Супруги Анна Кольцова и Борис Кольцов открыли пекарню.\n\n"
        "«Мы давно мечтали о своём деле», — рассказала Кольцова. "
        "«Первый месяц оказался самым трудным», — добавил Кольцов."
    )
    assert find(quotes, "Мы давно мечтали").speaker == "Анна Кольцова"
    assert find(quotes, "Первый месяц").speaker == "Борис Кольцов"


def test_the_authors_reminder_and_impersonal_speech_are_no_ones_words() -> None:
    quotes = extract(
        "Напомним, что мост закрыли на ремонт в мае. Отмечается, что работы идут по графику."
    )
    assert quotes == []


def test_a_quotation_over_two_paragraphs_keeps_its_speaker() -> None:
    quotes = extract(
        "Директор музея Ольга Ланская рассказала о планах: «Мы откроем новый зал весной.\n\n"
        "«Туда переедет коллекция старинных икон и рукописей»."
    )
    assert find(quotes, "Туда переедет").speaker == "Ольга Ланская"


def test_a_dash_led_interview_gives_the_answers_to_the_interviewee() -> None:
    quotes = extract(
        "Писатель Антон Белкин ответил на вопросы нашего корреспондента.\n\n"
        "— Когда выйдет ваша новая книга?\n\n"
        "— Думаю, следующей осенью. Осталось дописать две главы.\n\n"
        "— О чём она?\n\n"
        "— О жизни маленького северного города в девяностые годы."
    )
    assert [q.text for q in quotes] == [
        "Думаю, следующей осенью. Осталось дописать две главы",
        "О жизни маленького северного города в девяностые годы",
    ]
    assert {q.speaker for q in quotes} == {"Антон Белкин"}
    assert {q.kind for q in quotes} == {"interview"}


def test_a_labelled_interview_quotes_the_answers_not_the_questions() -> None:
    quotes = extract(
        "Вопрос: Как вы оцениваете урожай этого года?\n\n"
        "Иван Сидоров: Урожай хороший, зерна собрали больше, чем в прошлом году.\n\n"
        "Вопрос: А цены?\n\n"
        "**Иван Сидоров:** Цены на зерно, скорее всего, останутся прежними."
    )
    assert [q.text for q in quotes] == [
        "Урожай хороший, зерна собрали больше, чем в прошлом году",
        "Цены на зерно, скорее всего, останутся прежними",
    ]
    assert {q.speaker for q in quotes} == {"Иван Сидоров"}


def test_any_verb_after_the_dash_that_follows_direct_speech_attributes_it() -> None:
    quotes = extract(
        "«Я всегда мечтал о такой работе», — улыбнулся новый директор театра Игорь Светлов."
    )
    assert find(quotes, "Я всегда мечтал").speaker == "Игорь Светлов"


def test_so_thinks_attributes_the_sentence_before() -> None:
    quotes = extract("Цены на жильё в Казани продолжат расти. Так считает аналитик Марина Орлова.")
    quote = find(quotes, "Цены на жильё")
    assert quote.speaker == "Марина Орлова"
    assert quote.kind == "reported"


def test_his_words_and_a_short_call_are_reported_speech_of_the_last_speaker() -> None:
    quotes = extract(
        "Министр здравоохранения Михаил Мурашко предупредил о том, что заболеваемость "
        "гриппом растёт. По его словам, пик придётся на конец января. Мурашко также "
        "призвал граждан сделать прививку."
    )
    assert find(quotes, "пик придётся").speaker == "Михаил Мурашко"
    assert find(quotes, "сделать прививку").speaker == "Михаил Мурашко"
