"""The headline of an HTML page, chosen by agreement among the places the page states it.

A page gives its headline in several places: JSON-LD ``headline``, og:title, twitter:title,
its ``<h1>`` and its ``<title>``. Any of them may hold something else instead: the site's
name (a ``<title>`` that is only the site, a logo's alt text in an ``<h1>``), a section
label ("Local News | Headline"), a CMS field ("escenic"), or the headline with the site's
name added ("Headline | Site"). So the candidates are collected, the site's names and the
navigation's labels are cut from their edges, a candidate that is a site name is dropped,
and the text most places agree on wins. Without agreement the metadata that names the
article wins (JSON-LD, og:title, twitter:title), then the first ``<h1>``, then ``<title>``.

The site's names are what the page says about itself: og:site_name, application-name, the
JSON-LD publisher, the host of its canonical URL, the alt text of its logo, the words of the
link to its home page, and the name in its copyright line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from corpus.loaders.html_furniture import MARK, flat_text
from corpus.loaders.json_ld import item_types, json_ld_items

if TYPE_CHECKING:
    from lxml.html import HtmlElement


# Sources in order of trust when no two agree. The publisher's metadata names this article;
# a lone ``<h1>`` may be a section's heading or a logo the site-name checks did not know.
_SOURCES = ("ld", "og", "twitter", "h1", "title")
_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|/|»|«)\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_TLD = re.compile(r"\.(?:[a-z]{2,6})(?:\.[a-z]{2})?$")
_LOGO = re.compile(r"logo|brand|masthead", re.I)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*"
    r"(?P<name>[^.,|©]{3,60}?)\s*(?:[.,|]|all rights|$)",
    re.I,
)
# Site names and section labels are a few words; a longer string is a headline however
# often it is repeated in navigation (a breadcrumb may end with the story's own headline).
_MAX_LABEL_WORDS = 6
_MAX_H1 = 5
_SITE_TYPES = frozenset({"Organization", "NewsMediaOrganization", "WebSite"})


@dataclass(frozen=True)
class _Candidate:
    source: str
    text: str
    position: int  # among the candidates of its source (h1s in page order)


def page_headline(
    tree: HtmlElement, *, extracted: str | None, site_names: Iterable[str] = ()
) -> str | None:
    """Return the page's headline, or trafilatura's title when the page states none.

    Args:
        tree: The parsed page, its furniture marked.
        extracted: trafilatura's title for the page.
        site_names: Names the extractor found for the site (its name, its host).
    """
    sites = _site_keys(tree, site_names)
    labels = _nav_labels(tree)
    candidates = [
        _Candidate(source, cleaned, position)
        for source, position, text in _raw_candidates(tree)
        if (cleaned := _clean(text, sites, labels))
    ]
    chosen = _by_agreement(candidates, labels)
    if chosen:
        return chosen
    return _clean(extracted, sites, labels) or _first_h2(tree, sites, labels)


def _raw_candidates(tree: HtmlElement) -> Iterator[tuple[str, int, str]]:
    h1s = tree.xpath(f"//body//h1[not(ancestor-or-self::*[@{MARK}])]")
    for position, h1 in enumerate(h1s[:_MAX_H1]):
        yield "h1", position, flat_text(h1)
    for item in json_ld_items(tree):
        headline = item.get("headline")
        if isinstance(headline, str):
            yield "ld", 0, headline
    for element in tree.xpath("//body//*[@itemprop='headline']")[:1]:
        yield "ld", 1, flat_text(element)  # the same schema.org field, as microdata
    for source, xpath in (
        ("og", "//meta[@property='og:title']/@content"),
        ("twitter", "//meta[@name='twitter:title' or @property='twitter:title']/@content"),
    ):
        for value in tree.xpath(xpath)[:1]:
            yield source, 0, str(value)
    for title in tree.xpath("//head/title")[:1]:
        yield "title", 0, title.text_content()


def _by_agreement(candidates: list[_Candidate], labels: set[str]) -> str | None:
    """Return the text that most sources give, in the order of ``_SOURCES`` among equals.

    A source agrees with a text when its candidate is that text, or is that text with a
    segment at an edge the site-name cut did not know ("Headline | Unknown Site"). A text
    that is also a navigation label ("Local News" as a heading) wins only where another
    source agrees with it, as a short headline that a breadcrumb repeats does.
    """
    full: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        full.setdefault(_key(candidate.text), []).append(candidate)
    votes: dict[str, set[str]] = {key: {c.source for c in group} for key, group in full.items()}
    for candidate in candidates:
        if len(votes[_key(candidate.text)]) > 1:
            continue  # already agreeing with another source as it stands
        for fragment in _fragments(candidate.text):
            key = _key(fragment)
            if key in full and candidate.source not in votes[key]:
                votes[key].add(candidate.source)
                break
    if not votes:
        return None

    def rank(key: str) -> tuple[int, bool, int, int]:
        best = min(full[key], key=lambda c: (_SOURCES.index(c.source), c.position))
        lone_label = key in labels and len(votes[key]) == 1
        return (-len(votes[key]), lone_label, _SOURCES.index(best.source), best.position)

    winner = min(votes, key=rank)
    return min(full[winner], key=lambda c: (_SOURCES.index(c.source), c.position)).text


def _fragments(text: str) -> list[str]:
    """Return the text less one or two segments at either edge, each of two words or more."""
    cuts = list(_SEPARATORS.finditer(text))
    found = []
    for n in range(min(len(cuts), 2)):
        for piece in (text[: cuts[-1 - n].start()], text[cuts[n].end() :]):
            if len(piece.split()) >= 2:
                found.append(piece)
    return found


def _clean(text: str | None, sites: set[str], labels: set[str]) -> str | None:
    """Cut site names and section labels from a candidate's edges; None if nothing is left.

    A candidate that is a site name or a single word (a CMS field) is no headline.
    """
    flat = " ".join((text or "").split())
    if not flat:
        return None
    while True:
        separators = list(_SEPARATORS.finditer(flat))
        if not separators:
            break
        head, tail = flat[: separators[0].start()], flat[separators[-1].end() :]
        if _is_site(tail, sites) or _key(tail) in labels:
            flat = flat[: separators[-1].start()]
        elif _is_site(head, sites) or _key(head) in labels:
            flat = flat[separators[0].end() :]
        else:
            break
    if len(flat.split()) < 2 or _is_site(flat, sites):
        return None
    return flat


def _first_h2(tree: HtmlElement, sites: set[str], labels: set[str]) -> str | None:
    """Return the first heading below ``<h1>`` that may be the headline of a page with none."""
    for h2 in tree.xpath(f"//body//h2[not(ancestor-or-self::*[@{MARK}])]")[:3]:
        cleaned = _clean(flat_text(h2), sites, labels)
        if cleaned and len(cleaned.split()) >= 3 and _key(cleaned) not in labels:
            return cleaned
    return None


def _key(text: str) -> str:
    """Return a candidate's text as compared: case, quote style and end punctuation aside."""
    return " ".join(text.translate(_QUOTES).casefold().split()).strip(" .:;,")


