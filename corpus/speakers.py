"""The speaker registry: one canonical name for every way articles and users name a speaker.

Articles name one speaker many ways: "Jennifer Psaki", "Psaki", "White House spokesman
Jennifer Psaki"; "Mikhail Aleksandrov" here, "Mikhail Alexandrov" there; "the Russian Foreign
Ministry", "Russian Foreign Ministry"; "Kazakhstan's Ministry of Internal Affairs", "the
Ministry of Internal Affairs of Kazakhstan". Users ask with any of these, in any letter case.

    registry = SpeakerRegistry.build([(name, role), ...])   # names as the engine gave them
    registry.canonical("psaki")             -> "Jennifer Psaki"   (None if unknown/ambiguous)
    registry.candidates("Clinton")          -> every speaker the name could mean
    registry.find_in("What did psaki say?") -> [SpeakerMatch("Jennifer Psaki", 9, 14, "psaki")]
    registry.ambiguous_in(text)             -> mentions that could mean several speakers
    registry.aliases(c); registry.roles(c); registry.names()
    name_key(name)                          -> the normalised key names are matched by
    person_names(text)                      -> person-like names in free text, known or not

How names are matched:

* Role words in front are not part of a name ("Leader of the Communist Party Gennady
  Zyuganov" is Gennady Zyuganov, with that role); neither are articles or a possessive 's.
* Spelling variants fold together: ks/x, a final i/iy/yi/ii/y (Yuri, Yury, Yuriy; -ski,
  -sky), doubled letters, "y" between vowels (Nazarbayev, Nazarbaev), accents.
* Transliterations of one person's name merge across articles, found by bucket (never by
  comparing every pair of names): a surname's French ou and final e (Kouznetsova, Mamine),
  y/i before a vowel (Vasilyeva, Vasilieva); a first name's -er/-r (Alexander, Aleksandr) and
  Ukrainian initial O (Olena/Elena, Oleksandr/Aleksandr); and one letter inside a long first
  name or surname (Mikhail/Mikhael; Kuznetsova/Kuznetzova, with the same first name). A
  different last letter is a different person (Daniel/Daniela, Petrov/Petrova), so are first
  names of opposite sexes, and short names never match fuzzily (John/Joan, Mark/Mary). A
  spelling no article used is found too ("Mikhael Pogrebin").
* People are keyed by first name and surname; common nicknames fold (Bill/William) and an
  initial ("J. Psaki") joins the one person it can mean. Different first names are different
  people: "Hillary Clinton" and "Bill Clinton" stay apart, and "Clinton" alone then means
  neither (it is ambiguous) unless an article quotes someone named just "Clinton", who is a
  speaker of their own. A surname alone joins a person only when one person has it.
* Organisations are keyed by their words regardless of order, with country adjectives folded
  to the country ("Russian" -> "russia") and a few synonyms ("internal" -> "interior"), so
  "Kazakhstan's Ministry of Internal Affairs" is "the Ministry of Internal Affairs of
  Kazakhstan" and "the Kazakh Interior Ministry".
* Matching in free text is case-insensitive, except that a one-word name that is also a
  common English word ("May", "Rice") must be capitalised there.

Speakers the engine could only describe ("a source", "the politician") have no name and are
not registered: the registry never guesses who they are.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, pairwise
from typing import Literal, NamedTuple

from corpus.attribution.lexicon import (
    ABBREVIATIONS,
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    PERSON_NOUNS,
    TITLES,
)

__all__ = [
    "AmbiguousMention",
    "SpeakerMatch",
    "SpeakerRegistry",
    "name_key",
    "person_names",
]

logger = logging.getLogger(__name__)

# Words, keeping inner apostrophes, hyphens and dots ("Kazakhstan's", "Military-Political",
# "U.S."); a word never ends in punctuation.
_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


_ARTICLES = frozenset({"the", "a", "an"})
# A party and state after a name ("Paul Ryan R-Wis.", "(D-Calif.)"): a tag, not a surname.
_PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,12}")
# Lowercase words inside names ("Ursula von der Leyen") and suffixes after them ("Jr.").
_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "bin"})
_PARTICLES |= frozenset({"ibn", "al", "el", "dos", "das", "del", "ter", "ten"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_CONNECTORS = frozenset({"of", "for", "and", "on", "in", "at", "to", "de", "del", "und"})
# Titles and roles written in front of a name ("President", "spokesman", "Leader of ...").
_ROLE_WORDS = _vocabulary(
    """
    president vice prime minister ministers secretary spokesman spokeswoman spokesperson
    press leader leaders chairman chairwoman chair head director chief senator sen rep
    representative governor mayor general gen colonel col captain capt lieutenant lt sergeant
    sgt officer ambassador deputy expert analyst researcher professor prof dr mr mrs ms miss
    sir dame lord lady king queen prince princess pope judge justice attorney lawyer
    chancellor premier commissioner envoy adviser advisor aide candidate nominee lawmaker
    congressman congresswoman politician scientist economist journalist correspondent editor
    founder ceo cfo coo executive manager official mp mep councillor councilman councilwoman
    patriarch bishop archbishop cardinal rabbi imam sheikh emir sultan ayatollah coach
    commander admiral marshal director-general secretary-general spokesperson former acting
    political senior junior leading well-known famous renowned first second member members
    representative head state speaker deputy-head researcher specialist activist blogger
    host presenter anchor author writer historian sociologist scholar fellow teacher student
    doctor nurse witness resident residents worker owner
    """
)
# Words that make a phrase an organisation (or a part of one).
_ORG_WORDS = _vocabulary(
    """
    ministry ministries department office party committee council government administration
    agency service services embassy police army forces force navy court parliament duma senate
    congress kremlin commission union organization organisation association center centre
    institute university academy bank company corporation corp inc ltd llc plc group
    foundation fund federation authority authorities bureau network news times post journal
    channel newspaper tv radio house pentagon cabinet assembly secretariat directorate
    headquarters staff guard command movement front alliance coalition league club team
    board chamber mission delegation prosecutor's prosecutors procuracy inspectorate
    nato un eu csto cis cia fbi fsb kgb sco opec imf who osce tass reuters ria interfax afp
    state states defense defence interior internal foreign affairs justice health finance
    economy economic education agriculture energy treasury commerce labor labour homeland
    security military political research studies sciences communist democratic republican
    liberal social national federal public central international world european
    """
)
_NICKNAMES = {
    "bill": "william", "will": "william", "billy": "william", "bob": "robert", "rob": "robert",
    "bobby": "robert", "jim": "james", "jimmy": "james", "mike": "michael", "mick": "michael",
    "joe": "joseph", "tom": "thomas", "tony": "anthony", "antony": "anthony", "dick": "richard",
    "rick": "richard", "dan": "daniel", "dave": "david", "steve": "steven", "stephen": "steven",
    "chris": "christopher", "nick": "nicholas", "pat": "patrick", "ed": "edward",
    "ted": "edward", "jen": "jennifer", "jenny": "jennifer", "liz": "elizabeth",
    "beth": "elizabeth", "kate": "katherine", "kathy": "katherine", "sasha": "alexander",
    "alex": "alexander", "aleksandr": "alexander", "alexandr": "alexander", "sergei": "sergey",
    "sergej": "sergey", "dima": "dmitry", "volodymyr": "vladimir",
    "len": "leonard", "lenny": "leonard", "larry": "lawrence", "chuck": "charles",
    "charlie": "charles", "hank": "henry", "andy": "andrew", "maury": "maurice",
    "bernie": "bernard", "peggy": "margaret", "jeff": "jeffrey", "greg": "gregory",
    "matt": "matthew", "tim": "timothy", "ken": "kenneth", "ron": "ronald", "don": "donald",
}  # fmt: skip
# Country adjectives fold to the country, so word order and form do not split organisations.
_DEMONYMS = {
    "russian": "russia", "kazakh": "kazakhstan", "kazakhstani": "kazakhstan",
    "american": "us", "u.s": "us", "usa": "us", "ukrainian": "ukraine", "chinese": "china",
    "british": "uk", "britain": "uk", "french": "france", "german": "germany",
    "belarusian": "belarus", "turkish": "turkey", "iranian": "iran", "israeli": "israel",
    "japanese": "japan", "indian": "india", "polish": "poland", "georgian": "georgia",
    "armenian": "armenia", "azerbaijani": "azerbaijan", "kyrgyz": "kyrgyzstan",
    "uzbek": "uzbekistan", "tajik": "tajikistan", "syrian": "syria", "korean": "korea",
    "italian": "italy", "spanish": "spain", "canadian": "canada", "mexican": "mexico",
    "egyptian": "egypt", "european": "europe", "swedish": "sweden", "finnish": "finland",
    "lithuanian": "lithuania", "latvian": "latvia", "estonian": "estonia",
    "moldovan": "moldova", "afghan": "afghanistan", "iraqi": "iraq", "pakistani": "pakistan",
}  # fmt: skip
# Party words: "Libertarian", "Democrats" describe a speaker, never name one.
_PARTY_WORDS = _vocabulary(
    """
    democrat democrats democratic republican republicans libertarian libertarians gop
    conservative conservatives liberal liberals progressive progressives independent
    """
)
# Words no name of a person or organisation holds: function words, pronouns, auxiliaries,
# speech verbs. (Connectors such as "of", "on" and "and" do occur in organisations' names.)
_NEVER_NAMES = _vocabulary(
    """
    but or if then so as by with without from into against than because although though
    while when where why how what whom whose which whether is are was were be been has
    have had did does say said says saying told tells him her his hers them they he she it its
    we our you your me my this that these those there here even only also just still now
    not yes very every each according
    """
)
# Words written with a full stop inside a name ("Sen.", "Lt.", "St."): no sentence ends there.
_ABBREVIATED = ABBREVIATIONS | _ROLE_WORDS
# One word for a group of people: a description of who spoke, never a name.
_GROUP_NOUNS = _vocabulary(
    """
    police authorities demonstrators protesters officials residents witnesses investigators
    prosecutors troops soldiers rebels militants critics supporters opponents organizers
    democrats republicans libertarian libertarians conservatives liberals progressives
    """
)
_ORG_SYNONYMS = {"internal": "interior", "defence": "defense", "centre": "center"}
# Words that say nothing about which organisation is meant.
_ORG_NOISE = frozenset({"affairs", "of", "for", "and", "the", "a", "an", "on", "in"})
# One-word names that are also common words: in free text they count only when capitalised.
_COMMON_WORDS = _vocabulary(
    """
    may rice bush brown white black green young king long little case price hope will rich
    new best bird fox wolf lord page ward hill wood stone cook baker miller park chase grant
    frank march day love power law gay sharp strong swift rose summer winter spring fall
    bell gates jobs cash gold silver small short hall lamb mark bill pence penny wells
    banks ford close rush hunt cross field lane street west north south east say said
    """
)
# Capitalised words that begin questions or sentences but are not names.
_NOT_NAMES = _vocabulary(
    """
    what who whom whose which when where why how did does do is are was were has have had
    can could would should will shall may might must tell show give list find quote quotes
    any anything anyone anybody else and but or about on in of the a an i me my we our you
    your he she they it his her their its this that these those there here please hi hello
    thanks thank also yes no not if then so as at by for from to with without after before
    since during all some every each other another more most many much what's who's us
    let lets according said says say
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december
    """
)
_TOPIC_PREPOSITIONS = _vocabulary(
    """
    about on in regarding concerning of at to for over against into from across near toward
    towards between within
    """
)

Kind = Literal["person", "org"]


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


class _Parsed(NamedTuple):
    """A name split into what identifies the speaker and the role words in front of it."""

    kind: Kind
    words: tuple[str, ...]  # the name's own words, as written
    folded: tuple[str, ...]  # the same words, folded
    role: str | None  # role words written in front of the name
    key: tuple[str, ...]  # a person's first name and surname; an organisation's word bag
    surface: str  # the name's words as written, with their full stops ("Paul D. Ryan")


class _Group:
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
        self.parsed: list[_Parsed] = []
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

    def absorb(self, other: _Group) -> None:
        """Take in a group found to name the same speaker under another spelling."""
        self.keys += other.keys
        self.parsed += other.parsed
        for mine, theirs in ((self.surfaces, other.surfaces), (self.roles, other.roles)):
            for text, count in theirs.items():
                mine[text] = mine.get(text, 0) + count


class _Variants:
    """People named by full names that are spellings of one another, merged into one group.

    Only names in one bucket are compared: first names under one loose surname and ending in
    one letter, surnames under one loose first name and with the same first and last letters
    (:func:`_buckets`). Spellings of one name share a bucket (:func:`_same_given` and
    :func:`_same_surname` require it), buckets are small, and they stay as a sorted index to
    find a spelling no article used. Only buckets holding several names get a list, which keeps
    the garbage collector's work (and so the build time) down.
    """

    def __init__(self, groups: list[_Group]) -> None:
        n = len(groups)
        self._givens = [_loose_given(g.key[0]) for g in groups]
        self._surnames = [_loose_surname(g.key[1]) for g in groups]
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
        self.by_surname = _Surnames()
        for group, owner in zip(groups, self._owner, strict=True):
            if owner is group:
                self.by_surname.add(group)

    def find(self, key: tuple[str, ...]) -> list[_Group]:
        """Return the people a first name and surname, or a surname alone, may spell."""
        surname = _loose_surname(key[-1])
        if len(key) == 1:
            return list(self.by_surname.loose.get(surname, ()))
        given = _loose_given(key[0])
        found: dict[int, _Group] = {}
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


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Fold one word so transliteration and spelling variants compare equal."""
    text = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"'s?$", "", text).replace(".", "")
    if not text.isascii():
        return text
    text = text.replace("ks", "x")
    text = re.sub(r"(?<=[a-z])(?:iy|yi|ij|ii|i)$", "y", text)
    text = re.sub(r"(?<=[aeiou])y(?=[aeiou])", "", text)
    if text.startswith("ye") and len(text) > 3:
        text = text[1:]
    return re.sub(r"([a-z])\1+", r"\1", text)


