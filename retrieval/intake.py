"""News in: links, feeds and posts become article files, ingested by the one ingest path.

Whatever the source, an article is written as a file in the corpus directory (so a rebuild
reads it again) and ingested with :meth:`QAService.ingest`: the same write lock, the same
limits (the file size cap bounds every fetch), the same report. A file an ingest could not
use is put back as it was (removed when it is new), so a failed link leaves nothing behind.

Fetching happens before the ingest and outside its lock: a slow site never holds the index.
Each outcome is one line, fit for a terminal or a chat.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.feeds import Feed, FeedBook, FeedEntry, FeedError, parse_feed
from corpus.fetch import FEED_TYPES, Fetcher, FetchError, NotModified, policy_of
from corpus.webpages import canonical_url, page_bytes, page_path, restore, write_atomically
from retrieval.models import IngestSummary

if TYPE_CHECKING:
    import httpx

    from retrieval.service import QAService

logger = logging.getLogger(__name__)

# (done, total, what): called as a slow intake goes, for a progress bar or message.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class Intake:
    """What became of one link, post or feed entry: added (or unchanged), or why not."""

    source: str
    ok: bool
    message: str
    path: str | None = None
    quotes: int = 0


@dataclass(slots=True)
class FeedPoll:
    """One feed's poll: how many entries were new or changed, and which failed."""

    url: str
    ok: bool = True
    message: str = ""
    added: int = 0
    updated: int = 0
    unchanged: bool = False
    failed: list[str] = field(default_factory=list)


def add_links(
    service: QAService,
    urls: Sequence[str],
    *,
    transport: httpx.BaseTransport | None = None,
    on_progress: Progress | None = None,
) -> list[Intake]:
    """Fetch each page and ingest it as an article, its canonical URL as the link.

    Raises:
        RetrievalError: The index failed (busy, damaged, unreachable); nothing was added.
    """
    fetched: list[tuple[str, Path, bytes]] = []
    out: dict[str, Intake] = {}
    with Fetcher(policy_of(service.settings), transport=transport) as fetcher:
        for done, url in enumerate(urls, 1):
            try:
                page = fetcher.get(url)
            except FetchError as exc:
                out[url] = Intake(url, False, exc.reason)
            else:
                link = canonical_url(page)
                path = page_path(service.corpus_dir, link)
                fetched.append((url, path, page_bytes(page, link)))
            if on_progress is not None:
                on_progress(done, len(urls), url)
    for url, result in zip(
        [u for u, _, _ in fetched],
        ingest_files(service, [(p, d) for _, p, d in fetched]),
        strict=True,
    ):
        out[url] = Intake(url, result.ok, result.message, result.path, result.quotes)
    return [out[url] for url in urls]


def ingest_files(service: QAService, files: Sequence[tuple[Path, bytes]]) -> list[Intake]:
    """Write files and ingest them together; each one that does not ingest is put back.

    Raises:
        RetrievalError: The index failed; every file written here is put back.
    """
    if not files:
        return []
    previous = {path: write_atomically(path, data) for path, data in files}
    try:
        summary = service.ingest(list(previous))
    except BaseException:
        for path, before in previous.items():
            restore(path, before)
        raise
    skipped = _skipped_by_path(summary, list(previous))
    # The summary counts quotes for the whole ingest; one file's are known when it is alone.
    quotes = summary.quotes if len(previous) == 1 else 0
    out = []
    for path, data in files:
        reason = skipped.get(path)
        before = previous[path]
        if reason is not None:
            restore(path, before)
            out.append(Intake(str(path), False, _reader_reason(reason)))
        else:
            verb = "added" if before is None else "unchanged" if before == data else "updated"
            out.append(Intake(str(path), True, verb, str(path), quotes))
    return out


def _skipped_by_path(summary: IngestSummary, paths: list[Path]) -> dict[Path, str]:
    """Return the skip reason of each of these files the ingest skipped."""
    found: dict[Path, str] = {}
    for line in summary.skipped:
        for path in paths:
            shown = str(path.resolve())
            if line.startswith(shown + ": ") or line.startswith(str(path) + ": "):
                found[path] = line.split(": ", 1)[1] if ": " in line else line
    return found


def _reader_reason(reason: str) -> str:
    if "no article text" in reason or "no body paragraphs" in reason:
        return "no article text on the page (a paywall, a login or an empty page)"
    return reason


def poll_feeds(
    service: QAService,
    book: FeedBook,
    urls: Sequence[str] | None = None,
    *,
    transport: httpx.BaseTransport | None = None,
    on_progress: Progress | None = None,
) -> list[FeedPoll]:
    """Poll feeds (all, or these) once: fetch new and changed entries and ingest them.

    Raises:
        RetrievalError: The index failed; entries not ingested are fetched again next time.
    """
    feeds = [f for f in book.feeds() if urls is None or f.url in urls]
    with Fetcher(policy_of(service.settings), transport=transport) as fetcher:
        return [_poll(service, book, feed, fetcher, on_progress) for feed in feeds]


def _poll(
    service: QAService,
    book: FeedBook,
    feed: Feed,
    fetcher: Fetcher,
    on_progress: Progress | None,
) -> FeedPoll:
    url = feed.url
    poll = FeedPoll(url)
    try:
        document = fetcher.get(
            url, accept=FEED_TYPES, etag=feed.etag, last_modified=feed.last_modified
        )
        title, entries = parse_feed(url, document.content)
    except NotModified:
        book.polled(url, validators=False)
        poll.unchanged, poll.message = True, "unchanged since the last poll"
        return poll
    except (FetchError, FeedError) as exc:
        book.polled(url, error=exc.reason, validators=False)
        poll.ok, poll.message = False, exc.reason
        return poll
    todo = book.to_fetch(url, entries)
    pages: list[tuple[FeedEntry, Path, bytes]] = []
    done: list[tuple[FeedEntry, str | None]] = []
    for number, entry in enumerate(todo, 1):
        try:
            page = fetcher.get(entry.link)
        except FetchError as exc:
            # Not recorded: a page that could not be reached is tried again next poll.
            poll.failed.append(f"{entry.link}: {exc.reason}")
        else:
            link = canonical_url(page)
            pages.append((entry, page_path(service.corpus_dir, link), page_bytes(page, link)))
        if on_progress is not None:
            on_progress(number, len(todo), url)
    results = ingest_files(service, [(path, data) for _, path, data in pages])
    for (entry, path, _), result in zip(pages, results, strict=True):
        # A page that is no article (a paywall) is recorded too: fetched again only when
        # its entry changes.
        done.append((entry, str(path) if result.ok else None))
        if not result.ok:
            poll.failed.append(f"{entry.link}: {result.message}")
        elif result.message == "updated":
            poll.updated += 1
        elif result.message == "added":
            poll.added += 1
    book.fetched(url, done)
    error = f"{len(poll.failed)} entries failed" if poll.failed else None
    book.polled(
        url, title=title, etag=document.etag, last_modified=document.last_modified, error=error
    )
    poll.ok = not poll.failed
    poll.message = (
        f"{poll.added} new, {poll.updated} updated, {len(entries) - len(todo)} known"
        + (f", {len(poll.failed)} failed" if poll.failed else "")
    )
    return poll


__all__ = [
    "FeedPoll",
    "Intake",
    "Progress",
    "add_links",
    "ingest_files",
    "poll_feeds",
]