def _compact(name: str) -> str:
    """Return a site name as compared: letters and digits, no domain ending, no "the"."""
    lowered = _TLD.sub("", name.strip().lower().removeprefix("www."))
    compact = re.sub(r"[\W_]+", "", lowered)
    return compact.removeprefix("the") if len(compact) > 6 else compact


def _is_site(text: str | None, sites: set[str]) -> bool:
    return bool(text) and _compact(text or "") in sites


def _site_keys(tree: HtmlElement, given: Iterable[str]) -> set[str]:
    names: list[str] = list(given)
    names += tree.xpath(
        "//meta[@property='og:site_name' or @name='application-name'"
        " or @name='apple-mobile-web-app-title']/@content"
    )
    names += [v.lstrip("@") for v in tree.xpath("//meta[@name='twitter:site']/@content")]
    for url in tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        host = urlsplit(str(url).strip()).hostname
        if host:
            names.append(host)
    for item in json_ld_items(tree):
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(publisher["name"])
        if item_types(item) & _SITE_TYPES and isinstance(item.get("name"), str):
            names.append(item["name"])
    names += _logo_texts(tree)
    names += _copyright_names(tree)
    return {key for name in names if (key := _compact(str(name)))}


def _logo_texts(tree: HtmlElement) -> list[str]:
    """Return the alt texts of the site's logo and the words of its links to the home page."""
    found: list[str] = []
    for link in tree.xpath("//body//a[@href]"):
        if _is_home(link.get("href", "")):
            found.append(flat_text(link))
            found += [str(v) for v in link.xpath(".//img/@alt | @title | @aria-label")]
    for img in tree.xpath("//body//img[@alt]"):
        marks = [img.get("src") or "", *(img.get(a) or "" for a in ("class", "id"))]
        for ancestor in list(img.iterancestors())[:3]:
            marks += [ancestor.get("class") or "", ancestor.get("id") or ""]
        if any(_LOGO.search(mark) for mark in marks):
            found.append(img.get("alt") or "")
    return [text for text in found if 0 < len(text.split()) <= _MAX_LABEL_WORDS]


def _is_home(href: str) -> bool:
    parts = urlsplit(href.strip())
    return (
        parts.path in ("", "/", "/index.html", "/index.php")
        and not parts.query
        and (bool(parts.netloc) or parts.path == "/")
        and not parts.fragment
    )


def _copyright_names(tree: HtmlElement) -> list[str]:
    found = []
    for element in tree.xpath("//body//footer | //body//*[contains(@class, 'copyright')]"):
        match = _COPYRIGHT.search(flat_text(element)[:500])
        if match and len(match["name"].split()) <= _MAX_LABEL_WORDS:
            found.append(match["name"])
    return found


def _nav_labels(tree: HtmlElement) -> set[str]:
    """Return the short link texts of the page's navigation: its section names."""
    links = tree.xpath(
        "//body//*[self::nav or self::header or @role='navigation'"
        " or contains(@class, 'breadcrumb')]//a[not(ancestor::h1 or ancestor::h2)]"
    )
    return {
        _key(text)
        for link in links
        if 0 < len((text := flat_text(link)).split()) <= _MAX_LABEL_WORDS
    }