# The vocabularies as folded words, since names are compared folded.
_NICKNAMES_FOLDED = {_fold(k): _fold(v) for k, v in _NICKNAMES.items()}
_ORG_MAP_FOLDED = {_fold(k): _fold(v) for k, v in (_DEMONYMS | _ORG_SYNONYMS).items()}
_ORG_NOISE_FOLDED = frozenset(_fold(w) for w in _ORG_NOISE)
_PARTICLES_FOLDED = frozenset(_fold(w) for w in _PARTICLES)

# Fuzzy matching (one edit) only on names this long: short names differ by one letter too
# often ("John", "Joan"; "Mark", "Mary").
_FUZZY_GIVEN = 6
_FUZZY_SURNAME = 7


@lru_cache(maxsize=65536)
def _loose_surname(folded: str) -> str:
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
def _loose_given(folded: str) -> str:
    """Fold a folded first name (nicknames already resolved) so its transliterations compare.

    "Iouri" is "Yuri", "Bryan" is "Brian", "Alexander" is "Alexandr", "Peter" is "Petr".
    """
    text = folded.replace("ou", "u")
    text = re.sub(r"^y(?=[aeiou])", "i", text[:1] + text[1:].replace("y", "i"))
    return re.sub(r"(?<=[bdgkpstvxz])er$", "r", text)


