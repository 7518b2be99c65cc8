"""One error boundary: whatever the store raises, a public service method raises only the
documented tree (``retrieval.errors``), in one line, without the secret, saying what to do.

The failures are injected httpx-style: the service's Chroma collections are swapped for a
transport that raises what Chroma, SQLite, httpx or the OS raise when things go wrong.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import chromadb.errors
import httpx
import pytest

from corpus.store import StoreLocation
from retrieval import (
    IndexBusyError,
    IndexDamagedError,
    IndexUnavailableError,
    QAService,
    QuestionError,
    RetrievalError,
    Source,
    open_service,
)
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings

SECRET = "Authorization: Bearer s3cr3t-t0ken"
SECRETS = (SECRET, "Bearer s3cr3t-t0ken", "s3cr3t-t0ken")  # its forms, as settings give them
ARTICLE = (
    "Jan 7, 2022\n\nOfficials speak\n\n"
    "“We will restore order within days,” the mayor of Almaty, Bakytzhan Sagintayev, said.\n\n"
    "Residents said the streets were calm on Friday morning.\n"
)


class FailingCollection:
    """A Chroma collection whose every call raises ``error``; records what was called."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Callable[..., Any]:
        def fail(*_: object, **__: object) -> Any:
            self.calls.append(name)
            raise self.error

        return fail


FAILURES: dict[str, tuple[Exception, type[RetrievalError], str]] = {
    "server killed": (
        httpx.ConnectError(f"[Errno 111] Connection refused ({SECRET})"),
        IndexUnavailableError,
        "start it",
    ),
    "damaged sqlite": (
        chromadb.errors.InternalError("database disk image is malformed"),
        IndexDamagedError,
        "whosaid ingest --rebuild",
    ),
    "truncated hnsw": (
        chromadb.errors.InternalError("Error executing plan: Error getting embedding"),
        IndexDamagedError,
        "whosaid ingest --rebuild",
    ),
    "disk full": (OSError(errno.ENOSPC, "No space left on device"), IndexUnavailableError, "free"),
    "sqlite full": (
        sqlite3.OperationalError("database or disk is full"),
        IndexUnavailableError,
        "free some space",
    ),
    "a server's error page": (
        Exception(f"<html>502 Bad Gateway {SECRET}</html>"),
        IndexUnavailableError,
        "failed",
    ),
}

CALLS: dict[str, Callable[[QAService], object]] = {
    "ask": lambda s: s.ask("What did Sagintayev say about order?"),
    "quotes_by": lambda s: s.quotes_by("Sagintayev"),
    "speakers": lambda s: s.speakers(),
    "sources": lambda s: s.sources(),
    "paragraph_text": lambda s: s.paragraph_text(
        Source(doc_id=next(iter(s.view.articles)), path="x", paragraph=1)
    ),
    "is_empty": lambda s: s.is_empty(),
    "refresh": lambda s: s.refresh(),
    "ingest": lambda s: s.ingest(),
}


@pytest.fixture
def service(tmp_path: Path) -> QAService:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "almaty.txt").write_text(ARTICLE, encoding="utf-8")
    svc = open_service(make_settings(tmp_path), embeddings=FakeEmbeddings())
    svc.ingest()
    return svc


def break_store(service: QAService, error: Exception, *, stale: bool) -> FailingCollection:
    """Swap the store's collections for failing ones; ``stale``: another process committed."""
    store = service.store
    store.where = StoreLocation(data_dir=store.where.data_dir, server="db:8000", secrets=SECRETS)
    failing = FailingCollection(error)
    store._articles = failing  # type: ignore[assignment]
    store._chunks = failing  # type: ignore[assignment]
    store.chunks = failing  # type: ignore[assignment]
    for article in service.view.articles.values():
        article._text = None  # texts are read lazily: make the next read reach the store
    if stale:
        store.mark_committed()
    return failing


@pytest.mark.parametrize("stale", [False, True], ids=["current view", "after a commit"])
@pytest.mark.parametrize("failure", list(FAILURES))
@pytest.mark.parametrize("call", list(CALLS))
def test_store_failures_come_out_as_documented_errors(
    service: QAService, call: str, failure: str, stale: bool
) -> None:
    error, expected, advice = FAILURES[failure]
    failing = break_store(service, error, stale=stale)
    try:
        CALLS[call](service)
    except RetrievalError as exc:
        assert type(exc) is expected, f"{call}: {type(exc).__name__}: {exc}"
        message = str(exc)
        assert "\n" not in message and len(message) < 400
        assert "s3cr3t" not in message, "the auth header must never be shown"
        assert advice in message
        assert exc.__cause__ is not None, "the original error is kept for the logs"
    else:
        # Only an answer served from memory, without touching the store, may succeed.
        assert not failing.calls, f"{call} reached the broken store and still returned"


