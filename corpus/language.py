"""Tell the language of an article or a question: Russian or English, by its letters.

whosaid reads two languages. Telling them apart needs no model: Russian is written in
Cyrillic, English in Latin letters, and news in either language quotes names and words of the
other only now and then. So a text is Russian when most of its letters are Cyrillic. A
language the article declares (front matter, a JSON Lines field, ``<html lang>``) wins over
the letters: "ru-RU" and "RU" are read as "ru"; a declared language whosaid has no engine for
is kept as declared and read by the English engine, as every article was before.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.models import Article

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "article_language", "detect_language", "with_language"]

# The languages whosaid has a quote engine and question parser for.
LANGUAGES = ("en", "ru")
DEFAULT_LANGUAGE = "en"

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
# Enough letters to decide on: an article is read from its start, past any Latin-lettered
# furniture ("Reuters", a URL), and a question is short anyway.
_SAMPLE = 4000
# The subtag that names the language in a tag such as "ru-RU" or "en_US".
_PRIMARY = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_].*)?\s*$")


def detect_language(text: str) -> str:
    """Return "ru" when most letters of the text are Cyrillic, else "en".

    A text with no letters at all is English: the default path, as before languages existed.
    """
    sample = text[:_SAMPLE]
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    return "ru" if cyrillic > latin else DEFAULT_LANGUAGE


def _declared(value: str | None) -> str | None:
    """Return the language subtag of a declared language tag, lowercased, or None."""
    if not value:
        return None
    match = _PRIMARY.match(value)
    return match.group(1).lower() if match else None


def article_language(article: Article) -> str:
    """Return an article's language: the one it declares, else the one its letters show."""
    declared = _declared(article.language)
    if declared is not None:
        return declared
    body = " ".join(article.paragraph_text(p) for p in article.paragraphs[:20])
    return detect_language(" ".join(filter(None, (article.title, body))))


def with_language(article: Article) -> Article:
    """Return the article with ``language`` set to :func:`article_language`'s answer."""
    language = article_language(article)
    return article if article.language == language else replace(article, language=language)
