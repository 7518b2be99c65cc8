"""The path beyond one machine: the same ingest and answers against a real Chroma server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from retrieval import IndexUnavailableError, open_service
from tests.auxil.chroma_server import chroma_executable, free_port, running_chroma
from tests.conftest import SEED, make_settings

pytestmark = pytest.mark.skipif(chroma_executable() is None, reason="chroma CLI not installed")


def test_ingest_and_ask_through_a_chroma_server(tmp_path: Path, real_embeddings: object) -> None:
    (tmp_path / "articles").mkdir()
    shutil.copy(SEED, tmp_path / "articles")
    with running_chroma(tmp_path / "server-db") as port:
        settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=port)
        service = open_service(settings, embeddings=real_embeddings)  # type: ignore[arg-type]
        summary = service.ingest()
        assert summary.added == 1 and summary.quotes > 10
        answer = service.ask("Who said tension is growing in Central Asia?")
        assert answer.quotes[0].speaker == "Konstantin Blokhin"

        # A second client (another machine, say) sees the same committed index.
        other = open_service(settings, embeddings=real_embeddings)  # type: ignore[arg-type]
        assert other.ingest().unchanged == 1
        assert [s.doc_id for s in other.sources()] == [s.doc_id for s in service.sources()]
    assert not (tmp_path / "data" / "chroma").exists(), "server mode must not write locally"


def test_unreachable_server_is_a_clear_error(tmp_path: Path, real_embeddings: object) -> None:
    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=free_port())
    with pytest.raises(IndexUnavailableError) as info:
        open_service(settings, embeddings=real_embeddings)  # type: ignore[arg-type]
    assert "Chroma server 127.0.0.1" in str(info.value)
