"""A crowded corpus: many near-identical statements push the right one out of the first search.

At 10,000 articles the first stage's 40 places fill with look-alikes; here a first stage of
five places (``fetch_k=5``, the least allowed) over a dozen articles does the same, with the
real engine and the real model.
"""

from __future__ import annotations

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from corpus.embeddings import scale_of
from corpus.settings import DEFAULT_MODEL, E5_MODEL
from retrieval import QAService
from retrieval.retriever import HybridRetriever
from tests.conftest import ingested_service

CITIES = "Varna Burgas Ruse Pleven Sliven Dobrich Shumen Yambol Haskovo Pernik Gabrovo Kardzhali"
FIRST = "Ivo Mila Georgi Rada Stefan Vera Boris Lina Todor Elena Petar Dora".split()
LAST = "Petrov Dimova Kolev Ilieva Marinov Stoyanova Popov Hristova Angelov Ivanova Nikolov Vasova"
PEOPLE = [f"{first} {last}" for first, last in zip(FIRST, LAST.split(), strict=True)]


def _articles() -> dict[str, str]:
    files = {}
    for n, (city, person) in enumerate(zip(CITIES.split(), PEOPLE, strict=True)):
        files[f"port-{n}-2025-04-{n + 1:02d}.txt"] = (
            f"Apr {n + 1}, 2025\n\nPort traffic in {city}\n\n"
            f'"Guards at {city} turned back {20 + n} trucks from Serbia last week, and 70 more '
            f'this week," said {person}, '
            f"the port director.\n\n"
            f"{person}, the port director, commented on fuel.\n\n"
            f"{person}, the port director, spoke about fuel on Monday.\n"
        )
    # The one that prints the words asked about: a long answer, so it ranks below the short
    # look-alikes in BM25 and in the embedding.
    files["interview-2025-04-20.txt"] = (
        "Apr 20, 2025\n\nAn interview on the border\n\n"
        "Asked about the border, Nadia Vasileva, the customs chief, answered at length. "
        '"Whatever they say in the capital, smugglers cross near Lom every night, and the '
        "fence will not be finished this year. Guards at Vidin turned back 70 trucks from "
        'Serbia last week, despite all the promises," Vasileva said.\n\n'
        '"Fuel deliveries to the north will be cut by half in May," Vasileva said.\n'
    )
    return files


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory, real_embeddings) -> QAService:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("crowded")
    return ingested_service(tmp, _articles(), real_embeddings, fetch_k=5)


def test_words_printed_verbatim_find_their_speaker_among_look_alikes(crowded: QAService) -> None:
    answer = crowded.ask('Who said "turned back 70 trucks from Serbia last week"?')
    assert answer.quotes, answer.answer
    assert answer.quotes[0].speaker == "Nadia Vasileva"
    assert "70 trucks from Serbia" in answer.quotes[0].text


@pytest.mark.xfail(
    DEFAULT_MODEL == E5_MODEL,
    strict=True,
    reason="known with multilingual-e5-small: a one-word topic ('fuel') is nearer, by e5, to the "
    "narrative's mentions than to the quote about it (README, 'The embedding models')",
)
def test_what_was_said_about_a_topic_is_answered_with_quotes_not_mentions(
    crowded: QAService,
) -> None:
    answer = crowded.ask("What was said about fuel?")
    assert answer.quotes, answer.answer
    assert answer.quotes[0].speaker == "Nadia Vasileva"
    assert "Fuel deliveries" in answer.quotes[0].text


def test_a_quote_the_nearest_neighbours_missed_keeps_its_cosine(
    crowded: QAService, real_embeddings: Embeddings
) -> None:
    view = crowded.view
    [row] = [r for r, c in enumerate(view.rows) if c.is_quote and c.text.startswith("Fuel")]
    vector = np.asarray(real_embeddings.embed_query("about fuel"), dtype=np.float32)
    # The case is real: the nearest neighbours of "about fuel" are the passages that only
    # name it, and the quote is not among them.
    nearest = {chunk_id for chunk_id, _ in crowded.store.nearest(vector.tolist(), 15)}
    assert view.rows[row].id not in nearest
    retriever = HybridRetriever(
        store=crowded.store, view=view, embeddings=real_embeddings, fetch_k=5
    )
    docs = retriever.invoke("about fuel", quotes_only=True, k=5, passages=5)
    [doc] = [d for d in docs if d.metadata["row"] == row]
    _, stored = crowded.store.vectors([view.rows[row].id])
    # On the common scale every threshold is set in (see corpus.embeddings.CosineScale).
    cosine = scale_of(real_embeddings)(float(stored[0] @ vector))
    assert doc.metadata["dense"] == pytest.approx(
        cosine, abs=2e-3 * scale_of(real_embeddings).slope
    )
