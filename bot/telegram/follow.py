"""/follow, /following, /unfollow, and the alerts they bring after each ingest.

``/follow Psaki`` follows a speaker (any name the registry knows them by), ``/follow "gas
prices"`` a phrase. After every ingest the bot makes (an upload, a link, a feed poll, a channel
post) and every ``TELEGRAM_ALERT_SECONDS`` (for ingests run elsewhere), :func:`deliver` has
``retrieval.collect`` queue one batch per following chat, then sends each batch as one
message (more only when it is over Telegram's length limit). The rate limiter keeps them
within Telegram's flood limits (about 30 messages a second overall, 20 a minute per group).
A chat that blocked the bot or is gone is dropped, with its follows. A batch is claimed in the
state file before it is sent, so a crash never sends it twice.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError
from telegram.ext import Application

from bot.telegram import render
from bot.telegram.deps import DEPS_KEY, Context, Deps, deps_of
from retrieval import (
    Alert,
    Answer,
    IndexService,
    RetrievalError,
    SourceError,
    claim,
    collect,
    follow,
    following,
    forget_chat,
    move_chat,
    parse_follow,
    pending,
    sent,
    unfollow,
)

logger = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
_DELIVERING = "whosaid.delivering"


def _argument(update: Update) -> str:
    text = update.message.text if update.message and update.message.text else ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def _reply(update: Update, text: str) -> None:
    if update.message is not None:
        await update.message.reply_text(text)


async def follow_command(update: Update, context: Context) -> None:
    """Follow a speaker or a phrase in this chat: ``/follow NAME`` or ``/follow "phrase"``."""
    chat = update.effective_chat
    argument = _argument(update)
    if chat is None:
        return
    if not argument:
        await _reply(update, 'Follow a speaker or a phrase: /follow Psaki, /follow "gas prices".')
        return
    deps = deps_of(context)
    try:
        wanted = parse_follow(argument)
        added = await asyncio.to_thread(follow, deps.qa.settings, chat.id, wanted)
    except SourceError as exc:
        await _reply(update, render.escape(str(exc)))
        return
    shown = render.escape(wanted.shown())
    if not added:
        await _reply(update, f"This chat already follows {shown}.")
        return
    note = ""
    if wanted.kind == "speaker":
        known = await asyncio.to_thread(deps.qa.canonical_speaker, wanted.value)
        note = (
            f" ({render.escape(known)})"
            if known and known != wanted.value
            else ""
            if known
            else " (nobody of that name is quoted yet)"
        )
    await _reply(
        update,
        f"Following {shown}{note}. New quotes will come here after each ingest; "
        "/unfollow to stop.",
    )


async def following_command(update: Update, context: Context) -> None:
    """List what this chat follows."""
    chat = update.effective_chat
    if chat is None:
        return
    deps = deps_of(context)
    try:
        found = await asyncio.to_thread(following, deps.qa.settings, chat.id)
    except SourceError as exc:
        await _reply(update, render.escape(str(exc)))
        return
    if not found:
        await _reply(update, 'This chat follows nothing yet: /follow Psaki or /follow "phrase".')
        return
    lines = [f"• {render.escape(item.shown())}" for item in found]
    await _reply(update, "This chat follows:\n" + "\n".join(lines))


async def unfollow_command(update: Update, context: Context) -> None:
    """Stop following one thing (``/unfollow Psaki``) or everything (``/unfollow all``)."""
    chat = update.effective_chat
    argument = _argument(update)
    if chat is None:
        return
    if not argument:
        await _reply(update, "Unfollow what? /following lists it; /unfollow all stops them all.")
        return
    deps = deps_of(context)
    try:
        wanted = None if argument.casefold() == "all" else parse_follow(argument)
        removed = await asyncio.to_thread(unfollow, deps.qa.settings, chat.id, wanted)
    except SourceError as exc:
        await _reply(update, render.escape(str(exc)))
        return
    if wanted is None:
        await _reply(update, f"Stopped following {removed} thing{'s' if removed != 1 else ''}.")
    elif removed:
        await _reply(update, f"Stopped following {render.escape(wanted.shown())}.")
    else:
        await _reply(update, f"This chat does not follow {render.escape(wanted.shown())}.")


def alert_messages(alert: Alert) -> list[str]:
    """Render one batch: what matched, then the quotes with their sources."""
    follows = ", ".join(alert.follows)
    header = f"New quotes for what you follow ({follows})."
    if alert.more:
        header += f" {alert.more} more not shown: ask me for them."
    answer = Answer(question="", found=True, answer=header, quotes=alert.quotes)
    return render.render_answer(answer)


async def deliver(application: AnyApplication) -> int:
    """Queue the alerts the latest ingests owe, and send every batch waiting; return how many
    were sent. Runs one at a time (later calls wait), never on the event loop's time."""
    deps = application.bot_data.get(DEPS_KEY)
    # Alerts live in the index's state file: only the real service has one.
    if not isinstance(deps, Deps) or not isinstance(deps.service, IndexService):
        return 0
    lock = application.bot_data.setdefault(_DELIVERING, asyncio.Lock())
    async with lock:
        service = deps.service
        try:
            await asyncio.to_thread(collect, service)
            batches = await asyncio.to_thread(pending, service.settings)
        except RetrievalError as exc:
            logger.warning("alerts not collected: %s", exc)
            return 0
        count = 0
        for alert in batches:
            if not await asyncio.to_thread(claim, service.settings, alert.id):
                continue
            if await _send(application, deps, alert):
                count += 1
            await asyncio.to_thread(sent, service.settings, alert.id)
        return count


async def _send(application: AnyApplication, deps: Deps, alert: Alert) -> bool:
    chat_id = alert.chat_id
    for attempt in range(2):
        try:
            for text in alert_messages(alert):
                await application.bot.send_message(chat_id, text)
            return True
        except ChatMigrated as exc:  # a group became a supergroup: its new id
            new_id = int(exc.new_chat_id)
            await asyncio.to_thread(move_chat, deps.qa.settings, chat_id, new_id)
            chat_id = new_id
            if attempt:
                break
        except (Forbidden, BadRequest) as exc:
            if isinstance(exc, BadRequest) and "chat not found" not in str(exc).lower():
                logger.warning("an alert to chat %s was refused: %s", chat_id, exc)
                return False
            # Blocked, kicked, or the chat is gone: nobody will read it; stop following there.
            logger.info("dropping chat %s from alerts: %s", chat_id, exc)
            await asyncio.to_thread(forget_chat, deps.qa.settings, chat_id)
            return False
        except TelegramError as exc:
            logger.warning("an alert to chat %s was not sent: %s", chat_id, exc)
            return False
    return False


async def alert_job(context: Context) -> None:
    """The JobQueue's periodic look for quotes other processes ingested."""
    await deliver(context.application)