# First names whose bearer's sex is clear: a variant never joins a name of the other sex.
_FEMALE_GIVEN = frozenset(_loose_given(_fold(w)) for w in FEMALE_FIRST_NAMES - MALE_FIRST_NAMES)
_MALE_GIVEN = frozenset(_loose_given(_fold(w)) for w in MALE_FIRST_NAMES - FEMALE_FIRST_NAMES)


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
    could be either and stays apart. Names compare loose (:func:`_loose_given`).
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


def _person_key(folded: tuple[str, ...]) -> tuple[str, ...]:
    # Initials are left out: "J. Psaki" is keyed by the surname and matched by initial.
    given = [w for w in folded[:-1] if len(w) > 1 and w not in _PARTICLES_FOLDED]
    if not given:
        return folded[-1:]
    return (_NICKNAMES_FOLDED.get(given[0], given[0]), folded[-1])


def _plain(word: str) -> str:
    """Lowercase a word and drop a possessive ending, to look it up in a vocabulary."""
    plain = word.lower().replace("’", "'")
    if plain.endswith("'s"):
        return plain[:-2]
    return plain[:-1] if plain.endswith("'") else plain


def _org_bag(folded: Iterable[str]) -> tuple[str, ...]:
    bag = {_ORG_MAP_FOLDED.get(w, w) for w in folded if w not in _ORG_NOISE_FOLDED}
    return tuple(sorted(bag))


