"""Telegram channels as sources: forwarded posts, live channel posts, and /channel.

A post forwarded from a channel (``forward_origin`` is a channel) is not a question: the bot
offers "Check the quotes in this post" to everyone and "Add as source" to admins. Checking
gives each quotation in the post a verdict (the quote verifier, ``bot.telegram.check``).
Adding keeps the post as an article (``retrieval.add_post``): the channel's title as outlet,
the post's own date and its t.me link (``t.me/c/…`` for a private channel). Channels listed in
``TELEGRAM_CHANNEL_POSTS`` where the bot is an admin are followed live: each post and each edit
is ingested as it comes.
``/channel @name Person Name`` (admins) says that a channel is that person's own: the posts'
own words become that person's statements.

A button's data holds a short token, not the post: the post waits in the chat's state (the
last ``KEPT_POSTS``), so a button pressed after a restart still works.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageOriginChannel,
    Update,
)
from telegram.ext import filters

from bot.telegram import render
from bot.telegram.check import send_verdicts
from bot.telegram.deps import Context, deps_of
from bot.telegram.follow import deliver
from retrieval import (
    ChannelPost,
    RetrievalError,
    SourceError,
    add_post,
    reingest_posts,
    set_channel,
)

logger = logging.getLogger(__name__)

POSTS_KEY = "posts"
KEPT_POSTS = 20
CHECK, ADD = "check", "add"
_PREFIX = "post|"
_BUTTON = re.compile(
    rf"^{re.escape(_PREFIX)}(?P<action>{CHECK}|{ADD})\|(?P<token>[0-9a-f]{{12}})$"
)
GONE = "That post is no longer here: forward it again."
NO_QUOTES = "This post quotes nobody: there are no words in quotation marks to check."


class _FromChannel(filters.MessageFilter):
    """Messages forwarded from a channel (not from a user or a group)."""

    def filter(self, message: Message) -> bool:
        return isinstance(message.forward_origin, MessageOriginChannel)


FROM_CHANNEL = _FromChannel(name="from_channel")


def _data(action: str, token: str) -> str:
    return f"{_PREFIX}{action}|{token}"


def parse_post_button(data: str | None) -> tuple[str, str] | None:
    """Return (action, token) of a post button's data, or None if this bot never made it."""
    match = _BUTTON.match(data or "")
    return (match["action"], match["token"]) if match else None


def is_admin_button(data: str | None) -> bool:
    """Tell whether a button changes the corpus ("Add as source"): admins only."""
    parsed = parse_post_button(data)
    return parsed is not None and parsed[0] == ADD


def post_of(message: Message) -> ChannelPost | None:
    """Return the channel post a message carries: forwarded from a channel, or posted in one."""
    origin = message.forward_origin
    text = message.text or message.caption or ""
    if isinstance(origin, MessageOriginChannel):
        chat, number, date = origin.chat, origin.message_id, origin.date
        signature = origin.author_signature
    elif message.chat.type == "channel":
        chat, number, date = message.chat, message.message_id, message.date
        signature = message.author_signature
    else:
        return None
    return ChannelPost(
        text=text,
        chat_id=chat.id,
        username=chat.username,
        title=chat.title,
        message_id=number,
        date=date.date().isoformat() if date else None,
        signature=signature,
    )


def _keep(chat_data: dict[Any, Any] | None, post: ChannelPost) -> str:
    token = hashlib.sha256(f"{post.chat_id}:{post.message_id}:{post.text}".encode()).hexdigest()
    token = token[:12]
    if chat_data is not None:
        kept: dict[str, dict[str, Any]] = dict(chat_data.get(POSTS_KEY) or {})
        kept.pop(token, None)
        kept[token] = {
            "text": post.text, "chat_id": post.chat_id, "username": post.username,
            "title": post.title, "message_id": post.message_id, "date": post.date,
            "signature": post.signature,
        }  # fmt: skip
        # Plain dicts, oldest first: the pickle outlives changes to the classes.
        chat_data[POSTS_KEY] = dict(list(kept.items())[-KEPT_POSTS:])
    return token


def _kept(chat_data: dict[Any, Any] | None, token: str) -> ChannelPost | None:
    stored = (chat_data or {}).get(POSTS_KEY, {}).get(token)
    if not isinstance(stored, dict):
        return None
    try:
        return ChannelPost(**stored)
    except TypeError:
        return None


