"""Verification: nothing reaches a user in quotation marks unless it is printed in its source."""

from __future__ import annotations

import logging
import re

from corpus.store import ArticleRecord

logger = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")


def locate(article: ArticleRecord, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return where ``text`` stands in the article, or None when it is not a verbatim span.

    The stored offsets are tried first; otherwise the text is searched for with runs of
    whitespace treated as equal (the only liberty allowed).
    """
    if not text.strip():
        return None
    if article.text[start:end] == text:
        return start, end
    pattern = r"\s+".join(re.escape(w) for w in _SPACE.split(text.strip()))
    match = re.search(pattern, article.text)
    if match is None:
        logger.warning("dropped a quote not found verbatim in %s: %.60r", article.path, text)
        return None
    return match.start(), match.end()
