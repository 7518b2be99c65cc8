"""One measured step of the benchmark, run in its own process by ``bench.run``.

A fresh process per step makes peak memory (``ru_maxrss`` of the process itself) and start-up
(process start to first answer) honest. Each step writes one JSON object to ``--out``.

    python -m bench.worker ingest   --articles DIR --data DIR --out FILE [--chroma HOST:PORT]
    python -m bench.worker ask      --data DIR --questions FILE --out FILE [--chroma HOST:PORT]
    python -m bench.worker baseline --articles DIR --data DIR --questions FILE --out FILE

``--model NAME`` embeds with another model than the default (``WHOSAID_EMBEDDING_MODEL``).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import pstats
import random
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

logger = logging.getLogger(__name__)

MODEL_SAMPLE = 2000  # texts re-embedded to measure the model's own throughput
WARMUP = 5


class RecordingEmbeddings(Embeddings):
    """Wrap an ``Embeddings`` and record what it embedded and how long that took.

    It is the model to the store: the model's identity (what the index records) and its
    cosine scale are the wrapped model's.
    """

    def __init__(self, inner: Embeddings) -> None:
        from corpus.embeddings import runtime_of, scale_of

        self.inner = inner
        self.runtime = runtime_of(inner)
        self.scale = scale_of(inner)
        self.texts: list[str] = []
        self.seconds = 0.0
        self.queries = 0
        self.query_seconds = 0.0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts, recording them."""
        start = time.perf_counter()
        out = self.inner.embed_documents(texts)
        self.seconds += time.perf_counter() - start
        self.texts.extend(texts)
        return out

    def embed_query(self, text: str) -> list[float]:
        """Embed one query, recording the time."""
        start = time.perf_counter()
        out = self.inner.embed_query(text)
        self.query_seconds += time.perf_counter() - start
        self.queries += 1
        return out


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _settings(args: argparse.Namespace) -> Any:
    from retrieval import RetrievalSettings

    values: dict[str, Any] = {"data_dir": Path(args.data)}
    if getattr(args, "model_threads", None) is not None:
        values["ingest_threads"] = args.model_threads
    if getattr(args, "model", None):
        values["embedding_model"] = args.model
    if getattr(args, "articles", None):
        values["articles_dir"] = Path(args.articles)
    if args.chroma:
        host, _, port = args.chroma.rpartition(":")
        values.update(chroma_host=host, chroma_port=int(port))
    return RetrievalSettings(_env_file=None, **values)


