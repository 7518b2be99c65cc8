"""Find an article's paragraphs by number and count the paragraphs between two of them."""

from __future__ import annotations

from collections.abc import Sequence

from corpus.models import Paragraph


def paragraph_numbered(paras: Sequence[Paragraph], number: int) -> Paragraph:
    """Return the paragraph with a given number."""
    return next(p for p in paras if p.number == number)


def gap(paras: Sequence[Paragraph], a: int, b: int) -> int:
    """Count the paragraphs from number ``a`` to number ``b``."""
    numbers = [p.number for p in paras]
    return numbers.index(b) - numbers.index(a)
