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

from corpus.attribution.ru.analysis import Analysis, Entity
from corpus.attribution.ru.mentions import Mention, mention_at
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
        # The last person attributed: who, in which paragraph, and where their words ended.
        self.last: tuple[Person, int, int] | None = None

    def note(self, source: Source, paragraph: int, end: int) -> None:
        """Remember a person just attributed, for pronouns and roles that follow."""
        if source.person is not None:
            self.last = (source.person, paragraph, end)

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
            person = self._choose(mention.entity, verb_gender, mention.start)
            if person is not None:
                self.people.note_gender(person, verb_gender)
                return Source(
                    person.name, mention.role or person.role, "person", mention, 0.9, person
                )
        if mention.kind == "pronoun":
            if mention.plural or verb_gender == "plur":
                return self._plural_antecedent(mention, paragraph)
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

    def _plural_antecedent(self, mention: Mention, paragraph: int) -> Source:
        """ "Они сказали": the group or organisation last named as a subject before it."""
        tokens = self.analysis.tokens
        for i in range(mention.head - 1, -1, -1):
            token = tokens[i]
            if paragraph - self.analysis.sentences[token.sentence].paragraph > 1:
                break
            if token.rel not in ("nsubj", "nsubj:pass") or token.case != "Nom":
                continue
            if token.feats.get("Number") != "Plur" and self.analysis.entity_of(i) is None:
                continue
            found = mention_at(self.analysis, i)
            if found is not None and found.kind in ("group", "org"):
                source = self.resolve(found, "plur", paragraph)
                if source is not None:
                    return Source(source.speaker, None, source.kind, mention, 0.4)
        return Source(None, None, "anonymous", mention, 0.3)

    def _agrees(self, person: Person, gender: Gender | None) -> bool:
        return gender is None or person.gender is None or person.gender == gender

    def _choose(self, entity: Entity, gender: Gender | None, offset: int) -> Person | None:
        """The person a name stands for; of namesakes, the one whose sex agrees with the verb,
        then the last speaker, then the one last named in full before it."""
        found = self.people.candidates(entity)
        if len(found) > 1:
            found = [p for p in found if self._agrees(p, gender)] or found
        if len(found) <= 1:
            return found[0] if found else None
        sentence = self.analysis.sentences[self.analysis.tokens[entity.first].sentence]
        last = self.last_speaker(sentence.paragraph)
        if last in found:
            return last
        for other in reversed(self.analysis.entities):
            if other.start < offset and other.kind == "PER":
                named = self.people.candidates(other)
                if len(named) == 1 and named[0] in found:
                    return named[0]
        return found[0]

    def _antecedent(self, offset: int, paragraph: int, gender: Gender | None) -> Person | None:
        """The person a "он"/"она" at ``offset`` stands for: the last speaker if their sex
        agrees, unless another person of that sex was named as a subject since their words."""
        last = self.last_speaker(paragraph)
        named = self._named_before(offset, paragraph, gender)
        if last is not None and self._agrees(last, gender):
            assert self.last is not None
            if named is not None and named[1] > self.last[2] and named[0] is not last:
                return named[0]
            return last
        return named[0] if named is not None else None

    def _named_before(
        self, offset: int, paragraph: int, gender: Gender | None
    ) -> tuple[Person, int] | None:
        """The nearest person named as a subject (nominative) before ``offset``, and where."""
        for entity in reversed(self.analysis.entities):
            if entity.start >= offset or entity.kind != "PER":
                continue
            sentence = self.analysis.sentence_at(entity.start)
            if sentence is None or paragraph - sentence.paragraph > _REACH:
                break
            head = self.analysis.tokens[entity.first]
            if head.case not in (None, "Nom"):
                continue
            person = self._choose(entity, gender, entity.start)
            if person is not None and self._agrees(person, gender):
                return person, entity.start
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
        named = self._named_before(mention.start, paragraph, gender)
        return named[0] if named is not None else None
