"""Logging for the entry points: configured once, and no secret in any log record.

:func:`configure_logging` is called once, by the ``whosaid`` command. It installs one stderr
handler at the chosen level and a log-record factory that masks secrets in every record as it
is created, whichever library logs it and whichever handler prints it: Bot API tokens by their
shape (python-telegram-bot logs the API URL at DEBUG, and a non-JSON reply body verbatim at
ERROR, both with the token in them), and every value passed to :func:`hide` (the token, the
webhook secret, the Chroma auth header), also percent-encoded as they appear in URLs.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from typing import Any
from urllib.parse import quote

from bot.terminal import for_terminal

# "<bot id>:<secret>", as in https://api.telegram.org/bot<id>:<secret>/getMe.
_TOKEN = re.compile(r"(?<![0-9])[0-9]{5,20}(?::|%3A)[A-Za-z0-9_-]{20,}")
MASK = "<secret>"
# Libraries that log routine chatter (an index built, an HTML element discarded) at DEBUG or
# WARNING; their records are shown only at -vv, or when they are errors.
_CHATTY = ("bm25s", "trafilatura", "htmldate", "justext", "sentence_transformers")
# httpx logs every request URL at INFO, and Bot API URLs contain the token.
_URL_LOGGERS = ("httpx", "httpcore")
_OURS = ("bot", "retrieval", "corpus", "bench")

_lock = threading.Lock()
_secrets: set[str] = set()
_HANDLER_NAME = "whosaid-stderr"


def hide(*values: str | None) -> None:
    """Mask these values (and their URL-encoded forms) in every log record from now on."""
    with _lock:
        for value in values:
            # Whatever its length: a short secret is rare (settings refuse short webhook
            # secrets) and masking a few ordinary words with it is the lesser harm.
            if value:
                _secrets.update({value, quote(value, safe="")})


def mask(text: str) -> str:
    """Return ``text`` with every known secret and anything shaped like a bot token masked."""
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return _TOKEN.sub(MASK, text)


class _Formatter(logging.Formatter):
    """Print records safely for a terminal; other libraries' tracebacks only with ``-v``.

    A library logging an error it then raises (python-telegram-bot does) would otherwise put a
    traceback beside the one line the command prints for the same failure.
    """

    def __init__(self, fmt: str, *, library_tracebacks: bool) -> None:
        super().__init__(fmt)
        self._library_tracebacks = library_tracebacks

    def format(self, record: logging.LogRecord) -> str:
        if self._library_tracebacks or record.name.startswith(_OURS) or not record.exc_info:
            return for_terminal(super().format(record))
        bare = logging.makeLogRecord(record.__dict__)
        bare.exc_info, bare.exc_text = None, None
        return for_terminal(super().format(bare))


class _Chatty(logging.Filter):
    """Drop chatty libraries' records unless debugging.

    Their errors too: trafilatura logs ERROR for every page it can't parse, which the loader
    already reports as one "skipped" line, so the user would read each failure two or three
    times. What they raise still reaches the user through the loaders' own errors.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.CRITICAL:
            return True
        return not record.name.startswith(_CHATTY)


def _masking_factory(previous: Any) -> Any:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: let logging report it as it would
            return record
        record.msg, record.args = mask(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return record

    factory.masks_secrets = True  # type: ignore[attr-defined]
    return factory


def install_masking() -> None:
    """Mask secrets in every log record created from now on (idempotent)."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "masks_secrets", False):
        logging.setLogRecordFactory(_masking_factory(current))


def configure_logging(verbose: int = 0, *, default: int = logging.WARNING) -> None:
    """Log to stderr at ``default`` (``-v`` one level more, ``-vv`` everything); mask secrets.

    Calling it again replaces the earlier configuration rather than adding to it.
    """
    install_masking()
    level = max(logging.DEBUG, default - 10 * verbose)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    # The handler's level, not only the root's: some libraries (bm25s) set their own loggers
    # to DEBUG, and their records would otherwise reach stderr at any verbosity.
    handler.setLevel(level)
    timestamps = "%(asctime)s " if default <= logging.INFO else ""
    handler.setFormatter(
        _Formatter(
            f"{timestamps}%(levelname)s %(name)s: %(message)s", library_tracebacks=verbose > 0
        )
    )
    if level > logging.DEBUG:
        handler.addFilter(_Chatty())
    root.addHandler(handler)
    root.setLevel(level)
    for name in _URL_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
