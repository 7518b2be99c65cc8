"""Roles: keep the words around a name only when they read as a description of the speaker."""

from __future__ import annotations

from corpus.lang.en.names import HONORIFICS
from corpus.lang.en.nouns import LY_NOUNS
from corpus.lang.en.pronouns import DANGLING_WORDS, NOT_ROLE_STARTS, OBJECT_STARTS, ROLE_ADVERBS


def clean_role(role: str | None) -> str | None:
    """Keep a role only when it reads as a description of the speaker."""
    if not role:
        return None
    tokens = role.replace("\x00", " ").split()
    # "Oct. 4 Former President": drop a leading date.
    digits = [i for i, w in enumerate(tokens) if any(c.isdigit() for c in w)]
    if digits and digits[-1] < len(tokens) - 1 and digits[-1] <= 2:
        tokens = tokens[digits[-1] + 1 :]
    if not tokens or len(tokens) > 12:
        return None
    first = tokens[0].lower().strip(",")
    if first in NOT_ROLE_STARTS:
        return None
    if first.endswith("ing") and len(tokens) > 1 and tokens[1].lower() in OBJECT_STARTS:
        return None
    if any(w.lower() in {"he", "she", "they", "says", "said"} for w in tokens):
        return None
    tokens = _without_dangling_tail(tokens)
    text = " ".join(tokens).strip(" ,")
    if not any(c.isalpha() for c in text) or text.lower().rstrip(".") in HONORIFICS:
        return None  # "82": an age is no role
    return text


def _without_dangling_tail(tokens: list[str]) -> list[str]:
    """Drop what a cut left at a role's end: adverbs, a lone "Mr" or initial, "to the".

    "senior aide to Mr" -> "senior aide"; "president of the A" -> "president";
    "spokesman recently" -> "spokesman".
    """
    tokens = list(tokens)
    while tokens:
        last = tokens[-1].strip(",")
        bare = last.rstrip(".").lower()
        cut = (
            bare in HONORIFICS
            or (len(bare) == 1 and last[:1].isupper())
            or bare in DANGLING_WORDS
            or (last.islower() and bare.endswith("ly") and len(bare) > 4 and bare not in LY_NOUNS)
            or bare in ROLE_ADVERBS
        )
        if not cut:
            break
        tokens.pop()
    return tokens
