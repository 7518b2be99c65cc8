"""Links an admin sends: each page fetched, kept and ingested, its outcome on one line each.

A private message from an admin that is nothing but http(s) links adds them (any other
user's links are a question, as any text is). The fetch refuses private and metadata
addresses (``WHOSAID_FETCH_ALLOWED_HOSTS`` allows named hosts); the status message is edited
as the pages come in, then to the outcome.
"""

from __future__ import annotations

import asyncio
import logging
import re

from telegram import Update
from telegram.ext import filters

from bot.telegram import render
from bot.telegram.deps import Context, deps_of
from bot.telegram.follow import deliver
from bot.telegram.progress import Progress
from retrieval import Intake, RetrievalError, add_links

logger = logging.getLogger(__name__)

MAX_LINKS = 20
URLS_ONLY = filters.Regex(re.compile(r"^\s*(?:https?://\S+\s*)+$", re.IGNORECASE))
_URL = re.compile(r"https?://\S+", re.IGNORECASE)


async def links_message(update: Update, context: Context) -> None:
    """Add the pages an admin's message links to."""
    message = update.message
    if message is None or message.text is None:
        return
    urls = list(dict.fromkeys(_URL.findall(message.text)))
    if len(urls) > MAX_LINKS:
        await message.reply_text(f"Send at most {MAX_LINKS} links at a time.")
        return
    status = await message.reply_text(f"Fetching {len(urls)} link{'s' if len(urls) != 1 else ''}…")
    progress = Progress(status)
    deps = deps_of(context)
    try:
        results = await asyncio.to_thread(
            add_links, deps.qa, urls, on_progress=progress.counter("Fetching")
        )
    except RetrievalError as exc:
        await progress.finish(f"No link was added: {render.escape(' '.join(str(exc).split()))}")
        return
    await progress.finish(render_links(results))
    if any(result.ok for result in results):
        await deliver(context.application)


def render_links(results: list[Intake]) -> str:
    """One line per link: added (or updated, unchanged) where it is kept, or why not."""
    lines = []
    for result in results:
        url = render.clip(result.source, 200)
        if result.ok:
            lines.append(f"✅ {result.message}: {url}")
        else:
            lines.append(f"❌ {url}: {render.escape(result.message)}")
    return "\n".join(lines)
