"""Each question shape, pinned on a small hand-written article (real engine, real embeddings).

The article quotes a mayor and a baker who share a surname, an engineer and a union chairman
whose roles are written only after their names, and a police chief whose title is recorded.
"""

from __future__ import annotations

import pytest

from retrieval import QAService
from retrieval.chain import AnswerChain, new_state
from retrieval.retriever import HybridRetriever
from tests.conftest import ingested_service

ARTICLE = """Mar 4, 2025

Council splits over the Eastgate bridge

The Eastgate city council voted 5-4 on Tuesday to rebuild the old bridge over the Milner River, \
after a night of sharp exchanges.

“This bridge will carry our grandchildren to school,” Mayor Tom Brandt said after the vote. “We \
have waited long enough, and the money is there.”

Dana Whitfield, a former Harbor Authority engineer, was not persuaded. “The design they approved \
will start to crack within ten years, because nobody tested the foundations in flood \
conditions,” Whitfield said.

Harbor Police Chief Rosa Delgado said the closures during construction would be short. \
“Traffic will be diverted for six weeks at most, and we will have officers at every crossing,” \
Delgado said.

“Renters on the east bank are already paying more every month, and a construction boom will \
push them out,” said Marcus Oyelaran, chairman of the Riverside Tenants Union.

Ellen Brandt, who runs a bakery beside the bridge, said her customers wanted the work done \
quickly. “People are tired of the potholes and the detours,” Ellen Brandt said.
"""


@pytest.fixture(scope="module")
def bridge(tmp_path_factory: pytest.TempPathFactory, real_embeddings) -> QAService:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("bridge")
    return ingested_service(tmp, {"bridge-vote-2025-03-04.txt": ARTICLE}, real_embeddings)


def test_a_description_ranks_the_speaker_it_describes(bridge: QAService) -> None:
    # "bridge" is in the mayor's words; only the engineer is described as the question says.
    answer = bridge.ask("Which former Harbor Authority engineer talked about the bridge?")
    assert answer.quotes[0].speaker == "Dana Whitfield"
    assert answer.answer.startswith("Dana Whitfield said this")


def test_a_person_named_in_a_who_question_is_its_topic_not_its_speaker(
    bridge: QAService,
) -> None:
    answer = bridge.ask("Who said Mayor Tom Brandt's bridge was never tested for floods?")
    assert answer.found and answer.speaker is None
    assert answer.quotes[0].speaker == "Dana Whitfield"


@pytest.mark.parametrize(
    ("question", "speaker", "words"),
    [
        # the role is written after the name, and "head" is the article's "chairman"
        (
            "What did the head of the Riverside Tenants Union say about rents?",
            "Marcus Oyelaran",
            "Renters",
        ),
        ("What did the harbor police chief say about traffic?", "Rosa Delgado", "six weeks"),
        # a title in front of a shared surname settles which Brandt is meant
        ("What did Mayor Brandt say?", "Tom Brandt", "grandchildren"),
    ],
)
def test_roles_and_titles_resolve_to_the_speaker(
    bridge: QAService, question: str, speaker: str, words: str
) -> None:
    answer = bridge.ask(question)
    assert answer.found and answer.quotes[0].speaker == speaker
    assert any(words in q.text for q in answer.quotes[:3])


def test_a_description_nobody_fits_gets_no_quotes(bridge: QAService) -> None:
    answer = bridge.ask("What did the fire brigade commander say about the bridge?")
    assert not answer.found and answer.quotes == []
    assert answer.answer.startswith("No quotes from fire brigade commander")


def test_a_shared_surname_asks_back_unless_the_topic_settles_it(bridge: QAService) -> None:
    asked = bridge.ask("What did Brandt say?")
    assert not asked.found and "Tom Brandt" in asked.answer and "Ellen Brandt" in asked.answer
    settled = bridge.ask("What did Brandt say about the potholes?")
    assert settled.speaker == "Ellen Brandt" and "potholes" in settled.quotes[0].text


def test_quoted_words_nobody_said_are_refuted_not_attributed(bridge: QAService) -> None:
    answer = bridge.ask("Who said “the bridge will be painted gold”?")
    assert not answer.found
    assert answer.answer.startswith("Nobody in the corpus is quoted saying “the bridge")
    assert "said this" not in answer.answer


def test_quoted_words_that_were_said_name_their_speaker(bridge: QAService) -> None:
    answer = bridge.ask("Who said 'nobody tested the foundations'?")
    assert answer.found and answer.answer.startswith("Dana Whitfield said this")
    assert "nobody tested the foundations" in answer.quotes[0].text


def test_a_quote_taken_for_granted_is_checked_against_the_speaker(bridge: QAService) -> None:
    answer = bridge.ask("Why did Whitfield say “the bridge is perfectly safe”?")
    assert not answer.found
    assert answer.answer.startswith("Dana Whitfield is not quoted saying “the bridge is")


def test_quoted_words_a_named_speaker_did_say_are_found_and_are_not_the_topic(
    bridge: QAService,
) -> None:
    # Straight ASCII quotes, as typed on most keyboards (the audit's stray-mark finding).
    answer = bridge.ask('Did Whitfield say "nobody tested the foundations"?')
    assert answer.found and answer.answer.startswith("Dana Whitfield")
    assert "nobody tested the foundations" in answer.quotes[0].text
    assert '"' not in answer.answer and "about" not in answer.answer


def test_reported_speech_is_worded_as_the_articles_paraphrase(bridge: QAService) -> None:
    answer = bridge.ask("Who said the closures during construction would be short?")
    assert answer.quotes[0].kind == "reported" and answer.quotes[0].speaker == "Rosa Delgado"
    assert "is reported as saying this" in answer.answer


def test_a_weak_best_match_is_offered_only_as_the_closest(bridge: QAService) -> None:
    question = "Which former Harbor Authority engineer talked about the bridge?"
    strict = bridge.settings.model_copy(update={"min_confident": 99.0})
    retriever = HybridRetriever(store=bridge.store, view=bridge.view, embeddings=bridge.embeddings)
    chain = AnswerChain(bridge.view, retriever, strict)
    answer = chain.runnable.invoke(new_state(question, None, 5))
    assert answer.answer.startswith("The closest quotes I found:")
    assert "said this" not in answer.answer
    assert answer.quotes[0].speaker == "Dana Whitfield"  # the same verbatim quotes
