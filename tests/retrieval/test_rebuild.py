"""``whosaid ingest --rebuild`` while other processes answer from the index.

The rebuild writes a new index beside the current one and publishes it whole: a reader sees
the old index or the new one, never a half-built, empty or deleted one, and the old index is
removed once no process reads it any more.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus.indexes import Index, read_commit
from retrieval import QAService, open_service
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "What did Sagintayev say about the markets?"
WHO = "Who said the markets of district 0 will open?"
OLD, NEW = "within days", "within hours"


SURNAMES = (
    "Abenov Beisenov Dosanov Ermekov Zhumabaev Iskakov Kaliev Mukanov Nurlanov Omarov Sadykov"
    " Tokayev Utepov Kasymov Zhakenov Baimukhanov Serikov Temirov Aliyev Kenzhebekov Orazov"
    " Sultanov Amanov Bekov"
).split()


def _article(n: int, words: str) -> str:
    speaker = "the mayor of Almaty, Bakytzhan Sagintayev" if n == 0 else f"Arman {SURNAMES[n]}"
    return (
        f"Jan {n + 1}, 2022\n\nOfficials speak, part {n}\n\n"
        f"“The markets of district {n} will open {words},” {speaker}, said.\n\n"
        f"Residents of district {n} said the streets were calm on Friday morning.\n"
    )


@pytest.fixture
def service(tmp_path: Path) -> QAService:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "almaty.txt").write_text(_article(0, OLD), encoding="utf-8")
    # Others, so the rebuild takes a while: it parses and writes them all again.
    for n in range(1, len(SURNAMES)):
        (articles / f"district-{n}.txt").write_text(_article(n, "soon"), encoding="utf-8")
    svc = open_service(make_settings(tmp_path), embeddings=FakeEmbeddings())
    svc.ingest()
    return svc


REBUILD = """
import sys
from pathlib import Path
from retrieval import open_service
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings
service = open_service(make_settings(Path(sys.argv[1])), embeddings=FakeEmbeddings(), rebuild=True)
print(service.ingest())
service.close()
"""


def _answer(service: QAService, question: str = QUESTION) -> str:
    answer = service.ask(question)
    first = answer.quotes[0].text if answer.quotes else ""
    return NEW if NEW in first else OLD if OLD in first else f"other: {answer.answer!r}"


def test_answers_during_a_rebuild_in_another_process_are_old_or_new(
    service: QAService, tmp_path: Path
) -> None:
    assert _answer(service) == OLD
    (service.corpus_dir / "almaty.txt").write_text(_article(0, NEW), encoding="utf-8")
    rebuild = subprocess.Popen(
        [sys.executable, "-c", REBUILD, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[str] = []
    while rebuild.poll() is None:
        # A failure here is an exception: the test fails. The who-question runs Chroma's
        # own vector search; the other reads the speaker's article texts from Chroma.
        seen.append(_answer(service, WHO if len(seen) % 2 else QUESTION))
    out, err = rebuild.communicate()
    assert rebuild.returncode == 0, err
    assert f"added={len(SURNAMES)}" in out
    after = [_answer(service) for _ in range(3)]

    assert set(seen) <= {OLD, NEW}, f"answers other than the old or the new index's: {seen}"
    assert seen.count(OLD) > 0, "the reader answered while the rebuild ran"
    assert after == [NEW] * 3, "the reader follows the rebuilt index"
    # The reader let go of the old index at its next answer, so the old index is gone.
    assert not (tmp_path / "data" / "chroma").exists()
    assert service.store.index.name == read_commit(tmp_path / "data") != ""


def test_a_rebuild_that_fails_leaves_the_current_index_as_it_was(
    service: QAService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corpus.ingest

    def broken(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    rebuilding = open_service(service.settings, embeddings=FakeEmbeddings(), rebuild=True)
    monkeypatch.setattr(corpus.ingest, "_write", broken)
    with pytest.raises(Exception, match="No space left"):
        rebuilding.ingest()

    assert read_commit(tmp_path / "data") == ""
    assert not list((tmp_path / "data").glob("indexes/*")), "the unfinished index is removed"
    assert _answer(service) == OLD
    again = open_service(service.settings, embeddings=FakeEmbeddings())
    assert _answer(again) == OLD


def test_an_unpublished_rebuild_is_invisible_and_discarded_on_close(
    service: QAService, tmp_path: Path
) -> None:
    rebuilding = open_service(service.settings, embeddings=FakeEmbeddings(), rebuild=True)
    assert rebuilding.is_empty() and not service.is_empty()
    other = open_service(service.settings, embeddings=FakeEmbeddings())
    assert other.store.index == Index(tmp_path / "data") and _answer(other) == OLD
    rebuilding.close()
    assert not list((tmp_path / "data").glob("indexes/*"))


def test_an_old_index_waits_for_its_last_reader(service: QAService, tmp_path: Path) -> None:
    old = service.store.index
    done = subprocess.run(
        [sys.executable, "-c", REBUILD, str(tmp_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    # This service has not answered since: it still holds the old index, which stays.
    assert old.chroma_path.exists()
    assert _answer(service) == OLD  # the same text, from the rebuilt index
    assert service.store.index != old and not old.chroma_path.exists()


def test_a_killed_rebuilds_leftovers_go_with_the_next_ingest(
    service: QAService, tmp_path: Path
) -> None:
    import os
    import signal

    rebuild = subprocess.Popen(
        [sys.executable, "-c", REBUILD, str(tmp_path)], cwd=ROOT, stderr=subprocess.PIPE
    )
    indexes = tmp_path / "data" / "indexes"
    while rebuild.poll() is None and not list(indexes.glob("*/chroma/chroma.sqlite3")):
        time.sleep(0.01)
    os.kill(rebuild.pid, signal.SIGKILL)
    rebuild.wait()
    assert read_commit(tmp_path / "data") == "" and _answer(service) == OLD

    service.ingest()
    assert not list(indexes.glob("*")), "the killed rebuild's index is removed"
    assert _answer(service) == OLD
