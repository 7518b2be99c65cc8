"""Telegram handlers: questions, commands, paging, inline mode and admin uploads.

Handlers translate the service's errors into short replies; anything unexpected reaches
:func:`on_error`, which logs the traceback and apologises. Answering is CPU-bound, so every
service call runs in a worker thread (:func:`asyncio.to_thread`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.telegram import render
from bot.telegram.access import AccessPolicy, RateLimiter, format_wait
from bot.telegram.settings import TelegramSettings
from bot.telegram.uploads import UploadRejected, check_size, check_text, safe_filename
from retrieval import (
    Answer,
    ChatContext,
    IndexUnavailableError,
    QAService,
    QuestionError,
    RetrievalError,
    Source,
)

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE

DEPS_KEY = "whosaid.deps"
CONTEXT_KEY = "context"
CITATIONS_KEY = "citations"
MORE_PREFIX = "more|"
# Telegram limits callback data to 64 bytes.
_CALLBACK_LIMIT = 64

REFUSAL = "Sorry, this bot is private."
ADMIN_ONLY = "Only admins can do that."
UNAVAILABLE = "The quote index is unavailable right now. Please try again later."
APOLOGY = "Sorry, something went wrong while answering. Please try again."


@dataclass(slots=True)
class Deps:
    """What handlers need, kept in ``bot_data`` (which is not persisted)."""

    settings: TelegramSettings
    policy: AccessPolicy
    limiter: RateLimiter
    service: QAService | None = None
    refused: set[tuple[int | None, int | None]] = field(default_factory=set)

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


# --- access -------------------------------------------------------------------------------


def _addressed_to_bot(message: Message, context: Context) -> bool:
    """Return whether a message is meant for the bot (always true in private chats)."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    if message.text and message.text.startswith("/"):
        # "/ask@otherbot" belongs to another bot in the same group.
        command = message.text.split(maxsplit=1)[0]
        _, at, target = command.partition("@")
        return not at or target.casefold() == (context.bot.username or "").casefold()
    return _mentions_bot(message, context) or _replies_to_bot(message, context)


def _mentions_bot(message: Message, context: Context) -> bool:
    handle = f"@{context.bot.username}".casefold()
    entities = message.parse_entities([MessageEntity.MENTION])
    return any(text.casefold() == handle for text in entities.values())


def _replies_to_bot(message: Message, context: Context) -> bool:
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == context.bot.id)


async def guard(update: Update, context: Context) -> None:
    """Stop updates from users and chats outside the allowlists, refusing each just once."""
    deps = deps_of(context)
    user = update.effective_user
    chat = update.effective_chat
    user_id = user.id if user else None
    chat_id = chat.id if chat else None
    private = chat is None or chat.type == ChatType.PRIVATE
    if deps.policy.allows(user_id, chat_id, private=private):
        return
    first = (user_id, chat_id) not in deps.refused
    deps.refused.add((user_id, chat_id))
    if update.inline_query:
        await update.inline_query.answer([], cache_time=0, is_personal=True)
    elif update.callback_query:
        await update.callback_query.answer(REFUSAL)
    elif first and update.message and _addressed_to_bot(update.message, context):
        await update.message.reply_text(REFUSAL)
    logger.info("refused an update from user %s in chat %s", user_id, chat_id)
    raise ApplicationHandlerStop


def _rate_limited(context: Context, user_id: int | None) -> str | None:
    """Count a question; return a message saying how long to wait when over the limit."""
    if user_id is None:
        return None
    wait = deps_of(context).limiter.acquire(user_id)
    if wait <= 0:
        return None
    return f"You're asking too fast. Please wait {format_wait(wait)} and try again."


# --- per-chat state -----------------------------------------------------------------------


def _load_context(chat_data: dict[Any, Any] | None) -> ChatContext | None:
    if not chat_data or CONTEXT_KEY not in chat_data:
        return None
    try:
        return ChatContext.model_validate(chat_data[CONTEXT_KEY])
    except ValidationError:
        logger.warning("dropping an unreadable chat context")
        return None


def _remember(chat_data: dict[Any, Any] | None, answer: Answer, *, append: bool) -> int:
    """Store the answer's context and citations; return the number of its first citation."""
    if chat_data is None:
        return 1
    # Plain dicts, not models, so the pickle survives changes to the model classes.
    chat_data[CONTEXT_KEY] = answer.context.model_dump(mode="json")
    citations: list[dict[str, Any]] = list(chat_data.get(CITATIONS_KEY, [])) if append else []
    first = len(citations) + 1
    citations += [quote.source.model_dump(mode="json") for quote in answer.quotes]
    chat_data[CITATIONS_KEY] = citations
    return first


