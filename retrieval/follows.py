"""/follow: chats subscribed to a speaker or a phrase, and the alerts each ingest owes them.

A chat follows a speaker (by any name the registry knows them by, matched when a quote
arrives, so someone not yet quoted can be followed too) or a phrase (the quote's words hold
it, case aside). After an ingest, :func:`collect` looks at the articles the last collection
had not seen (new, or changed since), takes their quotes nobody has been alerted to (a quote
is the same quote in any article that prints the same words from the same speaker, so a
reprint alerts nobody twice), and writes one batch per following chat to an outbox. The
front end sends each batch and marks it (:func:`claim` before sending, :func:`sent` after).

Nothing is sent twice after a crash: what ``collect`` reads and writes commits in one
transaction (the articles seen, the quotes seen, the batches owed), so a crash between an
ingest and its alerts leaves the articles unseen, and the next collection alerts them once;
a batch is claimed before it is sent and never sent again once claimed (a crash in the
middle of a send loses that one message rather than repeat it). The first collection of an
index records what is there without alerting anyone: alerts are for news, not a backlog.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from corpus.state import StateError, StateStore
from retrieval.errors import SourceError
from retrieval.models import QuoteResult

if TYPE_CHECKING:
    from retrieval.service import IndexService
    from retrieval.settings import RetrievalSettings

logger = logging.getLogger(__name__)

FollowKind = Literal["speaker", "phrase"]
MAX_FOLLOWS = 50  # per chat: a bound on what one chat can make every ingest match
MAX_BATCH = 20  # quotes in one alert; the rest are counted
_MAX_VALUE = 200

_SCHEMA = """
CREATE TABLE IF NOT EXISTS follows (
    chat_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (chat_id, kind, value)
);
CREATE TABLE IF NOT EXISTS alert_articles (
    doc_id TEXT PRIMARY KEY,
    generation TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_quotes (
    key TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS alert_meta (
    name TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE IF NOT EXISTS alert_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    created TEXT NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class Follow:
    """One subscription of a chat."""

    kind: FollowKind
    value: str

    def shown(self) -> str:
        """Return the follow as the user wrote it (a phrase in quotation marks)."""
        return f"“{self.value}”" if self.kind == "phrase" else self.value


@dataclass(frozen=True, slots=True)
class Alert:
    """A batch owed to a chat: the new quotes of what it follows, with their sources."""

    id: int
    chat_id: int
    quotes: list[QuoteResult]
    follows: list[str]  # what matched, as the user wrote it
    more: int = 0  # quotes left out of the batch


@contextmanager
def _opened(settings: RetrievalSettings) -> Iterator[StateStore]:
    try:
        state = StateStore.in_data_dir(settings.data_dir)
        state.ensure(_SCHEMA)
    except StateError as exc:
        raise SourceError(str(exc)) from exc
    try:
        yield state
    except StateError as exc:
        raise SourceError(str(exc)) from exc
    finally:
        state.close()


def parse_follow(argument: str) -> Follow:
    """Read ``/follow`` 's argument: ``"a phrase"`` in quotation marks, else a speaker's name.

    Raises:
        SourceError: Nothing to follow, or too long.
    """
    text = " ".join(argument.split())
    if len(text) > _MAX_VALUE:
        raise SourceError(f"that is {len(text)} characters; follow at most {_MAX_VALUE}")
    quoted = text[:1] in "\"“«'‘" and text[-1:] in "\"”»'’" and len(text) > 2
    value = text[1:-1].strip() if quoted else text
    if not value:
        raise SourceError('follow a speaker (/follow Psaki) or a phrase (/follow "gas prices")')
    return Follow("phrase" if quoted else "speaker", value)


def follow(settings: RetrievalSettings, chat_id: int, wanted: Follow) -> bool:
    """Subscribe a chat; return False when it already followed that.

    Raises:
        SourceError: The chat follows ``MAX_FOLLOWS`` things already, or the state failed.
    """
    with _opened(settings) as state, state.transaction() as db:
        count = db.execute("SELECT COUNT(*) FROM follows WHERE chat_id = ?", (chat_id,))
        if int(count.fetchone()[0]) >= MAX_FOLLOWS:
            raise SourceError(f"this chat follows {MAX_FOLLOWS} already; /unfollow one first")
        cursor = db.execute(
            "INSERT OR IGNORE INTO follows (chat_id, kind, value, created) VALUES (?, ?, ?, ?)",
            (chat_id, wanted.kind, wanted.value, _now()),
        )
        return cursor.rowcount > 0


def unfollow(settings: RetrievalSettings, chat_id: int, wanted: Follow | None) -> int:
    """Unsubscribe a chat from one follow (matched case aside), or from all (None)."""
    with _opened(settings) as state, state.transaction() as db:
        if wanted is None:
            return db.execute("DELETE FROM follows WHERE chat_id = ?", (chat_id,)).rowcount
        return db.execute(
            "DELETE FROM follows WHERE chat_id = ? AND lower(value) = lower(?)",
            (chat_id, wanted.value),
        ).rowcount


def following(settings: RetrievalSettings, chat_id: int) -> list[Follow]:
    """Return what a chat follows, in the order it subscribed."""
    with _opened(settings) as state:
        rows = state.query(
            "SELECT kind, value FROM follows WHERE chat_id = ? ORDER BY rowid", (chat_id,)
        )
    return [Follow(str(kind), str(value)) for kind, value in rows]  # type: ignore[arg-type]


def forget_chat(settings: RetrievalSettings, chat_id: int) -> None:
    """Drop a chat that can no longer be written to (blocked the bot, deleted): its follows
    and the alerts it was owed."""
    with _opened(settings) as state, state.transaction() as db:
        db.execute("DELETE FROM follows WHERE chat_id = ?", (chat_id,))
        db.execute("DELETE FROM alert_outbox WHERE chat_id = ?", (chat_id,))


def move_chat(settings: RetrievalSettings, old: int, new: int) -> None:
    """Carry a group's follows to its new id (a group upgraded to a supergroup)."""
    with _opened(settings) as state, state.transaction() as db:
        db.execute("UPDATE OR IGNORE follows SET chat_id = ? WHERE chat_id = ?", (new, old))
        db.execute("UPDATE alert_outbox SET chat_id = ? WHERE chat_id = ?", (new, old))


def collect(service: IndexService) -> int:
    """Look at what the ingests since the last call added; queue each follower's batch.

    Returns the number of batches queued.
    """
    from retrieval.chain import new_state  # loaded with the service

    chain = service.current_chain()
    view = chain.view
    with _opened(service.settings) as state, state.transaction() as db:
        first = db.execute("SELECT value FROM alert_meta WHERE name = 'started'").fetchone()
        if first is None:
            db.execute("INSERT INTO alert_meta (name, value) VALUES ('started', ?)", (_now(),))
            logger.info("alerts start from %d articles already indexed", len(view.articles))
        seen = dict(db.execute("SELECT doc_id, generation FROM alert_articles").fetchall())
        fresh = [d for d, a in view.articles.items() if seen.get(d) != a.generation]
        if not fresh:
            return 0
        rows = [r for d in fresh for r in chain.ranker.article_quotes(d)]
        keys = {r: _quote_key(view.rows[r].speaker or view.rows[r].meta.speaker, view.rows[r].text)
                for r in rows}  # fmt: skip
        known = _known(db, set(keys.values()))
        new_rows = [r for r in rows if keys[r] not in known and view.rows[r].meta.part == 0]
        db.executemany(
            "INSERT OR REPLACE INTO alert_articles (doc_id, generation) VALUES (?, ?)",
            [(d, view.articles[d].generation) for d in fresh],
        )
        db.executemany(
            "INSERT OR IGNORE INTO alert_quotes (key) VALUES (?)", [(k,) for k in keys.values()]
        )
        if first is None:
            return 0  # what was there before alerts started is nobody's news
        follows = db.execute("SELECT chat_id, kind, value FROM follows").fetchall()
        if not follows or not new_rows:
            return 0
        matched: dict[int, list[int]] = defaultdict(list)
        why: dict[int, set[str]] = defaultdict(set)
        registry = view.registry
        for chat_id, kind, value in follows:
            canonical = registry.canonical(value) if kind == "speaker" else None
            needle = " ".join(str(value).split()).casefold()
            for row in new_rows:
                chunk = view.rows[row]
                hit = (
                    canonical is not None and chunk.speaker == canonical
                    if kind == "speaker"
                    else needle in " ".join(chunk.text.split()).casefold()
                )
                if hit and row not in matched[chat_id]:
                    matched[chat_id].append(row)
                    why[chat_id].add(Follow(kind, value).shown())
        queued = 0
        for chat_id, found in matched.items():
            batch = new_state("", None, MAX_BATCH)
            batch.documents = [chain.row_document(r) for r in found]
            quotes = chain.verify(batch).quotes
            if not quotes:
                continue
            payload = {
                "quotes": [q.model_dump(mode="json") for q in quotes],
                "follows": sorted(why[chat_id]),
                "more": max(0, len(found) - len(quotes)),
            }
            db.execute(
                "INSERT INTO alert_outbox (chat_id, payload, state, created) VALUES (?, ?, ?, ?)",
                (chat_id, json.dumps(payload), "pending", _now()),
            )
            queued += 1
        return queued


def pending(settings: RetrievalSettings) -> list[Alert]:
    """Return the batches not yet claimed for sending, oldest first."""
    with _opened(settings) as state:
        rows = state.query(
            "SELECT id, chat_id, payload FROM alert_outbox WHERE state = 'pending' ORDER BY id"
        )
    alerts = []
    for alert_id, chat_id, payload in rows:
        data = json.loads(str(payload))
        alerts.append(
            Alert(
                id=int(alert_id),  # type: ignore[call-overload]
                chat_id=int(chat_id),  # type: ignore[call-overload]
                quotes=[QuoteResult.model_validate(q) for q in data["quotes"]],
                follows=list(data.get("follows", [])),
                more=int(data.get("more", 0)),
            )
        )
    return alerts


def claim(settings: RetrievalSettings, alert_id: int) -> bool:
    """Mark a batch as being sent; return False if it was claimed already (never resend)."""
    with _opened(settings) as state, state.transaction() as db:
        cursor = db.execute(
            "UPDATE alert_outbox SET state = 'sending' WHERE id = ? AND state = 'pending'",
            (alert_id,),
        )
        return cursor.rowcount > 0


def sent(settings: RetrievalSettings, alert_id: int) -> None:
    """Forget a batch that was sent."""
    with _opened(settings) as state, state.transaction() as db:
        db.execute("DELETE FROM alert_outbox WHERE id = ?", (alert_id,))


def _known(db: sqlite3.Connection, keys: set[str]) -> set[str]:
    found: set[str] = set()
    items = sorted(keys)
    for start in range(0, len(items), 500):
        part = items[start : start + 500]
        marks = ",".join("?" * len(part))
        cursor = db.execute(f"SELECT key FROM alert_quotes WHERE key IN ({marks})", part)
        found |= {str(row[0]) for row in cursor.fetchall()}
    return found


def _quote_key(speaker: str | None, text: str) -> str:
    words = " ".join(text.split())
    return hashlib.sha256(f"{speaker or ''}\x1f{words}".encode()).hexdigest()[:32]


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
