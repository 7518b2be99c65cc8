"""The English lexicon under its old name, for the speaker registry and retrieval.

The word lists live in :mod:`corpus.lang.en`, by kind; new code imports them from there.
This module only re-exports the ones importers outside the attribution engine
(``corpus.speakers``, ``retrieval``) use, so that they keep working unchanged.
"""

from __future__ import annotations

from corpus.lang import words
from corpus.lang.en.names import (
    ABBREVIATIONS,
    COMMON_WORD_NAMES,
    CUT_TITLES,
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NEVER_NAME_WORDS,
    NICKNAMES,
    NOT_NAME_WORDS,
    QUESTION_NOT_NAMES,
    TITLES,
)
from corpus.lang.en.nouns import (
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    NAME_CONNECTORS,
    NAME_ORG_WORDS,
    NOT_ROLE_ENDINGS,
    NOT_ROLE_OPENERS,
    ORG_ADJECTIVES,
    ORG_NOISE,
    ORG_SYNONYMS,
    PERSON_NOUNS,
    ROLE_ADJECTIVES,
    ROLE_WORDS,
)
from corpus.lang.en.places import (
    DEMONYMS,
    PLACE_NAMES,
    STATE_ABBREVIATIONS,
)
from corpus.lang.en.pronouns import (
    ARTICLES,
    INDEFINITE_OPENERS,
    RELATIVE_PRONOUNS,
    TOPIC_PREPOSITIONS,
)
from corpus.lang.en.verbs import (
    PHRASAL_VERBS,
    SPEECH_VERBS,
)

__all__ = [
    "ABBREVIATIONS",
    "ARTICLES",
    "COMMON_WORD_NAMES",
    "CUT_TITLES",
    "DEMONYMS",
    "DOCUMENT_NOUNS",
    "FEMALE_FIRST_NAMES",
    "GROUP_NOUNS",
    "INDEFINITE_OPENERS",
    "MALE_FIRST_NAMES",
    "NAME_CONNECTORS",
    "NAME_ORG_WORDS",
    "NAME_PARTICLES",
    "NAME_SUFFIXES",
    "NEVER_NAME_WORDS",
    "NICKNAMES",
    "NOT_NAME_WORDS",
    "NOT_ROLE_ENDINGS",
    "NOT_ROLE_OPENERS",
    "ORG_ADJECTIVES",
    "ORG_NOISE",
    "ORG_SYNONYMS",
    "PERSON_NOUNS",
    "PHRASAL_VERBS",
    "PLACE_NAMES",
    "QUESTION_NOT_NAMES",
    "RELATIVE_PRONOUNS",
    "ROLE_ADJECTIVES",
    "ROLE_WORDS",
    "SPEECH_VERBS",
    "STATE_ABBREVIATIONS",
    "TITLES",
    "TOPIC_PREPOSITIONS",
    "words",
]
