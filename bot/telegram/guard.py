"""The gate every update passes before any handler: access, admin rights, buttons, rate limit.

:func:`guard` runs in handler group -1. When it decides an update must stop, it tells the user
why (once, briefly) and then raises ``ApplicationHandlerStop`` from a ``finally`` block, so the
update stops whatever happens while telling: a failed ``sendMessage`` (a network blip, flood
control, a 400 or 403) can no longer let a refused update through to the answering handlers.
The decision itself is made by plain functions, tested without Telegram.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.telegram.access import format_wait
from bot.telegram.buttons import parse_more
from bot.telegram.cards import is_correction_press, parse_press
from bot.telegram.deps import Context, Deps, deps_of
from bot.telegram.locale import words_for
from bot.telegram.posts import channel_enabled, is_admin_button, parse_post_button
from bot.texts import texts

logger = logging.getLogger(__name__)

# In English (the tests' and the default); each user is told in their language.
REFUSAL = texts("en").refusal
ADMIN_ONLY = texts("en").admin_only
EXPIRED = texts("en").expired
# Commands that change the corpus; documents (uploads) are admin-only as well.
ADMIN_COMMANDS = frozenset({"reload", "feeds", "channel"})
# Refused (user, chat) pairs remembered so each is told once; forgotten all at once past this,
# so a flood of strangers cannot grow memory without bound (they are then told once more).
REFUSED_MEMORY = 10_000


@dataclass(frozen=True, slots=True)
class Stop:
    """Why an update stops at the gate; ``text`` is what the user is told (``None``: nothing)."""

    reason: str
    text: str | None


def addressed_to_bot(message: Message, context: Context) -> bool:
    """Return whether a message is meant for the bot (always true in private chats)."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    if message.text and message.text.startswith("/"):
        # "/ask@otherbot" belongs to another bot in the same group.
        command = message.text.split(maxsplit=1)[0]
        _, at, target = command.partition("@")
        return not at or target.casefold() == (context.bot.username or "").casefold()
    return mentions_bot(message, context) or replies_to_bot(message, context)


def mentions_bot(message: Message, context: Context) -> bool:
    """Return whether the message @mentions this bot."""
    handle = f"@{context.bot.username}".casefold()
    entities = message.parse_entities([MessageEntity.MENTION])
    return any(text.casefold() == handle for text in entities.values())


def replies_to_bot(message: Message, context: Context) -> bool:
    """Return whether the message replies to one of this bot's messages."""
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == context.bot.id)


def is_allowed(update: Update, deps: Deps) -> bool:
    """Return whether the update's user may use the bot in the update's chat."""
    user, chat = update.effective_user, update.effective_chat
    private = chat is None or chat.type == ChatType.PRIVATE
    user_id, chat_id = (user.id if user else None), (chat.id if chat else None)
    return deps.policy.allows(user_id, chat_id, private=private)


def _command(message: Message) -> str | None:
    """Return the command a message starts with, without ``/`` and ``@bot``, lowercased."""
    if not message.text or not message.text.startswith("/"):
        return None
    return message.text.split(maxsplit=1)[0][1:].partition("@")[0].casefold()


def _needs_admin(update: Update, context: Context) -> bool:
    if update.callback_query is not None:
        data = update.callback_query.data
        # "Add as source"; "Wrong speaker?" too unless everyone may correct speakers.
        anyone = deps_of(context).settings.corrections_from_anyone
        return is_admin_button(data) or (is_correction_press(data) and not anyone)
    message = update.message
    if message is None or not addressed_to_bot(message, context):
        return False
    if message.document is not None and message.chat.type == ChatType.PRIVATE:
        return True
    return _command(message) in ADMIN_COMMANDS


def decide(update: Update, context: Context) -> Stop | None:
    """Return why this update must stop here, or ``None`` to let the handlers have it."""
    deps = deps_of(context)
    channel = update.channel_post or update.edited_channel_post
    if channel is not None:
        # A channel's own post has no user: only the channels an admin listed are read.
        followed = channel_enabled(channel.chat, deps.settings.channel_posts)
        return None if followed else Stop("channel not followed", None)
    user = update.effective_user
    user_id = user.id if user else None
    words = words_for(update)
    if not is_allowed(update, deps):
        chat = update.effective_chat
        key = (user_id, chat.id if chat else None)
        first = key not in deps.refused
        if first and len(deps.refused) >= REFUSED_MEMORY:
            deps.refused.clear()
        deps.refused.add(key)
        message = update.message
        # Tell a refused user once; stay silent on group chatter not meant for the bot.
        quiet = message is not None and not (first and addressed_to_bot(message, context))
        return Stop("not allowed", None if quiet else words.refusal)
    if _needs_admin(update, context) and not deps.policy.is_admin(user_id):
        return Stop("admin only", words.admin_only)
    query = update.callback_query
    if (
        query is not None
        and parse_more(query.data) is None
        and parse_post_button(query.data) is None
        and parse_press(query.data) is None
    ):
        return Stop("unknown button", words.expired)
    message = update.message
    charged = query is not None or (message is not None and addressed_to_bot(message, context))
    if charged and user_id is not None:
        wait = deps.limiter.acquire(user_id)
        if wait > 0:
            text = words.too_fast.format(wait=format_wait(wait, words))
            return Stop("rate limited", text)
    return None


async def _tell(update: Update, text: str | None) -> None:
    if update.inline_query is not None:
        # An inline query always gets an answer, so the client stops its spinner.
        await update.inline_query.answer([], cache_time=0, is_personal=True)
    elif update.callback_query is not None:
        await update.callback_query.answer(text)
    elif text is not None and update.message is not None:
        await update.message.reply_text(text)


async def guard(update: Update, context: Context) -> None:
    """Stop updates that must not reach the handlers, telling the user why at most once."""
    stop: Stop | None = Stop("the gate failed", None)  # fail closed until decided
    try:
        stop = decide(update, context)
        if stop is not None:
            await _tell(update, stop.text)
    except TelegramError as exc:
        # Telling the user is a courtesy; the update stops all the same (see ``finally``).
        logger.warning("could not tell the user why an update stopped: %s", exc)
    except Exception:
        logger.exception("the gate failed; the update stops")
    finally:
        if stop is not None:
            user = update.effective_user
            who = user.id if user else None
            logger.info("stopped an update from user %s: %s", who, stop.reason)
            raise ApplicationHandlerStop
