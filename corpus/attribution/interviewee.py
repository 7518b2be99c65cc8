"""Who an interview's introduction says answers: the interviewee, not the interviewer.

The people an introduction names are the interviewee and often the interviewer ("Our reporter
Sam Birch talked to Jana Novak", "Sam Birch interviewed Jana Novak", "Novak told Sam Birch"),
or someone else it mentions. The dependency parse of the introduction tells them apart: the
object of an asking verb ("interviewed Novak") or of a meeting verb's "to"/"with" ("talked to
Novak"), and the subject of "told", answer; the subject of an asking verb, a person described as
a reporter or host, or the person an interviewer's label names, asks. Without such structure the
person the introduction names most answers, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from corpus.attribution.entities import NER_PIPES, Entities, Entity, load_pipeline
from corpus.lang.en.labels import ASKING_VERBS, INTERVIEWER_NOUNS, MEETING_VERBS, TELLING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_THIRD_PERSONS = frozenset({"he", "she", "they"})


def pick_interviewee(
    masked: str,
    lo: int,
    hi: int,
    persons: Sequence[Entity],
    entities: Entities,
    askers: frozenset[str],
) -> Entity | None:
    """Return the introduction's interviewee among ``persons`` (entities in ``[lo, hi)``).

    ``askers`` are the surnames (lower case) the interviewer's labels name. None when the
    introduction names only people who ask.
    """
    if not persons:
        return None
    nlp = load_pipeline()
    doc = nlp(masked[lo:hi], disable=list(NER_PIPES))
    answering: list[Entity] = []
    asking: set[int] = set()
    for entity in persons:
        surname = (
            entities.text_of(entity).split()[-1].lower().removesuffix("’s").removesuffix("'s")
        )
        head = _head(doc, entity.start - lo, entity.end - lo)
        if surname in askers:
            asking.add(entity.start)
        elif head is not None:
            role = _role(head)
            if role == "asks":
                asking.add(entity.start)
            elif role == "answers":
                answering.append(entity)
    if answering:
        return answering[0]
    rest = [e for e in persons if e.start not in asking]
    # Everyone named asks: the interviewee is not named, and no one is guessed.
    return _most_named(rest, entities) if rest else None


def _head(doc: Doc, start: int, end: int) -> Token | None:
    """Return the token of ``[start, end)`` whose head lies outside it (the phrase's head)."""
    tokens = [t for t in doc if t.idx >= start and t.idx + len(t.text) <= end]
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), None)


def _role(head: Token) -> str:
    """Tell from the parse whether a person's mention asks, answers or neither ("")."""
    # "our reporter Sam Birch", "Sam Birch, a correspondent": described as an interviewer.
    described = [c for c in head.children if c.dep_ in ("compound", "appos", "amod")]
    if head.dep_ == "appos":
        described.append(head.head)
    if any(t.lower_ in INTERVIEWER_NOUNS for t in described):
        return "asks"
    verb = head.head
    if head.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("to", "with"):
        meeting = verb.head
        if meeting.lower_ in MEETING_VERBS:
            # "(We) talked to Novak", "our reporter talked to Novak" answer; in "She spoke
            # to Sam Birch" or "the beekeeper spoke to Sam Birch" the person the
            # introduction is about speaks, to whoever interviews her.
            subject = next((c for c in meeting.children if c.dep_ in _SUBJECTS), None)
            if subject is None or subject.lower_ in ("we", "i"):
                return "answers"
            if subject.lower_ in _THIRD_PERSONS:
                return "asks"
            common = subject.pos_ == "NOUN" and subject.lower_ not in INTERVIEWER_NOUNS
            return "asks" if common else "answers"
    if head.dep_ in _SUBJECTS and verb.lower_ in MEETING_VERBS:
        # "Novak spoke to us", "Novak talked to a reporter".
        heard = [
            c
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in ("to", "with")
            for c in p.children
            if c.dep_ == "pobj"
        ]
        if any(c.lower_ in ("us", "me") or c.lower_ in INTERVIEWER_NOUNS for c in heard):
            return "answers"
    if head.dep_ == "dobj" and verb.lower_ in ASKING_VERBS:
        return "answers"  # "interviewed Novak"
    if head.dep_ == "nsubjpass" and verb.lower_ in ASKING_VERBS:
        return "answers"  # "Novak was interviewed"
    if head.dep_ in _SUBJECTS and verb.lower_ in TELLING_VERBS:
        return "answers"  # "Novak told the Ledger"
    if head.dep_ == "nsubj" and verb.lower_ in ASKING_VERBS:
        return "asks"  # "Birch interviewed ..."
    return ""


def _most_named(persons: Sequence[Entity], entities: Entities) -> Entity:
    """Return the fullest mention of the person named most, the first named on a tie."""
    order: dict[str, int] = {}
    counts: dict[str, int] = {}
    for e in persons:
        surname = entities.text_of(e).split()[-1]
        order.setdefault(surname, len(order))
        counts[surname] = counts.get(surname, 0) + 1
    top = max(counts, key=lambda s: (counts[s], -order[s]))
    return max(
        (e for e in persons if entities.text_of(e).split()[-1] == top),
        key=lambda e: len(entities.text_of(e).split()),
    )
