"""HTML pages, read offline with trafilatura: main text and metadata, never fetched.

trafilatura is imported when the first HTML file is loaded, so that loading text files
does not pay for it. ``Article.text`` is the extracted text; its paragraphs are its blocks.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from pathlib import Path
from typing import Any

from corpus.errors import LoadError
from corpus.loaders.article import file_article
from corpus.loaders.blocks import paragraph_spans
from corpus.loaders.dates import normalize_date
from corpus.loaders.files import read_bytes
from corpus.models import Article

logger = logging.getLogger(__name__)

_HTML_LANG = re.compile(
    rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.I
)


def load_html(path: Path) -> list[Article]:
    """Load the main article of an HTML page.

    The page's declared encoding is honoured (HTML need not be UTF-8). Dates come only from
    the page's metadata, not from dates mentioned in its text.

    Raises:
        LoadError: The file is empty or binary, or no article text can be extracted.
    """
    raw = read_bytes(path)
    record = _extract(path, raw)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LoadError(path, "no article text found in the HTML")
    return file_article(
        path,
        raw,
        text,
        paragraph_spans(text),
        title=_headline(raw, _text(record.get("title")), _site_names(record)),
        date=normalize_date(record.get("date")),
        url=_text(record.get("source")),
        outlet=_text(record.get("sitename")) or _text(record.get("source-hostname")),
        author=_text(record.get("author")),
        language=_text(record.get("language")) or _language(raw),
    )


def _extract(path: Path, raw: bytes) -> dict[str, Any]:
    import trafilatura  # deferred: a heavy import only HTML files need

    # No extensive search: a date merely mentioned in the text is not the publication date.
    date_params = {
        "original_date": True,
        "extensive_search": False,
        "max_date": dt.date.today().isoformat(),
    }
    try:
        extracted = trafilatura.extract(
            raw,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=date_params,
        )
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise LoadError(path, f"cannot parse HTML: {type(exc).__name__}") from exc
    if not extracted:
        raise LoadError(path, "no article text found in the HTML")
    record = json.loads(extracted)
    if not isinstance(record, dict):
        raise LoadError(path, "no article text found in the HTML")
    return record


def _site_names(record: dict[str, Any]) -> set[str]:
    return {
        name.lower()
        for name in (_text(record.get("sitename")), _text(record.get("source-hostname")))
        if name
    }


def _headline(raw: bytes, title: str | None, sites: set[str]) -> str | None:
    """Return the page's headline, not its site name or a CMS field.

    trafilatura's title comes from the metadata first; some pages put the site name there
    ("Yahoo News - Latest News & Headlines", also the page's application-name) or a CMS
    label ("escenic"). Then the visible ``<h1>``, og:title, twitter:title and ``<title>``
    are tried in that order.
    """
    try:
        import lxml.html  # trafilatura's own parser

        tree = lxml.html.fromstring(raw)
    except (ValueError, TypeError, OSError) as exc:
        logger.debug("no headline candidates: %s", exc)
        return title
    app_names = {
        " ".join(v.split()).lower()
        for v in tree.xpath(
            "//meta[@name='application-name' or @property='og:site_name']/@content"
        )
    }

    def is_headline(candidate: str | None) -> bool:
        if not candidate:
            return False
        flat = " ".join(candidate.split()).lower()
        return " " in flat and flat not in app_names and flat not in sites

    if is_headline(title):
        return title
    candidates = [
        *(" ".join(h.text_content().split()) for h in tree.xpath("//body//h1")),
        *tree.xpath("//meta[@property='og:title']/@content"),
        *tree.xpath("//meta[@name='twitter:title']/@content"),
        *(t.text_content() for t in tree.xpath("//head/title")),
    ]
    for candidate in candidates:
        text = " ".join(str(candidate).split())
        if is_headline(text):
            return text
    return title


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _language(raw: bytes) -> str | None:
    """Read the language the page declares on its ``<html>`` element."""
    match = _HTML_LANG.search(raw, 0, 4096)
    return match.group(1).decode("ascii").lower() if match else None
