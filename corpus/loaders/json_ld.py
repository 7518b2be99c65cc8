"""A page's JSON-LD objects (schema.org metadata), read once for the headline and the date."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# The script's type compared without case: some pages write "application/LD+JSON".
_JSON_LD = "//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"


def item_types(item: dict[str, Any]) -> set[str]:
    """Return an object's schema.org types (``@type`` is a string or a list)."""
    kinds = item.get("@type")
    if isinstance(kinds, str):
        return {kinds}
    return {kind for kind in kinds if isinstance(kind, str)} if isinstance(kinds, list) else set()


def json_ld_items(tree: HtmlElement) -> list[dict[str, Any]]:
    """Return the page's JSON-LD objects: top level, in an ``@graph``, or its ``mainEntity``.

    Objects nested deeper are left out: a list of related articles has headlines and dates
    of its own.
    """
    items: list[dict[str, Any]] = []
    for script in tree.xpath(_JSON_LD):
        try:
            data = json.loads(script.text_content())
        except (ValueError, RecursionError):  # malformed, or nested past the parser's depth
            continue
        top = data if isinstance(data, list) else [data]
        for item in top:
            if not isinstance(item, dict):
                continue
            items.append(item)
            graph = item.get("@graph")
            items += [m for m in graph if isinstance(m, dict)] if isinstance(graph, list) else []
    items += [item["mainEntity"] for item in items if isinstance(item.get("mainEntity"), dict)]
    return items
