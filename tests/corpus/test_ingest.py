"""Ingest is incremental, idempotent, safe to interrupt, and loses nothing on bad input."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from corpus.errors import StoreError
from corpus.ingest import ingest
from corpus.settings import CorpusSettings
from corpus.store import Store, fill_texts, open_store
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import SEED

ARTICLE = """Jan 7, 2022
0 0

Officials speak

“We will restore order within days,” the mayor of Almaty, Bakytzhan Sagintayev, said.

Residents said the streets were calm on Friday morning.
"""


@pytest.fixture
def embeddings() -> FakeEmbeddings:
    return FakeEmbeddings()


@pytest.fixture
def store(tmp_path: Path, embeddings: FakeEmbeddings) -> Store:
    settings = CorpusSettings(_env_file=None, data_dir=tmp_path / "data", collection_prefix="t")
    return open_store(settings, embeddings)


def chunk_ids(store: Store) -> set[str]:
    return {cid for cid, _, _ in store.chunk_records()}


def test_first_ingest_adds_and_second_changes_nothing(
    store: Store, embeddings: FakeEmbeddings, articles_dir: Path
) -> None:
    shutil.copy(SEED, articles_dir)
    first = ingest([articles_dir], store=store)
    assert len(first.added) == 1 and first.quotes > 10
    embedded = len(embeddings.documents)
    ids = chunk_ids(store)

    second = ingest([articles_dir], store=store)

    assert (second.added, second.updated, second.removed) == ([], [], [])
    assert len(second.unchanged) == 1
    assert len(embeddings.documents) == embedded, "an unchanged file must not be re-embedded"
    assert chunk_ids(store) == ids


def test_changed_file_replaces_its_records(store: Store, articles_dir: Path) -> None:
    path = articles_dir / "almaty.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    ingest([articles_dir], store=store)
    before = chunk_ids(store)

    path.write_text(ARTICLE.replace("within days", "within hours"), encoding="utf-8")
    report = ingest([articles_dir], store=store)

    assert len(report.updated) == 1
    texts = [text for _, text, _ in store.chunk_records()]
    assert any("within hours" in t for t in texts)
    assert not any("within days" in t for t in texts), "old records must be gone"
    after = chunk_ids(store)
    assert before - after, "the old version's chunks must have been deleted"
    assert after - before, "the new version's chunks must have been written"
    assert store.count() == 1


def test_deleted_file_is_removed(store: Store, articles_dir: Path) -> None:
    (articles_dir / "almaty.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(SEED, articles_dir)
    ingest([articles_dir], store=store)

    (articles_dir / "almaty.txt").unlink()
    report = ingest([articles_dir], store=store)

    assert [Path(p).name for p in report.removed] == ["almaty.txt"]
    assert store.count() == 1
    assert not any("Almaty, Bakytzhan" in t for _, t, _ in store.chunk_records())


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 50, "binary"),
        ("latin1.txt", "Caf\xe9 au lait said nobody".encode("latin-1"), "UTF-8"),
        ("broken.jsonl", b'{"text": "ok"}\n{not json\n', "line 2"),
    ],
)
def test_bad_file_is_skipped_named_and_changes_nothing(
    store: Store, articles_dir: Path, name: str, content: bytes, reason: str
) -> None:
    shutil.copy(SEED, articles_dir)
    ingest([articles_dir], store=store)
    before = chunk_ids(store)

    (articles_dir / name).write_bytes(content)
    report = ingest([articles_dir], store=store)

    assert len(report.skipped) == 1
    message = str(report.skipped[0])
    assert name in message and reason.lower() in message.lower()
    assert "\n" not in message
    assert chunk_ids(store) == before and len(report.unchanged) == 1


def test_a_file_that_turns_bad_keeps_its_old_records(store: Store, articles_dir: Path) -> None:
    path = articles_dir / "almaty.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    ingest([articles_dir], store=store)
    before = chunk_ids(store)

    path.write_bytes(b"\x00" * 100)
    report = ingest([articles_dir], store=store)

    assert len(report.skipped) == 1 and report.removed == []
    assert chunk_ids(store) == before


def test_crash_before_commit_leaves_the_old_article_served(
    store: Store, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = articles_dir / "almaty.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    ingest([articles_dir], store=store)
    committed = store.article_hashes()

    path.write_text(ARTICLE.replace("within days", "within hours"), encoding="utf-8")

    def crash(*_: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(store, "commit_articles", crash)
    with pytest.raises(StoreError):
        ingest([articles_dir], store=store)

    # New chunks were written but not committed: readers must still see only the old ones.
    assert store.article_hashes() == committed
    generation = next(iter(committed.values()))[1]
    live = [t for _, t, m in store.chunk_records() if m.generation == generation]
    assert any("within days" in t for t in live)
    assert not any("within hours" in t for t in live)

    monkeypatch.undo()
    report = ingest([articles_dir], store=store)
    assert len(report.updated) == 1
    assert {m.generation for _, _, m in store.chunk_records()} == {
        h for _, h in store.article_hashes().values()
    }


def test_missing_path_is_reported(store: Store, tmp_path: Path) -> None:
    report = ingest([tmp_path / "nope"], store=store)
    assert len(report.skipped) == 1 and "no such file" in str(report.skipped[0])


def test_a_new_engine_version_re_parses_unchanged_files(
    store: Store, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corpus.generation

    (articles_dir / "almaty.txt").write_text(ARTICLE, encoding="utf-8")
    ingest([articles_dir], store=store)
    assert len(ingest([articles_dir], store=store).unchanged) == 1

    monkeypatch.setattr(corpus.generation, "pipeline_fingerprint", lambda: "engine-v2")
    report = ingest([articles_dir], store=store)

    assert len(report.updated) == 1
    assert {m.generation.split(":")[1] for _, _, m in store.chunk_records()} == {"engine-v2"}


# One writer at a time ---------------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from pathlib import Path
from corpus.lock import write_lock
with write_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_ingest_from_another_process_is_refused(
    store: Store, articles_dir: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    from corpus.errors import StoreBusyError

    (articles_dir / "almaty.txt").write_text(ARTICLE, encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path / "data" / "ingest.lock")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusyError) as caught:
            ingest([articles_dir], store=store)
        message = str(caught.value)
        assert "another ingest is running" in message and f"process {holder.pid}" in message
        assert store.count() == 0, "the refused ingest must not have written anything"
    finally:
        holder.kill()
        holder.wait()
    # The kernel drops the lock with its holder, even after kill -9: no stale lock.
    assert len(ingest([articles_dir], store=store).added) == 1


def test_the_lock_is_held_for_the_whole_ingest(store: Store, articles_dir: Path) -> None:
    from corpus.errors import StoreBusyError
    from corpus.lock import write_lock

    (articles_dir / "almaty.txt").write_text(ARTICLE, encoding="utf-8")
    attempts: list[str] = []
    real_commit = store.commit_articles

    def commit_while_another_tries(batch: object) -> None:
        try:
            with write_lock(tmp_lock):
                attempts.append("got it")
        except StoreBusyError:
            attempts.append("refused")
        real_commit(batch)  # type: ignore[arg-type]

    tmp_lock = store.where.data_dir / "ingest.lock"  # type: ignore[operator]
    store.commit_articles = commit_while_another_tries  # type: ignore[method-assign]
    ingest([articles_dir], store=store)
    assert attempts == ["refused"]


# Files that cannot be read lose nothing --------------------------------------------------


def test_an_unreadable_directory_is_reported_and_its_articles_kept(
    store: Store, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    sub = articles_dir / "sub"
    sub.mkdir()
    (sub / "almaty.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(SEED, articles_dir)
    ingest([articles_dir], store=store)
    before = chunk_ids(store)

    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == sub:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    report = ingest([articles_dir], store=store)

    assert report.removed == [], "articles of an unreadable directory must not be removed"
    assert [str(e) for e in report.skipped] == [f"{sub}: cannot read directory: Permission denied"]
    assert chunk_ids(store) == before and store.count() == 2


BAD_FILES: dict[str, bytes] = {
    "date.md": b"---\ntitle: x\ndate: 2022-13-45\n---\n\nWords said here, said A B.\n",
    "hour.md": b"---\ntitle: x\ndate: 2022-01-06 25:61:00\n---\n\nSome body text here.\n",
    "deep.md": b"---\ntitle: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n\nSome body text here.\n",
    "deep.jsonl": b"[" * 200_000 + b"]" * 200_000 + b"\n",
    "digits.jsonl": b'{"text": "Body text.", "n": ' + b"7" * 5001 + b"}\n",
    "surrogate.jsonl": b'{"text": "\\u201cWe will win,\\u201d said Ann Lee \\ud800."}\n',
    "surrogate.md": b'---\ntitle: "bad \\ud800"\n---\n\nSome body text here.\n',
}


def test_one_bad_file_of_each_kind_is_skipped_and_the_others_ingested(
    store: Store, articles_dir: Path
) -> None:
    import os

    for name, content in BAD_FILES.items():
        (articles_dir / name).write_bytes(content)
    (articles_dir / "loop-a.txt").symlink_to(articles_dir / "loop-b.txt")
    (articles_dir / "loop-b.txt").symlink_to(articles_dir / "loop-a.txt")
    (articles_dir / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(articles_dir / "fifo.txt")
    (articles_dir / os.fsdecode(b"caf\xe9.txt")).write_text(ARTICLE, encoding="utf-8")
    (articles_dir / "zzz-good.txt").write_text(ARTICLE, encoding="utf-8")

    report = ingest([articles_dir], store=store)

    assert [Path(p).name for p in report.added] == ["zzz-good.txt"]
    reasons = {Path(e.path).name: e.reason for e in report.skipped}
    assert set(reasons) == {
        *BAD_FILES,
        "loop-a.txt",
        "loop-b.txt",
        "zero.txt",
        "fifo.txt",
        "caf\\udce9.txt",
    }
    assert "symlink loop" in reasons["loop-a.txt"]
    assert "not a regular file" in reasons["zero.txt"] and "FIFO" in reasons["fifo.txt"]
    assert "surrogate" in reasons["surrogate.jsonl"] and "surrogate" in reasons["surrogate.md"]
    assert "too deeply" in reasons["deep.jsonl"] and "too deeply" in reasons["deep.md"]
    assert "not valid UTF-8" in reasons["caf\\udce9.txt"]
    for error in report.skipped:
        line = str(error)
        assert "\n" not in line and len(line) < 400
        line.encode("utf-8")  # printable anywhere, even from a non-UTF-8 file name


def test_a_file_over_the_size_limit_is_skipped_unread(store: Store, articles_dir: Path) -> None:
    (articles_dir / "big.txt").write_text(ARTICLE + "More text. " * 2000, encoding="utf-8")
    (articles_dir / "small.txt").write_text(ARTICLE, encoding="utf-8")

    report = ingest([articles_dir], store=store, max_file_bytes=10_000)

    assert [Path(p).name for p in report.added] == ["small.txt"]
    assert "over the limit" in str(report.skipped[0]) and "big.txt" in str(report.skipped[0])


# Copies, crashes and damage --------------------------------------------------------------


def test_the_same_article_under_two_names_is_indexed_once(
    store: Store, articles_dir: Path
) -> None:
    (articles_dir / "dup-b.txt").write_text(ARTICLE, encoding="utf-8")
    ingest([articles_dir], store=store)
    (articles_dir / "dup-a.txt").write_text(ARTICLE, encoding="utf-8")

    report = ingest([articles_dir], store=store)

    assert [Path(p).name for p in report.added] == ["dup-a.txt"]
    assert [Path(p).name for p in report.removed] == ["dup-b.txt"]
    (copy,) = report.skipped
    assert "dup-b.txt" in copy.path and "same content as" in copy.reason
    assert copy.reason.count("dup-a.txt") == 1, "the message must say which file is kept"
    assert store.count() == 1


def test_chunks_left_by_a_crash_are_deleted_by_the_next_ingest(
    store: Store, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = articles_dir / "almaty.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    ingest([articles_dir], store=store)
    committed = chunk_ids(store)

    # A new version's chunks are written, then the process dies before its commit...
    path.write_text(ARTICLE.replace("within days", "within hours"), encoding="utf-8")

    def die(*_: object) -> None:
        raise StoreError("killed")

    monkeypatch.setattr(store, "commit_articles", die)
    with pytest.raises(StoreError):
        ingest([articles_dir], store=store)
    monkeypatch.undo()
    orphans = chunk_ids(store) - committed
    assert orphans, "the crash must have left uncommitted chunks"

    # ... and the old file comes back: nothing to re-ingest, but the orphans must go.
    path.write_text(ARTICLE, encoding="utf-8")
    report = ingest([articles_dir], store=store)

    assert len(report.unchanged) == 1 and report.cleaned == len(orphans)
    assert chunk_ids(store) == committed


@pytest.mark.slow
def test_a_damaged_vector_index_is_detected_not_reported_unchanged(
    tmp_path: Path, articles_dir: Path
) -> None:
    from corpus.errors import StoreDamagedError

    settings = CorpusSettings(_env_file=None, data_dir=tmp_path / "data", collection_prefix="t")
    # Enough chunks (over a thousand) for Chroma to move them from its log into HNSW files.
    seed = SEED.read_text(encoding="utf-8")
    for n in range(30):
        (articles_dir / f"copy{n}.txt").write_text(seed.replace("Almaty", f"Almaty{n}"))
    ingest([articles_dir], store=open_store(settings, FakeEmbeddings()))
    _reset_chroma_clients()
    # The chunks' vectors: the largest HNSW file (the article records hold 1-d placeholders).
    level0 = max(settings.chroma_path.rglob("data_level0.bin"), key=lambda p: p.stat().st_size)
    level0.write_bytes(level0.read_bytes()[:1000])

    with pytest.raises(StoreDamagedError) as caught:
        ingest([articles_dir], store=open_store(settings, FakeEmbeddings()))
    assert "whosaid ingest --rebuild" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_damaged_database_pages_are_detected(tmp_path: Path, articles_dir: Path) -> None:
    from corpus.errors import StoreDamagedError

    settings = CorpusSettings(_env_file=None, data_dir=tmp_path / "data", collection_prefix="t")
    shutil.copy(SEED, articles_dir)
    ingest([articles_dir], store=open_store(settings, FakeEmbeddings()))
    _reset_chroma_clients()
    database = settings.chroma_path / "chroma.sqlite3"
    data = bytearray(database.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 32768] = b"\xa5" * 32768
    database.write_bytes(bytes(data))

    with pytest.raises(StoreDamagedError) as caught:
        ingest([articles_dir], store=open_store(settings, FakeEmbeddings()))
    assert "whosaid ingest --rebuild" in str(caught.value)


def test_a_rebuild_replaces_a_damaged_index_with_a_whole_new_one(
    tmp_path: Path, articles_dir: Path
) -> None:
    settings = CorpusSettings(_env_file=None, data_dir=tmp_path / "data", collection_prefix="t")
    shutil.copy(SEED, articles_dir)
    first = open_store(settings, FakeEmbeddings())
    ingest([articles_dir], store=first)
    _reset_chroma_clients()
    database = settings.chroma_path / "chroma.sqlite3"
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 2])

    rebuilt = open_store(settings, FakeEmbeddings(), rebuild=True)
    report = ingest([articles_dir], store=rebuilt)
    rebuilt.publish()

    assert len(report.added) == 1 and report.quotes > 10
    reader = open_store(settings, FakeEmbeddings())
    assert reader.index == rebuilt.index and reader.count() == 1
    assert settings.chroma_path.exists(), "the old index stays while a reader holds it"
    first.close()
    reader.collect()
    assert not settings.chroma_path.exists(), "and goes once nobody reads it"


def test_a_data_dir_deleted_under_a_running_store_says_so(
    store: Store, articles_dir: Path, tmp_path: Path
) -> None:
    from corpus.errors import StoreDamagedError

    (articles_dir / "almaty.txt").write_text(ARTICLE, encoding="utf-8")
    ingest([articles_dir], store=store)
    shutil.rmtree(tmp_path / "data")
    (articles_dir / "other.txt").write_text(ARTICLE.replace("days", "weeks"), encoding="utf-8")

    with pytest.raises(StoreDamagedError) as caught:
        ingest([articles_dir], store=store)
    assert "has disappeared" in str(caught.value)


def _reset_chroma_clients() -> None:
    """Forget Chroma's per-path client, as a new process would."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def test_a_store_failure_midway_says_what_was_committed(
    store: Store, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import httpx

    from corpus.store import StoreLocation

    for n in range(3):
        (articles_dir / f"a{n}.txt").write_text(ARTICLE.replace("days", f"{n} days"))
    store.where = StoreLocation(data_dir=store.where.data_dir, server="127.0.0.1:18765")
    real_upsert = store._chunks.upsert
    calls: list[int] = []

    def die_on_second_batch(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) > 1:
            raise httpx.ConnectError("[Errno 111] Connection refused")
        return real_upsert(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store._chunks, "upsert", die_on_second_batch)
    with pytest.raises(StoreError) as caught:
        ingest([articles_dir], store=store, batch_articles=1)

    message = str(caught.value)
    assert "127.0.0.1:18765 is not answering" in message and "start it" in message
    assert "1 article(s) were committed" in message and "\n" not in message
    assert store.count() == 1


