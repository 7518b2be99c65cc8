"""Ingest article files into the store: incremental, idempotent, safe to interrupt, one at a time.

- One writer at a time: the whole ingest holds the index's write lock (``Store.writing``),
  so a second ingest, from any process sharing the data directory, fails at once with
  :class:`corpus.errors.StoreBusyError` (or waits ``ingest_lock_timeout`` seconds). It
  writes the current index, or a rebuild's new one (``open_store(..., rebuild=True)``),
  which readers see only once it is published whole.
- Ids are deterministic (article ids from paths, chunk ids from content), so ingesting twice
  changes nothing, and an unchanged file (same generation: same content, same engine) is not
  even parsed or embedded.
- A changed file's new chunks are written first, then its article record (the commit point,
  see ``corpus.store``), then its old chunks are deleted. Chunks a crash left behind are
  deleted at the end of the next ingest.
- Articles whose file is gone from an ingested directory are removed. A file or directory
  that cannot be read is reported (one line) and skipped; whatever the index held for it
  stays as it was, and the other files go on. A file with the same content as another is
  reported and skipped, and the first one (in path order) is kept.
- At the end the ingest reads back what it wrote and a sample of the rest: a damaged index
  raises :class:`corpus.errors.StoreDamagedError` instead of reporting "unchanged".
- Batches are embedded and written by one thread while the quote engine parses the next
  batch (:class:`_Writer`): the model's time is most of an ingest, and onnxruntime lets go
  of the GIL while it runs. Writes keep their order, and the lock is released only once the
  writer has stopped.
"""

from __future__ import annotations

import logging
import os
import queue
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from corpus.channels import ChannelBook
from corpus.chunks import Chunk, make_chunks
from corpus.engine import article_quotes
from corpus.errors import LoadError, StoreBusyError, StoreError
from corpus.loaders import DEFAULT_MAX_FILE_BYTES, discover, load_file
from corpus.models import Article, ParsedArticle
from corpus.normal import composed_quotes
from corpus.posts import own_words
from corpus.state import StateStore
from corpus.store import Store
from corpus.workers import Farm, Prepared, Workers

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
    cleaned: int = 0

    @property
    def changed(self) -> bool:
        """Whether the index differs from before."""
        return bool(self.added or self.updated or self.removed or self.cleaned)

    def summary(self) -> str:
        """Return the one-line summary printed after an ingest."""
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}, removed {len(self.removed)}, "
            f"skipped {len(self.skipped)}"
        )


def parse_article(article: Article) -> ParsedArticle:
    """Run the quote extraction and attribution engine of the article's language over it.

    An article that is a person's own post adds that person's own words (``corpus.posts``).
    """
    quotes = composed_quotes(article, article_quotes)  # names composed, offsets as stored
    if article.speaker:
        quotes = sorted([*quotes, *own_words(article, quotes)], key=lambda q: q.start)
    return ParsedArticle(article, quotes)


@dataclass(slots=True)
class _Pending:
    """An article ready to be written: parsed, and chunked and embedded when a worker did."""

    parsed: ParsedArticle
    existed: bool
    chunks: list[Chunk] | None = None
    vectors: list[list[float]] | None = None


@dataclass(slots=True)
class _Run:
    """The state of one ingest between files."""

    store: Store
    report: IngestReport
    on_error: Callable[[LoadError], None] | None
    known: dict[str, tuple[str, str]]
    seen: set[str] = field(default_factory=set)
    # Paths (files, or unreadable directories) whose index entries must be kept as they are.
    kept: list[Path] = field(default_factory=list)
    # Content generation -> the path of the article that has it, to skip exact copies.
    contents: dict[str, str] = field(default_factory=dict)
    # Content generation -> indexed articles outside these roots whose file is gone: a file
    # with that content found now is where they went (a moved or renamed corpus).
    moved: dict[str, list[str]] = field(default_factory=dict)
    # Those moved articles now indexed at their new path: their old entries go at the end.
    replaced: list[str] = field(default_factory=list)
    pending: list[_Pending] = field(default_factory=list)
    channels: ChannelBook | None = None
    farm: Farm | None = None
    parsed: int = 0  # articles handed to the quote engine so far
    on_article: Callable[[int], None] | None = None
    taken: int = 0
    # Written by the writer thread only, and read once it has stopped.
    written: list[str] = field(default_factory=list)

    def skip(self, error: LoadError, *, keep: Path | None) -> None:
        # Logged at INFO only: the report carries it to the user, who reads it once.
        logger.info("skipped %s", error)
        self.report.skipped.append(error)
        if keep is not None:
            self.kept.append(keep)
        if self.on_error is not None:
            self.on_error(error)


