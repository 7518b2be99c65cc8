"""The registry: canonical speakers, every way of naming them, and the scan of a question."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.attribution.lexicon import (
    ARTICLES,
    INDEFINITE_OPENERS,
    NAME_CONNECTORS,
    ORG_NOISE,
)
from corpus.speakers.groups import Group, record
from corpus.speakers.names import (
    NICKNAMES_FOLDED,
    ORG_NOISE_FOLDED,
    PARTICLES_FOLDED,
    WORD,
    Kind,
    Parsed,
    fold,
    is_acronym,
    org_bag,
    own_words,
    parse,
    parse_org,
    plain_surname,
    plain_word,
)
from corpus.speakers.roles import clean_role, parties, role_key
from corpus.speakers.scan import fits_alone, is_word_gap, starts_sentence
from corpus.speakers.scripts import is_cyrillic, merge_across_scripts
from corpus.speakers.variants import Variants

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SpeakerMatch:
    """A known speaker named in a text: canonical name and the span that named them."""

    canonical: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True, slots=True)
class AmbiguousMention:
    """A name in a text that could mean several known speakers ("Clinton")."""

    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]


# Source kinds whose "speaker" is a description as printed, not a name.
_DESCRIBED_KINDS = frozenset({"anonymous", "document"})


class SpeakerRegistry:
    """Canonical speakers and every known way of naming them; see :mod:`corpus.speakers`."""

    def __init__(
        self,
        groups: list[Group],
        exact: dict[tuple[str, ...], dict[str, bool]],
        bags: dict[tuple[str, ...], set[str]],
        variants: Variants,
    ) -> None:
        self._groups = {group.name: group for group in groups}
        self._variants = variants
        # Folded word sequence -> {canonical: whether a surface of that speaker (True) or a
        # form derived from one, such as the surname alone (False)}.
        self._exact = exact
        self._bags = bags
        self._longest = max((len(k) for k in exact), default=0)
        self._longest_bag = max((len(k) for k in bags), default=0) + 3

    @classmethod
    def build(
        cls,
        speakers: Iterable[tuple[str, str | None] | tuple[str, str | None, str | None]],
        *,
        mentions: Iterable[tuple[str, str]] = (),
    ) -> SpeakerRegistry:
        """Build the registry from speaker names as the engine gave them, with their roles.

        Args:
            speakers: ``(name, role)`` or ``(name, role, source_kind)`` tuples, one per quote
                or mention; repeats are expected. Anonymous and document sources ("an Iowa
                Republican", "the report") are descriptions, never registered as names.
            mentions: ``(article id, mention as printed)`` of the quotes: an article that
                writes "Robert Vance" and "Robert Vance Jr." in full means two people; without
                that, a suffix is a style ("Joseph R. Biden Jr." is "Joseph R. Biden").

        A name in Cyrillic the engine gave as an organisation's is one ("МИД", "пресс-служба
        Кремля"): the Russian engine tells organisations from people by natasha's NER and
        the sentence's structure, where the name's words alone (read with English word
        lists) would make "Кремля" a person with the role "пресс-служба".
        """
        speakers = list(speakers)
        kinds: Counter[tuple[str, bool]] = Counter(
            (name.strip(), kind[0] == "organisation")
            for name, _, *kind in speakers
            if isinstance(name, str) and kind and is_cyrillic(name)
        )
        seen: Counter[tuple[str, str | None]] = Counter(
            (name.strip(), role.strip() if isinstance(role, str) and role.strip() else None)
            for name, role, *kind in speakers
            if isinstance(name, str)
            and name.strip()
            and not (kind and kind[0] in _DESCRIBED_KINDS)
            and name.split()[0].lower() not in INDEFINITE_OPENERS
        )
        full: dict[tuple[str, ...], Group] = {}
        initials: list[tuple[Parsed, str, str | None, int]] = []
        bare: list[tuple[Parsed, str, str | None, int]] = []
        orgs: dict[tuple[str, ...], Group] = {}
        for (name, role), count in seen.items():
            as_org = kinds[(name, True)] > kinds[(name, False)]
            parsed = parse_org(name) if as_org else parse(name)
            if parsed is None or not any(w[:1].isupper() for w in parsed.words):
                # "a source", "the government": described, not named; never guessed at.
                logger.debug("no speaker named in %r", name)
                continue
            if parsed.kind == "org" or len(parsed.key) == 2:
                table = orgs if parsed.kind == "org" else full
                group = table.get(parsed.key)
                if group is None:
                    group = table[parsed.key] = Group(parsed.kind, parsed.key)
                record(group, parsed, parsed.surface, role, count)
            elif any(w not in PARTICLES_FOLDED for w in own_words(parsed)[:-1]):
                initials.append((parsed, parsed.surface, role, count))
            else:
                bare.append((parsed, parsed.surface, role, count))
        _join_generations(full, _written_apart(mentions))
        variants = Variants(list(full.values()))
        full = variants.owners
        by_surname = variants.by_surname
        for parsed, surface, role, count in initials:
            # "J. Psaki" joins the one Psaki whose first name starts with J, if there is one.
            initial = next(w for w in parsed.folded if w not in PARTICLES_FOLDED)[:1]
            fits = [
                g
                for g in by_surname.namesakes(parsed.key[-1])
                if any(key[0][:1] == initial for key in g.keys if len(key) == 2)
            ]
            target = fits[0] if len(fits) == 1 else None
            if target is None:
                key = (*own_words(parsed)[:-1], parsed.key[-1])
                target = full.get(key)
                if target is None:
                    target = full[key] = Group("person", key)
                    by_surname.add(target)
            record(target, parsed, surface, role, count)
        lone: dict[tuple[str, ...], Group] = {}
        for parsed, surface, role, count in bare:
            namesakes = by_surname.namesakes(parsed.key[-1])
            if len(namesakes) == 1 and not _conflicting((role, parsed.role), namesakes[0]):
                record(namesakes[0], parsed, surface, role, count)
            else:
                group = lone.get(parsed.key)
                if group is None:
                    group = lone[parsed.key] = Group("person", parsed.key)
                record(group, parsed, surface, role, count)
        _join_acronyms(orgs, lone)
        for group in lone.values():
            by_surname.add(group)
        people = {id(group): group for group in full.values()}
        groups = [*people.values(), *lone.values(), *orgs.values()]
        groups = merge_across_scripts(groups)  # "Дмитрий Песков" is "Dmitry Peskov"
        for group in groups:
            group.settle()
        return cls(groups, *_index(groups), variants)

    def canonical(self, name: str) -> str | None:
        """Return the canonical name for any way of naming a speaker, or None.

        None when the name is unknown, or when it could mean several speakers (then see
        :meth:`candidates`).
        """
        found = self.candidates(name)
        return found[0] if len(found) == 1 else None

    def candidates(self, name: str) -> list[str]:
        """Return every speaker a name could mean: one when it is clear, none when unknown."""
        parsed = parse(name.strip())
        if parsed is None:
            return []
        hits = self._exact_hits(parsed)
        if hits is None and is_cyrillic(name):
            # A Russian organisation's name, read whole ("пресс-служба Кремля"; see build).
            whole = parse_org(name.strip())
            hits = self._exact.get(whole.folded) if whole is not None else None
        if hits:
            return _prefer_own(hits)
        if parsed.kind == "person":
            return self._spelt(parsed.key)
        if parsed.kind == "org":
            exact = self._bags.get(parsed.key)
            if exact:
                return sorted(exact)
            # "the Foreign Ministry" for "the Russian Foreign Ministry": every organisation
            # whose words include all of the ones asked for (several means ambiguous).
            wanted = set(parsed.key)
            return sorted(
                {c for bag, names in self._bags.items() if wanted <= set(bag) for c in names}
            )
        return []

    def _exact_hits(self, parsed: Parsed) -> dict[str, bool] | None:
        """The speakers registered under exactly this name (a person also by its key)."""
        hits = self._exact.get(parsed.folded)
        if hits is None and parsed.kind == "person":
            hits = self._exact.get(parsed.key)
        return hits

    def readings(self, name: str) -> list[str]:
        """Return every speaker a person asking by this name may mean.

        Unlike :meth:`candidates` (which maps the engine's names, where a speaker quoted
        under the bare surname is that speaker), a user's "Trump" with a Donald, an Eric and
        a bare "Trump" quoted is any of the three: the bare one is whoever the engine could
        not name in full, never evidence that the user meant them.
        """
        parsed = parse(name.strip())
        if parsed is None:
            return []
        hits = self._exact_hits(parsed)
        if hits and parsed.kind == "person" and len(parsed.key) == 1:
            return sorted(hits)
        return self.candidates(name)

    def find_in(self, text: str) -> list[SpeakerMatch]:
        """Find the known speakers named in a text, such as a question.

        Case-insensitive; where names overlap the longest wins. Matches come in the order of
        the text and never overlap. Names that could mean several speakers are left out
        (see :meth:`ambiguous_in`).
        """
        return [m for m in self._scan(text) if isinstance(m, SpeakerMatch)]

    def ambiguous_in(self, text: str) -> list[AmbiguousMention]:
        """Find names in a text that could mean several known speakers."""
        return [m for m in self._scan(text) if isinstance(m, AmbiguousMention)]

    def aliases(self, canonical: str) -> list[str]:
        """Return the ways a speaker was named, canonical name first."""
        group = self._groups.get(canonical)
        if group is None:
            return []
        rest = sorted(set(group.surfaces) - {canonical}, key=lambda s: (-group.surfaces[s], s))
        return [canonical, *rest]

    def roles(self, canonical: str) -> list[str]:
        """Return a speaker's roles, the most often given first, then the most complete.

        Roles written alike but for letter case or an article ("the White House press
        secretary", "White House Press Secretary") count as one, shown as most often written.
        """
        group = self._groups.get(canonical)
        if group is None:
            return []
        counts: Counter[str] = Counter()
        forms: dict[str, list[str]] = defaultdict(list)
        for role, count in group.roles.items():
            key = role_key(role)
            counts[key] += count
            forms[key].append(role)
        ranked = sorted(counts, key=lambda key: (-counts[key], -len(key.split()), -len(key), key))
        return [max(forms[key], key=lambda role: group.roles[role]) for key in ranked]

    def names(self) -> list[str]:
        """Return every canonical speaker name, sorted."""
        return sorted(self._groups)

    def kind(self, canonical: str) -> Kind | None:
        """Tell whether a speaker is a person or an organisation."""
        group = self._groups.get(canonical)
        return group.kind if group else None

    def __len__(self) -> int:
        return len(self._groups)

    def __contains__(self, canonical: object) -> bool:
        return canonical in self._groups

    def _scan(self, text: str) -> list[SpeakerMatch | AmbiguousMention]:
        words = list(WORD.finditer(text))
        folded = [fold(w.group()) for w in words]
        found: list[SpeakerMatch | AmbiguousMention] = []
        i = 0
        while i < len(words):
            hit = self._match_at(words, folded, i)
            if hit is None:
                i += 1
                continue
            length, names = hit
            start, end = words[i].start(), words[i + length - 1].end()
            surface = text[start:end]
            if len(names) == 1:
                found.append(SpeakerMatch(names[0], start, end, surface))
            else:
                found.append(AmbiguousMention(start, end, surface, tuple(names)))
            i += length
        return found

    def _match_at(
        self, words: list[re.Match[str]], folded: list[str], i: int
    ) -> tuple[int, list[str]] | None:
        """Return the longest name starting at word ``i``: its length in words and meanings."""
        if folded[i] in ARTICLES or folded[i] in NAME_CONNECTORS:
            return None
        top = min(max(self._longest, self._longest_bag), len(words) - i)
        for length in range(top, 0, -1):
            span = tuple(folded[i : i + length])
            hits = self._exact.get(span) if length <= self._longest else None
            names = _prefer_own(hits) if hits else []
            if not names and length > 1 and span[-1] not in ORG_NOISE_FOLDED:
                names = sorted(self._bags.get(org_bag(span), ()))
            if not names:
                continue
            if length == 1 and not fits_alone(words[i].group(), initial=starts_sentence(words, i)):
                continue
            return length, names
        # Else a spelling no article used: "Mikhael Pogrebin", "Kouznetsova".
        if i + 1 < len(words) and is_word_gap(words, i):
            names = self._spelt((folded[i], folded[i + 1]))
            if names:
                return 2, names
        word = words[i].group()
        if len(folded[i]) >= 4 and fits_alone(word, initial=starts_sentence(words, i)):
            names = self._spelt((folded[i],))
            if names:
                return 1, names
        return None

    def _spelt(self, key: tuple[str, ...]) -> list[str]:
        """Return the people a person key names in a spelling the registry has not seen."""
        if len(key) == 2:
            key = (NICKNAMES_FOLDED.get(key[0], key[0]), key[1])
        found = self._variants.find(key)
        if len(key) == 1:
            # As with exact names: a speaker named by the surname alone is preferred.
            return _prefer_own({g.name: len(g.key) == 1 for g in found})
        return sorted(g.name for g in found)


def _join_acronyms(orgs: dict[tuple[str, ...], Group], lone: dict[tuple[str, ...], Group]) -> None:
    """Merge an acronym into the one organisation whose initials it is ("IMF", "S.E.C.").

    "IMF" is "International Monetary Fund" when no other organisation in the corpus has
    those initials; with two, the acronym stays a speaker of its own. A one-word name in
    capitals the engine took for a person's ("DNC") is an acronym too.
    """
    spelt: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for key, group in orgs.items():
        for parsed in group.parsed:
            words = [w for w in parsed.words if plain_word(w) not in ORG_NOISE]
            if len(words) > 1 and all(w[:1].isupper() for w in words):
                spelt["".join(w[0] for w in words)].add(key)
    for table in (orgs, lone):
        for key, group in list(table.items()):
            written = group.parsed[0].words
            acronym = written[0].replace(".", "")
            if len(written) != 1 or not is_acronym([acronym]):
                continue
            owners = spelt.get(acronym, set())
            if len(owners) == 1:
                (owner,) = owners
                orgs[owner].absorb(group)
                del table[key]


def _conflicting(roles: tuple[str | None, ...], group: Group) -> bool:
    """Whether a speaker's roles say they are not the person a group's roles describe.

    The surname alone is no evidence of one person, a role of another party is evidence of
    two: "Carver, the Democratic mayor" stays apart from "John Carver, a Republican senator".
    A role that names no party, or a group with no party recorded, conflicts with nothing.
    Roles are read as the registry keeps them (``clean_role``: not the words around a name).
    """
    cleaned = [clean_role(r) for r in roles if r]
    mine = frozenset().union(*(parties(r) for r in cleaned if r))
    theirs = frozenset().union(*(parties(r) for r in group.roles))
    return bool(mine and theirs and not mine & theirs)


def _written_apart(mentions: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Return the (first name, surname) keys an article names in full with and without a
    generational suffix: "Robert Vance said …", "Robert Vance Jr. said …" are two people."""
    forms: dict[tuple[str, str, str], set[str | None]] = defaultdict(set)
    for doc, mention in mentions:
        parsed = parse(mention.strip()) if isinstance(mention, str) else None
        if parsed is not None and parsed.kind == "person" and len(parsed.key) == 2:
            forms[(doc, parsed.key[0], plain_surname(parsed.key[1]))].add(parsed.generation)
    return {(given, surname) for (_, given, surname), seen in forms.items() if len(seen) > 1}


def _join_generations(full: dict[tuple[str, ...], Group], apart: set[tuple[str, str]]) -> None:
    """Join a full name to the one suffixed form of it, unless something says they are two.

    "Joseph R. Biden Jr." and "Joseph R. Biden" (the engine's name for a later "Biden") are
    one man. Two people when an article writes both in full (a father and his son), or when
    the corpus has two suffixes ("Jr." and "Sr."), which leaves the bare form undecided.
    """
    suffixed: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for key in full:
        if len(key) == 2 and " " in key[1]:
            suffixed[(key[0], plain_surname(key[1]))].append(key)
    for plain, keys in suffixed.items():
        if plain in full and len(keys) == 1 and plain not in apart:
            full[keys[0]].absorb(full.pop(plain))


def _index(
    groups: list[Group],
) -> tuple[dict[tuple[str, ...], dict[str, bool]], dict[tuple[str, ...], set[str]]]:
    exact: dict[tuple[str, ...], dict[str, bool]] = defaultdict(dict)
    bags: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for group in groups:
        name = group.name
        for parsed in group.parsed:
            exact[parsed.folded][name] = True
            if group.kind == "org":
                bags[parsed.key].add(name)
                continue
            exact[parsed.key].setdefault(name, False)
            exact[parsed.key[-1:]].setdefault(name, False)
            if parsed.generation is not None:
                # "Vance Jr." is the son; "Vance" alone is either of them.
                surname = own_words(parsed)[-1]
                exact[(surname, parsed.generation)].setdefault(name, False)
                exact[(surname,)].setdefault(name, False)
            for index in range(1, len(parsed.folded) - 1):
                if parsed.folded[index] in PARTICLES_FOLDED:
                    # The surname with its particles: "von der Leyen", "de Gaulle".
                    exact[parsed.folded[index:]].setdefault(name, False)
                    break
        if group.kind == "person" and len(group.key) == 2:
            exact[group.key].setdefault(name, False)
    return dict(exact), dict(bags)


def _prefer_own(hits: dict[str, bool]) -> list[str]:
    own = sorted(name for name, is_own in hits.items() if is_own)
    return own if len(own) == 1 else sorted(hits)
