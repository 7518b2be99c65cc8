"""One speaker across scripts: "Дмитрий Песков" in Russian articles is "Dmitry Peskov" in English.

Names are compared by a *skeleton*: the Cyrillic name transliterated to Latin (iuliia's
Wikipedia scheme, the one English news mostly follows), then folded so that the usual
spelling variants of a transliteration agree (kh/h, zh/j, ts/tz/c, yu/iu/ju, y/j/i, doubled
letters…). Two skeletons match when their Jaro-Winkler similarity (rapidfuzz) is 0.9 or more,
which also forgives a letter ("Zelensky"/"Zelenskyy"). That is loose, so it is used only
among the speakers of one registry, and only when the first names agree as well (or, for a
speaker known by surname alone, when a role word agrees): "Иванов" never becomes "Ivanova",
and "Алла Бут" never becomes "Viktor Bout".

A name in a question may be in any grammatical case ("Что сказал Пескову?"): each Cyrillic
word is also tried in the nominative forms pymorphy3 gives it ("Песков").

    merge_across_scripts(groups)          -> the registry's groups, one per person across scripts
    find_speakers(registry, text)         -> SpeakerMatch for each known speaker named in text,
                                             in any case and either script
    speaker_candidates(registry, name)    -> every speaker a name could mean, in either script
    name_in_script(registry, canonical, "ru" | "en") -> the speaker's name as written in
                                             that script, if any article wrote it so
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from corpus.speakers.groups import Group
from corpus.speakers.names import WORD

if TYPE_CHECKING:
    from corpus.speakers.registry import SpeakerMatch, SpeakerRegistry

# Jaro-Winkler similarity two skeletons must reach to be the same name.
SAME_NAME = 0.9
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Latin spellings that one Cyrillic letter or cluster gets in different schemes, folded.
_FOLDS = (
    ("dzh", "j"),
    ("dj", "j"),
    ("shch", "sh"),
    ("sch", "sh"),
    ("kh", "h"),
    ("zh", "j"),
    ("tz", "c"),
    ("ts", "c"),
    ("cz", "c"),
    ("ck", "k"),
    ("ph", "f"),
    ("yu", "u"),
    ("iu", "u"),
    ("ju", "u"),
    ("ya", "a"),
    ("ia", "a"),
    ("ja", "a"),
    ("ye", "e"),
    ("ie", "e"),
    ("je", "e"),
    ("yo", "o"),
    ("io", "o"),
    ("jo", "o"),
    ("y", "i"),
    ("j", "i"),
    ("w", "v"),
    ("q", "k"),
    ("x", "ks"),
)


def is_cyrillic(text: str) -> bool:
    """Whether a name is written in Cyrillic letters (most of them)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _CYRILLIC.match(c)) * 2 > len(letters)


@lru_cache(maxsize=65536)
def latin(word: str) -> str:
    """Transliterate a Cyrillic word to Latin letters (Wikipedia scheme); Latin stays."""
    if not _CYRILLIC.search(word):
        return word
    import iuliia

    return str(iuliia.WIKIPEDIA.translate(word))


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Fold a word of a name, in either script, to the skeleton names are compared by."""
    text = unicodedata.normalize("NFKD", latin(word).lower())
    text = "".join(c for c in text if c.isalpha() and not unicodedata.combining(c))
    for spelt, folded in _FOLDS:
        text = text.replace(spelt, folded)
    text = re.sub(r"c(?!h)", "k", text)
    return re.sub(r"(.)\1+", r"\1", text)


# English spellings of sounds that Russian writes as heard (practical transcription of English
# names): "Warren" is "Уоррен", "Whitson" "Уитсон", "Pence" "Пенс", "Trump" "Трамп", "McCain"
# "Маккейн", "Christie" "Кристи", "New York" "Нью-Йорк". A Latin word compared with a Cyrillic
# one is also compared in this spelling. General English-to-Russian correspondences, applied
# in this order.
_ENGLISH_SOUNDS = tuple(
    (re.compile(pattern), sound)
    for pattern, sound in (
        (r"^mc", "mak"),
        (r"^wa", "uo"),
        (r"^wh|^w(?=[aeiou])|(?<=[aeiou])w(?=[aeiou])", "u"),
        (r"c(?=[eiy])", "s"),
        (r"ch(?=r)", "k"),
        (r"th", "t"),
        (r"ie$|ie(?=[^aeiou])", "i"),
        (r"ee|ea", "i"),
        (r"ew", "yu"),
        (r"oo|ou", "u"),
        (r"au|aw", "o"),
        (r"ai|ay", "ei"),
        (r"(?<=[^aeiou])u(?=[^aeiouy])", "a"),
    )
)


@lru_cache(maxsize=65536)
def _as_heard(word: str) -> str:
    """A Latin word's skeleton as Russian would hear and write it (see ``_ENGLISH_SOUNDS``)."""
    text = word.lower()
    for pattern, sound in _ENGLISH_SOUNDS:
        text = pattern.sub(sound, text)
    return skeleton(text)


