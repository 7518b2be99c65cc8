"""Build the Telegram application and run it until told to stop.

:func:`build_application` wires settings, the QA service factory and the handlers;
:func:`serve` runs the application with long polling or a webhook, in the same order as
``Application.run_polling`` but on the caller's event loop, so tests drive the real thing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    Defaults,
    TypeHandler,
)
from telegram.request import BaseRequest

from bot.telegram.access import AccessPolicy, RateLimiter
from bot.telegram.check import add_check_handlers
from bot.telegram.deps import DEPS_KEY, Deps
from bot.telegram.flood import ChatFloodLimiter
from bot.telegram.handlers import add_handlers
from bot.telegram.locale import ChatLanguages
from bot.telegram.newsin import add_newsin_handlers, schedule_jobs
from bot.telegram.render import COMMANDS
from bot.telegram.settings import TelegramSettings
from bot.telegram.state import StatePersistence
from bot.texts import CATALOGUES, DEFAULT_LANGUAGE
from retrieval import QAService, RetrievalError

logger = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
JSONResult = bool | dict[str, Any] | list[dict[str, Any]]


def build_application(
    settings: TelegramSettings,
    *,
    service_factory: Callable[[], QAService],
    persistence_path: Path | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    network_backoff: float = 1.0,
    inline_debounce: float = 0.6,
    follow_every: float = 60.0,
    flood_notice_after: float = 5.0,
) -> AnyApplication:
    """Build the application; the service is opened in ``post_init`` and closed at shutdown.

    Args:
        settings: the bot's settings.
        service_factory: opens the QA service (blocking; run in a worker thread).
        persistence_path: pickle file keeping per-chat context across restarts (written
            atomically; set aside if unreadable); ``None`` keeps it in memory only.
        request: replaces the HTTP transport for Bot API calls (tests).
        get_updates_request: replaces the HTTP transport for ``getUpdates`` (tests).
        network_backoff: first delay before retrying a network error, in seconds.
        inline_debounce: seconds an inline query waits for the user to stop typing; only the
            query it stops at is answered and counted against the rate limit.
        follow_every: seconds between checks, while idle, for an ingest or a rebuild run
            elsewhere (every answer checks too): an idle bot lets go of a rebuilt index's
            predecessor within this time, so it can be removed.
        flood_notice_after: an answer Telegram's flood control held back this many seconds
            or more says so (see ``bot.telegram.flood``).
    """
    deps = Deps(
        settings=settings,
        policy=AccessPolicy(
            allowed_users=settings.allowed_users,
            allowed_chats=settings.allowed_chats,
            admins=settings.admins,
        ),
        limiter=RateLimiter(limit=settings.rate_limit, window=settings.rate_window),
        inline_debounce=inline_debounce,
    )

    following: list[asyncio.Task[None]] = []
    languages = ChatLanguages()

    async def post_init(application: AnyApplication) -> None:
        deps.service = await asyncio.to_thread(service_factory)
        if await asyncio.to_thread(deps.service.is_empty):
            logger.warning("the index is empty: nothing can be found until articles are added")
        # The command menu in English for everyone, and in each other language for the users
        # whose Telegram is set to it.
        await application.bot.set_my_commands(
            [BotCommand(name, description[:256]) for name, description in COMMANDS]
        )
        for language, words in CATALOGUES.items():
            if language != DEFAULT_LANGUAGE:
                await application.bot.set_my_commands(
                    [BotCommand(name, text[:256]) for name, text in words.commands],
                    language_code=language,
                )
        schedule_jobs(application)
        following.append(asyncio.create_task(_follow(deps, follow_every)))
        logger.info("bot @%s is ready", application.bot.username)

    async def post_shutdown(application: AnyApplication) -> None:
        for task in following:
            task.cancel()
        following.clear()
        if deps.service is not None:
            await asyncio.to_thread(deps.service.close)
            deps.service = None

    builder = (
        ApplicationBuilder()
        .token(settings.bot_token.get_secret_value())
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .concurrent_updates(True)
        .rate_limiter(
            ChatFloodLimiter(
                max_wait=settings.flood_wait_max,
                notice_after=flood_notice_after,
                backoff=network_backoff,
                language_of=languages,
            )
        )
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if persistence_path is not None:
        builder = builder.persistence(StatePersistence(persistence_path))
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    application = builder.build()
    application.bot_data[DEPS_KEY] = deps
    # Before the access guard (-1): the delay note follows the chat's language.
    application.add_handler(TypeHandler(Update, languages.remember), group=-2)
    add_newsin_handlers(application, settings.admins)  # before the core ones: see there
    add_check_handlers(application)  # the same: a pasted quote is checked, not asked
    add_handlers(application)
    return application


class ListenError(Exception):
    """The webhook server cannot listen where the settings say; ``str()`` is one line."""


async def _follow(deps: Deps, every: float) -> None:
    """Follow commits made elsewhere while no question comes (see ``build_application``)."""
    while True:
        await asyncio.sleep(every)
        if deps.service is None:
            continue
        try:
            await asyncio.to_thread(deps.service.follow)
        except RetrievalError as exc:  # the next answer reports it to whoever asks
            logger.warning("checking the index failed: %s", exc)


async def serve(
    application: AnyApplication,
    settings: TelegramSettings,
    *,
    stop: asyncio.Event,
    poll_timeout: int = 10,
) -> None:
    """Run the bot until ``stop`` is set, then shut it down cleanly.

    Raises:
        telegram.error.InvalidToken: the Bot API rejected the token (at ``getMe``).
        retrieval.IndexUnavailableError: the QA service could not be opened.
        ListenError: the webhook server could not listen on its address.
    """
    updater = application.updater
    if updater is None:
        raise RuntimeError("the application was built without an updater")
    try:
        await application.initialize()  # getMe: checks the token
        if application.post_init is not None:
            await application.post_init(application)
        if settings.use_webhook:
            assert settings.webhook_url is not None and settings.webhook_secret is not None
            try:
                await updater.start_webhook(
                    listen=settings.webhook_listen,
                    port=settings.webhook_port,
                    url_path=settings.webhook_path,
                    webhook_url=f"{settings.webhook_url.rstrip('/')}/{settings.webhook_path}",
                    secret_token=settings.webhook_secret.get_secret_value(),
                    allowed_updates=Update.ALL_TYPES,
                )
            except OSError as exc:  # the webhook server's bind: in use, not ours, no such address
                reason = (exc.strerror or type(exc).__name__).lower()
                raise ListenError(
                    f"cannot listen on {settings.webhook_listen}:{settings.webhook_port} for "
                    f"webhook updates: {reason}; set TELEGRAM_WEBHOOK_LISTEN and "
                    "TELEGRAM_WEBHOOK_PORT to an address of this machine that is free"
                ) from exc
            logger.info("listening for webhook updates on port %d", settings.webhook_port)
        else:
            await updater.start_polling(timeout=poll_timeout, allowed_updates=Update.ALL_TYPES)
            logger.info("polling for updates")
        await application.start()
        await stop.wait()
    finally:
        if updater.running:
            await updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