# Batches are written by one thread while the next is parsed -----------------------------


def test_parsing_goes_on_while_a_batch_is_written(
    store: Store, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import corpus.ingest as ingest_module

    for n in range(3):
        (articles_dir / f"a{n}.txt").write_text(ARTICLE.replace("days", f"{n} days"))
    second_parsed = threading.Event()
    parsed: list[str] = []
    real_parse, real_add = ingest_module.parse_article, store.add_chunks

    def parse(article):  # type: ignore[no-untyped-def]
        parsed.append(article.path)
        if len(parsed) == 2:
            second_parsed.set()
        return real_parse(article)

    def add_when_the_next_is_parsed(chunks, vectors=None):  # type: ignore[no-untyped-def]
        # The first batch is written only once the second article has been parsed: this
        # would wait for ever (here: fail) if writing and parsing took turns.
        assert second_parsed.wait(timeout=60), "the next batch was not parsed meanwhile"
        real_add(chunks, vectors)

    monkeypatch.setattr(ingest_module, "parse_article", parse)
    monkeypatch.setattr(store, "add_chunks", add_when_the_next_is_parsed)
    report = ingest([articles_dir], store=store, batch_articles=1)

    assert len(report.added) == 3 and store.count() == 3
    assert report.added == sorted(parsed), "batches are committed in the order parsed"


def test_a_write_failure_stops_parsing_and_the_writer_before_the_lock_is_released(
    store: Store, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import corpus.ingest as ingest_module
    from corpus.lock import write_lock

    for n in range(6):
        (articles_dir / f"a{n}.txt").write_text(ARTICLE.replace("days", f"{n} days"))
    parsed: list[str] = []
    real_parse = ingest_module.parse_article

    def parse(article):  # type: ignore[no-untyped-def]
        parsed.append(article.path)
        return real_parse(article)

    def crash(*_: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(ingest_module, "parse_article", parse)
    monkeypatch.setattr(store, "commit_articles", crash)
    with pytest.raises(StoreError, match="disk full"):
        ingest([articles_dir], store=store, batch_articles=1)

    assert not any(t.name == "ingest-writer" for t in threading.enumerate())
    assert len(parsed) < 6, "parsing stopped at the failure"
    assert store.count() == 0
    with write_lock(store.where.data_dir / "ingest.lock"):  # type: ignore[operator]
        pass  # released, and nobody writes any more


def test_article_texts_are_read_together_and_kept(store: Store, articles_dir: Path) -> None:
    for n in range(3):
        (articles_dir / f"a{n}.txt").write_text(ARTICLE.replace("Friday", f"day {n}"), "utf-8")
    ingest([articles_dir], store=store)
    records = store.articles()
    reads: list[list[str]] = []

    def counted(ids: Sequence[str]) -> dict[str, str]:
        reads.append(list(ids))
        return store.article_texts(ids)

    for record in records:
        record.loader = counted

    fill_texts(records)

    assert [sorted(ids) for ids in reads] == [sorted(r.doc_id for r in records)]
    assert sorted(f"day {n}" in r.text for r in records for n in range(3)).count(True) == 3
    assert len(reads) == 1, "a text once read is kept"
    # An id no longer indexed reads as empty text, not as an error.
    assert store.article_texts(["gone", records[0].doc_id]).keys() == {records[0].doc_id}


def test_stored_vectors_are_read_as_one_matrix_by_id(
    store: Store, embeddings: FakeEmbeddings, articles_dir: Path
) -> None:
    (articles_dir / "a.txt").write_text(ARTICLE, "utf-8")
    ingest([articles_dir], store=store)
    records = {cid: text for cid, text, _ in store.chunk_records()}
    wanted = sorted(records)[:2]

    ids, matrix = store.vectors([*wanted, "gone"])

    assert sorted(ids) == wanted, "an id no longer indexed is left out, not an error"
    assert matrix.shape == (2, embeddings.dim)
    for row, chunk_id in enumerate(ids):
        expected = embeddings.embed_query(records[chunk_id])
        assert matrix[row].tolist() == pytest.approx(expected, abs=1e-6)
    none, empty = store.vectors([])
    assert none == [] and empty.size == 0


def test_a_moved_corpus_is_indexed_at_its_new_place_and_leaves_the_old(
    store: Store, tmp_path: Path
) -> None:
    old, new = tmp_path / "a", tmp_path / "b"
    old.mkdir()
    shutil.copy(SEED, old)
    first = ingest([old], store=store)
    assert len(first.added) == 1
    old.rename(new)

    report = ingest([new], store=store)

    assert not report.skipped, [str(e) for e in report.skipped]
    assert len(report.added) == 1 and report.removed == [str(old / SEED.name)]
    assert [path for path, _ in store.article_hashes().values()] == [str(new / SEED.name)]


def test_a_copy_of_a_file_that_still_exists_is_still_a_copy(store: Store, tmp_path: Path) -> None:
    kept, other = tmp_path / "a", tmp_path / "b"
    kept.mkdir()
    other.mkdir()
    shutil.copy(SEED, kept)
    ingest([kept], store=store)
    shutil.copy(SEED, other)

    report = ingest([other], store=store)

    [skipped] = report.skipped
    assert "same content as" in str(skipped) and not report.added and not report.removed


def test_a_tree_too_deep_is_skipped_in_one_line_and_the_rest_is_indexed(
    store: Store, articles_dir: Path
) -> None:
    from corpus.loaders import MAX_DEPTH

    shutil.copy(SEED, articles_dir)
    deep = articles_dir
    for _ in range(MAX_DEPTH + 50):  # past Python's recursion limit with os.walk's recursion
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(
        "Jan 6, 2022\n\nDeep\n\n“The deep file is not read,” said Dee Pest, a clerk.\n",
        encoding="utf-8",
    )
    report = ingest([articles_dir], store=store)

    [skipped] = report.skipped
    assert f"deeper than {MAX_DEPTH} levels" in str(skipped)
    assert [Path(p).name for p in report.added] == [SEED.name]


def test_a_paragraph_longer_than_the_engine_reads_says_which_and_what_to_do(
    store: Store, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spacy

    import corpus.ingest

    nlp = spacy.blank("en")
    nlp.max_length = 100

    def engine(article: object) -> object:
        return nlp("x" * 200)  # spaCy's own refusal of a text over its max_length

    monkeypatch.setattr(corpus.ingest, "article_quotes", engine)
    (articles_dir / "long.txt").write_text(
        "Jan 6, 2022\n\nLong\n\nShort first paragraph.\n\n" + "Sentence goes on. " * 20 + "\n",
        encoding="utf-8",
    )
    [skipped] = ingest([articles_dir], store=store).skipped
    assert "paragraph 2 is 359 characters long" in str(skipped)  # trailing space trimmed
    assert "more than the quote engine reads at once (100)" in str(skipped)
    assert "split it into paragraphs" in str(skipped)
