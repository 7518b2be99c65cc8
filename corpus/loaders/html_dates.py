"""The published date of an HTML page, from its metadata and visible datelines.

trafilatura's date (htmldate's, original date first) is right on most pages, but where a page
gives only a modified time in its metadata it returns that; it reads a visible dateline only in
some shapes; and it reads "03/08/2021" day first even on a US page (its reading is turned round
where the page's own order is known). So the published date is looked for in this order:
published-time metadata (the date most of its stamps agree on, in the publisher's own zone);
a visible dateline labelled "Published"/"Posted"; trafilatura's date unless it is a modified
time; a visible dateline under the headline that is not labelled "Updated"; and a modified time
only as a last resort.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.loaders.dates import (
    day_first_from_dates,
    day_first_from_locale,
    find_date,
    normalize_date,
)
from corpus.loaders.html_furniture import MARK, flat_text, text_lengths
from corpus.loaders.json_ld import json_ld_items

if TYPE_CHECKING:
    from lxml.html import HtmlElement


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


def published_date(tree: HtmlElement, extracted: str | None) -> str | None:
    """Return the page's publication date as ``YYYY-MM-DD``, never a modified date if avoidable.

    The date is the publisher's local one: a stamp's own offset gives it ("…T22:30-05:00" is
    the 8th, though the 9th in UTC), and a stamp in UTC is read in the page's zone where the
    page shows it (another stamp's offset, or a visible dateline a day off).

    Args:
        tree: The parsed page, its furniture marked.
        extracted: trafilatura's date for the page, normalised.
    """
    stamps = _metadata_stamps(tree)
    published = [stamp for stamp in stamps if stamp.published]
    modified = {stamp.iso for stamp in stamps if not stamp.published}
    local = [stamp.iso for stamp in published if not stamp.utc]
    if local:
        return _most_common(local)
    today = dt.date.today().isoformat()
    datelines = [(kind, iso) for kind, iso in _datelines(tree, _day_first(tree)) if iso <= today]
    if published:
        return _utc_in_page_zone(published, stamps, datelines)
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


def _utc_in_page_zone(
    published: list[_Stamp], stamps: list[_Stamp], datelines: list[Dateline]
) -> str:
    """Return the date of published stamps given in UTC, as the page's own clock shows it.

    The page's zone is the offset its other stamps carry (a modified time is often local
    where the published one is not); failing that, a visible dateline of the day before or
    after is the local date of the same moment.
    """
    offsets = [stamp.moment.utcoffset() for stamp in stamps if stamp.moment and not stamp.utc]
    offset = Counter(o for o in offsets if o).most_common(1)
    # Midnight UTC is a date without a time, as CMSs store it: no moment to move.
    moments = [s.moment for s in published if s.moment and s.moment.time() != dt.time()]
    if offset and moments:
        zone = dt.timezone(offset[0][0])
        return _most_common([moment.astimezone(zone).date().isoformat() for moment in moments])
    utc = _most_common([stamp.iso for stamp in published])
    day = dt.date.fromisoformat(utc)
    for kind, iso in datelines:
        if kind is not False and abs((dt.date.fromisoformat(iso) - day).days) == 1:
            return iso
    return utc


def _most_common(dates: list[str]) -> str:
    """Return the date most stamps agree on, the first in page order among equals."""
    counts = Counter(dates)
    return max(dates, key=lambda iso: counts[iso])


def _swapped(iso: str) -> str | None:
    """Return a date with its day and month exchanged, where that is a date too."""
    year, month, day = (int(part) for part in iso.split("-"))
    try:
        return dt.date(year, day, month).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class _Stamp:
    """A date the page's metadata states: published or modified, and the moment if timed."""

    iso: str
    published: bool
    utc: bool
    moment: dt.datetime | None  # with its offset, when the stamp is an ISO time with one


def _metadata_stamps(tree: HtmlElement) -> list[_Stamp]:
    """Return the published and modified dates the metadata states, in page order.

    Read from ``<meta>`` (name, property or itemprop), elements with ``itemprop`` (a
    ``<time datetime>``), ``<time pubdate>`` and JSON-LD objects (``json_ld_items``).
    """
    stamps: list[_Stamp] = []

    def add(key: str | None, value: object) -> None:
        kind = _date_key_kind(key)
        iso = normalize_date(value) if kind is not None else None
        if iso and kind is not None:
            text = str(value).strip()
            stamps.append(_Stamp(iso, kind, _UTC.search(text) is not None, _moment(text)))

    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        add(key, meta.get("content"))
    for element in tree.xpath("//*[@itemprop][@datetime]"):
        add(element.get("itemprop"), element.get("datetime"))
    for element in tree.xpath("//time[@pubdate][@datetime]"):
        add("pubdate", element.get("datetime"))
    for item in json_ld_items(tree):
        for key in ("datePublished", "dateModified"):
            add(key, item.get(key))
    return stamps


def _moment(text: str) -> dt.datetime | None:
    """Return an ISO time with its offset ("Z" included), or None for anything else."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


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
