"""The verifier's cards and the buttons under quotes: pure functions, no I/O.

- :func:`render_verdict`: one claim's verdict as Telegram HTML (the label, the sentence a
  reader can rely on, the diff with ``<s>removed</s>`` and ``<b>added</b>``, the real quote
  verbatim in a blockquote with its citation, what was searched), within a message's limit;
- :func:`citation_text`: the text "Copy citation" puts on the clipboard (Bot API
  ``CopyTextButton``, at most 256 characters): speaker, the quote's start, outlet, date, link;
- :func:`quote_keyboard`: the buttons under a card or an answer: "Copy citation", "Wrong
  speaker?" (for those allowed to correct), a deep link to the quote's card, 👍/👎.

Callback data is built and parsed here only (each at most 64 bytes): ``fix|<quote id>`` opens
the speaker picker, ``fixto|<token>|<n>`` applies its n-th choice, ``unfix|<correction id>``
undoes it, ``fb|<token>|up|down`` records a vote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram import render
from bot.telegram.verify_texts import CheckTexts
from retrieval import Answer, Copy, QuoteResult, Verdict, quote_id

COPY_LIMIT = 256  # Bot API: a CopyTextButton's text is 1-256 characters
_CALLBACK_LIMIT = 64
FIX, FIX_TO, VOTE, UNFIX = "fix|", "fixto|", "fb|", "unfix|"
_FIX = re.compile(r"^fix\|(?P<quote>q_[0-9a-f]{10})$")
_FIX_TO = re.compile(r"^fixto\|(?P<token>[0-9a-f]{8})\|(?P<choice>[0-9]{1,2})$")
_VOTE = re.compile(r"^fb\|(?P<token>[0-9a-f]{8})\|(?P<vote>up|down)$")
_UNFIX = re.compile(r"^unfix\|(?P<token>[0-9a-f]{8})$")
_EMOJI = {"verbatim": "✅", "altered": "✏️", "misattributed": "🔀", "not_found": "❔"}
_QUOTE_START = 90  # characters of the quote a citation keeps before "…"
_URL_CHARS = 120  # a longer link gives way to the title, so the quote keeps some room
_DIFF_UNITS = 1500  # a diff longer than this is told, not shown


@dataclass(frozen=True, slots=True)
class Press:
    """A press on one of this module's buttons."""

    action: str  # "fix", "fixto", "unfix" or "vote"
    quote: str | None = None
    token: str | None = None
    choice: int | None = None
    vote: str | None = None


def parse_press(data: str | None) -> Press | None:
    """Return the press a button's data encodes, or None for data this module never made."""
    data = data or ""
    if match := _FIX.match(data):
        return Press("fix", quote=match["quote"])
    if match := _FIX_TO.match(data):
        return Press("fixto", token=match["token"], choice=int(match["choice"]))
    if match := _VOTE.match(data):
        return Press("vote", token=match["token"], vote=match["vote"])
    if match := _UNFIX.match(data):
        return Press("unfix", token=match["token"])
    return None


def is_correction_press(data: str | None) -> bool:
    """Whether a press changes who said what (the guard asks for the right to correct)."""
    press = parse_press(data)
    return press is not None and press.action in ("fix", "fixto", "unfix")


# --- the citation ---------------------------------------------------------------------------


def citation_text(quote: QuoteResult) -> str:
    """Return a one-line citation of at most 256 characters: speaker, the quote's start,
    outlet, date, link (the article's URL when it is short enough, else its title)."""
    source = quote.source
    who = _cut(quote.speaker or quote.role or "Unnamed source", 50)
    where = ", ".join(p for p in (_cut(source.outlet or "", 40), source.date or "") if p)
    url = source.url if source.url and len(source.url) <= _URL_CHARS else None
    link = url or _cut(source.title or "", 60)
    head = f"{who}: “"
    tail = "”" + (f" — {where}" if where else "") + (f" {link}" if link else "")
    room = COPY_LIMIT - len(head) - len(tail)
    return (head + _cut(" ".join(quote.text.split()), min(room, _QUOTE_START)) + tail)[:COPY_LIMIT]


