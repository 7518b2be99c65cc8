"""Names as written: folding, parsing a speaker name into a person or an organisation."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import Literal, NamedTuple

from corpus.attribution.lexicon import (
    ABBREVIATIONS,
    ARTICLES,
    DEMONYMS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    NAME_CONNECTORS,
    NAME_ORG_WORDS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NEVER_NAME_WORDS,
    NICKNAMES,
    ORG_ADJECTIVES,
    ORG_NOISE,
    ORG_SYNONYMS,
    PERSON_NOUNS,
    ROLE_WORDS,
    STATE_ABBREVIATIONS,
)

logger = logging.getLogger(__name__)


# Words, keeping inner apostrophes, hyphens and dots ("Kazakhstan's", "Military-Political",
# "U.S."); a word never ends in punctuation.
WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")


# A party and state after a name ("Paul Ryan R-Wis.", "(D-Calif.)"): a tag, not a surname.
PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,12}")


Kind = Literal["person", "org"]


class Parsed(NamedTuple):
    """A name split into what identifies the speaker and the role words in front of it."""

    kind: Kind
    words: tuple[str, ...]  # the name's own words, as written
    folded: tuple[str, ...]  # the same words, folded
    role: str | None  # role words written in front of the name
    key: tuple[str, ...]  # a person's first name and surname; an organisation's word bag
    surface: str  # the name's words as written, with their full stops ("Paul D. Ryan")
    # "jr", "sr", "ii", "iii", "iv": a generational suffix is part of who someone is ("Robert
    # Vance Jr." is not his father "Robert Vance"); it rides on the surname in ``key``.
    generation: str | None = None


# Initials written with full stops ("S.E.C", "D.C"), the last stop lost or not.
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]")
# Words written with a full stop inside a name ("Sen.", "Lt.", "St."): no sentence ends there.
_ABBREVIATED = ABBREVIATIONS | ROLE_WORDS | STATE_ABBREVIATIONS


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Fold one word so transliteration and spelling variants compare equal."""
    text = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"'s?$", "", text).replace(".", "")
    if not text.isascii() or text in NAME_SUFFIXES:
        return text  # "II" and "III" must not fold alike
    text = text.replace("ks", "x")
    text = re.sub(r"(?<=[a-z])(?:iy|yi|ij|ii|i)$", "y", text)
    text = re.sub(r"(?<=[aeiou])y(?=[aeiou])", "", text)
    if text.startswith("ye") and len(text) > 3:
        text = text[1:]
    return re.sub(r"([a-z])\1+", r"\1", text)


# The vocabularies as folded words, since names are compared folded.
NICKNAMES_FOLDED = {fold(k): fold(v) for k, v in NICKNAMES.items()}
_ORG_MAP_FOLDED = {fold(k): fold(v) for k, v in (DEMONYMS | ORG_SYNONYMS).items()}
ORG_NOISE_FOLDED = frozenset(fold(w) for w in ORG_NOISE)
PARTICLES_FOLDED = frozenset(fold(w) for w in NAME_PARTICLES)


def _person_key(folded: tuple[str, ...], generation: str | None = None) -> tuple[str, ...]:
    # Initials are left out: "J. Psaki" is keyed by the surname and matched by initial.
    given = [w for w in folded[:-1] if len(w) > 1 and w not in PARTICLES_FOLDED]
    surname = with_generation(folded[-1], generation)
    if not given:
        return (surname,)
    return (NICKNAMES_FOLDED.get(given[0], given[0]), surname)


def with_generation(surname: str, generation: str | None) -> str:
    """Return the surname part of a person key: the folded surname, and the suffix if any.

    A space never occurs in a folded word, so "vance jr" can only be a key's surname part.
    """
    return f"{surname} {generation}" if generation else surname


def own_words(parsed: Parsed) -> tuple[str, ...]:
    """Return a parsed name's folded words without its generational suffix."""
    return parsed.folded[:-1] if parsed.generation else parsed.folded


