"""Shared fixtures: settings that never read the developer's .env, the seed corpus, services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "articles" / "kazakhstan-unrest-2022-01-06.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _no_chroma_default_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly if anything reaches Chroma's default embedding function (it downloads)."""
    from chromadb.utils import embedding_functions

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("Chroma's default embedding function must never be used")

    monkeypatch.setattr(
        embedding_functions.DefaultEmbeddingFunction, "__call__", refuse, raising=True
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses a real model (``real_embeddings``, ``minilm_embeddings``, even through
    another fixture) is slow: ``pytest -m "not slow"`` is the quick offline half."""
    for item in items:
        if {"real_embeddings", "minilm_embeddings"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _the_real_model_only_in_slow_tests(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fail a test that loads the real embedding model without the ``slow`` marker."""
    if request.node.get_closest_marker("slow") is not None:
        return
    from corpus import embeddings
    from corpus.settings import MODEL_NAMES

    load = embeddings._load

    def guarded(model: str, *args: object, **kwargs: object) -> object:
        if model in MODEL_NAMES:
            raise AssertionError(
                "this test loads the real embedding model: mark it @pytest.mark.slow, or "
                "give the service tests.auxil.fake_embeddings.FakeEmbeddings"
            )
        return load(model, *args, **kwargs)

    monkeypatch.setattr(embeddings, "_load", guarded)


def make_settings(tmp: Path, **overrides: object):  # type: ignore[no-untyped-def]
    """Build settings for a test: everything under ``tmp``, no .env, no environment."""
    from retrieval import RetrievalSettings

    values: dict[str, object] = {
        "data_dir": tmp / "data",
        "articles_dir": tmp / "articles",
        "collection_prefix": "t",
    }
    values.update(overrides)
    return RetrievalSettings(_env_file=None, **values)  # type: ignore[call-arg]


def ingested_service(tmp: Path, articles: dict[str, str], embeddings, **overrides: object):  # type: ignore[no-untyped-def]
    """Write ``articles`` (file name: text) under ``tmp``, ingest them, return the service."""
    from retrieval import open_service

    (tmp / "articles").mkdir()
    for name, text in articles.items():
        (tmp / "articles" / name).write_text(text, encoding="utf-8")
    service = open_service(make_settings(tmp, **overrides), embeddings=embeddings)
    service.ingest()
    return service


@pytest.fixture(scope="session")
def real_embeddings():  # type: ignore[no-untyped-def]
    """The real default model, loaded once per session from its bundled package."""
    from corpus.embeddings import make_embeddings
    from corpus.settings import CorpusSettings

    return make_embeddings(CorpusSettings(_env_file=None))


@pytest.fixture(scope="session")
def minilm_embeddings():  # type: ignore[no-untyped-def]
    """The real all-MiniLM-L6-v2, loaded once per session from the bundled package."""
    from corpus.embeddings import make_embeddings
    from corpus.settings import MINILM_MODEL, CorpusSettings

    return make_embeddings(CorpusSettings(_env_file=None, embedding_model=MINILM_MODEL))


@pytest.fixture(scope="session")
def seed_service(tmp_path_factory: pytest.TempPathFactory, real_embeddings):  # type: ignore[no-untyped-def]
    """A service over the seed article, ingested into a fresh embedded Chroma."""
    seed = {SEED.name: SEED.read_text(encoding="utf-8")}
    service = ingested_service(tmp_path_factory.mktemp("seed"), seed, real_embeddings)
    yield service
    service.close()


@pytest.fixture
def articles_dir(tmp_path: Path) -> Iterator[Path]:
    """An empty articles directory."""
    path = tmp_path / "articles"
    path.mkdir()
    yield path
