"""Article loaders: files on disk to :class:`corpus.models.Article` records.

    discover(paths)   directories expanded (recursively, sorted, hidden entries skipped)
                      into the files a loader can read; unreadable directories reported
    load_file(path)   one file to its articles, chosen by suffix; a file loads whole or
                      raises :class:`corpus.errors.LoadError` naming it and the reason,
                      whatever goes wrong inside the loader

One module per format: ``text`` (.txt), ``markdown`` (.md, .markdown), ``html`` (.html,
.htm, through trafilatura, imported only when an HTML file is loaded), ``jsonl`` (.jsonl,
one article per line) and ``telegram_export`` (a channel's Telegram Desktop export,
``result.json``, one article per post). ``blocks``, ``dates`` and ``files`` hold what they share.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from corpus.errors import LoadError
from corpus.language import with_language
from corpus.loaders.files import DEFAULT_MAX_FILE_BYTES, check_file, os_error
from corpus.loaders.html import load_html
from corpus.loaders.jsonl import load_jsonl
from corpus.loaders.markdown import load_markdown
from corpus.loaders.telegram_export import load_telegram_export
from corpus.loaders.text import load_text
from corpus.models import Article

__all__ = ["DEFAULT_MAX_FILE_BYTES", "SUPPORTED_SUFFIXES", "discover", "load_file"]

logger = logging.getLogger(__name__)

# Deeper directories are skipped (with one line): no corpus nests this deep on purpose.
MAX_DEPTH = 256

_LOADERS: dict[str, Callable[[Path], list[Article]]] = {
    ".txt": load_text,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".jsonl": load_jsonl,
    ".json": load_telegram_export,
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_LOADERS)
# A directory's JSON files are not all articles: only a Telegram export's is found in one
# (any .json given by name is read as an export, or refused saying why).
_DISCOVERED_JSON = "result.json"


def discover(
    paths: Sequence[Path], *, on_error: Callable[[LoadError], None] | None = None
) -> list[Path]:
    """Expand paths into the article files to load, in a deterministic order.

    A directory is walked recursively in sorted order, skipping hidden files and directories
    and keeping files with a supported suffix. A path that is not a directory is kept as
    given, whatever its suffix, so that :func:`load_file` can say why it cannot be loaded.
    A file reached twice is listed once. Directory symlinks are not followed.

    Args:
        paths: Files and directories.
        on_error: Called with a :class:`LoadError` for each directory that cannot be read
            (its files are then unknown, which is not the same as gone).

    Returns:
        The files, in the order given, each directory's files sorted by relative path.
    """
    found: list[Path] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.realpath(path)  # never raises, even on a symlink loop
        if key not in seen:
            seen.add(key)
            found.append(path)

    def unreadable(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else "?"
        error = LoadError(where, f"cannot read directory: {exc.strerror or exc}")
        logger.info("skipped %s", error)
        if on_error is not None:
            on_error(error)

    for path in paths:
        if not path.is_dir():
            add(path)
            continue
        for root, filenames in _walk(path, unreadable, on_error):
            for name in filenames:
                if not name.startswith(".") and _discoverable(name):
                    add(Path(root, name))
    return found


def _walk(
    top: Path,
    unreadable: Callable[[OSError], None],
    on_error: Callable[[LoadError], None] | None,
) -> Iterator[tuple[str, list[str]]]:
    """Yield each directory under ``top`` and its sorted file names, depth first, as
    ``os.walk`` does, but with a stack of its own: ``os.walk`` recurses once per level, and a
    tree about a thousand levels deep stopped the whole ingest with a RecursionError.

    A directory deeper than :data:`MAX_DEPTH` is skipped with one line, like an unreadable
    one (what the index holds for it stays); hidden directories and directory symlinks are
    not entered.
    """
    stack: list[tuple[str, int]] = [(str(top), 0)]
    while stack:
        directory, depth = stack.pop()
        if depth > MAX_DEPTH:
            error = LoadError(directory, f"directory tree deeper than {MAX_DEPTH} levels; skipped")
            logger.info("skipped %s", error)
            if on_error is not None:
                on_error(error)
            continue
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except OSError as exc:
            unreadable(exc)
            continue
        files, subdirectories = [], []
        for entry in listed:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir:
                files.append(entry.name)
            elif not entry.name.startswith(".") and not entry.is_symlink():
                subdirectories.append(entry.path)
        yield directory, sorted(files)
        stack += [(sub, depth + 1) for sub in sorted(subdirectories, reverse=True)]


def _discoverable(name: str) -> bool:
    suffix = Path(name).suffix.lower()
    return suffix in _LOADERS and (suffix != ".json" or name.lower() == _DISCOVERED_JSON)


def load_file(path: Path, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> list[Article]:
    """Load the articles of one file, with the loader its suffix names.

    Only a regular file no larger than ``max_bytes`` is read. Whatever fails inside a
    loader (a date no calendar has, nesting too deep, a number too long, a lone surrogate)
    becomes a one-line :class:`LoadError`: one bad file never stops an ingest.

    Raises:
        LoadError: The suffix is not supported, or the file cannot be read as articles
            (not a regular file, too large, empty, binary, not UTF-8, malformed, or without
            body paragraphs).
    """
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        shown = f"'{path.suffix}'" if path.suffix else "no suffix"
        raise LoadError(path, f"unsupported file type ({shown}; supported: {supported})")
    if not _is_utf8(str(path)):
        raise LoadError(path, "the file name is not valid UTF-8; rename the file")
    try:
        info = path.stat()
    except OSError as exc:
        raise os_error(path, exc) from None
    except RuntimeError:  # pathlib's own symlink loop check on older Pythons
        raise LoadError(path, "symlink loop") from None
    check_file(path, info.st_mode, info.st_size, max_bytes)
    try:
        articles = loader(path)
    except LoadError:
        raise
    except RecursionError:
        raise LoadError(path, "nested too deeply to read") from None
    except Exception as exc:
        logger.debug("loader failed on %s", path, exc_info=True)
        raise LoadError(path, f"cannot be read as an article: {_reason(exc)}") from exc
    for article in articles:
        _refuse_surrogates(path, article)
    # Each article's language picks its quote engine (see corpus.engine).
    articles = [with_language(article) for article in articles]
    logger.debug("loaded %d article(s) from %s", len(articles), path)
    return articles


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reason(exc: Exception) -> str:
    """Return one short line for an unexpected loader failure."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return first if len(first) <= 120 else first[:119] + "…"


def _refuse_surrogates(path: Path, article: Article) -> None:
    """Refuse a lone surrogate (from a JSON or YAML escape): no model or store can take one."""
    fields = (article.text, article.title, article.date, article.url, article.outlet)
    for value in (*fields, article.author, article.language, article.speaker):
        if value is not None and not _is_utf8(value):
            raise LoadError(path, "contains a lone surrogate (an invalid \\uD800–\\uDFFF escape)")
