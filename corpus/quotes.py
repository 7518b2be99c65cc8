"""Extract quotes from an article's text and attribute each one to its speaker.

The public entry is :func:`extract_quotes`; it hands the article to the engine of its
language. The English engine's passes live in :mod:`corpus.attribution`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from corpus.attribution import engine as english
from corpus.models import Paragraph, Quote

__all__ = ["extract_quotes"]

logger = logging.getLogger(__name__)


def extract_quotes(
    text: str, paragraphs: Sequence[Paragraph], *, language: str | None = None
) -> list[Quote]:
    """Find the quotes in an article and attribute each to its speaker.

    Args:
        text: The article text every offset indexes.
        paragraphs: The article's body paragraphs, in order.
        language: The article's language as its file declares it ("en", "en-US"); None
            when it declares none. Only English has an engine yet: every article goes to it.

    Returns:
        The quotes in text order. Each quote's ``text`` is exactly ``text[start:end]``; a quote
        whose speaker cannot be recovered has ``speaker=None`` and a low confidence.
    """
    return english.extract(text, paragraphs)