@lru_cache(maxsize=131072)
def _parse(name: str) -> _Parsed | None:
    """Split a speaker name into a person's name (with role words in front) or an organisation.

    Returns:
        None for a phrase that names no one ("a source", "the politician").
    """
    # "Mikhail Aleksandrov, leading expert of ..." names the person before the comma.
    head, _, tail = name.partition(",")
    spans = list(_WORD.finditer(head))
    if tail and not spans:
        spans = list(_WORD.finditer(tail))
    while spans and spans[0].group().lower() in _ARTICLES:
        spans.pop(0)
    # "Jr.", "III" are not the surname; a party-state tag ("R-Wis.") is no part of a name.
    while len(spans) > 1 and (
        _plain(spans[-1].group()) in _SUFFIXES or _PARTY_TAG.fullmatch(spans[-1].group())
    ):
        spans.pop()
    # A capitalised word that opens a sentence is no first name ("Even China", "Say Mexico").
    while spans and _plain(spans[0].group()) in _NEVER_NAMES:
        spans.pop(0)
    if not spans:
        return None
    words = [m.group() for m in spans]
    bare = [_plain(w) for w in words]
    if not _names_something(spans, bare):
        return None
    # Case tells names from role words only in a name written in title case.
    cased = any(w[:1].isupper() and not w.isupper() for w in words)
    # The name is the run of words after the last role or organisation word.
    start = len(words)
    while start > 0:
        word, plain = words[start - 1], bare[start - 1]
        # A particle inside a name ("Ursula von der Leyen") and a surname that is also a
        # title ("Martin Luther King") belong to the name.
        particle = plain in _PARTICLES and start < len(words)
        title_last = start == len(words) > 1 and plain in _ROLE_WORDS and word[:1].isupper()
        if (particle and (start == 1 or _is_given(words[start - 2]))) or (
            title_last and _is_given(words[start - 2])
        ):
            start -= 1
            continue
        if plain in _ROLE_WORDS or plain in _ORG_WORDS or plain in _CONNECTORS:
            break
        if plain in _ARTICLES or (cased and not word[:1].isupper()):
            break
        start -= 1
    name_words = words[start:]
    before = bare[start - 1] if start > 0 else None
    # After "of"/"for" the run completes an organisation ("Ministry of Internal Affairs").
    is_org = not name_words or before in _CONNECTORS or before in _ARTICLES
    if is_org:
        if not any(w in _ORG_WORDS for w in bare) and not _is_acronym(words):
            return None  # role words only: "the politician", "a source"
        if cased and words[0][:1].islower():
            # "nonpartisan Commission on Presidential Debates": the name starts capitalised.
            first = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
            spans, words, bare = spans[first:], words[first:], bare[first:]
        folded = tuple(_fold(w) for w in words)
        surface = _as_written(spans)
        return _Parsed("org", tuple(words), folded, None, _org_bag(folded), surface)
    if len(name_words) > 5 or any(c.isdigit() for w in name_words for c in w):
        return None  # a person's name has no digits ("EB-5" is a visa)
    role = " ".join(words[:start]).strip(" ,") or None
    folded = tuple(_fold(w) for w in name_words)
    surface = _as_written(spans[start:])
    return _Parsed("person", tuple(name_words), folded, role, _person_key(folded), surface)


