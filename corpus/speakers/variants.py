"""Spelling variants: people whose full names are spellings of one another, found by bucket."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import combinations

from corpus.attribution.lexicon import (
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
)
from corpus.speakers.groups import Group
from corpus.speakers.names import fold, plain_surname

logger = logging.getLogger(__name__)


class Variants:
    """People named by full names that are spellings of one another, merged into one group.

    Only names in one bucket are compared: first names under one loose surname and ending in
    one letter, surnames under one loose first name and with the same first and last letters
    (:func:`_buckets`). Spellings of one name share a bucket (:func:`_same_given` and
    :func:`_same_surname` require it), buckets are small, and they stay as a sorted index to
    find a spelling no article used. Only buckets holding several names get a list, which keeps
    the garbage collector's work (and so the build time) down.
    """

    def __init__(self, groups: list[Group]) -> None:
        n = len(groups)
        self._givens = [loose_given(g.key[0]) for g in groups]
        self._surnames = [loose_surname(g.key[1]) for g in groups]
        parent = list(range(n))

        def root(index: int) -> int:
            while parent[index] != index:
                parent[index] = index = parent[parent[index]]
            return index

        # Bucket -> its one name's index, or its names' indexes when it has several.
        self._single: list[dict[str, int]] = []
        self._shared: list[dict[str, list[int]]] = []
        for part, names, same in (
            (0, self._givens, _same_given),
            (1, self._surnames, _same_surname),
        ):
            keys = _bucket_keys(part, self._givens, self._surnames)
            shared = {key for key, count in Counter(keys).items() if count > 1 and key}
            self._single.append(dict(zip(keys, range(n), strict=True)))
            self._shared.append(defaultdict(list))
            for index, key in enumerate(keys):
                if key in shared:
                    self._shared[part][key].append(index)
            for bucket in self._shared[part].values():
                for a, b in combinations(bucket, 2):
                    ra, rb = root(a), root(b)
                    if ra != rb and same(names[a], names[b]):
                        parent[max(ra, rb)] = min(ra, rb)
        for a, b in _short_forms(self._givens, self._surnames):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        self._owner = [groups[root(index)] for index in range(n)]
        for group, owner in zip(groups, self._owner, strict=True):
            if owner is not group:
                owner.absorb(group)
        self.owners = {group.key: owner for group, owner in zip(groups, self._owner, strict=True)}
        self.by_surname = Surnames()
        for group, owner in zip(groups, self._owner, strict=True):
            if owner is group:
                self.by_surname.add(group)

    def find(self, key: tuple[str, ...]) -> list[Group]:
        """Return the people a first name and surname, or a surname alone, may spell."""
        surname = loose_surname(key[-1])
        if len(key) == 1:
            return list(self.by_surname.loose.get(surname, ()))
        given = loose_given(key[0])
        found: dict[int, Group] = {}
        buckets = _buckets(given, surname)
        for part, names, wanted, same in (
            (0, self._givens, given, _same_given),
            (1, self._surnames, surname, _same_surname),
        ):
            bucket = buckets[part]
            single = self._single[part].get(bucket) if bucket else None
            shared = self._shared[part].get(bucket, [] if single is None else [single])
            for index in shared:
                if same(wanted, names[index]):
                    found[id(self._owner[index])] = self._owner[index]
        return list(found.values())


# Fuzzy matching (one edit) only on names this long: short names differ by one letter too
# often ("John", "Joan"; "Mark", "Mary").
_FUZZY_GIVEN = 6
_FUZZY_SURNAME = 7


@lru_cache(maxsize=65536)
def loose_surname(folded: str) -> str:
    """Fold a folded surname further, so its transliterations compare equal.

    "Kouznetsova" is "Kuznetsova" (French ou), "Mamine" is "Mamin" and "Poutine" is
    "Putin" (a French final e), "Vasilyev" is "Vasiliev", "Tokaiev" is "Tokaev". A final a is
    kept: "Petrova" is not "Petrov".
    """
    text = folded.replace("ou", "u")
    text = re.sub(r"(?<=[^aeiouy])y(?=[aeiou])", "i", text)
    text = re.sub(r"(?<=[aou])i(?=e[vw])", "", text)
    if len(text) > 4:
        text = re.sub(r"(?<=[aeiouy][^aeiouy])e$", "", text)
    return text


@lru_cache(maxsize=65536)
def loose_given(folded: str) -> str:
    """Fold a folded first name (nicknames already resolved) so its transliterations compare.

    "Iouri" is "Yuri", "Bryan" is "Brian", "Alexander" is "Alexandr", "Peter" is "Petr".
    """
    text = folded.replace("ou", "u")
    text = re.sub(r"^y(?=[aeiou])", "i", text[:1] + text[1:].replace("y", "i"))
    return re.sub(r"(?<=[bdgkpstvxz])er$", "r", text)


# First names whose bearer's sex is clear: a variant never joins a name of the other sex.
_FEMALE_GIVEN = frozenset(loose_given(fold(w)) for w in FEMALE_FIRST_NAMES - MALE_FIRST_NAMES)
_MALE_GIVEN = frozenset(loose_given(fold(w)) for w in MALE_FIRST_NAMES - FEMALE_FIRST_NAMES)


def _one_edit(a: str, b: str) -> bool:
    """Tell whether two different words are one substitution, insertion or deletion apart."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _slavic_o(word: str) -> bool:
    # Ukrainian writes O where Russian writes A or E: Oleksandr, Aleksandr; Olena, Elena.
    return word.startswith("ol") and len(word) >= 5


