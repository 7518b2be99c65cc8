"""One speaker being assembled from every way the articles named them."""

from __future__ import annotations

import logging
from collections import Counter

from corpus.speakers.names import Kind, Parsed
from corpus.speakers.roles import clean_role

logger = logging.getLogger(__name__)


class Group:
    """One speaker being assembled: every surface that named them, and their roles."""

    __slots__ = ("key", "keys", "kind", "name", "parsed", "roles", "surfaces")

    def __init__(self, kind: Kind, key: tuple[str, ...]) -> None:
        self.kind = kind
        self.key = key
        self.keys: tuple[tuple[str, ...], ...] = (
            key,
        )  # with the keys of the spelling variants merged into this one
        self.surfaces: dict[str, int] = {}
        self.roles: dict[str, int] = {}
        self.parsed: list[Parsed] = []
        self.name = ""

    def settle(self) -> str:
        """Choose the canonical name: the fullest form, then the commonest, then the first.

        A form with more words is fuller, then one whose first name is longer ("Leonard E.
        Burman" over "Len Burman"). Initials do not make a form fuller: "Donald Trump" is as
        full as "Donald J. Trump", and the commonest of the two is chosen.
        """
        surfaces = self.surfaces
        # A form that lost its full stops ("Leonard E Burman") counts for the one with them.
        # So does one in other letter case ("Politifact" for "PolitiFact"), and the form
        # with capitals inside a word wins: the engine or a user lowercases, no one adds them.
        undotted: Counter[str] = Counter()
        for surface, count in surfaces.items():
            undotted[_undotted(surface)] += count
        self.name = max(
            surfaces,
            key=lambda s: (
                *_fullness(s),
                undotted[_undotted(s)],
                "." in s,
                _inner_capitals(s),
                surfaces[s],
            ),
        )
        return self.name

    def absorb(self, other: Group) -> None:
        """Take in a group found to name the same speaker under another spelling."""
        self.keys += other.keys
        self.parsed += other.parsed
        for mine, theirs in ((self.surfaces, other.surfaces), (self.roles, other.roles)):
            for text, count in theirs.items():
                mine[text] = mine.get(text, 0) + count


def _undotted(surface: str) -> str:
    return surface.replace(".", "").casefold()


def _inner_capitals(surface: str) -> int:
    return sum(
        1 for word in surface.split() if not word.isupper() for c in word[1:] if c.isupper()
    )


def _fullness(surface: str) -> tuple[int, int]:
    """Rank a way of naming someone: words that are more than initials, the first one's length."""
    full = [word for word in surface.split() if len(word.rstrip(".")) > 1]
    return len(full), len(full[0]) if full else 0


def record(group: Group, parsed: Parsed, surface: str, role: str | None, count: int) -> None:
    group.surfaces[surface] = group.surfaces.get(surface, 0) + count
    group.parsed.append(parsed)
    for given in (role, parsed.role):
        cleaned = clean_role(given) if given else None
        if cleaned:
            group.roles[cleaned] = group.roles.get(cleaned, 0) + count
