"""Plain-text rendering of answers, for the terminal (printed with :mod:`bot.terminal`)."""

from __future__ import annotations

import textwrap

from retrieval import Answer, QuoteResult, SourceSummary, SpeakerSummary

_WIDTH = 88


def counted(number: int, noun: str) -> str:
    """Return ``"1 quote"``, ``"2 quotes"``: a count with its noun in the right number."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def render_answer(answer: Answer) -> str:
    """Render an answer as readable text: summary, then each quote with its source."""
    lines = [answer.answer]
    for n, quote in enumerate(answer.quotes, start=1):
        lines.append("")
        lines.append(f"[{n}] {_who(quote)}")
        # Reported speech is the journalist's wording: never in the speaker's quotation marks.
        shown = quote.text if quote.kind == "reported" else f"“{quote.text}”"
        body = textwrap.fill(shown, width=_WIDTH, initial_indent="    ", subsequent_indent="    ")
        lines.append(body)
        lines.append(f"    — {render_source(quote)}")
        if quote.also:
            count = len(quote.also)
            carried = "; ".join(
                ", ".join(part for part in (s.outlet or s.title or s.path, s.date) if part)
                for s in quote.also
            )
            lines.append(
                f"    also carried by {count} source{'s' if count != 1 else ''}: {carried}"
            )
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
        lines.append(
            f"{s.name}{role} ({counted(s.quote_count, 'quote')}, "
            f"{counted(s.article_count, 'article')})"
        )
    return "\n".join(lines)


def render_sources(sources: list[SourceSummary]) -> str:
    """Render the article list."""
    if not sources:
        return "No articles are indexed yet."
    return "\n".join(
        f"{n}. {s.title or s.path} ({s.date or 'undated'}) — {counted(s.quote_count, 'quote')}, "
        f"{counted(s.paragraph_count, 'paragraph')}{', ' + s.url if s.url else ''}"
        for n, s in enumerate(sources, start=1)
    )


def _who(quote: QuoteResult) -> str:
    if quote.kind == "passage":
        return "passage"
    name = quote.speaker or (
        "unnamed source" if quote.source_kind == "anonymous" else "unnamed speaker"
    )
    role = f", {quote.role}" if quote.role and quote.role.lower() not in name.lower() else ""
    return f"{name}{role} ({quote.kind})"
