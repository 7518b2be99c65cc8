"""The same quote carried by many outlets: wire copy reprinted, a post forwarded to channels.

The index keeps every copy (each article is a source in its own right), but an answer shows
the quote once: from its earliest copy, with the others as "also carried by N sources". Two
quotes are copies when the same speaker says the same words, whitespace aside: a reprint
keeps the words, and two speakers sharing a long sentence are not one story. Short quotes
("no comment", "we'll see") recur between unrelated stories, so a quote of fewer than
``MIN_WORDS`` words is nobody's copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from retrieval.view import CorpusView

MIN_WORDS = 6


class Copies:
    """Finds the copies of a view's quote rows (the view groups them when it is written)."""

    def __init__(self, view: CorpusView) -> None:
        self._view = view

    def _earliest(self, number: int) -> tuple[bool, str, str]:
        doc_id = self._view.rows[number].meta.doc_id
        article = self._view.articles.get(doc_id)
        date = article.date if article is not None else None
        return (date is None, date or "", doc_id)

    def of(self, row: int, within: np.ndarray | None = None) -> list[int]:
        """Return the rows that carry the same quote as ``row`` (itself included), the
        earliest first; empty when it has no copy. ``within`` masks rows out of scope."""
        found = sorted((int(r) for r in self._view.copies(row)), key=self._earliest)
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
