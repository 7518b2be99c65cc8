"""Language data by kind, one package per language (as spaCy keeps ``lang/en/``).

``corpus.lang.en`` holds the English word lists the attribution engine and the speaker
registry are built from; code lives in the packages that use them, never here.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())
