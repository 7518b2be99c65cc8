"""News in: links, feeds and posts become article files, ingested by the one ingest path.

Whatever the source, an article is written as a file in the corpus directory (so a rebuild
reads it again) and ingested with :meth:`QAService.ingest`: the same write lock, the same
limits (the file size cap bounds every fetch), the same report. A file an ingest could not
use is put back as it was (removed when it is new), so a failed link leaves nothing behind.

Fetching happens before the ingest and outside its lock: a slow site never holds the index.
Each outcome is one line, fit for a terminal or a chat.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.channels import (
    ChannelBook,
    ChannelRef,
    channel_id,
    post_title,
    post_url,
    username_of,
)
from corpus.errors import LoadError
from corpus.feeds import Feed, FeedBook, FeedEntry, FeedError, parse_feed
from corpus.fetch import FEED_TYPES, Fetcher, FetchError, NotModified, policy_of
from corpus.state import StateError, StateStore
from corpus.webpages import canonical_url, page_bytes, page_path, restore, write_atomically
from retrieval.errors import SourceError
from retrieval.models import IngestSummary

if TYPE_CHECKING:
    import httpx

    from retrieval.protocol import QAService
    from retrieval.settings import RetrievalSettings

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


@dataclass(frozen=True, slots=True)
class ChannelPost:
    """A Telegram channel's post, as a forward or a live channel post shows it."""

    text: str
    chat_id: int | None
    username: str | None
    title: str | None
    message_id: int
    date: str | None  # YYYY-MM-DD, the post's own date
    signature: str | None = None


POSTS_DIR = "telegram"


def add_post(service: QAService, post: ChannelPost) -> Intake:
    """Keep a channel's post as an article file and ingest it (again, if it was edited).

    The post is one line of JSON Lines under ``telegram/<channel>/`` in the corpus
    directory: its text, the channel's title as outlet, the post's date and t.me link, its
    signature as author. Its speaker, when the channel is a person's own: the person the
    channel book names (applied at ingest), else the person of the registry its title or
    signature names.

    Raises:
        SourceError: The post has no text, or no channel to link it to.
        RetrievalError: The index failed.
    """
    text = post.text.strip()
    url = post_url(post.message_id, username=post.username, chat_id=post.chat_id)
    if not text or url is None:
        raise SourceError("the post has no text to add" if not text else "the post has no channel")
    record = {
        "text": post.text,
        "title": post_title(post.title, text),
        "date": post.date,
        "url": url,
        "outlet": post.title,
        "author": post.signature,
        "speaker": person_named(service, post.signature) or person_named(service, post.title),
    }
    line = json.dumps({k: v for k, v in record.items() if v}, ensure_ascii=False)
    folder = post.username or (channel_id(post.chat_id) if post.chat_id is not None else "posts")
    path = service.corpus_dir / POSTS_DIR / folder / f"{post.message_id}.jsonl"
    [result] = ingest_files(service, [(path, (line + "\n").encode("utf-8"))])
    return Intake(url, result.ok, result.message, result.path, result.quotes)


def reingest_posts(service: QAService) -> IngestSummary | None:
    """Ingest the saved channel posts again (after the channel book changed), if any."""
    folder = service.corpus_dir / POSTS_DIR
    return service.ingest([folder]) if folder.is_dir() else None


def person_named(service: QAService, name: str | None) -> str | None:
    """Return the person of the registry a channel's title or signature names, if exactly one.

    Only a name that is a person's ("Dmitry Medvedev", "Medvedev" when he is the only one),
    never an organisation's: a newsroom's channel is not anybody's own words.
    """
    if not name or not name.strip():
        return None
    return service.canonical_speaker(name, kind="person")


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
    urls: Sequence[str] | None = None,
    *,
    transport: httpx.BaseTransport | None = None,
    on_progress: Progress | None = None,
) -> list[FeedPoll]:
    """Poll feeds (all, or these) once: fetch new and changed entries and ingest them.

    Raises:
        SourceError: One of ``urls`` is not subscribed, or the state file failed.
        RetrievalError: The index failed; entries not ingested are fetched again next time.
    """
    with _state(service.settings) as state:
        book = FeedBook(state)
        feeds = book.feeds()
        if urls is not None:
            unknown = [u for u in urls if u not in {f.url for f in feeds}]
            if unknown:
                raise SourceError(f"not subscribed: {', '.join(unknown)}")
            feeds = [f for f in feeds if f.url in urls]
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


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """A subscribed feed, as listed: its title and how its last poll went."""

    url: str
    title: str | None
    polled: str | None
    error: str | None


