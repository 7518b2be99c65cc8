"""Turn answers into Telegram HTML messages: pure functions, no I/O.

Every piece of corpus or user text goes through :func:`html.escape`; the only tags produced are
``b``, ``i``, ``a href``, ``code`` and ``blockquote`` (plain or ``expandable``), all in Telegram's
list. Every message returned is at most :data:`MESSAGE_LIMIT` UTF-16 code units of *raw* HTML,
which bounds the parsed text Telegram counts as well: metadata from articles (speaker, role,
title, outlet, date, link) is clipped to a fixed size, so a citation always leaves room for the
quote, and long text is cut at spaces, or by characters when a "word" is too long.
Links are made only from ``http(s)://`` URLs; any other scheme (``javascript:``, ``data:``…)
leaves the title as plain text.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.texts import Texts, texts
from bot.visible import visible
from retrieval import Answer, IngestSummary, QuoteResult, Source, SourceSummary, SpeakerSummary

MESSAGE_LIMIT = 4096
# Quotes longer than this are collapsed so an answer stays scannable.
EXPANDABLE_FROM = 400
_SEPARATOR = "\n\n"
# Most UTF-16 units the escaped form of each piece of article metadata may take. Together they
# stay under half a message, so the quote always has room (see ``_quote_units``).
_NAME_UNITS = 200
_TITLE_UNITS = 300
_DETAIL_UNITS = 100
_URL_UNITS = 1000
_ELLIPSIS = "…"
# Room kept in each page of a list for its closing
# "… and 1,000,000 more articles: send /speakers 1000000." line.
_NOTE_ROOM = 64
# The words of every message are in the catalogues of ``bot.texts``, one per language; each
# function takes the one to write in (English unless told).
EN = texts("en")
COMMANDS = EN.commands


def telegram_length(text: str) -> int:
    """Return the length of ``text`` as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Escape text for Telegram HTML (``<``, ``>`` and ``&``), showing characters that reorder
    or hide text as � (:mod:`bot.visible`)."""
    return html.escape(visible(text), quote=False)


def _attribute(value: str) -> str:
    # Telegram knows &quot; but not &#x27;, and attributes here are double-quoted.
    return escape(value).replace('"', "&quot;")


def clip(text: str, units: int) -> str:
    """Escape ``text``, cut with "…" so the escaped form takes at most ``units`` UTF-16 units."""
    escaped = escape(text)
    if telegram_length(escaped) <= units:
        return escaped

    def wrap(part: str) -> str:
        return escape(part) + _ELLIPSIS

    return wrap(text[: _fitting_prefix(text, units, wrap)])


def safe_url(url: str | None) -> str | None:
    """Return ``url`` if it may become a link: ``http(s)://`` with a host, and not huge."""
    if not url or telegram_length(_attribute(url)) > _URL_UNITS:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _titled(url: str | None, title: str) -> str:
    """Render a title as a link to ``url`` when that is a safe link, else in italics."""
    label = clip(title, _TITLE_UNITS)
    link = safe_url(url)
    if link is None:
        return f"<i>{label}</i>"
    return f'<a href="{_attribute(link)}">{label}</a>'


def _source_title(source: Source | SourceSummary) -> str:
    return source.title or source.path.rsplit("/", 1)[-1]


def _details(*values: str | None) -> list[str]:
    return [clip(value, _DETAIL_UNITS) for value in values if value]


def citation_line(source: Source, number: int) -> str:
    """Render ``[n] title · date · outlet · ¶ p`` with a link when the article has a url."""
    parts = [f"[{number}] {_titled(source.url, _source_title(source))}"]
    parts += _details(source.date, source.outlet)
    parts.append(f"¶ {source.paragraph}")
    return " · ".join(parts)


_ALSO_SHOWN = 3


def also_line(quote: QuoteResult, *, words: Texts = EN) -> str:
    """Render "also carried by N sources: A (date), B …" for a reprinted quote ("" if none)."""
    if not quote.also:
        return ""
    named = [
        _titled(s.url, clip(s.outlet or _source_title(s), _DETAIL_UNITS))
        + (f" ({escape(s.date)})" if s.date else "")
        for s in quote.also[:_ALSO_SHOWN]
    ]
    more = len(quote.also) - len(named)
    return words.also_carried.format(
        sources=words.count(len(quote.also), words.source_forms),
        names=", ".join(named),
        more=words.and_more.format(more=more) if more else "",
    )


