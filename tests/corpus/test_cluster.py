"""Ingest on a Dask cluster into a Chroma server: the index one process writes, embedded."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.cluster import ClusterError, cluster_workers
from corpus.ingest import ingest
from corpus.settings import CorpusSettings
from corpus.store import open_store
from tests.auxil.chroma_server import chroma_executable, free_port, running_chroma
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.corpus.test_workers import _articles, _index

pytestmark = pytest.mark.slow


def test_a_two_worker_cluster_writes_the_servers_index_as_one_process_would(
    tmp_path: Path,
) -> None:
    from distributed import LocalCluster

    if chroma_executable() is None:
        pytest.skip("the chroma CLI is not installed")
    articles = _articles(tmp_path / "articles")
    embedded = open_store(
        CorpusSettings(_env_file=None, data_dir=tmp_path / "embedded", collection_prefix="t"),
        FakeEmbeddings(),
    )
    ingest([articles], store=embedded, batch_articles=2)

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        running_chroma(tmp_path / "chroma") as port,
    ):  # fmt: skip
        settings = CorpusSettings(
            _env_file=None, data_dir=tmp_path / "writer", collection_prefix="t",
            chroma_host="127.0.0.1", chroma_port=port,
        )  # fmt: skip
        server = open_store(settings, FakeEmbeddings())
        workers = cluster_workers(cluster.scheduler_address, FakeEmbeddings)
        report = ingest([articles], store=server, batch_articles=2, workers=workers)
        assert len(report.added) == 6 and len(report.skipped) == 1
        assert _index(server) == _index(embedded)
        assert not server.embeddings.documents, "every article was embedded on the cluster"  # type: ignore[attr-defined]


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        cluster_workers(f"tcp://127.0.0.1:{free_port()}", FakeEmbeddings)
