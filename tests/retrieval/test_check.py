"""The quote verifier on hand-written articles: each verdict, its proof, and the genealogy.

The articles are ingested by the real quote engine into a real Chroma (fake embeddings: the
verdicts here are decided by the words, never in the band where the embedding decides).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval import QAService, QuestionError, check_text
from tests.auxil.check_corpus import ARTICLES, REAL
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import ingested_service


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QAService]:
    service = ingested_service(tmp_path_factory.mktemp("check"), ARTICLES, FakeEmbeddings())
    yield service
    service.close()


def one(service: QAService, text: str, **options: object) -> object:
    verdicts = check_text(service, text, **options)  # type: ignore[arg-type]
    assert len(verdicts) == 1
    verdict = verdicts[0]
    for quote in verdict.quotes:  # every quote shown is printed in its source, word for word
        source = Path(quote.source.path).read_text(encoding="utf-8")
        assert source[quote.start : quote.end] == quote.text
    return verdict


def test_verbatim_names_the_speaker_and_the_first_appearance(service: QAService) -> None:
    verdict = one(service, f"“{REAL}” — Jane Holt")
    assert verdict.verdict == "verbatim"  # type: ignore[attr-defined]
    assert verdict.speaker == "Jane Holt"  # type: ignore[attr-defined]
    real = verdict.quotes[0]  # type: ignore[attr-defined]
    assert real.speaker == "Jane Holt" and REAL in real.text
    # Two outlets printed it: the earliest is shown first, the reprint as "also".
    assert real.source.outlet == "Gazette"
    assert [s.outlet for s in real.also] == ["Courier"]
    assert verdict.first is not None and verdict.first.date == "2022-01-12"  # type: ignore[attr-defined]


def test_verbatim_without_a_name_and_a_whole_sentence_of_a_longer_quote(
    service: QAService,
) -> None:
    verdict = one(service, "We will never close it again.")
    assert verdict.verdict == "verbatim"  # type: ignore[attr-defined]
    assert verdict.quotes[0].speaker == "Jane Holt"  # type: ignore[attr-defined]


def test_a_changed_number_is_altered_with_a_word_diff(service: QAService) -> None:
    claim = REAL.replace("4 million", "40 million")
    verdict = one(service, claim, speaker="Jane Holt")
    assert verdict.verdict == "altered"  # type: ignore[attr-defined]
    assert "numbers changed" in verdict.changes  # type: ignore[attr-defined]
    assert "~~4~~ **40**" in verdict.diff  # type: ignore[attr-defined]
    assert REAL in verdict.quotes[0].text  # type: ignore[attr-defined]
    assert 0 < verdict.changed < 0.2  # type: ignore[attr-defined]


def test_words_cut_out_of_a_sentence_are_a_truncation(service: QAService) -> None:
    verdict = one(service, "“The bridge will be ready by spring” — Jane Holt")
    assert verdict.verdict == "altered"  # type: ignore[attr-defined]
    assert verdict.changes == ["truncated"]  # type: ignore[attr-defined]


def test_a_swapped_word_is_altered(service: QAService) -> None:
    verdict = one(service, "We will always close it again.", speaker="Jane Holt")
    assert verdict.verdict == "altered"  # type: ignore[attr-defined]
    assert "~~never~~ **always**" in verdict.diff  # type: ignore[attr-defined]


def test_somebody_elses_words_are_misattributed_with_the_real_speaker(
    service: QAService,
) -> None:
    verdict = one(service, "“Taxes will not rise this year” — Jane Holt")
    # Cut mid-sentence *and* given to the wrong person: who said it matters first.
    assert verdict.verdict == "misattributed"  # type: ignore[attr-defined]
    assert verdict.real_speaker == "Ann Cole"  # type: ignore[attr-defined]
    assert verdict.reason == "other_speaker"  # type: ignore[attr-defined]
    assert "Ann Cole said this, not Jane Holt" in verdict.explanation  # type: ignore[attr-defined]


def test_the_articles_own_words_are_nobodys_quote(service: QAService) -> None:
    verdict = one(
        service, "Residents have waited two years for the bridge to reopen", speaker="Jane Holt"
    )
    assert verdict.verdict == "misattributed"  # type: ignore[attr-defined]
    assert verdict.reason == "author"  # type: ignore[attr-defined]
    assert verdict.quotes[0].kind == "passage"  # type: ignore[attr-defined]


def test_reported_speech_is_reported_not_said(service: QAService) -> None:
    verdict = one(service, "the plan was rushed and badly costed", speaker="Tom Reed")
    assert verdict.verdict == "misattributed"  # type: ignore[attr-defined]
    assert verdict.reason == "reported"  # type: ignore[attr-defined]


def test_invented_words_are_not_found_with_what_was_searched(service: QAService) -> None:
    verdict = one(service, "“We will sell the old ferry to pay for schools” — Jane Holt")
    assert verdict.verdict == "not_found"  # type: ignore[attr-defined]
    assert verdict.quotes == []  # type: ignore[attr-defined]
    searched = verdict.searched  # type: ignore[attr-defined]
    assert searched.articles == 3 and searched.outlet_count == 3
    assert (searched.first_date, searched.last_date) == ("2022-01-12", "2022-01-20")
    assert "3 articles searched" in verdict.explanation  # type: ignore[attr-defined]


def test_history_shows_each_printing_the_drift_and_the_speaker_change(
    service: QAService,
) -> None:
    verdict = one(service, REAL, history=True)
    history = verdict.history  # type: ignore[attr-defined]
    assert [c.source.outlet for c in history] == ["Gazette", "Courier", "Herald"]
    gazette, courier, herald = history
    assert gazette.same_words and gazette.speaker == "Jane Holt"
    assert courier.same_words and not courier.speaker_changed and courier.diff is None
    assert not herald.same_words and "~~spring,~~ **summer,**" in (herald.diff or "")
    assert herald.speaker_changed and herald.speaker == "Tom Reed"


def test_a_post_gives_one_verdict_per_quotation(service: QAService) -> None:
    post = (
        "Big week in town.\n“We will never close it again,” said Mayor Jane Holt.\n"
        "Ann Cole promised: “Taxes will not rise this year, whatever the council decides "
        "about the bridge.”\nAnd Tom Reed: “The ferry is free from Monday.”"
    )
    verdicts = check_text(service, post)
    assert [(v.speaker, v.verdict) for v in verdicts] == [
        ("Mayor Jane Holt", "verbatim"),
        ("Ann Cole", "verbatim"),
        ("Tom Reed", "not_found"),
    ]


def test_an_empty_text_is_refused(service: QAService) -> None:
    with pytest.raises(QuestionError):
        check_text(service, "   ")


def test_not_found_names_the_outlets_and_the_dates_searched(service: QAService) -> None:
    verdict = one(service, "“The river festival is cancelled for good” — Ann Cole")
    explanation = verdict.explanation  # type: ignore[attr-defined]
    assert "nothing by Ann Cole close to these words" in explanation
    assert "3 articles searched (3 outlets: " in explanation
    assert all(o in explanation for o in ("Gazette", "Courier", "Herald"))
    assert "2022-01-12 to 2022-01-20" in explanation


def test_a_verdict_is_explained_in_the_language_asked_for(service: QAService) -> None:
    changed = one(service, REAL.replace("4 million", "40 million"), language="ru")
    explanation = changed.explanation  # type: ignore[attr-defined]
    assert explanation.startswith("Искажено (изменены числа")
    assert "настоящая цитата — Jane Holt" in explanation and "абзац 2" in explanation
    missing = one(service, "Мост никогда не будет готов к весне", language="ru")
    assert missing.explanation.startswith("Нет в корпусе: ")  # type: ignore[attr-defined]
    assert "просмотрено: 3 статьи (3 издания: " in missing.explanation  # type: ignore[attr-defined]
    # The verdict itself does not depend on the language it is told in.
    english = one(service, REAL.replace("4 million", "40 million"))
    assert english.verdict == changed.verdict and english.diff == changed.diff  # type: ignore[attr-defined]
