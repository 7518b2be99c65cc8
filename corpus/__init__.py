"""The offline side: article files → articles → paragraphs → attributed quotes → Chroma."""

from corpus.errors import (
    CorpusError,
    EmbeddingError,
    LoadError,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
)
from corpus.models import Article, Paragraph, ParsedArticle, Quote
from corpus.settings import CorpusSettings

__all__ = [
    "Article",
    "CorpusError",
    "CorpusSettings",
    "EmbeddingError",
    "LoadError",
    "Paragraph",
    "ParsedArticle",
    "Quote",
    "StoreBusyError",
    "StoreDamagedError",
    "StoreError",
]
