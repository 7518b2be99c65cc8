"""Fit an embedding model's :class:`corpus.embeddings.CosineScale`: its cosines onto MiniLM's.

The answering side's thresholds and ranking weights were set on all-MiniLM-L6-v2's cosines.
Another model spreads its cosines differently (multilingual-e5-small: unrelated texts near
0.75, not 0.1), so its cosines are mapped onto MiniLM's by one affine map, fitted here once:
both models embed the same chunks and the same search texts; the map sends each quantile of
the model's question-chunk cosines to the same quantile of MiniLM's (a straight line fitted
through the quantiles, the upper tail weighted as much as the bulk: thresholds live there).
Equal rank among the candidates, equal score.

Each corpus is ``ARTICLES=QUERIES``: an article directory (or file), and either a question
file (the search texts are those the service embeds while answering it) or ``headlines``
(each article's first line, as a topic search). Build only on text you may shape the code on:
the public dev sets and PolNeAR's build half (``eval/polnear_split.py``), never held-out text.

    python -m bench.calibrate --model multilingual-e5-small --work /tmp/calibrate \\
        ../shared/data/polnear/dev/text=../shared/eval/news_dev_questions.yaml \\
        ../shared/corpus/kazakhstan-unrest-2022-01-06.txt=../shared/eval/dev_questions.yaml \\
        /tmp/polnear-build/text=headlines

Indexes are kept under ``--work`` and used as they are when there (delete one to rebuild
it: the chunks change little from one engine to the next, the cosines not at all). The fitted
map
and its record (data, quantiles, the right quotes' cosines before and after) are printed as
JSON, and written to ``--out`` if given.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from corpus.embeddings import CachedQueryEmbeddings, make_embeddings, runtime_of, scale_of
from corpus.settings import MINILM_MODEL
from corpus.store import Store
from retrieval.evaluation import load_questions
from retrieval.settings import RetrievalSettings

logger = logging.getLogger(__name__)

REFERENCE = MINILM_MODEL
# Quantiles 1 - 10^-t: as many points between the median and the top 1% as above it.
QUANTILES = 1.0 - 10.0 ** -np.linspace(0.3, 4.0, 38)


class Recording(Embeddings):
    """Embeddings that remember the search texts a service embeds (and are the model)."""

    def __init__(self, inner: CachedQueryEmbeddings) -> None:
        self.inner = inner
        self.runtime = runtime_of(inner)
        self.scale = scale_of(inner)
        self.queries: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed chunks (the ingest's)."""
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        """Embed a search text, remembering it."""
        self.queries.append(text)
        return self.inner.embed_query(text)


@dataclass(slots=True)
class Corpus:
    """One corpus as both models see it: aligned chunks, the search texts, the right chunks."""

    name: str
    keys: list[tuple[str, int, int, str]]
    texts: list[str]
    vectors: dict[str, np.ndarray]  # model -> (chunks, dim)
    queries: list[str]
    right: list[tuple[int, list[int]]]  # (query index, chunks holding its answer)


def _settings(work: Path, name: str, model: str, articles: Path) -> RetrievalSettings:
    return RetrievalSettings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=work / f"{name}-{model.replace('/', '_')}",
        articles_dir=articles,
        embedding_model=model,
    )


def _live(store: Store) -> tuple[list[tuple[str, int, int, str]], list[str], np.ndarray]:
    articles = {a.doc_id: a.generation for a in store.articles()}
    rows = [
        (cid, text, record)
        for cid, text, record in store.chunk_records()
        if articles.get(record.doc_id) == record.generation
    ]
    rows.sort(key=lambda r: (r[2].doc_id, r[2].start, r[2].type))
    ids, matrix = store.vectors([cid for cid, _, _ in rows])
    order = {cid: i for i, cid in enumerate(ids)}
    keys = [(r.doc_id, r.start, r.end, str(r.type)) for _, _, r in rows]
    return keys, [t for _, t, _ in rows], matrix[[order[cid] for cid, _, _ in rows]]


