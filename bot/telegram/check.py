"""The verifier in Telegram: one gesture to check a quote, and the buttons under quotes.

Gestures (every one passes the access guard first, like any update):

- a pasted quote in a private chat, with or without a name (``“We will never surrender” — Jane
  Roe``), or ``/check …`` anywhere;
- a reply with a selected sentence (``Message.quote``), to a post in another chat
  (``external_reply``) or to a message here: the selection is the claim, and a name typed in
  the reply is who it is said to be by;
- a forwarded channel post's "Check the quotes in this post" (:mod:`bot.telegram.posts` calls
  :func:`send_verdicts` with ``post=True``: only its quotations are claims);
- a deep link ``t.me/<bot>?start=q_<id>``, which opens that quote's card with its source.

Under each card and each answer: "Copy citation" (a ``CopyTextButton``), "Wrong speaker?" for
those allowed to correct (:mod:`bot.telegram.corrections`), a link to the quote's card, and
👍/👎 on answers, recorded beside the question in ``feedback.jsonl`` (``whosaid feedback``).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import filters

from bot.telegram import render
from bot.telegram.cards import parse_press, quote_keyboard, render_verdict
from bot.telegram.deps import Context, Deps, deps_of
from bot.telegram.verify_texts import CheckTexts, check_texts
from retrieval import (
    Answer,
    Feedback,
    QuoteResult,
    RetrievalError,
    ShownQuote,
    is_pasted_claim,
    is_quote_id,
    quote_id,
    record_feedback,
)

logger = logging.getLogger(__name__)

VOTES_KEY = "votes"
QUOTE_IDS_KEY = "quote_ids"
KEPT_VOTES = 20
MAX_VERDICTS = 5  # cards sent for one text; the rest are counted
DEEP_LINK = re.compile(r"^/start(?:@\w+)?\s+(q_[0-9a-f]{10})\s*$")


class _PastedClaim(filters.MessageFilter):
    """A text that is words in quotation marks and at most a name: a claim, not a question."""

    def filter(self, message: Message) -> bool:
        return bool(message.text) and is_pasted_claim(message.text or "")


class _QuotedReply(filters.MessageFilter):
    """A reply carrying a selected part of the message it replies to (``Message.quote``)."""

    def filter(self, message: Message) -> bool:
        return message.quote is not None and bool(message.quote.text)


PASTED_CLAIM = _PastedClaim(name="pasted_claim")
QUOTED_REPLY = _QuotedReply(name="quoted_reply")


def can_correct(deps: Deps, user_id: int | None) -> bool:
    """Whether this user may correct speakers (admins; everyone when the setting allows)."""
    return deps.policy.is_admin(user_id) or deps.settings.corrections_from_anyone


def _user_id(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


# --- checking ---------------------------------------------------------------------------------


async def send_verdicts(
    update: Update,
    context: Context,
    text: str,
    *,
    speaker: str | None = None,
    post: bool = False,
    reply: bool = True,
) -> int:
    """Check a text's claims and send one card per claim; return how many were sent."""
    deps = deps_of(context)
    words = check_texts(update, text)
    chat = update.effective_chat
    if chat is None:
        return 0
    try:
        verdicts = await asyncio.to_thread(
            deps.qa.check, text, speaker=speaker, post=post, language=words.language
        )
    except RetrievalError as exc:
        await chat.send_message(render.escape(" ".join(str(exc).split())[:300]))
        return 0
    correct = can_correct(deps, _user_id(update))
    for index, verdict in enumerate(verdicts[:MAX_VERDICTS]):
        messages = render_verdict(verdict, words)
        markup = quote_keyboard(
            verdict.quotes[:1],
            words,
            can_correct=correct,
            bot_username=context.bot.username,
        )
        remember_quotes(context.chat_data, verdict.quotes[:2], 1)
        for number, message in enumerate(messages):
            keyboard = markup if number == len(messages) - 1 else None
            if index == 0 and number == 0 and reply and update.message is not None:
                await update.message.reply_text(message, reply_markup=keyboard)
            else:
                await chat.send_message(message, reply_markup=keyboard)
    if len(verdicts) > MAX_VERDICTS:
        await chat.send_message(words.more_claims.format(count=len(verdicts) - MAX_VERDICTS))
    return len(verdicts)


async def pasted_claim(update: Update, context: Context) -> None:
    """Check a quote pasted in a private chat (“…” — Name)."""
    if update.message is not None and update.message.text:
        await send_verdicts(update, context, update.message.text)