def ingest(
    paths: Sequence[Path],
    *,
    store: Store,
    batch_articles: int = 64,
    progress: bool = False,
    on_error: Callable[[LoadError], None] | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    on_article: Callable[[int], None] | None = None,
    workers: Workers | None = None,
) -> IngestReport:
    """Bring the store in line with the article files under ``paths``.

    ``on_article`` is told how many articles have been read so far, as they are (a progress
    message for an export of thousands of posts, which is one file). ``workers`` parse and
    embed in other processes (``corpus.workers``); this process stays the one writer, and
    the index is the same as one process would write.

    Raises:
        StoreBusyError: Another ingest holds the write lock.
        StoreDamagedError: The index could not be read back (rebuild it).
        StoreError: Any other store failure (what was committed before it is kept).
    """
    with store.writing(), _channel_book(store) as channels:
        store.ensure_current()
        run = _Run(store, IngestReport(), on_error, store.article_hashes(), channels=channels)
        run.on_article = on_article
        run.farm = Farm(workers) if workers is not None and workers.count > 1 else None
        try:
            _ingest(run, [p.resolve() for p in paths], batch_articles, progress, max_file_bytes)
        except StoreError as exc:
            done = len(run.report.added) + len(run.report.updated)
            if not done or isinstance(exc, StoreBusyError):
                raise
            # Say what is safe: the articles committed before the failure stay indexed.
            raise type(exc)(f"{exc}; {done} article(s) were committed before that") from exc
        finally:
            if run.farm is not None:
                run.farm.close(cancel=True)
            if run.report.changed or run.written:
                store.mark_committed()
    logger.info("ingest: %s", run.report.summary())
    return run.report


@contextmanager
def _channel_book(store: Store) -> Iterator[ChannelBook | None]:
    """Open the channel book of the store's data directory for one ingest (None without)."""
    if store.where.data_dir is None:
        yield None
        return
    state = StateStore.in_data_dir(store.where.data_dir)
    try:
        yield ChannelBook(state)
    finally:
        state.close()


def _ingest(
    run: _Run, roots: list[Path], batch_articles: int, progress: bool, max_file_bytes: int
) -> None:
    report = run.report
    for root in roots:
        if not root.exists():
            run.skip(LoadError(root, "no such file or directory"), keep=root)

    def unreadable_directory(error: LoadError) -> None:
        run.skip(error, keep=Path(error.path))

    files = discover([r for r in roots if r.exists()], on_error=unreadable_directory)
    # Copies of a file that stays in the index (outside these roots) are copies too; a file
    # that is gone keeps nothing, and its content found here is that file moved.
    for known_id, (path, gen) in run.known.items():
        if not _under(Path(path), roots):
            if _gone(Path(path)):
                run.moved.setdefault(gen, []).append(known_id)
            else:
                run.contents.setdefault(gen, path)

    bar = tqdm(files, unit="file", desc="ingest", disable=not progress or len(files) < 2)
    writer = _Writer(run)
    try:
        for path in bar:
            try:
                articles = load_file(path, max_bytes=max_file_bytes)
            except LoadError as exc:
                run.skip(exc, keep=path)
                continue
            for article in articles:
                _take(run, path, article)
                if len(run.pending) >= batch_articles:
                    writer.put(run.pending)
                    run.pending = []
        if run.farm is not None:
            _collect(run, run.farm.drain())
        if run.pending:
            writer.put(run.pending)
            run.pending = []
    except BaseException:
        writer.close(abort=True)
        raise
    writer.close()

    gone = [
        doc_id
        for doc_id, (path, _) in run.known.items()
        if doc_id not in run.seen
        and _under(Path(path), roots)
        and not _under(Path(path), run.kept)
    ]
    gone += [doc_id for doc_id in run.replaced if doc_id not in run.seen]
    if gone:
        run.store.remove_articles(gone)
        report.removed.extend(run.known[d][0] for d in gone)
    report.cleaned, live = run.store.drop_dead_chunks()
    run.store.check(run.written, live)


def _take(run: _Run, path: Path, article: Article) -> None:
    """Queue one loaded article for writing, unless it is unchanged or a copy."""
    run.taken += 1
    if run.on_article is not None:
        run.on_article(run.taken)
    if run.channels is not None:
        article = run.channels.apply(article)  # a Telegram post: its channel's link, author
    gen = run.store.generation(article)
    first = run.contents.setdefault(gen, article.path)
    if first != article.path:
        # Not added to ``seen``: an earlier entry of this copy is removed from the index.
        run.skip(LoadError(path, f"same content as {first}; skipped, that one is kept"), keep=None)
        return
    run.seen.add(article.doc_id)
    previous = run.known.get(article.doc_id)
    if previous is not None and previous[1] == gen:
        run.report.unchanged.append(article.path)
        return
    run.parsed += 1
    if run.farm is not None and run.parsed > run.farm.workers.start_after:
        run.farm.submit(article, (path, previous is not None, article.doc_id, gen))
        _collect(run, run.farm.ready(wait=True))
        return
    try:
        parsed = parse_article(article)
    except Exception as exc:  # one file's failure must not stop the others
        logger.debug("the quote engine failed on %s", path, exc_info=True)
        run.seen.discard(article.doc_id)
        run.skip(LoadError(path, engine_failure(article, exc)), keep=path)
        return
    run.pending.append(_Pending(parsed, previous is not None))
    run.replaced += run.moved.pop(gen, [])


