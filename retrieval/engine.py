"""Run the quote engine on files directly, without an index (``whosaid quotes``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from corpus.errors import LoadError
from corpus.ingest import parse_article
from corpus.loaders import load_file


def quotes_in_files(
    paths: Sequence[Path], *, skipped: list[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Yield the engine's raw output for each quote in each file, in file order.

    Files that cannot be loaded are reported in ``skipped`` (one line each) and left out.
    """
    for path in paths:
        try:
            articles = load_file(path)
        except LoadError as exc:
            if skipped is not None:
                skipped.append(str(exc))
            continue
        for article in articles:
            for quote in parse_article(article).quotes:
                yield {"path": str(path), **dataclasses.asdict(quote)}
