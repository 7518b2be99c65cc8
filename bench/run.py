"""Run the benchmark: whosaid against the model's own speed and a plain LangChain pipeline.

For each corpus size: generate the corpus, ingest it (then re-ingest it unchanged and with 1%
of files changed), answer a fixed question set, run the baseline on the same corpus and
questions, and repeat ingest and answers against a Chroma server started on 127.0.0.1. Every
step runs in its own process (``bench.worker``) so memory and start-up are measured honestly.
Prints a table and writes ``bench/results.json``.

    python -m bench.run [--quick] [--sizes 100,1000] [--seed N] [--out bench/results.json]
                        [--no-server] [--no-baseline] [--profile DIR]
                        [--models multilingual-e5-small,all-MiniLM-L6-v2]

``--models``: the first model is measured in full; each other one is measured beside it on the
same corpus and questions (its own ingest and answers: rates, latency, accuracy), and kept
under ``models`` in each size's entry.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.baseline import chunk_speaker
from bench.generate import generate

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (100, 1000)
QUICK_SIZES = (20,)
MISSES_SHOWN = 10
SERVER_MAX_SIZE = 100  # a second full ingest per size; see --server-sizes
# Issue #11's goals; the latency goals are per size (ms, p50 and p95).
GOALS = {
    "pipeline_to_model_ratio": 0.85,
    "reingest_unchanged_fraction": 0.02,
    "reingest_changed_1pct_fraction": 0.05,
    "ask_ms": {"1000": [35.0, 60.0], "10000": [40.0, 100.0]},
    "speaker_accuracy": 0.95,
}


class BenchError(RuntimeError):
    """A step of the benchmark failed; the message says which and where its log is."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="one tiny corpus (< 3 minutes)")
    parser.add_argument("--sizes", type=_sizes, help="comma-separated article counts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--questions", type=int, help='"who said" questions per size')
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--no-server", action="store_true", help="skip the Chroma server runs")
    parser.add_argument("--no-baseline", action="store_true", help="skip the LangChain baseline")
    parser.add_argument(
        "--server-sizes", type=_sizes,
        help=f"sizes also run against a Chroma server (default: those <= {SERVER_MAX_SIZE})",
    )  # fmt: skip
    parser.add_argument("--work", type=Path, help="keep corpora and indexes here")
    parser.add_argument("--profile", type=Path, help="write cProfile reports into this directory")
    parser.add_argument(
        "--workers-gain", action="store_true",
        help="also ingest each size with 2 workers (1 model thread each, and all cores each)",
    )  # fmt: skip
    parser.add_argument(
        "--cluster", action="store_true",
        help="also ingest each size through a local 2-worker Dask cluster into a Chroma server"
        " and compare its answers with the embedded index's (the cluster extra)",
    )  # fmt: skip
    parser.add_argument(
        "--simulate", type=_sizes, metavar="N[,N]",
        help="measure the answering side over simulated indexes of these sizes (bench.simulate)"
        "; joins --out under 'simulated'",
    )  # fmt: skip
    parser.add_argument(
        "--models", type=_models,
        help="comma-separated embedding models (default: the product's); the first in full, "
        "the others' ingest and answers beside it",
    )  # fmt: skip
    parser.add_argument(
        "--merge", action="store_true",
        help="keep the other sizes already in --out (each says which run measured it)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")

    if args.simulate and not args.sizes:
        return _simulate_only(args)
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    questions = args.questions or (12 if args.quick else 60)
    server_sizes = set(args.server_sizes or [s for s in sizes if s <= SERVER_MAX_SIZE])
    if args.no_server:
        server_sizes = set()
    work = args.work or Path(tempfile.mkdtemp(prefix="whosaid-bench-"))
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    results = run(
        sizes,
        work=work,
        seed=args.seed,
        questions=questions,
        baseline=not args.no_baseline,
        server_sizes=server_sizes,
        profile=args.profile,
        workers_gain=args.workers_gain,
        cluster=args.cluster,
        models=args.models,
    )
    if args.simulate:
        results["simulated"] = simulate_sizes(
            args.simulate, work=work, seed=args.seed, real=results["sizes"]
        )
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    if args.merge and args.out.exists():
        results = merge_results(json.loads(args.out.read_text(encoding="utf-8")), results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(render_table(results))
    print(f"\nwrote {args.out}")
    return 0


def run(
    sizes: Sequence[int],
    *,
    work: Path,
    seed: int,
    questions: int,
    baseline: bool,
    server_sizes: set[int],
    profile: Path | None = None,
    workers_gain: bool = False,
    cluster: bool = False,
    models: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Run every measurement at every size and return the results document."""
    from corpus.settings import DEFAULT_MODEL

    models = list(models or [DEFAULT_MODEL])
    started = time.time()
    load_before = os.getloadavg()
    code = snapshot_code(work / "code")
    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine_info(models[0]),
        "seed": seed,
        "goals": GOALS,
        "sizes": {},
    }
    for size in sizes:
        logger.info("size %d: generating", size)
        corpus = generate(work / f"corpus-{size}", size, seed=seed, questions=questions)
        qfile = corpus.root / "questions.json"
        qfile.write_text(json.dumps([asdict(q) for q in corpus.questions]), encoding="utf-8")
        truth = json.loads(corpus.truth_path.read_text(encoding="utf-8"))
        entry = measure_size(
            corpus.articles_dir, qfile, truth, work / f"index-{size}", seed=seed,
            baseline=baseline, server=size in server_sizes, profile=profile, code=code,
            workers_gain=workers_gain, cluster=cluster,
            models=models,
        )  # fmt: skip
        entry["quotes_generated"] = len(corpus.quotes)
        entry["files"] = len(corpus.files)
        results["sizes"][str(size)] = entry
        if "startup_s" not in results and entry.get("startup_s") is not None:
            results["startup_s"] = entry["startup_s"]
    results["growth"] = growth(results["sizes"])
    results["machine"]["loadavg_before"] = [round(x, 2) for x in load_before]
    results["machine"]["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    results["duration_s"] = round(time.time() - started, 1)
    for entry in results["sizes"].values():
        entry["run"] = run_record(results)
    return results


def run_record(results: dict[str, Any]) -> dict[str, Any]:
    """When, under what load and how long: what a size's figures must be read with."""
    machine = results.get("machine", {})
    return {
        "date": results.get("date"),
        "loadavg_before": machine.get("loadavg_before"),
        "loadavg_after": machine.get("loadavg_after"),
        "duration_s": results.get("duration_s"),
    }


def merge_results(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Add ``new``'s sizes to ``old``'s; a size measured again is replaced.

    A 10,000-article run takes an hour, so it is made on its own and joins the default
    sizes' document. Every size keeps the record of the run that measured it (``run``), and
    the document's own date and load are the newest run's.
    """
    sizes = {key: {"run": run_record(old), **entry} for key, entry in old["sizes"].items()}
    sizes.update(new["sizes"])
    merged = {**new, "sizes": dict(sorted(sizes.items(), key=lambda item: int(item[0])))}
    simulated = {**old.get("simulated", {}), **new.get("simulated", {})}
    if simulated:
        merged["simulated"] = dict(sorted(simulated.items(), key=lambda item: int(item[0])))
    merged["growth"] = growth(merged["sizes"])
    return merged


def measure_size(
    articles: Path,
    qfile: Path,
    truth: dict[str, Any],
    index: Path,
    *,
    seed: int,
    baseline: bool,
    server: bool,
    profile: Path | None,
    code: Path = ROOT,
    workers_gain: bool = False,
    cluster: bool = False,
    models: Sequence[str] = (),
) -> dict[str, Any]:
    """Measure whosaid (embedded, then a server) and the baseline on one corpus; with more
    than one model, the others' ingest and answers too (``entry["models"]``)."""
    scorer = Scorer(truth)
    size = truth["articles"]
    prof = (lambda step: str(profile / f"{step}-{size}.prof")) if profile else (lambda step: None)
    model = models[0] if models else None
    logger.info("size %d: whosaid ingest%s", size, f" ({model})" if model else "")
    entry, ing, ask = measure_model(
        articles, qfile, scorer, index, seed=seed, code=code, model=model, prof=prof
    )
    if workers_gain:
        entry["workers"] = measure_workers(articles, index, ing, code=code, seed=seed)
    if cluster:
        entry["cluster"] = measure_cluster(articles, qfile, index, ing, ask, code=code, seed=seed)
    for other in models[1:]:
        logger.info("size %d: whosaid ingest and ask (%s)", size, other)
        slug = re.sub(r"[^\w.-]+", "_", other)
        entry.setdefault("models", {})[other] = measure_model(
            articles, qfile, scorer, index / f"model-{slug}", seed=seed, code=code, model=other
        )[0]
    if baseline:
        logger.info("size %d: baseline", size)
        base = worker("baseline", code=code, index=index, articles=articles, questions=qfile)
        entry["baseline"] = baseline_metrics(base, scorer)
        entry["vs_baseline"] = {
            "ingest_time_ratio": _ratio(entry["ingest_s"], entry["baseline"]["ingest_s"]),
            "ask_p50_ratio": _ratio(entry["ask_p50_ms"], entry["baseline"]["ask_p50_ms"]),
            "ask_p95_ratio": _ratio(entry["ask_p95_ms"], entry["baseline"]["ask_p95_ms"]),
            "speaker_accuracy_diff": round(
                entry["speaker_accuracy"] - entry["baseline"]["speaker_accuracy"], 3
            ),
        }
    if server:
        logger.info("size %d: Chroma server", size)
        with chroma_server(index / "server") as address:
            data = index / "server-data"
            s_ing = worker(
                "ingest", code=code, index=data, articles=articles, seed=seed + 1, chroma=address
            )
            s_ask = worker(
                "ask", code=code, index=data, articles=articles, questions=qfile, chroma=address
            )
        entry["server"] = {**ingest_metrics(s_ing), **ask_metrics(s_ask, scorer)}
        entry["server"]["startup_s"] = s_ask["startup_s"]
        entry["server"]["peak_rss_mb"] = round(max(s_ing["peak_rss_mb"], s_ask["peak_rss_mb"]), 1)
    return entry


def measure_workers(
    articles: Path, index: Path, one: dict[str, Any], *, code: Path, seed: int
) -> dict[str, Any]:
    """Ingest the corpus again with two workers, with one model thread each and with the
    model's default (every core), and compare the throughput with one worker's."""
    out: dict[str, Any] = {"1": _workers_row(one)}
    for label, threads in (("2_threads_1", "1"), ("2_threads_all", "0")):
        logger.info("workers: %s", label)
        data = index.parent / f"{index.name}-{label}"
        shutil.rmtree(data, ignore_errors=True)
        ing = worker(
            "ingest", code=code, index=data, articles=articles, seed=seed,
            extra=["--workers", "2", "--model-threads", threads],
        )  # fmt: skip
        out[label] = _workers_row(ing)
        out[label]["throughput_vs_1"] = _ratio(one["ingest_s"], ing["ingest_s"])
    return out


def measure_cluster(
    articles: Path,
    qfile: Path,
    index: Path,
    one: dict[str, Any],
    one_ask: dict[str, Any],
    *,
    code: Path,
    seed: int,
) -> dict[str, Any]:
    """Ingest the corpus through a local two-worker Dask cluster into a ``chroma run`` server,
    answer the same questions, and compare each answer's top quote and speaker with the
    embedded index's (asked over the same files: the cluster's ingest skips the re-ingests)."""
    logger.info("cluster: ingest on 2 Dask workers into a Chroma server")
    data = index.parent / f"{index.name}-cluster"
    shutil.rmtree(data, ignore_errors=True)
    with dask_cluster(data / "dask", code=code) as scheduler, chroma_server(data / "server") as at:
        ing = worker(
            "ingest", code=code, index=data, articles=articles, seed=seed, chroma=at,
            extra=["--cluster", scheduler, "--model-threads", "1", "--ingest-only"],
        )  # fmt: skip
        ask = worker("ask", code=code, index=data, articles=articles, questions=qfile, chroma=at)
    asked = len(ask["answers"])
    differ = [
        a["id"]
        for a, b in zip(one_ask["answers"], ask["answers"], strict=True)
        if _top(a) != _top(b)
    ]
    return {
        "workers": 2,
        "ingest_s": round(ing["ingest_s"], 1),
        "articles_per_s": round(ing["articles_per_s"], 2),
        "writer_peak_rss_mb": round(ing["peak_rss_mb"], 1),
        "throughput_vs_1": _ratio(one["ingest_s"], ing["ingest_s"]),
        "same_top_quote_and_speaker": _ratio(asked - len(differ), asked),
        "differing_questions": differ,
    }


def _top(answer: dict[str, Any]) -> tuple[Any, ...]:
    quote = answer["quotes"][0] if answer["quotes"] else {}
    return answer["speaker"], quote.get("text"), quote.get("speaker")


@contextmanager
def dask_cluster(path: Path, *, code: Path, timeout: float = 120.0) -> Iterator[str]:
    """Start a Dask scheduler and two one-thread workers on 127.0.0.1 running ``code``, as
    separate processes (as on other machines); yield the scheduler's address; stop them."""
    dask = Path(sys.executable).with_name("dask")
    if not dask.exists():
        raise BenchError("the cluster extra is not installed (pip install 'whosaid[cluster]')")
    path.mkdir(parents=True, exist_ok=True)
    address = f"tcp://127.0.0.1:{_free_port()}"
    env = {**os.environ, "PYTHONPATH": str(code), "ANONYMIZED_TELEMETRY": "False"}
    env = {k: v for k, v in env.items() if not k.startswith("WHOSAID_")}
    commands = [
        [str(dask), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
         "--no-dashboard"],
        [str(dask), "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard",
         "--local-directory", str(path / "workers")],
    ]  # fmt: skip
    logs = [(path / f"{name}.log").open("w", encoding="utf-8") for name in ("scheduler", "worker")]
    processes = [
        subprocess.Popen(cmd, cwd=code, env=env, stdout=log, stderr=subprocess.STDOUT)
        for cmd, log in zip(commands, logs, strict=True)
    ]
    try:
        from distributed import Client

        connect: Any = Client  # distributed has no type hints
        with connect(address, timeout=timeout, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=timeout)
        yield address
    finally:
        for process in reversed(processes):
            _stop(process)
        for log in logs:
            log.close()


def _workers_row(ing: dict[str, Any]) -> dict[str, Any]:
    return {
        "ingest_s": round(ing["ingest_s"], 1),
        "articles_per_s": round(ing["articles_per_s"], 2),
        "ingest_cpu_s": round(ing.get("ingest_cpu_s") or 0.0, 1),
        "cpu_s_per_article": _ratio(ing.get("ingest_cpu_s"), ing["articles"], 3),
        "peak_rss_mb": round(ing["peak_rss_mb"], 1),
    }


def _simulate_only(args: argparse.Namespace) -> int:
    """Run only the simulated sizes and merge them into ``--out``."""
    work = args.work or Path(tempfile.mkdtemp(prefix="whosaid-sim-"))
    old = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    simulated = simulate_sizes(args.simulate, work=work, seed=args.seed, real=old.get("sizes", {}))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    old.setdefault("sizes", {})
    old["simulated"] = {**old.get("simulated", {}), **simulated}
    args.out.write_text(json.dumps(old, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(render_simulated(old))
    print(f"\nwrote {args.out}")
    return 0


SIMULATED_FORMULA = (
    "ingest_s(N) = N * ingest_s(1000 real) / 1000; "
    "reingest_1pct_fraction = (measured store+view time of re-ingesting 1% "
    "+ 0.01 * ingest_s(N)) / ingest_s(N)"
)


def simulate_sizes(
    sizes: Sequence[int], *, work: Path, seed: int, real: dict[str, Any]
) -> dict[str, Any]:
    """Build each simulated index and measure restart, memory, latency and re-ingest of 1%."""
    # The per-article cost of a real ingest: the 1,000-article run's (or the largest one's).
    reference = "1000" if "1000" in real else (max(real, key=int) if real else None)
    per_article = real[reference]["ingest_s"] / int(reference) if reference else None
    code = snapshot_code(work / "code")
    out: dict[str, Any] = {}
    for size in sizes:
        started, load_before = time.time(), os.getloadavg()
        data = work / f"simulated-{size}"
        shutil.rmtree(data, ignore_errors=True)
        logger.info("simulated %d: building", size)
        build = worker("simulate", code=code, index=data, articles=data, seed=seed,
                       extra=["--size", str(size)])  # fmt: skip
        qfile = Path(build["questions"])
        logger.info("simulated %d: answering", size)
        ask = worker("ask", code=code, index=data, articles=data, questions=qfile)
        logger.info("simulated %d: re-ingesting 1%%", size)
        again = worker("reingest", code=code, index=data, articles=data, seed=seed,
                       extra=["--size", str(size)])  # fmt: skip
        ms = [a["ms"] for a in ask["answers"]]
        projected = per_article * size if per_article else None
        out[str(size)] = {
            "restart_s": round(ask["startup_s"], 2),
            "answer_rss_mb": round(ask["peak_rss_mb"], 1),
            "answer_memory_mb": ask.get("memory_mb"),
            "ask_p50_ms": _percentile(ms, 50),
            "ask_p95_ms": _percentile(ms, 95),
            **cpu_metrics(ask),
            "answered_fraction": _ratio(sum(bool(a["found"]) for a in ask["answers"]), len(ms)),
            "reingest_1pct_fraction": _ratio(again["total_s"] + 0.01 * projected, projected, 4)
            if projected
            else None,
            "reingest_1pct": again,
            "projected_ingest_s": round(projected, 0) if projected else None,
            "projection": SIMULATED_FORMULA.replace("1000", reference or "1000"),
            "build": {k: v for k, v in build.items() if k != "questions"},
            "run": {
                "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "loadavg_before": [round(x, 2) for x in load_before],
                "loadavg_after": [round(x, 2) for x in os.getloadavg()],
                "duration_s": round(time.time() - started, 1),
                "model": machine_info()["model"],
            },
        }
    return out


def render_simulated(results: dict[str, Any]) -> str:
    """Render the simulated sizes as a Markdown table."""
    simulated = results.get("simulated") or {}
    sizes = sorted(simulated, key=int)
    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("restart to first answer s (goal ≤ 3)", lambda e: f"{e['restart_s']:.1f}"),
        ("answering peak RSS MB (goal ≤ 1024)", lambda e: f"{e['answer_rss_mb']:.0f}"),
        ("  of it anonymous / mapped files MB", lambda e: (
            f"{e['answer_memory_mb'].get('RssAnon', 0):.0f} / "
            f"{e['answer_memory_mb'].get('RssFile', 0):.0f}")),
        ("ask p50 / p95 ms (goal ≤ 60 / 150)",
         lambda e: f"{e['ask_p50_ms']:.0f} / {e['ask_p95_ms']:.0f}"),
        ("  CPU ms of it, p50 / p95",
         lambda e: f"{e['ask_cpu_p50_ms']:.0f} / {e['ask_cpu_p95_ms']:.0f}"),
        ("restart CPU s", lambda e: f"{e['restart_cpu_s']:.1f}"),
        ("re-ingest 1% / full ingest (goal ≤ 5%)",
         lambda e: f"{e['reingest_1pct_fraction']:.2%}"),
        ("  measured store + view s of it", lambda e: f"{e['reingest_1pct']['total_s']:.1f}"),
        ("full ingest, projected h", lambda e: f"{e['projected_ingest_s'] / 3600:.1f}"),
        ("chunks (per article)",
         lambda e: f"{e['build']['chunks']} ({e['build']['chunks_per_article']})"),
    ]  # fmt: skip
    lines = ["| simulated articles | " + " | ".join(sizes) + " |",
             "|---|" + "---|" * len(sizes)]  # fmt: skip
    for label, get in rows:
        cells = []
        for size in sizes:
            try:
                cells.append(get(simulated[size]))
            except (KeyError, TypeError, AttributeError):
                cells.append("–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for size in sizes:
        run = simulated[size].get("run", {})
        lines.append(
            f"{size}: {run.get('date')} · load {run.get('loadavg_before')} / "
            f"{run.get('loadavg_after')} · {run.get('duration_s')} s · {run.get('model')}"
        )
    return "\n".join(lines)


def measure_model(
    articles: Path,
    qfile: Path,
    scorer: Scorer,
    index: Path,
    *,
    seed: int,
    code: Path,
    model: str | None,
    prof: Any = lambda step: None,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Ingest and answer with one embedding model: rates, latency, accuracy, memory; with
    the ingest and ask steps' own results, which the workers and cluster runs compare with."""
    ing = worker(
        "ingest", code=code, index=index, articles=articles, seed=seed, profile=prof("ingest"),
        model=model,
    )  # fmt: skip
    ask = worker(
        "ask", code=code, index=index, articles=articles, questions=qfile, profile=prof("ask"),
        model=model,
    )  # fmt: skip
    entry = {**ingest_metrics(ing), **ask_metrics(ask, scorer)}
    entry["startup_s"] = ask["startup_s"]
    entry["peak_rss_mb"] = round(max(ing["peak_rss_mb"], ask["peak_rss_mb"]), 1)
    entry["ingest_peak_rss_mb"] = round(ing["peak_rss_mb"], 1)
    entry["ask_peak_rss_mb"] = round(ask["peak_rss_mb"], 1)
    entry["ask_memory_mb"] = ask.get("memory_mb")
    if model:
        entry["model"] = model
    return entry, ing, ask


def ingest_metrics(ing: dict[str, Any]) -> dict[str, Any]:
    """Derive the ingest figures of the results document from a worker's raw output."""
    ingest_s = ing["ingest_s"]
    pipeline_rate = ing["pipeline_texts_per_s"]
    return {
        "ingest_s": round(ingest_s, 2),
        "articles_per_s": round(ing["articles_per_s"], 2),
        "quotes_per_s": round(ing["quotes_per_s"], 2),
        "quotes_indexed": ing["quotes"],
        "embedded_texts": ing["embedded_texts"],
        "embedded_texts_per_article": round(ing["embedded_texts"] / max(1, ing["articles"]), 1),
        "embedding_share_of_ingest": round(ing["embed_s"] / ingest_s, 3) if ingest_s else None,
        # Older worker outputs lack the CPU figures; .get keeps them readable.
        "ingest_cpu_s": round(ing.get("ingest_cpu_s") or 0.0, 1) or None,
        "model_share_of_ingest_cpu": _ratio(
            ing.get("model_cpu_of_ingest_s"), ing.get("ingest_cpu_s")
        ),
        "pipeline_texts_per_s": round(pipeline_rate, 1),
        "model_sentences_per_s": round(ing["model_sentences_per_s"], 1),
        "pipeline_to_model_ratio": _ratio(pipeline_rate, ing["model_sentences_per_s"]),
        "reingest_unchanged_s": round(ing["reingest_unchanged_s"], 3),
        "reingest_unchanged_fraction": _ratio(ing["reingest_unchanged_s"], ingest_s, 4),
        "reingest_changed_1pct_s": round(ing["reingest_changed_s"], 3),
        "reingest_changed_files": ing["reingest_changed_files"],
        "reingest_changed_1pct_fraction": _ratio(ing["reingest_changed_s"], ingest_s, 4),
        "model_load_s": round(ing["load_s"], 2),
        "view_build_s": round(ing["view_build_s"], 1) if "view_build_s" in ing else None,
        "skipped_files": len(ing["skipped"]),
    }


def ask_metrics(ask: dict[str, Any], scorer: Scorer) -> dict[str, Any]:
    """Latency percentiles and accuracy of whosaid's answers."""
    answers = ask["answers"]
    ms = [a["ms"] for a in answers]
    by_type = scorer.score_pipeline(answers)
    found = sum(bool(a["found"]) for a in answers)
    if answers and not found:
        # Seen when the index was written by other code (the engine fingerprint differs).
        logger.warning("no question found an answer: is the index readable by this code?")
    return {
        "answered_fraction": _ratio(found, len(answers)),
        "ask_p50_ms": _percentile(ms, 50),
        "ask_p95_ms": _percentile(ms, 95),
        "ask_max_ms": round(max(ms), 1) if ms else None,
        **cpu_metrics(ask),
        "questions": len(answers),
        **by_type,
    }


def cpu_metrics(ask: dict[str, Any]) -> dict[str, Any]:
    """CPU time to the first answer and per answer: what a busy shared machine moves least."""
    cpu = [a["cpu_ms"] for a in ask["answers"] if "cpu_ms" in a]
    if not cpu:
        return {}
    return {
        "restart_cpu_s": round(ask["startup_cpu_s"], 2),
        "ask_cpu_p50_ms": _percentile(cpu, 50),
        "ask_cpu_p95_ms": _percentile(cpu, 95),
    }


def baseline_metrics(base: dict[str, Any], scorer: Scorer) -> dict[str, Any]:
    """Ingest time, latency and accuracy of the plain LangChain pipeline."""
    ms = [a["ms"] for a in base["answers"]]
    return {
        "ingest_s": round(base["ingest_s"], 2),
        "chunks": base["chunks"],
        "ask_p50_ms": _percentile(ms, 50),
        "ask_p95_ms": _percentile(ms, 95),
        **scorer.score_baseline(base["answers"]),
        "peak_rss_mb": round(base["peak_rss_mb"], 1),
    }


class Scorer:
    """Score answers against the generator's ground truth."""

    def __init__(self, truth: dict[str, Any]) -> None:
        self.questions = {q["id"]: q for q in truth["questions"]}
        self.names: dict[str, str] = {}
        self.surnames: dict[str, str] = {}
        for speaker in truth["speakers"]:
            for variant in speaker["variants"]:
                self.names[variant.lower()] = speaker["name"]
                if " " not in variant:
                    self.surnames[variant.lower()] = speaker["name"]
        # A fragment found in two quotes has two right answers: leave it out of the score.
        haystack = "\n".join(q["text"] for q in truth["quotes"]).lower()
        self.ambiguous = {
            q["id"] for q in truth["questions"]
            if q.get("fragment") and haystack.count(q["fragment"].lower()) != 1
        }  # fmt: skip
        self.quotes_by_file: dict[str, list[tuple[str, str]]] = {}
        for quote in truth["quotes"]:
            self.quotes_by_file.setdefault(quote["file"], []).append(
                (quote["text"], quote["speaker"])
            )

    def canonical(self, name: str | None) -> str | None:
        """Map a printed name to the generator's canonical speaker (None if unknown)."""
        if not name:
            return None
        key = " ".join(name.split()).lower()
        if key in self.names:
            return self.names[key]
        hits = {self.surnames[t] for t in re.findall(r"[\w'-]+", key) if t in self.surnames}
        return hits.pop() if len(hits) == 1 else None

    def score_pipeline(self, answers: list[dict[str, Any]]) -> dict[str, Any]:
        """Return accuracy per question type for whosaid's answers."""
        tallies: dict[str, list[bool]] = {"who_said": [], "about": [], "open": []}
        abstained = 0
        misses: list[dict[str, Any]] = []
        for answer in answers:
            q = self.questions[answer["id"]]
            if q["id"] in self.ambiguous:
                continue
            expected = set(q["expected_speakers"])
            speakers = [self.canonical(r["speaker"]) for r in answer["quotes"]]
            if q["type"] == "who_said":
                top = speakers[0] if speakers else None
                abstained += top is None
                tallies["who_said"].append(top in expected)
                if top not in expected and len(misses) < MISSES_SHOWN:
                    got = answer["quotes"][0] if answer["quotes"] else {}
                    misses.append(
                        {"question": q["question"], "expected": q["expected_speakers"][0],
                         "got": got.get("speaker"), "quote": got.get("text", "")[:120]}
                    )  # fmt: skip
            elif q["type"] == "about":
                ok = bool(speakers) and all(s in expected for s in speakers)
                tallies["about"].append(ok)
            else:
                tallies["open"].append(bool(speakers) and speakers[0] in expected)
        return {
            "speaker_accuracy": _mean(tallies["who_said"]),
            "who_said_abstained": abstained,
            "about_accuracy": _mean(tallies["about"]),
            "open_accuracy": _mean(tallies["open"]),
            "who_said_misses": misses,
        }

    def score_baseline(self, answers: list[dict[str, Any]]) -> dict[str, Any]:
        """Return accuracy per question type for the baseline's top chunks."""
        from bench.baseline import BaselineHit

        tallies: dict[str, list[bool]] = {"who_said": [], "about": [], "open": []}
        for answer in answers:
            q = self.questions[answer["id"]]
            if q["id"] in self.ambiguous:
                continue
            hit = BaselineHit(answer["text"], answer["file"]) if answer["text"] else None
            speaker = chunk_speaker(hit, q["question"], self.quotes_by_file)
            tallies[q["type"]].append(speaker in set(q["expected_speakers"]))
        return {
            "speaker_accuracy": _mean(tallies["who_said"]),
            "about_accuracy": _mean(tallies["about"]),
            "open_accuracy": _mean(tallies["open"]),
        }


def worker(
    step: str,
    *,
    index: Path,
    code: Path = ROOT,
    articles: Path,
    questions: Path | None = None,
    chroma: str | None = None,
    seed: int = 0,
    profile: str | None = None,
    extra: Sequence[str] = (),
    out_name: str | None = None,
    model: str | None = None,
) -> dict[str, Any]:
    """Run one ``bench.worker`` step in a fresh process and return its JSON result."""
    index.mkdir(parents=True, exist_ok=True)
    out = index / (out_name or f"{step}{'-server' if chroma else ''}.json")
    log = out.with_suffix(".log")
    cmd = [sys.executable, "-m", "bench.worker", step, "--data", str(index),
           "--articles", str(articles), "--out", str(out), "--seed", str(seed)]  # fmt: skip
    if questions:
        cmd += ["--questions", str(questions)]
    if chroma:
        cmd += ["--chroma", chroma]
    if profile:
        cmd += ["--profile", profile]
    cmd += list(extra)
    if model:
        cmd += ["--model", model]
    env = {k: v for k, v in os.environ.items() if not k.startswith("WHOSAID_")}
    env.update(
        PYTHONPATH=str(code), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false", ANONYMIZED_TELEMETRY="False",
    )  # fmt: skip
    cmd += ["--spawned", repr(time.time())]
    with log.open("w", encoding="utf-8") as stream:
        done = subprocess.run(cmd, cwd=code, env=env, stdout=stream, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise BenchError(f"worker {step} failed ({done.returncode}); log {log}:\n{tail}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def snapshot_code(target: Path) -> Path:
    """Copy the packages the workers import, so every step runs the same code.

    Ingest and answers run minutes apart; an edit in the working tree between them (the
    index records a fingerprint of the engine) would otherwise compare two different programs.
    """
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "articles")
    if target.exists():
        shutil.rmtree(target)
    for package in ("bench", "corpus", "retrieval"):
        shutil.copytree(ROOT / package, target / package, ignore=ignore)
    return target


@contextmanager
def chroma_server(path: Path, *, timeout: float = 90.0) -> Iterator[str]:
    """Start ``chroma run`` on 127.0.0.1 at a free port; yield ``host:port``; stop it."""
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        found = shutil.which("chroma")
        if found is None:
            raise BenchError("the chroma CLI is not installed")
        chroma = Path(found)
    path.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    log = (path / "server.log").open("w", encoding="utf-8")
    cmd = [str(chroma), "run", "--path", str(path / "db"), "--host", "127.0.0.1",
           "--port", str(port)]  # fmt: skip
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_for_heartbeat(port, process, timeout)
        yield f"127.0.0.1:{port}"
    finally:
        _stop(process)
        log.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server process, killing it if it has not gone within 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_for_heartbeat(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    url = f"http://127.0.0.1:{port}/api/v2/heartbeat"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"chroma run exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise BenchError(f"the Chroma server on port {port} did not answer within {timeout:.0f}s")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def machine_info(model: str | None = None) -> dict[str, Any]:
    """Describe the machine and the model the numbers were measured with."""
    from corpus.settings import DEFAULT_MODEL

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "model": model or DEFAULT_MODEL,
    }


def growth(sizes: dict[str, Any]) -> dict[str, Any] | None:
    """Compare the largest size with the one before it: corpus, latency and accuracy."""
    keys = sorted(sizes, key=int)
    if len(keys) < 2:
        return None
    small, large = sizes[keys[-2]], sizes[keys[-1]]
    return {
        "from": int(keys[-2]),
        "to": int(keys[-1]),
        "corpus_ratio": int(keys[-1]) / int(keys[-2]),
        "ask_p50_ratio": _ratio(large["ask_p50_ms"], small["ask_p50_ms"]),
        "ask_p95_ratio": _ratio(large["ask_p95_ms"], small["ask_p95_ms"]),
        "speaker_accuracy_change": round(large["speaker_accuracy"] - small["speaker_accuracy"], 3),
    }


def render_table(results: dict[str, Any]) -> str:
    """Render the results as a Markdown table (one column per corpus size)."""
    sizes = sorted(results["sizes"], key=int)
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, get: Any, fmt: str = "{}") -> None:
        cells = []
        for size in sizes:
            try:
                value = get(results["sizes"][size])
            except (KeyError, TypeError):
                value = None
            cells.append("–" if value is None else fmt.format(value))
        rows.append((label, cells))

    row("articles / files / quotes indexed", lambda e: None, "")
    rows[-1] = (rows[-1][0], [
        f"{s} / {results['sizes'][s]['files']} / {results['sizes'][s]['quotes_indexed']}"
        for s in sizes
    ])  # fmt: skip
    row("ingest s (articles/s)", lambda e: f"{e['ingest_s']:.1f} ({e['articles_per_s']:.2f})")
    row("quotes/s", lambda e: e["quotes_per_s"], "{:.1f}")
    row("embedded texts per article", lambda e: e["embedded_texts_per_article"])
    row("embedding share of ingest", lambda e: e["embedding_share_of_ingest"], "{:.0%}")
    row("model share of ingest CPU", lambda e: e.get("model_share_of_ingest_cpu"), "{:.0%}")
    row("model alone, texts/s", lambda e: e["model_sentences_per_s"], "{:.1f}")
    row("pipeline/model ratio (goal ≥ 0.85)", lambda e: e["pipeline_to_model_ratio"], "{:.2f}")
    row("re-ingest unchanged (goal ≤ 2%)", lambda e: e["reingest_unchanged_fraction"], "{:.1%}")
    row("re-ingest 1% changed (goal ≤ 5%)", lambda e: e["reingest_changed_1pct_fraction"],
        "{:.1%}")  # fmt: skip
    row("ask p50 / p95 ms (goal 1k ≤ 35 / 60, 10k ≤ 40 / 100)",
        lambda e: f"{e['ask_p50_ms']:.0f} / {e['ask_p95_ms']:.0f}")  # fmt: skip
    row("questions answered (found)", lambda e: e["answered_fraction"], "{:.0%}")
    row("speaker accuracy, who said (goal ≥ 95%)", lambda e: e["speaker_accuracy"], "{:.0%}")
    row("what did X say about Y: all quotes by X", lambda e: e["about_accuracy"], "{:.0%}")
    row("open questions: top quote by a right speaker", lambda e: e["open_accuracy"], "{:.0%}")
    row("peak RSS MB ingest / answering",
        lambda e: f"{e['ingest_peak_rss_mb']:.0f} / {e['ask_peak_rss_mb']:.0f}")  # fmt: skip
    row("view build after ingest s", lambda e: e.get("view_build_s"), "{:.1f}")
    row("start-up to first answer s", lambda e: e["startup_s"], "{:.1f}")
    row("baseline ingest s", lambda e: e["baseline"]["ingest_s"], "{:.1f}")
    row(
        "baseline ask p50 / p95 ms",
        lambda e: f"{e['baseline']['ask_p50_ms']:.0f} / {e['baseline']['ask_p95_ms']:.0f}",
    )
    row("baseline speaker accuracy", lambda e: e["baseline"]["speaker_accuracy"], "{:.0%}")
    row("whosaid/baseline: ingest time", lambda e: e["vs_baseline"]["ingest_time_ratio"],
        "{:.2f}×")  # fmt: skip
    row("whosaid/baseline: ask p50", lambda e: e["vs_baseline"]["ask_p50_ratio"], "{:.2f}×")
    row(
        "server: ingest s (articles/s)",
        lambda e: f"{e['server']['ingest_s']:.1f} ({e['server']['articles_per_s']:.2f})",
    )
    row(
        "server: ask p50 / p95 ms",
        lambda e: f"{e['server']['ask_p50_ms']:.0f} / {e['server']['ask_p95_ms']:.0f}",
    )
    row("server: speaker accuracy", lambda e: e["server"]["speaker_accuracy"], "{:.0%}")
    others = dict.fromkeys(m for s in sizes for m in results["sizes"][s].get("models", {}))
    for model in others:

        def of(e: dict[str, Any], model: str = model) -> dict[str, Any]:
            return e["models"][model]  # type: ignore[no-any-return]

        row(
            f"{model}: ingest s (articles/s)",
            lambda e, of=of: f"{of(e)['ingest_s']:.1f} ({of(e)['articles_per_s']:.2f})",
        )
        row(
            f"{model}: model alone, texts/s",
            lambda e, of=of: of(e)["model_sentences_per_s"],
            "{:.1f}",
        )
        row(
            f"{model}: ask p50 / p95 ms",
            lambda e, of=of: f"{of(e)['ask_p50_ms']:.0f} / {of(e)['ask_p95_ms']:.0f}",
        )
        row(
            f"{model}: speaker accuracy, who said",
            lambda e, of=of: of(e)["speaker_accuracy"],
            "{:.0%}",
        )
        row(f"{model}: open questions", lambda e, of=of: of(e)["open_accuracy"], "{:.0%}")
        row(
            f"{model}: peak RSS MB ingest / answering",
            lambda e, of=of: f"{of(e)['ingest_peak_rss_mb']:.0f} / {of(e)['ask_peak_rss_mb']:.0f}",
        )

    width = max(len(label) for label, _ in rows)
    cell = max(12, *(len(c) for _, cells in rows for c in cells))
    head = f"| {'articles':<{width}} | " + " | ".join(f"{s:>{cell}}" for s in sizes) + " |"
    rule = f"|{'-' * (width + 2)}|" + "|".join("-" * (cell + 2) for _ in sizes) + "|"
    lines = [head, rule]
    lines += [f"| {label:<{width}} | " + " | ".join(f"{c:>{cell}}" for c in cells) + " |"
              for label, cells in rows]  # fmt: skip
    machine = results["machine"]
    lines.append("")
    lines.append(f"{machine['cores']} cores ({machine['cpu']}) · {machine['model']}")
    runs: dict[Any, list[str]] = {}
    for size in sizes:
        record = results["sizes"][size].get("run") or run_record(results)
        runs.setdefault(tuple(map(str, record.values())), []).append(size)
    for values, measured in runs.items():
        date, before, after, duration = values
        lines.append(
            f"{', '.join(measured)} articles: {date} · load average before/after {before} / "
            f"{after} · run took {duration} s"
        )
    if results.get("growth"):
        g = results["growth"]
        lines.append(
            f"from {g['from']} to {g['to']} articles ({g['corpus_ratio']:.0f}×): ask p50 "
            f"×{g['ask_p50_ratio']}, p95 ×{g['ask_p95_ratio']}, speaker accuracy "
            f"{g['speaker_accuracy_change']:+.1%}"
        )
    return "\n".join(lines)


def _models(text: str) -> list[str]:
    from corpus.settings import MODEL_NAMES

    models = [m.strip() for m in text.split(",") if m.strip()]
    unknown = [m for m in models if m not in MODEL_NAMES and not Path(m).is_dir()]
    if not models or unknown:
        raise argparse.ArgumentTypeError(
            f"models must be among {', '.join(sorted(set(MODEL_NAMES.values())))} or directories"
        )
    return [MODEL_NAMES.get(m, m) for m in models]


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            "expected comma-separated numbers, e.g. 100,1000"
        ) from exc
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def _percentile(values: Sequence[float], pct: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[pct - 1], 1)


def _mean(flags: Sequence[bool]) -> float | None:
    return round(sum(flags) / len(flags), 3) if flags else None


def _ratio(a: float | None, b: float | None, digits: int = 3) -> float | None:
    if a is None or not b:
        return None
    return round(a / b, digits)


if __name__ == "__main__":
    raise SystemExit(main())
