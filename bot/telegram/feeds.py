"""/feeds for admins, and the feed polls the JobQueue runs every ``WHOSAID_FEED_POLL_MINUTES``.

``/feeds`` lists the feeds; ``/feeds add URL`` subscribes and polls the new feed at once (its
first poll may fetch hundreds of pages: the status message counts them); ``/feeds remove URL``
unsubscribes (the feed's articles stay); ``/feeds poll`` polls every feed now. A poll runs in a
worker thread, so answering goes on meanwhile; its ingest takes the same write lock as every
other, and a poll that finds the index busy is simply tried at the next one.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update

from bot.telegram import render
from bot.telegram.deps import Context, deps_of
from bot.telegram.follow import deliver
from bot.telegram.progress import Progress
from retrieval import (
    FeedPoll,
    RetrievalError,
    SourceError,
    add_feed,
    list_feeds,
    poll_feeds,
    remove_feed,
)

logger = logging.getLogger(__name__)

USAGE = "Send /feeds, /feeds add URL, /feeds remove URL or /feeds poll."


async def feeds_command(update: Update, context: Context) -> None:
    """List, add, remove or poll feeds (admins only: the guard sees to it)."""
    message = update.message
    if message is None or message.text is None:
        return
    parts = message.text.split()
    action = parts[1].lower() if len(parts) > 1 else "list"
    url = parts[2] if len(parts) > 2 else None
    deps = deps_of(context)
    settings = deps.qa.settings
    try:
        if action == "list" and len(parts) <= 2:
            await message.reply_text(await asyncio.to_thread(_listing, settings))
        elif action == "add" and url:
            added = await asyncio.to_thread(add_feed, settings, url)
            if not added:
                await message.reply_text(f"Already subscribed: {render.escape(url)}")
                return
            await _poll(update, context, [url], f"Subscribed. First poll of {render.escape(url)}…")
        elif action == "remove" and url:
            removed = await asyncio.to_thread(remove_feed, settings, url)
            shown = render.escape(url)
            await message.reply_text(
                f"Unsubscribed from {shown}; its articles stay in the index."
                if removed
                else f"Not subscribed: {shown}"
            )
        elif action == "poll" and len(parts) == 2:
            await _poll(update, context, None, "Polling every feed…")
        else:
            await message.reply_text(USAGE)
    except SourceError as exc:
        await message.reply_text(render.escape(str(exc)))


def _listing(settings: object) -> str:
    feeds = list_feeds(settings)  # type: ignore[arg-type]
    if not feeds:
        return "No feeds yet. Add one with /feeds add URL."
    lines = []
    for feed in feeds:
        title = f"<b>{render.escape(feed.title)}</b> " if feed.title else ""
        state = f"error: {feed.error}" if feed.error else f"polled {feed.polled or 'never'}"
        lines.append(f"• {title}{render.clip(feed.url, 300)} ({render.escape(state)})")
    return "\n".join(lines)


async def _poll(update: Update, context: Context, urls: list[str] | None, start: str) -> None:
    message = update.message
    assert message is not None
    status = await message.reply_text(start)
    progress = Progress(status)
    deps = deps_of(context)
    try:
        polls = await asyncio.to_thread(
            poll_feeds, deps.qa, urls, on_progress=progress.counter("Fetching entries")
        )
    except RetrievalError as exc:
        await progress.finish(f"The poll stopped: {render.escape(' '.join(str(exc).split()))}")
        return
    await progress.finish(render_polls(polls) or "No feeds to poll.")
    if any(p.added or p.updated for p in polls):
        await deliver(context.application)


def render_polls(polls: list[FeedPoll]) -> str:
    """One line per feed (✅ polled, ❌ failed), and each entry that failed under it."""
    lines = []
    for poll in polls:
        mark = "✅" if poll.ok else "❌"
        lines.append(f"{mark} {render.clip(poll.url, 200)}: {render.escape(poll.message)}")
        lines += [f"   – {render.clip(line, 300)}" for line in poll.failed[:5]]
        if len(poll.failed) > 5:
            lines.append(f"   – and {len(poll.failed) - 5} more")
    return "\n".join(lines)


async def poll_job(context: Context) -> None:
    """The JobQueue's scheduled poll of every feed, off the event loop."""
    deps = deps_of(context)
    if deps.service is None:
        return
    try:
        polls = await asyncio.to_thread(poll_feeds, deps.service)
    except RetrievalError as exc:
        logger.warning("the scheduled feed poll stopped: %s", exc)
        return
    for poll in polls:
        log = logger.info if poll.ok else logger.warning
        log("feed %s: %s", poll.url, poll.message)
    if any(p.added or p.updated for p in polls):
        await deliver(context.application)
