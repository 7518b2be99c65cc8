"""Build an index of N simulated articles without the quote engine or the model.

For sizes a real ingest cannot reach on the benchmark machine (100,000 articles would take
about seven hours), the answering side is measured over an index written straight into the
store and the view: the generator's articles (``bench.generate``), their quotes taken from its
truth instead of the quote engine, cut by the real chunker (``corpus.chunks``), and vectors
drawn from a sample of real embeddings of the same kind of text, each perturbed (a random
vector of a tenth of its length added, then normalised), so that no two chunks share one and
the nearest-neighbour graph is as crowded as a real one. Store writes, the commit and the
view are the product's own code; only attribution and embedding are skipped.

    python -m bench.simulate --articles 100000 --data DIR [--seed 0] [--sample 200]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench.generate import GeneratedCorpus, TruthQuote, _Article, _Writer, make_questions
from corpus.chunks import Chunk, make_chunks
from corpus.generation import generation
from corpus.models import Article, Paragraph, ParsedArticle, Quote

logger = logging.getLogger(__name__)

BATCH_ARTICLES = 500  # articles per store write
NOISE = 0.1  # the perturbation's length, relative to the unit vector it is added to


@dataclass(frozen=True, slots=True)
class Simulated:
    """One simulated article: parsed as the engine would have, and its chunks."""

    parsed: ParsedArticle
    chunks: list[Chunk]


def simulated_article(art: _Article, *, runtime: str, revision: int = 0) -> Simulated:
    """Turn a generated article into what ingest would have made of it.

    ``revision`` > 0 appends a sentence, as an edited article would have: a new generation.
    """
    paragraphs = list(art.paragraphs)
    if revision:
        paragraphs.append(f"This article was updated (revision {revision}).")
    text = ""
    spans: list[Paragraph] = []
    head = f"{art.title}\n\n"
    text = head
    for number, paragraph in enumerate(paragraphs, start=1):
        start = len(text)
        text += paragraph
        spans.append(Paragraph(number, start, len(text)))
        text += "\n\n"
    raw = text.encode()
    article = Article(
        doc_id=f"sim{art.index:08d}",
        path=f"/simulated/{art.index + 1:08d}.txt",
        text=text,
        paragraphs=tuple(spans),
        content_hash=hashlib.sha256(raw).hexdigest(),
        title=art.title,
        date=art.date.isoformat(),
        url=f"https://{art.outlet[2]}/news/{art.index + 1}",
        outlet=art.outlet[0],
        author=art.author,
        language="en",
    )
    quotes = []
    cursor = len(head)
    for truth in art.quotes:
        start = text.find(truth.text, cursor)
        if start < 0:
            start = text.find(truth.text)
        if start < 0:
            continue
        end = start + len(truth.text)
        cursor = end
        number = next((p.number for p in spans if p.start <= start < p.end), 1)
        quotes.append(
            Quote(
                start=start,
                end=end,
                text=truth.text,
                kind=truth.kind,  # type: ignore[arg-type]
                paragraph=number,
                speaker=_printed(truth),
                role=truth.role,
                mention=_printed(truth),
                cue="said",
                confidence=0.9,
            )
        )
    quotes.sort(key=lambda q: q.start)
    parsed = ParsedArticle(article, quotes)
    return Simulated(parsed, make_chunks(parsed, generation(article, runtime)))


def _printed(truth: TruthQuote) -> str:
    # The engine resolves "he" and "the minister" to the name it stands for.
    printed = truth.printed_as
    return printed if printed[:1].isupper() else truth.speaker


def generated(count: int, *, seed: int) -> Iterator[_Article]:
    """Yield the generator's first ``count`` articles (the same as ``bench.generate``'s)."""
    writer = _Writer(seed)
    for index in range(count):
        art, _ = writer.article(index)
        yield art


class VectorSample:
    """Real embeddings of simulated chunks, handed out perturbed, one per chunk."""

    def __init__(self, vectors: np.ndarray, quote: np.ndarray, *, seed: int) -> None:
        self.vectors = vectors.astype(np.float32)
        self.quote = quote
        self.rng = np.random.default_rng(seed)

    @classmethod
    def embed(cls, sample: Sequence[Simulated], embeddings: Any, *, seed: int) -> VectorSample:
        """Embed the chunks of a few simulated articles with the real model."""
        chunks = [c for s in sample for c in s.chunks]
        vectors = np.asarray(embeddings.embed_documents([c.text for c in chunks]), np.float32)
        quote = np.asarray([c.record.is_quote for c in chunks], dtype=bool)
        return cls(vectors, quote, seed=seed)

    def draw(self, chunks: Sequence[Chunk]) -> np.ndarray:
        """Return a perturbed sample vector of the same type (quote or passage) per chunk."""
        quotes = np.flatnonzero(self.quote)
        passages = np.flatnonzero(~self.quote)
        out = np.zeros((len(chunks), self.vectors.shape[1]), dtype=np.float32)
        for n, chunk in enumerate(chunks):
            pool = quotes if chunk.record.is_quote and quotes.size else passages
            out[n] = self.vectors[pool[self.rng.integers(pool.size)]]
        noise = self.rng.standard_normal(out.shape).astype(np.float32)
        noise *= NOISE / np.linalg.norm(noise, axis=1, keepdims=True)
        out += noise
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out


def build(
    data: Path,
    count: int,
    *,
    seed: int = 0,
    sample: int = 200,
    questions: int = 60,
    embeddings: Any = None,
) -> dict[str, Any]:
    """Write ``count`` simulated articles into the store and the view under ``data``.

    ``embeddings`` replaces the real model (tests only). Returns the timings, the chunk
    counts and where the questions were written.
    """
    from corpus.embeddings import make_embeddings
    from corpus.store import open_store
    from retrieval import RetrievalSettings
    from retrieval.service import IndexService

    settings = RetrievalSettings(_env_file=None, data_dir=data, articles_dir=data / "articles")
    model = embeddings or make_embeddings(settings)
    store = open_store(settings, model)
    started = time.perf_counter()
    first = [
        simulated_article(a, runtime=store.runtime)
        for a in generated(min(sample, count), seed=seed)
    ]
    vectors = VectorSample.embed(first, model, seed=seed)
    sample_s = time.perf_counter() - started

    quotes: list[TruthQuote] = []
    chunks_written = 0
    store_s = 0.0
    batch: list[Simulated] = []
    write_started = time.perf_counter()
    with store.writing():
        for art in generated(count, seed=seed):
            quotes.extend(art.quotes)
            batch.append(simulated_article(art, runtime=store.runtime))
            if len(batch) >= BATCH_ARTICLES:
                chunks_written += _write(store, batch, vectors)
                batch = []
        if batch:
            chunks_written += _write(store, batch, vectors)
        store.mark_committed()
    store_s = time.perf_counter() - write_started
    logger.info("store: %d articles, %d chunks in %.0f s", count, chunks_written, store_s)

    view_started = time.perf_counter()
    IndexService(settings, store, model)  # syncs the view with the store, as ingest does
    view_s = time.perf_counter() - view_started

    corpus = GeneratedCorpus(data, data / "articles", data / "truth.json", [], quotes)
    asked = make_questions(corpus, questions, seed=seed)
    qfile = data / "questions.json"
    qfile.write_text(json.dumps([asdict(q) for q in asked]), encoding="utf-8")
    return {
        "articles": count,
        "chunks": chunks_written,
        "chunks_per_article": round(chunks_written / max(1, count), 2),
        "quotes": len(quotes),
        "sample_articles": len(first),
        "sample_vectors": int(vectors.vectors.shape[0]),
        "sample_s": round(sample_s, 1),
        "store_write_s": round(store_s, 1),
        "view_build_s": round(view_s, 1),
        "questions": str(qfile),
    }


def _write(store: Any, batch: Sequence[Simulated], vectors: VectorSample) -> int:
    chunks = [c for s in batch for c in s.chunks]
    store.add_chunks(chunks, vectors.draw(chunks).tolist())
    store.commit_articles([(s.parsed.article, len(s.parsed.quotes)) for s in batch])
    return len(chunks)


def reingest(
    data: Path, count: int, fraction: float, *, seed: int = 0, embeddings: Any = None
) -> dict[str, Any]:
    """Change ``fraction`` of the articles and write them as an ingest would; time it.

    What is timed is everything an ingest of those articles does besides parsing and
    embedding them (projected separately from measured per-article costs): the store's
    writes, the clean-up and check over the whole index, and the view's update.
    """
    from corpus.embeddings import make_embeddings
    from corpus.store import open_store
    from retrieval import RetrievalSettings
    from retrieval.service import IndexService

    settings = RetrievalSettings(_env_file=None, data_dir=data, articles_dir=data / "articles")
    model = embeddings or make_embeddings(settings)
    store = open_store(settings, model)
    rng = np.random.default_rng(seed + 1)
    chosen = set(rng.choice(count, size=max(1, int(count * fraction)), replace=False).tolist())
    first = [
        simulated_article(a, runtime=store.runtime) for a in generated(min(50, count), seed=seed)
    ]
    vectors = VectorSample.embed(first, model, seed=seed + 1)
    changed = [
        simulated_article(a, runtime=store.runtime, revision=1)
        for a in generated(count, seed=seed)
        if a.index in chosen
    ]
    started = time.perf_counter()
    with store.writing():
        chunks = [c for s in changed for c in s.chunks]
        store.add_chunks(chunks, vectors.draw(chunks).tolist())
        written = [c.id for c in chunks]
        store.commit_articles([(s.parsed.article, len(s.parsed.quotes)) for s in changed])
        store.drop_stale_chunks(
            {s.parsed.article.doc_id: store.generation(s.parsed.article) for s in changed}
        )
        _, live = store.drop_dead_chunks()
        store.check(written, live)
        store.mark_committed()
    store_s = time.perf_counter() - started
    view_started = time.perf_counter()
    IndexService(settings, store, model)
    view_s = time.perf_counter() - view_started
    return {
        "changed_articles": len(changed),
        "changed_chunks": len(written),
        "store_s": round(store_s, 2),
        "view_s": round(view_s, 2),
        "total_s": round(store_s + view_s, 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Build a simulated index from the command line and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.simulate", description=__doc__)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--reingest", type=float, help="instead: change this fraction, time it")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    if args.reingest:
        result = reingest(args.data, args.articles, args.reingest, seed=args.seed)
    else:
        result = build(args.data, args.articles, seed=args.seed, sample=args.sample)
    text = json.dumps(result)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