def plain_surname(surname: str) -> str:
    """Return a key's surname part without its generational suffix ("vance jr" -> "vance")."""
    return surname.split(" ", 1)[0]


def plain_word(word: str) -> str:
    """Lowercase a word and drop a possessive ending, to look it up in a vocabulary."""
    plain = word.lower().replace("’", "'")
    if plain.endswith("'s"):
        return plain[:-2]
    return plain[:-1] if plain.endswith("'") else plain


def org_bag(folded: Iterable[str]) -> tuple[str, ...]:
    bag = {_ORG_MAP_FOLDED.get(w, w) for w in folded if w not in ORG_NOISE_FOLDED}
    return tuple(sorted(bag))


@lru_cache(maxsize=131072)
def parse(name: str) -> Parsed | None:
    """Split a speaker name into a person's name (with role words in front) or an organisation.

    Returns:
        None for a phrase that names no one ("a source", "the politician").
    """
    # "Mikhail Aleksandrov, leading expert of ..." names the person before the comma.
    head, _, tail = name.partition(",")
    spans = list(WORD.finditer(head))
    if tail and not spans:
        spans = list(WORD.finditer(tail))
    after = list(WORD.finditer(tail))[:1] if tail and spans else []
    while spans and spans[0].group().lower() in ARTICLES:
        spans.pop(0)
    # "Jr.", "III" are not the surname but tell a son from his father ("Robert Vance, Jr."
    # too); a party-state tag ("R-Wis.") is no part of a name.
    generation = None
    suffix: list[re.Match[str]] = []
    if after and plain_word(after[0].group()) in NAME_SUFFIXES:
        generation, suffix = plain_word(after[0].group()), after
    while len(spans) > 1 and (
        plain_word(spans[-1].group()) in NAME_SUFFIXES or PARTY_TAG.fullmatch(spans[-1].group())
    ):
        if plain_word(spans[-1].group()) in NAME_SUFFIXES:
            generation, suffix = plain_word(spans[-1].group()), [spans[-1]]
        spans.pop()
    # A capitalised word that opens a sentence is no first name ("Even China", "Say Mexico").
    while spans and plain_word(spans[0].group()) in NEVER_NAME_WORDS:
        spans.pop(0)
    if not spans:
        return None
    words = [m.group() for m in spans]
    bare = [plain_word(w) for w in words]
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
        particle = plain in NAME_PARTICLES and start < len(words)
        title_last = start == len(words) > 1 and plain in ROLE_WORDS and word[:1].isupper()
        if (particle and (start == 1 or _is_given(words[start - 2]))) or (
            title_last and _is_given(words[start - 2])
        ):
            start -= 1
            continue
        if plain in ROLE_WORDS or plain in NAME_ORG_WORDS or plain in NAME_CONNECTORS:
            break
        if plain in ARTICLES or (cased and not word[:1].isupper()):
            break
        if start < len(words) and word.endswith(("'s", "’s")):
            break  # "Broad's Zhang": Zhang, of the Broad Institute
        start -= 1
    name_words = words[start:]
    before = bare[start - 1] if start > 0 else None
    # After "of"/"for" the run completes an organisation ("Ministry of Internal Affairs"),
    # and so does it after an organisation's adjective ("International Space Station").
    is_org = not name_words or before in NAME_CONNECTORS or before in ARTICLES
    is_org = is_org or (start == 1 and before in ORG_ADJECTIVES and words[0][:1].isupper())
    if is_org:
        if not any(w in NAME_ORG_WORDS for w in bare) and not is_acronym(words):
            return None  # role words only: "the politician", "a source"
        if cased and words[0][:1].islower():
            # "nonpartisan Commission on Presidential Debates": the name starts capitalised.
            first = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
            spans, words, bare = spans[first:], words[first:], bare[first:]
        if any(w[:1].islower() and b in DOCUMENT_NOUNS for w, b in zip(words, bare, strict=True)):
            return None  # "the GOP's complaint to the Board": a document, not who wrote it
        folded = tuple(fold(w) for w in words)
        surface = _as_written(spans)
        return Parsed("org", tuple(words), folded, None, org_bag(folded), surface)
    if len(name_words) > 5 or any(c.isdigit() for w in name_words for c in w):
        return None  # a person's name has no digits ("EB-5" is a visa)
    if all(len(w) == 1 for w in name_words):
        return None  # initials alone ("G" of "G.K. Butterfield", cut at its full stop)
    role = _role_as_written(spans[:start])
    folded = tuple(fold(w) for w in name_words)
    key = _person_key(folded, generation)
    surface = _as_written(spans[start:])
    if generation is not None:
        # Matched as written: "Robert Vance Jr." in a question is these three words.
        folded += (generation,)
        written = suffix[0].group()
        if suffix[0].string[suffix[0].end() : suffix[0].end() + 1] == ".":
            written += "."  # "Jr." keeps its full stop, which WORD leaves out
        surface = f"{surface} {written}"
    return Parsed("person", tuple(name_words), folded, role, key, surface, generation)