def _names_something(spans: list[re.Match[str]], bare: list[str]) -> bool:
    """Tell whether words can be a name at all, before telling whose.

    Not when they hold a word no name has ("Railing Against Trump", "HAS INVESTIGATED HIM"),
    when they are one word for a group of people ("Authorities", "Democrats"), or when a
    sentence ends inside them ("Tina Fey. Wiig": a full stop after a word that is neither an
    initial nor an abbreviation).
    """
    if any(w in _NEVER_NAMES for w in bare):
        return False
    if len(bare) == 1 and (bare[0] in _GROUP_NOUNS or bare[0] in PERSON_NOUNS):
        return False
    for left, right in pairwise(spans):
        word = left.group()
        stop = left.string[left.end() : right.start()].startswith(".")
        abbreviated = len(word) == 1 or "." in word or word.lower() in _ABBREVIATED
        if stop and not abbreviated:
            return False
    return True


def _as_written(spans: list[re.Match[str]]) -> str:
    """Return the words of a name as the article wrote them, full stops and all.

    A word never ends in a full stop (:data:`_WORD`), so an initial's ("Leonard E. Burman")
    is taken back from the text; spacing is normalised.
    """
    text = re.sub(r"['’]s$", "", spans[0].string[spans[0].start() : spans[-1].end()])
    if spans[-1].string[spans[-1].end() : spans[-1].end() + 1] == "." and (
        len(spans[-1].group()) == 1 or "." in spans[-1].group()
    ):
        text += "."  # "Julie A.", "D.C.": the stop belongs to the last word
    return " ".join(text.split())


def _is_given(word: str) -> bool:
    """Tell whether a word can stand before a name particle as part of the name."""
    plain = _plain(word)
    if plain in _PARTICLES:
        return True
    return word[:1].isupper() and plain not in _ROLE_WORDS and plain not in _ORG_WORDS


def _is_acronym(words: list[str]) -> bool:
    return len(words) == 1 and 2 <= len(words[0]) <= 6 and words[0].isupper()


def name_key(name: str) -> str:
    """Return the normalised key a name is matched by.

    Lowercase, without articles or role words, with spelling variants folded; a person is
    keyed by first name and surname, an organisation by its words in sorted order.

    Examples:
        >>> name_key("Leader of the Communist Party Gennady Zyuganov")
        'genady zyuganov'
        >>> name_key("the Ministry of Internal Affairs of Kazakhstan")
        'interior kazakhstan ministry'
    """
    parsed = _parse(name.strip())
    return " ".join(parsed.key) if parsed else ""


# Source kinds whose "speaker" is a description as printed, not a name.
_DESCRIBED_KINDS = frozenset({"anonymous", "document"})
# A "name" opening with these is a description ("an Iowa Republican"), whatever the kind says.
_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several"})


