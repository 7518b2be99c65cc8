"""Extract quotes from an English article's text and attribute each one to its speaker.

The public entry is :func:`extract_quotes`; :mod:`corpus.engine` chooses it or the Russian
engine by the article's language. The English engine's passes live in :mod:`corpus.attribution`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from corpus.attribution import engine as english
from corpus.models import Paragraph, Quote

__all__ = ["extract_quotes"]

logger = logging.getLogger(__name__)


def extract_quotes(text: str, paragraphs: Sequence[Paragraph]) -> list[Quote]:
    """Find the quotes in an article and attribute each to its speaker.

    Args:
        text: The article text every offset indexes.
        paragraphs: The article's body paragraphs, in order.

    Returns:
        The quotes in text order. Each quote's ``text`` is exactly ``text[start:end]``; a quote
        whose speaker cannot be recovered has ``speaker=None`` and a low confidence.
    """
    return english.extract(text, paragraphs)
