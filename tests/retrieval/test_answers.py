"""End to end: the seed article ingested into a real Chroma, answered with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import ChatContext, QAService, QuestionError, load_questions, run_eval
from tests.conftest import SHARED

DEV_QUESTIONS = SHARED / "eval" / "dev_questions.yaml"


def assert_verbatim(service: QAService, answer_quotes: list) -> None:  # type: ignore[type-arg]
    for quote in answer_quotes:
        text = Path(quote.source.path).read_text(encoding="utf-8")
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.skipif(not DEV_QUESTIONS.exists(), reason="shared/eval is not beside the project")
def test_dev_questions_all_pass(seed_service: QAService) -> None:
    report = run_eval(seed_service, load_questions(DEV_QUESTIONS))
    metrics = report.metrics()
    failed = [i.id for i in report.items if not i.passed]
    assert failed == []
    assert metrics["speaker_accuracy"] == 100.0
    assert metrics["verbatim_rate"] == 100.0
    assert metrics["not_found_correct"] == 100.0


@pytest.mark.parametrize(
    ("question", "speaker", "words"),
    [
        ("What did Blokhin say about Ukraine?", "Konstantin Blokhin", "Ukraine"),
        ("what did PSAKI say?", "Jennifer Psaki", "disinformation"),
        ("What did Alexandrov say about clans?", "Mikhail Aleksandrov", "clan"),
        ("Who called the accusations insane and false?", "Jennifer Psaki", "insane"),
        ("What did the Russian Foreign Ministry say?", "Russian Foreign Ministry", "externally"),
        ("Who was quoted about the CSTO troops?", "Mikhail Aleksandrov", "CSTO troops"),
    ],
)
def test_speaker_and_quote(
    seed_service: QAService, question: str, speaker: str, words: str
) -> None:
    answer = seed_service.ask(question)
    assert answer.found
    assert answer.quotes[0].speaker == speaker
    assert any(words.lower() in q.text.lower() for q in answer.quotes[:3])
    assert speaker.split()[-1] in answer.answer
    assert_verbatim(seed_service, answer.quotes)


@pytest.mark.parametrize(
    "question",
    [
        "What did Vladimir Putin say about the protests?",  # mentioned in a quote, never quoted
        "What did Nursultan Nazarbayev say?",  # talked about at length, never quoted
        "What did Paul Wolfowitz say?",
        "What did Angela Merkel say about gas prices?",
    ],
)
def test_people_never_quoted_get_no_quotes(seed_service: QAService, question: str) -> None:
    answer = seed_service.ask(question)
    assert not answer.found and answer.quotes == []
    assert answer.answer.startswith("No quotes from")


def test_nothing_relevant_says_so(seed_service: QAService) -> None:
    answer = seed_service.ask("Who said the moon is made of green cheese?")
    assert not answer.found and answer.quotes == []
    assert "Nothing" in answer.answer


def test_follow_up_uses_the_last_speaker(seed_service: QAService) -> None:
    first = seed_service.ask("What did Blokhin say about Ukraine?")
    more = seed_service.ask("What else did he say?", context=first.context)
    assert more.found and {q.speaker for q in more.quotes} == {"Konstantin Blokhin"}
    shown = {q.text for q in first.quotes}
    assert not shown & {q.text for q in more.quotes}, "a follow-up shows new quotes"
    nato = seed_service.ask("And about the economy?", context=first.context)
    assert nato.quotes and nato.quotes[0].speaker == "Konstantin Blokhin"


def test_pronoun_without_context_asks_back(seed_service: QAService) -> None:
    answer = seed_service.ask("What else did he say?", context=ChatContext())
    assert not answer.found and "Whom do you mean" in answer.answer


@pytest.mark.parametrize(
    ("question", "says"),
    [("", "Please ask a question"), ("   ", "Please ask a question"), ("x" * 10_000, "10,000")],
)
def test_unusable_questions_are_refused_clearly(
    seed_service: QAService, question: str, says: str
) -> None:
    with pytest.raises(QuestionError) as info:
        seed_service.ask(question)
    assert says in str(info.value)


def test_interviewer_question_is_not_the_interviewees(seed_service: QAService) -> None:
    answer = seed_service.ask(
        "So you do not agree that the protest was inspired from the outside?"
    )
    asked = [q for q in answer.quotes if "do not agree" in q.text]
    assert asked and all(q.speaker != "Mikhail Aleksandrov" for q in asked)


def test_listings(seed_service: QAService) -> None:
    speakers = {s.name: s for s in seed_service.speakers()}
    assert {"Jennifer Psaki", "Mikhail Aleksandrov", "Konstantin Blokhin"} <= set(speakers)
    assert "Vladimir Putin" not in speakers and "Nursultan Nazarbayev" not in speakers
    assert speakers["Mikhail Aleksandrov"].quote_count >= 5
    (source,) = seed_service.sources()
    assert source.date == "2022-01-06" and source.title and "Kazakhstan" in source.title
    page = seed_service.quotes_by("aleksandrov", limit=3)
    assert len(page.quotes) == 3 and page.speaker == "Mikhail Aleksandrov"
    nxt = seed_service.quotes_by("Aleksandrov", offset=3, limit=3)
    assert not {q.text for q in page.quotes} & {q.text for q in nxt.quotes}
    paragraph = seed_service.paragraph_text(page.quotes[0].source)
    assert page.quotes[0].text in paragraph


def test_speaker_question_without_about_still_gets_the_speakers_words(
    seed_service: QAService,
) -> None:
    answer = seed_service.ask("What did Zyuganov write in his Telegram channel?")
    assert answer.found and {q.speaker for q in answer.quotes} == {"Gennady Zyuganov"}
    off_topic = seed_service.ask("What did Zyuganov say about football?")
    assert not off_topic.found
    assert off_topic.answer == "No quotes from Gennady Zyuganov about football in the corpus."


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        (
            "What did the Ministry of Internal Affairs say?",
            "Ministry of Internal Affairs of Kazakhstan",
        ),
        ("What did the Foreign Ministry say?", "Russian Foreign Ministry"),
        ("Who is Konstantin Blokhin?", "Konstantin Blokhin"),
    ],
)
def test_partial_names_and_who_is(seed_service: QAService, question: str, speaker: str) -> None:
    answer = seed_service.ask(question)
    assert answer.found and answer.quotes[0].speaker == speaker
    assert answer.answer.startswith(speaker)


def test_a_body_that_only_speaks_through_a_spokesman(seed_service: QAService) -> None:
    answer = seed_service.ask("What did the White House say?")
    assert answer.answer.startswith("No quotes from White House as such")
    assert {q.speaker for q in answer.quotes} == {"Jennifer Psaki"}


def test_an_ambiguous_organisation_asks_which(seed_service: QAService) -> None:
    answer = seed_service.ask("What did the ministry say?")
    assert not answer.found and "Russian Foreign Ministry" in answer.answer


def test_open_question_answered_by_the_narrative_gets_passages(seed_service: QAService) -> None:
    answer = seed_service.ask("How many people were brought to the police?")
    assert answer.found and answer.quotes[0].kind == "passage"
    assert "two thousand people" in answer.quotes[0].text
    assert_verbatim(seed_service, answer.quotes)


def test_asking_for_more_after_everything_was_shown(seed_service: QAService) -> None:
    context = seed_service.ask("What did Psaki say?").context
    for _ in range(5):
        answer = seed_service.ask("What else did she say?", context=context)
        context = answer.context
        if not answer.found:
            break
    assert not answer.found
    assert answer.answer.startswith("That is all: every quote from Jennifer Psaki")