def speaker_header(quote: QuoteResult, *, words: Texts = EN) -> str:
    """Render the speaker in bold, then the role, then the kind of quote when not direct."""
    if quote.speaker:
        header = f"<b>{clip(quote.speaker, _NAME_UNITS)}</b>"
    else:
        header = f"<b>{escape(words.from_the_article)}</b>"
    if quote.source_kind == "anonymous":
        header = f"<b>{escape(words.unnamed_source)}</b>"
    if quote.role:
        header += f", <i>{clip(quote.role, _NAME_UNITS)}</i>"
    label = words.kind_labels.get(quote.kind)
    if label:
        header += f" ({escape(label)})"
    return header


def blockquote(text: str) -> str:
    """Wrap verbatim text in a blockquote, the expandable kind when it is long."""
    tag = "blockquote expandable" if len(text) >= EXPANDABLE_FROM else "blockquote"
    return f"<{tag}>{escape(text)}</blockquote>"


@dataclass(frozen=True, slots=True)
class _Unit:
    """One indivisible piece of a message; ``header`` is repeated only when the speaker changes."""

    body: str
    key: str | None = None
    header: str | None = None


def _fitting_prefix(text: str, budget: int, wrap: Callable[[str], str]) -> int:
    """Return the length of the longest non-empty prefix of ``text`` whose wrap fits ``budget``.

    Raises:
        ValueError: not even one character fits (the caller's budget is wrong).
    """
    if telegram_length(wrap(text[:1])) > budget:
        raise ValueError(f"a budget of {budget} leaves no room for any text")
    # Every character takes at least one unit, so no prefix longer than the budget fits.
    low, high = 1, min(len(text), budget)
    while low < high:
        middle = (low + high + 1) // 2
        if telegram_length(wrap(text[:middle])) <= budget:
            low = middle
        else:
            high = middle - 1
    return low


def _split(text: str, budget: int, wrap: Callable[[str], str]) -> list[str]:
    """Split ``text`` at spaces into pieces whose ``wrap(piece)`` fits ``budget``.

    Each step takes at least one character, so this always ends.

    Raises:
        ValueError: the budget cannot hold even one wrapped character.
    """
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if telegram_length(wrap(candidate)) <= budget:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = word
        # A single "word" over budget (a long URL, say) is cut by characters.
        while telegram_length(wrap(current)) > budget:
            cut = _fitting_prefix(current, budget, wrap)
            pieces.append(current[:cut])
            current = current[cut:]
    if current:
        pieces.append(current)
    return pieces


def _quote_units(quote: QuoteResult, number: int, limit: int, words: Texts) -> list[_Unit]:
    key = quote.speaker or ""
    header = speaker_header(quote, words=words)
    citation = citation_line(quote.source, number)
    also = also_line(quote, words=words)
    if also:
        citation += "\n" + also
    body = f"{blockquote(quote.text)}\n{citation}"
    if telegram_length(header + "\n" + body) <= limit:
        return [_Unit(body=body, key=key, header=header)]
    # One quote longer than a message: continue it over several, citation on the last.
    budget = limit - telegram_length(header + "\n" + "\n" + citation) - 16
    parts = _split(quote.text, budget, blockquote)
    units = []
    for index, part in enumerate(parts):
        piece = blockquote(part)
        if index == len(parts) - 1:
            piece += "\n" + citation
        units.append(_Unit(body=piece, key=f"{key}\x00{number}", header=header))
    return units


