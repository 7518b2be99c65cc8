"""Gather an article's people and organisations, and resolve mentions to canonical names."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from corpus.attribution.lexicon import (
    FEMALE_FIRST_NAMES,
    FEMALE_WORDS,
    MALE_FIRST_NAMES,
    MALE_WORDS,
    NOT_NAME_WORDS,
    ORG_WORDS,
    PLACE_NAMES,
    TITLES,
    words,
)
from corpus.attribution.mentions import Mention, is_capitalised, split_title

logger = logging.getLogger(__name__)

_RUN = re.compile(r"(?:(?:[A-Z][a-z]{0,3}\.|[A-Z][\w’'\-]*)\s+){0,4}[A-Z][\w’'\-]*")


def _lower(word: str) -> str:
    return word.lower().rstrip(".").removesuffix("’s").removesuffix("'s")


@dataclass(slots=True)
class People:
    """The person names of one article, keyed by surname, to pick each one's fullest form."""

    by_surname: dict[str, str] = field(default_factory=dict)
    seen: Counter[str] = field(default_factory=Counter)

    @classmethod
    def gather(cls, masked: str) -> People:
        """Collect person-like names (two to four capitalised words) outside quotes."""
        people = cls()
        for match in _RUN.finditer(masked):
            tokens = match.group().split()
            while tokens and _lower(tokens[0]) in TITLES | NOT_NAME_WORDS:
                tokens.pop(0)
            if tokens and tokens[-1].endswith(("’s", "'s")):
                tokens[-1] = tokens[-1][:-2]
            if not 2 <= len(tokens) <= 4:
                continue
            if any(_lower(w) in ORG_WORDS or _lower(w) in NOT_NAME_WORDS for w in tokens):
                continue
            people.add(" ".join(tokens))
        return people

    def add(self, name: str) -> None:
        """Remember a full name under its surname, keeping its most frequent full form.

        Frequency before length: "Rival Hillary Clinton" at the start of one sentence must
        not win over the "Hillary Clinton" of every other.
        """
        surname = _lower(name.split()[-1])
        self.seen[name] += 1
        known = self.by_surname.get(surname)
        if known is None or (self.seen[name], len(name)) > (self.seen[known], len(known)):
            self.by_surname[surname] = name

    def canonical(self, name: str) -> str:
        """Return the fullest known form of a person's name ("Psaki" -> "Jennifer Psaki")."""
        bare, _ = split_title(name)
        tokens = bare.split()
        if not tokens:
            return name
        known = self.by_surname.get(_lower(tokens[-1]))
        if known and all(w in known.split() for w in tokens[:-1]):
            return known
        return bare


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker the engine has attributed words to."""

    name: str
    role: str | None
    is_person: bool


def speaker_from(mention: Mention, people: People) -> Speaker | None:
    """Turn a named or organisational mention into a speaker (pronouns need resolving)."""
    if mention.kind == "name" and mention.name:
        name, title = split_title(mention.name)
        canonical = people.canonical(name)
        if canonical.lower() in PLACE_NAMES:
            # "Armenia said": a state speaking through its institutions, not a person.
            return Speaker(canonical, None, False)
        role = clean_role(mention.role) or clean_role(title)
        return Speaker(canonical, role, True)
    if mention.kind == "org" and mention.name:
        return Speaker(mention.name, None, False)
    return None


_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "miss"})
# A role opening with one of these is a clause or a circumstance, not a description.
_NOT_ROLE_START = words(
    "who which that whose what when where while after before shortly in on at as like "
    "people she he they it we i says said according"
)
# After a word in -ing these show a verb with its object ("speaking to a veterans group").
_OBJECT_START = words("the a an to his her their its in on at about with for")


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
    if first in _NOT_ROLE_START:
        return None
    if first.endswith("ing") and len(tokens) > 1 and tokens[1].lower() in _OBJECT_START:
        return None
    if any(w.lower() in {"he", "she", "they", "says", "said"} for w in tokens):
        return None
    text = " ".join(tokens).strip(" ,")
    if text.lower().rstrip(".") in _HONORIFICS:
        return None
    return text or None


def looks_like_person(names: list[str]) -> bool:
    """Tell whether capitalised words could be a person's name rather than an organisation."""
    return (
        bool(names)
        and all(is_capitalised(w) for w in names)
        and not any(_lower(w) in ORG_WORDS for w in names)
    )


def gender_of(speaker: Speaker) -> str | None:
    """Return "f" or "m" when a speaker's first name or role shows it, else None."""
    if not speaker.is_person:
        return None
    first = speaker.name.split()[0].lower() if len(speaker.name.split()) > 1 else ""
    if first in FEMALE_FIRST_NAMES and first not in MALE_FIRST_NAMES:
        return "f"
    if first in MALE_FIRST_NAMES and first not in FEMALE_FIRST_NAMES:
        return "m"
    role = {w.lower().strip(",.") for w in (speaker.role or "").split()}
    if role & FEMALE_WORDS and not role & MALE_WORDS:
        return "f"
    if role & MALE_WORDS and not role & FEMALE_WORDS:
        return "m"
    return None


def agrees(speaker: Speaker, pronoun: str) -> bool:
    """Tell whether "he" or "she" may refer to a speaker (unknown gender agrees with both)."""
    gender = gender_of(speaker)
    wanted = {"he": "m", "she": "f"}.get(pronoun.lower())
    return gender is None or wanted is None or gender == wanted