def more_markup(speaker: str | None, offset: int) -> InlineKeyboardMarkup | None:
    """Return a "More quotes" button paging ``speaker`` from ``offset``, if the data fits."""
    if not speaker:
        return None
    data = f"{MORE_PREFIX}{offset}|{speaker}"
    if len(data.encode("utf-8")) > _CALLBACK_LIMIT:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton("More quotes", callback_data=data)]])


# --- sending ------------------------------------------------------------------------------


async def _typing(update: Update) -> None:
    if update.effective_chat is None:
        return
    # The indicator is a courtesy; failing to show it must not stop the answer.
    with contextlib.suppress(TelegramError):
        await update.effective_chat.send_action(ChatAction.TYPING)


async def _send(
    update: Update,
    messages: Sequence[str],
    *,
    markup: InlineKeyboardMarkup | None = None,
    reply: bool = True,
) -> None:
    """Send messages in order, the first as a reply, the keyboard on the last."""
    chat = update.effective_chat
    if chat is None:
        return
    for index, text in enumerate(messages):
        keyboard = markup if index == len(messages) - 1 else None
        if index == 0 and reply and update.message is not None:
            await update.message.reply_text(text, reply_markup=keyboard)
        else:
            await chat.send_message(text, reply_markup=keyboard)


async def _reply(update: Update, text: str) -> None:
    await _send(update, [text])


