"""Names in free text (a question): where a known speaker may be named, and person-like names."""

from __future__ import annotations

import logging
import re

from corpus.attribution.lexicon import (
    COMMON_WORD_NAMES,
    DEMONYMS,
    NAME_ORG_WORDS,
    QUESTION_NOT_NAMES,
    ROLE_WORDS,
    TOPIC_PREPOSITIONS,
)
from corpus.speakers.names import WORD, plain_word

logger = logging.getLogger(__name__)


def fits_alone(word: str, *, initial: bool) -> bool:
    """Tell whether a single word in free text may name a speaker on its own.

    A word that is also a common word ("May", "Will", "Rice") counts only when capitalised
    where a sentence does not start.
    """
    plain = plain_word(word)
    if plain in ROLE_WORDS:
        return False
    if plain in QUESTION_NOT_NAMES or plain in COMMON_WORD_NAMES:
        return word[:1].isupper() and not initial
    return True


def is_word_gap(words: list[re.Match[str]], i: int) -> bool:
    # Two words make one name only with nothing but spaces between them.
    return not words[i].string[words[i].end() : words[i + 1].start()].strip()


def starts_sentence(words: list[re.Match[str]], i: int) -> bool:
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
    words = list(WORD.finditer(text))
    found: list[tuple[int, int, str]] = []
    run: list[re.Match[str]] = []

    def close(previous: str | None) -> None:
        if not run:
            return
        single_topic = len(run) == 1 and previous in TOPIC_PREPOSITIONS
        if not single_topic:
            start, end = run[0].start(), run[-1].end()
            name = re.sub(r"['’]s$", "", text[start:end])
            found.append((start, start + len(name), name))
        run.clear()

    previous: str | None = None
    before_run: str | None = None
    for index, match in enumerate(words):
        word = match.group()
        plain = plain_word(word)
        gap = text[words[index - 1].end() : match.start()] if index else ""
        person_like = (
            word[:1].isupper()
            and not word.isupper()
            and plain not in QUESTION_NOT_NAMES
            and plain not in ROLE_WORDS
            and plain not in NAME_ORG_WORDS
            and plain not in DEMONYMS
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
