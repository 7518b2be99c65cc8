"""Telegram handlers: questions, commands, paging, inline mode and admin uploads.

Every update first passes :func:`bot.telegram.guard.guard` (group -1): access, admin rights,
button data and the rate limit are decided there, once, and fail closed. Handlers translate
the service's errors (:class:`retrieval.RetrievalError`) into one short reply; anything
unexpected reaches :func:`on_error`, which logs the traceback and apologises. Answering is
CPU-bound, so every service call runs in a worker thread (:func:`asyncio.to_thread`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError
from telegram import (
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import RetryAfter, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.telegram import render
from bot.telegram.access import format_wait
from bot.telegram.buttons import MORE_PREFIX, more_markup, parse_more
from bot.telegram.check import answer_markup, send_history
from bot.telegram.deps import Context, deps_of
from bot.telegram.follow import deliver
from bot.telegram.guard import ADMIN_ONLY, REFUSAL, guard, is_allowed, mentions_bot, replies_to_bot
from bot.telegram.locale import words_for
from bot.telegram.options import SCOPE_KEY, split_scope_options
from bot.telegram.progress import Progress
from bot.telegram.uploads import (
    UploadRejected,
    check_size,
    check_text,
    safe_filename,
    upload_path,
)
from bot.texts import Texts, texts
from bot.visible import visible
from retrieval import Answer, ChatContext, QAService, QuestionError, RetrievalError, Source

logger = logging.getLogger(__name__)

__all__ = ["ADMIN_ONLY", "APOLOGY", "REFUSAL", "UNAVAILABLE", "add_handlers", "on_error"]

CONTEXT_KEY = "context"
CITATIONS_KEY = "citations"

UNAVAILABLE = texts("en").unavailable
APOLOGY = texts("en").apology
# How long Telegram may keep an open bot's inline results, for the user who asked only.
INLINE_CACHE_SECONDS = 30
# A service error's message is shown as it is, on one line and no longer than this.
_ERROR_CHARS = 300
# /sources and /speakers send at most this many messages per request (the rest is counted),
# so one request cannot spend the bot's shared send budget on a long list.
LIST_MESSAGES = 3


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


def error_text(exc: RetrievalError, words: Texts | None = None) -> str:
    """Return the one short reply for a service error: its own message, escaped and bounded.

    A question's fault is told in the user's language (the service words it so); a failure
    of the index is told in its own words in English, and as "unavailable" in another.
    """
    words = words or texts("en")
    if not isinstance(exc, QuestionError):
        logger.warning("the service failed: %s", exc, exc_info=exc.__cause__ is not None)
        if words.language != "en":
            return render.escape(words.unavailable)
    line = " ".join(str(exc).split())
    if not line:
        return render.escape(words.unavailable)
    if len(line) > _ERROR_CHARS:
        line = line[: _ERROR_CHARS - 1] + "…"
    return render.escape(line)


async def _run(update: Update, call: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a service call off the event loop, replying to the service's own errors.

    Returns ``None`` when the call failed and the user has been told why.
    """
    try:
        return await asyncio.to_thread(call, *args, **kwargs)
    except RetrievalError as exc:
        await _reply(update, error_text(exc, words_for(update)))
    return None


# --- questions ----------------------------------------------------------------------------


async def answer_question(update: Update, context: Context, question: str) -> None:
    """Answer one question in this chat, as a follow-up of the chat's last answer."""
    await _typing(update)
    deps = deps_of(context)
    words = words_for(update, question)
    answer: Answer | None = await _run(
        update,
        deps.qa.ask,
        question,
        context=_load_context(context.chat_data),
        limit=deps.settings.page_size,
        language=words.language,
    )
    if answer is None:
        return
    first = _remember(context.chat_data, answer, append=False)
    markup = None
    if answer.found and len(answer.quotes) >= deps.settings.page_size:
        markup = more_markup(answer.speaker, len(answer.quotes), label=words.more_quotes)
    # Copy citation, Wrong speaker?, 👍/👎 (bot.telegram.check), then "More quotes".
    markup = answer_markup(update, context, answer, first_number=first, more=markup)
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
        await _reply(update, render.escape(words_for(update).ask_usage))
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
    mentioned = mentions_bot(message, context)
    if not (mentioned or replies_to_bot(message, context)):
        return
    question = message.text
    if mentioned:
        handle = re.escape(f"@{context.bot.username}")
        question = re.sub(handle, " ", question, flags=re.IGNORECASE)
    question = " ".join(question.split())
    if not question:
        await _reply(update, render.escape(words_for(update).mention_empty))
        return
    await answer_question(update, context, question)


