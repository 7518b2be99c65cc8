"""Tell quoted speech from a quoted title, name or number ("Meet the Press", a tweet's id)."""

from __future__ import annotations

from corpus.lang.en.pronouns import MINOR_WORDS


def is_number(quoted: list[str]) -> bool:
    """Tell whether quoted words hold no letters or are a web address."""
    return not any(c.isalpha() for w in quoted for c in w) or quoted[0].startswith("http")


def is_title(quoted: list[str]) -> bool:
    """Tell whether quoted words look like a title, a name or a number, not speech."""
    if not quoted or len(quoted) > 8:
        return False
    if not any(c.isalpha() for w in quoted for c in w) or quoted[0].startswith("http"):
        return True
    significant = [w.strip("‘’'\"(),.:;!?") for w in quoted]
    significant = [w for w in significant if w and w.lower() not in MINOR_WORDS]
    return bool(significant) and all(w[0].isupper() or w[0].isdigit() for w in significant)