def similar(a: str, b: str) -> bool:
    """Whether two words of a name are the same word, perhaps in another script."""
    from rapidfuzz.distance import JaroWinkler

    x, y = skeleton(a), skeleton(b)
    if not x or not y:
        return False
    if JaroWinkler.similarity(x, y) >= SAME_NAME:
        return True
    cyrillic_a, cyrillic_b = bool(_CYRILLIC.search(a)), bool(_CYRILLIC.search(b))
    if cyrillic_a == cyrillic_b:
        return False
    russian, english = (a, b) if cyrillic_a else (b, a)
    # English mostly writes ё as e ("Щёголев" is "Shchegolev", "Горбачёв" "Gorbachev").
    spellings = {skeleton(russian), skeleton(russian.replace("ё", "е").replace("Ё", "Е"))}
    heard = {skeleton(english), _as_heard(english)}
    return any(JaroWinkler.similarity(r, e) >= SAME_NAME for r in spellings for e in heard)


def _person_words(group: Group) -> tuple[str | None, str] | None:
    """A person group's first name (if known) and surname, as written in its fullest form."""
    if group.kind != "person":
        return None
    name = group.name or max(group.surfaces, key=lambda s: (len(s.split()), group.surfaces[s]))
    words = [w for w in WORD.findall(name) if len(w.rstrip(".")) > 1]
    if not words:
        return None
    return (words[0] if len(words) > 1 else None), words[-1]


def _role_words(group: Group) -> set[str]:
    return {skeleton(w) for role in group.roles for w in WORD.findall(role) if len(w) > 3}


def merge_across_scripts(groups: list[Group]) -> list[Group]:
    """Merge each Cyrillic person into the one Latin person of the same name, and back.

    Same name: the surnames' skeletons match, and so do the first names; a person known by
    surname alone matches only when a role word agrees too. Where a name could match two
    people of the other script, nothing is merged: the registry never guesses.
    """
    for group in groups:
        group.settle()
    cyrillic = [g for g in groups if g.kind == "person" and is_cyrillic(g.name)]
    latin_people = [g for g in groups if g.kind == "person" and not is_cyrillic(g.name)]
    if not cyrillic or not latin_people:
        return groups
    absorbed: set[int] = set()
    for group in cyrillic:
        mine = _person_words(group)
        if mine is None:
            continue
        matches = [other for other in latin_people if _same_person(group, mine, other)]
        if len(matches) != 1 or id(matches[0]) in absorbed:
            continue
        owner = matches[0]
        owner.absorb(group)
        absorbed.add(id(group))
    return [g for g in groups if id(g) not in absorbed]


def _same_person(group: Group, mine: tuple[str | None, str], other: Group) -> bool:
    theirs = _person_words(other)
    if theirs is None or not similar(mine[1], theirs[1]):
        return False
    if mine[0] is not None and theirs[0] is not None:
        return similar(mine[0], theirs[0])
    return bool(_role_words(group) & _role_words(other))


# --- questions ----------------------------------------------------------------------------


def _nominatives(word: str) -> tuple[str, ...]:
    """A Cyrillic word of a name in the nominative forms it may stand for."""
    if not _CYRILLIC.search(word):
        return ()
    from corpus.attribution.ru.morph import nominative_candidates

    return nominative_candidates(word)


