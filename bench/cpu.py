"""CPU seconds per article of what ingest does besides the model: loading, the quote engine
(NER, the parser where it runs, attribution) and the chunker, over a generated corpus.

CPU seconds of this process, not wall time, so a busy shared machine changes them little;
the model's share is measured by ``bench.run`` (``model share of ingest CPU``).

    python -m bench.cpu [--articles 300] [--seed 0] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.generate import generate
from corpus.chunks import make_chunks
from corpus.ingest import parse_article
from corpus.loaders import discover, load_file


def measure(articles_dir: Path) -> dict[str, float]:
    """Return CPU seconds (total and per article) of loading, parsing and chunking."""
    files = discover([articles_dir])
    # The first article loads spaCy's pipeline: not a per-article cost.
    parse_article(load_file(files[0])[0])
    load = parse = chunk = 0.0
    count = quotes = 0
    for path in files:
        started = time.process_time()
        loaded = load_file(path)
        load += time.process_time() - started
        for article in loaded:
            started = time.process_time()
            parsed = parse_article(article)
            parsed_at = time.process_time()
            make_chunks(parsed, "cpu")
            chunk += time.process_time() - parsed_at
            parse += parsed_at - started
            count += 1
            quotes += len(parsed.quotes)
    return {
        "articles": count,
        "quotes": quotes,
        "cpu_s": round(load + chunk + parse, 2),
        "cpu_s_per_article": round((load + chunk + parse) / max(1, count), 4),
        "engine_s_per_article": round(parse / max(1, count), 4),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.cpu", description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, help="an existing articles directory")
    args = parser.parse_args(argv)
    if args.corpus:
        print(json.dumps(measure(args.corpus)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(Path(tmp), args.articles, seed=args.seed, questions=1)
        print(json.dumps(measure(corpus.articles_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
