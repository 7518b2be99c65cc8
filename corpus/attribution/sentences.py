"""Find where a sentence or a noun phrase of the narrative starts and ends.

Full stops of abbreviations ("Mr.", "U.S.") and initials ("John F. Kennedy") end nothing.
"""

from __future__ import annotations

import re

from corpus.attribution.marks import MASK
from corpus.lang.en.names import ABBREVIATIONS


def sentence_start(masked: str, pos: int, lo: int) -> int:
    """Return where the sentence holding ``pos`` starts, not before ``lo``."""
    i = pos - 1
    while i > lo:
        ch = masked[i]
        if ch in ".!?" and i + 1 < len(masked) and masked[i + 1].isspace():
            word = re.search(r"([\w.]+)$", masked[lo:i])
            if not (word and word.group(1).lower() in ABBREVIATIONS) and not initial(masked, i):
                return i + 1
        i -= 1
    return lo


def sentence_end(masked: str, pos: int, hi: int) -> int:
    """Return where the sentence holding ``pos`` ends (after its full stop), not after ``hi``."""
    i = pos
    while i < hi:
        ch = masked[i]
        if ch in ".!?" and (i + 1 >= hi or masked[i + 1].isspace()):
            word = re.search(r"([\w.]+)$", masked[pos:i])
            if not (word and word.group(1).lower() in ABBREVIATIONS) and not initial(masked, i):
                return i + 1
        i += 1
    return hi


def initial(masked: str, i: int) -> bool:
    """Tell whether the full stop at ``i`` closes an initial ("John F. Kennedy")."""
    return i >= 1 and masked[i - 1].isupper() and (i < 2 or not masked[i - 2].isalnum())


def phrase_end(masked: str, lo: int, hi: int) -> int:
    """Return where a noun phrase starting at ``lo`` stops: a comma, a quote or a full stop."""
    i = lo
    while i < hi:
        ch = masked[i]
        if ch in ",;:!?" + MASK + '“”"«»„(':
            return i
        if ch == "." and not _abbreviation_before(masked, lo, i):
            return i
        i += 1
    return hi


def _abbreviation_before(masked: str, lo: int, i: int) -> bool:
    word = re.search(r"([\w.]+)$", masked[lo:i])
    if word is None:
        return False
    return word.group(1).lower() in ABBREVIATIONS or initial(masked, i)