def pack(units: Sequence[_Unit], *, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join units into as few messages as fit, never splitting a unit."""
    messages: list[str] = []
    current: list[str] = []
    size = 0
    last_key: str | None = None
    for unit in units:
        fresh = not current
        with_header = unit.header is not None and (fresh or unit.key != last_key)
        text = f"{unit.header}\n{unit.body}" if with_header else unit.body
        added = telegram_length(text) + (0 if fresh else telegram_length(_SEPARATOR))
        if not fresh and size + added > limit:
            messages.append(_SEPARATOR.join(current))
            current, size = [], 0
            text = f"{unit.header}\n{unit.body}" if unit.header is not None else unit.body
            added = telegram_length(text)
        if added > limit:
            raise ValueError("a message unit is longer than the message limit")
        current.append(text)
        size += added
        last_key = unit.key
    if current:
        messages.append(_SEPARATOR.join(current))
    return messages


def _text_units(text: str, limit: int) -> list[_Unit]:
    """Split plain text (escaped here) into units that fit, at line then word boundaries."""
    units: list[_Unit] = []
    for line in text.split("\n"):
        units += [_Unit(body=escape(piece)) for piece in _split(line, limit, escape)]
    return units


def render_answer(
    answer: Answer, *, first_number: int = 1, limit: int = MESSAGE_LIMIT
) -> list[str]:
    """Render an answer as messages split between quotes, citations from ``first_number``.

    Labels are in the answer's language (``Answer.language``); quotes as printed.
    """
    words = texts(answer.language)
    units = _text_units(answer.answer, limit) if answer.answer else []
    for offset, quote in enumerate(answer.quotes):
        units += _quote_units(quote, first_number + offset, limit, words)
    if not units:
        units = [_Unit(body=escape(words.nothing_found))]
    return pack(units, limit=limit)


def render_speakers(
    speakers: Sequence[SpeakerSummary],
    *,
    limit: int = MESSAGE_LIMIT,
    page: Page | None = None,
    words: Texts = EN,
) -> list[str]:
    """Render who is quoted, most quoted first; with ``page``, only that page of messages."""
    if not speakers:
        return [escape(words.speakers_empty)]
    ordered = sorted(speakers, key=lambda s: (-s.quote_count, s.name.casefold()))
    units = [_Unit(body=words.speakers_title.format(count=words.number(len(ordered))))]
    for speaker in ordered:
        role = f", <i>{clip(speaker.roles[0], _NAME_UNITS)}</i>" if speaker.roles else ""
        counts = words.speaker_counts.format(
            quotes=words.count(speaker.quote_count, words.quote_forms),
            articles=words.count(speaker.article_count, words.article_forms),
        )
        name = clip(speaker.name, _NAME_UNITS)
        units.append(_Unit(body=f"• <b>{name}</b>{role}: {escape(counts)}"))
    return _pack_lines(units, limit, page=page, words=words, noun=words.speakers_noun)


def render_sources(
    sources: Sequence[SourceSummary],
    *,
    limit: int = MESSAGE_LIMIT,
    page: Page | None = None,
    words: Texts = EN,
) -> list[str]:
    """Render the indexed articles, newest first; with ``page``, only that page of messages."""
    if not sources:
        return [escape(words.sources_empty)]
    ordered = sorted(sources, key=lambda s: (s.date or "", _source_title(s)), reverse=True)
    units = [_Unit(body=words.sources_title.format(count=words.number(len(ordered))))]
    for number, source in enumerate(ordered, start=1):
        parts = [f"{number}. {_titled(source.url, _source_title(source))}"]
        parts += _details(source.date, source.outlet)
        parts.append(escape(words.count(source.quote_count, words.quote_forms)))
        units.append(_Unit(body=" · ".join(parts)))
    return _pack_lines(units, limit, page=page, words=words, noun=words.articles_noun)


@dataclass(frozen=True)
class Page:
    """Which page of a long list to send: ``size`` messages a page, pages counted from 1.

    ``command`` is what the reader sends for the next page (``/sources``), named in the note
    that ends every page but the last.
    """

    number: int
    size: int
    command: str


def _pack_lines(
    units: Sequence[_Unit],
    limit: int,
    *,
    page: Page | None = None,
    noun: str = "",
    words: Texts = EN,
) -> list[str]:
    """Join one-line units into messages; with ``page``, return only that page's messages."""
    if page is not None:
        limit -= _NOTE_ROOM  # every message keeps room for the closing note
    messages: list[str] = []
    # ends[i]: how many units messages[: i + 1] hold, to count what is left after a page.
    ends: list[int] = []
    current: list[str] = []
    size = 0
    for index, unit in enumerate(units):
        added = telegram_length(unit.body) + (1 if current else 0)
        if current and size + added > limit:
            messages.append("\n".join(current))
            ends.append(index)
            current, size = [], 0
            added = telegram_length(unit.body)
        if added > limit:
            raise ValueError("a line is longer than the message limit")
        current.append(unit.body)
        size += added
    if current:
        messages.append("\n".join(current))
        ends.append(len(units))
    if page is None:
        return messages
    pages = -(-len(messages) // page.size)
    if not 1 <= page.number <= pages:
        note = words.list_pages.format(
            pages=words.count(pages, words.page_forms),
            noun=noun,
            command=page.command,
            last=pages,
        )
        return [escape(note)]
    first = (page.number - 1) * page.size
    shown = messages[first : first + page.size]
    last = first + len(shown) - 1
    if last < len(messages) - 1:
        left = len(units) - ends[last]
        more = words.list_more.format(
            left=words.number(left), noun=noun, command=page.command, next=page.number + 1
        )
        shown[-1] += f"\n{escape(more)}"
    return shown


def render_paragraph(
    source: Source, text: str, number: int, *, limit: int = MESSAGE_LIMIT
) -> list[str]:
    """Render the full paragraph behind citation ``number``."""
    citation = citation_line(source, number)
    body = blockquote(text)
    if telegram_length(f"{citation}\n{body}") <= limit:
        return [f"{citation}\n{body}"]
    budget = limit - telegram_length(citation) - 1
    parts = _split(text, budget, blockquote)
    return [f"{citation}\n{blockquote(part)}" for part in parts]


def example_questions(speakers: Sequence[SpeakerSummary], *, words: Texts = EN) -> list[str]:
    """Build up to three example questions from the most quoted real speakers."""
    ordered = sorted(speakers, key=lambda s: (-s.quote_count, s.name.casefold()))
    return [
        template.format(name=speaker.name)
        for template, speaker in zip(words.examples, ordered, strict=False)
    ]


def render_start(
    speakers: Sequence[SpeakerSummary], *, private: bool = True, words: Texts = EN
) -> str:
    """Render the welcome: what the bot does and three questions it can answer."""
    how = words.start_how_private if private else words.start_how_group
    lines = [
        words.start_title,
        escape(words.start_intro),
        "",
        words.start_for_example.format(how=how),
    ]
    examples = example_questions(speakers, words=words)
    if examples:
        lines += [f"• <code>{escape(example)}</code>" for example in examples]
    else:
        lines.append(escape(words.start_empty))
    lines += ["", escape(words.start_help)]
    return "\n".join(lines)


def render_help(*, is_admin: bool = False, words: Texts = EN) -> str:
    """Render the command list, with the admin part for admins."""
    lines = [words.help_title]
    lines += [f"/{name}: {escape(description)}" for name, description in words.commands]
    lines += ["", *(escape(line) for line in words.help_lines)]
    if is_admin:
        lines += ["", words.help_admin_title, *(escape(line) for line in words.help_admin_lines)]
    return "\n".join(lines)


def render_ingest(summary: IngestSummary, *, name: str | None = None, words: Texts = EN) -> str:
    """Render what an ingest did."""
    head = words.added.format(name=escape(name)) if name else escape(words.reingested)
    counts = words.ingest_counts.format(
        added=summary.added,
        updated=summary.updated,
        unchanged=summary.unchanged,
        removed=summary.removed,
    )
    found = words.ingest_found.format(
        quotes=words.count(summary.quotes, words.quote_forms),
        speakers=words.count(summary.speakers, words.speaker_forms),
    )
    lines = [head, escape(found)] if name else [head, escape(counts), escape(found)]
    if summary.skipped:
        # Bounded so the message always fits: at most 10 lines of at most 300 characters.
        lines.append(escape(words.skipped))
        lines += [f"• {escape(line[:300])}" for line in summary.skipped[:10]]
        if len(summary.skipped) > 10:
            lines.append("…" + escape(words.and_more.format(more=len(summary.skipped) - 10)))
    return "\n".join(lines)


def render_inline_card(quote: QuoteResult, *, words: Texts = EN) -> str:
    """Render one quote as a self-contained card to send in any chat."""
    source = quote.source
    parts = [_titled(source.url, _source_title(source)), *_details(source.date, source.outlet)]
    parts.append(f"¶ {source.paragraph}")
    return f"{speaker_header(quote, words=words)}\n{blockquote(quote.text)}\n{' · '.join(parts)}"
