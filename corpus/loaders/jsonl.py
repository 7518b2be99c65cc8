"""JSON Lines files: one article per line, as an object with at least ``text``.

Optional keys: ``title``, ``date``, ``url``, ``outlet``, ``author``, ``language`` and
``speaker`` (the person whose own words the text is, e.g. a post in their channel); others
are ignored. A file loads whole or not at all: one malformed line rejects it, naming the
line, so the index is never half-updated from one file.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from corpus.errors import LoadError
from corpus.loaders.article import make_paragraphs
from corpus.loaders.blocks import clean_body, paragraph_spans
from corpus.loaders.dates import normalize_date
from corpus.loaders.files import content_hash, decode_utf8, doc_id, read_bytes
from corpus.models import Article

logger = logging.getLogger(__name__)

_OPTIONAL = ("title", "date", "url", "outlet", "author", "language", "speaker")


def load_jsonl(path: Path) -> list[Article]:
    """Load every article of a JSON Lines file.

    ``Article.text`` is the line's ``text`` value; ``doc_id`` derives from the path and the
    article's url (or line number when it has none), so reordering lines keeps the ids of
    articles with urls; ``content_hash`` is the hash of the line.

    Raises:
        LoadError: The file is empty, binary or not UTF-8, or a line is not a JSON object
            with a non-empty ``text`` string, or has no body paragraphs.
    """
    raw = read_bytes(path)
    lines = decode_utf8(path, raw).split("\n")
    articles: list[Article] = []
    seen: dict[str, tuple[int, str]] = {}
    copies: dict[str, int] = {}  # content hash -> the line that has it
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        article = _parse_line(path, number, line)
        if article.doc_id in seen:
            first, digest = seen[article.doc_id]
            if digest != article.content_hash:
                reason = f"line {number}: another article with the url of line {first}"
                raise LoadError(path, reason)
        if article.content_hash in copies:
            # Dumps often repeat an article, with or without a url; an exact copy adds nothing.
            first = copies[article.content_hash]
            logger.warning("%s: line %d repeats line %d; skipped", path, number, first)
            continue
        seen[article.doc_id] = (number, article.content_hash)
        copies[article.content_hash] = number
        articles.append(article)
    return articles


def _line_key(number: int) -> str:
    # A url is stripped, so none starts with a space: a line's key never meets a url's
    # ("url": "line2" beside a url-less line 2 is two articles, not a clash).
    return f" line {number}"


def _parse_line(path: Path, number: int, line: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = f"line {number}: invalid JSON ({exc.msg}, column {exc.colno})"
        raise LoadError(path, reason) from exc
    if not isinstance(record, dict):
        raise LoadError(path, f"line {number}: not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LoadError(path, f"line {number}: missing or empty 'text'")
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise LoadError(path, f"line {number}: '{key}' must be a string")
        fields[key] = value.strip() or None if isinstance(value, str) else None
    body = clean_body(text, paragraph_spans(text), title=fields["title"])
    if not body:
        raise LoadError(path, f"line {number}: no body paragraphs")
    return Article(
        doc_id=doc_id(path, fields["url"] or _line_key(number)),
        path=str(path.resolve()),
        text=text,
        paragraphs=make_paragraphs(body),
        content_hash=content_hash(line.removesuffix("\r").encode("utf-8")),
        title=fields["title"],
        date=normalize_date(fields["date"]) if fields["date"] else None,
        url=fields["url"],
        outlet=fields["outlet"],
        author=fields["author"],
        language=fields["language"],
        speaker=fields["speaker"],
    )
