"""Characters that change what a reader sees without being seen themselves.

Article text is not trusted. Bidirectional controls (embeddings, overrides, isolates and the
directional marks) can reorder how a quote is displayed, so that what the reader sees is not
the words in the file (Trojan Source); invisible format characters (zero-width spaces, word
joiners, tags) can hide that two texts differ. Front ends show each of them as the replacement
character, in the terminal and in Telegram, so a doctored quote looks doctored. Machine
output (``--json``) keeps them, since it is verbatim. The zero-width joiner and non-joiner stay:
scripts and emoji sequences need them, and they reorder nothing.
"""

from __future__ import annotations

import re

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"

_INVISIBLE = re.compile(
    "["
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings, isolates
    "\u200b\u2060-\u2064\ufeff\u180e\ufff9-\ufffb"  # zero-width space, joiners, BOM, annotations
    "\U000e0001\U000e0020-\U000e007f"  # tag characters
    "]"
)


def visible(text: str) -> str:
    """Return ``text`` with every character that changes its display unseen shown as �."""
    return _INVISIBLE.sub(REPLACEMENT, text)
