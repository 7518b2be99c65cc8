"""Turn the words naming a source into a speaker, following the article as it goes.

A name is its person's fullest form. "Он" and "она" reach back to the last person quoted, or
named as a subject, whose sex agrees (with the pronoun, or with the verb: "сказала она"). A
role with no name ("сказал протоиерей", "министр заверил") is the person the article
introduced with that role; failing that, the last person quoted or named nearby whose sex
agrees. Organisations and groups ("пресс-служба", "экологи") are sources of their own kind,
never a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.attribution.ru.analysis import Analysis
from corpus.attribution.ru.mentions import Mention
from corpus.attribution.ru.morph import Gender
from corpus.attribution.ru.people import People, Person, pronoun_gender
from corpus.models import SourceKind

# How many paragraphs back a pronoun or a role may reach for its person.
_REACH = 2


@dataclass(frozen=True, slots=True)
class Source:
    """Who said it, as the quote record will carry it."""

    speaker: str | None
    role: str | None
    kind: SourceKind
    mention: Mention | None
    confidence: float
    person: Person | None = None


class Resolver:
    """Resolve mentions in text order, remembering who spoke last."""

    def __init__(self, analysis: Analysis, people: People) -> None:
        self.analysis = analysis
        self.people = people
        self.last: tuple[Person, int] | None = None  # last person speaker, paragraph

    def note(self, source: Source, paragraph: int) -> None:
        """Remember a person just attributed, for pronouns and roles that follow."""
        if source.person is not None:
            self.last = (source.person, paragraph)

    def last_speaker(self, paragraph: int, reach: int = _REACH) -> Person | None:
        if self.last is not None and paragraph - self.last[1] <= reach:
            return self.last[0]
        return None

    def resolve(
        self, mention: Mention, verb_gender: Gender | None, paragraph: int
    ) -> Source | None:
        """Return the source a mention names, or None for the author ("напомним")."""
        if mention.kind == "author":
            return None
        if mention.kind == "name" and mention.entity is not None:
            person = self.people.of_entity(mention.entity)
            if person is not None:
                self.people.note_gender(person, verb_gender)
                return Source(
                    person.name, mention.role or person.role, "person", mention, 0.9, person
                )
        if mention.kind == "pronoun":
            if mention.plural or verb_gender == "plur":
                return Source(None, None, "anonymous", mention, 0.3)
            gender = pronoun_gender(mention.text) or verb_gender
            person = self._antecedent(mention.start, paragraph, gender)
            if person is None:
                return Source(None, None, "anonymous", mention, 0.2)
            return Source(person.name, person.role, "person", mention, 0.7, person)
        if mention.kind == "role":
            person = self._role_holder(mention, paragraph, verb_gender)
            if person is not None:
                return Source(person.name, mention.text, "person", mention, 0.6, person)
            return Source(mention.text, None, "anonymous", mention, 0.4)
        if mention.kind == "group":
            return Source(mention.text, None, "anonymous", mention, 0.5)
        name = mention.entity.normal if mention.entity is not None else mention.text
        return Source(name, None, "organisation", mention, 0.6)

    def _agrees(self, person: Person, gender: Gender | None) -> bool:
        return gender is None or person.gender is None or person.gender == gender

    def _antecedent(self, offset: int, paragraph: int, gender: Gender | None) -> Person | None:
        """The person a "он"/"она" at ``offset`` stands for: the last speaker, if their sex
        agrees, else the nearest person named as a subject before it."""
        last = self.last_speaker(paragraph)
        if last is not None and self._agrees(last, gender):
            return last
        return self._named_before(offset, paragraph, gender)

    def _named_before(self, offset: int, paragraph: int, gender: Gender | None) -> Person | None:
        """The nearest person named as a subject (nominative) before ``offset``."""
        for entity in reversed(self.analysis.entities):
            if entity.start >= offset or entity.kind != "PER":
                continue
            sentence = self.analysis.sentence_at(entity.start)
            if sentence is None or paragraph - sentence.paragraph > _REACH:
                break
            head = self.analysis.tokens[entity.first]
            if head.case not in (None, "Nom"):
                continue
            person = self.people.of_entity(entity)
            if person is not None and self._agrees(person, gender):
                return person
        return None

    def _role_holder(
        self, mention: Mention, paragraph: int, gender: Gender | None
    ) -> Person | None:
        """The person a role noun stands for: introduced with that role, else the last one."""
        head = self.analysis.tokens[mention.head]
        holders = [p for p in self.people.with_role(head.lemma) if self._agrees(p, gender)]
        if len(holders) == 1:
            return holders[0]
        last = self.last_speaker(paragraph)
        if holders and last in holders:
            return last
        if last is not None and self._agrees(last, gender):
            return last
        return self._named_before(mention.start, paragraph, gender)
