"""HTML pages, read offline with trafilatura: main text and metadata, never fetched.

trafilatura is imported when the first HTML file is loaded, so that loading text files
does not pay for it. ``Article.text`` is the extracted text; its paragraphs are its blocks.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.errors import LoadError
from corpus.loaders.article import file_article
from corpus.loaders.blocks import paragraph_spans
from corpus.loaders.dates import (
    day_first_from_dates,
    day_first_from_locale,
    find_date,
    normalize_date,
)
from corpus.loaders.files import read_bytes
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
        date=_published(tree, normalize_date(record.get("date"))),
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


# Dates ----------------------------------------------------------------------------------
#
# trafilatura's date (htmldate's, original date first) is right on most pages, but where a page
# gives only a modified time in its metadata it returns that; it reads a visible dateline only
# in some shapes; and it reads "03/08/2021" day first even on a US page (its reading is turned
# round where the page's own order is known). So the published date is looked for in this
# order: published-time metadata; a visible dateline labelled "Published"/"Posted";
# trafilatura's date unless it is a modified time; a visible dateline under the headline that
# is not labelled "Updated"; and a modified time only as a last resort.

_PUBLISHED_KEYS = frozenset(
    {
        "article:published_time", "og:published_time", "datepublished", "pubdate",
        "publishdate", "publish-date", "publish_date", "dc.date.issued", "dcterms.issued",
        "rnews:datepublished", "sailthru.date", "parsely-pub-date", "original-publish-date",
    }
)  # fmt: skip
_MODIFIED_KEYS = frozenset(
    {
        "article:modified_time", "og:updated_time", "article:modified", "datemodified",
        "last-modified", "lastmod", "dcterms.modified", "dc.date.modified", "revised",
    }
)  # fmt: skip
# No word boundary before a label: bylines run into it ("By A. Writer, CNNUpdated 2010 GMT").
_PUBLISHED_LABEL = re.compile(r"(?:published|posted|issued)\b", re.I)
_UPDATED_LABEL = re.compile(r"(?:updated|modified|revised|edited)\b", re.I)
_LOCALE_XPATH = (
    "/html/@lang | /html/@xml:lang | //meta[@property='og:locale']/@content"
    " | //meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
    "='content-language']/@content"
)
_DATE_KEY = re.compile(r"date|time")
_PUBLISHED_KEY = re.compile(r"publish|original|issued|created")
_MODIFIED_KEY = re.compile(r"modif|updat|revis|edit")
_UPDATED_CLASS = re.compile(r"(?:^|[-_])(?:updated?|modified|revised)(?:$|[-_])")
_PUBLISHED_CLASS = re.compile(r"(?:^|[-_])(?:published|pubdate|posted)(?:$|[-_])")
_UTC = re.compile(r"(?:Z|[+-]00:?00)$", re.I)
# A dateline is a short line of its own, not a sentence that mentions a date.
_MAX_DATELINE = 150
# The same before whitespace is collapsed: longer, the element is not read but gone into.
_MAX_DATELINE_RAW = 2000
# Nor is a date inside an embedded post or a quotation the story's.
_NOT_DATELINES = frozenset(
    {"nav", "footer", "aside", "blockquote", "script", "style", "noscript", "template", "select"}
)


def _published(tree: HtmlElement, extracted: str | None) -> str | None:
    """Return the page's publication date as ``YYYY-MM-DD``, never a modified date if avoidable.

    Args:
        tree: The parsed page, its furniture marked.
        extracted: trafilatura's date for the page, normalised.
    """
    published, modified = _metadata_dates(tree)
    if published:
        # A time in UTC may fall on another day than the publisher's own clock shows; a
        # stamp with a local offset gives the date the page's dateline prints.
        return min(published, key=lambda stamp: stamp[1])[0]
    today = dt.date.today().isoformat()
    datelines = [(kind, iso) for kind, iso in _datelines(tree, _day_first(tree)) if iso <= today]
    labelled = [iso for kind, iso in datelines if kind]
    if labelled:
        return labelled[0]
    modified |= {iso for kind, iso in datelines if kind is False}
    visible = {iso for _, iso in datelines}
    if extracted and extracted not in visible and _swapped(extracted) in visible:
        # trafilatura read a slashed dateline in the other order than the page writes.
        extracted = _swapped(extracted)
    if extracted and extracted not in modified:
        return extracted
    plain = [iso for kind, iso in datelines if kind is None]
    return plain[0] if plain else extracted


def _swapped(iso: str) -> str | None:
    """Return a date with its day and month exchanged, where that is a date too."""
    year, month, day = (int(part) for part in iso.split("-"))
    try:
        return dt.date(year, day, month).isoformat()
    except ValueError:
        return None


def _metadata_dates(tree: HtmlElement) -> tuple[list[tuple[str, bool]], set[str]]:
    """Return the published dates the metadata states, and its modified dates.

    Each published date comes with whether its stamp was in UTC, in page order.

    Read from ``<meta>`` (name, property or itemprop), elements with ``itemprop`` (a
    ``<time datetime>``), ``<time pubdate>`` and JSON-LD objects at the top level or in an
    ``@graph`` (not those nested deeper: a list of related articles has dates of its own).
    """
    published: list[tuple[str, bool]] = []
    modified: set[str] = set()

    def add(key: str | None, value: object) -> None:
        kind = _date_key_kind(key)
        iso = normalize_date(value) if kind is not None else None
        if iso and kind:
            published.append((iso, _UTC.search(str(value).strip()) is not None))
        elif iso:
            modified.add(iso)

    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        add(key, meta.get("content"))
    for element in tree.xpath("//*[@itemprop][@datetime]"):
        add(element.get("itemprop"), element.get("datetime"))
    for element in tree.xpath("//time[@pubdate][@datetime]"):
        add("pubdate", element.get("datetime"))
    for script in tree.xpath("//script[@type='application/ld+json']"):
        for item in _json_ld_items(script.text_content()):
            for key in ("datePublished", "dateModified"):
                add(key, item.get(key))
    return published, modified


def _date_key_kind(key: str | None) -> bool | None:
    """Tell whether a metadata key names a published (True) or a modified (False) time.

    Beyond the standard keys, a CMS's own date key says which it is in its name
    ("article_date_original", "article_date_updated").
    """
    key = (key or "").strip().lower()
    if key in _PUBLISHED_KEYS:
        return True
    if key in _MODIFIED_KEYS:
        return False
    if not _DATE_KEY.search(key):
        return None
    if _MODIFIED_KEY.search(key):
        return False
    return True if _PUBLISHED_KEY.search(key) else None


def _json_ld_items(source: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(source)
    except ValueError:
        return []
    items = data if isinstance(data, list) else [data]
    graph = [
        member
        for item in items
        if isinstance(item, dict) and isinstance(item.get("@graph"), list)
        for member in item["@graph"]
    ]
    return [item for item in [*items, *graph] if isinstance(item, dict)]


def _day_first(tree: HtmlElement) -> bool | None:
    """Tell the page's day/month order: from its unambiguous dates, else from its locale.

    The dates come first because a locale is often a CMS's default ("en-US" on pages
    written where the day comes first), while "25/12/2021" can only be read one way.
    """
    body = tree.find("body")
    order = day_first_from_dates(body.text_content() if body is not None else "")
    if order is not None:
        return order
    for locale in tree.xpath(_LOCALE_XPATH):
        order = day_first_from_locale(str(locale))
        if order is not None:
            return order
    return None


# A dateline's date: labelled published (True), updated (False) or neither (None).
Dateline = tuple[bool | None, str]


def _datelines(tree: HtmlElement, day_first: bool | None) -> list[Dateline]:
    """Return the dates of the page's visible datelines, those under the headline first.

    A dateline is a short element of its own: the outermost element whose text is short,
    not in navigation, furniture, a footer or a quotation. Those after the headline
    (``<h1>``) come first; above it, only those labelled "Published" or "Updated" count, so
    a masthead's date of the day is never taken for the story's.
    """
    after: list[Dateline] = []
    before: list[Dateline] = []
    headline_seen = False
    # Walked top down, in page order, going into an element only while its text is long:
    # each element's text is read once per level above it, however wide the page.
    lengths = text_lengths(tree)
    stack = [tree.find("body")]
    while stack:
        element = stack.pop()
        if element is None or not isinstance(element.tag, str):
            continue
        if element.tag in _NOT_DATELINES or element.get(MARK) is not None:
            continue
        headline_seen = headline_seen or element.tag == "h1"
        text = flat_text(element) if lengths[element] <= _MAX_DATELINE_RAW else ""
        if not text or len(text) > _MAX_DATELINE:
            stack.extend(reversed(element))
            continue
        # A short header holding the headline holds its dateline too.
        headline_seen = headline_seen or element.find(".//h1") is not None
        (after if headline_seen else before).extend(_read_element(element, text, day_first))
    if not headline_seen:
        return before
    # Above the headline, only a labelled date counts: an unlabelled one is the masthead's.
    return after + [dateline for dateline in before if dateline[0] is not None]


def _read_element(element: HtmlElement, text: str, day_first: bool | None) -> list[Dateline]:
    """Read a dateline element, its parts marked as the published or updated time first.

    Markup says which time a part is where the visible words do not: microformats (hAtom's
    ``published`` and ``updated`` classes) and schema.org's ``itemprop``.
    """
    found: list[Dateline] = []
    for part in element.iter():
        kind = _marked_kind(part)
        if kind is not None:
            part_text = flat_text(part)
            found.extend((kind, iso) for _, iso in _read_dateline(part_text, day_first))
            text = text.replace(part_text, " ", 1)
    return found + _read_dateline(text, day_first)


def _marked_kind(element: HtmlElement) -> bool | None:
    itemprop = _date_key_kind(element.get("itemprop"))
    if itemprop is not None:
        return itemprop
    classes = (element.get("class") or "").lower().split()
    if any(_UPDATED_CLASS.search(name) for name in classes):
        return False
    return True if any(_PUBLISHED_CLASS.search(name) for name in classes) else None


def _read_dateline(text: str, day_first: bool | None) -> list[Dateline]:
    """Read the dates of a dateline, each labelled by the nearest label before it.

    "Published 8:00 ET March 8, 2021 | Updated 10:12 ET March 14, 2021" gives the 8th as
    published and the 14th as updated; "By A. Writer, March 8, 2021" gives an unlabelled date.
    """
    found: list[Dateline] = []
    cursor = 0
    while date := find_date(text[cursor:], day_first=day_first):
        start, end, iso = date
        # The label may be matched as the date's own prefix ("Published March 8, 2021").
        head = text[: cursor + start + 12]
        labels = [(m.start(), True) for m in _PUBLISHED_LABEL.finditer(head)]
        labels += [(m.start(), False) for m in _UPDATED_LABEL.finditer(head)]
        found.append((max(labels)[1] if labels else None, iso))
        cursor += end
    return found


# Page furniture ----------------------------------------------------------------------------
#
# trafilatura finds the article's container, but some pages put furniture inside it or beside
# it in a way its own link-density checks let through: a news stream of teasers (headline
# link, source, a two-line summary) before the story, a "MORE: <headline>" link between its
# paragraphs. Such elements are marked here by their structure, whatever the outlet, and
# pruned before extraction (after the metadata has been read).

MARK = "data-whosaid-furniture"
FURNITURE_XPATH = f"//*[@{MARK}]"

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SKIP = frozenset({"head", "script", "style", "noscript", "template", "svg", "select"})
# A headline has a few words; a link of one or two ("Sports", "Jane Doe") may be anything.
_HEADLINE_WORDS = 3
_MAX_NAME_WORDS = 4
# A teaser's own words are a summary of a line or two, never an article's worth of text.
_MAX_TEASER_TEXT = 400
# Labels before a teaser's headline ("Science", "Associated Press", a comment count).
_MAX_LEAD = 40
# Text around a lone link in a related-link paragraph: "MORE:", "[Read:", "]".
_MAX_LINK_PREFIX_WORDS = 2
_LINK_SHARE = 0.8
_MAX_BUTTON_WORDS = 3
# Bounds on the text of an element that may be furniture (whitespace included): a teaser
# with its related links, and a paragraph that is one link.
_MAX_FURNITURE_TEXT = 4000
_MAX_LINK_PARAGRAPH = 1000
_SENTENCE_END = re.compile(r"[.;:][\"”’']*$")


def flat_text(element: HtmlElement) -> str:
    """Return an element's text as a reader sees it, whitespace collapsed."""
    return " ".join(element.text_content().split())


