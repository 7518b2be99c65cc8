"""Questions in each language whosaid reads: which language a question is in, and its reader.

English questions are read by :mod:`retrieval.question`; a Russian one by
:mod:`retrieval.lang.ru`, into the same typed :class:`~retrieval.question.Query`, so everything
after the analysis (retrieval, ranking, verification) is the same for both. Word lists are
kept apart from the code that reads them (``ru_words``), as ``corpus.lang`` does for articles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.language import detect_language
from corpus.speakers import SpeakerRegistry, speaker_candidates
from corpus.speakers.scripts import similar

__all__ = [
    "in_other_script",
    "question_language",
    "searchable_description",
    "share_known",
    "written_alike",
]


def question_language(text: str) -> str:
    """Return the language a question is written in ("ru" or "en"), by its letters."""
    return detect_language(text)


def in_other_script(registry: SpeakerRegistry, name: str) -> list[str]:
    """Return the speakers a name may mean when written in the other script ("Peskov" for
    "Дмитрий Песков" quoted only in Russian), or [] when no speaker is named in that script.

    Only then: the comparison reads every speaker's names, which an English question over an
    English corpus never needs.
    """
    cyrillic = detect_language(name) == "ru"
    if not _scripts(registry)[0 if cyrillic else 1]:
        return []
    return speaker_candidates(registry, name)


@lru_cache(maxsize=4)
def _scripts(registry: SpeakerRegistry) -> tuple[bool, bool]:
    """Whether any speaker is named in Latin letters, and whether any in Cyrillic."""
    languages = {
        detect_language(alias) for name in registry.names() for alias in registry.aliases(name)
    }
    return "en" in languages, "ru" in languages


def written_alike(wanted: set[str], have: set[str]) -> bool:
    """Whether a Russian description's role terms are all those of a role recorded in English.

    Role terms are stems. Office words are folded to the same terms already (``ru_words``);
    places and bodies are transliterated ("мэр Нью-Йорка": "йорк" is "york", "нью" is "new").
    One name may stay unmatched when two other terms match and every office word does: a
    body's name is often translated, not transliterated (МВФ is the IMF).
    """
    if not any(_CYRILLIC.search(t) for t in wanted) or not any(_LATIN.search(t) for t in have):
        return False
    known = frozenset(have)
    missing = [t for t in wanted if t not in known and not _written_in(t, known)]
    if not missing:
        return True
    # An office word (folded to an English term) is never left out, nor more than one name.
    return len(missing) == 1 and bool(_CYRILLIC.search(missing[0])) and len(wanted) >= 3


def share_known(wanted: set[str], known: frozenset[str]) -> float:
    """The share of a description's role terms found in what is known of a speaker, a
    Cyrillic term also when it is a Latin one transliterated ("нью-йорк" in "New York")."""
    if not wanted:
        return 0.0
    found = len(wanted & known)
    if found < len(wanted) and any(_CYRILLIC.search(t) for t in wanted):
        found += sum(1 for t in wanted - known if _CYRILLIC.search(t) and _written_in(t, known))
    return found / len(wanted)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")


@lru_cache(maxsize=65536)
def _written_in(term: str, known: frozenset[str]) -> bool:
    """Whether a Cyrillic term is one of the Latin terms, transliterated."""
    return len(term) > 2 and any(_LATIN.search(k) and similar(term, k) for k in known)


def searchable_description(description: str) -> str:
    """A description as BM25 can meet it in an article of either language: a Russian one
    with the English counterparts of its office words added ("бывший министр иностранных дел"
    also "former minister foreign"), as articles in English introduce their speakers."""
    if not _CYRILLIC.search(description):
        return description
    from retrieval.lang.ru_words import ROLE_WORDS
    from retrieval.lexical import tokenize

    english = _english_of(tuple(sorted(ROLE_WORDS.items())))
    glosses = [english[t] for t in tokenize(description) if t in english]
    return " ".join([description, *dict.fromkeys(glosses)])


@lru_cache(maxsize=1)
def _english_of(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Russian stem -> English word, from the office words' pairs."""
    from retrieval.lexical import tokenize

    return {stem: english for russian, english in pairs for stem in tokenize(russian)}
