"""The benchmark's generator and code path at a tiny size, so ``make bench`` never rots.

No timing is asserted: only that the corpus is what the ground truth says, and that every
step runs and produces the documented keys.
"""

from __future__ import annotations

import json
from argparse import ArgumentTypeError
from dataclasses import asdict
from pathlib import Path

import pytest

from bench import run as bench_run
from bench.baseline import BaselineHit, BaselinePipeline, chunk_speaker, read_documents
from bench.generate import SPEAKERS, generate, touch_directory
from bench.worker import parse_args, run_ask, run_baseline, run_ingest
from corpus.loaders import discover, load_file
from tests.auxil.fake_embeddings import FakeEmbeddings

SIZE_KEYS = {
    "ingest_s", "articles_per_s", "model_sentences_per_s", "pipeline_to_model_ratio",
    "reingest_unchanged_fraction", "reingest_changed_1pct_fraction", "ask_p50_ms",
    "ask_p95_ms", "speaker_accuracy", "peak_rss_mb", "view_build_s", "ingest_cpu_s",
    "model_share_of_ingest_cpu",
}  # fmt: skip
BASELINE_KEYS = {"ingest_s", "ask_p50_ms", "ask_p95_ms", "speaker_accuracy"}


def _file_texts(path: Path) -> str:
    if path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        return "\n".join(json.loads(line)["text"] for line in lines if line.strip())
    return path.read_text(encoding="utf-8")