def text_lengths(tree: HtmlElement) -> dict[HtmlElement, int]:
    """Return the length of every element's text (whitespace kept), in one pass over the page.

    Reading an element's text costs its whole subtree; knowing the lengths first lets the
    searches below read only short elements, so a page nested deep costs time linear in
    its size, not its size times its depth.
    """
    lengths: dict[HtmlElement, int] = {}
    for element in reversed(list(tree.iter())):  # every child before its parent
        length = len(element.text or "") if isinstance(element.tag, str) else 0
        for child in element:
            length += lengths[child] + len(child.tail or "")
        lengths[element] = length
    return lengths


def _links(element: HtmlElement) -> list[HtmlElement]:
    """Return the links of an element that lead to another page (not anchors or scripts)."""
    links = []
    for link in element.iter("a"):
        href = (link.get("href") or "").strip().lower()
        if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
            links.append(link)
    return links


def _headline_links(links: list[HtmlElement]) -> list[HtmlElement]:
    return [link for link in links if _is_headline_text(flat_text(link))]


def _is_headline_text(text: str) -> bool:
    """Tell whether a link's words read as a headline, not a name ("Sen. Jane Q. Doe").

    A round-up of reactions leads each entry with a linked name, then the person's words;
    those entries are body. A name is a few words, all capitalised.
    """
    words = text.split()
    if len(words) < _HEADLINE_WORDS:
        return False
    return len(words) > _MAX_NAME_WORDS or not all(word[:1].isupper() for word in words)


