"""The same quote carried by many outlets: wire copy reprinted, a post forwarded to channels.

The index keeps every copy (each article is a source in its own right), but an answer shows
the quote once: from its earliest copy, with the others as "also carried by N sources". Two
quotes are copies when the same speaker says the same words, whitespace aside: a reprint
keeps the words, and two speakers sharing a long sentence are not one story. Short quotes
("no comment", "we'll see") recur between unrelated stories, so a quote of fewer than
``MIN_WORDS`` words is nobody's copy.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from retrieval.view import CorpusView

MIN_WORDS = 6


class Copies:
    """Finds the copies of a view's quote rows; the index is built on first use."""

    def __init__(self, view: CorpusView) -> None:
        self._view = view
        self._key_of: dict[int, str] | None = None
        self._rows: dict[str, list[int]] = {}

    def _build(self) -> None:
        view = self._view
        key_of: dict[int, str] = {}
        rows: defaultdict[str, list[int]] = defaultdict(list)
        for number, row in enumerate(view.rows):
            words = row.text.split()
            if not row.is_quote or len(words) < MIN_WORDS:
                continue
            key = f"{row.speaker or row.meta.speaker or ''}\x1f{' '.join(words)}"
            key_of[number] = key
            rows[key].append(number)
        articles = view.articles

        def earliest(number: int) -> tuple[bool, str, str]:
            doc_id = view.rows[number].meta.doc_id
            date = articles[doc_id].date if doc_id in articles else None
            return (date is None, date or "", doc_id)

        self._rows = {
            key: sorted(found, key=earliest) for key, found in rows.items() if len(found) > 1
        }
        self._key_of = {n: k for n, k in key_of.items() if k in self._rows}

    def of(self, row: int, within: np.ndarray | None = None) -> list[int]:
        """Return the rows that carry the same quote as ``row`` (itself included), the
        earliest first; empty when it has no copy. ``within`` masks rows out of scope."""
        if self._key_of is None:
            self._build()
        assert self._key_of is not None
        key = self._key_of.get(row)
        if key is None:
            return []
        found = self._rows[key]
        if within is not None:
            found = [number for number in found if within[number]]
        # One copy per article: a quote repeated in its own article is not another source.
        seen: set[str] = set()
        unique = []
        for number in found:
            doc_id = self._view.rows[number].meta.doc_id
            if doc_id not in seen:
                seen.add(doc_id)
                unique.append(number)
        return unique if len(unique) > 1 else []