@contextmanager
def _state(settings: RetrievalSettings) -> Iterator[StateStore]:
    """Open the state file; its failures become one-line ``SourceError``s."""
    try:
        state = StateStore.in_data_dir(settings.data_dir)
    except StateError as exc:
        raise SourceError(str(exc)) from exc
    try:
        yield state
    except (StateError, FeedError) as exc:
        raise SourceError(str(exc)) from exc
    finally:
        state.close()


def add_feed(settings: RetrievalSettings, url: str) -> bool:
    """Subscribe to a feed; return False when it already was.

    Raises:
        SourceError: Not an http(s) URL, or the state file failed.
    """
    with _state(settings) as state:
        return FeedBook(state).add(url)


def remove_feed(settings: RetrievalSettings, url: str) -> bool:
    """Unsubscribe from a feed (its articles stay); return False when it was not subscribed."""
    with _state(settings) as state:
        return FeedBook(state).remove(url)


def list_feeds(settings: RetrievalSettings) -> list[FeedInfo]:
    """Return the subscribed feeds, in the order they were added."""
    with _state(settings) as state:
        return [FeedInfo(f.url, f.title, f.polled, f.error) for f in FeedBook(state).feeds()]


def set_channel(
    settings: RetrievalSettings,
    channel: str | int,
    *,
    person: str | None = None,
    username: str | None = None,
) -> None:
    """Say whose own channel this is (None: nobody's), or its public username.

    ``channel`` is ``@username`` or the channel's numeric id. Takes effect as the channel's
    posts are next ingested (their identity includes it).

    Raises:
        SourceError: The channel or the username cannot be one.
    """
    text = str(channel).strip()
    ref = (
        ChannelRef(id=channel_id(text))
        if text.lstrip("-").isdigit()
        else ChannelRef(username=username_of(text))
    )
    if not ref.keys:
        raise SourceError(f"not a channel: {text!r} (give @username or the channel's id)")
    public = username_of(username) if username else None
    if username and public is None:
        raise SourceError(f"not a channel username: {username!r}")
    with _state(settings) as state:
        book = ChannelBook(state)
        if public and ref.id:
            book.set_username(ref.id, public)
        if person is not None or not public:
            book.set_person(ref, person or None)


def describe_export(
    service: QAService, path: Path, *, username: str | None = None, person: str | None = None
) -> str | None:
    """Record what is known of a Telegram export's channel before it is ingested.

    Its public username (given), and whose own channel it is: the person given, else the
    person of the registry its title names. Returns a line saying whose it is, if anyone's;
    a file that is no export is left for the ingest to name.

    Raises:
        SourceError: The username cannot be one, or the state file failed.
    """
    from corpus.loaders.telegram_export import export_channel

    try:
        channel, title = export_channel(path)
    except LoadError:
        return None
    owner = person or person_named(service, title)
    if channel.id and (username or owner):
        set_channel(service.settings, channel.id, person=owner, username=username)
    elif channel.username and owner:
        set_channel(service.settings, f"@{channel.username}", person=owner)
    return f"{path}: the posts of {title or 'this channel'} are {owner}'s own" if owner else None


__all__ = [
    "ChannelPost",
    "FeedInfo",
    "FeedPoll",
    "Intake",
    "Progress",
    "add_feed",
    "add_links",
    "add_post",
    "describe_export",
    "ingest_files",
    "list_feeds",
    "person_named",
    "poll_feeds",
    "reingest_posts",
    "remove_feed",
    "set_channel",
]
