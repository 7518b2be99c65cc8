"""Ingest is incremental, idempotent, safe to interrupt, and loses nothing on bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus.errors import StoreError
from corpus.ingest import ingest
from corpus.settings import CorpusSettings
from corpus.store import Store, open_store
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
    assert chunk_ids(store).isdisjoint(before - chunk_ids(store)) and store.count() == 1


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
    live = [t for _, t, m in store.chunk_records() if m["generation"] == generation]
    assert any("within days" in t for t in live)
    assert not any("within hours" in t for t in live)

    monkeypatch.undo()
    report = ingest([articles_dir], store=store)
    assert len(report.updated) == 1
    assert {m["generation"] for _, _, m in store.chunk_records()} == {
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
    assert {m["generation"].split(":")[1] for _, _, m in store.chunk_records()} == {"engine-v2"}
