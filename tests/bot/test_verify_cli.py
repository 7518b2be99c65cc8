"""``whosaid check`` and ``whosaid corrections`` on the command line: the JSON contract of a
verdict, the terminal's diff and genealogy, exit codes; a real service (fake embeddings) over
the verifier's hand-written articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.cli import EXIT_ERROR, EXIT_OK, main
from tests.auxil.check_corpus import ARTICLES, REAL
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings

QUOTE_KEYS = {"speaker", "role", "text", "kind", "source"}


@pytest.fixture
def indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The three articles indexed once; every command opens that index again."""
    import retrieval

    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    settings = make_settings(tmp_path)
    service = retrieval.open_service(settings, embeddings=FakeEmbeddings())
    service.ingest()
    service.close()
    real_open = retrieval.open_service

    def reopen(_settings: Any, **options: Any) -> Any:
        return real_open(settings, embeddings=FakeEmbeddings(), **options)

    monkeypatch.setattr(retrieval, "open_service", reopen)
    yield tmp_path


def lines_of(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_check_json_gives_one_object_per_claim_with_the_real_quote_first(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = REAL.replace("4 million", "9 million")
    # The invented words share none of the corpus's: decided by the words, not the embedding.
    post = f"Holt: “{changed}.” And Reed: “Our orchestra tours Japan every winter.”"
    assert main(["check", "--json", post]) == EXIT_OK
    altered, missing = lines_of(capsys)
    assert {"claim", "speaker", "verdict", "quotes"} <= set(altered)
    assert altered["verdict"] == "altered" and altered["claim"].rstrip(".") == changed
    assert "~~4~~" in altered["diff"] and "**9**" in altered["diff"]
    real = altered["quotes"][0]
    assert set(real) >= QUOTE_KEYS and real["text"].startswith(REAL)
    assert real["speaker"] == "Jane Holt"
    # Not found says what was searched, never that the words are false.
    assert missing["verdict"] == "not_found" and missing["quotes"] == []
    assert missing["searched"]["articles"] == 3
    assert missing["searched"]["first_date"] == "2022-01-12"
    assert "3 articles searched" in missing["explanation"]


def test_check_speaker_option_names_who_the_words_are_given_to(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--json", "--speaker", "Ann Cole", REAL]) == EXIT_OK
    [verdict] = lines_of(capsys)
    assert verdict["verdict"] == "misattributed" and verdict["real_speaker"] == "Jane Holt"


def test_check_history_prints_each_printing_earliest_first_with_the_drift(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--history", f"“{REAL}” — Jane Holt"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith(f"VERBATIM: “{REAL}” — Jane Holt")
    history = out[out.index("history: printed in 3 articles") :]
    gazette, courier, herald = (history.index(o) for o in ("Gazette", "Courier", "Herald"))
    assert gazette < courier < herald
    assert "~~spring,~~ **summer,**" in history and "speaker changed to Tom Reed" in history


def test_check_without_words_is_one_line_and_exit_1(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "   "]) == EXIT_ERROR
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("whosaid: Give the words to check")
