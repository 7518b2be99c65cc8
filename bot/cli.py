"""The ``whosaid`` command: ingest, ask, chat, quotes, speakers, sources, eval, bot.

Exit status: 0 success; 1 an error (index unreachable, busy or damaged, model missing, bad
eval file, unusable question…); 2 bad usage or invalid settings; 3 the command finished but
skipped some input files (each one named on stderr); 130 interrupted. ``whosaid bot`` has its
own start-up codes (:mod:`bot.telegram.launcher`). Every error is one line on stderr: never a
traceback (``-v`` logs it) and never a secret.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from bot.edge import describe_settings_error, describe_unexpected, one_line
from bot.logs import configure_logging, hide
from bot.newsin import add_ingest_options, describe_exports
from bot.newsin import add_parsers as add_newsin_parsers
from bot.terminal import echo, echo_json
from bot.text import counted
from bot.verify import add_parsers as add_verify_parsers
from bot.verify import quote_json

if TYPE_CHECKING:
    from retrieval import Answer, IndexService, RetrievalSettings

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
# The two index states a user recovers from differently: wait and retry, or rebuild.
EXIT_BUSY, EXIT_DAMAGED = 5, 6

logger = logging.getLogger(__name__)


def _status_of(exc: Exception) -> int:
    """Return the exit status of a service error: busy and damaged indexes have their own."""
    from retrieval import IndexBusyError, IndexDamagedError

    if isinstance(exc, IndexBusyError):
        return EXIT_BUSY
    if isinstance(exc, IndexDamagedError):
        return EXIT_DAMAGED
    return EXIT_ERROR


class SettingsProblem(Exception):
    """The settings (environment or .env) are invalid; ``str()`` names them, not their values."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    # The bot reports its start-up (INFO); the other commands speak only when something fails.
    configure_logging(args.verbose, default=logging.INFO if args.run is _bot else logging.WARNING)
    _quiet_model_loading()
    from retrieval import RetrievalError

    try:
        return int(args.run(args))
    except RetrievalError as exc:
        _error(str(exc))
        return _status_of(exc)
    except SettingsProblem as exc:
        _error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:
        # A bug: one line for the user; its traceback only with -v (the bot logs at INFO
        # by default, and a traceback there would break "one line, never a traceback").
        if args.verbose:
            logger.error("unexpected error", exc_info=True)
        _error(describe_unexpected(exc))
        return EXIT_ERROR


def _error(message: str) -> None:
    echo(f"whosaid: {one_line(message)}", file=sys.stderr)


def _count(text: str) -> int:
    """Parse a count of at least one (argparse ``type``)."""
    value = int(text) if text.strip().isascii() and text.strip().isdecimal() else 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="whosaid", description="Who said what, with verbatim quotes and their sources."
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="index article files (default: the corpus directory)")
    p.add_argument("paths", nargs="*", type=Path, help="files or directories")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--rebuild", action="store_true", help="delete the index and rebuild it")
    add_ingest_options(p)
    p.set_defaults(run=_ingest)

    p = sub.add_parser("ask", help="answer questions")
    p.add_argument("question", nargs="+", help="one question per argument")
    p.add_argument("--json", action="store_true", help="one JSON object per question")
    p.add_argument("-n", "--limit", type=_count, default=None, help="quotes per answer (≥ 1)")
    p.add_argument("--since", metavar="DATE", help="only articles dated from DATE (2022-01-31)")
    p.add_argument("--until", metavar="DATE", help="only articles dated up to DATE")
    p.add_argument("--outlet", metavar="NAME", help="only articles from this outlet or @channel")
    p.set_defaults(run=_ask)

    p = sub.add_parser("chat", help="interactive chat in the terminal")
    p.set_defaults(run=_chat)

    p = sub.add_parser("quotes", help="run the quote engine on files (no index needed)")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--json", action="store_true", help="JSON Lines (the engine's contract)")
    p.set_defaults(run=_quotes)

    p = sub.add_parser("speakers", help="who is quoted, how often, with roles")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_speakers)

    p = sub.add_parser("sources", help="the indexed articles")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_sources)

    p = sub.add_parser("eval", help="run a question file and print quality metrics")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="print metrics as JSON")
    p.set_defaults(run=_eval)

    p = sub.add_parser("bot", help="run the Telegram bot")
    p.set_defaults(run=_bot)
    add_newsin_parsers(sub, _service, _settings)
    add_verify_parsers(sub, _service, _settings)
    return parser


def _quiet_model_loading() -> None:
    # Model loading prints progress bars and hub chatter; the user asked a question.
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _settings() -> RetrievalSettings:
    from retrieval import RetrievalSettings

    try:
        settings = RetrievalSettings()
    except ValidationError as exc:
        raise SettingsProblem(describe_settings_error(exc, "WHOSAID_")) from None
    hide(*settings.secret_values())
    return settings


