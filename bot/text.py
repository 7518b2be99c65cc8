"""Plain-text rendering of answers, for the terminal (printed with :mod:`bot.terminal`).

Labels are in the answer's language (``bot.texts``); quotes as printed.
"""

from __future__ import annotations

import textwrap

from bot.texts import Texts, texts
from retrieval import Answer, QuoteResult, SourceSummary, SpeakerSummary

_WIDTH = 88
EN = texts("en")


def counted(number: int, noun: str) -> str:
    """Return ``"1 quote"``, ``"2 quotes"``: a count with its noun in the right number."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def render_answer(answer: Answer) -> str:
    """Render an answer as readable text: summary, then each quote with its source."""
    words = texts(answer.language)
    lines = [answer.answer]
    for n, quote in enumerate(answer.quotes, start=1):
        lines.append("")
        lines.append(f"[{n}] {_who(quote, words)}")
        # Reported speech is the journalist's wording: never in the speaker's quotation marks.
        shown = quote.text if quote.kind == "reported" else f"“{quote.text}”"
        body = textwrap.fill(shown, width=_WIDTH, initial_indent="    ", subsequent_indent="    ")
        lines.append(body)
        lines.append(f"    — {render_source(quote, words)}")
        if quote.also:
            carried = "; ".join(
                ", ".join(part for part in (s.outlet or s.title or s.path, s.date) if part)
                for s in quote.also
            )
            sources = words.count(len(quote.also), words.source_forms)
            lines.append("    " + words.also_carried_plain.format(sources=sources, names=carried))
    return "\n".join(lines)


def render_source(quote: QuoteResult, words: Texts = EN) -> str:
    """Render a citation: title, date, paragraph, link (or file)."""
    source = quote.source
    parts = [f"“{source.title}”" if source.title else source.path]
    if source.outlet:
        parts.append(source.outlet)
    if source.date:
        parts.append(source.date)
    parts.append(words.paragraph.format(number=source.paragraph))
    parts.append(source.url or source.path)
    return ", ".join(parts)


def render_speakers(speakers: list[SpeakerSummary], words: Texts = EN) -> str:
    """Render the speaker list."""
    if not speakers:
        return words.terminal_speakers_empty
    lines = []
    for s in speakers:
        role = f" — {s.roles[0]}" if s.roles else ""
        counts = words.terminal_speaker_counts.format(
            quotes=words.count(s.quote_count, words.quote_forms),
            articles=words.count(s.article_count, words.article_forms),
        )
        lines.append(f"{s.name}{role} ({counts})")
    return "\n".join(lines)


def render_sources(sources: list[SourceSummary], words: Texts = EN) -> str:
    """Render the article list."""
    if not sources:
        return words.sources_empty
    return "\n".join(
        f"{n}. {s.title or s.path} ({s.date or words.undated}) — "
        + words.terminal_source_counts.format(
            quotes=words.count(s.quote_count, words.quote_forms),
            paragraphs=words.count(s.paragraph_count, words.paragraph_forms),
        )
        + (f", {s.url}" if s.url else "")
        for n, s in enumerate(sources, start=1)
    )


def _who(quote: QuoteResult, words: Texts) -> str:
    if quote.kind == "passage":
        return words.passage
    name = quote.speaker or (
        words.unnamed_source_plain
        if quote.source_kind == "anonymous"
        else words.unnamed_speaker_plain
    )
    role = f", {quote.role}" if quote.role and quote.role.lower() not in name.lower() else ""
    return f"{name}{role} ({words.kind_names.get(quote.kind, quote.kind)})"
