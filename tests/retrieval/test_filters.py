"""Date and outlet filters: read from questions and options, applied in Chroma and the view."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from retrieval import QuestionError, open_service
from retrieval.filters import ScopeFacts, read_scope
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings

TODAY = dt.date(2026, 12, 7)
FACTS = ScopeFacts(
    outlets={
        "reuters": "Reuters",
        "guardian": "The Guardian",
        "time": "TIME",
        "тасс": "ТАСС",
        "коммерсантъ": "Коммерсантъ",
        "ведомости": "Ведомости",
    },
    channels={"townhallwatch": {"town hall watch"}},
    months={(2016, 10), (2022, 1)},
)


@pytest.mark.parametrize(
    ("phrase", "described"),
    [
        ("in January 2022", "dated 1–31 January 2022"),
        # A month without a year: the latest such month the corpus has articles in.
        ("in October", "dated 1–31 October 2016"),
        ("last week", "dated 30 November – 6 December 2026"),
        ("in 2021", "dated 2021"),
        ("on January 6, 2022", "dated 6 January 2022"),
        ("since 6 January 2022", "dated from 6 January 2022"),
        ("before October 2016", "dated up to 30 September 2016"),
        ("between March 2022 and May 2022", "dated 1 March – 31 May 2022"),
        ("according to Reuters", "from Reuters"),
        ("in the Guardian in 2021", "dated 2021 from The Guardian"),
        ("in @townhallwatch", "from @townhallwatch"),
    ],
)
def test_date_and_outlet_phrases_are_read_and_taken_out(phrase: str, described: str):
    left, scope = read_scope(f"What did Holt say about rents {phrase}?", FACTS, today=TODAY)
    assert left == "What did Holt say about rents?"
    assert scope is not None and scope.describe() == described


@pytest.mark.parametrize(
    "question",
    [
        "Who said “in 2021 we lost the vote”?",  # the claim's words are not a filter
        "What did Biden say about the 2020 election?",  # a year without a preposition
        "What did Holt say in time for the vote?",  # a word, not the outlet TIME
        "What did Holt say according to Jane Roe?",  # a person, not an outlet the corpus has
    ],
)
def test_words_that_are_not_filters_are_left_alone(question: str):
    assert read_scope(question, FACTS, today=TODAY) == (question, None)


@pytest.mark.parametrize(
    ("phrase", "described"),
    [
        ("в январе 2022 года", "dated 1–31 January 2022"),
        # A month without a year: the latest such month the corpus has articles in.
        ("в октябре", "dated 1–31 October 2016"),
        ("на прошлой неделе", "dated 30 November – 6 December 2026"),
        ("в 2021 году", "dated 2021"),
        ("6 января 2022 года", "dated 6 January 2022"),
        ("с 2020 года", "dated from 1 January 2020"),
        ("после 6 января 2022 года", "dated from 7 January 2022"),
        ("до октября 2016 года", "dated up to 30 September 2016"),
        ("с марта по май 2022 года", "dated 1 March – 31 May 2022"),
        ("за последние две недели", "dated 23 November – 7 December 2026"),
        # An outlet in any case, quoted or not, after a word that cites a source.
        ("по данным ТАСС", "from ТАСС"),
        ("в «Коммерсанте»", "from Коммерсантъ"),
        ("по словам Reuters", "from Reuters"),
        ("в Ведомостях в 2021 году", "dated 2021 from Ведомости"),
        ("в канале @townhallwatch", "from @townhallwatch"),
    ],
)
def test_russian_date_and_outlet_phrases_are_read_and_taken_out(phrase: str, described: str):
    left, scope = read_scope(f"Что сказал Холт о ценах {phrase}?", FACTS, today=TODAY)
    assert left == "Что сказал Холт о ценах?"
    assert scope is not None and scope.describe() == described


@pytest.mark.parametrize(
    "question",
    [
        "Кто сказал «в 2021 году мы проиграли выборы»?",  # the claim's words are no filter
        "Что сказал Холт о выборах 2020 года?",  # a year without a preposition
        "Что сказал Холт о ведомостях?",  # a common noun, not the outlet Ведомости
        "Что сказал Холт по словам Джейн Роу?",  # a person, not an outlet the corpus has
    ],
)
def test_russian_words_that_are_not_filters_are_left_alone(question: str):
    assert read_scope(question, FACTS, today=TODAY) == (question, None)


def test_a_scope_is_a_chroma_filter_on_chunk_records():
    _, scope = read_scope("What did Holt say in January 2022 according to Reuters?", FACTS)
    assert scope is not None
    assert scope.where() == {
        "$and": [
            {"date": {"$gte": 20220101}},
            {"date": {"$lte": 20220131}},
            {"outlet": {"$in": ["reuters"]}},
        ]
    }


def _article(date: str, outlet: str, said: str) -> str:
    return (
        f"---\ntitle: Council news of {date}\ndate: {date}\noutlet: {outlet}\n---\n\n"
        "The town council met again to discuss the old bridge over the river.\n\n"
        f"“{said},” said Mayor Jane Holt after the meeting.\n\n"
        "Residents have waited two years for the bridge to reopen.\n"
    )


@pytest.fixture
def service(tmp_path: Path):  # type: ignore[no-untyped-def]
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, date, outlet, said in [
        ("a.md", "2022-01-12", "Reuters", "The bridge budget is approved for the spring"),
        ("b.md", "2022-03-02", "The Guardian", "The bridge will cost more than planned"),
        ("c.md", "2021-06-20", "Reuters", "We need a new bridge before the winter"),
    ]:
        (articles / name).write_text(_article(date, outlet, said), encoding="utf-8")
    service = open_service(make_settings(tmp_path), embeddings=FakeEmbeddings())
    service.ingest()
    yield service
    service.close()


def test_a_question_about_a_month_gets_only_that_months_quotes(service):  # type: ignore[no-untyped-def]
    answer = service.ask("What did Jane Holt say about the bridge in January 2022?")
    assert answer.quotes and {q.source.date for q in answer.quotes} == {"2022-01-12"}
    assert "Only articles dated 1–31 January 2022 were searched." in answer.answer


def test_an_outlet_in_the_question_keeps_its_articles_only(service):  # type: ignore[no-untyped-def]
    answer = service.ask("What did Jane Holt say about the bridge according to Reuters?")
    assert {q.source.outlet for q in answer.quotes} == {"Reuters"}
    assert {q.source.date for q in answer.quotes} == {"2022-01-12", "2021-06-20"}


def test_options_narrow_the_question_and_quotes_by(service):  # type: ignore[no-untyped-def]
    scope = service.scope(since="2022-01-01", outlet="The Guardian")
    answer = service.ask("What did Jane Holt say about the bridge?", scope=scope)
    assert [q.source.outlet for q in answer.quotes] == ["The Guardian"]
    page = service.quotes_by("Jane Holt", scope=service.scope(until="2021-12-31"))
    assert [q.source.date for q in page.quotes] == ["2021-06-20"]
    with pytest.raises(QuestionError, match="cannot read the date"):
        service.scope(since="the day after the flood")


def test_nothing_in_scope_says_where_it_looked(service):  # type: ignore[no-untyped-def]
    answer = service.ask("What did Jane Holt say in @unknownchannel?")
    assert not answer.found and answer.quotes == []
    assert "from @unknownchannel" in answer.answer


def test_chunks_carry_the_date_and_outlet_chroma_filters_on(service):  # type: ignore[no-untyped-def]
    records = [meta for _, _, meta in service.store.chunk_records()]
    assert {(r.date, r.outlet) for r in records} == {
        (20220112, "reuters"),
        (20220302, "guardian"),
        (20210620, "reuters"),
    }


def test_a_who_question_searches_chroma_within_the_scope(service, monkeypatch):  # type: ignore[no-untyped-def]
    asked: list[object] = []
    nearest = type(service.store).nearest

    def recording(store, vector, k, *, where=None):  # type: ignore[no-untyped-def]
        asked.append(where)
        return nearest(store, vector, k, where=where)

    monkeypatch.setattr(type(service.store), "nearest", recording)
    answer = service.ask("Who said the bridge budget is approved, in 2022?")
    assert asked and all(w == {"$and": [{"date": {"$gte": 20220101}},
                                        {"date": {"$lte": 20221231}}]} for w in asked)  # fmt: skip
    assert answer.quotes and {q.source.date[:4] for q in answer.quotes} == {"2022"}


def test_a_reprinted_quote_is_shown_once_from_its_earliest_copy(tmp_path: Path):
    from bot.text import render_answer

    articles = tmp_path / "articles"
    articles.mkdir()
    said = "The bridge budget is approved for the spring and work starts in April"
    # Wire copy printed by three outlets on three days; the index keeps each.
    for name, date, outlet in [
        ("late.md", "2022-01-14", "Daily Courier"),
        ("first.md", "2022-01-12", "Wire Service"),
        ("middle.md", "2022-01-13", "Town Gazette"),
    ]:
        (articles / name).write_text(_article(date, outlet, said), encoding="utf-8")
    service = open_service(make_settings(tmp_path), embeddings=FakeEmbeddings())
    service.ingest()
    assert len(service.sources()) == 3
    answer = service.ask("Who said the bridge budget is approved for the spring?")
    [quote] = [q for q in answer.quotes if q.text.startswith(said)]
    assert (quote.source.outlet, quote.source.date) == ("Wire Service", "2022-01-12")
    assert [(s.outlet, s.date) for s in quote.also] == [
        ("Town Gazette", "2022-01-13"),
        ("Daily Courier", "2022-01-14"),
    ]
    assert "also carried by 2 sources: Town Gazette, 2022-01-13" in render_answer(answer)
    # Within a scope, only the copies in it count.
    scoped = service.ask("Who said the bridge budget is approved, since 13 January 2022?")
    [copy] = [q for q in scoped.quotes if q.text.startswith(said)]
    assert copy.source.outlet == "Town Gazette" and len(copy.also) == 1
    service.close()
