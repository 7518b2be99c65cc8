"""The ``whosaid`` command line: exit codes, JSON contracts, readable output."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.cli import (
    EXIT_BUSY,
    EXIT_DAMAGED,
    EXIT_ERROR,
    EXIT_OK,
    EXIT_SKIPPED,
    EXIT_USAGE,
    main,
)
from tests.conftest import SEED

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with the seed article and its own index; no .env, no history."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    shutil.copy(SEED, tmp_path / "articles")
    monkeypatch.setenv("WHOSAID_ARTICLES_DIR", str(tmp_path / "articles"))
    monkeypatch.setenv("WHOSAID_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


@pytest.mark.slow  # the real model, through the command line
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
    assert set(first["source"]) == {"doc_id", "title", "date", "url", "path", "paragraph"}
    assert first["source"]["date"] == "2022-01-06"
    # The answer's quote is one the quote engine finds in that file, at that paragraph, with
    # the same kind and speaker: nothing was rewritten or re-attributed on the way.
    assert main(["quotes", "--json", first["source"]["path"]]) == EXIT_OK
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    [engine] = [
        r
        for r in records
        if r["text"] == first["text"] and r["paragraph"] == first["source"]["paragraph"]
    ]
    assert (engine["kind"], engine["speaker"]) == (first["kind"], first["speaker"])


@pytest.mark.slow  # the real model, through the command line
def test_ingest_with_a_bad_file_exits_3_and_names_it(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "articles" / "broken.md").write_bytes(b"\xff\xfe\x00garbage")
    assert main(["ingest", "--no-progress"]) == EXIT_SKIPPED
    captured = capsys.readouterr()
    assert "broken.md" in captured.err and "added 1" in captured.out


@pytest.mark.slow  # the real model, through the command line
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


@pytest.mark.slow  # the real model, through the command line
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


@pytest.mark.slow  # the real model, through the command line
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


# --- hostile text, bad input, and errors at the edge -----------------------------------------

ESCAPES = "\x1b[2J\x1b]0;PWNED\x07\x9b31m"
HOSTILE = (
    f"Jan 6, 2022\n\nThe \x1b[31mred\x1b[0m title\n\n"
    f"“Everything is {ESCAPES}fine here and now,” said Eve Escape, a hacker.\n\nMore.\n"
)


def _terminal_safe(text: str) -> bool:
    return not any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in text)


def test_escape_sequences_from_articles_never_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "ansi.txt").write_text(HOSTILE, encoding="utf-8")
    (articles / "bad\x1b[2Jname.md").write_bytes(b"\xff\xfe\x00garbage")
    monkeypatch.setenv("WHOSAID_ARTICLES_DIR", str(articles))
    monkeypatch.setenv("WHOSAID_DATA_DIR", str(tmp_path / "data"))
    runs = [
        ["ingest", "--no-progress"],
        ["ask", "What did Eve Escape say?"],
        ["ask", "--json", "What did Eve Escape say?"],
        ["quotes", str(articles / "ansi.txt")],
        ["quotes", "--json", str(articles / "ansi.txt")],
        ["sources"],
        ["sources", "--json"],
        ["speakers"],
        ["speakers", "--json"],
    ]
    for argv in runs:
        main(argv)
        captured = capsys.readouterr()
        assert _terminal_safe(captured.out) and _terminal_safe(captured.err), argv
    # Nothing is lost from JSON: the control characters are escaped, not dropped.
    main(["quotes", "--json", str(articles / "ansi.txt")])
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert ESCAPES in record["text"]


def test_the_chat_prints_no_escape_sequences(workdir: Path) -> None:
    import io
    from types import SimpleNamespace

    from bot.chat import run_chat
    from retrieval import SourceSummary

    hostile = SourceSummary(
        doc_id="d", title=f"T{ESCAPES}", path="p", paragraph_count=1, quote_count=1
    )
    # Just enough of a service for the chat's first line and a /sources reply.
    service = SimpleNamespace(view=SimpleNamespace(articles=["a"]), sources=lambda: [hostile])
    out = io.StringIO()
    run_chat(service, stdin=io.StringIO("/sources\n"), stdout=out)  # type: ignore[arg-type]
    assert "T" in out.getvalue() and _terminal_safe(out.getvalue())


@pytest.mark.parametrize("count", ["-5", "0", "two", "²"])
def test_ask_limit_must_be_a_positive_count(
    workdir: Path, capsys: pytest.CaptureFixture[str], count: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["ask", "-n", count, "What did Blokhin say?"])
    assert exit_.value.code == EXIT_USAGE
    assert "at least 1" in capsys.readouterr().err


def test_a_bad_setting_is_one_line_exit_2_and_never_its_value(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WHOSAID_CHROMA_AUTH_HEADER", "Bearer s3cr3t-t0ken-value")
    assert main(["sources"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "WHOSAID_CHROMA_AUTH_HEADER" in err
    assert "s3cr3t" not in err and "Traceback" not in err


@pytest.mark.parametrize("verbose", [[], ["-v"]])
def test_the_auth_headers_value_alone_is_masked_too(
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    verbose: list[str],
) -> None:
    # A server or library may echo the token it was sent without the header's name.
    import retrieval

    monkeypatch.setenv("WHOSAID_CHROMA_AUTH_HEADER", "Authorization: Bearer Kq4sh0rt")

    def bug(settings: Any, **options: Any) -> Any:
        raise RuntimeError("token Kq4sh0rt was refused; sent 'Bearer Kq4sh0rt'")

    monkeypatch.setattr(retrieval, "open_service", bug)
    assert main([*verbose, "sources"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "unexpected error" in err and "Kq4sh0rt" not in err


def test_a_service_error_is_one_line_and_exit_1(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import retrieval

    def busy(settings: Any, **options: Any) -> Any:
        raise retrieval.IndexUnavailableError("another ingest is running on data/; wait for it")

    monkeypatch.setattr(retrieval, "open_service", busy)
    for argv in (["sources"], ["ask", "x"], ["ingest"], ["speakers"]):
        assert main(argv) == EXIT_ERROR
        err = capsys.readouterr().err
        assert err == "whosaid: another ingest is running on data/; wait for it\n"


@pytest.mark.parametrize(
    ("error", "status"),
    [("IndexBusyError", EXIT_BUSY), ("IndexDamagedError", EXIT_DAMAGED)],
)
def test_a_busy_or_damaged_index_has_its_own_exit_status(
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: str,
    status: int,
) -> None:
    import retrieval

    def failing(settings: Any, **options: Any) -> Any:
        raise getattr(retrieval, error)(f"{error} happened; here is what to do")

    monkeypatch.setattr(retrieval, "open_service", failing)
    assert main(["ingest"]) == status
    assert capsys.readouterr().err == f"whosaid: {error} happened; here is what to do\n"


def test_an_unexpected_error_is_one_line_without_secrets(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import retrieval
    from tests.auxil.telegram_app import TOKEN

    def broken(settings: Any, **options: Any) -> Any:
        raise TypeError(f"TextEncodeInput must be Union\nrequest to /bot{TOKEN}/getMe")

    monkeypatch.setattr(retrieval, "open_service", broken)
    assert main(["sources"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "TypeError: TextEncodeInput must be Union" in err and "-v" in err
    # With -v the traceback is logged, the token masked.
    assert main(["-v", "sources"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "Traceback" in err and TOKEN.partition(":")[2] not in err


def test_env_example_copied_to_env_is_valid_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Following the file's own first line (copy to .env) must leave every default in place."""
    from bot.telegram import TelegramSettings
    from retrieval import RetrievalSettings
    from tests.auxil.telegram_app import TOKEN

    for name in list(os.environ):
        if name.startswith(("WHOSAID_", "TELEGRAM_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    assert RetrievalSettings() == RetrievalSettings(_env_file=None)
    telegram = TelegramSettings(bot_token=TOKEN)
    assert telegram == TelegramSettings(_env_file=None, bot_token=TOKEN)


def test_a_question_that_is_not_valid_text_is_printed_safely(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot.terminal import echo

    # A non-UTF-8 byte in argv arrives as a lone surrogate; printing it must not crash.
    echo("No quotes from caf\udce9.")
    assert capsys.readouterr().out == "No quotes from caf\N{REPLACEMENT CHARACTER}.\n"


def test_the_chat_reports_an_index_error_and_carries_on() -> None:
    import io
    from types import SimpleNamespace

    from bot.chat import run_chat
    from retrieval import IndexUnavailableError

    def busy(**_options: Any) -> Any:
        raise IndexUnavailableError("another ingest is writing the index")

    service = SimpleNamespace(sources=busy, speakers=busy)
    out = io.StringIO()
    run_chat(service, stdin=io.StringIO("/sources\n/speakers\n"), stdout=out)  # type: ignore[arg-type]
    assert out.getvalue().count("another ingest is writing the index") == 2


@pytest.mark.slow  # the real model, through the command line
def test_add_refuses_a_private_address_with_exit_1_and_the_setting_to_allow_it(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.auxil.web_server import Reply, WebServer, serve

    with serve(WebServer({"/story": Reply(b"<html></html>")})) as web:
        assert main(["add", "--no-progress", web.url("/story")]) == EXIT_ERROR
        assert web.requests == []
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "loopback" in err[0] and "WHOSAID_FETCH_ALLOWED_HOSTS" in err[0]


@pytest.mark.slow  # the real model, through the command line
def test_feeds_add_list_remove_and_poll_exit_3_naming_the_feed_that_failed(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.auxil.web_server import Reply, serve

    with serve() as web:
        monkeypatch.setenv("WHOSAID_FETCH_ALLOWED_HOSTS", web.host)
        web.routes["/rss"] = Reply(
            b"<rss version='2.0'><channel><title>Town</title></channel></rss>",
            headers={"Content-Type": "application/rss+xml"},
        )
        assert main(["feeds", "add", web.url("/rss")]) == EXIT_OK
        assert main(["feeds", "add", web.url("/gone")]) == EXIT_OK
        assert main(["feeds", "add", "ftp://x/feed"]) == EXIT_ERROR
        capsys.readouterr()
        assert main(["feeds", "poll", "--no-progress"]) == EXIT_SKIPPED
        captured = capsys.readouterr()
        assert f"{web.url('/gone')}: the server answered 404" in captured.err
        assert web.url("/rss") in captured.out
        assert main(["feeds", "remove", web.url("/gone")]) == EXIT_OK
        assert main(["feeds", "poll", "--no-progress"]) == EXIT_OK
        capsys.readouterr()
        assert main(["feeds", "list"]) == EXIT_OK
        [listed] = capsys.readouterr().out.splitlines()
        assert listed.startswith(web.url("/rss") + "  Town  (polled ")