async def quotes(update: Update, context: Context) -> None:
    """Answer ``/quotes <name>`` with the speaker's first page of quotes."""
    message = update.message
    if message is None:
        return
    name, options = split_scope_options(_command_argument(message))
    if not name:
        await _reply(update, render.escape(words_for(update).quotes_usage))
        return
    if context.chat_data is not None:
        # "More quotes" pages within the same dates and outlets.
        context.chat_data[SCOPE_KEY] = {"speaker": name, **options} if options else None
    await _page(update, context, name, offset=0, reply=True, options=options)


async def more_quotes(update: Update, context: Context) -> None:
    """Send the next page when "More quotes" is pressed."""
    query = update.callback_query
    # The guard has already refused data this bot never made.
    press = parse_more(query.data) if query is not None else None
    if query is None or press is None:
        return
    await query.answer()
    # The old page keeps its quotes but loses its button, so each page is fetched once.
    with contextlib.suppress(TelegramError):
        await query.edit_message_reply_markup(reply_markup=None)
    stored = (context.chat_data or {}).get(SCOPE_KEY) or {}
    options = {k: v for k, v in stored.items() if k != "speaker"}
    if stored.get("speaker") not in (None, press.speaker):
        options = {}
    await _page(update, context, press.speaker, offset=press.offset, reply=False, options=options)


async def _page(
    update: Update,
    context: Context,
    name: str,
    *,
    offset: int,
    reply: bool,
    options: dict[str, str] | None = None,
) -> None:
    await _typing(update)
    deps = deps_of(context)
    words = words_for(update, name)
    size = deps.settings.page_size
    scoped: dict[str, Any] = {"language": words.language}
    if options:
        scoped["scope"] = await _run(update, deps.qa.scope, **options)
        if scoped["scope"] is None:
            return
    answer: Answer | None = await _run(
        update, deps.qa.quotes_by, name, offset=offset, limit=size, **scoped
    )
    if answer is None:
        return
    if offset and not answer.quotes:
        text = render.escape(words.no_more_quotes.format(name=name))
        await _send(update, [text], reply=reply)
        return
    first = _remember(context.chat_data, answer, append=offset > 0)
    markup = None
    if len(answer.quotes) >= size:
        markup = more_markup(
            answer.speaker or name, offset + len(answer.quotes), label=words.more_quotes
        )
    markup = answer_markup(update, context, answer, first_number=first, more=markup, vote=False)
    messages = render.render_answer(answer, first_number=first)
    await _send(update, messages, markup=markup, reply=reply)


# --- commands -----------------------------------------------------------------------------


async def start(update: Update, context: Context) -> None:
    """Say what the bot does, with three example questions from the corpus's real speakers."""
    words = words_for(update)
    speakers = await _run(update, deps_of(context).qa.speakers, language=words.language)
    if speakers is None:
        return
    private = update.effective_chat is None or update.effective_chat.type == ChatType.PRIVATE
    await _reply(update, render.render_start(speakers, private=private, words=words))


async def help_command(update: Update, context: Context) -> None:
    """List the commands (and the admin ones to admins)."""
    user = update.effective_user
    is_admin = deps_of(context).policy.is_admin(user.id if user else None)
    await _reply(update, render.render_help(is_admin=is_admin, words=words_for(update)))


async def speakers(update: Update, context: Context) -> None:
    """List who is quoted, with counts: ``/speakers [n]`` pages, ``/speakers <name>`` filters."""
    message = update.message
    if message is None:
        return
    argument = _command_argument(message)
    number = _number(argument)
    words = words_for(update)
    found = await _run(update, deps_of(context).qa.speakers, language=words.language)
    if found is None:
        return
    if argument and number is None:
        wanted = argument.casefold()
        # By any of the names, in either script ("/speakers Песков" finds Dmitry Peskov).
        found = [s for s in found if any(wanted in n.casefold() for n in (s.name, *s.aliases))]
        if not found:
            shown = render.clip(argument, 200)
            await _reply(update, words.nobody_named_like.format(name=shown))
            return
    page = render.Page(number or 1, LIST_MESSAGES, "/speakers")
    await _send(update, render.render_speakers(found, page=page, words=words))