async def forwarded_post(update: Update, context: Context) -> None:
    """Offer what can be done with a post forwarded from a channel."""
    message = update.message
    post = post_of(message) if message is not None else None
    if message is None or post is None:
        return
    if not post.text.strip():
        await message.reply_text("That post has no text to check or add.")
        return
    token = _keep(context.chat_data, post)
    user = update.effective_user
    buttons = [
        InlineKeyboardButton(
            "Check the quotes in this post", callback_data=f"{_PREFIX}{CHECK}|{token}"
        )
    ]
    if deps_of(context).policy.is_admin(user.id if user else None):
        buttons.append(
            InlineKeyboardButton("Add as source", callback_data=f"{_PREFIX}{ADD}|{token}")
        )
    where = render.escape(post.title or "a channel")
    dated = f", {post.date}" if post.date else ""
    await message.reply_text(
        f"A post from <b>{where}</b>{dated}. What should I do with it?",
        reply_markup=InlineKeyboardMarkup([[button] for button in buttons]),
    )


async def post_button(update: Update, context: Context) -> None:
    """Check a kept post's quotes, or add it as a source (the guard lets only admins add)."""
    query = update.callback_query
    parsed = parse_post_button(query.data) if query is not None else None
    if query is None or parsed is None or update.effective_chat is None:
        return
    action, token = parsed
    post = _kept(context.chat_data, token)
    await query.answer()
    chat = update.effective_chat
    if post is None:
        await chat.send_message(GONE)
        return
    if action == CHECK:
        await _check(update, context, post)
    else:
        status = await chat.send_message("Adding the post…")
        await status.edit_text(await _add(context, post))


async def _check(update: Update, context: Context, post: ChannelPost) -> None:
    """Check each quotation of the post with the quote verifier: one verdict card each."""
    sent = await send_verdicts(update, context, post.text, post=True, reply=False)
    if not sent and update.effective_chat is not None:
        await update.effective_chat.send_message(NO_QUOTES)


async def _add(context: Context, post: ChannelPost) -> str:
    """Add a post as a source; return the line that says how it went."""
    deps = deps_of(context)
    try:
        result = await asyncio.to_thread(add_post, deps.qa, post)
    except RetrievalError as exc:
        return f"Could not add the post: {render.escape(' '.join(str(exc).split())[:300])}"
    if not result.ok:
        return f"Could not add the post: {render.escape(result.message)}"
    await deliver(context.application)
    link = render.safe_url(result.source)
    shown = f'<a href="{render.escape(link)}">{render.escape(result.source)}</a>' if link else ""
    return f"Post {result.message} as a source: {shown}"


def channel_enabled(chat: Any, channels: frozenset[str]) -> bool:
    """Tell whether a channel's own posts are followed live (``TELEGRAM_CHANNEL_POSTS``)."""
    username = f"@{chat.username.lower()}" if getattr(chat, "username", None) else None
    return str(chat.id) in channels or (username is not None and username in channels)


async def channel_post(update: Update, context: Context) -> None:
    """Ingest a post (or an edit) of a channel followed live; the guard admits only those."""
    message = update.channel_post or update.edited_channel_post
    post = post_of(message) if message is not None else None
    if post is None or not post.text.strip():
        return
    deps = deps_of(context)
    try:
        result = await asyncio.to_thread(add_post, deps.qa, post)
    except (RetrievalError, SourceError) as exc:
        logger.warning("channel post %s not ingested: %s", post.message_id, exc)
        return
    if result.ok:
        logger.info("channel post %s %s", result.source, result.message)
        await deliver(context.application)
    else:
        logger.warning("channel post %s not ingested: %s", result.source, result.message)


async def channel_command(update: Update, context: Context) -> None:
    """``/channel @name Person Name``: the channel is that person's own (``none``: nobody's)."""
    message = update.message
    if message is None or message.text is None:
        return
    parts = message.text.split(maxsplit=2)
    if len(parts) < 3:
        await message.reply_text(
            "Say whose own channel it is: /channel @name Person Name (or /channel @name none)."
        )
        return
    channel, person = parts[1], " ".join(parts[2].split())
    person_or_none = None if person.casefold() == "none" else person
    deps = deps_of(context)
    try:
        await asyncio.to_thread(set_channel, deps.qa.settings, channel, person=person_or_none)
    except SourceError as exc:
        await message.reply_text(render.escape(str(exc)))
        return
    status = await message.reply_text("Saved. Reading the channel's saved posts again…")
    try:
        summary = await asyncio.to_thread(reingest_posts, deps.qa)
    except RetrievalError as exc:
        await status.edit_text(
            f"Saved; the posts will follow on the next ingest ({render.escape(str(exc))})."
        )
        return
    whose = f"{render.escape(person_or_none)}'s own" if person_or_none else "nobody's own"
    updated = summary.updated if summary is not None else 0
    await status.edit_text(
        f"{render.escape(channel)} is {whose} channel; {updated} saved posts updated."
    )
    if updated:
        await deliver(context.application)
