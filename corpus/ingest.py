"""Ingest article files into the store: incremental, idempotent, and safe to interrupt.

- Ids are deterministic (article ids from paths, chunk ids from content), so ingesting twice
  changes nothing, and an unchanged file (same generation: same content, same engine) is not
  even parsed or embedded.
- A changed file's new chunks are written first, then its article record (the commit point,
  see ``corpus.store``), then its old chunks are deleted.
- Articles whose file is gone from an ingested directory are removed. A file that fails to
  load is reported and skipped; whatever the index held for it stays as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from corpus.chunks import make_chunks
from corpus.errors import LoadError
from corpus.generation import generation
from corpus.loaders import discover, load_file
from corpus.models import Article, ParsedArticle
from corpus.quotes import extract_quotes
from corpus.store import Store

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What one ingest did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[LoadError] = field(default_factory=list)
    quotes: int = 0
    speakers: set[str] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        """Whether the index differs from before."""
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        """Return the one-line summary printed after an ingest."""
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}, removed {len(self.removed)}, "
            f"skipped {len(self.skipped)}"
        )


def parse_article(article: Article) -> ParsedArticle:
    """Run the quote extraction and attribution engine over one article."""
    return ParsedArticle(article, extract_quotes(article.text, article.paragraphs))


def ingest(
    paths: Sequence[Path],
    *,
    store: Store,
    batch_articles: int = 64,
    progress: bool = False,
    on_error: Callable[[LoadError], None] | None = None,
) -> IngestReport:
    """Bring the store in line with the article files under ``paths``."""
    report = IngestReport()
    known = store.article_hashes()
    roots = [p.resolve() for p in paths]
    for root in roots:
        if not root.exists():
            _skip(report, LoadError(root, "no such file or directory"), on_error)
    files = discover([r for r in roots if r.exists()])

    seen: set[str] = set()
    failed_paths: set[str] = set()
    pending: list[tuple[ParsedArticle, bool]] = []
    bar = tqdm(files, unit="file", desc="ingest", disable=not progress or len(files) < 2)
    for path in bar:
        try:
            articles = load_file(path)
        except LoadError as exc:
            failed_paths.add(str(path))
            _skip(report, exc, on_error)
            continue
        for article in articles:
            seen.add(article.doc_id)
            previous = known.get(article.doc_id)
            if previous is not None and previous[1] == generation(article):
                report.unchanged.append(article.path)
                continue
            pending.append((parse_article(article), previous is not None))
            if len(pending) >= batch_articles:
                _write(store, pending, report)
                pending = []
    if pending:
        _write(store, pending, report)

    gone = [
        doc_id
        for doc_id, (path, _) in known.items()
        if doc_id not in seen and path not in failed_paths and _under(Path(path), roots)
    ]
    if gone:
        store.remove_articles(gone)
        report.removed.extend(known[d][0] for d in gone)
    logger.info("ingest: %s", report.summary())
    return report


def _write(store: Store, pending: list[tuple[ParsedArticle, bool]], report: IngestReport) -> None:
    chunks = [chunk for parsed, _ in pending for chunk in make_chunks(parsed)]
    store.add_chunks(chunks)
    store.commit_articles([(p.article, len(p.quotes)) for p, _ in pending])
    store.drop_stale_chunks(
        {p.article.doc_id: generation(p.article) for p, existed in pending if existed}
    )
    for parsed, existed in pending:
        (report.updated if existed else report.added).append(parsed.article.path)
        report.quotes += len(parsed.quotes)
        report.speakers.update(q.speaker for q in parsed.quotes if q.speaker)


def _skip(
    report: IngestReport, error: LoadError, on_error: Callable[[LoadError], None] | None
) -> None:
    logger.warning("skipped %s", error)
    report.skipped.append(error)
    if on_error is not None:
        on_error(error)


def _under(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)
