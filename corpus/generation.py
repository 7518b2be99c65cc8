"""Generations: which content, parsed by which version of the engine, embedded by which model,
records were made from.

An article's generation changes when its file changes *or* when the code that turns files
into chunks changes (loaders, quote engine, chunker) *or* when the embedding model or its
runtime changes, so improving the engine, or switching models, and running ``whosaid ingest``
again re-parses and re-embeds what it must, and only that.

The model's part is a readable tag at the end (``…:<runtime tag>``): a reader serves only the
records its own model embedded (:func:`embedded_by`), so vectors of two models are never
compared, even while an ingest is re-embedding the index.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from corpus.models import Article

_PACKAGE = Path(__file__).resolve().parent
# The code whose output is stored: a change to any of these files invalidates stored chunks.
_PIPELINE = (
    "quotes.py",
    "chunks.py",
    "attribution",
    "loaders",
    "engine.py",
    "language.py",
    "lang",
)


@cache
def pipeline_fingerprint() -> str:
    """Return a short hash of the source of everything that shapes stored chunks."""
    digest = hashlib.sha256()
    for name in _PIPELINE:
        path = _PACKAGE / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(_PACKAGE).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def runtime_tag(runtime: str) -> str:
    """Return the short tag of an embedding runtime (``corpus.embeddings.runtime_of``)."""
    return hashlib.sha256(runtime.encode()).hexdigest()[:8]


def generation(article: Article, runtime: str) -> str:
    """Return the generation of an article's records: its content under this pipeline,
    embedded by ``runtime``."""
    return f"{article.content_hash[:32]}:{pipeline_fingerprint()}:{runtime_tag(runtime)}"


def embedded_by(generation: str, runtime: str) -> bool:
    """Whether records of this generation hold vectors of ``runtime``."""
    return generation.rpartition(":")[2] == runtime_tag(runtime)