def _link_share(text: str, links: list[HtmlElement]) -> float:
    return sum(len(flat_text(link)) for link in links) / len(text) if text else 0.0


def _is_link_item(element: HtmlElement) -> bool:
    """Tell whether an element is all link: an entry of a link list or a share bar."""
    text = flat_text(element)
    return bool(text) and _link_share(text, _links(element)) >= _LINK_SHARE


def _is_teaser(element: HtmlElement) -> bool:
    """Tell whether an element is a teaser: led by a headline link, with at most a summary.

    A paragraph of body text may hold links, even long ones, but is not led by a headline
    in a heading, nor is it a list entry or a box of its own; so paragraphs are never
    teasers here (a lone linked paragraph is judged by ``_is_link_paragraph``).
    """
    if element.tag == "p":
        return False
    text = flat_text(element)
    links = _links(element)
    headlines = _headline_links(links)
    if not text or not headlines:
        return False
    if _link_share(text, links) >= _LINK_SHARE:
        return True
    own = len(text) - sum(len(flat_text(link)) for link in links)
    if own > _MAX_TEASER_TEXT:
        return False
    in_heading = any(
        bool(_links(heading)) and _is_link_item(heading) for heading in element.iter(*_HEADINGS)
    )
    return in_heading or text.find(flat_text(headlines[0])) <= _MAX_LEAD


