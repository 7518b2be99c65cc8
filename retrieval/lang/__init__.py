"""Questions in each language whosaid reads: which language a question is in, and its reader.

English questions are read by :mod:`retrieval.question`; a Russian one by
:mod:`retrieval.lang.ru`, into the same typed :class:`~retrieval.question.Query`, so everything
after the analysis (retrieval, ranking, verification) is the same for both. Word lists are
kept apart from the code that reads them (``ru_words``), as ``corpus.lang`` does for articles.
"""

from __future__ import annotations

from functools import lru_cache

from corpus.language import detect_language
from corpus.speakers import SpeakerRegistry, speaker_candidates
from corpus.speakers.scripts import similar

__all__ = ["in_other_script", "question_language", "written_alike"]


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
    """Whether a Russian description's role terms are those of a role recorded in English.

    Role terms are stems. Office words are folded to the same terms already (``ru_words``);
    places and bodies are transliterated ("мэр Нью-Йорка": "йорк" is "york", "нью" is "new").
    One term may stay unmatched when two others match: a body's name is often translated,
    not transliterated (МВФ is the IMF, Белый дом the White House).
    """
    latin = [t for t in have if detect_language(t) == "en"]
    if not latin or not any(detect_language(t) == "ru" for t in wanted):
        return False
    matched = sum(
        1 for t in wanted if t in have or any(similar(t, h) for h in latin if len(t) > 2)
    )
    return matched == len(wanted) or (len(wanted) >= 3 and matched >= len(wanted) - 1)
