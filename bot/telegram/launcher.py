"""The ``whosaid bot`` entry point: settings, service and application.

Logging is configured by the ``whosaid`` command (``-v``/``-vv`` reach the bot from there);
this module only registers the bot's secrets to be masked in every log record.
Start-up failures are one line on stderr and an exit code: 2 settings (token, webhook, a
webhook address that cannot be listened on), 3 the index, 4 the Bot API (unreachable or
answering nonsense).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from functools import partial

from pydantic import ValidationError
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.edge import describe_settings_error, one_line
from bot.logs import hide
from bot.telegram.app import AnyApplication, ListenError, build_application, serve
from bot.telegram.settings import TelegramSettings
from retrieval import RetrievalError, RetrievalSettings, open_service

logger = logging.getLogger(__name__)

EXIT_CONFIG = 2
EXIT_INDEX = 3
EXIT_NETWORK = 4


__all__ = ["EXIT_CONFIG", "EXIT_INDEX", "EXIT_NETWORK", "describe_settings_error", "run"]


def _fail(message: str, code: int) -> int:
    print(f"whosaid bot: {one_line(message)}", file=sys.stderr)
    return code


def run() -> int:
    """Run the Telegram bot until interrupted; return the process exit code."""
    try:
        settings = TelegramSettings()
    except ValidationError as exc:
        return _fail(describe_settings_error(exc, "TELEGRAM_"), EXIT_CONFIG)
    hide(
        settings.bot_token.get_secret_value(),
        settings.webhook_secret.get_secret_value() if settings.webhook_secret else None,
    )
    try:
        retrieval_settings = RetrievalSettings()
    except ValidationError as exc:
        return _fail(describe_settings_error(exc, "WHOSAID_"), EXIT_CONFIG)
    hide(*retrieval_settings.secret_values())
    state = settings.persistence_file or retrieval_settings.data_dir / "telegram-state.pickle"
    try:
        state.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = f"cannot create {state.parent} for the bot's state: {exc.strerror}"
        return _fail(reason, EXIT_CONFIG)
    application = build_application(
        settings,
        service_factory=partial(open_service, retrieval_settings),
        persistence_path=state,
    )
    return asyncio.run(run_until_signal(application, settings))


async def run_until_signal(application: AnyApplication, settings: TelegramSettings) -> int:
    """Serve until SIGINT or SIGTERM; turn start-up failures into one line and an exit code."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        # Not available off the main thread or on Windows; Ctrl-C still ends asyncio.run.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await serve(application, settings, stop=stop)
    except InvalidToken:
        return _fail(
            f"the Bot API at {settings.base_url} rejected TELEGRAM_BOT_TOKEN; "
            "check it with @BotFather",
            EXIT_CONFIG,
        )
    except ListenError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    except RetrievalError as exc:
        reason = one_line(str(exc))
        # Busy and damaged indexes say how to recover themselves; a missing one needs an ingest.
        advice = "" if "whosaid" in reason else "; run `whosaid ingest` first"
        return _fail(f"the quote index is unavailable: {reason}{advice}", EXIT_INDEX)
    except NetworkError as exc:
        reason = one_line(str(exc))
        return _fail(f"cannot reach the Bot API at {settings.base_url}: {reason}", EXIT_NETWORK)
    except TelegramError as exc:
        # E.g. a proxy's HTML error page instead of JSON ("Invalid server response").
        reason = one_line(str(exc))
        return _fail(f"the Bot API at {settings.base_url} failed: {reason}", EXIT_NETWORK)
    return 0
