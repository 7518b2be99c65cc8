"""Page furniture inside an HTML page's article, found by its structure.

trafilatura finds the article's container, but some pages put furniture inside it or beside it
in a way its own link-density checks let through: a news stream of teasers (headline link,
source, a two-line summary) before the story, a "MORE: <headline>" link between its paragraphs.
Such elements are marked here by their structure, whatever the outlet, and pruned before
extraction (after the metadata has been read).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)


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