def _time_model(model: Embeddings, texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds the model alone takes to embed ``texts``."""
    start, cpu_start = time.perf_counter(), time.process_time()
    model.embed_documents(texts)
    return time.perf_counter() - start, time.process_time() - cpu_start


def run_ingest(
    args: argparse.Namespace, *, embeddings: Embeddings | None = None
) -> dict[str, Any]:
    """Ingest a corpus: full, again unchanged, again with 1% of files changed; model speed.

    ``embeddings`` replaces the real model (tests only); by default the one factory is used.
    """
    from bench.generate import touch_directory
    from corpus.embeddings import make_embeddings
    from corpus.ingest import ingest
    from corpus.store import open_store

    settings = _settings(args)
    started = time.perf_counter()
    recorder = RecordingEmbeddings(embeddings or make_embeddings(settings))
    store = open_store(settings, recorder)
    load_s = time.perf_counter() - started
    paths = [Path(args.articles)]
    batch = settings.ingest_batch_articles

    workers = _workers(args, settings)
    profiler = cProfile.Profile() if args.profile else None
    start, cpu_start = time.perf_counter(), time.process_time()
    children_start = _children_cpu()
    if profiler:
        profiler.enable()
    report = ingest(paths, store=store, batch_articles=batch, workers=workers)
    if profiler:
        profiler.disable()
    ingest_s = time.perf_counter() - start
    # CPU seconds of every thread: on two cores parsing and the model share the same CPU, so
    # this says how much of the ingest's work is the model's and bounds the overlap's gain.
    ingest_cpu_s = time.process_time() - cpu_start + _children_cpu() - children_start
    rss = peak_rss_mb()
    embedded = list(recorder.texts)
    if workers is not None:  # the workers embedded; the texts are the chunks written
        embedded = [text for _, text, _ in store.chunk_records()]
    embed_s = recorder.seconds
    articles = len(report.added) + len(report.updated)
    if args.ingest_only:
        return {
            "workers": workers.count if workers is not None else 1,
            "ingest_s": ingest_s,
            "articles": articles,
            "quotes": report.quotes,
            "articles_per_s": articles / ingest_s if ingest_s else 0.0,
            "peak_rss_mb": rss,
            "view_build_s": _build_view(settings, store),
        }

    sample = random.Random(0).sample(embedded, min(MODEL_SAMPLE, len(embedded)))
    recorder.inner.embed_documents(sample[:32])  # warm-up
    first_model = _time_model(recorder.inner, sample)

    start = time.perf_counter()
    again = ingest(paths, store=store, batch_articles=batch)
    unchanged_s = time.perf_counter() - start

    touched = touch_directory(Path(args.articles), 0.01, seed=args.seed)
    start = time.perf_counter()
    changed = ingest(paths, store=store, batch_articles=batch)
    changed_s = time.perf_counter() - start

    # The model's own throughput on the same texts, in the same batches, nothing else around:
    # timed twice with the re-ingests between, and the two averaged, so a load change on a
    # shared machine during the long ingest moves the ratio less than one timing would.
    second_model = _time_model(recorder.inner, sample)
    model_s = (first_model[0] + second_model[0]) / 2
    model_cpu_s = (first_model[1] + second_model[1]) / 2
    model_rate = len(sample) / model_s if model_s else 0.0
    # The model's CPU cost of the ingest's own texts, at the rate measured alone.
    model_cpu_of_ingest = model_cpu_s * len(embedded) / len(sample) if sample else 0.0

    out: dict[str, Any] = {
        "workers": workers.count if workers is not None else 1,
        "model_threads": settings.ingest_threads,
        "load_s": load_s,
        "ingest_s": ingest_s,
        "ingest_cpu_s": ingest_cpu_s,
        "model_cpu_of_ingest_s": model_cpu_of_ingest,
        "articles": articles,
        "quotes": report.quotes,
        "speakers": len(report.speakers),
        "skipped": [str(e) for e in report.skipped],
        "embedded_texts": len(embedded),
        "embedded_chars": sum(len(t) for t in embedded),
        "embed_s": embed_s,
        "articles_per_s": articles / ingest_s if ingest_s else 0.0,
        "quotes_per_s": report.quotes / ingest_s if ingest_s else 0.0,
        "pipeline_texts_per_s": len(embedded) / ingest_s if ingest_s else 0.0,
        "model_sentences_per_s": model_rate,
        "model_sample": len(sample),
        "reingest_unchanged_s": unchanged_s,
        "reingest_unchanged_report": again.summary(),
        "reingest_changed_files": len(touched),
        "reingest_changed_s": changed_s,
        "reingest_changed_report": changed.summary(),
        "peak_rss_mb": rss,
        "view_build_s": _build_view(settings, store),
    }
    if profiler:
        out["profile"] = _profile_text(profiler, args.profile)
    return out


def _workers(args: argparse.Namespace, settings: Any) -> Any:
    """The ingest's worker processes (``--workers``), each with the real model."""
    import functools

    from corpus.embeddings import make_embeddings
    from corpus.workers import Workers

    if args.cluster:
        from corpus.cluster import cluster_workers

        return cluster_workers(args.cluster, functools.partial(make_embeddings, settings))
    if args.workers <= 1:
        return None
    return Workers(args.workers, functools.partial(make_embeddings, settings), start_after=0)


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the ingest's workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def memory_mb() -> dict[str, float]:
    """Resident memory now, split into anonymous and file-backed (mapped files) pages."""
    out: dict[str, float] = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        pass
    return out


def _build_view(settings: Any, store: Any) -> float:
    """Build and cache the answering view, as ``whosaid ingest`` does when it finishes.

    So the ask step's start-up is a restart over an ingested index, as in the product, and
    the view's one-off cost after an ingest is measured on its own.
    """
    from retrieval.service import IndexService

    start = time.perf_counter()
    IndexService(settings, store, store.embeddings)
    return time.perf_counter() - start


def run_ask(args: argparse.Namespace, *, embeddings: Embeddings | None = None) -> dict[str, Any]:
    """Open the service, answer the questions after a warm-up, and time each answer."""
    from retrieval import open_service

    questions = json.loads(Path(args.questions).read_text(encoding="utf-8"))
    settings = _settings(args)
    service = open_service(settings, embeddings=embeddings)
    first = service.ask(questions[0]["question"])
    startup_s = time.time() - args.spawned if args.spawned else None
    # CPU seconds from the process's start to its first answer, and per answer below: on a
    # shared machine wall times follow the load, CPU times much less.
    startup_cpu_s = time.process_time()
    first_answer_at = time.perf_counter()
    # Warm-up questions are not in the measured set: the query-embedding cache must not help.
    for n in range(WARMUP):
        service.ask(f"Who said anything about warm-up number {n}?")
    profiler = cProfile.Profile() if args.profile else None
    answers = []
    for q in questions:
        if profiler:
            profiler.enable()
        start, cpu_start = time.perf_counter(), time.process_time()
        answer = service.ask(q["question"])
        ms = (time.perf_counter() - start) * 1000
        cpu_ms = (time.process_time() - cpu_start) * 1000
        if profiler:
            profiler.disable()
        answers.append(
            {
                "id": q["id"],
                "ms": ms,
                "cpu_ms": cpu_ms,
                "found": answer.found,
                "speaker": answer.speaker,
                "quotes": [
                    {"speaker": r.speaker, "text": r.text, "kind": r.kind} for r in answer.quotes
                ],
            }
        )
    out: dict[str, Any] = {
        "startup_s": startup_s,
        "startup_cpu_s": startup_cpu_s,
        "memory_mb": memory_mb(),
        "first_found": first.found,
        "warm_s": time.perf_counter() - first_answer_at,
        "answers": answers,
        "peak_rss_mb": peak_rss_mb(),
    }
    if profiler:
        out["profile"] = _profile_text(profiler, args.profile)
    service.close()
    return out


def run_baseline(
    args: argparse.Namespace, *, embeddings: Embeddings | None = None
) -> dict[str, Any]:
    """Ingest with the plain LangChain pipeline, then answer the same questions."""
    from bench.baseline import BaselinePipeline
    from corpus.embeddings import make_embeddings
    from corpus.loaders import discover

    settings = _settings(args)
    pipeline = BaselinePipeline(
        embeddings or make_embeddings(settings), persist_directory=Path(args.data) / "baseline"
    )
    files = discover([Path(args.articles)])
    start = time.perf_counter()
    chunks = pipeline.ingest(files)
    ingest_s = time.perf_counter() - start
    questions = json.loads(Path(args.questions).read_text(encoding="utf-8"))
    for n in range(WARMUP):
        pipeline.ask(f"Who said anything about warm-up number {n}?")
    answers = []
    for q in questions:
        start = time.perf_counter()
        hit = pipeline.ask(q["question"])
        ms = (time.perf_counter() - start) * 1000
        answers.append(
            {"id": q["id"], "ms": ms, "file": hit.file if hit else None,
             "text": hit.text if hit else None}
        )  # fmt: skip
    return {
        "ingest_s": ingest_s,
        "chunks": chunks,
        "answers": answers,
        "peak_rss_mb": peak_rss_mb(),
    }


def run_simulate(args: argparse.Namespace) -> dict[str, Any]:
    """Build a simulated index of ``--size`` articles (``bench.simulate``)."""
    from bench.simulate import build

    result = build(Path(args.data), args.size, seed=args.seed)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def run_reingest(args: argparse.Namespace) -> dict[str, Any]:
    """Change 1% of a simulated index's articles and time what ingest does besides the model."""
    from bench.simulate import reingest

    result = reingest(Path(args.data), args.size, 0.01, seed=args.seed)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def _profile_text(profiler: cProfile.Profile, path: str) -> str:
    profiler.dump_stats(path)
    with open(path + ".txt", "w", encoding="utf-8") as stream:
        stats = pstats.Stats(profiler, stream=stream)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)
    return path + ".txt"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse a worker command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("step", choices=("ingest", "ask", "baseline", "simulate", "reingest"))
    parser.add_argument("--articles")
    parser.add_argument("--data", required=True)
    parser.add_argument("--questions")
    parser.add_argument("--out", required=True)
    parser.add_argument("--chroma", help="HOST:PORT of a Chroma server")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--spawned", type=float, help="time.time() when the parent spawned us")
    parser.add_argument("--profile", help="write a cProfile of the measured part here")
    parser.add_argument("--workers", type=int, default=1, help="ingest worker processes")
    parser.add_argument("--model-threads", type=int, help="onnxruntime threads per model")
    parser.add_argument("--size", type=int, help="simulate: how many articles")
    parser.add_argument("--cluster", help="ingest on the workers of this Dask scheduler")
    parser.add_argument(
        "--ingest-only", action="store_true", help="ingest: no re-ingests, no model timing"
    )
    parser.add_argument("--model", help="the embedding model (default: the product's)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one step and write its JSON result."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    step = {
        "ingest": run_ingest,
        "ask": run_ask,
        "baseline": run_baseline,
        "simulate": run_simulate,
        "reingest": run_reingest,
    }[args.step]
    result = step(args)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