async def sources(update: Update, context: Context) -> None:
    """List the indexed articles, newest first: ``/sources [n]`` for page n."""
    message = update.message
    if message is None:
        return
    argument = _command_argument(message)
    number = _number(argument)
    words = words_for(update)
    if argument and number is None:
        await _reply(update, render.escape(words.sources_usage))
        return
    found = await _run(update, deps_of(context).qa.sources)
    if found is not None:
        page = render.Page(number or 1, LIST_MESSAGES, "/sources")
        await _send(update, render.render_sources(found, page=page, words=words))


def _number(argument: str) -> int | None:
    """Return a command's argument as a number (a page, a citation), or None if it isn't one."""
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    return int(argument) if re.fullmatch(r"[0-9]{1,9}", argument) else None


async def source(update: Update, context: Context) -> None:
    """Show the full paragraph behind citation ``n`` of the last answer."""
    message = update.message
    if message is None:
        return
    argument = _command_argument(message)
    citations = (context.chat_data or {}).get(CITATIONS_KEY, [])
    words = words_for(update)
    if not citations:
        await _reply(update, render.escape(words.no_answer_to_cite))
        return
    number = _number(argument) or 0
    if not 1 <= number <= len(citations):
        await _reply(update, render.escape(words.source_usage.format(count=len(citations))))
        return
    try:
        cited = Source.model_validate(citations[number - 1])
    except ValidationError:
        await _reply(update, render.escape(words.citation_gone))
        return
    text = await _run(update, deps_of(context).qa.paragraph_text, cited)
    if text == "":
        await _reply(update, render.escape(words.paragraph_gone))
    elif text is not None:
        await _send(update, render.render_paragraph(cited, text, number))
        await send_history(update, context, number)  # every printing of that quote


async def unknown_command(update: Update, context: Context) -> None:
    """Point to /help for commands the bot does not know."""
    await _reply(update, render.escape(words_for(update).unknown_command))


# --- inline mode --------------------------------------------------------------------------


async def _settled(user_id: int, query_id: str, latest: dict[int, str], delay: float) -> bool:
    """Wait ``delay``; return whether this is still the user's newest inline query.

    Clients send a query for every letter typed; only the one the user stops at is answered
    and counted against the question budget. Telegram discards answers to superseded queries.
    """
    latest[user_id] = query_id
    if delay > 0:
        await asyncio.sleep(delay)
    if latest.get(user_id) != query_id:
        return False
    del latest[user_id]
    return True


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
    if not await _settled(query.from_user.id, query.id, deps.inline_latest, deps.inline_debounce):
        return
    words = words_for(update, question)
    wait = deps.limiter.acquire(query.from_user.id)
    if wait > 0:
        button = InlineQueryResultsButton(
            text=words.too_many_inline.format(wait=format_wait(wait, words)),
            start_parameter="ratelimited",
        )
        await query.answer([], cache_time=0, is_personal=True, button=button)
        return
    try:
        answer = await asyncio.to_thread(
            deps.qa.ask, question, limit=deps.settings.page_size, language=words.language
        )
    except RetrievalError as exc:
        logger.info("inline query not answered: %s", type(exc).__name__)
        await query.answer([], cache_time=0, is_personal=True)
        return
    results = []
    for quote in answer.quotes:
        card = render.render_inline_card(quote, words=words)
        if render.telegram_length(card) > render.MESSAGE_LIMIT:
            continue
        speaker = quote.speaker or words.from_the_article
        results.append(
            InlineQueryResultArticle(
                id=_result_id(quote.source.doc_id, quote.start, quote.end),
                title=visible(f"{speaker}: {quote.text[:60]}"),
                description=visible(quote.source.title or quote.source.path),
                input_message_content=InputTextMessageContent(card, parse_mode=ParseMode.HTML),
            )
        )
    # Telegram may serve cached results to whoever types the same query, without the update
    # ever reaching this bot's gate: results are cached for their asker only, and a private
    # bot's not at all (a user taken off the list must not keep getting them).
    private = bool(deps.policy.allowed_users or deps.policy.allowed_chats)
    await query.answer(
        results, cache_time=0 if private else INLINE_CACHE_SECONDS, is_personal=True
    )


