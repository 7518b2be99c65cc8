"""Assemble an ``Article`` from what a loader found: the one place its fields are filled."""

from __future__ import annotations

from pathlib import Path

from corpus.errors import LoadError
from corpus.loaders.blocks import Span, clean_body
from corpus.loaders.dates import date_from_name
from corpus.loaders.files import content_hash, doc_id
from corpus.models import Article, Paragraph


def make_paragraphs(spans: list[Span]) -> tuple[Paragraph, ...]:
    """Number body spans from 1."""
    return tuple(Paragraph(number, start, end) for number, (start, end) in enumerate(spans, 1))


def file_article(
    path: Path,
    raw: bytes,
    text: str,
    blocks: list[Span],
    *,
    title: str | None,
    date: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    language: str | None = None,
) -> list[Article]:
    """Return the one article of a file, its body cleaned of captions and page furniture.

    The date falls back to one in the file name ("…-2022-01-06.txt").

    Raises:
        LoadError: Nothing of the body is left.
    """
    body = clean_body(text, blocks, title=title)
    if not body:
        raise LoadError(path, "no body paragraphs")
    return [
        Article(
            doc_id=doc_id(path),
            path=str(path.resolve()),
            text=text,
            paragraphs=make_paragraphs(body),
            content_hash=content_hash(raw),
            title=title,
            date=date or date_from_name(path.name),
            url=url,
            outlet=outlet,
            author=author,
            language=language,
        )
    ]
