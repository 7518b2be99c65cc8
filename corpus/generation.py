"""Generations: which content, parsed by which version of the engine, records were made from.

An article's generation changes when its file changes *or* when the code that turns files
into chunks changes (loaders, quote engine, chunker) *or* when the embedding runtime changes,
so improving the engine and running ``whosaid ingest`` again re-parses and re-embeds what it
must, and only that; vectors of two runtimes are never mixed in one index.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from corpus.embeddings import RUNTIME
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
# What turns chunk texts into the stored vectors (see corpus.embeddings).
EMBEDDING_RUNTIME = RUNTIME


@cache
def pipeline_fingerprint() -> str:
    """Return a short hash of the source of everything that shapes stored chunks."""
    digest = hashlib.sha256(EMBEDDING_RUNTIME.encode())
    for name in _PIPELINE:
        path = _PACKAGE / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(_PACKAGE).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def generation(article: Article) -> str:
    """Return the generation of an article's records: its content under this pipeline."""
    return f"{article.content_hash[:32]}:{pipeline_fingerprint()}"
