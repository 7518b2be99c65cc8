"""Roles: the noun phrase that describes a speaker, cut from the text around a name."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from corpus.attribution.lexicon import (
    ARTICLES,
    CUT_TITLES,
    DEMONYMS,
    NAME_CONNECTORS,
    NAME_ORG_WORDS,
    NAME_PARTICLES,
    NOT_ROLE_ENDINGS,
    NOT_ROLE_OPENERS,
    PERSON_NOUNS,
    PLACE_NAMES,
    RELATIVE_PRONOUNS,
    ROLE_ADJECTIVES,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLES,
)
from corpus.speakers.names import PARTY_TAG, plain_word

logger = logging.getLogger(__name__)


# The role words that can head a description ("famous" or "senior" cannot).
_ROLE_NOUNS = (ROLE_WORDS | PERSON_NOUNS) - ROLE_ADJECTIVES
_ROLE_HEAD = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=65536)
def clean_role(role: str) -> str | None:
    """Return a role as a noun phrase that describes the person, or None if it is not one.

    The engine's role is the text around a name; what a journalist would print as the
    person's description is kept, and a relative clause after it is cut ("chief of staff to
    President Bill Clinton whom Mr" is "chief of staff to President Bill Clinton"). Fragments
    are dropped: a clause ("appearing after Clinton"), an age ("25"), a possessive ("NBC's"),
    a place ("of Springfield, Va."), a party-state tag ("R-Ky."), a lone adjective
    ("German"), another name ("Julie A.") and pointers to someone else ("his former
    partner", "another critic").
    """
    words = role.split()
    while len(words) > 1 and words[0].isupper() and words[0].lower() in PLACE_NAMES:
        words = words[1:]  # a dateline ("WASHINGTON"), not the role
    for index, word in enumerate(words):
        if index and word.lower().strip(",") in RELATIVE_PRONOUNS:
            words = words[:index]
            break
    words = _trim_after_title(words)
    last = words[-1].rstrip(".") if words else ""
    if len(words) > 2 and ((len(last) == 1 and last.isupper()) or last.lower() in CUT_TITLES):
        # "president of the A" for "... of the A.F.L.-C.I.O.", "senior aide to Mr": the
        # engine cut the name at its first full stop; the phrase naming it goes with it.
        words = words[:-1]
        while words and words[-1].lower() in NAME_CONNECTORS | ARTICLES:
            words = words[:-1]
    text = " ".join(words).strip(" ,;:-")
    if not text or not _ROLE_HEAD.search(text) or PARTY_TAG.fullmatch(text):
        return None
    words = text.split()
    first, last = words[0].lower(), words[-1].lower().rstrip(",.")
    if first in NOT_ROLE_OPENERS or last in NOT_ROLE_ENDINGS or last.endswith(("'s", "’s")):
        return None
    if last in SPEECH_VERBS or (last.endswith("ed") and words[-1].islower()):
        return None  # "supporter Zainab Dossaji told", "court previously heard": a clause
    if len(words) == 1 and (first in DEMONYMS or text.isupper()):
        return None
    plain = [plain_word(w.strip(",.")) for w in words]
    known = any(w in _ROLE_NOUNS for w in plain)
    if first.endswith(("ing", "ed")) and len(first) > 5 and not known:
        return None  # "appearing after Clinton", "invoked the story": not a description
    if (
        all(w[:1].isupper() for w in words)
        and not known
        and not any(w in NAME_ORG_WORDS for w in plain)
    ):
        return None  # capitalised words only, none a title: a name ("Julie A.")
    if len(words) > 1 and words[0] in ("The", "A", "An"):
        text = words[0].lower() + text[len(words[0]) :]  # it opened a sentence
    return text


def _trim_after_title(words: list[str]) -> list[str]:
    """Cut what follows a role's last title when it is the person's own name.

    "French President Francois" is "French President", "Mayor Bill de" is "Mayor": the
    engine split a name and left its first part in the role. A trailing abbreviated title
    after a description ("vice-presidential nominee Gov.") belongs to the name, too.
    """
    plain = [plain_word(w.strip(",")) for w in words]
    last_title = max(
        (i for i, w in enumerate(plain) if w in TITLES or w in ROLE_WORDS), default=-1
    )
    # Not after a preposition: "chief of staff to President Bill Clinton" names another.
    inside = any(w in NAME_CONNECTORS and w not in NAME_PARTICLES for w in plain[:last_title])
    tail = list(zip(words[last_title + 1 :], plain[last_title + 1 :], strict=True))
    name_like = all(w[:1].isupper() or p in NAME_PARTICLES for w, p in tail) and not any(
        p in NAME_ORG_WORDS or (p in NAME_CONNECTORS and p not in NAME_PARTICLES) for _, p in tail
    )
    if 0 <= last_title < len(words) - 1 and not inside and name_like:
        words = words[: last_title + 1]
    if (
        len(words) > 1
        and words[-1].endswith(".")
        and plain_word(words[-1]) in TITLES
        and not words[-2].endswith(".")
        and (words[-2][:1].islower() or plain_word(words[-2]) in ROLE_WORDS)
    ):
        words = words[:-1]
    return words


# Party words and tags: a role that names one party is positive evidence against being the
# person another party's role describes (parties are few and exclusive; offices change).
_PARTY_WORDS = {"democrat": "D", "democratic": "D", "republican": "R", "gop": "R"}
_PARTY_IN_ROLE = re.compile(r"\b(?:([RD])-[A-Z][A-Za-z.]{0,12}|([A-Za-z]+))")


def parties(role: str) -> frozenset[str]:
    """Return the US parties a role names ("Democratic senator", "(R-Ohio)"): "D", "R"."""
    found = set()
    for tag, word in _PARTY_IN_ROLE.findall(role):
        party = tag or _PARTY_WORDS.get(word.lower())
        if party:
            found.add(party)
    return frozenset(found)


def role_key(role: str) -> str:
    words = role.lower().split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)
