"""Who may use the bot, who may administer it, and how often each user may ask."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.texts import Texts, texts


@dataclass(frozen=True, slots=True)
class AccessPolicy:
    """Allowlists and admins; an empty allowlist lets everyone through.

    Admins are always allowed. When both lists are set, a user must be allowed and so must the
    chat, except that an allowed user may always talk to the bot in private.
    """

    allowed_users: frozenset[int] = frozenset()
    allowed_chats: frozenset[int] = frozenset()
    admins: frozenset[int] = frozenset()

    def allows(self, user_id: int | None, chat_id: int | None, *, private: bool) -> bool:
        """Return whether this user may use the bot in this chat."""
        if user_id is not None and user_id in self.admins:
            return True
        if self.allowed_users and user_id not in self.allowed_users:
            return False
        if not self.allowed_chats or chat_id in self.allowed_chats:
            return True
        # The private chat with an explicitly allowed user is not on the chat list by id.
        return private and bool(self.allowed_users)

    def is_admin(self, user_id: int | None) -> bool:
        """Return whether this user may add articles and re-ingest the corpus."""
        return user_id is not None and user_id in self.admins


# The users remembered are swept of idle ones whenever they outgrow this (or twice the number
# left after the last sweep): memory follows the users active within one window.
_SWEEP_FROM = 1024


@dataclass(slots=True)
class RateLimiter:
    """A sliding-window limit of ``limit`` requests per ``window`` seconds per user.

    A user whose requests have all left the window is forgotten (at the next sweep), so a
    bot written to by many accounts keeps only the recent ones.
    """

    limit: int
    window: float
    clock: Callable[[], float] = time.monotonic
    _seen: dict[int, deque[float]] = field(default_factory=dict)
    _sweep_at: int = _SWEEP_FROM

    def acquire(self, user_id: int) -> float:
        """Count one request; return 0 if it may proceed, else the seconds to wait."""
        now = self.clock()
        if len(self._seen) >= self._sweep_at:
            self._sweep(now)
        stamps = self._seen.setdefault(user_id, deque())
        while stamps and now - stamps[0] >= self.window:
            stamps.popleft()
        if len(stamps) >= self.limit:
            return max(self.window - (now - stamps[0]), 0.001)
        stamps.append(now)
        return 0.0

    def _sweep(self, now: float) -> None:
        self._seen = {
            user: stamps
            for user, stamps in self._seen.items()
            if stamps and now - stamps[-1] < self.window
        }
        self._sweep_at = max(_SWEEP_FROM, 2 * len(self._seen))


def format_wait(seconds: float, words: Texts | None = None) -> str:
    """Return a wait such as ``"12 seconds"`` or ``"2 minutes"``, rounded up, in the
    language of ``words`` (English by default)."""
    words = words or texts("en")
    whole = max(1, math.ceil(seconds))
    if whole < 90:
        return words.count(whole, words.second_forms)
    return words.count(math.ceil(whole / 60), words.minute_forms)