def parse_org(name: str) -> Parsed | None:
    """Read a name as an organisation's, whatever its words ("МИД", "пресс-служба Кремля").

    For a name the quote engine found an organisation by the article's structure and its
    NER (the Russian engine: natasha's ORG, or an organisation's noun heading the source),
    which :func:`parse`'s English word lists cannot tell.
    """
    spans = list(WORD.finditer(name))
    if not spans:
        return None
    words = tuple(m.group() for m in spans)
    folded = tuple(fold(w) for w in words)
    return Parsed("org", words, folded, None, org_bag(folded), _as_written(spans))


def _names_something(spans: list[re.Match[str]], bare: list[str]) -> bool:
    """Tell whether words can be a name at all, before telling whose.

    Not when they hold a word no name has ("Railing Against Trump", "HAS INVESTIGATED HIM"),
    when they are one word for a group of people ("Demonstrators", "Democrats"), or when a
    sentence ends inside them ("Tina Fey. Wiig": a full stop after a word that is neither an
    initial nor an abbreviation).
    """
    if any(w in NEVER_NAME_WORDS for w in bare):
        return False
    if len(bare) == 1 and (bare[0] in GROUP_NOUNS or bare[0] in PERSON_NOUNS):
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

    A word never ends in a full stop (:data:`WORD`), so an initial's ("Leonard E. Burman")
    is taken back from the text; spacing is normalised.
    """
    text = re.sub(r"['’]s$", "", spans[0].string[spans[0].start() : spans[-1].end()])
    if spans[-1].string[spans[-1].end() : spans[-1].end() + 1] == "." and (
        len(spans[-1].group()) == 1 or "." in spans[-1].group()
    ):
        text += "."  # "Julie A.", "D.C.": the stop belongs to the last word
    elif _DOTTED.fullmatch(spans[-1].group()):
        text += "."  # "S.E.C" lost the stop its other letters have
    return " ".join(text.split())


def _role_as_written(spans: list[re.Match[str]]) -> str | None:
    """Return the role words in front of a name as written ("Calif. Gov."), or None."""
    if not spans:
        return None
    last = spans[-1]
    text = last.string[spans[0].start() : last.end()]
    if last.string[last.end() : last.end() + 1] == "." and last.group().lower() in _ABBREVIATED:
        text += "."
    return " ".join(text.split()).strip(" ,") or None


def _is_given(word: str) -> bool:
    """Tell whether a word can stand before a name particle as part of the name."""
    plain = plain_word(word)
    if plain in NAME_PARTICLES:
        return True
    return word[:1].isupper() and plain not in ROLE_WORDS and plain not in NAME_ORG_WORDS


def is_acronym(words: list[str]) -> bool:
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
    parsed = parse(name.strip())
    return " ".join(parsed.key) if parsed else ""
