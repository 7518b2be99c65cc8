"""Run the quote engine on a small hand-written text, the way the attribution tests do."""

from __future__ import annotations

from collections.abc import Sequence

from corpus.models import Paragraph, Quote
from corpus.quotes import extract_quotes


def extract(text: str) -> list[Quote]:
    """Run the engine on text split into blank-line paragraphs."""
    paras: list[Paragraph] = []
    pos = 0
    for number, block in enumerate(text.split("\n\n"), start=1):
        start = text.index(block, pos)
        paras.append(Paragraph(number, start, start + len(block)))
        pos = start + len(block)
    return extract_quotes(text, paras)


def quote_of(quotes: Sequence[Quote], words: str) -> Quote:
    """Return the one quote whose text starts with ``words``."""
    found = [q for q in quotes if q.text.startswith(words)]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]
