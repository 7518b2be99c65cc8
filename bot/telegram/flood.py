"""Telegram's flood control, chat by chat, with a bound on how long an answer may wait.

Requests are kept under Telegram's published limits before they are sent (overall, and per
group), with aiolimiter as python-telegram-bot's ``AIORateLimiter`` does. When Telegram still
answers 429 with ``retry_after``, that limiter pauses *every* request of the bot for that long,
so one chat held for an hour froze every other chat for an hour. Here the pause belongs to the
chat (or, for a request about no chat, to its method):

- a request to a held chat waits for the hold, if the whole wait stays within ``max_wait``
  seconds, and is then sent; requests to other chats go on meanwhile;
- beyond ``max_wait`` it is not sent: it fails at once with :class:`telegram.error.RetryAfter`,
  which the handler reports as any failed send (logged; the next question after the hold is
  answered as usual);
- an answer that waited at least ``notice_after`` seconds says so at its end, so the user
  knows why it came late, in the chat's language (``language_of``: the bot remembers the
  language it last spoke in each chat, ``bot.telegram.locale.ChatLanguages``);
- the typing indicator never waits: it is skipped while its chat is held.

Network errors are retried with exponential backoff; ``BadRequest`` (a subclass of
``NetworkError``) is a bug in the request and is never retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.constants import FloodLimit, ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter

from bot.telegram.access import format_wait
from bot.texts import Texts, texts

logger = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]
# Chats (or methods) remembered as held; expired holds are forgotten past this many.
_HELD_MEMORY = 1024
# The methods whose text may carry the note that an answer waited.
_ANSWERS = frozenset({"sendMessage", "editMessageText"})
_COURTESY = frozenset({"sendChatAction"})
_MESSAGE_UNITS = 4096
_Limit = AsyncLimiter | contextlib.AbstractAsyncContextManager[None]


class ChatFloodLimiter(BaseRateLimiter[int]):
    """Send within Telegram's limits; honour its flood control per chat, within a bound."""

    def __init__(
        self,
        *,
        max_wait: float = 30.0,
        notice_after: float = 5.0,
        flood_retries: int = 3,
        network_retries: int = 3,
        backoff: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        language_of: Callable[[object], str | None] = lambda chat_id: None,
    ) -> None:
        self._overall = AsyncLimiter(FloodLimit.MESSAGES_PER_SECOND, 1)
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._max_wait = max_wait
        self._notice_after = notice_after
        self._flood_retries = flood_retries
        self._network_retries = network_retries
        self._backoff = backoff
        self._clock = clock
        self._language_of = language_of
        self._held: dict[int | str, float] = {}  # chat (or method) -> held until (clock)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def held_for(self, key: int | str) -> float:
        """Seconds Telegram still holds this chat (or method) back; 0 when it does not."""
        return max(0.0, self._held.get(key, 0.0) - self._clock())

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        """Send one request, waiting out its own chat's flood control within the bound."""
        key = _key(data.get("chat_id"), endpoint)
        waited = 0.0
        for attempt in range(self._flood_retries + 1):
            hold = self.held_for(key)
            if hold > 0:
                if endpoint in _COURTESY or waited + hold > self._max_wait:
                    raise RetryAfter(math.ceil(hold))
                await asyncio.sleep(hold)
                waited += hold
            sent_args = args
            if waited >= self._notice_after and endpoint in _ANSWERS:
                words = texts(self._language_of(data.get("chat_id")))
                sent_args = (args[0], _with_notice(data, waited, words))
            try:
                return await self._send(callback, sent_args, kwargs, endpoint, data)
            except RetryAfter as exc:
                seconds = _seconds(exc)
                self._hold(key, seconds)
                logger.warning("Telegram's flood control holds %s for %.0f s", key, seconds)
                if attempt == self._flood_retries or endpoint in _COURTESY:
                    raise
                if waited + seconds > self._max_wait:
                    logger.warning(
                        "%s to %s not sent: it would wait over %.0f s",
                        endpoint,
                        key,
                        self._max_wait,
                    )
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def _send(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
    ) -> JSONResult:
        """Send within the published limits, retrying transient network errors."""
        delay = self._backoff
        for attempt in range(self._network_retries + 1):
            try:
                async with self._group(data.get("chat_id")), self._overall_for(data):
                    return await callback(*args, **kwargs)
            except BadRequest:
                raise
            except RetryAfter:
                raise
            except NetworkError as exc:
                if attempt == self._network_retries:
                    raise
                logger.warning(
                    "%s failed (%s); retry %d in %.1fs",
                    endpoint,
                    type(exc).__name__,
                    attempt + 1,
                    delay,
                )
                await asyncio.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _overall_for(
        self, data: dict[str, Any]
    ) -> AsyncLimiter | contextlib.AbstractAsyncContextManager[None]:
        # As PTB's limiter: only requests about a chat count against the overall rate.
        return self._overall if data.get("chat_id") is not None else contextlib.nullcontext()

    def _group(
        self, chat_id: object
    ) -> AsyncLimiter | contextlib.AbstractAsyncContextManager[None]:
        key = _key(chat_id, "")
        if not (isinstance(key, str) and key) and not (isinstance(key, int) and key < 0):
            return contextlib.nullcontext()  # private chats have no per-chat rate here
        if key not in self._groups:
            if len(self._groups) >= _HELD_MEMORY:
                idle = [k for k, v in self._groups.items() if v.has_capacity(v.max_rate)]
                for k in idle:
                    del self._groups[k]
            self._groups[key] = AsyncLimiter(FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP, 60)
        return self._groups[key]

    def _hold(self, key: int | str, seconds: float) -> None:
        now = self._clock()
        if len(self._held) >= _HELD_MEMORY:
            self._held = {k: until for k, until in self._held.items() if until > now}
        self._held[key] = max(self._held.get(key, 0.0), now + seconds)


def _key(chat_id: object, endpoint: str) -> int | str:
    if chat_id is None:
        return endpoint
    try:
        return int(str(chat_id))
    except ValueError:
        return str(chat_id)  # "@channelname"


def _seconds(exc: RetryAfter) -> float:
    # ``RetryAfter.retry_after`` warns (PTB 22.2 deprecates its int form); the timedelta is
    # what PTB's own limiter reads.
    period = getattr(exc, "_retry_after", None)
    if period is not None:
        return float(period.total_seconds())
    return float(exc.retry_after)  # type: ignore[arg-type]


def _with_notice(data: dict[str, Any], waited: float, words: Texts) -> dict[str, Any]:
    """Return the request with the delay noted at the end of its text, if it still fits."""
    text = data.get("text")
    if not isinstance(text, str):
        return data
    note = words.flood_notice.format(wait=format_wait(waited, words))
    if data.get("parse_mode") == ParseMode.HTML:
        note = f"<i>{note}</i>"
    noted = f"{text}\n\n{note}"
    if len(noted.encode("utf-16-le")) // 2 > _MESSAGE_UNITS:
        return data
    return {**data, "text": noted}