def load_corpus(work: Path, spec: str, models: list[str]) -> Corpus:
    """Ingest one corpus with every model (unchanged files are skipped) and align them."""
    from retrieval.service import IndexService, open_service

    path, _, queries_spec = spec.partition("=")
    articles = Path(path)
    name = articles.stem if articles.is_file() else articles.parent.name + "-" + articles.name
    per_model: dict[str, tuple[list[tuple[str, int, int, str]], list[str], np.ndarray]] = {}
    recorded: list[str] = []
    items: list[dict[str, Any]] = []
    for model in models:
        settings = _settings(work, name, model, articles)
        embeddings = Recording(make_embeddings(settings))
        service: IndexService = open_service(settings, embeddings=embeddings)
        if not service.view.articles:  # an index already there is used as it is
            service.ingest([articles])
        if queries_spec != "headlines" and not recorded:
            items = load_questions(Path(queries_spec))
            for item in items:
                service.ask(str(item["q"]))
            recorded = list(dict.fromkeys(embeddings.queries))
        per_model[model] = _live(service.store)
        service.close()
    keys = set.intersection(*(set(k) for k, _, _ in per_model.values()))
    first = per_model[models[0]]
    index = [i for i, k in enumerate(first[0]) if k in keys]
    aligned_keys = [first[0][i] for i in index]
    vectors = {}
    for model, (model_keys, _, matrix) in per_model.items():
        where = {k: i for i, k in enumerate(model_keys)}
        vectors[model] = matrix[[where[k] for k in aligned_keys]]
    texts = [first[1][i] for i in index]
    if queries_spec == "headlines":
        files = sorted(articles.glob("*.txt")) if articles.is_dir() else [articles]
        recorded = [f.read_text(encoding="utf-8").strip().splitlines()[0].strip() for f in files]
    right: list[tuple[int, list[int]]] = []
    for item in items:
        wanted = [c.lower() for c in item.get("contains") or []]
        chunks = [i for i, t in enumerate(texts) if any(w in t.lower() for w in wanted)]
        question = str(item["q"])
        # The search text the service embedded for it: the longest recorded one inside it.
        inside = [q for q in recorded if q and q.lower() in question.lower()]
        if chunks and inside:
            right.append((recorded.index(max(inside, key=len)), chunks))
    return Corpus(name, aligned_keys, texts, vectors, recorded, right)


def cosines(corpus: Corpus, model: str, embeddings: Embeddings) -> np.ndarray:
    """Return the (queries, chunks) cosines of one model."""
    queries = np.asarray([embeddings.embed_query(q) for q in corpus.queries], dtype=np.float32)
    result: np.ndarray = queries @ corpus.vectors[model].T
    return result


def fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float, list[list[float]]]:
    """Fit y's quantiles as a line in x's quantiles; return slope, offset and the points."""
    qx, qy = np.quantile(x, QUANTILES), np.quantile(y, QUANTILES)
    slope, offset = np.polyfit(qx, qy, 1)
    points = [
        [round(float(q), 5), round(float(a), 4), round(float(b), 4)]
        for q, a, b in zip(QUANTILES, qx, qy, strict=True)
    ]
    return float(slope), float(offset), points


def main(argv: list[str] | None = None) -> int:
    """Fit and print one model's cosine scale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", help="ARTICLES=QUESTIONS.yaml or ARTICLES=headlines")
    parser.add_argument("--model", required=True, help="the model to map onto MiniLM's scale")
    parser.add_argument("--work", type=Path, required=True, help="where the indexes are kept")
    parser.add_argument("--out", type=Path, help="also write the record here (JSON)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    models = [args.model, REFERENCE]
    loaded = {m: make_embeddings(_settings(args.work, "q", m, Path("."))) for m in models}
    xs, ys, record_corpora = [], [], []
    right_x, right_y = [], []
    for spec in args.corpora:
        corpus = load_corpus(args.work, spec, models)
        x = cosines(corpus, args.model, loaded[args.model])
        y = cosines(corpus, REFERENCE, loaded[REFERENCE])
        xs.append(x.ravel())
        ys.append(y.ravel())
        for q, chunks in corpus.right:
            right_x.append(float(x[q, chunks].max()))
            right_y.append(float(y[q, chunks].max()))
        record_corpora.append(
            {
                "corpus": spec,
                "chunks": len(corpus.texts),
                "search_texts": len(corpus.queries),
                "with_right_chunk": len(corpus.right),
            }
        )
    slope, offset, points = fit(np.concatenate(xs), np.concatenate(ys))
    mapped = [slope * v + offset for v in right_x]
    record = {
        "model": args.model,
        "reference": REFERENCE,
        "slope": round(slope, 4),
        "offset": round(offset, 4),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "corpora": record_corpora,
        "pairs": int(sum(len(x) for x in xs)),
        "right_chunk_cosine_mean": {
            args.model: round(float(np.mean(right_x)), 4) if right_x else None,
            f"{args.model} mapped": round(float(np.mean(mapped)), 4) if mapped else None,
            REFERENCE: round(float(np.mean(right_y)), 4) if right_y else None,
        },
        "quantiles": {"columns": ["quantile", args.model, REFERENCE], "rows": points},
    }
    text = json.dumps(record, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
