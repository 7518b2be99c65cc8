"""Errors at the edge: what a user sees when something fails, in one line and without secrets.

The services raise :class:`retrieval.RetrievalError` (and its subclasses), whose messages are
written for users. Settings errors come from pydantic; their values are never echoed, since a
mistyped token or auth header is still a secret. Anything else is a bug: the user gets its
type and first line, the log (with ``-v``) the traceback, both with secrets masked.
"""

from __future__ import annotations

from pydantic import ValidationError

from bot.logs import mask
from bot.terminal import for_terminal

_MAX_CHARS = 500


def one_line(text: str, *, limit: int = _MAX_CHARS) -> str:
    """Return ``text`` on one line, secrets masked, control characters replaced, bounded."""
    line = for_terminal(" ".join(mask(text).split()))
    return line if len(line) <= limit else line[: limit - 1] + "…"


def describe_settings_error(exc: ValidationError, prefix: str) -> str:
    """Return one line naming each bad variable, without echoing any value (tokens are secret)."""
    problems = []
    for error in exc.errors(include_input=False, include_url=False):
        name = prefix + "_".join(str(part) for part in error["loc"]).upper()
        message = "is missing" if error["type"] == "missing" else error["msg"]
        problems.append(f"{name} {message}" if error["loc"] else message)
    return "; ".join(problems) + " (set it in the environment or .env)"


def describe_unexpected(exc: BaseException) -> str:
    """Return one line for an error nobody planned for: its type and first line."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    what = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return f"unexpected error ({one_line(what, limit=200)}); run with -v for the details"
