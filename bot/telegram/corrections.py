""" "Wrong speaker?" in Telegram: a two-tap picker that corrects who said a quote.

First tap (``fix|<quote id>``): the bot offers the other people of the same paragraph, an
unnamed source, a document, and "Same person as …" for a namesake the registry keeps apart.
Second tap (``fixto|<token>|<n>``): the correction is recorded (who, when, what) in the
corpus's ``corrections.yaml`` and answers follow it at once; the confirmation carries "Undo"
(``unfix|<id>``). The access guard lets only admins press these, or everyone when
``TELEGRAM_CORRECTIONS_FROM_ANYONE`` is set. The choices wait in the chat's state under a short
token, so the buttons' data stays within Telegram's 64 bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from typing import Any

from pydantic import ValidationError
from telegram import Update
from telegram.error import TelegramError

from bot.telegram import render
from bot.telegram.cards import parse_press, picker_keyboard, undo_keyboard
from bot.telegram.deps import Context, Deps, deps_of
from bot.telegram.verify_texts import check_texts
from retrieval import (
    CorrectionFailed,
    IndexService,
    RetrievalError,
    SpeakerOption,
    correct,
    speaker_options,
    undo,
)

logger = logging.getLogger(__name__)


def _index(deps: Deps) -> IndexService:
    """Return the service over the index: corrections are a file beside it, which only the
    real service has (a front end's stand-in gets a clear error, not a silent no-op)."""
    service = deps.qa
    if not isinstance(service, IndexService):
        raise CorrectionFailed("corrections need the service over an index")
    return service


PICKERS_KEY = "pickers"
KEPT_PICKERS = 10


def _who(update: Update) -> str:
    user = update.effective_user
    if user is None:
        return "telegram"
    name = " ".join(p for p in (user.first_name, user.last_name) if p)
    return f"telegram:{user.id} {name}".strip()


async def fix_button(update: Update, context: Context) -> None:
    """First tap: offer who else could have said the quote."""
    query = update.callback_query
    press = parse_press(query.data) if query is not None else None
    chat = update.effective_chat
    if query is None or press is None or press.quote is None or chat is None:
        return
    words = check_texts(update)
    deps = deps_of(context)
    try:
        options = await asyncio.to_thread(speaker_options, _index(deps), press.quote)
        quote = await asyncio.to_thread(deps.qa.quote, press.quote)
    except RetrievalError as exc:
        await query.answer(render.escape(str(exc))[:200])
        return
    if not options or quote is None:
        await query.answer(words.quote_gone)
        return
    await query.answer()
    token = _keep(context.chat_data, press.quote, options)
    opening = " ".join(quote.text.split()[:12])
    await chat.send_message(
        render.escape(words.picker.format(quote=opening + "…")),
        reply_markup=picker_keyboard(token, [o.label for o in options]),
    )


def _keep(chat_data: Any, qid: str, options: list[SpeakerOption]) -> str:
    token = hashlib.sha256(f"{qid}:{[o.label for o in options]}".encode()).hexdigest()[:8]
    if chat_data is not None:
        kept: dict[str, Any] = dict(chat_data.get(PICKERS_KEY) or {})
        kept.pop(token, None)
        kept[token] = {"quote": qid, "options": [o.model_dump() for o in options]}
        chat_data[PICKERS_KEY] = dict(list(kept.items())[-KEPT_PICKERS:])
    return token


async def fix_choice(update: Update, context: Context) -> None:
    """Second tap: record the correction, say so, and offer to undo it."""
    query = update.callback_query
    press = parse_press(query.data) if query is not None else None
    if query is None or press is None or press.token is None or press.choice is None:
        return
    words = check_texts(update)
    stored: Any = ((context.chat_data or {}).get(PICKERS_KEY) or {}).get(press.token)
    try:
        option = SpeakerOption.model_validate(stored["options"][press.choice])
        qid = str(stored["quote"])
    except (TypeError, KeyError, IndexError, ValidationError):
        await query.answer(words.picker_gone)
        return
    deps = deps_of(context)
    try:
        info = await asyncio.to_thread(correct, _index(deps), qid, option, by=_who(update))
    except RetrievalError as exc:
        await query.answer()
        await _edit(query, words.correction_failed.format(why=str(exc)), None)
        return
    await query.answer()
    (context.chat_data or {}).get(PICKERS_KEY, {}).pop(press.token, None)
    logger.info("correction %s by %s: %s", info.id, _who(update), info.description)
    await _edit(
        query, words.corrected.format(what=info.description), undo_keyboard(info.id, words)
    )


async def unfix_button(update: Update, context: Context) -> None:
    """ "Undo" under a correction: mark it undone (it stays in the file, for the audit)."""
    query = update.callback_query
    press = parse_press(query.data) if query is not None else None
    if query is None or press is None or press.token is None:
        return
    words = check_texts(update)
    deps = deps_of(context)
    try:
        info = await asyncio.to_thread(undo, _index(deps), press.token, by=_who(update))
    except RetrievalError as exc:
        await query.answer(render.escape(str(exc))[:200])
        return
    await query.answer()
    await _edit(query, words.undone.format(what=info.description), None)


async def _edit(query: Any, text: str, markup: Any) -> None:
    """Replace the picker's message (a message too old to edit gets a new one instead)."""
    try:
        await query.edit_message_text(render.escape(text), reply_markup=markup)
    except TelegramError:
        message = query.message
        if message is not None:
            with contextlib.suppress(TelegramError):
                await message.chat.send_message(render.escape(text), reply_markup=markup)


__all__ = ["fix_button", "fix_choice", "unfix_button"]