async def _run(update: Update, call: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a service call off the event loop, replying to expected failures.

    Returns ``None`` when the call failed and the user has been told why.
    """
    try:
        return await asyncio.to_thread(call, *args, **kwargs)
    except QuestionError as exc:
        await _reply(update, render.escape(str(exc)))
    except IndexUnavailableError:
        logger.warning("the index is unavailable", exc_info=True)
        await _reply(update, UNAVAILABLE)
    return None


# --- questions ----------------------------------------------------------------------------


async def answer_question(update: Update, context: Context, question: str) -> None:
    """Answer one question in this chat, as a follow-up of the chat's last answer."""
    user = update.effective_user
    limited = _rate_limited(context, user.id if user else None)
    if limited:
        await _reply(update, limited)
        return
    await _typing(update)
    deps = deps_of(context)
    answer: Answer | None = await _run(
        update,
        deps.qa.ask,
        question,
        context=_load_context(context.chat_data),
        limit=deps.settings.page_size,
    )
    if answer is None:
        return
    first = _remember(context.chat_data, answer, append=False)
    markup = None
    if answer.found and len(answer.quotes) >= deps.settings.page_size:
        markup = more_markup(answer.speaker, len(answer.quotes))
    await _send(update, render.render_answer(answer, first_number=first), markup=markup)


def _command_argument(message: Message) -> str:
    """Return the text after the command, keeping its line breaks."""
    text = message.text or ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def ask(update: Update, context: Context) -> None:
    """Answer ``/ask <question>``."""
    message = update.message
    if message is None:
        return
    question = _command_argument(message)
    if not question:
        await _reply(update, "Ask a question after the command, e.g. /ask What did Psaki say?")
        return
    await answer_question(update, context, question)


async def private_text(update: Update, context: Context) -> None:
    """Treat plain text in a private chat as a question."""
    if update.message and update.message.text is not None:
        await answer_question(update, context, update.message.text)


async def group_text(update: Update, context: Context) -> None:
    """Answer in groups only when mentioned or replied to; ignore other chatter."""
    message = update.message
    if message is None or message.text is None:
        return
    mentioned = _mentions_bot(message, context)
    if not (mentioned or _replies_to_bot(message, context)):
        return
    question = message.text
    if mentioned:
        handle = re.escape(f"@{context.bot.username}")
        question = re.sub(handle, " ", question, flags=re.IGNORECASE)
    question = " ".join(question.split())
    if not question:
        await _reply(update, "Ask me a question after the mention.")
        return
    await answer_question(update, context, question)


async def quotes(update: Update, context: Context) -> None:
    """Answer ``/quotes <name>`` with the speaker's first page of quotes."""
    message = update.message
    if message is None:
        return
    name = _command_argument(message)
    if not name:
        await _reply(update, "Name a speaker, e.g. /quotes Psaki. /speakers lists them.")
        return
    await _page(update, context, name, offset=0, reply=True)


async def more_quotes(update: Update, context: Context) -> None:
    """Send the next page when "More quotes" is pressed."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    _, _, rest = query.data.partition(MORE_PREFIX)
    offset_text, _, speaker = rest.partition("|")
    if not offset_text.isdigit() or not speaker:
        await query.answer("This button has expired.")
        return
    await query.answer()
    # The old page keeps its quotes but loses its button, so each page is fetched once.
    with contextlib.suppress(TelegramError):
        await query.edit_message_reply_markup(reply_markup=None)
    await _page(update, context, speaker, offset=int(offset_text), reply=False)


async def _page(update: Update, context: Context, name: str, *, offset: int, reply: bool) -> None:
    user = update.effective_user
    limited = _rate_limited(context, user.id if user else None)
    if limited:
        await _send(update, [limited], reply=reply)
        return
    await _typing(update)
    deps = deps_of(context)
    size = deps.settings.page_size
    answer: Answer | None = await _run(update, deps.qa.quotes_by, name, offset=offset, limit=size)
    if answer is None:
        return
    if offset and not answer.quotes:
        await _send(update, [f"No more quotes from {render.escape(name)}."], reply=reply)
        return
    first = _remember(context.chat_data, answer, append=offset > 0)
    markup = None
    if len(answer.quotes) >= size:
        markup = more_markup(answer.speaker or name, offset + len(answer.quotes))
    messages = render.render_answer(answer, first_number=first)
    await _send(update, messages, markup=markup, reply=reply)


# --- commands -----------------------------------------------------------------------------


async def start(update: Update, context: Context) -> None:
    """Say what the bot does, with three example questions from the corpus's real speakers."""
    speakers = await _run(update, deps_of(context).qa.speakers)
    if speakers is None:
        return
    private = update.effective_chat is None or update.effective_chat.type == ChatType.PRIVATE
    await _reply(update, render.render_start(speakers, private=private))


async def help_command(update: Update, context: Context) -> None:
    """List the commands (and the admin ones to admins)."""
    user = update.effective_user
    is_admin = deps_of(context).policy.is_admin(user.id if user else None)
    await _reply(update, render.render_help(is_admin=is_admin))


async def speakers(update: Update, context: Context) -> None:
    """List who is quoted, with counts."""
    found = await _run(update, deps_of(context).qa.speakers)
    if found is not None:
        await _send(update, render.render_speakers(found))


async def sources(update: Update, context: Context) -> None:
    """List the indexed articles."""
    found = await _run(update, deps_of(context).qa.sources)
    if found is not None:
        await _send(update, render.render_sources(found))


async def source(update: Update, context: Context) -> None:
    """Show the full paragraph behind citation ``n`` of the last answer."""
    message = update.message
    if message is None:
        return
    argument = _command_argument(message)
    citations = (context.chat_data or {}).get(CITATIONS_KEY, [])
    if not citations:
        await _reply(update, "There is no answer to cite yet: ask a question first.")
        return
    if not argument.isdigit() or not 1 <= int(argument) <= len(citations):
        await _reply(update, f"Send /source n, with n between 1 and {len(citations)}.")
        return
    number = int(argument)
    try:
        cited = Source.model_validate(citations[number - 1])
    except ValidationError:
        await _reply(update, "That citation is no longer available: ask again.")
        return
    text = await _run(update, deps_of(context).qa.paragraph_text, cited)
    if text == "":
        await _reply(update, "That paragraph is no longer in the index.")
    elif text is not None:
        await _send(update, render.render_paragraph(cited, text, number))


async def unknown_command(update: Update, context: Context) -> None:
    """Point to /help for commands the bot does not know."""
    await _reply(update, "I don't know that command. /help lists what I can do.")


# --- inline mode --------------------------------------------------------------------------


def _result_id(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:32]


async def inline_query(update: Update, context: Context) -> None:
    """Offer quote cards for ``@bot <question>`` in any chat."""
    query = update.inline_query
    if query is None:
        return
    question = query.query.strip()
    if not question:
        await query.answer([], cache_time=0, is_personal=True)
        return
    deps = deps_of(context)
    wait = deps.limiter.acquire(query.from_user.id)
    if wait > 0:
        button = InlineQueryResultsButton(
            text=f"Too many questions: wait {format_wait(wait)}", start_parameter="ratelimited"
        )
        await query.answer([], cache_time=0, is_personal=True, button=button)
        return
    try:
        answer = await asyncio.to_thread(deps.qa.ask, question, limit=deps.settings.page_size)
    except RetrievalError as exc:
        logger.info("inline query not answered: %s", type(exc).__name__)
        await query.answer([], cache_time=0, is_personal=True)
        return
    results = []
    for quote in answer.quotes:
        card = render.render_inline_card(quote)
        if render.telegram_length(card) > render.MESSAGE_LIMIT:
            continue
        speaker = quote.speaker or "From the article"
        results.append(
            InlineQueryResultArticle(
                id=_result_id(quote.source.doc_id, quote.start, quote.end),
                title=f"{speaker}: {quote.text[:60]}",
                description=quote.source.title or quote.source.path,
                input_message_content=InputTextMessageContent(card, parse_mode=ParseMode.HTML),
            )
        )
    await query.answer(results, cache_time=30, is_personal=False)


# --- admin --------------------------------------------------------------------------------


async def add_article(update: Update, context: Context) -> None:
    """Save an admin's document under the corpus directory and ingest it."""
    message = update.message
    user = update.effective_user
    if message is None or message.document is None:
        return
    deps = deps_of(context)
    if not deps.policy.is_admin(user.id if user else None):
        await _reply(update, "Only admins can add articles.")
        return
    document = message.document
    try:
        name = safe_filename(document.file_name or "")
        check_size(document.file_size, deps.settings.max_upload_bytes)
    except UploadRejected as exc:
        await _reply(update, f"Rejected: {render.escape(str(exc))}.")
        return
    status = await message.reply_text(f"Reading <b>{render.escape(name)}</b>…")
    file = await document.get_file()
    data = bytes(await file.download_as_bytearray())
    try:
        check_size(len(data), deps.settings.max_upload_bytes)
        check_text(data)
        text = await _ingest_upload(deps.qa, name, data)
    except UploadRejected as exc:
        text = f"Rejected <b>{render.escape(name)}</b>: {render.escape(str(exc))}."
    await status.edit_text(text)


async def _ingest_upload(service: QAService, name: str, data: bytes) -> str:
    """Write the file, ingest it, and remove it again unless it was ingested.

    Raises:
        UploadRejected: the name is taken or the ingest skipped the file.
    """
    target = service.corpus_dir / name
    try:
        # Exclusive creation: an existing article is never overwritten by an upload.
        with target.open("xb") as handle:
            handle.write(data)
    except FileExistsError as exc:
        raise UploadRejected(f"an article named {name} already exists") from exc
    try:
        summary = await asyncio.to_thread(service.ingest, [target])
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if summary.skipped or summary.added + summary.updated == 0:
        target.unlink(missing_ok=True)
        reason = "; ".join(summary.skipped) or "no article could be read from it"
        raise UploadRejected(reason)
    logger.info("admin upload %s ingested: %d quotes", name, summary.quotes)
    return render.render_ingest(summary, name=name)


async def reload(update: Update, context: Context) -> None:
    """Re-ingest the corpus directory (admins only)."""
    message = update.message
    user = update.effective_user
    if message is None:
        return
    deps = deps_of(context)
    if not deps.policy.is_admin(user.id if user else None):
        await _reply(update, ADMIN_ONLY)
        return
    status = await message.reply_text("Re-ingesting the corpus…")
    summary = await _run(update, deps.qa.ingest, None)
    if summary is not None:
        await status.edit_text(render.render_ingest(summary))


# --- errors -------------------------------------------------------------------------------


async def on_error(update: object, context: Context) -> None:
    """Log the traceback and apologise; the bot carries on with the next update."""
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        await update.effective_chat.send_message(APOLOGY)
    except TelegramError:
        logger.warning("could not send the apology for update %s", update_id)


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Register every handler, the access guard first."""
    message = filters.UpdateType.MESSAGE
    private = filters.ChatType.PRIVATE
    application.add_handler(TypeHandler(Update, guard), group=-1)
    application.add_handlers(
        [
            CommandHandler("start", start),
            CommandHandler("help", help_command),
            CommandHandler("ask", ask),
            CommandHandler("speakers", speakers),
            CommandHandler("quotes", quotes),
            CommandHandler("sources", sources),
            CommandHandler("source", source),
            CommandHandler("reload", reload),
            CallbackQueryHandler(more_quotes, pattern=f"^{re.escape(MORE_PREFIX)}"),
            InlineQueryHandler(inline_query),
            MessageHandler(filters.Document.ALL & private & message, add_article),
            MessageHandler(filters.TEXT & ~filters.COMMAND & private & message, private_text),
            MessageHandler(
                filters.TEXT & ~filters.COMMAND & filters.ChatType.GROUPS & message, group_text
            ),
            MessageHandler(filters.COMMAND & private & message, unknown_command),
        ]
    )
    application.add_error_handler(on_error)