def _service(*, rebuild: bool = False) -> IndexService:
    from retrieval import open_service

    return open_service(_settings(), rebuild=rebuild)


def _ingest(args: argparse.Namespace) -> int:
    service = _service(rebuild=args.rebuild)
    try:
        for line in describe_exports(args, service):
            echo(line, file=sys.stderr)
    except ValueError as exc:
        _error(str(exc))
        return EXIT_USAGE
    summary = service.ingest(args.paths or None, progress=not args.no_progress)
    for line in summary.skipped:
        echo(f"skipped {line}", file=sys.stderr)
    echo(
        f"added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
        f"removed {summary.removed}, skipped {len(summary.skipped)} "
        f"({counted(summary.quotes, 'quote')} from {counted(summary.speakers, 'speaker')} "
        "in new or changed articles)"
    )
    return EXIT_SKIPPED if summary.skipped else EXIT_OK


def _ask(args: argparse.Namespace) -> int:
    from bot.text import render_answer
    from retrieval import QuestionError

    service = _service()
    try:
        scope = service.scope(since=args.since, until=args.until, outlet=args.outlet)
    except QuestionError as exc:
        _error(str(exc))
        return EXIT_USAGE
    status = EXIT_OK
    for question in args.question:
        try:
            answer = service.ask(question, limit=args.limit, scope=scope)
        except QuestionError as exc:
            _error(str(exc))
            status = EXIT_ERROR
            continue
        if args.json:
            echo_json(_answer_json(answer))
        else:
            echo(render_answer(answer))
            echo()
    return status


def _answer_json(answer: Answer) -> dict[str, object]:
    return {
        "question": answer.question,
        "found": answer.found,
        "answer": answer.answer,
        "quotes": [quote_json(q) for q in answer.quotes],
    }


def _chat(args: argparse.Namespace) -> int:
    from bot.chat import run_chat

    echo("Loading the model and the index…", file=sys.stderr)
    service = _service()
    return run_chat(service)


def _quotes(args: argparse.Namespace) -> int:
    from retrieval import quotes_in_files

    skipped: list[str] = []
    for record in quotes_in_files(args.paths, skipped=skipped):
        if args.json:
            echo_json(record)
        else:
            who = record["speaker"] or "?"
            echo(
                f"{record['path']} ¶{record['paragraph']} {who} ({record['kind']}): "
                f"“{record['text']}”"
            )
    for line in skipped:
        echo(f"skipped {line}", file=sys.stderr)
    return EXIT_SKIPPED if skipped else EXIT_OK


def _speakers(args: argparse.Namespace) -> int:
    from bot.text import render_speakers

    service = _service()
    speakers = service.speakers()
    if args.json:
        for s in speakers:
            echo_json(s.model_dump_json())
    else:
        echo(render_speakers(speakers))
    return EXIT_OK


def _sources(args: argparse.Namespace) -> int:
    from bot.text import render_sources

    service = _service()
    sources = service.sources()
    if args.json:
        for s in sources:
            echo_json(s.model_dump_json())
    else:
        echo(render_sources(sources))
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from retrieval import load_questions, run_eval

    try:
        items = load_questions(args.file)
    except (OSError, ValueError) as exc:
        _error(f"cannot read {args.file}: {exc}")
        return EXIT_ERROR
    service = _service()
    report = run_eval(service, items)
    metrics = report.metrics()
    if args.json:
        echo_json(metrics)
        return EXIT_OK
    for item in report.items:
        mark = "ok  " if item.passed else "FAIL"
        first = item.answer.quotes[0].speaker if item.answer.quotes else "-"
        echo(f"{mark} {item.id:28} {first or '-':24} {item.latency_ms:7.1f} ms")
    echo()
    echo(f"speaker accuracy     {metrics['speaker_accuracy']:.1f}%")
    echo(f"quote containment    {metrics['quote_containment']:.1f}%")
    echo(f"verbatim             {metrics['verbatim_rate']:.1f}%")
    echo(f"correct not found    {metrics['not_found_correct']:.1f}%")
    p50, p95 = metrics["latency_p50_ms"], metrics["latency_p95_ms"]
    echo(f"latency p50 / p95    {p50:.1f} / {p95:.1f} ms")
    echo(f"passed               {metrics['passed']}/{metrics['questions']}")
    return EXIT_OK


def _bot(args: argparse.Namespace) -> int:
    from bot.telegram import run

    return int(run())


if __name__ == "__main__":
    sys.exit(main())
