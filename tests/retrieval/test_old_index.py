"""An index an older whosaid wrote is never called damaged, and the next ``whosaid ingest``
brings it up to date (its generations are another pipeline's). Its records do not say which
embedding model made their vectors (older whosaid did not record it, and the default model has
changed since), so until then it serves nothing, saying so: two models' vectors are never
compared."""

from __future__ import annotations

import shutil
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaClientSettings

from retrieval import open_service
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings

ARTICLE = (
    "Jan 7, 2022\n\nOfficials speak\n\n"
    "“We will restore order within days,” the mayor of Almaty, Bakytzhan Sagintayev, said.\n\n"
    "Residents said the streets were calm on Friday morning.\n"
)
QUESTION = "What did Sagintayev say?"
# Chunk fields added after the oldest index users may hold (the readers default them).
LATER_CHUNK_FIELDS = ("date", "outlet", "source_kind")
OLD_GENERATION = "0123456789abcdef0123456789abcdef:000000000000"


def _as_older_code_wrote_it(data_dir: Path, prefix: str) -> None:
    """Rewrite a fresh index as an older whosaid left it: ``index-commit`` holding only a
    commit id (before indexes had names), no view cache, chunk records without the later
    fields, and every record of another pipeline's generation."""
    (data_dir / "index-commit").write_text("fdf7aa71-a889-40a2-9c02-c9c046d3c297\n")
    shutil.rmtree(data_dir / "cache")  # the view: segment directories and its state
    client = chromadb.PersistentClient(
        path=str(data_dir / "chroma"), settings=ChromaClientSettings(anonymized_telemetry=False)
    )
    for name in ("chunks", "articles"):
        collection = client.get_collection(f"{prefix}_{name}", embedding_function=None)
        got = collection.get(include=["embeddings", "documents", "metadatas"])
        metadatas = []
        for meta in got["metadatas"] or []:
            old = {k: v for k, v in meta.items() if k not in LATER_CHUNK_FIELDS}
            old["generation"] = OLD_GENERATION
            metadatas.append(old)
        collection.delete(ids=got["ids"])
        collection.add(
            ids=got["ids"],
            embeddings=got["embeddings"],
            documents=got["documents"],
            metadatas=metadatas,  # type: ignore[arg-type]
        )
    client.close()  # type: ignore[attr-defined]


def test_an_index_older_code_wrote_is_brought_up_to_date_by_the_next_ingest(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "almaty.txt").write_text(ARTICLE, encoding="utf-8")
    settings = make_settings(tmp_path)
    fresh = open_service(settings, embeddings=FakeEmbeddings())
    assert fresh.ingest().added == 1
    fresh.close()
    _as_older_code_wrote_it(settings.data_dir, settings.collection_prefix)

    service = open_service(settings, embeddings=FakeEmbeddings())
    assert service.sources() == []
    assert "embedded by another model than this one; run `whosaid ingest`" in caplog.text

    # The next ingest re-parses and re-embeds what another pipeline made, and nothing else
    # is needed.
    summary = service.ingest()
    assert (summary.updated, summary.skipped) == (1, [])
    answer = service.ask(QUESTION)
    assert answer.quotes and answer.quotes[0].speaker == "Bakytzhan Sagintayev"
    assert "within days" in answer.quotes[0].text
    assert service.ingest().unchanged == 1
    dated = service.ask("What did Sagintayev say in January 2022?")
    assert dated.quotes and "within days" in dated.quotes[0].text
    service.close()