def test_generator_is_deterministic_and_prefix_stable(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", 12, seed=3)
    b = generate(tmp_path / "b", 12, seed=3)
    c = generate(tmp_path / "c", 20, seed=3)
    for name in a.files:
        assert (a.articles_dir / name).read_bytes() == (b.articles_dir / name).read_bytes()
    assert a.truth_path.read_text(encoding="utf-8") == b.truth_path.read_text(encoding="utf-8")
    # The smaller corpus is the start of the larger one (JSON Lines batches aside).
    for name in a.files:
        if not name.endswith(".jsonl"):
            assert (a.articles_dir / name).read_bytes() == (c.articles_dir / name).read_bytes()
    d = generate(tmp_path / "d", 12, seed=4)
    assert [q.text for q in d.quotes] != [q.text for q in a.quotes]


def test_every_true_quote_is_verbatim_in_its_file(tmp_path: Path) -> None:
    corpus = generate(tmp_path, 40, seed=1)
    texts = {name: _file_texts(corpus.articles_dir / name) for name in corpus.files}
    assert corpus.quotes
    for quote in corpus.quotes:
        assert quote.text in texts[quote.file], quote
    kinds = {q.kind for q in corpus.quotes}
    assert kinds == {"direct", "reported", "interview"}
    suffixes = {Path(name).suffix for name in corpus.files}
    assert suffixes == {".txt", ".md", ".jsonl", ".html"}


def test_speakers_are_distinguishable_by_any_printed_name() -> None:
    owners: dict[str, str] = {}
    for speaker in SPEAKERS:
        for variant in speaker.variants:
            assert owners.setdefault(variant, speaker.name) == speaker.name, variant


def test_questions_are_answerable_from_the_truth(tmp_path: Path) -> None:
    corpus = generate(tmp_path, 40, seed=2, questions=12)
    quotes = {q.id: q for q in corpus.quotes}
    who = [q for q in corpus.questions if q.type == "who_said"]
    assert len(who) == 12
    assert {q.type for q in corpus.questions} == {"who_said", "about", "open"}
    for question in who:
        assert question.quote_id is not None and question.fragment is not None
        quote = quotes[question.quote_id]
        assert question.expected_speakers == [quote.speaker]
        assert question.fragment in quote.text
        # The fragment identifies one quote only, so the expected speaker is the only answer.
        fragment = question.fragment.lower()
        assert sum(fragment in q.text.lower() for q in corpus.quotes) == 1


def test_loaders_read_every_generated_file(tmp_path: Path) -> None:
    corpus = generate(tmp_path, 30, seed=5)
    files = discover([corpus.articles_dir])
    assert len(files) == len(corpus.files)
    articles = [article for path in files for article in load_file(path)]
    assert len(articles) == 30
    assert all(article.paragraphs for article in articles)


def test_touching_files_changes_them_but_keeps_every_quote(tmp_path: Path) -> None:
    corpus = generate(tmp_path, 30, seed=6)
    before = {n: (corpus.articles_dir / n).read_bytes() for n in corpus.files}
    touched = touch_directory(corpus.articles_dir, 0.1, seed=6)
    assert touched
    for name in corpus.files:
        changed = (corpus.articles_dir / name).read_bytes() != before[name]
        assert changed == (name in touched)
    texts = {name: _file_texts(corpus.articles_dir / name) for name in corpus.files}
    assert all(q.text in texts[q.file] for q in corpus.quotes)


def test_scorer_maps_name_variants_and_refuses_unknowns(tmp_path: Path) -> None:
    corpus = generate(tmp_path, 5, seed=0)
    scorer = bench_run.Scorer(json.loads(corpus.truth_path.read_text(encoding="utf-8")))
    assert scorer.canonical("Alexander Volkov") == "Aleksandr Volkov"
    assert scorer.canonical("Jen Holloway") == "Jennifer Holloway"
    assert scorer.canonical("Kouznetsova") == "Marina Kuznetsova"
    assert scorer.canonical("she") is None
    assert scorer.canonical("Nobody Known") is None
    assert scorer.canonical(None) is None


def test_chunk_speaker_is_the_speaker_of_the_quote_in_the_chunk() -> None:
    quotes = {"a.txt": [("We will win.", "A One"), ("Prices will fall by half.", "B Two")]}
    chunk = "“We will win,” he said. Then: “Prices will fall by half.”"
    hit = BaselineHit(chunk.replace("win,", "win."), "a.txt")
    assert chunk_speaker(hit, "Who said prices will fall?", quotes) == "B Two"
    assert chunk_speaker(hit, "Who said we will win?", quotes) == "A One"
    assert chunk_speaker(BaselineHit("nothing quoted", "a.txt"), "Who?", quotes) is None
    assert chunk_speaker(None, "Who?", quotes) is None


def test_baseline_pipeline_indexes_and_searches(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "c", 6, seed=0)
    files = discover([corpus.articles_dir])
    assert len(read_documents(files)) == 6
    embeddings = FakeEmbeddings()
    pipeline = BaselinePipeline(embeddings, persist_directory=tmp_path / "chroma")
    chunks = pipeline.ingest(files)
    assert chunks >= 6
    hit = pipeline.ask(corpus.questions[0].question)
    assert hit is not None and hit.file in corpus.files
    assert embeddings.queries == [corpus.questions[0].question]


def test_worker_steps_and_scoring_with_fake_embeddings(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "c", 5, seed=0, questions=4)
    qfile = tmp_path / "q.json"
    qfile.write_text(json.dumps([asdict(q) for q in corpus.questions]))
    common = ["--data", str(tmp_path / "index"), "--articles", str(corpus.articles_dir),
              "--out", str(tmp_path / "out.json")]  # fmt: skip
    ing = run_ingest(parse_args(["ingest", *common]), embeddings=FakeEmbeddings())
    assert ing["articles"] == 5
    assert ing["embedded_texts"] > 0
    assert ing["reingest_unchanged_report"].startswith("added 0, updated 0, unchanged 5")
    assert "updated 1" in ing["reingest_changed_report"]
    ask = run_ask(parse_args(["ask", *common, "--questions", str(qfile)]),
                  embeddings=FakeEmbeddings())  # fmt: skip
    assert [a["id"] for a in ask["answers"]] == [q.id for q in corpus.questions]
    base = run_baseline(parse_args(["baseline", *common, "--questions", str(qfile)]),
                        embeddings=FakeEmbeddings())  # fmt: skip

    scorer = bench_run.Scorer(json.loads(corpus.truth_path.read_text(encoding="utf-8")))
    entry = {**bench_run.ingest_metrics(ing), **bench_run.ask_metrics(ask, scorer)}
    entry.update(
        ingest_peak_rss_mb=ing["peak_rss_mb"],
        ask_peak_rss_mb=ask["peak_rss_mb"],
        peak_rss_mb=ask["peak_rss_mb"],
        startup_s=ask["startup_s"],
        files=1,
        quotes_indexed=ing["quotes"],
        baseline=bench_run.baseline_metrics(base, scorer),
    )
    assert set(entry) >= SIZE_KEYS
    assert set(entry["baseline"]) >= BASELINE_KEYS
    assert 0.0 <= entry["speaker_accuracy"] <= 1.0
    table = bench_run.render_table(
        {"date": "d", "machine": bench_run.machine_info(), "sizes": {"5": entry}}
    )
    assert "speaker accuracy" in table and "baseline ingest s" in table
    # A second model measured beside the first gets its own rows.
    entry["models"] = {"all-MiniLM-L6-v2": {k: v for k, v in entry.items() if k != "baseline"}}
    table = bench_run.render_table(
        {"date": "d", "machine": bench_run.machine_info(), "sizes": {"5": entry}}
    )
    assert "all-MiniLM-L6-v2: ask p50 / p95 ms" in table
    assert "all-MiniLM-L6-v2: ingest s (articles/s)" in table


def test_models_are_named_as_the_setting_names_them() -> None:
    assert bench_run._models("multilingual-e5-small, sentence-transformers/all-MiniLM-L6-v2") == [
        "multilingual-e5-small",
        "all-MiniLM-L6-v2",
    ]
    with pytest.raises(ArgumentTypeError, match="multilingual-e5-small"):
        bench_run._models("multilingual-e5-large")


@pytest.mark.slow
def test_tiny_benchmark_runs_end_to_end_with_the_real_model(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    argv = ["--sizes", "5", "--questions", "4", "--out", str(out), "--work", str(tmp_path),
            "--models", "multilingual-e5-small,all-MiniLM-L6-v2"]  # fmt: skip
    assert bench_run.main(argv) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert {"sizes", "startup_s", "machine", "date"} <= set(results)
    entry = results["sizes"]["5"]
    assert set(entry) >= SIZE_KEYS
    assert set(entry["baseline"]) >= BASELINE_KEYS
    assert set(entry["server"]) >= BASELINE_KEYS
    assert entry["quotes_indexed"] > 0
    assert entry["server"]["quotes_indexed"] == entry["quotes_indexed"]
    assert entry["model"] == results["machine"]["model"] == "multilingual-e5-small"
    other = entry["models"]["all-MiniLM-L6-v2"]
    assert {"ingest_s", "articles_per_s", "ask_p50_ms", "ask_p95_ms", "speaker_accuracy"} <= set(
        other
    )
    assert other["quotes_indexed"] == entry["quotes_indexed"]


def test_scorer_leaves_out_questions_with_two_right_answers() -> None:
    truth = {
        "speakers": [
            {"name": "Anna One", "variants": ["Anna One", "One"]},
            {"name": "Boris Two", "variants": ["Boris Two", "Two"]},
        ],
        "quotes": [
            {"file": "a.txt", "speaker": "Anna One", "text": "The camps near Riga are full."},
            {"file": "a.txt", "speaker": "Boris Two", "text": "Frankly, the camps near Riga are"
             " empty."},
            {"file": "a.txt", "speaker": "Boris Two", "text": "Prices rose by 12 percent."},
        ],
        "questions": [
            {"id": "w1", "type": "who_said", "question": "Who said the camps near Riga are?",
             "expected_speakers": ["Anna One"], "fragment": "The camps near Riga are"},
            {"id": "w2", "type": "who_said", "question": "Who said prices rose by 12 percent?",
             "expected_speakers": ["Boris Two"], "fragment": "Prices rose by 12 percent"},
        ],
    }  # fmt: skip
    scorer = bench_run.Scorer(truth)
    assert scorer.ambiguous == {"w1"}
    answers = [
        {"id": "w1", "found": True, "quotes": [{"speaker": "Boris Two", "text": "x"}]},
        {"id": "w2", "found": True, "quotes": [{"speaker": "Two", "text": "y"}]},
    ]
    assert scorer.score_pipeline(answers)["speaker_accuracy"] == 1.0


def test_a_separate_run_joins_the_document_and_each_size_keeps_its_run() -> None:
    def size(p50: float) -> dict[str, object]:
        return {
            "ask_p50_ms": p50,
            "ask_p95_ms": 2 * p50,
            "speaker_accuracy": 0.9,
            "files": 1,
            "quotes_indexed": 1,
        }

    machine = {"cores": 2, "cpu": "c", "model": "m"}
    old = {
        "date": "first", "duration_s": 10, "sizes": {"100": size(30), "1000": size(50)},
        "machine": {**machine, "loadavg_before": [1], "loadavg_after": [2]},
    }  # fmt: skip
    new = {
        "date": "second", "duration_s": 99, "sizes": {"1000": size(55), "10000": size(70)},
        "machine": {**machine, "loadavg_before": [0.1], "loadavg_after": [0.2]},
    }  # fmt: skip
    for entry in new["sizes"].values():
        entry["run"] = bench_run.run_record(new)

    merged = bench_run.merge_results(old, new)

    assert list(merged["sizes"]) == ["100", "1000", "10000"]
    assert merged["sizes"]["100"]["run"]["date"] == "first"
    assert merged["sizes"]["1000"]["ask_p50_ms"] == 55, "a size measured again is replaced"
    assert merged["sizes"]["10000"]["run"]["loadavg_before"] == [0.1]
    assert (merged["growth"]["from"], merged["growth"]["to"]) == (1000, 10000)
    footer = bench_run.render_table(merged).splitlines()[-3:]
    assert footer[0].startswith("100 articles: first") and "run took 10 s" in footer[0]
    assert footer[1].startswith("1000, 10000 articles: second") and "[0.1]" in footer[1]
