"""Ingest with worker processes: the index is the one a single process writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.ingest import ingest
from corpus.settings import CorpusSettings
from corpus.store import Store, open_store
from corpus.workers import Workers
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import SEED


def _articles(folder: Path) -> Path:
    folder.mkdir()
    (folder / SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    for n, (name, words) in enumerate(
        [
            ("Anna Kovac, the mayor", "The bridge budget is approved for the spring"),
            ("Piotr Lis, the minister", "Fuel prices will fall once the new pipeline opens"),
            ("Marta Ruiz, a union leader", "The port strike goes on until wages are paid"),
            ("Anna Kovac", "We will not raise the fares this year"),
            ("Jonas Berg, an economist", "Inflation has peaked and will ease by the autumn"),
        ]
    ):
        (folder / f"story{n}.txt").write_text(
            f"Jan {n + 3}, 2022\n\nStory {n}\n\n“{words},” said {name}.\n\n"
            f"The council met on Monday and the talks went on into the night.\n",
            encoding="utf-8",
        )
    (folder / "broken.html").write_bytes(b"\xff\xfe\x00 not a page")
    return folder


def _index(store: Store) -> tuple[list[object], dict[str, tuple[str, str]]]:
    chunks = sorted(
        (cid, text, record) for cid, text, record in store.chunk_records()
    )  # fmt: skip
    ids = [cid for cid, _, _ in chunks]
    found, vectors = store.vectors(ids)
    by_id = dict(zip(found, vectors.round(6).tolist(), strict=True))
    return [(*c, by_id[c[0]]) for c in chunks], store.article_hashes()


def _ingested(tmp_path: Path, name: str, workers: Workers | None) -> Store:
    settings = CorpusSettings(_env_file=None, data_dir=tmp_path / name, collection_prefix="t")
    store = open_store(settings, FakeEmbeddings())
    report = ingest([tmp_path / "articles"], store=store, batch_articles=2, workers=workers)
    assert len(report.added) == 6 and len(report.skipped) == 1
    return store


@pytest.mark.slow
def test_two_workers_write_the_same_index_as_one(tmp_path: Path) -> None:
    _articles(tmp_path / "articles")
    one = _ingested(tmp_path, "one", None)
    two = _ingested(tmp_path, "two", Workers(2, FakeEmbeddings, start_after=1))
    assert _index(two) == _index(one)
    here_one = len(one.embeddings.documents)  # type: ignore[attr-defined]
    here_two = len(two.embeddings.documents)  # type: ignore[attr-defined]
    assert 0 < here_two < here_one, "the workers embedded all but the first article's chunks"