class SpeakerRegistry:
    """Canonical speakers and every known way of naming them; see the module docstring."""

    def __init__(
        self,
        groups: list[_Group],
        exact: dict[tuple[str, ...], dict[str, bool]],
        bags: dict[tuple[str, ...], set[str]],
        variants: _Variants,
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
        cls, speakers: Iterable[tuple[str, str | None] | tuple[str, str | None, str | None]]
    ) -> SpeakerRegistry:
        """Build the registry from speaker names as the engine gave them, with their roles.

        Args:
            speakers: ``(name, role)`` or ``(name, role, source_kind)`` tuples, one per quote
                or mention; repeats are expected. Anonymous and document sources ("an Iowa
                Republican", "the report") are descriptions, never registered as names.
        """
        seen: Counter[tuple[str, str | None]] = Counter(
            (name.strip(), role.strip() if isinstance(role, str) and role.strip() else None)
            for name, role, *kind in speakers
            if isinstance(name, str)
            and name.strip()
            and not (kind and kind[0] in _DESCRIBED_KINDS)
            and name.split()[0].lower() not in _INDEFINITE
        )
        full: dict[tuple[str, ...], _Group] = {}
        initials: list[tuple[_Parsed, str, str | None, int]] = []
        bare: list[tuple[_Parsed, str, str | None, int]] = []
        orgs: dict[tuple[str, ...], _Group] = {}
        for (name, role), count in seen.items():
            parsed = _parse(name)
            if parsed is None or not any(w[:1].isupper() for w in parsed.words):
                # "a source", "the government": described, not named; never guessed at.
                logger.debug("no speaker named in %r", name)
                continue
            if parsed.kind == "org" or len(parsed.key) == 2:
                table = orgs if parsed.kind == "org" else full
                group = table.get(parsed.key)
                if group is None:
                    group = table[parsed.key] = _Group(parsed.kind, parsed.key)
                _add(group, parsed, parsed.surface, role, count)
            elif any(w not in _PARTICLES_FOLDED for w in parsed.folded[:-1]):
                initials.append((parsed, parsed.surface, role, count))
            else:
                bare.append((parsed, parsed.surface, role, count))
        variants = _Variants(list(full.values()))
        full = variants.owners
        by_surname = variants.by_surname
        for parsed, surface, role, count in initials:
            # "J. Psaki" joins the one Psaki whose first name starts with J, if there is one.
            initial = next(w for w in parsed.folded if w not in _PARTICLES_FOLDED)[:1]
            fits = [
                g
                for g in by_surname.namesakes(parsed.folded[-1])
                if any(key[0][:1] == initial for key in g.keys if len(key) == 2)
            ]
            target = fits[0] if len(fits) == 1 else None
            if target is None:
                target = full.get(parsed.folded)
                if target is None:
                    target = full[parsed.folded] = _Group("person", parsed.folded)
                    by_surname.add(target)
            _add(target, parsed, surface, role, count)
        lone: dict[tuple[str, ...], _Group] = {}
        for parsed, surface, role, count in bare:
            namesakes = by_surname.namesakes(parsed.key[-1])
            if len(namesakes) == 1:
                _add(namesakes[0], parsed, surface, role, count)
            else:
                group = lone.get(parsed.key)
                if group is None:
                    group = lone[parsed.key] = _Group("person", parsed.key)
                _add(group, parsed, surface, role, count)
        _join_acronyms(orgs, lone)
        for group in lone.values():
            by_surname.add(group)
        people = {id(group): group for group in full.values()}
        groups = [*people.values(), *lone.values(), *orgs.values()]
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
        parsed = _parse(name.strip())
        if parsed is None:
            return []
        hits = self._exact.get(parsed.folded)
        if hits is None and parsed.kind == "person":
            hits = self._exact.get(parsed.key)
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
            key = _role_key(role)
            counts[key] += count
            forms[key].append(role)
        ranked = sorted(counts, key=lambda key: (-counts[key], -len(key.split()), key))
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
        words = list(_WORD.finditer(text))
        folded = [_fold(w.group()) for w in words]
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
        if folded[i] in _ARTICLES or folded[i] in _CONNECTORS:
            return None
        top = min(max(self._longest, self._longest_bag), len(words) - i)
        for length in range(top, 0, -1):
            span = tuple(folded[i : i + length])
            hits = self._exact.get(span) if length <= self._longest else None
            names = _prefer_own(hits) if hits else []
            if not names and length > 1 and span[-1] not in _ORG_NOISE_FOLDED:
                names = sorted(self._bags.get(_org_bag(span), ()))
            if not names:
                continue
            if length == 1 and not _fits_alone(
                words[i].group(), initial=_starts_sentence(words, i)
            ):
                continue
            return length, names
        # Else a spelling no article used: "Mikhael Pogrebin", "Kouznetsova".
        if i + 1 < len(words) and _is_word_gap(words, i):
            names = self._spelt((folded[i], folded[i + 1]))
            if names:
                return 2, names
        word = words[i].group()
        if len(folded[i]) >= 4 and _fits_alone(word, initial=_starts_sentence(words, i)):
            names = self._spelt((folded[i],))
            if names:
                return 1, names
        return None

    def _spelt(self, key: tuple[str, ...]) -> list[str]:
        """Return the people a person key names in a spelling the registry has not seen."""
        if len(key) == 2:
            key = (_NICKNAMES_FOLDED.get(key[0], key[0]), key[1])
        found = self._variants.find(key)
        if len(key) == 1:
            # As with exact names: a speaker named by the surname alone is preferred.
            return _prefer_own({g.name: len(g.key) == 1 for g in found})
        return sorted(g.name for g in found)


