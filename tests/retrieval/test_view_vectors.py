"""The view holds every quote's stored vector, so a speaker's quotes are scored in memory."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpus.embeddings import CosineScale
from corpus.store import open_store
from retrieval.view import CorpusView
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import SEED, ingested_service

_SEED_ARTICLES = {SEED.name: SEED.read_text(encoding="utf-8")}


def test_quote_vectors_are_the_stored_ones_and_survive_the_cache(tmp_path: Path) -> None:
    embeddings = FakeEmbeddings()
    service = ingested_service(tmp_path, _SEED_ARTICLES, embeddings)
    store = open_store(service.settings, embeddings)
    cache = tmp_path / "cache"

    built = CorpusView.load(store, cache_dir=cache)
    cached = CorpusView.load(store, cache_dir=cache)

    quotes = np.flatnonzero(built.is_quote)
    passages = np.flatnonzero(~built.is_quote)
    for view in (built, cached):
        assert view.quote_vectors is not None
        rows, matrix = view.quote_vectors.of(np.arange(len(view.rows)))
        assert rows.tolist() == quotes.tolist(), "every quote has its vector, no passage does"
        for row, vector in zip(rows[:5], matrix[:5], strict=True):
            expected = embeddings.embed_query(view.rows[int(row)].text)
            assert np.allclose(vector, expected, atol=2e-3)
    assert passages.size and not built.quote_vectors.of(passages)[0].size  # type: ignore[union-attr]


def test_a_speaker_search_scores_that_speakers_quotes_by_cosine(tmp_path: Path) -> None:
    embeddings = FakeEmbeddings()
    service = ingested_service(tmp_path, _SEED_ARTICLES, embeddings)
    chain = service._current()
    query = "the transit of power in Kazakhstan"
    speaker = "Mikhail Aleksandrov"

    docs = chain.retriever.invoke(query, speaker=speaker, quotes_only=True, k=50)

    vector = np.asarray(embeddings.embed_query(query))
    assert docs and {chain.view.rows[d.metadata["row"]].speaker for d in docs} == {speaker}
    for doc in docs:
        stored = np.asarray(embeddings.embed_query(doc.page_content))
        assert abs(doc.metadata["dense"] - float(stored @ vector)) < 2e-3


class _ScaledEmbeddings(FakeEmbeddings):
    """A model whose cosines sit on another scale than the thresholds' (as e5's do)."""

    runtime = "scaled-fake"
    scale = CosineScale(slope=4.0, offset=-3.0)


def test_every_dense_score_is_on_the_thresholds_scale(tmp_path: Path) -> None:
    embeddings = _ScaledEmbeddings()
    service = ingested_service(tmp_path, _SEED_ARTICLES, embeddings)
    chain = service._current()
    query = "the transit of power in Kazakhstan"
    vector = np.asarray(embeddings.embed_query(query))

    # The nearest neighbours (Chroma), a speaker's quotes (in memory) and the similarities
    # asked for by row all map the model's cosine the same way.
    by_speaker = chain.retriever.invoke(query, speaker="Mikhail Aleksandrov", quotes_only=True)
    nearest = chain.retriever.invoke(query, k=5)
    assert by_speaker and nearest
    for doc in [*by_speaker, *nearest]:
        stored = np.asarray(embeddings.embed_query(doc.page_content))
        if doc.metadata["dense"]:
            assert doc.metadata["dense"] == pytest.approx(
                4.0 * float(stored @ vector) - 3.0, abs=1e-2
            )
    rows = [d.metadata["row"] for d in nearest]
    for row, dense in chain.retriever.similarities(query, rows).items():
        stored = np.asarray(embeddings.embed_query(chain.view.rows[row].text))
        assert dense == pytest.approx(4.0 * float(stored @ vector) - 3.0, abs=1e-2)
