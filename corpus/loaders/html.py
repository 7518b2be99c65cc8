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
from corpus.loaders.html_furniture import FURNITURE_XPATH, MARK, flat_text, mark_furniture
from corpus.models import Article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

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
    tree = _parse(path, raw)
    marked = mark_furniture(tree)
    record = _extract(path, tree, prune=marked > 0)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LoadError(path, "no article text found in the HTML")
    return file_article(
        path,
        raw,
        text,
        paragraph_spans(text),
        title=_headline(tree, _text(record.get("title")), _site_names(record)),
        date=published_date(tree, normalize_date(record.get("date"))),
        url=_text(record.get("source")),
        outlet=_text(record.get("sitename")) or _text(record.get("source-hostname")),
        author=_text(record.get("author")),
        language=_text(record.get("language")) or _language(raw),
    )


def _parse(path: Path, raw: bytes) -> HtmlElement:
    """Parse the page with trafilatura's own loader (it guesses the encoding)."""
    import trafilatura  # deferred: a heavy import only HTML files need

    try:
        tree = trafilatura.load_html(raw)
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


def _site_names(record: dict[str, Any]) -> set[str]:
    return {
        name.lower()
        for name in (_text(record.get("sitename")), _text(record.get("source-hostname")))
        if name
    }


def _headline(tree: HtmlElement, title: str | None, sites: set[str]) -> str | None:
    """Return the page's headline, not its site name or a CMS field.

    trafilatura's title comes from the metadata first; some pages put the site name there
    ("Yahoo News - Latest News & Headlines", also the page's application-name) or a CMS
    label ("escenic"). Then the visible ``<h1>``, og:title, twitter:title and ``<title>``
    are tried in that order; an ``<h1>`` inside page furniture (a teaser) is not the page's.
    """
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

    names = app_names | sites
    if is_headline(title):
        return _without_site_name(title, names) if title else title
    candidates = [
        *(flat_text(h) for h in tree.xpath(f"//body//h1[not(ancestor-or-self::*[@{MARK}])]")),
        *tree.xpath("//meta[@property='og:title']/@content"),
        *tree.xpath("//meta[@name='twitter:title']/@content"),
        *(t.text_content() for t in tree.xpath("//head/title")),
    ]
    for candidate in candidates:
        text = " ".join(str(candidate).split())
        if is_headline(text):
            return _without_site_name(text, names)
    return title


_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " / ")


def _without_site_name(title: str, names: set[str]) -> str:
    """Drop the site's name that ``<title>`` and og:title often add ("Headline | Site")."""
    flat = " ".join(title.split())
    lowered = flat.lower()
    for separator in _TITLE_SEPARATORS:
        for name in names:
            if lowered.endswith(separator + name):
                rest = flat[: -len(separator + name)]
            elif lowered.startswith(name + separator):
                rest = flat[len(name + separator) :]
            else:
                continue
            if " " in rest.strip():
                return rest.strip()
    return title


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _language(raw: bytes) -> str | None:
    """Read the language the page declares on its ``<html>`` element."""
    match = _HTML_LANG.search(raw, 0, 4096)
    return match.group(1).decode("ascii").lower() if match else None
