"""``whosaid chat``: an interactive terminal chat over the same answer path as the bot."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path
from typing import TextIO

from bot.edge import describe_unexpected
from bot.terminal import echo
from bot.text import render_answer, render_sources, render_speakers
from bot.texts import texts
from retrieval import ChatContext, QAService, QuestionError, RetrievalError, question_language

logger = logging.getLogger(__name__)

HELP = texts("en").chat_help


def run_chat(
    service: QAService,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    history: Path | None = None,
) -> int:
    """Read questions until end of input; answer each, keeping the conversation's context."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    if interactive:
        _enable_history(history or service.settings.data_dir / "chat_history")
    words = texts("en")
    try:
        count = words.count(len(service.sources()), words.article_forms)
        indexed = words.chat_greeting.format(articles=count) + " "
    except RetrievalError:  # said again, with its reason, at the first question
        indexed = ""
    echo(f"whosaid: {indexed}{words.chat_help}", file=stdout)
    context = ChatContext()
    language = words.language
    while True:
        try:
            line = input("\nwhosaid> ") if interactive else stdin.readline()
        except EOFError:
            break
        if not interactive and not line:
            break
        line = line.strip()
        if not line:
            continue
        if line in ("/quit", "/exit"):
            break
        try:
            reply, context, language = respond(service, line, context, language)
        except RetrievalError as exc:  # the index is busy or gone: say so, keep chatting
            reply = str(exc)
        except Exception as exc:  # a bug: say so in one line, log it, keep chatting
            logger.error("unexpected error", exc_info=True)
            reply = describe_unexpected(exc)
        echo(reply, file=stdout)
    return 0


def respond(
    service: QAService, line: str, context: ChatContext, language: str = "en"
) -> tuple[str, ChatContext, str]:
    """Answer one line of the chat; return the reply, the updated context and the language
    the chat now speaks: the last question's (a command is answered in it)."""
    words = texts(language)
    if line == "/help":
        return words.chat_help, context, language
    if line == "/speakers":
        return render_speakers(service.speakers(language=language), words), context, language
    if line == "/sources":
        return render_sources(service.sources(), words), context, language
    if line == "/new":
        return words.chat_forgotten, ChatContext(), language
    if line.startswith("/quotes"):
        name = line.removeprefix("/quotes").strip()
        if not name:
            return words.chat_quotes_usage, context, language
        # A name in Cyrillic is asked in Russian; a Latin one keeps the chat's language.
        written = question_language(name)
        language = written if written != "en" else language
        answer = service.quotes_by(name, limit=10, language=language)
        return render_answer(answer), answer.context if answer.found else context, language
    language = question_language(line)  # the question's own language, from now on
    try:
        answer = service.ask(line, context=context, language=language)
    except QuestionError as exc:
        return str(exc), context, language
    return render_answer(answer), answer.context, language


def _enable_history(path: Path) -> None:
    try:
        import readline
    except ImportError:  # not on every platform; the chat works without it
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        readline.read_history_file(path)
    readline.set_history_length(1000)
    import atexit

    atexit.register(_save_history, readline, path)


def _save_history(readline: object, path: Path) -> None:
    with contextlib.suppress(OSError):
        readline.write_history_file(path)  # type: ignore[attr-defined]
