"""The "More quotes" button: its callback data, built and parsed in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

MORE_PREFIX = "more|"
# Telegram limits callback data to 64 bytes.
_CALLBACK_LIMIT = 64
# ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
_MORE = re.compile(rf"^{re.escape(MORE_PREFIX)}(?P<offset>[0-9]{{1,9}})\|(?P<speaker>.+)$", re.S)


@dataclass(frozen=True, slots=True)
class MorePress:
    """A press on "More quotes": whose quotes, from which offset."""

    speaker: str
    offset: int


def more_markup(
    speaker: str | None, offset: int, *, label: str = "More quotes"
) -> InlineKeyboardMarkup | None:
    """Return a "More quotes" button (``label``, in the user's language) paging ``speaker``
    from ``offset``, if the data fits."""
    if not speaker:
        return None
    data = f"{MORE_PREFIX}{offset}|{speaker}"
    if len(data.encode("utf-8")) > _CALLBACK_LIMIT:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])


def parse_more(data: str | None) -> MorePress | None:
    """Return the press encoded in ``data``, or ``None`` for data this bot never made."""
    match = _MORE.match(data or "")
    if match is None or not match["speaker"].strip():
        return None
    return MorePress(speaker=match["speaker"], offset=int(match["offset"]))
