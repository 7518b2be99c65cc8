"""The simulated index: the generator's articles written straight into the store and view."""

from __future__ import annotations

import json
from pathlib import Path

from bench.simulate import build, reingest
from retrieval import RetrievalSettings, open_service
from tests.auxil.fake_embeddings import FakeEmbeddings


def test_a_simulated_index_answers_its_questions_and_takes_a_changed_percent(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    built = build(data, 30, sample=5, questions=6, embeddings=FakeEmbeddings())
    assert built["articles"] == 30 and 10 < built["chunks_per_article"] < 20
    questions = json.loads(Path(built["questions"]).read_text(encoding="utf-8"))
    service = open_service(
        RetrievalSettings(_env_file=None, data_dir=data), embeddings=FakeEmbeddings()
    )
    assert len(service.view.articles) == 30
    who = next(q for q in questions if q["type"] == "who_said")
    answer = service.ask(who["question"])
    assert answer.found and answer.quotes[0].speaker == who["expected_speakers"][0]

    again = reingest(data, 30, 0.1, embeddings=FakeEmbeddings())
    assert again["changed_articles"] == 3
    service = open_service(
        RetrievalSettings(_env_file=None, data_dir=data), embeddings=FakeEmbeddings()
    )
    assert len(service.view.articles) == 30
    revised = [r for r in service.view.rows if "updated (revision 1)" in r.text]
    assert len({r.meta.doc_id for r in revised}) == 3