class _Surnames:
    """People by loose surname, to find who a surname alone names."""

    __slots__ = ("loose",)

    def __init__(self) -> None:
        self.loose: dict[str, list[_Group]] = defaultdict(list)

    def add(self, group: _Group) -> None:
        """Index a person under each surname their spellings use."""
        if len(group.keys) == 1:
            self.loose[_loose_surname(group.key[-1])].append(group)
            return
        for loose in dict.fromkeys(_loose_surname(key[-1]) for key in group.keys):
            self.loose[loose].append(group)

    def namesakes(self, surname: str) -> list[_Group]:
        """Return the people a surname may mean: those spelling it so, else any spelling."""
        namesakes = self.loose.get(_loose_surname(surname), [])
        if len(namesakes) < 2:
            return namesakes
        exact = [
            g
            for g in namesakes
            if g.key[-1] == surname
            or (len(g.keys) > 1 and any(key[-1] == surname for key in g.keys))
        ]
        return exact or namesakes


def _add(group: _Group, parsed: _Parsed, surface: str, role: str | None, count: int) -> None:
    group.surfaces[surface] = group.surfaces.get(surface, 0) + count
    group.parsed.append(parsed)
    for given in (role, parsed.role):
        cleaned = _clean_role(given) if given else None
        if cleaned:
            group.roles[cleaned] = group.roles.get(cleaned, 0) + count


# Words a role never begins or ends with: it is then a clause or a fragment ("appearing
# after Clinton at the forum", "sort of difference between what", "chief of staff whom Mr").
_ROLE_OPENERS_NOT = _vocabulary(
    """
    of in at on from to by with for between about after before during since into over than
    his her their its our my your another other others some this that these those
    and but or so if then when while as also even just only still
    """
)
_ROLE_ENDINGS_NOT = _ROLE_OPENERS_NOT | _vocabulary(
    "the a an what who whom whose which where how why mr mrs ms dr all both said says say"
)
_RELATIVES = _vocabulary("who whom whose which that")
# The role words that can head a description ("famous" or "senior" cannot).
_ROLE_NOUNS = (_ROLE_WORDS | PERSON_NOUNS | TITLES) - _vocabulary(
    "former acting political senior junior leading well-known famous renowned first second "
    "vice deputy press state"
)
_ROLE_HEAD = re.compile(r"[^\W\d_]")


