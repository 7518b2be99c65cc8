"""The Russian quote engine (see :mod:`corpus.attribution.ru.engine` for its passes).

- ``models`` loads natasha's vetted models and pymorphy3, once per process, lazily;
- ``analysis`` reads an article with them (sentences, morphology, syntax, names);
- ``morph`` asks pymorphy3 about one word (lemma, gender, nominative forms);
- ``marks`` pairs «…», „…“ and "…";
- ``claims`` finds speech cues and the words each attributes;
- ``mentions`` reads a cue's subject as a name, pronoun, role, group or organisation;
- ``people`` names each person of the article by their fullest nominative form;
- ``resolve`` turns mentions into speakers in text order;
- ``engine`` ties them together.

Word lists are in :mod:`corpus.lang.ru`.
"""

from corpus.attribution.ru.engine import extract_quotes_ru
from corpus.attribution.ru.models import RussianModelError

__all__ = ["RussianModelError", "extract_quotes_ru"]