def _collect(run: _Run, done: list[tuple[Any, Prepared]]) -> None:
    """Queue the workers' results for writing, in the order the articles were handed out."""
    for (path, existed, doc_id, gen), prepared in done:
        if prepared.parsed is None:
            run.seen.discard(doc_id)
            article_path = Path(path)
            run.skip(LoadError(article_path, prepared.failure or ""), keep=article_path)
            continue
        run.pending.append(_Pending(prepared.parsed, existed, prepared.chunks, prepared.vectors))
        run.replaced += run.moved.pop(gen, [])


class _Writer:
    """Embeds and writes batches in its own thread, in order, while the caller parses on.

    At most one batch waits (memory stays bounded). A failure stops the writing: the next
    :meth:`put`, or :meth:`close`, raises it; batches after it are dropped, never written.
    """

    def __init__(self, run: _Run) -> None:
        self._run = run
        self._queue: queue.Queue[list[_Pending] | None] = queue.Queue(1)
        self._error: BaseException | None = None
        self._stop = False
        self._thread = threading.Thread(target=self._loop, name="ingest-writer", daemon=True)
        self._thread.start()

    def put(self, batch: list[_Pending]) -> None:
        """Hand a batch over (waits while the one before it still waits to be written)."""
        self._raise()
        self._queue.put(batch)

    def close(self, *, abort: bool = False) -> None:
        """Write what was handed over and stop; raise the writing's failure, if any.

        ``abort`` (a failure or an interrupt in the caller): the batch being written still
        commits (or not, as in any crash), the one waiting is dropped, nothing is raised.
        Either way the thread has stopped when this returns, so the write lock outlives it.
        """
        self._stop = self._stop or abort
        self._queue.put(None)
        self._thread.join()
        if not abort:
            self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._stop = True
            raise error

    def _loop(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self._stop or self._error is not None:
                continue
            try:
                _write(self._run, batch)
            except BaseException as exc:  # re-raised in the ingesting thread
                self._error = exc


def _write(run: _Run, pending: list[_Pending]) -> None:
    store, report = run.store, run.report
    for item in pending:
        if item.chunks is None:
            item.chunks = make_chunks(item.parsed, store.generation(item.parsed.article))
    chunks = [chunk for item in pending for chunk in item.chunks or []]
    # The workers embedded their articles; the rest are embedded here, in one batch.
    fresh = iter(
        store.embed_chunks([c for i in pending if i.vectors is None for c in i.chunks or []])
    )
    vectors = [
        vector
        for item in pending
        for vector in (
            item.vectors if item.vectors is not None else [next(fresh) for _ in item.chunks or []]
        )
    ]
    store.add_chunks(chunks, vectors)
    run.written.extend(c.id for c in chunks)
    store.commit_articles([(i.parsed.article, len(i.parsed.quotes)) for i in pending])
    store.drop_stale_chunks(
        {i.parsed.article.doc_id: store.generation(i.parsed.article) for i in pending if i.existed}
    )
    for item in pending:
        parsed = item.parsed
        (report.updated if item.existed else report.added).append(parsed.article.path)
        report.quotes += len(parsed.quotes)
        report.speakers.update(q.speaker for q in parsed.quotes if q.speaker)


# spaCy refuses a text longer than its ``max_length`` ("[E088] Text of length N exceeds
# maximum of M"); the English engine runs it once per paragraph.
_TOO_LONG = re.compile(r"\[E088\].*?maximum of (\d+)")


def engine_failure(article: Article, exc: Exception) -> str:
    """Say why the quote engine failed on an article, and what to do when that is known."""
    too_long = _TOO_LONG.search(str(exc))
    if too_long and article.paragraphs:
        longest = max(article.paragraphs, key=lambda p: p.end - p.start)
        return (
            f"paragraph {longest.number} is {longest.end - longest.start:,} characters long, "
            f"more than the quote engine reads at once ({int(too_long[1]):,}); split it "
            "into paragraphs (blank lines between them)"
        )
    return f"the quote engine failed ({type(exc).__name__})"


def _gone(path: Path) -> bool:
    """Whether a file no longer exists (not: cannot be looked at, which keeps its entry)."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def _under(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)
