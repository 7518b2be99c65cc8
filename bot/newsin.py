"""The command line's news-in commands: ``whosaid add URL...`` and ``whosaid feeds ...``.

Kept apart from :mod:`bot.cli`, which registers them (:func:`add_parsers`) and runs them
like its other commands: one line per outcome, the errors on stderr, an exit status.

- ``add``: 0 when every link was added; 1 when any was refused or failed (each line says
  why, and a refusal names the setting that allows it); the index's own failures as for
  ``ingest`` (5 busy, 6 damaged).
- ``feeds poll``: 0 when every feed was polled, 3 when some failed (each named).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.terminal import echo

if TYPE_CHECKING:
    from retrieval import Progress, QAService, RetrievalSettings

EXIT_OK, EXIT_ERROR, EXIT_SOME_FAILED = 0, 1, 3


def add_parsers(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    service: Callable[[], QAService],
    settings: Callable[[], RetrievalSettings],
) -> None:
    """Register ``add`` and ``feeds`` on the command line's subparsers.

    ``feeds add/list/remove`` read the settings only: no model is loaded to edit a list.
    """
    p = sub.add_parser("add", help="fetch web pages and index them as articles")
    p.add_argument("urls", nargs="+", metavar="URL", help="http(s) links to news articles")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(run=lambda args: _add(args, service()))

    p = sub.add_parser("feeds", help="RSS and Atom feeds: add, list, remove, poll")
    feeds = p.add_subparsers(required=True, metavar="ACTION")
    q = feeds.add_parser("add", help="subscribe to a feed (polled by the bot, or `feeds poll`)")
    q.add_argument("url", metavar="URL")
    q.set_defaults(run=lambda args: _feeds_add(args, settings()))
    q = feeds.add_parser("list", help="the subscribed feeds and their last poll")
    q.set_defaults(run=lambda args: _feeds_list(args, settings()))
    q = feeds.add_parser("remove", help="unsubscribe (the feed's articles stay indexed)")
    q.add_argument("url", metavar="URL")
    q.set_defaults(run=lambda args: _feeds_remove(args, settings()))
    q = feeds.add_parser("poll", help="fetch every feed once now and index new entries")
    q.add_argument("urls", nargs="*", metavar="URL", help="only these feeds")
    q.add_argument("--no-progress", action="store_true", help="no progress bar")
    q.set_defaults(run=lambda args: _feeds_poll(args, service()))


def add_ingest_options(parser: argparse.ArgumentParser) -> None:
    """Add the options ``whosaid ingest`` takes for Telegram Desktop exports."""
    parser.add_argument(
        "--channel-username",
        metavar="NAME",
        help="the public username of the channel whose result.json is given (its posts "
        "link to t.me/NAME/<post>)",
    )
    parser.add_argument(
        "--channel-person",
        metavar="PERSON",
        help="the person whose own channel the result.json given is: the posts' own words "
        "become that person's statements",
    )


def describe_exports(args: argparse.Namespace, service: QAService) -> list[str]:
    """Record what the options and the registry say of the Telegram exports given.

    Returns one line per export that is somebody's own channel.

    Raises:
        ValueError: An option was given without exactly one export to apply it to.
        SourceError: The username cannot be one, or the state file failed.
    """
    from retrieval import describe_export

    exports = [p for p in args.paths if p.suffix.lower() == ".json" and p.is_file()]
    exports += [d / "result.json" for d in args.paths if (d / "result.json").is_file()]
    if (args.channel_username or args.channel_person) and len(exports) != 1:
        raise ValueError("--channel-username and --channel-person need one result.json")
    lines = []
    for path in exports:
        line = describe_export(
            service, path, username=args.channel_username, person=args.channel_person
        )
        if line:
            lines.append(line)
    return lines


def _bar(enabled: bool, unit: str) -> Progress:
    """Return a progress callback drawing a tqdm bar on stderr per item (or nothing)."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}  # type: ignore[type-arg]

    def progress(done: int, total: int, what: str) -> None:
        if not enabled or total < 2:
            return
        bar = bars.get(what)
        if bar is None:
            bar = bars[what] = tqdm(total=total, unit=unit, desc="fetch", file=sys.stderr)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return progress


def _add(args: argparse.Namespace, service: QAService) -> int:
    from retrieval import add_links

    results = add_links(service, args.urls, on_progress=_bar(not args.no_progress, "page"))
    status = EXIT_OK
    for result in results:
        if result.ok:
            echo(f"{result.message} {result.source} -> {result.path}")
        else:
            echo(f"whosaid: {result.source}: {result.message}", file=sys.stderr)
            status = EXIT_ERROR
    return status


def _feeds_add(args: argparse.Namespace, settings: RetrievalSettings) -> int:
    from retrieval import add_feed

    added = add_feed(settings, args.url)
    echo(f"{'added' if added else 'already subscribed:'} {args.url.strip()}")
    return EXIT_OK


def _feeds_list(args: argparse.Namespace, settings: RetrievalSettings) -> int:
    from retrieval import list_feeds

    feeds = list_feeds(settings)
    if not feeds:
        echo("No feeds. Add one with: whosaid feeds add URL")
    for feed in feeds:
        state = f"error: {feed.error}" if feed.error else f"polled {feed.polled or 'never'}"
        title = f"  {feed.title}" if feed.title else ""
        echo(f"{feed.url}{title}  ({state})")
    return EXIT_OK


def _feeds_remove(args: argparse.Namespace, settings: RetrievalSettings) -> int:
    from retrieval import remove_feed

    if remove_feed(settings, args.url):
        echo(f"removed {args.url.strip()} (its articles stay in the index)")
        return EXIT_OK
    echo(f"whosaid: not subscribed: {args.url.strip()}", file=sys.stderr)
    return EXIT_ERROR


def _feeds_poll(args: argparse.Namespace, service: QAService) -> int:
    from retrieval import poll_feeds

    urls = [u.strip() for u in args.urls] or None
    polls = poll_feeds(service, urls, on_progress=_bar(not args.no_progress, "entry"))
    for poll in polls:
        echo(f"{poll.url}: {poll.message}", file=sys.stdout if poll.ok else sys.stderr)
        for line in poll.failed:
            echo(f"  failed {line}", file=sys.stderr)
    return EXIT_OK if all(p.ok for p in polls) else EXIT_SOME_FAILED
