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
from typing import TYPE_CHECKING, Any

from corpus.errors import LoadError
from corpus.loaders.article import file_article
from corpus.loaders.blocks import paragraph_spans
from corpus.loaders.dates import normalize_date
from corpus.loaders.files import read_bytes
from corpus.loaders.html_dates import published_date
from corpus.loaders.html_furniture import FURNITURE_XPATH, mark_furniture
from corpus.loaders.html_headline import page_headline
from corpus.models import Article
from corpus.webpages import read_provenance

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

MIN_FETCHED_WORDS = 40

_HTML_LANG = re.compile(
    rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.I
)


def load_html(path: Path) -> list[Article]:
    """Load the main article of an HTML page.

    The page's declared encoding is honoured (HTML need not be UTF-8). The date comes from
    the page's metadata and its visible datelines, never from a date a sentence mentions.
    Page furniture that trafilatura lets through (teaser lists, "MORE:" links, share bars)
    is left out of the body.

    Raises:
        LoadError: The file is empty or binary, or no article text can be extracted.
    """
    raw = read_bytes(path)
    provenance, page = read_provenance(raw)
    tree = _parse(path, page, provenance.get("charset"))
    marked = mark_furniture(tree)
    record = _extract(path, tree, prune=marked > 0)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LoadError(path, "no article text found in the HTML")
    if provenance and len(text.split()) < MIN_FETCHED_WORDS:
        # A page whosaid fetched itself that holds a line or two is a paywall's or a login's
        # stub, not the article; a file put in the corpus by hand is taken as it is.
        raise LoadError(
            path, f"no article text found in the HTML (only {len(text.split())} words)"
        )
    return file_article(
        path,
        raw,
        text,
        paragraph_spans(text),
        title=page_headline(
            tree,
            extracted=_text(record.get("title")),
            site_names=[
                name for key in ("sitename", "source-hostname") if (name := _text(record.get(key)))
            ],
        ),
        date=published_date(tree, normalize_date(record.get("date"))),
        url=provenance.get("url") or _text(record.get("source")),
        outlet=_text(record.get("sitename")) or _text(record.get("source-hostname")),
        author=_text(record.get("author")),
        language=_text(record.get("language")) or _language(page),
    )


def _parse(path: Path, raw: bytes, charset: str | None = None) -> HtmlElement:
    """Parse the page with trafilatura's own loader.

    The encoding is the one the server declared for a fetched page, else trafilatura's guess.
    """
    import trafilatura  # deferred: a heavy import only HTML files need

    page: bytes | str = raw
    if charset:
        try:
            page = raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            logger.debug("%s: not %s as declared; guessing the encoding", path, charset)
    try:
        tree = trafilatura.load_html(page)
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise LoadError(path, f"cannot parse HTML: {type(exc).__name__}") from exc
    if tree is None:
        raise LoadError(path, "no article text found in the HTML")
    return tree


def _extract(path: Path, tree: HtmlElement, *, prune: bool) -> dict[str, Any]:
    """Run trafilatura on the parsed page, leaving out the elements marked as furniture.

    Metadata is read before the pruning, so a date or title is never lost with it. Should
    the pruning leave no text at all, the page is read whole: furniture is a worse loss
    than none when the alternative is refusing the page.
    """
    import trafilatura

    # No extensive search: a date merely mentioned in the text is not the publication date.
    date_params = {
        "original_date": True,
        "extensive_search": False,
        "max_date": dt.date.today().isoformat(),
    }
    for prune_xpath in [FURNITURE_XPATH, None] if prune else [None]:
        try:
            extracted = trafilatura.extract(
                tree,
                output_format="json",
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                date_extraction_params=date_params,
                prune_xpath=prune_xpath,
            )
        except Exception as exc:  # trafilatura and lxml raise many types on broken markup
            raise LoadError(path, f"cannot parse HTML: {type(exc).__name__}") from exc
        if extracted:
            break
        logger.debug("%s: no text once furniture is pruned; reading the page whole", path)
    if not extracted:
        raise LoadError(path, "no article text found in the HTML")
    record = json.loads(extracted)
    if not isinstance(record, dict):
        raise LoadError(path, "no article text found in the HTML")
    return record


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _language(raw: bytes) -> str | None:
    """Read the language the page declares on its ``<html>`` element."""
    match = _HTML_LANG.search(raw, 0, 4096)
    return match.group(1).decode("ascii").lower() if match else None
