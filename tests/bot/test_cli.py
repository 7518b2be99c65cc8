"""The ``whosaid`` command line: exit codes, JSON contracts, readable output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import EXIT_ERROR, EXIT_OK, EXIT_SKIPPED, main
from tests.conftest import SEED


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with the seed article and its own index; no .env, no history."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    shutil.copy(SEED, tmp_path / "articles")
    monkeypatch.setenv("WHOSAID_ARTICLES_DIR", str(tmp_path / "articles"))
    monkeypatch.setenv("WHOSAID_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_ingest_then_ask_json(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--no-progress"]) == EXIT_OK
    assert "added 1" in capsys.readouterr().out

    assert (
        main(
            [
                "ask",
                "--json",
                "Who said tension is growing in Central Asia?",
                "What did Joe Biden say?",
            ]
        )
        == EXIT_OK
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [set(obj) for obj in lines] == [{"question", "found", "answer", "quotes"}] * 2
    found, missing = lines
    assert found["found"] and not missing["found"] and missing["quotes"] == []
    first = found["quotes"][0]
    assert first["speaker"] == "Konstantin Blokhin"
    assert first["kind"] in {"direct", "reported", "interview", "passage"}
    assert set(first["source"]) == {"doc_id", "title", "date", "url", "path", "paragraph"}
    assert first["source"]["date"] == "2022-01-06"
    text = Path(first["source"]["path"]).read_text(encoding="utf-8")
    assert first["text"] in text


def test_ingest_with_a_bad_file_exits_3_and_names_it(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "articles" / "broken.md").write_bytes(b"\xff\xfe\x00garbage")
    assert main(["ingest", "--no-progress"]) == EXIT_SKIPPED
    captured = capsys.readouterr()
    assert "broken.md" in captured.err and "added 1" in captured.out


def test_empty_question_is_an_error(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "   "]) == EXIT_ERROR
    assert "Please ask a question" in capsys.readouterr().err


def test_quotes_json_obeys_the_contract(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", "--json", str(workdir / "articles" / SEED.name)]) == EXIT_OK
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records
    with open(workdir / "articles" / SEED.name, encoding="utf-8", newline="") as fh:
        text = fh.read()
    keys = {
        "path",
        "start",
        "end",
        "text",
        "kind",
        "speaker",
        "role",
        "mention",
        "mention_start",
        "mention_end",
        "cue",
        "paragraph",
        "confidence",
    }
    for record in records:
        assert keys <= set(record)
        assert text[record["start"] : record["end"]] == record["text"]
        assert record["kind"] in {"direct", "reported", "interview", "question"}
        if record["mention_start"] is not None:
            assert text[record["mention_start"] : record["mention_end"]] == record["mention"]


def test_eval_prints_the_figures(
    workdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = tmp_path / "q.yaml"
    questions.write_text(
        "- id: a\n  q: Who said tension is growing in Central Asia?\n  speaker: [Blokhin]\n"
        "  contains: [Central Asia]\n- id: b\n  q: What did Joe Biden say?\n  negative: Biden\n",
        encoding="utf-8",
    )
    assert main(["ingest", "--no-progress"]) == EXIT_OK
    capsys.readouterr()
    assert main(["eval", "--json", str(questions)]) == EXIT_OK
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["speaker_accuracy"] == 100.0 and metrics["not_found_correct"] == 100.0
    assert metrics["questions"] == 2


def test_eval_rejects_a_malformed_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = workdir / "bad.yaml"
    bad.write_text("just: a mapping\n", encoding="utf-8")
    assert main(["eval", str(bad)]) == EXIT_ERROR
    assert "bad.yaml" in capsys.readouterr().err


def test_chat_answers_and_follows_up(workdir: Path) -> None:
    import io

    from bot.chat import run_chat
    from retrieval import RetrievalSettings, open_service

    service = open_service(RetrievalSettings(_env_file=None))
    service.ingest()
    out = io.StringIO()
    run_chat(
        service,
        stdin=io.StringIO(
            "What did Blokhin say about Ukraine?\nWhat else did he say?\n/speakers\n"
        ),
        stdout=out,
    )
    text = out.getvalue()
    assert text.count("Konstantin Blokhin") >= 3
    assert "Jennifer Psaki" in text  # the speaker list