# --- admin --------------------------------------------------------------------------------


async def add_article(update: Update, context: Context) -> None:
    """Save an admin's document under the corpus directory and ingest it (admins only).

    The status message "Reading …" always ends up saying what happened to the file.
    """
    message = update.message
    if message is None or message.document is None:
        return
    deps = deps_of(context)
    document = message.document
    words = words_for(update)
    try:
        name = safe_filename(document.file_name or "")
        check_size(document.file_size, deps.settings.max_upload_bytes)
    except UploadRejected as exc:
        await _reply(update, words.rejected.format(reason=render.escape(str(exc))))
        return
    shown = f"<b>{render.escape(name)}</b>"
    status = await message.reply_text(words.reading.format(name=shown))
    try:
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray())
        check_size(len(data), deps.settings.max_upload_bytes)
        check_text(data)
        progress = Progress(status)
        text = await _ingest_upload(deps.qa, name, data, progress.articles(shown), words)
    except UploadRejected as exc:
        text = words.rejected_file.format(name=shown, reason=render.escape(str(exc)))
    except RetrievalError as exc:
        text = words.could_not_add.format(name=shown, reason=error_text(exc, words))
    except TelegramError as exc:
        logger.warning("could not download an upload: %s", exc)
        text = words.could_not_download.format(name=shown)
    except OSError as exc:
        logger.warning("could not save an upload: %s", exc)
        reason = render.escape(exc.strerror or type(exc).__name__)
        text = words.could_not_save.format(name=shown, reason=reason)
    except Exception:
        logger.exception("adding an upload failed")
        text = words.add_failed.format(name=shown)
    await status.edit_text(text)
    await deliver(context.application)  # /follow alerts for what the upload added


async def _ingest_upload(
    service: QAService,
    name: str,
    data: bytes,
    on_article: Callable[[int], None],
    words: Texts,
) -> str:
    """Write the file, ingest it, and remove it again unless it was ingested.

    Raises:
        UploadRejected: the name is taken or the ingest skipped the file.
    """
    target = upload_path(service.corpus_dir, name, data)
    if target.parent != service.corpus_dir and service.corpus_dir.is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)  # an export's own folder
    try:
        # Exclusive creation: an existing article is never overwritten by an upload.
        with target.open("xb") as handle:
            handle.write(data)
    except FileExistsError as exc:
        raise UploadRejected(f"an article named {name} already exists") from exc
    try:
        summary = await asyncio.to_thread(service.ingest, [target], on_article=on_article)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if summary.skipped or summary.added + summary.updated == 0:
        target.unlink(missing_ok=True)
        reason = "; ".join(summary.skipped) or "no article could be read from it"
        raise UploadRejected(reason)
    logger.info("admin upload %s ingested: %d quotes", name, summary.quotes)
    return render.render_ingest(summary, name=name, words=words)


async def reload(update: Update, context: Context) -> None:
    """Re-ingest the corpus directory (admins only); the status message ends with the outcome."""
    message = update.message
    if message is None:
        return
    deps = deps_of(context)
    words = words_for(update)
    status = await message.reply_text(render.escape(words.reingesting))
    try:
        summary = await asyncio.to_thread(deps.qa.ingest, None)
    except RetrievalError as exc:
        await status.edit_text(words.reingest_failed.format(reason=error_text(exc, words)))
    except Exception:
        logger.exception("re-ingesting failed")
        await status.edit_text(render.escape(words.reingest_failed_bug))
    else:
        await status.edit_text(render.render_ingest(summary, words=words))
        await deliver(context.application)


# --- errors -------------------------------------------------------------------------------


async def on_error(update: object, context: Context) -> None:
    """Log the traceback and apologise; the bot carries on with the next update.

    A chat the user may not use never gets the apology (nor anything else).
    """
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, RetryAfter):
        # Flood control holds this chat past the wait allowed (bot.telegram.flood logged the
        # hold and the message not sent): a failure we know, not a bug, and an apology to
        # the held chat would be held as well.
        logger.warning(
            "update %s not answered: Telegram's flood control holds its chat", update_id
        )
        return
    logger.error("error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if not is_allowed(update, deps_of(context)):
        return
    try:
        await update.effective_chat.send_message(render.escape(words_for(update).apology))
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
