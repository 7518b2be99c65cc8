"""``whosaid chat``: an interactive terminal chat over the same answer path as the bot."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path
from typing import TextIO

from bot.edge import describe_unexpected
from bot.terminal import echo
from bot.text import counted, render_answer, render_sources, render_speakers
from retrieval import ChatContext, QAService, QuestionError, RetrievalError

logger = logging.getLogger(__name__)

HELP = """Ask who said what, e.g. “Who said tension is growing in Central Asia?”,
“What did Blokhin say about Ukraine?”, then “What else did he say?”.
Commands: /speakers, /sources, /quotes NAME, /new (forget the conversation), /help, /quit."""


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
    try:
        indexed = f"{counted(len(service.sources()), 'article')} indexed. "
    except RetrievalError:  # said again, with its reason, at the first question
        indexed = ""
    echo(f"whosaid: {indexed}{HELP}", file=stdout)
    context = ChatContext()
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
            reply, context = respond(service, line, context)
        except RetrievalError as exc:  # the index is busy or gone: say so, keep chatting
            reply = str(exc)
        except Exception as exc:  # a bug: say so in one line, log it, keep chatting
            logger.error("unexpected error", exc_info=True)
            reply = describe_unexpected(exc)
        echo(reply, file=stdout)
    return 0


def respond(service: QAService, line: str, context: ChatContext) -> tuple[str, ChatContext]:
    """Answer one line of the chat; return the reply and the updated context."""
    if line == "/help":
        return HELP, context
    if line == "/speakers":
        return render_speakers(service.speakers()), context
    if line == "/sources":
        return render_sources(service.sources()), context
    if line == "/new":
        return "Conversation forgotten.", ChatContext()
    if line.startswith("/quotes"):
        name = line.removeprefix("/quotes").strip()
        if not name:
            return "Usage: /quotes NAME", context
        answer = service.quotes_by(name, limit=10)
        return render_answer(answer), answer.context if answer.found else context
    try:
        answer = service.ask(line, context=context)
    except QuestionError as exc:
        return str(exc), context
    return render_answer(answer), answer.context


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
