"""Language data by kind, one package per language (as spaCy keeps ``lang/en/``, ``lang/ru/``).

The word lists the engines read, apart from code: ``corpus.lang.en`` holds the English ones
the attribution engine and the speaker registry are built from, ``corpus.lang.ru`` the Russian.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())
