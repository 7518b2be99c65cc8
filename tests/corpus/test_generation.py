"""A new embedding runtime re-embeds the index instead of mixing two runtimes' vectors."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus import generation as generation_module
from corpus.ingest import ingest
from corpus.settings import CorpusSettings
from corpus.store import open_store
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import SEED


@pytest.fixture
def fresh_fingerprint() -> Iterator[None]:
    """Forget the cached fingerprint before and after: the test changes what it hashes."""
    generation_module.pipeline_fingerprint.cache_clear()
    yield
    generation_module.pipeline_fingerprint.cache_clear()


def test_the_embedding_runtime_is_part_of_the_fingerprint(
    monkeypatch: pytest.MonkeyPatch, fresh_fingerprint: None
) -> None:
    before = generation_module.pipeline_fingerprint()
    monkeypatch.setattr(generation_module, "EMBEDDING_RUNTIME", "another-runtime")
    generation_module.pipeline_fingerprint.cache_clear()
    assert generation_module.pipeline_fingerprint() != before


def test_switching_runtimes_re_embeds_every_chunk(
    tmp_path: Path, articles_dir: Path, monkeypatch: pytest.MonkeyPatch, fresh_fingerprint: None
) -> None:
    shutil.copy(SEED, articles_dir)
    embeddings = FakeEmbeddings()
    settings = CorpusSettings(_env_file=None, data_dir=tmp_path / "data", collection_prefix="t")
    store = open_store(settings, embeddings)
    ingest([articles_dir], store=store)
    old_chunks = {cid for cid, _, _ in store.chunk_records()}
    embedded = len(embeddings.documents)

    monkeypatch.setattr(generation_module, "EMBEDDING_RUNTIME", "another-runtime")
    generation_module.pipeline_fingerprint.cache_clear()
    report = ingest([articles_dir], store=store)

    assert len(report.updated) == 1 and not report.unchanged
    assert len(embeddings.documents) == 2 * embedded, "every chunk embedded again"
    records = list(store.chunk_records())
    assert len(records) == len(old_chunks)
    assert not {cid for cid, _, _ in records} & old_chunks, "no vector of the old runtime left"
    fingerprint = generation_module.pipeline_fingerprint()
    assert all(meta.generation.endswith(fingerprint) for _, _, meta in records)
