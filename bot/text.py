"""Plain-text rendering of answers, for the terminal, and the one way to print it.

Article text is not trusted: a quote or title may hold terminal escape sequences (clear the
screen, set the window title, fake a prompt). Everything the CLI and the chat print goes
through :func:`echo` (or :func:`echo_json`), which replaces control characters.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from typing import Any, TextIO

from retrieval import Answer, QuoteResult, SourceSummary, SpeakerSummary

_WIDTH = 88
# C0 controls but tab and newline, DEL, and C1 controls (0x9b alone starts an escape sequence
# on some terminals).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# In JSON text, C0 controls are always escaped by json.dumps; DEL and C1 are not.
_JSON_UNESCAPED = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


def for_terminal(text: str) -> str:
    """Return ``text`` with every control character but tab and newline shown as U+FFFD."""
    return _CONTROL.sub(REPLACEMENT, text.replace("\r\n", "\n"))


def echo(text: str = "", *, file: TextIO | None = None) -> None:
    """Print ``text`` safely for a terminal (standard output unless ``file``)."""
    print(for_terminal(text), file=file or sys.stdout, flush=file is not None)


def echo_json(value: Any, *, file: TextIO | None = None) -> None:
    """Print one JSON line; the characters a terminal would act on are \\u-escaped."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    print(text.translate(_JSON_UNESCAPED), file=file or sys.stdout)


def render_answer(answer: Answer) -> str:
    """Render an answer as readable text: summary, then each quote with its source."""
    lines = [answer.answer]
    for n, quote in enumerate(answer.quotes, start=1):
        lines.append("")
        lines.append(f"[{n}] {_who(quote)}")
        body = textwrap.fill(
            f"“{quote.text}”", width=_WIDTH, initial_indent="    ", subsequent_indent="    "
        )
        lines.append(body)
        lines.append(f"    — {render_source(quote)}")
    return "\n".join(lines)


def render_source(quote: QuoteResult) -> str:
    """Render a citation: title, date, paragraph, link (or file)."""
    source = quote.source
    parts = [f"“{source.title}”" if source.title else source.path]
    if source.outlet:
        parts.append(source.outlet)
    if source.date:
        parts.append(source.date)
    parts.append(f"paragraph {source.paragraph}")
    parts.append(source.url or source.path)
    return ", ".join(parts)


def render_speakers(speakers: list[SpeakerSummary]) -> str:
    """Render the speaker list."""
    if not speakers:
        return "Nobody is quoted yet: ingest some articles first."
    lines = []
    for s in speakers:
        role = f" — {s.roles[0]}" if s.roles else ""
        count = f"{s.quote_count} quote{'s' if s.quote_count != 1 else ''}"
        lines.append(f"{s.name}{role} ({count}, {s.article_count} article(s))")
    return "\n".join(lines)


def render_sources(sources: list[SourceSummary]) -> str:
    """Render the article list."""
    if not sources:
        return "No articles are indexed yet."
    return "\n".join(
        f"{n}. {s.title or s.path} ({s.date or 'undated'}) — {s.quote_count} quotes, "
        f"{s.paragraph_count} paragraphs{', ' + s.url if s.url else ''}"
        for n, s in enumerate(sources, start=1)
    )


def _who(quote: QuoteResult) -> str:
    if quote.kind == "passage":
        return "passage"
    name = quote.speaker or "unnamed speaker"
    role = f", {quote.role}" if quote.role and quote.role.lower() not in name.lower() else ""
    return f"{name}{role} ({quote.kind})"
