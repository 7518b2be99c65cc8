"""The Telegram front end: a bot answering "who said what" with verbatim, cited quotes.

Entry point: :func:`run` (``whosaid bot``). Everything below it takes its dependencies as
arguments, so tests build the application with a fake service and a fake Bot API.
"""

from __future__ import annotations

from bot.telegram.app import build_application, serve
from bot.telegram.flood import ChatFloodLimiter
from bot.telegram.launcher import run
from bot.telegram.settings import TelegramSettings

__all__ = ["ChatFloodLimiter", "TelegramSettings", "build_application", "run", "serve"]
