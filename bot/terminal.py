"""The one way the CLI and the chat write to a terminal: control characters never get there.

Article text is not trusted: a quote, a title or a file name may hold terminal escape
sequences (clear the screen, set the window title, fake a prompt), or bidirectional controls
that reorder what is shown (:mod:`bot.visible`). :func:`echo` replaces them; :func:`echo_json`
escapes what a terminal would act on and keeps the rest verbatim; the log handler
(:mod:`bot.logs`) does as :func:`echo`.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

from bot.visible import REPLACEMENT, visible

# C0 controls but tab and newline, DEL, C1 controls (0x9b alone starts an escape sequence on
# some terminals), and lone surrogates (a non-UTF-8 byte in argv), which cannot be printed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# In JSON text, C0 controls are always escaped by json.dumps; DEL and C1 are not.
_JSON_UNESCAPED = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def for_terminal(text: str) -> str:
    """Return ``text`` with control characters (but tab and newline), lone surrogates and the
    characters that reorder or hide text (:mod:`bot.visible`) as �."""
    return visible(_CONTROL.sub(REPLACEMENT, text.replace("\r\n", "\n")))


def echo(text: str = "", *, file: TextIO | None = None) -> None:
    """Print ``text`` safely for a terminal (standard output unless ``file``)."""
    print(for_terminal(text), file=file or sys.stdout, flush=file is not None)


def echo_json(value: Any, *, file: TextIO | None = None) -> None:
    """Print one JSON line (a value, or JSON text); what a terminal would act on is escaped."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    print(text.translate(_JSON_UNESCAPED), file=file or sys.stdout)
