"""The command line's quote verifier: ``whosaid check``, ``whosaid corrections``, ``whosaid
feedback``.

Kept apart from :mod:`bot.cli`, which registers them (:func:`add_parsers`) and runs them like
its other commands: errors on stderr, an exit status (0 whatever the verdicts; 1 for an unusable
text or an unreadable index, as for ``ask``; 2 for bad options).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.terminal import echo, echo_json

if TYPE_CHECKING:
    from retrieval import IndexService, QuoteResult, RetrievalSettings, Verdict

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
_WIDTH = 88
_LABELS = {
    "verbatim": "VERBATIM",
    "altered": "ALTERED",
    "misattributed": "MISATTRIBUTED",
    "not_found": "NOT IN THE CORPUS",
}


def add_parsers(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    service: Callable[[], IndexService],
    settings: Callable[[], RetrievalSettings],
) -> None:
    """Register ``check``, ``corrections`` and ``feedback`` on the command line's subparsers."""
    p = sub.add_parser("check", help="check quotes against the corpus: verbatim, altered, …")
    p.add_argument(
        "text",
        nargs="+",
        help="a quote, or a text quoting people (“…” — Name); each argument is checked",
    )
    p.add_argument("--speaker", metavar="NAME", help="who the words are said to be by")
    p.add_argument("--json", action="store_true", help="one JSON object per claim")
    p.add_argument("--history", action="store_true", help="every printing of the quote")
    p.add_argument("--since", metavar="DATE", help="only articles dated from DATE")
    p.add_argument("--until", metavar="DATE", help="only articles dated up to DATE")
    p.add_argument("--outlet", metavar="NAME", help="only articles from this outlet")
    p.set_defaults(run=lambda args: _check(args, service()))

    p = sub.add_parser("corrections", help="corrected speakers: list, add, merge, undo")
    p.add_argument("--json", action="store_true", help="one JSON object per correction")
    p.set_defaults(run=lambda args: _corrections(args, service()))
    actions = p.add_subparsers(metavar="ACTION")
    q = actions.add_parser("add", help="correct who said a quote (its id: check/ask --json)")
    q.add_argument("quote_id", metavar="QUOTE_ID", help="q_… as --json prints it")
    who = q.add_mutually_exclusive_group(required=True)
    who.add_argument("--speaker", metavar="NAME", help="the person who said it")
    who.add_argument("--anonymous", action="store_true", help="an unnamed source said it")
    who.add_argument("--document", action="store_true", help="a document says it")
    q.add_argument("--by", default="cli", help="who makes the correction (for the audit)")
    q.set_defaults(run=lambda args: _correct(args, service()))
    q = actions.add_parser("merge", help="two names of one person: NAME --into NAME")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--into", metavar="NAME", required=True, help="the name to keep")
    q.add_argument("--by", default="cli", help="who makes the correction (for the audit)")
    q.set_defaults(run=lambda args: _merge(args, service()))
    q = actions.add_parser("undo", help="undo a correction (it stays in the file, marked undone)")
    q.add_argument("id", metavar="ID")
    q.add_argument("--by", default="cli", help="who undoes it (for the audit)")
    q.set_defaults(run=lambda args: _undo(args, service()))
    q = actions.add_parser("questions", help="write the corrections as a whosaid eval file")
    q.set_defaults(run=lambda args: _questions(args, service()))

    p = sub.add_parser("feedback", help="thumbs up and down on the bot's answers, for review")
    p.add_argument("--json", action="store_true", help="one JSON object per vote")
    p.add_argument("--down", action="store_true", help="only the thumbs-down")
    p.set_defaults(run=lambda args: _feedback(args, settings()))


def quote_json(quote: QuoteResult) -> dict[str, object]:
    """Return a quote as ``whosaid ask --json`` prints it."""
    from retrieval import quote_id

    return {
        "id": quote_id(quote),
        "speaker": quote.speaker,
        "role": quote.role,
        "text": quote.text,
        "kind": quote.kind,
        "source": quote.source.model_dump(
            include={"doc_id", "title", "date", "url", "path", "paragraph"}
        ),
    }


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    """Return a verdict as ``whosaid check --json`` prints it (one object per claim)."""
    out: dict[str, Any] = {
        "claim": verdict.claim,
        "speaker": verdict.speaker,
        "verdict": verdict.verdict,
        "explanation": verdict.explanation,
        "quotes": [quote_json(q) for q in verdict.quotes],
    }
    if verdict.verdict == "altered":
        out["diff"] = verdict.diff
        out["changes"] = verdict.changes
        out["changed"] = verdict.changed
    if verdict.verdict == "misattributed":
        out["real_speaker"] = verdict.real_speaker
        out["reason"] = verdict.reason
    if verdict.first is not None:
        out["first"] = verdict.first.model_dump(mode="json")
    if verdict.history:
        out["history"] = [c.model_dump(mode="json") for c in verdict.history]
    out["searched"] = verdict.searched.model_dump(mode="json", exclude_none=True)
    return out


