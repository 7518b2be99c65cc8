"""What every handler needs, kept in the application's ``bot_data`` (which is not persisted)."""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram.ext import ContextTypes

from bot.telegram.access import AccessPolicy, RateLimiter
from bot.telegram.settings import TelegramSettings
from retrieval import QAService

Context = ContextTypes.DEFAULT_TYPE

DEPS_KEY = "whosaid.deps"


@dataclass(slots=True)
class Deps:
    """Settings, policy, limiter and the QA service, shared by the guard and the handlers."""

    settings: TelegramSettings
    policy: AccessPolicy
    limiter: RateLimiter
    service: QAService | None = None
    refused: set[tuple[int | None, int | None]] = field(default_factory=set)
    # The newest inline query of each user: older ones are dropped unanswered (debounce).
    inline_latest: dict[int, str] = field(default_factory=dict)
    inline_debounce: float = 0.0

    @property
    def qa(self) -> QAService:
        """Return the open service; it is opened in ``post_init`` before any update arrives."""
        if self.service is None:
            raise RuntimeError("the QA service is not open yet")
        return self.service


def deps_of(context: Context) -> Deps:
    """Return the handlers' dependencies from the application's ``bot_data``."""
    deps = context.bot_data[DEPS_KEY]
    if not isinstance(deps, Deps):
        raise TypeError(f"bot_data[{DEPS_KEY!r}] is not Deps")
    return deps
