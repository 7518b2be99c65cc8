"""Split the words naming a speaker into a mention, a name and a role."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Literal

from corpus.lang.en.names import NOT_NAME_WORDS, TITLES
from corpus.lang.en.nouns import LY_NOUNS, ORG_NOUNS, ORG_WORDS, PERSON_NOUNS
from corpus.lang.en.pronouns import (
    ARTICLES,
    LEADING_JUNK,
    NAME_BLOCKERS,
    PRONOUNS,
    REFLEXIVES,
    TIME_WORDS,
    TRAILING_JUNK,
)

logger = logging.getLogger(__name__)

MentionKind = Literal["name", "org", "pronoun", "description"]

_TOKEN = re.compile(r"[\w][\w.'’\-]*")


@dataclass(frozen=True, slots=True)
class Mention:
    """Words pointing at a speaker, with what they say about the speaker."""

    start: int
    end: int
    text: str
    kind: MentionKind
    name: str | None = None  # the proper name in the mention, titles and role removed
    role: str | None = None


def is_capitalised(word: str) -> bool:
    """Tell whether a token looks like part of a proper name."""
    return word[:1].isupper() or (len(word) > 1 and word[0] in "'’" and word[1:2].isupper())


def _ends_sentence(word: str) -> bool:
    # "Hill." in "Capitol Hill. Sanders said": a full stop that is not an abbreviation's.
    return word.endswith(".") and len(word) > 4 and "." not in word[:-1]


def _is_adverb(word: str) -> bool:
    # "Clinton emphatically proclaimed", "Sanders himself acknowledged": words between the
    # subject and its verb.
    if word in REFLEXIVES:
        return True
    return word.islower() and word.endswith("ly") and len(word) > 4 and word not in LY_NOUNS


def _clean(word: str) -> str:
    return word.lower().rstrip(".’'").removesuffix("’s").removesuffix("'s")


def parse(text: str, lo: int, hi: int) -> Mention | None:
    """Read ``text[lo:hi]``, the words just before or after a cue, as a speaker mention."""
    tokens = [(m.start() + lo, m.end() + lo, m.group()) for m in _TOKEN.finditer(text[lo:hi])]
    if not tokens:
        return None
    # Strip a trailing time phrase ("on Tuesday", "last week") and adverbs next to the cue.
    while tokens:
        word = tokens[-1][2].lower().rstrip(".")
        if (
            word in TRAILING_JUNK
            or word in TIME_WORDS
            or word.isdigit()
            or _is_adverb(tokens[-1][2])
        ):
            tokens.pop()
            if tokens and tokens[-1][2].lower() in {"on", "last", "this", "late", "early"}:
                tokens.pop()
            continue
        break
    while tokens and tokens[0][2].lower() in LEADING_JUNK:
        tokens.pop(0)
    if not tokens or len(tokens) > 14:
        return None
    last = tokens[-1][2]
    if last.lower() in PRONOUNS:
        s, e, w = tokens[-1]
        return Mention(s, e, w, "pronoun")
    surface = [t[2] for t in tokens]
    # The name is the last run of capitalised words that are not title or role words.
    j = len(tokens)
    while (
        j > 0
        and is_capitalised(surface[j - 1])
        and _clean(surface[j - 1]) not in ORG_WORDS
        and _clean(surface[j - 1]) not in NOT_NAME_WORDS
        and not _ends_sentence(surface[j - 1])
    ):
        j -= 1
    name_tokens = tokens[j:]
    if name_tokens and j > 0 and _clean(surface[j - 1]) in NAME_BLOCKERS:
        name_tokens = []  # "the Communist Party", "Center for ..." : an organisation
    if name_tokens:
        name = " ".join(t[2] for t in name_tokens).rstrip(".,")
        if name.endswith(("’s", "'s")):
            return None
        role_words = surface[:j]
        while role_words and role_words[0].lower() in {"the", "a", "an"}:
            role_words = role_words[1:]
        role = " ".join(role_words).strip(" ,") or None
        s, e = name_tokens[0][0], name_tokens[-1][1]
        if role and len(role_words) > 8:
            role = None
        return Mention(s, e, text[s:e], "name", name=name, role=role)
    of = next(
        (k for k in range(len(surface) - 1, 0, -1) if surface[k] in {"of", "at", "from", "for"}), 0
    )
    if of:
        # "Paul Sperry of Counter Jihad": a name, then where the person comes from.
        left = parse(text, tokens[0][0], tokens[of - 1][1])
        if left is not None and left.kind == "name":
            role = " ".join(surface[of:])
            return Mention(left.start, left.end, left.text, "name", left.name, left.role or role)
    lowered = [_clean(w) for w in surface]
    if any(w in ORG_WORDS for w in lowered) and is_capitalised(surface[-1]):
        k = 0
        while k < len(tokens) - 1 and lowered[k] in {"the", "a", "an"}:
            k += 1
        s, e = tokens[k][0], tokens[-1][1]
        return Mention(s, e, text[s:e], "org", name=text[s:e])
    head = lowered[-1]
    if (
        head in PERSON_NOUNS
        or head in ORG_NOUNS
        or lowered[0] in {"the", "a", "an", "his", "her", "their", "one", "another"}
    ):
        if len(tokens) > 8 or (len(tokens) == 1 and head in ARTICLES):
            return None
        s, e = tokens[0][0], tokens[-1][1]
        kind: MentionKind = "org" if head in ORG_NOUNS else "description"
        return Mention(s, e, text[s:e], kind)
    return None


def split_title(name: str) -> tuple[str, str | None]:
    """Split a leading title off a name: "Sen. Ted Cruz" -> ("Ted Cruz", "Sen.")."""
    surface = name.split()
    k = 0
    while k < len(surface) - 1 and surface[k].lower() in TITLES:
        k += 1
    return " ".join(surface[k:]), (" ".join(surface[:k]) or None)