def render_verdict(verdict: Verdict) -> str:
    """Render a verdict for the terminal: the label, the sentence, the proof."""
    from bot.text import render_source

    lines = [f"{_LABELS[verdict.verdict]}: “{verdict.claim}”"]
    if verdict.speaker:
        lines[0] += f" — {verdict.speaker}"
    lines.append(_wrap(verdict.explanation, ""))
    if verdict.diff:
        lines.append("")
        lines.append("  diff (~~removed~~ **added**):")
        lines.append(_wrap(verdict.diff, "    "))
    for n, quote in enumerate(verdict.quotes, start=1):
        lines.append("")
        who = quote.speaker or quote.role or "unnamed"
        label = "the real quote" if n == 1 else "also close"
        lines.append(f"  [{n}] {label}: {who} ({quote.kind})")
        shown = quote.text if quote.kind in ("reported", "passage") else f"“{quote.text}”"
        lines.append(_wrap(shown, "    "))
        lines.append(f"    — {render_source(quote)}")
    if verdict.history:
        lines.append("")
        count = len(verdict.history)
        lines.append(
            "  history: printed once in the corpus"
            if count == 1
            else f"  history: printed in {count} articles, earliest first"
        )
        for copy in verdict.history:
            source = copy.source
            where = ", ".join(
                p for p in (source.outlet or source.title, source.date, source.url) if p
            )
            notes = []
            if copy.diff:
                notes.append(f"wording: {copy.diff}")
            if copy.speaker_changed:
                notes.append(f"speaker changed to {copy.speaker or 'nobody named'}")
            lines.append(_wrap(f"- {where}" + (f" ({'; '.join(notes)})" if notes else ""), "    "))
    return "\n".join(lines)


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent)


def _check(args: argparse.Namespace, service: IndexService) -> int:
    from retrieval import QuestionError

    try:
        scope = service.scope(since=args.since, until=args.until, outlet=args.outlet)
    except QuestionError as exc:
        echo(f"whosaid: {exc}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    for text in args.text:
        try:
            verdicts = service.check(text, speaker=args.speaker, history=args.history, scope=scope)
        except QuestionError as exc:
            echo(f"whosaid: {exc}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        for verdict in verdicts:
            if args.json:
                echo_json(verdict_json(verdict))
            else:
                echo(render_verdict(verdict))
                echo()
    return status


def _corrections(args: argparse.Namespace, service: IndexService) -> int:
    from retrieval import list_corrections

    found = list_corrections(service)
    if args.json:
        for info in found:
            echo_json(info.model_dump(mode="json"))
        return EXIT_OK
    if not found:
        echo("No corrections yet. Make one with “Wrong speaker?” in the bot, or:")
        echo("  whosaid corrections add QUOTE_ID --speaker NAME")
        return EXIT_OK
    for info in found:
        state = {
            "applied": f"applied to {info.rows} piece{'s' if info.rows != 1 else ''}"
            if info.what != "merge"
            else "applied",
            "stale": "stale: the quote is no longer in the corpus as it was",
            "undone": f"undone by {info.undone_by} at {info.undone_at}",
        }[info.status]
        echo(f"{info.id}  {info.at}  {info.by}  {info.what}: {info.description}  ({state})")
    return EXIT_OK


def _correct(args: argparse.Namespace, service: IndexService) -> int:
    from retrieval import correct, parse_option

    what = "anonymous" if args.anonymous else "document" if args.document else "speaker"
    info = correct(service, args.quote_id, parse_option(what, args.speaker), by=args.by)
    echo(f"{info.id}: {info.description}")
    return EXIT_OK


def _merge(args: argparse.Namespace, service: IndexService) -> int:
    from retrieval import merge_names

    info = merge_names(service, args.name, args.into, by=args.by)
    echo(f"{info.id}: {info.description}")
    return EXIT_OK


def _undo(args: argparse.Namespace, service: IndexService) -> int:
    from retrieval import undo

    info = undo(service, args.id, by=args.by)
    echo(f"{info.id} undone: {info.description}")
    return EXIT_OK


def _questions(args: argparse.Namespace, service: IndexService) -> int:
    from retrieval import questions_file

    path = questions_file(service)
    echo(f"{path}  (run it: whosaid eval {path})")
    return EXIT_OK


def _feedback(args: argparse.Namespace, settings: RetrievalSettings) -> int:
    from retrieval import read_feedback

    votes = [v for v in read_feedback(settings.data_dir) if not args.down or v.vote == "down"]
    if args.json:
        for vote in votes:
            echo_json(vote.model_dump(mode="json"))
        return EXIT_OK
    if not votes:
        echo("No feedback yet: the bot's 👍/👎 under answers are recorded here.")
        return EXIT_OK
    for vote in votes:
        mark = "👍" if vote.vote == "up" else "👎"
        first = vote.quotes[0] if vote.quotes else None
        shown = f" → {first.speaker or 'unnamed'} ({first.source})" if first else ""
        echo(f"{vote.at} {mark} {vote.by}: {vote.question}{shown}")
    return EXIT_OK