def _same_given(a: str, b: str) -> bool:
    """Tell whether two loose first names are spellings of one name.

    Equal names are; otherwise both must have the same last letter (so "Daniel" is not
    "Daniela", "Antonio" not "Antonia") and no known opposite sexes, and differ only by a
    Ukrainian initial O for A or E ("Olena", "Elena") or, in long names, by one letter inside
    ("Mikhail", "Mikhael").
    """
    if a == b:
        return True
    if a[-1:] != b[-1:] or (a in _FEMALE_GIVEN and b in _MALE_GIVEN):
        return False
    if b in _FEMALE_GIVEN and a in _MALE_GIVEN:
        return False
    if a[1:] == b[1:] and {a[0], b[0]} in ({"o", "a"}, {"o", "e"}):
        return _slavic_o(a) or _slavic_o(b)
    return min(len(a), len(b)) >= _FUZZY_GIVEN and a[0] == b[0] and _one_edit(a, b)


def _same_surname(a: str, b: str) -> bool:
    """Tell whether two loose surnames are spellings of one: equal, or long and one letter
    apart inside ("Kuznetsova", "Kuznetzova"); a different last letter is a different name
    ("Petrov", "Petrova")."""
    if a == b:
        return True
    if " " in a or " " in b:
        return False  # a generational suffix ("vance jr") is never one letter off another's
    return (
        min(len(a), len(b)) >= _FUZZY_SURNAME
        and a[0] == b[0]
        and a[-1] == b[-1]
        and _one_edit(a, b)
    )


def _short_forms(givens: list[str], surnames: list[str]) -> list[tuple[int, int]]:
    """Pair each person named by a short first name with the one fuller name it shortens.

    "Len Burman" is "Leonard E. Burman" when the corpus has one Burman whose first name
    "Len" begins, and no other: with a "Leonard Burman" and a "Lenore Burman", "Len Burman"
    could be either and stays apart. Names compare loose (:func:`loose_given`).
    """
    by_surname: dict[str, list[int]] = defaultdict(list)
    for index, surname in enumerate(surnames):
        by_surname[surname].append(index)
    pairs: list[tuple[int, int]] = []
    for indexes in by_surname.values():
        if len(indexes) < 2:
            continue
        for short in indexes:
            fuller = {
                givens[other] for other in indexes if _shortens(givens[short], givens[other])
            }
            if len(fuller) == 1:
                (name,) = fuller
                pairs += [(short, other) for other in indexes if givens[other] == name]
    return pairs


def _shortens(short: str, full: str) -> bool:
    """Tell whether a loose first name is a short form of another ("len", "leonard").

    A short form is the full name's first three letters or more, at least two letters
    short of it. A full name ending in a or e is left alone, as are names of known opposite
    sexes: those endings make women's names of men's ("Paula", "Roberta", "Danielle"), whose
    beginning is no short form of theirs.
    """
    if len(short) < 3 or len(full) < len(short) + 2 or not full.startswith(short):
        return False
    if full[-1] in "ae":
        return False
    return (short in _FEMALE_GIVEN) == (full in _FEMALE_GIVEN) and not (
        short in _MALE_GIVEN and full in _FEMALE_GIVEN
    )


def _bucket_keys(part: int, givens: list[str], surnames: list[str]) -> list[str]:
    """Return :func:`_buckets` ``[part]`` for many names at once (this is the hot loop)."""
    pairs = zip(givens, surnames, strict=True)
    if part == 0:
        return [f"{surname} {given[-1:]}" for given, surname in pairs]
    return [
        f"{given} {surname[:1]}{surname[-1:]}" if len(surname) >= _FUZZY_SURNAME else ""
        for given, surname in pairs
    ]


def _buckets(given: str, surname: str) -> tuple[str, str]:
    """Return the buckets a loose name's spellings are in: the first name's, the surname's.

    The surname's bucket is empty (no fuzzy matching) for a short surname.
    """
    by_surname = f"{surname} {given[-1:]}"
    if len(surname) < _FUZZY_SURNAME:
        return by_surname, ""
    return by_surname, f"{given} {surname[:1]}{surname[-1:]}"


class Surnames:
    """People by loose surname, to find who a surname alone names."""

    __slots__ = ("loose",)

    def __init__(self) -> None:
        self.loose: dict[str, list[Group]] = defaultdict(list)

    def add(self, group: Group) -> None:
        """Index a person under each surname their spellings use.

        A son ("vance jr") is indexed under his surname alone too: "Vance" may be either.
        """
        surnames = [key[-1] for key in group.keys]
        surnames += [plain_surname(s) for s in surnames if " " in s]
        for loose in dict.fromkeys(loose_surname(s) for s in surnames):
            self.loose[loose].append(group)

    def namesakes(self, surname: str) -> list[Group]:
        """Return the people a surname may mean: those spelling it so, else any spelling."""
        namesakes = self.loose.get(loose_surname(surname), [])
        if len(namesakes) < 2:
            return namesakes
        exact = [g for g in namesakes if any(plain_surname(key[-1]) == surname for key in g.keys)]
        return exact or namesakes