async def check_command(update: Update, context: Context) -> None:
    """``/check “…” — Name``: check quotes anywhere, groups included; a reply's selection too."""
    message = update.message
    if message is None or message.text is None:
        return
    parts = message.text.split(maxsplit=1)
    argument = parts[1].strip() if len(parts) > 1 else ""
    if message.quote is not None and message.quote.text:
        await send_verdicts(update, context, message.quote.text, speaker=_name_in(argument))
    elif argument:
        await send_verdicts(update, context, argument)
    else:
        await message.reply_text(check_texts(update).no_quote_selected)


async def quoted_reply(update: Update, context: Context) -> None:
    """Check the sentence a user selected when replying (to a channel post, or any message)."""
    message = update.message
    if message is None or message.quote is None:
        return
    if message.chat.type != ChatType.PRIVATE and not _addressed(message, context):
        return
    typed = message.text or ""
    handle = f"@{context.bot.username}" if context.bot.username else None
    if handle:
        typed = re.sub(re.escape(handle), " ", typed, flags=re.IGNORECASE)
    await send_verdicts(update, context, message.quote.text, speaker=_name_in(typed))


def _addressed(message: Message, context: Context) -> bool:
    from bot.telegram.guard import addressed_to_bot

    return addressed_to_bot(message, context)


_NAME = re.compile(
    r"^\s*(?:[—–-]\s*)?(?P<name>[A-ZА-ЯЁ][\w'’.-]*(?:\s+[A-ZА-ЯЁ][\w'’.-]*){0,3})\s*$"
)


def _name_in(typed: str) -> str | None:
    """Return the name a user typed beside a selection ("Jane Roe", "— Jane Roe"), if any."""
    match = _NAME.match(typed or "")
    return match["name"] if match else None


# --- deep links -------------------------------------------------------------------------------


async def deep_link(update: Update, context: Context) -> None:
    """``/start q_<id>``: open the quote's card, with its source."""
    message = update.message
    match = DEEP_LINK.match(message.text or "") if message is not None else None
    if message is None or match is None or not is_quote_id(match[1]):
        return
    words = check_texts(update)
    deps = deps_of(context)
    try:
        quote = await asyncio.to_thread(deps.qa.quote, match[1])
    except RetrievalError as exc:
        await message.reply_text(render.escape(" ".join(str(exc).split())[:300]))
        return
    if quote is None:
        await message.reply_text(words.quote_gone)
        return
    await send_quote_card(update, context, quote, words)


async def send_quote_card(
    update: Update, context: Context, quote: QuoteResult, words: CheckTexts
) -> None:
    """Send one quote as a card: who, the words verbatim, the source, and its buttons."""
    deps = deps_of(context)
    card = Answer(question=words.card_intro, found=True, answer=words.card_intro, quotes=[quote])
    messages = render.render_answer(card)
    remember_quotes(context.chat_data, [quote], 1)
    markup = quote_keyboard(
        [quote], words, can_correct=can_correct(deps, _user_id(update)), bot_username=None
    )
    chat = update.effective_chat
    if chat is None:
        return
    for number, text in enumerate(messages):
        await chat.send_message(text, reply_markup=markup if number == len(messages) - 1 else None)


# --- answers' buttons and votes -------------------------------------------------------------


def remember_quotes(chat_data: Any, quotes: list[QuoteResult], first: int) -> None:
    """Keep the ids of the quotes just cited, by citation number (``/source n`` shows the
    history of quote n)."""
    if chat_data is None:
        return
    kept: dict[str, str] = dict(chat_data.get(QUOTE_IDS_KEY) or {}) if first > 1 else {}
    for offset, quote in enumerate(quotes):
        qid = quote_id(quote)
        if qid is not None:
            kept[str(first + offset)] = qid
    chat_data[QUOTE_IDS_KEY] = kept


def answer_markup(
    update: Update,
    context: Context,
    answer: Answer,
    *,
    first_number: int = 1,
    more: InlineKeyboardMarkup | None = None,
    vote: bool = True,
) -> InlineKeyboardMarkup | None:
    """Return the buttons under an answer (copy, correct, vote, then "More quotes"); keeps
    what a vote will record beside the question."""
    deps = deps_of(context)
    words = check_texts(update, answer.question)
    remember_quotes(context.chat_data, list(answer.quotes), first_number)
    token = _keep_vote(context.chat_data, update, answer) if vote and answer.quotes else None
    private = update.effective_chat is None or update.effective_chat.type == ChatType.PRIVATE
    return quote_keyboard(
        answer.quotes,
        words,
        first_number=first_number,
        can_correct=can_correct(deps, _user_id(update)),
        vote_token=token,
        bot_username=None if private else context.bot.username,
        more=more,
    )


