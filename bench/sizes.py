"""The time curve of one file's work, from a small article up to the file size limit.

Each size is a generated plain-text article (news-like sentences, one quote in seven), in
two shapes: many short paragraphs, and one long line (a scraped page without line breaks,
the worst case for the quote engine). For each it times loading, the quote engine and the
chunker, in this process, without embedding (that cost is linear in chunks and measured by
``bench.run``), as CPU seconds of this process (on a shared machine wall time measures the
neighbours). Doubling the size should about double every column: the work is linear.

    python -m bench.sizes [--max-mb 10] [--shape paragraphs|line|both] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from corpus.chunks import make_chunks
from corpus.ingest import parse_article
from corpus.loaders import load_file
from corpus.loaders.files import DEFAULT_MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class Point:
    """One measured size."""

    shape: str
    kilobytes: int
    quotes: int
    chunks: int
    load_s: float
    engine_s: float
    chunker_s: float


def article(target_bytes: int, shape: str) -> str:
    """Return a generated article of about ``target_bytes`` UTF-8 bytes."""
    sentences: list[str] = []
    size = 0
    i = 0
    while size < target_bytes:
        if i % 7 == 0:
            s = f"“Point {i} is what we will defend,” said Person{i % 50} Name, a minister."
        else:
            s = f"Sentence {i} of the report goes on about the harbour and the talks."
        sentences.append(s)
        size += len(s.encode("utf-8")) + 1
        i += 1
    if shape == "line":
        return "Jan 6, 2022\n\nA long page\n\n" + " ".join(sentences) + "\n"
    paragraphs = (" ".join(sentences[j : j + 5]) for j in range(0, len(sentences), 5))
    return "Jan 6, 2022\n\nA long page\n\n" + "\n\n".join(paragraphs) + "\n"


def measure(path: Path, shape: str, max_bytes: int) -> Point:
    """Time loading, parsing and chunking one file."""
    started = time.process_time()
    (loaded,) = load_file(path, max_bytes=max_bytes)
    loaded_at = time.process_time()
    parsed = parse_article(loaded)
    parsed_at = time.process_time()
    chunks = make_chunks(parsed, "size-test")
    done = time.process_time()
    return Point(
        shape=shape,
        kilobytes=path.stat().st_size // 1024,
        quotes=len(parsed.quotes),
        chunks=len(chunks),
        load_s=round(loaded_at - started, 3),
        engine_s=round(parsed_at - loaded_at, 3),
        chunker_s=round(done - parsed_at, 3),
    )


def main(argv: list[str] | None = None) -> int:
    """Print the curve (a table, or JSON Lines)."""
    parser = argparse.ArgumentParser(prog="python -m bench.sizes", description=__doc__)
    parser.add_argument("--max-mb", type=float, default=DEFAULT_MAX_FILE_BYTES / 2**20)
    parser.add_argument("--shape", choices=["paragraphs", "line", "both"], default="both")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    limit = int(args.max_mb * 2**20)
    shapes = ["paragraphs", "line"] if args.shape == "both" else [args.shape]
    sizes: list[int] = []
    size = 64 * 1024
    while size < limit:
        sizes.append(size)
        size *= 2
    sizes.append(int(limit * 0.98))  # just under the limit
    if not args.json:
        print(
            f"{'shape':<11}{'KB':>8}{'quotes':>8}{'chunks':>8}{'load s':>8}"
            f"{'engine s':>10}{'chunker s':>10}"
        )
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            for target in sizes:
                path = Path(tmp) / f"{shape}-{target}.txt"
                path.write_text(article(target, shape), encoding="utf-8")
                point = measure(path, shape, limit)
                path.unlink()
                if args.json:
                    print(json.dumps(asdict(point)))
                else:
                    print(
                        f"{point.shape:<11}{point.kilobytes:>8}{point.quotes:>8}"
                        f"{point.chunks:>8}{point.load_s:>8.2f}{point.engine_s:>10.2f}"
                        f"{point.chunker_s:>10.2f}"
                    )
                sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
