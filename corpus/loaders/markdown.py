"""Markdown articles, with optional YAML front matter.

Front matter (between ``---`` lines at the top) may give ``title``, ``date``, ``outlet``,
``url``, ``author`` and ``language``. The body is the blocks after it, separated by blank
lines; headings are not body, and the first one is the title when front matter has none.
Offsets index the file's own text, so paragraphs keep their Markdown markup.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path

import yaml

from corpus.errors import LoadError
from corpus.loaders.article import file_article
from corpus.loaders.blocks import Span, split_blocks, split_lines, strip_span
from corpus.loaders.dates import normalize_date
from corpus.loaders.files import decode_utf8, read_bytes
from corpus.models import Article

logger = logging.getLogger(__name__)

_FENCE_OPEN = re.compile(r"---[^\S\r\n]*(?:\r\n|\r|\n)")
_FENCE_CLOSE = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)
_ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*")
_SETEXT_RULE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_THEMATIC_BREAK = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
_CODE_FENCE = re.compile(r" {0,3}(?:```|~~~)")
_IMAGE_ONLY = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FIELDS = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename"),
    "url": ("url", "link", "source_url"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}


def load_markdown(path: Path) -> list[Article]:
    """Load a Markdown article; ``Article.text`` is the file's text exactly.

    Raises:
        LoadError: The file is empty, binary or not UTF-8, its front matter is malformed,
            or it has no body paragraphs.
    """
    raw = read_bytes(path)
    text = decode_utf8(path, raw)
    meta, body_start = _front_matter(path, text)
    fields = {name: _field(path, meta, keys) for name, keys in _FIELDS.items()}
    date = normalize_date(meta["date"]) if meta.get("date") is not None else None
    heading, date_line, spans = _body_blocks(text, body_start)
    return file_article(
        path,
        raw,
        text,
        spans,
        title=fields["title"] or heading,
        date=date or date_line,
        url=fields["url"],
        outlet=fields["outlet"],
        author=fields["author"],
        language=fields["language"],
    )


def _front_matter(path: Path, text: str) -> tuple[Mapping[str, object], int]:
    """Parse the front matter; return it and where the body starts."""
    offset = 1 if text.startswith("\ufeff") else 0
    opening = _FENCE_OPEN.match(text, offset)
    if opening is None:
        return {}, 0
    closing = _FENCE_CLOSE.search(text, opening.end())
    if closing is None:
        raise LoadError(path, "malformed front matter: no closing '---' line")
    try:
        meta = yaml.safe_load(text[opening.end() : closing.start()])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise LoadError(path, f"malformed front matter{where}: {problem}") from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise LoadError(path, "malformed front matter: not a mapping of fields")
    return {str(key).lower(): value for key, value in meta.items()}, closing.end()


def _field(path: Path, meta: Mapping[str, object], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            value = ", ".join(value)
        if not isinstance(value, str | int | float):
            raise LoadError(path, f"malformed front matter: '{key}' must be text")
        return str(value).strip() or None
    return None


def _body_blocks(text: str, start: int) -> tuple[str | None, str | None, list[Span]]:
    """Split the body into paragraph spans, setting aside headings, code and rules.

    Returns:
        The first heading's text, a date printed on a line of its own before the first
        paragraph, and the paragraph spans.
    """
    heading: str | None = None
    date: str | None = None
    spans: list[Span] = []
    in_code = False
    for block_start, block_end in split_blocks(text, start):
        kept: list[Span] = []
        lines = split_lines(text, block_start, block_end)
        for index, (line_start, line_end) in enumerate(lines):
            line = text[line_start:line_end]
            if _CODE_FENCE.match(line):
                in_code = not in_code
                continue
            if in_code or _THEMATIC_BREAK.fullmatch(line) or _IMAGE_ONLY.fullmatch(line):
                continue
            atx = _ATX_HEADING.fullmatch(line)
            next_line = text[slice(*lines[index + 1])] if index + 1 < len(lines) else ""
            if atx or (not kept and _SETEXT_RULE.fullmatch(next_line)):
                found = (atx["text"] or "").strip() if atx else line.strip()
                heading = heading or found or None
                continue
            if _SETEXT_RULE.fullmatch(line) and index > 0 and not kept:
                continue  # the underline of a setext heading
            if not spans and not kept and date is None and normalize_date(line):
                date = normalize_date(line)
                continue
            kept.append((line_start, line_end))
        if kept:
            span = strip_span(text, kept[0][0], kept[-1][1])
            if span and not _HTML_COMMENT.fullmatch(text[span[0] : span[1]]):
                spans.append(span)
    return heading, date, spans
