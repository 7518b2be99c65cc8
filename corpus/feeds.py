"""RSS and Atom feeds: the list of feeds, their entries, and what each poll must fetch.

A feed is read with feedparser (RSS 0.9x–2.0, Atom, RDF; it copes with the malformed XML
real feeds serve). Polling is incremental:

- the feed itself is asked for with the ``ETag`` and ``Last-Modified`` of the last answer,
  so an unchanged feed costs one 304;
- an entry is known by its GUID (Atom ``id``, RSS ``guid``), else its link; it is fetched
  once, and again only when its fingerprint (link, title, dates, summary) changes, which is
  how a corrected article gets re-ingested;
- an entry gone from the feed is forgotten by the feed but not by the index: its article
  file stays, and so do its quotes.

The feeds and their entries live in the state store (``corpus.state``); fetching and ingest
are the caller's (``retrieval.intake``), so the same write lock and limits apply as to any
ingest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from corpus.errors import CorpusError
from corpus.state import StateStore

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    added TEXT NOT NULL,
    polled TEXT,
    error TEXT
);
CREATE TABLE IF NOT EXISTS feed_entries (
    feed TEXT NOT NULL,
    key TEXT NOT NULL,
    link TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    path TEXT,
    seen TEXT NOT NULL,
    PRIMARY KEY (feed, key)
)
"""


class FeedError(CorpusError):
    """A feed that cannot be read; ``str()`` is one line naming it and the reason."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscribed feed and what its last poll left."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    polled: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed: its identity, the article it links to and its fingerprint."""

    key: str
    link: str
    title: str | None
    fingerprint: str


def parse_feed(url: str, content: bytes) -> tuple[str | None, list[FeedEntry]]:
    """Return a feed's title and its entries that link to an http(s) article.

    Raises:
        FeedError: The document is not a feed.
    """
    import feedparser  # deferred: only feed polling needs it

    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    version = getattr(parsed, "version", "")
    if not version and not parsed.entries:
        raise FeedError(url, "not an RSS or Atom feed")
    title = parsed.feed.get("title") or None
    entries = []
    seen: set[str] = set()
    for item in parsed.entries:
        link = str(item.get("link") or "").strip()
        if urlsplit(link).scheme not in ("http", "https"):
            continue
        key = str(item.get("id") or item.get("guid") or link).strip()
        if key in seen:
            continue
        seen.add(key)
        entries.append(
            FeedEntry(key=key, link=link, title=item.get("title"), fingerprint=_fingerprint(item))
        )
    return (str(title).strip() or None) if title else None, entries


def _fingerprint(item: object) -> str:
    get = getattr(item, "get", lambda _key, _default=None: None)
    parts = [str(get(key) or "") for key in ("link", "title", "updated", "published", "summary")]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def check_feed_url(url: str) -> str:
    """Return a feed URL as stored (stripped), or raise if it cannot be one.

    Raises:
        FeedError: Not an http(s) URL with a host.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(url or "(empty)", "not an http or https URL")
    return url


class FeedBook:
    """The subscribed feeds and the entries already fetched, kept in the state store."""

    def __init__(self, state: StateStore) -> None:
        self._state = state
        state.ensure(_SCHEMA)

    def add(self, url: str) -> bool:
        """Subscribe to a feed; return False if it was already subscribed.

        Raises:
            FeedError: The URL cannot be a feed's.
        """
        url = check_feed_url(url)
        with self._state.transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO feeds (url, added) VALUES (?, ?)", (url, _now())
            )
            return cursor.rowcount > 0

    def remove(self, url: str) -> bool:
        """Unsubscribe; the feed's articles stay in the index. Return False if unknown."""
        url = url.strip()
        with self._state.transaction() as db:
            db.execute("DELETE FROM feed_entries WHERE feed = ?", (url,))
            return db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0

    def feeds(self) -> list[Feed]:
        """Return the subscribed feeds, in the order they were added."""
        rows = self._state.query(
            "SELECT url, title, etag, last_modified, polled, error FROM feeds ORDER BY rowid"
        )
        return [Feed(*(None if v is None else str(v) for v in row)) for row in rows]  # type: ignore[arg-type]

    def feed(self, url: str) -> Feed | None:
        """Return one subscribed feed, or None."""
        return next((f for f in self.feeds() if f.url == url.strip()), None)

    def to_fetch(self, feed: str, entries: Iterable[FeedEntry]) -> list[FeedEntry]:
        """Return the entries never fetched, or changed since they were."""
        known = {
            str(key): str(fingerprint)
            for key, fingerprint in self._state.query(
                "SELECT key, fingerprint FROM feed_entries WHERE feed = ?", (feed,)
            )
        }
        return [entry for entry in entries if known.get(entry.key) != entry.fingerprint]

    def fetched(self, feed: str, done: Iterable[tuple[FeedEntry, str | None]]) -> None:
        """Record entries as fetched (with the file their article went to, if any)."""
        now = _now()
        with self._state.transaction() as db:
            db.executemany(
                "INSERT INTO feed_entries (feed, key, link, fingerprint, path, seen) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (feed, key) DO UPDATE SET "
                "link = excluded.link, fingerprint = excluded.fingerprint, "
                "path = excluded.path, seen = excluded.seen",
                [(feed, e.key, e.link, e.fingerprint, path, now) for e, path in done],
            )

    def polled(
        self,
        feed: str,
        *,
        title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
        validators: bool = True,
    ) -> None:
        """Record a poll's outcome; ``validators`` replaces the stored ETag/Last-Modified."""
        with self._state.transaction() as db:
            db.execute(
                "UPDATE feeds SET polled = ?, error = ?, title = COALESCE(?, title) WHERE url = ?",
                (_now(), error, title, feed),
            )
            if validators:
                db.execute(
                    "UPDATE feeds SET etag = ?, last_modified = ? WHERE url = ?",
                    (etag, last_modified, feed),
                )


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