def _keep_vote(chat_data: Any, update: Update, answer: Answer) -> str | None:
    if chat_data is None:
        return None
    token = hashlib.sha256(
        f"{update.update_id}:{answer.question}:{len(answer.quotes)}".encode()
    ).hexdigest()[:8]
    kept: dict[str, dict[str, Any]] = dict(chat_data.get(VOTES_KEY) or {})
    kept[token] = {
        "question": answer.question,
        "answer": answer.answer,
        "quotes": [
            {
                "id": quote_id(q),
                "speaker": q.speaker or q.role,
                "source": ", ".join(
                    p
                    for p in (
                        q.source.title or q.source.path,
                        q.source.date,
                        f"¶{q.source.paragraph}",
                    )
                    if p
                ),
            }
            for q in answer.quotes
        ],
        "voted": None,
    }
    # Plain dicts, newest last: the pickle outlives changes to the classes.
    chat_data[VOTES_KEY] = dict(list(kept.items())[-KEPT_VOTES:])
    return token


async def vote_button(update: Update, context: Context) -> None:
    """Record 👍 or 👎 beside the question it answers (once per answer)."""
    query = update.callback_query
    press = parse_press(query.data) if query is not None else None
    if query is None or press is None or press.action != "vote":
        return
    words = check_texts(update)
    kept = (context.chat_data or {}).get(VOTES_KEY) or {}
    stored = kept.get(press.token)
    if not isinstance(stored, dict):
        await query.answer(words.picker_gone)
        return
    if stored.get("voted"):
        await query.answer(words.voted)
        return
    user = update.effective_user
    feedback = Feedback(
        at=_now(),
        by=f"telegram:{user.id}" if user else "telegram",
        chat=str(update.effective_chat.id) if update.effective_chat else None,
        vote="up" if press.vote == "up" else "down",
        question=str(stored.get("question", "")),
        answer=str(stored.get("answer", "")),
        quotes=[ShownQuote(**q) for q in stored.get("quotes", []) if isinstance(q, dict)],
    )
    deps = deps_of(context)
    try:
        await asyncio.to_thread(record_feedback, deps.qa.settings.data_dir, feedback)
    except RetrievalError as exc:
        logger.warning("feedback not recorded: %s", exc)
        await query.answer(render.escape(str(exc))[:200])
        return
    stored["voted"] = press.vote
    await query.answer(words.thanks_up if press.vote == "up" else words.thanks_down)


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0).isoformat()


# --- /source: a quote's history --------------------------------------------------------------


async def send_history(update: Update, context: Context, number: int) -> None:
    """After ``/source n``: every printing of quote n, when more than one article carries it."""
    qid = ((context.chat_data or {}).get(QUOTE_IDS_KEY) or {}).get(str(number))
    chat = update.effective_chat
    if not qid or chat is None:
        return
    deps = deps_of(context)
    try:
        history = await asyncio.to_thread(deps.qa.history, qid)
    except RetrievalError:
        return
    if len(history) < 2:
        return
    words = check_texts(update)
    from bot.telegram.cards import render_history

    await chat.send_message(render_history(history, words))


__all__ = [
    "PASTED_CLAIM",
    "QUOTED_REPLY",
    "answer_markup",
    "can_correct",
    "check_command",
    "deep_link",
    "pasted_claim",
    "quoted_reply",
    "remember_quotes",
    "send_history",
    "send_quote_card",
    "send_verdicts",
    "vote_button",
]


def add_check_handlers(application: Any) -> None:
    """Register the verifier's gestures and buttons (before the core handlers: a pasted quote
    and a reply with a selection are checked, not asked)."""
    from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler

    from bot.telegram.corrections import fix_button, fix_choice, unfix_button

    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    text = filters.TEXT & ~filters.COMMAND
    application.add_handlers(
        [
            CommandHandler("start", deep_link, filters.Regex(DEEP_LINK)),
            CommandHandler("check", check_command),
            CallbackQueryHandler(fix_button, pattern=r"^fix\|"),
            CallbackQueryHandler(fix_choice, pattern=r"^fixto\|"),
            CallbackQueryHandler(unfix_button, pattern=r"^unfix\|"),
            CallbackQueryHandler(vote_button, pattern=r"^fb\|"),
            MessageHandler(text & QUOTED_REPLY & filters.UpdateType.MESSAGE, quoted_reply),
            MessageHandler(private & text & PASTED_CLAIM, pasted_claim),
        ]
    )