def test_a_running_ingest_makes_ingest_busy_not_a_traceback(service: QAService) -> None:
    from corpus.lock import write_lock

    lock = write_lock(service.settings.data_dir / "ingest.lock")
    with lock, pytest.raises(IndexBusyError, match="another ingest is running"):
        service.ingest()
    service.ingest()


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("What did Sagintayev say \ud800?", "not valid text"),
        ("\udcff\udcfe", "not valid text"),
        ("\x00\x1b\u200b\x07", "Please ask"),
        ("   ", "Please ask"),
        ("x" * 5000, "5,000 characters"),
        ("x" * 10_000_000, "10,000,000 characters"),
        (None, "as text"),
    ],
)
def test_unusable_questions_get_a_question_error(
    service: QAService, question: str, reason: str
) -> None:
    with pytest.raises(QuestionError, match=reason):
        service.ask(question)


def test_control_characters_in_a_question_are_ignored(service: QAService) -> None:
    answer = service.ask("What did\x1b Sagintayev\u200b say\x00 about order?")
    assert answer.found and answer.quotes[0].speaker == "Bakytzhan Sagintayev"


def test_answers_follow_an_ingest_committed_by_another_process(
    service: QAService, tmp_path: Path
) -> None:
    # ``other`` stands for the CLI: its own service, same data directory.
    other = open_service(service.settings, embeddings=FakeEmbeddings())
    assert service.ask("What did Sagintayev say?").quotes[0].text.endswith("within days,")

    path = service.corpus_dir / "almaty.txt"
    path.write_text(ARTICLE.replace("within days", "within hours"), encoding="utf-8")
    other.ingest()

    quote = service.ask("What did Sagintayev say?").quotes[0]
    assert quote.text.endswith("within hours,"), "the bot must not serve the old quote"
    path.unlink()
    other.ingest()
    assert service.sources() == [] and service.is_empty()


INGEST_ELSEWHERE = """
import sys
from pathlib import Path
from retrieval import open_service
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings
print(open_service(make_settings(Path(sys.argv[1])), embeddings=FakeEmbeddings()).ingest())
"""


def test_dense_search_follows_an_ingest_run_in_another_process(
    service: QAService, tmp_path: Path
) -> None:
    import subprocess
    import sys

    path = service.corpus_dir / "almaty.txt"
    path.write_text(ARTICLE.replace("within days", "within hours"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", INGEST_ELSEWHERE, str(tmp_path)],
        cwd=Path(__file__).parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "updated=1" in done.stdout

    answer = service.ask("What did Sagintayev say?")
    assert answer.quotes[0].text.endswith("within hours,")
    # The embedded client kept the old vectors in memory: it must have been reopened.
    live = {row.id for row in service.view.rows}
    nearest = service.store.nearest(FakeEmbeddings().embed_query("restore order"), 4)
    assert nearest and {chunk_id for chunk_id, _ in nearest} <= live


def test_damaged_database_pages_say_rebuild_and_rebuild_works(
    service: QAService, tmp_path: Path
) -> None:
    from chromadb.api.shared_system_client import SharedSystemClient

    settings = service.settings
    SharedSystemClient.clear_system_cache()  # as a new process would open it
    database = settings.chroma_path / "chroma.sqlite3"
    data = bytearray(database.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 32768] = b"\xa5" * 32768
    database.write_bytes(bytes(data))

    with pytest.raises(IndexDamagedError) as caught:
        open_service(settings, embeddings=FakeEmbeddings()).ingest()
    assert "whosaid ingest --rebuild" in str(caught.value) and "\n" not in str(caught.value)

    rebuilt = open_service(settings, embeddings=FakeEmbeddings(), rebuild=True)
    assert rebuilt.is_empty()
    assert rebuilt.ingest().added == 1
    assert rebuilt.ask("What did Sagintayev say?").found


def test_a_bug_below_the_service_is_not_an_index_failure(service: QAService) -> None:
    """Only what a store is known to raise is mapped: a bug stays itself (see
    tests/bot/test_error_boundary.py for what each front end then does)."""
    break_store(service, KeyError("doc_id"), stale=False)
    with pytest.raises(KeyError):
        service.ask("What did Sagintayev say about order?")


def test_a_data_directory_that_cannot_be_made_says_so(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory", encoding="utf-8")
    settings = make_settings(tmp_path, data_dir=tmp_path / "file" / "data")
    with pytest.raises(IndexUnavailableError) as caught:
        open_service(settings, embeddings=FakeEmbeddings())
    message = str(caught.value)
    assert "cannot create the index directory" in message and "Not a directory" in message
    assert "WHOSAID_DATA_DIR" in message and "disappeared" not in message