def _is_link_paragraph(element: HtmlElement) -> bool:
    """Tell whether a paragraph is one headline link, perhaps after a label ("MORE:").

    A body sentence that happens to be linked whole ends as a sentence does; a headline
    does not end with a full stop.
    """
    text = flat_text(element)
    links = _links(element)
    headlines = _headline_links(links)
    if len(headlines) != 1 or len(links) != 1:
        return False
    headline = flat_text(headlines[0])
    rest = text.replace(headline, " ", 1).split()
    return len(rest) <= _MAX_LINK_PREFIX_WORDS and not _SENTENCE_END.search(headline)


def _teaser_group(
    children: list[HtmlElement], lengths: dict[HtmlElement, int]
) -> list[HtmlElement]:
    """Return the furniture among sibling elements of one tag: teasers or link entries.

    Three or more teasers pointing to different pages, making up most of the group, are a
    list of other stories; a list of three or more entries that are all link is a link box
    or a share bar. Anything else in the group is left alone, and so is any element with
    more text than furniture ever has.
    """
    short = [child for child in children if lengths[child] <= _MAX_FURNITURE_TEXT]
    teasers = [child for child in short if _is_teaser(child)]
    targets = {(_headline_links(_links(t)) or _links(t))[0].get("href") for t in teasers}
    if len(teasers) >= 3 and len(targets) >= 3 and 3 * len(teasers) >= 2 * len(children):
        return teasers
    if children[0].tag == "li":
        entries = [child for child in short if _is_link_item(child)]
        if len(entries) >= 3 and 3 * len(entries) >= 2 * len(children):
            return entries
        # Buttons drawn as list entries without links ("Tweet this", "Share this", "Reprints").
        buttons = [child for child in short if _is_button(child)]
        if len(buttons) >= 3 and 2 * len(buttons) >= len(children):
            return buttons
    return []


def _is_button(element: HtmlElement) -> bool:
    words = flat_text(element).split()
    return 0 < len(words) <= _MAX_BUTTON_WORDS and not words[-1].endswith(tuple(".!?:;,"))


def mark_furniture(tree: HtmlElement) -> int:
    """Mark the page furniture in a parsed page with ``MARK``; return how many were marked."""
    found: list[HtmlElement] = []
    lengths = text_lengths(tree)
    for parent in tree.iter():
        if not isinstance(parent.tag, str) or parent.tag in _SKIP:
            continue
        groups: defaultdict[str, list[HtmlElement]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in _SKIP:
                groups[child.tag].append(child)
        for children in groups.values():
            if len(children) >= 3:
                found.extend(_teaser_group(children, lengths))
    found.extend(
        p for p in tree.iter("p") if lengths[p] <= _MAX_LINK_PARAGRAPH and _is_link_paragraph(p)
    )
    for element in found:
        element.set(MARK, "")
    if found:
        logger.debug("marked %d furniture elements", len(found))
    return len(found)


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _language(raw: bytes) -> str | None:
    """Read the language the page declares on its ``<html>`` element."""
    match = _HTML_LANG.search(raw, 0, 4096)
    return match.group(1).decode("ascii").lower() if match else None