def _clean_role(role: str) -> str | None:
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
    for index, word in enumerate(words):
        if index and word.lower().strip(",") in _RELATIVES:
            words = words[:index]
            break
    words = _trim_after_title(words)
    text = " ".join(words).strip(" ,;:-")
    if not text or not _ROLE_HEAD.search(text) or _PARTY_TAG.fullmatch(text):
        return None
    words = text.split()
    first, last = words[0].lower(), words[-1].lower().rstrip(",")
    if first in _ROLE_OPENERS_NOT or last in _ROLE_ENDINGS_NOT or last.endswith(("'s", "’s")):
        return None
    if len(words) == 1 and (first in _DEMONYMS or first in _PARTY_WORDS or text.isupper()):
        return None
    plain = [_plain(w.strip(",.")) for w in words]
    known = any(w in _ROLE_NOUNS for w in plain)
    if first.endswith(("ing", "ed")) and len(first) > 5 and not known:
        return None  # "appearing after Clinton", "invoked the story": not a description
    if (
        all(w[:1].isupper() for w in words)
        and not known
        and not any(w in _ORG_WORDS for w in plain)
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
    plain = [_plain(w.strip(",")) for w in words]
    last_title = max(
        (i for i, w in enumerate(plain) if w in TITLES or w in _ROLE_WORDS), default=-1
    )
    # Not after a preposition: "chief of staff to President Bill Clinton" names another.
    inside = any(w in _CONNECTORS and w not in _PARTICLES for w in plain[:last_title])
    tail = list(zip(words[last_title + 1 :], plain[last_title + 1 :], strict=True))
    name_like = all(w[:1].isupper() or p in _PARTICLES for w, p in tail) and not any(
        p in _ORG_WORDS or (p in _CONNECTORS and p not in _PARTICLES) for _, p in tail
    )
    if 0 <= last_title < len(words) - 1 and not inside and name_like:
        words = words[: last_title + 1]
    if (
        len(words) > 1
        and words[-1].endswith(".")
        and _plain(words[-1]) in TITLES
        and not words[-2].endswith(".")
        and (words[-2][:1].islower() or _plain(words[-2]) in _ROLE_WORDS)
    ):
        words = words[:-1]
    return words


def _join_acronyms(
    orgs: dict[tuple[str, ...], _Group], lone: dict[tuple[str, ...], _Group]
) -> None:
    """Merge an acronym into the one organisation whose initials it is ("IMF", "S.E.C.").

    "IMF" is "International Monetary Fund" when no other organisation in the corpus has
    those initials; with two, the acronym stays a speaker of its own. A one-word name in
    capitals the engine took for a person's ("DNC") is an acronym too.
    """
    spelt: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for key, group in orgs.items():
        for parsed in group.parsed:
            words = [w for w in parsed.words if _plain(w) not in _ORG_NOISE]
            if len(words) > 1 and all(w[:1].isupper() for w in words):
                spelt["".join(w[0] for w in words)].add(key)
    for table in (orgs, lone):
        for key, group in list(table.items()):
            words = group.parsed[0].words
            acronym = words[0].replace(".", "")
            if len(words) != 1 or not _is_acronym([acronym]):
                continue
            owners = spelt.get(acronym, set())
            if len(owners) == 1:
                (owner,) = owners
                orgs[owner].absorb(group)
                del table[key]


def _role_key(role: str) -> str:
    words = role.lower().split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def _index(
    groups: list[_Group],
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
            for index in range(1, len(parsed.folded) - 1):
                if parsed.folded[index] in _PARTICLES_FOLDED:
                    # The surname with its particles: "von der Leyen", "de Gaulle".
                    exact[parsed.folded[index:]].setdefault(name, False)
                    break
        if group.kind == "person" and len(group.key) == 2:
            exact[group.key].setdefault(name, False)
    return dict(exact), dict(bags)


def _prefer_own(hits: dict[str, bool]) -> list[str]:
    own = sorted(name for name, is_own in hits.items() if is_own)
    return own if len(own) == 1 else sorted(hits)


def _fits_alone(word: str, *, initial: bool) -> bool:
    """Tell whether a single word in free text may name a speaker on its own.

    A word that is also a common word ("May", "Will", "Rice") counts only when capitalised
    where a sentence does not start.
    """
    plain = _plain(word)
    if plain in _ROLE_WORDS:
        return False
    if plain in _NOT_NAMES or plain in _COMMON_WORDS:
        return word[:1].isupper() and not initial
    return True


def _is_word_gap(words: list[re.Match[str]], i: int) -> bool:
    # Two words make one name only with nothing but spaces between them.
    return not words[i].string[words[i].end() : words[i + 1].start()].strip()


def _starts_sentence(words: list[re.Match[str]], i: int) -> bool:
    if i == 0:
        return True
    gap = words[i].string[words[i - 1].end() : words[i].start()]
    return any(mark in gap for mark in ".!?:\n")


def person_names(text: str) -> list[tuple[int, int, str]]:
    """Find capitalised, person-like names in free text, known speakers or not.

    Question words, titles ("President"), months and acronyms are not names; a single word
    after a topic preposition ("about Kazakhstan") is taken for a topic, not a person.

    Args:
        text: A question or sentence, e.g. "What did President Vladimir Putin say?".

    Returns:
        ``(start, end, name)`` for each name in text order, e.g. ``[(19, 33,
        "Vladimir Putin")]``; a possessive 's is not part of the name.
    """
    words = list(_WORD.finditer(text))
    found: list[tuple[int, int, str]] = []
    run: list[re.Match[str]] = []

    def close(previous: str | None) -> None:
        if not run:
            return
        single_topic = len(run) == 1 and previous in _TOPIC_PREPOSITIONS
        if not single_topic:
            start, end = run[0].start(), run[-1].end()
            name = re.sub(r"['’]s$", "", text[start:end])
            found.append((start, start + len(name), name))
        run.clear()

    previous: str | None = None
    before_run: str | None = None
    for index, match in enumerate(words):
        word = match.group()
        plain = _plain(word)
        gap = text[words[index - 1].end() : match.start()] if index else ""
        person_like = (
            word[:1].isupper()
            and not word.isupper()
            and plain not in _NOT_NAMES
            and plain not in _ROLE_WORDS
            and plain not in _ORG_WORDS
            and plain not in _DEMONYMS
        )
        if run and (not person_like or gap.strip() or run[-1].group().endswith(("'s", "’s"))):
            close(before_run)
        if person_like:
            if not run:
                before_run = previous
            run.append(match)
        previous = plain
    close(before_run)
    return found
