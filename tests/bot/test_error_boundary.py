"""A bug stays a bug: only the store's, the model's and the disk's failures are mapped.

A bug injected into ranking must reach each front end's unexpected-error path: the service
raises it as it is (never "the index failed"), the command line prints "unexpected error …
run with -v" (exit 1), and the bot logs the traceback and apologises.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from bot.cli import EXIT_ERROR, main
from bot.telegram import build_application
from bot.telegram.handlers import APOLOGY
from corpus.embeddings import CachedQueryEmbeddings
from retrieval import RetrievalError, open_service
from tests.auxil.bot_api import FakeBotApi, private_chat, user
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.auxil.fake_request import FakeRequest
from tests.auxil.telegram_app import TOKEN, USER, feed, make_settings, stop_app
from tests.conftest import make_settings as make_retrieval_settings

ARTICLE = (
    "Jan 7, 2022\n\nOfficials speak\n\n"
    "“We will restore order within days,” the mayor of Almaty, Bakytzhan Sagintayev, said.\n"
)
QUESTION = "What did Sagintayev say about order?"


class InjectedBug(Exception):
    """What a programming mistake in ranking raises."""


@pytest.fixture
def buggy_ranking(monkeypatch: pytest.MonkeyPatch) -> None:
    from retrieval.rank import Ranker

    def rank(*_: Any, **__: Any) -> Any:
        raise InjectedBug("ranking divided by zero")

    monkeypatch.setattr(Ranker, "rank", rank)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An ingested index under ``tmp_path``; the command line finds it through the environment
    and embeds with the fake model."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "almaty.txt").write_text(ARTICLE, encoding="utf-8")
    open_service(make_retrieval_settings(tmp_path), embeddings=FakeEmbeddings()).ingest()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WHOSAID_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WHOSAID_ARTICLES_DIR", str(articles))
    monkeypatch.setenv("WHOSAID_COLLECTION_PREFIX", "t")
    monkeypatch.setattr(
        "retrieval.service.make_embeddings",
        lambda *_, **__: CachedQueryEmbeddings(FakeEmbeddings()),
    )
    return tmp_path


def test_the_service_lets_a_bug_through_as_it_is(data: Path, buggy_ranking: None) -> None:
    service = open_service(make_retrieval_settings(data), embeddings=FakeEmbeddings())
    with pytest.raises(InjectedBug):
        service.ask(QUESTION)
    # Failures the boundary knows are still mapped: the service keeps answering otherwise.
    assert service.sources()


def test_the_command_line_reports_a_bug_as_unexpected(
    data: Path, buggy_ranking: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", QUESTION]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("whosaid: unexpected error (InjectedBug: ranking divided by zero)")
    assert "run with -v" in err and "index" not in err
    assert "Traceback" not in err, "the traceback is for -v only"


def test_the_command_line_shows_the_bugs_traceback_with_v(
    data: Path, buggy_ranking: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-v", "ask", QUESTION]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "Traceback" in err and "InjectedBug" in err


async def test_the_bot_logs_a_bugs_traceback_and_apologises(
    data: Path, buggy_ranking: None, caplog: pytest.LogCaptureFixture
) -> None:
    api = FakeBotApi(TOKEN)
    service = open_service(make_retrieval_settings(data), embeddings=FakeEmbeddings())
    app = build_application(
        make_settings(),
        service_factory=lambda: service,
        request=FakeRequest(api),
        get_updates_request=FakeRequest(api),
        network_backoff=0.01,
        inline_debounce=0,
    )
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    try:
        with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers"):
            await feed(app, api.message_update(user(USER), private_chat(USER), QUESTION))
        assert api.texts(USER) == [APOLOGY]
        assert any(isinstance(r.exc_info[1], InjectedBug) for r in caplog.records if r.exc_info)
        # The next command is served as usual.
        await feed(app, api.message_update(user(USER), private_chat(USER), "/sources"))
        assert "Officials speak" in api.texts(USER)[-1]
    finally:
        await stop_app(app)


def test_store_failures_are_still_the_services_errors(data: Path) -> None:
    """The other half of the boundary: what the store is known to raise stays mapped."""
    import chromadb.errors

    service = open_service(make_retrieval_settings(data), embeddings=FakeEmbeddings())

    def damaged(*_: Any, **__: Any) -> Any:
        raise chromadb.errors.InternalError("database disk image is malformed")

    service.store._chunks.query = damaged  # type: ignore[method-assign]
    service.store._articles.get = damaged  # type: ignore[method-assign]
    with pytest.raises(RetrievalError, match="ingest --rebuild"):
        service.ask(QUESTION)


def test_the_chat_reports_a_bug_in_one_line_and_goes_on(data: Path, buggy_ranking: None) -> None:
    import io

    from bot.chat import run_chat

    service = open_service(make_retrieval_settings(data), embeddings=FakeEmbeddings())
    out = io.StringIO()
    run_chat(service, stdin=io.StringIO(f"{QUESTION}\n/sources\n"), stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("unexpected error (InjectedBug") for line in lines)
    assert "Officials speak" in lines[-1]
