"""The ``whosaid bot`` entry point: settings, logging, service and application."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from functools import partial

from pydantic import ValidationError
from telegram.error import InvalidToken, NetworkError

from bot.telegram.app import AnyApplication, build_application, serve
from bot.telegram.settings import TelegramSettings
from retrieval import IndexUnavailableError, RetrievalSettings, open_service

logger = logging.getLogger(__name__)

EXIT_CONFIG = 2
EXIT_INDEX = 3
EXIT_NETWORK = 4


def configure_logging(*, verbose: bool = False) -> None:
    """Log to stderr; keep ``httpx`` at WARNING because Bot API URLs contain the token."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def describe_settings_error(exc: ValidationError, prefix: str) -> str:
    """Return one line naming each bad variable, without echoing any value (tokens are secret)."""
    problems = []
    for error in exc.errors(include_input=False, include_url=False):
        name = prefix + "_".join(str(part) for part in error["loc"]).upper()
        message = "is missing" if error["type"] == "missing" else error["msg"]
        problems.append(f"{name} {message}" if error["loc"] else message)
    return "; ".join(problems) + " (set it in the environment or .env)"


def _fail(message: str, code: int) -> int:
    print(f"whosaid bot: {message}", file=sys.stderr)
    return code


def run(argv: Sequence[str] | None = None) -> int:
    """Run the Telegram bot until interrupted; return the process exit code."""
    parser = argparse.ArgumentParser(
        prog="whosaid bot", description="Run the Telegram bot (long polling or webhook)."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    # None means no options (not sys.argv): the CLI has already consumed "whosaid bot".
    args = parser.parse_args(list(argv) if argv is not None else [])
    configure_logging(verbose=args.verbose)
    try:
        settings = TelegramSettings()
    except ValidationError as exc:
        return _fail(describe_settings_error(exc, "TELEGRAM_"), EXIT_CONFIG)
    try:
        retrieval_settings = RetrievalSettings()
    except ValidationError as exc:
        return _fail(describe_settings_error(exc, "WHOSAID_"), EXIT_CONFIG)
    state = settings.persistence_file or retrieval_settings.data_dir / "telegram-state.pickle"
    state.parent.mkdir(parents=True, exist_ok=True)
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
    token = settings.bot_token.get_secret_value()
    try:
        await serve(application, settings, stop=stop)
    except InvalidToken:
        return _fail(
            f"the Bot API at {settings.base_url} rejected TELEGRAM_BOT_TOKEN; "
            "check it with @BotFather",
            EXIT_CONFIG,
        )
    except IndexUnavailableError as exc:
        reason = str(exc).replace(token, "<token>")
        return _fail(
            f"the quote index is unavailable ({reason}); run `whosaid ingest` first",
            EXIT_INDEX,
        )
    except NetworkError as exc:
        reason = str(exc).replace(token, "<token>")
        return _fail(f"cannot reach the Bot API at {settings.base_url}: {reason}", EXIT_NETWORK)
    return 0
