"""Telegram channels as sources: their posts' links, and whose own channel each one is.

A post's link is ``https://t.me/<username>/<post>`` for a public channel and
``https://t.me/c/<id>/<post>`` for a private one (the channel's id without the ``-100``
the Bot API puts in front), as ``telegram.Message.link`` builds it.

The channel book (a table of the state store) keeps what an admin said about a channel
(``/channel @name Person Name``, ``whosaid ingest … --channel-username``): its public
username, and the person whose own channel it is. It is applied to every post as it is
ingested (:func:`apply`), whatever brought the post in (a forward, a live channel post, a
Desktop export), and it is part of the post's identity: telling whosaid whose channel it
is re-ingests the channel's posts with their author as speaker.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from corpus.models import Article
from corpus.state import StateStore

_SCHEMA = """
CREATE TABLE IF NOT EXISTS channels (
    key TEXT PRIMARY KEY,
    username TEXT,
    person TEXT
)
"""
_POST_URL = re.compile(
    r"^https?://t\.me/(?:c/(?P<id>\d+)|(?P<username>[A-Za-z][A-Za-z0-9_]{3,31}))/(?P<post>\d+)"
)
_USERNAME = re.compile(r"^@?([A-Za-z][A-Za-z0-9_]{3,31})$")


@dataclass(frozen=True, slots=True)
class ChannelRef:
    """A channel as a post names it: its internal id, its public username, or both."""

    id: str | None = None
    username: str | None = None

    @property
    def keys(self) -> list[str]:
        """The book's keys for this channel, the id's first."""
        keys = [f"id:{self.id}"] if self.id else []
        return keys + ([f"@{self.username.lower()}"] if self.username else [])


def channel_id(chat_id: int | str) -> str:
    """Return a channel's id as its links write it: without the Bot API's ``-100``."""
    text = str(chat_id).strip()
    return text.removeprefix("-100") if text.startswith("-100") else text.lstrip("-")


def username_of(text: str) -> str | None:
    """Return a channel username from ``@name`` or ``name`` (None if it cannot be one)."""
    match = _USERNAME.match(text.strip())
    return match.group(1) if match else None


def post_url(post: int | str, *, username: str | None, chat_id: int | str | None) -> str | None:
    """Return a post's t.me link: public by username, else private by the channel's id."""
    if username:
        return f"https://t.me/{username}/{post}"
    if chat_id is not None:
        return f"https://t.me/c/{channel_id(chat_id)}/{post}"
    return None


_TITLE_CHARS = 120


def post_title(channel: str | None, text: str) -> str:
    """Return a post's title: the channel's name and the post's first line ("Channel: line").

    The first line alone would read as the post's headline and be dropped from its body.
    """
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) > _TITLE_CHARS:
        first = first[: _TITLE_CHARS - 1].rstrip() + "…"
    return f"{channel}: {first}" if channel else first


def parse_post_url(url: str | None) -> tuple[ChannelRef, str] | None:
    """Return the channel and post number of a t.me post link, or None for any other URL."""
    match = _POST_URL.match(url or "")
    if match is None:
        return None
    return ChannelRef(id=match["id"], username=match["username"]), match["post"]


class ChannelBook:
    """What admins said about channels: public usernames and whose own channel each is."""

    def __init__(self, state: StateStore) -> None:
        self._state = state
        state.ensure(_SCHEMA)

    def set_person(self, channel: ChannelRef, person: str | None) -> None:
        """Record (or, with None, forget) the person whose own channel this is."""
        with self._state.transaction() as db:
            for key in channel.keys:
                db.execute(
                    "INSERT INTO channels (key, person) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET person = excluded.person",
                    (key, person),
                )

    def set_username(self, channel_id_: str, username: str) -> None:
        """Record a private-looking channel's public username (its posts get public links)."""
        with self._state.transaction() as db:
            db.execute(
                "INSERT INTO channels (key, username) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET username = excluded.username",
                (f"id:{channel_id(channel_id_)}", username),
            )

    def lookup(self, channel: ChannelRef) -> tuple[str | None, str | None]:
        """Return the channel's known username and person (either may be None)."""
        username, person = channel.username, None
        for key in channel.keys:
            rows = self._state.query("SELECT username, person FROM channels WHERE key = ?", (key,))
            if rows:
                known_username, known_person = rows[0]
                username = username or (str(known_username) if known_username else None)
                person = person or (str(known_person) if known_person else None)
        if username and not person:
            rows = self._state.query(
                "SELECT person FROM channels WHERE key = ?", (f"@{username.lower()}",)
            )
            person = str(rows[0][0]) if rows and rows[0][0] else None
        return username, person

    def people(self) -> list[tuple[str, str]]:
        """Return (channel key, person) for every channel recorded as a person's own."""
        rows = self._state.query("SELECT key, person FROM channels WHERE person IS NOT NULL")
        return [(str(key), str(person)) for key, person in rows]

    def apply(self, article: Article) -> Article:
        """Return a post as the book describes its channel: public link, author as speaker.

        Anything changed is folded into the article's content hash, so a post whose channel
        the book describes anew is re-ingested. Articles that are not posts pass unchanged.
        """
        found = parse_post_url(article.url)
        if found is None:
            return article
        channel, post = found
        username, person = self.lookup(channel)
        url = post_url(post, username=username, chat_id=channel.id) or article.url
        speaker = article.speaker or person
        if url == article.url and speaker == article.speaker:
            return article
        digest = hashlib.sha256(
            f"{article.content_hash}|{url}|{speaker or ''}".encode()
        ).hexdigest()
        return replace(article, url=url, speaker=speaker, content_hash=digest)
