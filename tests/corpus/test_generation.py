"""Switching embedding models re-embeds the index, and no reader mixes two models' vectors."""

from __future__ import annotations

import shutil
from pathlib import Path

from corpus.generation import embedded_by
from corpus.ingest import ingest
from corpus.settings import CorpusSettings
from corpus.store import Store, open_store
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import SEED


class NamedEmbeddings(FakeEmbeddings):
    """A fake model with an identity of its own, as the bundled models have."""

    def __init__(self, runtime: str) -> None:
        super().__init__()
        self.runtime = runtime


def _store(tmp_path: Path, embeddings: FakeEmbeddings) -> Store:
    settings = CorpusSettings(_env_file=None, data_dir=tmp_path / "data", collection_prefix="t")
    return open_store(settings, embeddings)


def test_switching_models_re_embeds_every_chunk(tmp_path: Path, articles_dir: Path) -> None:
    shutil.copy(SEED, articles_dir)
    first, second = NamedEmbeddings("model-a"), NamedEmbeddings("model-b")
    store = _store(tmp_path, first)
    ingest([articles_dir], store=store)
    old_chunks = {cid for cid, _, _ in store.chunk_records()}

    report = ingest([articles_dir], store=_store(tmp_path, second))

    assert len(report.updated) == 1 and not report.unchanged
    assert len(second.documents) == len(first.documents), "every chunk embedded again"
    records = list(_store(tmp_path, second).chunk_records())
    assert len(records) == len(old_chunks)
    assert not {cid for cid, _, _ in records} & old_chunks, "no vector of the old model left"
    assert all(embedded_by(meta.generation, "model-b") for _, _, meta in records)
    again = ingest([articles_dir], store=_store(tmp_path, second))
    assert again.unchanged and not again.updated, "the same model again changes nothing"


def test_a_reader_never_serves_what_another_model_embedded(
    tmp_path: Path, articles_dir: Path
) -> None:
    shutil.copy(SEED, articles_dir)
    ingest([articles_dir], store=_store(tmp_path, NamedEmbeddings("model-a")))

    # Before the switch is ingested, the other model's reader has nothing it can compare.
    assert _store(tmp_path, NamedEmbeddings("model-b")).articles() == []
    assert len(_store(tmp_path, NamedEmbeddings("model-a")).articles()) == 1

    ingest([articles_dir], store=_store(tmp_path, NamedEmbeddings("model-b")))
    assert _store(tmp_path, NamedEmbeddings("model-a")).articles() == []
    assert len(_store(tmp_path, NamedEmbeddings("model-b")).articles()) == 1
