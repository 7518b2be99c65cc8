"""Choose the quote engine for an article by its language.

English articles go through :func:`corpus.quotes.extract_quotes`, as they always have;
Russian ones through :func:`corpus.attribution.ru.extract_quotes_ru`, whose models are loaded
the first time a Russian article is read.
"""

from __future__ import annotations

from corpus.language import article_language
from corpus.models import Article, Quote
from corpus.quotes import extract_quotes

__all__ = ["article_quotes"]


def article_quotes(article: Article) -> list[Quote]:
    """Find and attribute the quotes of an article with the engine of its language."""
    language = article.language or article_language(article)
    if language == "ru":
        from corpus.attribution.ru import extract_quotes_ru

        return extract_quotes_ru(article.text, article.paragraphs)
    return extract_quotes(article.text, article.paragraphs)