def speaker_candidates(registry: SpeakerRegistry, name: str) -> list[str]:
    """Return every speaker a name could mean: as the registry reads it, else in the
    nominative, else by its skeleton in the other script (first name agreeing)."""
    words = WORD.findall(name)
    if not words:
        return []
    options = [(w, *_nominatives(w)) for w in words]
    found = registry.candidates(name)
    if not found:
        # The nominative of each word, the last (the surname) varying fastest.
        for forms in _combinations(options):
            found = registry.candidates(" ".join(forms))
            if found:
                break
    if found and len(words) > 1:
        return found
    # By skeleton in the other script; a first name asked for must agree. A surname alone
    # may also be someone's in the other script ("Петров": Ivan Petrov and Сергей Петров).
    firsts = likeliest(options[0]) if len(words) > 1 else (None,)
    others = {
        c
        for first in firsts
        for last in likeliest(options[-1])
        for c in _by_skeleton(registry, [last] if first is None else [first, last])
    }
    return sorted(set(found) | others)


def likeliest(forms: tuple[str, ...]) -> tuple[str, ...]:
    """A word as printed and its likeliest nominative (pymorphy3's first reading)."""
    return tuple(dict.fromkeys(forms[:2]))


def _combinations(options: list[tuple[str, ...]]) -> Iterable[tuple[str, ...]]:
    if not options:
        yield ()
        return
    for rest in _combinations(options[:-1]):
        for last in options[-1][1:] or options[-1][:1]:
            yield (*rest, last)


def _by_skeleton(registry: SpeakerRegistry, words: list[str]) -> list[str]:
    """The people whose surname (and first name, if asked) match the words by skeleton, as
    written in the other script: within one script a letter apart is another name ("Токаев"
    is not "Токарев"), and the registry has already read its own spellings."""
    found: list[str] = []
    surname, first = words[-1], words[0] if len(words) > 1 else None
    if len(skeleton(surname)) < 4 and first is None:
        return []  # a short surname alone matches too easily
    cyrillic = is_cyrillic(surname)
    for canonical in registry.names():
        if registry.kind(canonical) != "person":
            continue
        for alias in registry.aliases(canonical):
            if is_cyrillic(alias) == cyrillic:
                continue
            alias_words = WORD.findall(alias)
            if not alias_words or not similar(surname, alias_words[-1]):
                continue
            if first is not None and len(alias_words) > 1 and not similar(first, alias_words[0]):
                continue
            found.append(canonical)
            break
    return found


def find_speakers(registry: SpeakerRegistry, text: str) -> list[SpeakerMatch]:
    """Find the known speakers named in a text (a question), in any case and either script.

    Full names first (as the registry finds them, then pairs of capitalised words in the
    nominative or by skeleton in the other script), then single names: a surname the
    registry knows, kept only if no one else in the other script has it too, then any other
    capitalised word ("Пескову" → "Песков", "Зюганов" → "Gennady Zyuganov"). A name that
    could mean several speakers is left out, as the registry leaves it out.
    """
    from corpus.speakers.registry import SpeakerMatch

    found: list[SpeakerMatch] = []

    def free(start: int, end: int) -> bool:
        return not any(m.start < end and start < m.end for m in found)

    known = registry.find_in(text)
    found += [m for m in known if len(WORD.findall(m.surface)) > 1]
    ambiguous = [(m.start, m.end) for m in registry.ambiguous_in(text)]
    words = [w for w in WORD.finditer(text) if w.group()[:1].isupper()]
    for first, last in itertools.pairwise(words):
        if text[first.end() : last.start()].strip() or not free(first.start(), last.end()):
            continue
        surface = text[first.start() : last.end()]
        named = speaker_candidates(registry, surface)
        if len(named) == 1:
            found.append(SpeakerMatch(named[0], first.start(), last.end(), surface))
    for match in known:
        if free(match.start, match.end) and speaker_candidates(registry, match.surface) == [
            match.canonical
        ]:
            found.append(match)
    for word in words:
        if len(word.group()) < 4 or not free(word.start(), word.end()):
            continue
        if any(a <= word.start() < b for a, b in ambiguous):
            continue
        named = speaker_candidates(registry, word.group())
        if len(named) == 1:
            found.append(SpeakerMatch(named[0], word.start(), word.end(), word.group()))
    return sorted(found, key=lambda m: m.start)


def name_in_script(registry: SpeakerRegistry, canonical: str, script: str) -> str | None:
    """Return the speaker's fullest name as written in a script ("ru" Cyrillic, "en" Latin).

    None when no article wrote the name in that script.
    """
    want_cyrillic = script == "ru"
    forms = [a for a in registry.aliases(canonical) if is_cyrillic(a) == want_cyrillic]
    if not forms:
        return None
    return max(forms, key=lambda a: len(WORD.findall(a)))
