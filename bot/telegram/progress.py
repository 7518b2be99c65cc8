"""A status message edited in place while slow admin work runs (a feed's first poll, links).

The work runs in a worker thread; :meth:`Progress.report` may be called from there as often
as it likes: the message is edited at most every ``interval`` seconds, on the event loop, and
a failed edit (flood control, "message is not modified") never stops the work.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable

from telegram import Message
from telegram.error import TelegramError

logger = logging.getLogger(__name__)

INTERVAL = 3.0


class Progress:
    """Edits one status message as work goes, then once more with the outcome."""

    def __init__(self, message: Message, *, interval: float = INTERVAL) -> None:
        self._message = message
        self._loop = asyncio.get_running_loop()
        self._interval = interval
        self._last = time.monotonic()
        self._lock = threading.Lock()
        self._shown = message.text or ""

    def report(self, text: str) -> None:
        """Show ``text`` if the last edit is old enough (callable from any thread)."""
        with self._lock:
            now = time.monotonic()
            if now - self._last < self._interval or text == self._shown:
                return
            self._last, self._shown = now, text
        asyncio.run_coroutine_threadsafe(self._edit(text), self._loop)

    def articles(self, shown: str) -> Callable[[int], None]:
        """Return an ingest's ``on_article`` callback: "Reading x… 1,200 articles read"."""

        def report(count: int) -> None:
            self.report(f"Reading {shown}… {count:,} articles read")

        return report

    def counter(self, what: str) -> Progress.Counter:
        """Return a callback for ``retrieval`` progress: "Fetching links: 3 of 10…"."""
        return Progress.Counter(self, what)

    async def finish(self, text: str) -> None:
        """Replace the status with the outcome (sent as a new message if editing fails)."""
        with self._lock:
            self._shown, self._last = text, time.monotonic()
        try:
            await self._message.edit_text(text)
        except TelegramError as exc:
            logger.warning("could not edit the status message: %s", exc)
            await self._message.chat.send_message(text)

    async def _edit(self, text: str) -> None:
        with contextlib.suppress(TelegramError):
            await self._message.edit_text(text)

    class Counter:
        """``(done, total, item)`` progress, shown as "what: done of total…"."""

        def __init__(self, progress: Progress, what: str) -> None:
            self._progress = progress
            self._what = what

        def __call__(self, done: int, total: int, item: str) -> None:
            self._progress.report(f"{self._what}: {done} of {total}…")
