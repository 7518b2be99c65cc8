"""Start-up: answering imports only what answering needs, and a bad model still fails at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from retrieval import IndexUnavailableError, open_service
from tests.conftest import ROOT, make_settings

# The quote engine (spaCy, the loaders and their HTML extractor) is an ingest's; LangChain's
# Chroma wrapper is not used at all.
NEVER_FOR_ANSWERS = [
    "spacy",
    "trafilatura",
    "corpus.ingest",
    "corpus.quotes",
    "corpus.loaders",
    "langchain_chroma",
]


@pytest.mark.slow
def test_answering_imports_no_quote_engine_and_chroma_only_when_opening(tmp_path: Path) -> None:
    code = f"""
import sys
import bot.cli, bot.text, retrieval.service
before = {{"chromadb", "onnxruntime", *{NEVER_FOR_ANSWERS!r}}} & set(sys.modules)
assert not before, f"imported before the index is opened: {{sorted(before)}}"
from retrieval import RetrievalSettings, open_service
settings = RetrievalSettings(_env_file=None, data_dir={str(tmp_path)!r})
service = open_service(settings)
assert not service.ask("Who said the bridge will open?").found
after = set({NEVER_FOR_ANSWERS!r}) & set(sys.modules)
assert not after, f"imported to answer: {{sorted(after)}}"
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=180)


def test_a_model_that_cannot_load_fails_the_opening_not_the_first_question(
    tmp_path: Path,
) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "tokenizer.json").write_text("{}", encoding="utf-8")
    with pytest.raises(IndexUnavailableError, match=r"model\.onnx"):
        open_service(make_settings(tmp_path, embedding_model=str(model)))


def test_a_failure_to_open_the_store_waits_for_the_model_to_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process must not exit while onnxruntime builds its session in the loading thread:
    that thread, woken during interpreter shutdown, aborts the process (exit 134)."""
    import threading
    from concurrent.futures import Future

    from corpus.embeddings import CachedQueryEmbeddings, ModelCard
    from corpus.errors import StoreError
    from retrieval import IndexUnavailableError
    from tests.auxil.fake_embeddings import FakeEmbeddings

    loading: Future[FakeEmbeddings] = Future()
    store_failed = threading.Event()

    def load() -> None:  # the model finishes loading only after the store has failed
        store_failed.wait()
        loading.set_result(FakeEmbeddings())

    def background_model(*_: object, **__: object) -> CachedQueryEmbeddings:
        threading.Thread(target=load, daemon=True).start()
        return CachedQueryEmbeddings(loading, card=ModelCard("fake", "fake"))

    def unreachable(*_: object, **__: object) -> None:
        store_failed.set()
        raise StoreError("the Chroma server is not answering")

    monkeypatch.setattr("retrieval.service.make_embeddings", background_model)
    monkeypatch.setattr("retrieval.service.open_store", unreachable)
    with pytest.raises(IndexUnavailableError, match="not answering"):
        open_service(make_settings(tmp_path))
    assert loading.done(), "open_service returned while the model was still loading"
