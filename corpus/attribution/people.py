"""Gather an article's people and organisations, and resolve mentions to canonical names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.attribution.lexicon import NOT_NAME_WORDS, ORG_WORDS, TITLES
from corpus.attribution.mentions import Mention, is_capitalised, split_title

_RUN = re.compile(r"(?:(?:[A-Z][a-z]{0,3}\.|[A-Z][\w’'\-]*)\s+){0,4}[A-Z][\w’'\-]*")


def _lower(word: str) -> str:
    return word.lower().rstrip(".").removesuffix("’s").removesuffix("'s")


@dataclass(slots=True)
class People:
    """The person names of one article, keyed by surname, to pick each one's fullest form."""

    by_surname: dict[str, str] = field(default_factory=dict)

    @classmethod
    def gather(cls, masked: str) -> People:
        """Collect person-like names (two to four capitalised words) outside quotes."""
        people = cls()
        for match in _RUN.finditer(masked):
            words = match.group().split()
            while words and _lower(words[0]) in TITLES | NOT_NAME_WORDS:
                words.pop(0)
            if words and words[-1].endswith(("’s", "'s")):
                words[-1] = words[-1][:-2]
            if not 2 <= len(words) <= 4:
                continue
            if any(_lower(w) in ORG_WORDS or _lower(w) in NOT_NAME_WORDS for w in words):
                continue
            people.add(" ".join(words))
        return people

    def add(self, name: str) -> None:
        """Remember a full name under its surname, keeping the longest form seen."""
        surname = _lower(name.split()[-1])
        known = self.by_surname.get(surname)
        if known is None or len(name.split()) > len(known.split()):
            self.by_surname[surname] = name

    def canonical(self, name: str) -> str:
        """Return the fullest known form of a person's name ("Psaki" -> "Jennifer Psaki")."""
        bare, _ = split_title(name)
        words = bare.split()
        if not words:
            return name
        known = self.by_surname.get(_lower(words[-1]))
        if known and all(w in known.split() for w in words[:-1]):
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
        role = mention.role or title
        if role and role.lower().rstrip(".") in {"mr", "mrs", "ms", "dr"}:
            role = None
        return Speaker(people.canonical(name), role, True)
    if mention.kind == "org" and mention.name:
        return Speaker(mention.name, None, False)
    return None


def looks_like_person(words: list[str]) -> bool:
    """Tell whether capitalised words could be a person's name rather than an organisation."""
    return (
        bool(words)
        and all(is_capitalised(w) for w in words)
        and not any(_lower(w) in ORG_WORDS for w in words)
    )
