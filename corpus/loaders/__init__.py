"""Article loaders: files on disk to :class:`corpus.models.Article` records.

    discover(paths)   directories expanded (recursively, sorted, hidden entries skipped)
                      into the files a loader can read
    load_file(path)   one file to its articles, chosen by suffix; a file loads whole or
                      raises :class:`corpus.errors.LoadError` naming it and the reason

One module per format: ``text`` (.txt), ``markdown`` (.md, .markdown), ``html`` (.html,
.htm, through trafilatura, imported only when an HTML file is loaded) and ``jsonl``
(.jsonl, one article per line). ``blocks``, ``dates`` and ``files`` hold what they share.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from corpus.errors import LoadError
from corpus.loaders.html import load_html
from corpus.loaders.jsonl import load_jsonl
from corpus.loaders.markdown import load_markdown
from corpus.loaders.text import load_text
from corpus.models import Article

__all__ = ["SUPPORTED_SUFFIXES", "discover", "load_file"]

logger = logging.getLogger(__name__)

_LOADERS: dict[str, Callable[[Path], list[Article]]] = {
    ".txt": load_text,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".jsonl": load_jsonl,
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_LOADERS)


def discover(paths: Sequence[Path]) -> list[Path]:
    """Expand paths into the article files to load, in a deterministic order.

    A directory is walked recursively in sorted order, skipping hidden files and directories
    and keeping files with a supported suffix. A path that is not a directory is kept as
    given, whatever its suffix, so that :func:`load_file` can say why it cannot be loaded.
    A file reached twice is listed once.

    Args:
        paths: Files and directories.

    Returns:
        The files, in the order given, each directory's files sorted by relative path.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if not path.is_dir():
            add(path)
            continue
        for root, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
            for name in sorted(filenames):
                if not name.startswith(".") and Path(name).suffix.lower() in _LOADERS:
                    add(Path(root, name))
    return found


def load_file(path: Path) -> list[Article]:
    """Load the articles of one file, with the loader its suffix names.

    Raises:
        LoadError: The suffix is not supported, or the file cannot be read as articles
            (empty, binary, not UTF-8, malformed, or without body paragraphs).
    """
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        shown = f"'{path.suffix}'" if path.suffix else "no suffix"
        raise LoadError(path, f"unsupported file type ({shown}; supported: {supported})")
    articles = loader(path)
    logger.debug("loaded %d article(s) from %s", len(articles), path)
    return articles
