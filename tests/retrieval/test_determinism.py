"""An answer is a function of the index and the question: not of the process, nor of what
else was asked or found with it.

A small hand-written corpus built to have ties: one statement reprinted word for word in
several articles (equal cosines, equal BM25 scores), and questions whose words have different
weights, so that sums in another order differ in their last bits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from retrieval import IndexService
from tests.auxil.fake_embeddings import WordVectorEmbeddings
from tests.conftest import ROOT, ingested_service

_REPRINTED = (
    '"The new bridge over the Mesta will carry traffic by the end of the summer, and the '
    'tolls will pay for its upkeep," said Rada Kolev, the county engineer.'
)


def _articles() -> dict[str, str]:
    files = {
        "bridge-2025-05-02.txt": (
            "May 2, 2025\n\nCouncil votes on the Mesta bridge\n\n"
            f"{_REPRINTED}\n\n"
            '"We were promised a bridge in 2019 and a ferry in 2021, and we have neither," '
            "said Todor Angelov, who runs a bakery by the river.\n\n"
            '"The budget for roads and schools is the same as last year," said Mayor Elena '
            "Popova.\n"
        ),
        "schools-2025-05-09.txt": (
            "May 9, 2025\n\nSchools wait for repairs\n\n"
            '"Three schools in the county still have no heating, and the roofs leak in '
            'winter," said Vera Marinova, a teacher in Gotse Delchev.\n\n'
            '"The county will repair the roofs of the schools before the bridge," Mayor Elena '
            "Popova said on Friday.\n"
        ),
    }
    # The same wire story in three papers: one quote, word for word, three times.
    for n, paper in enumerate(("Struma", "Pirin", "Mesta")):
        files[f"reprint-{paper.lower()}-2025-05-1{n}.txt"] = (
            f"May 1{n}, 2025\n\nBridge to open by summer ({paper} Daily)\n\n{_REPRINTED}\n"
        )
    return files


QUESTIONS = [
    "Who said the bridge tolls will pay for its upkeep?",
    "Who said the new bridge over the river will carry traffic and tolls pay for upkeep by the "
    "end of summer next year?",
    "Who said the county budget for roads, schools, heating and roofs is unchanged since last "
    "year?",
    "Who complained that a bakery owner was promised a bridge in 2019 and a ferry in 2021 but "
    "got neither road nor ferry?",
    "Who said schools in Gotse Delchev have no heating, leaking roofs and cold classrooms in "
    "winter?",
    "What did Popova say about repairing school roofs before the bridge and the budget for roads?",
    "What was said about tolls, upkeep, traffic and the summer opening of the Mesta bridge?",
    "Who said three schools have no heating while the council spends on a bridge with tolls?",
]

# Answers every question in a fresh process over the index the test built, printing each
# answer with its scores in full (repr): a difference in the last bit shows.
_ANSWER_ALL = """
import json, sys
from pathlib import Path
from retrieval import open_service
from tests.auxil.fake_embeddings import WordVectorEmbeddings
from tests.conftest import make_settings

service = open_service(make_settings(Path(sys.argv[1])), embeddings=WordVectorEmbeddings())
for question in json.loads(sys.argv[2]):
    answer = service.ask(question)
    quotes = [[q.speaker, q.source.doc_id, q.start, repr(q.score)] for q in answer.quotes]
    print(json.dumps([answer.answer, quotes]))
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, IndexService]:
    tmp = tmp_path_factory.mktemp("ties")
    return tmp, ingested_service(tmp, _articles(), WordVectorEmbeddings())


def _answers(tmp: Path, hash_seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    env.pop("WHOSAID_DATA_DIR", None)
    result = subprocess.run(
        [sys.executable, "-c", _ANSWER_ALL, str(tmp), json.dumps(QUESTIONS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_processes_with_different_string_hashing_give_identical_answers(
    built: tuple[Path, IndexService],
) -> None:
    tmp, _ = built
    first = _answers(tmp, "1")
    assert first.count("\n") == len(QUESTIONS)
    for seed in ("2", "3", "4"):
        assert _answers(tmp, seed) == first, f"PYTHONHASHSEED={seed} answered otherwise"


def test_the_ingesting_process_a_cached_view_and_a_rebuilt_one_answer_alike(
    built: tuple[Path, IndexService],
) -> None:
    tmp, service = built
    here = ""
    for question in QUESTIONS:
        answer = service.ask(question)
        quotes = [[q.speaker, q.source.doc_id, q.start, repr(q.score)] for q in answer.quotes]
        here += json.dumps([answer.answer, quotes]) + "\n"
    from_cache = _answers(tmp, "1")
    caches = list((tmp / "data" / "cache").glob("view-*.pickle"))
    assert caches, "the ingest left no view cache to read"
    for cache in caches:
        cache.unlink()
    rebuilt = _answers(tmp, "1")
    assert here == from_cache == rebuilt


def test_answering_the_same_questions_again_in_one_process_changes_nothing(
    built: tuple[Path, IndexService],
) -> None:
    _, service = built

    def run() -> list[tuple[str, list[tuple[str | None, str, int, float]]]]:
        out = []
        for question in QUESTIONS:
            answer = service.ask(question)
            quotes = [(q.speaker, q.source.doc_id, q.start, q.score) for q in answer.quotes]
            out.append((answer.answer, quotes))
        return out

    assert run() == run()


def test_a_quote_scores_the_same_whichever_rows_are_scored_with_it(
    built: tuple[Path, IndexService],
) -> None:
    _, service = built
    chain = service.current_chain()
    quotes = [int(r) for r in np.flatnonzero(chain.view.is_quote)]
    question = QUESTIONS[0]
    together = chain.retriever.similarities(question, quotes)
    assert len(together) == len(quotes) > 4
    for row in quotes:
        assert chain.retriever.similarities(question, [row]) == {row: together[row]}
        pair = [row, quotes[0] if row != quotes[0] else quotes[1]]
        assert chain.retriever.similarities(question, pair)[row] == together[row]


def test_a_quote_has_one_cosine_whether_or_not_the_nearest_neighbours_held_it(
    built: tuple[Path, IndexService],
) -> None:
    _, service = built
    chain = service.current_chain()
    for question in QUESTIONS:
        docs = chain.retriever.invoke(question, quotes_only=True, k=20)
        assert docs
        for doc in docs:
            row = int(doc.metadata["row"])
            assert doc.metadata["dense"] == chain.retriever.similarities(question, [row])[row]


def test_a_statement_reprinted_word_for_word_ranks_its_copies_in_row_order(
    built: tuple[Path, IndexService],
) -> None:
    _, service = built
    chain = service.current_chain()
    copies = [
        r for r, row in enumerate(chain.view.rows) if row.is_quote and "Mesta will" in row.text
    ]
    assert len(copies) == 4
    for question in QUESTIONS[:2]:
        docs = chain.retriever.invoke(question, quotes_only=True, k=20)
        found = [int(d.metadata["row"]) for d in docs if int(d.metadata["row"]) in copies]
        assert found == sorted(copies)