def _cut(text: str, size: int) -> str:
    text = " ".join(text.split())
    if size <= 1:
        return ""
    if len(text) <= size:
        return text
    cut = text[: size - 1]
    if " " in cut[size // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


# --- keyboards ------------------------------------------------------------------------------


def deep_link(bot_username: str | None, quote: QuoteResult) -> str | None:
    """Return ``https://t.me/<bot>?start=q_<id>`` for a quote (None for a passage)."""
    qid = quote_id(quote)
    if not bot_username or qid is None:
        return None
    return f"https://t.me/{bot_username}?start={qid}"


def quote_keyboard(
    quotes: Sequence[QuoteResult],
    words: CheckTexts,
    *,
    first_number: int = 1,
    can_correct: bool = False,
    vote_token: str | None = None,
    bot_username: str | None = None,
    more: InlineKeyboardMarkup | None = None,
) -> InlineKeyboardMarkup | None:
    """Return the buttons under an answer or a card: per quote "Copy citation" and "Wrong
    speaker?", then 👍/👎 when the answer can be voted on, then any "More quotes"."""
    rows: list[list[InlineKeyboardButton]] = []
    numbered = len(quotes) > 1
    copy_row: list[InlineKeyboardButton] = []
    fix_row: list[InlineKeyboardButton] = []
    for offset, quote in enumerate(quotes):
        number = first_number + offset
        suffix = f" [{number}]" if numbered else ""
        if quote.kind == "passage":
            continue
        copy_row.append(
            InlineKeyboardButton(
                (words.copy_short if numbered else words.copy) + suffix,
                copy_text=CopyTextButton(citation_text(quote)),
            )
        )
        qid = quote_id(quote)
        if can_correct and qid is not None:
            fix_row.append(
                InlineKeyboardButton(
                    (words.fix_short if numbered else words.fix) + suffix,
                    callback_data=f"{FIX}{qid}",
                )
            )
    for row in (copy_row, fix_row):
        # Three numbered buttons a row stay readable on a phone.
        rows += [row[i : i + 3] for i in range(0, len(row), 3)]
    if not numbered and quotes and bot_username:
        link = deep_link(bot_username, quotes[0])
        if link:
            rows.append([InlineKeyboardButton(words.open_card, url=link)])
    if vote_token is not None:
        rows.append(
            [
                InlineKeyboardButton("👍", callback_data=f"{VOTE}{vote_token}|up"),
                InlineKeyboardButton("👎", callback_data=f"{VOTE}{vote_token}|down"),
            ]
        )
    if more is not None:
        rows += [list(row) for row in more.inline_keyboard]
    return InlineKeyboardMarkup(rows) if rows else None


def undo_keyboard(correction_id: str, words: CheckTexts) -> InlineKeyboardMarkup:
    """Return the "Undo" button under a correction just made."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(words.undo, callback_data=f"{UNFIX}{correction_id}")]]
    )


def picker_keyboard(token: str, labels: Sequence[str]) -> InlineKeyboardMarkup:
    """Return the speaker picker: one button per choice, one per row."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label[:60], callback_data=f"{FIX_TO}{token}|{n}")]
            for n, label in enumerate(labels)
        ]
    )


# --- the verdict card -------------------------------------------------------------------------


def render_verdict(verdict: Verdict, words: CheckTexts) -> list[str]:
    """Render one verdict as messages: the label, the sentence and the diff, then the real
    quote (and the next closest) verbatim with its citation, then the history if asked."""
    label = f"{_EMOJI[verdict.verdict]} <b>{render.escape(words.labels[verdict.verdict])}</b>"
    head = f"{label}: “{render.clip(verdict.claim, 600)}”"
    if verdict.speaker:
        head += f" — {render.clip(verdict.speaker, 200)}"
    parts = [head, render.clip(verdict.explanation, 1200)]
    if verdict.edits:
        diff = " ".join(_edit_html(e.op, e.text) for e in verdict.edits)
        if render.telegram_length(diff) > _DIFF_UNITS:
            diff = render.escape(words.diff_spread)
        parts.append(f"{render.escape(words.diff)} {diff}")
    first = "\n".join(parts)
    proof: list[str] = []
    if verdict.quotes:
        shown = Answer(
            question=verdict.claim,
            found=True,
            answer="",
            quotes=verdict.quotes[:2],
            language=words.language,  # the labels around the quotes, as on the card
        )
        proof = render.render_answer(shown)
    if proof and render.telegram_length(f"{first}\n\n{proof[0]}") <= render.MESSAGE_LIMIT:
        messages = [f"{first}\n\n{proof[0]}", *proof[1:]]
    else:
        messages = [first, *proof]
    if verdict.history:
        messages.append(render_history(verdict.history, words))
    return messages


def _edit_html(op: str, text: str) -> str:
    escaped = render.clip(text, 400)
    if op == "removed":
        return f"<s>{escaped}</s>"
    if op == "added":
        return f"<b>{escaped}</b>"
    return escaped


def render_history(history: Sequence[Copy], words: CheckTexts) -> str:
    """Render a quote's printings, earliest first: where, and how the wording and the speaker
    drifted from the earliest (at most ten, each line bounded)."""
    lines = [f"<b>{render.escape(words.history)}</b>"]
    for number, copy in enumerate(history[:10], start=1):
        where = render.citation_line(copy.source, number)
        notes = []
        if copy.diff:
            notes.append(render.clip(copy.diff, 300))
        if copy.speaker_changed:
            notes.append(render.escape(words.speaker_changed.format(name=copy.speaker or "?")))
        lines.append("• " + where + (f" — {'; '.join(notes)}" if notes else ""))
    return "\n".join(lines)


__all__ = [
    "COPY_LIMIT",
    "FIX",
    "FIX_TO",
    "VOTE",
    "Press",
    "citation_text",
    "deep_link",
    "is_correction_press",
    "parse_press",
    "picker_keyboard",
    "quote_keyboard",
    "render_history",
    "render_verdict",
    "undo_keyboard",
]
