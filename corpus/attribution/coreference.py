"""Resolve a mention to its speaker through the article's chain of mentions.

A name expands to its fullest form in the article; a pronoun or a description ("she", "the
politician", "the company") resolves to the nearest compatible person or organisation that
spoke or was the subject of a sentence, by gender and by what the article says of each.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.attribution.marks import MASK
from corpus.attribution.mentions import Mention, parse
from corpus.attribution.people import (
    People,
    Speaker,
    described_source,
    description_head,
    looks_like_person,
    speaker_from,
)
from corpus.attribution.sentences import sentence_end, sentence_start
from corpus.attribution.subjects import sentence_subject
from corpus.lang.en.names import FEMALE_WORDS, MALE_WORDS, TITLE_ROLES, TITLES
from corpus.lang.en.nouns import (
    BUSINESS_NOUNS,
    GENERIC_ORG_NOUNS,
    OUTLET_NOUNS,
    PLAIN_PEOPLE,
    PROXY_NOUNS,
    ROLE_ADJECTIVES,
)
from corpus.lang.en.places import PLACE_NAMES
from corpus.lang.en.pronouns import GENERIC_DETERMINERS, PERSON_PRONOUNS, POSSESSIVES
from corpus.models import Paragraph

# Offices and the roles of speaking for others ("the governor", "the spokeswoman"): a
# description headed by one is whoever the article gives it to.
_OFFICES = TITLES - ROLE_ADJECTIVES
_ROLE_HEADS = _OFFICES | PROXY_NOUNS
_ROLE_OF_TITLE = TITLE_ROLES
_NAME_RUN = re.compile(r"(?:[A-Z][\w’'\-]*\.?\s+){0,3}[A-Z][\w’'\-]*")


# How many paragraphs back a pronoun may reach for its speaker.
PRONOUN_REACH = 3
_PERSONS_KEPT = 12
# How many times more often the protagonist is named than a nearer, never-quoted subject.
_SALIENCE = 3


@dataclass(frozen=True, slots=True)
class _State:
    """A copy of what a resolver remembers of the speakers attributed so far."""

    persons: list[tuple[Speaker, int, int]]
    last_any: tuple[Speaker, int] | None
    roles: dict[str, str]
    addressee: tuple[Speaker, int] | None


def _as_described(mention: Mention) -> Speaker:
    """Return a description as its own, unnamed speaker ("the spokeswoman")."""
    return described_source(mention) or Speaker(
        mention.text.strip(" ,."), None, False, "anonymous"
    )


class Resolver:
    """Track speakers through an article to resolve pronouns and descriptions."""

    def __init__(self, masked: str, people: People, paras: Sequence[Paragraph]) -> None:
        self.masked = masked
        self.people = people
        self.paras = paras
        self.index = {p.number: i for i, p in enumerate(paras)}
        # The people attributed so far, latest last, for pronouns to reach back to.
        self.persons: list[tuple[Speaker, int, int]] = []
        self.last_any: tuple[Speaker, int] | None = None
        self.roles: dict[str, str] = {}
        # The person a quoted question was put to ("a reporter asked Lee, '...?'"), with its
        # paragraph: the "she replied" that follows is theirs.
        self.addressee: tuple[Speaker, int] | None = None

    def snapshot(self) -> _State:
        """Return what the resolver remembers, to undo an attribution that is replaced."""
        return _State(list(self.persons), self.last_any, dict(self.roles), self.addressee)

    def restore(self, state: _State) -> None:
        """Forget every speaker noted since ``state`` was taken."""
        self.persons = list(state.persons)
        self.last_any = state.last_any
        self.roles = dict(state.roles)
        self.addressee = state.addressee

    def note(self, speaker: Speaker, paragraph: int, pos: int) -> None:
        """Remember a speaker just attributed, for the pronouns that follow."""
        if speaker.described is not None:
            return  # "an official" is no one a later "he" or "it" can mean
        self.addressee = None
        if speaker.role and speaker.name not in self.roles:
            self.roles[speaker.name] = speaker.role
        self.last_any = (speaker, paragraph)
        if speaker.is_person:
            self.persons.append((speaker, paragraph, pos))
            del self.persons[:-_PERSONS_KEPT]

    def with_role(self, speaker: Speaker) -> Speaker:
        if speaker.role is None and speaker.name in self.roles:
            return Speaker(speaker.name, self.roles[speaker.name], speaker.is_person)
        return speaker

    def resolve(self, mention: Mention, para: Paragraph) -> tuple[Speaker | None, float]:
        """Return the speaker a mention points at, and how surely (None: nobody known)."""
        speaker, conf = self._resolve(mention, para)
        head = description_head(mention.text)
        if (
            speaker is not None
            and speaker.is_person
            and mention.kind == "description"
            and head in _ROLE_HEADS
            and self._holds_other_office(speaker, head)
        ):
            # "the governor" is never a person the article gives another office ("Fire
            # Chief Rosa Delgado"), however often it names her.
            return _as_described(mention), 0.5
        return speaker, conf

    def _holds_other_office(self, speaker: Speaker, head: str) -> bool:
        role = self.roles.get(speaker.name) or speaker.role or ""
        titles = {
            _ROLE_OF_TITLE.get(w.lower().strip(".,"), w.lower().strip(".,")) for w in role.split()
        } & _OFFICES
        return bool(titles) and head not in titles

    def _resolve(self, mention: Mention, para: Paragraph) -> tuple[Speaker | None, float]:
        direct = speaker_from(mention, self.people)
        if direct is not None:
            return self.with_role(direct), 0.9
        lowered = mention.text.lower()
        generic = lowered.split()[0] in GENERIC_DETERMINERS or lowered.endswith("s")
        last_org = self.last_any
        if last_org is not None and (
            last_org[0].is_person or para.number - last_org[1] > PRONOUN_REACH
        ):
            last_org = None
        if mention.kind == "pronoun" and lowered not in PERSON_PRONOUNS:
            if lowered in {"they", "it", "we"} and last_org is not None:
                return last_org[0], 0.6
            return None, 0.3
        if mention.kind in ("description", "org") and generic:
            return described_source(mention), 0.5
        described = described_source(mention)
        if (
            described is not None
            and described.kind == "anonymous"
            and lowered.split()[0] in POSSESSIVES
        ):
            # "her mother will say": someone related to the person, never that person.
            return described, 0.5
        if (
            described is not None
            and described.kind == "document"
            and lowered.split()[-1] not in OUTLET_NOUNS
        ):
            # "the report said": a document speaks for itself, never for the last speaker.
            return described, 0.5
        pronoun = _pronoun_of(mention)
        if mention.kind == "pronoun" and self.addressee is not None:
            asked, asked_in = self.addressee
            if para.number - asked_in <= 1 and self.people.agrees(asked, lowered):
                return self.with_role(asked), 0.7
        titled = self._holder_of_role(mention)
        if titled is not None:
            return self.with_role(titled), 0.7
        head = description_head(mention.text)
        if mention.kind == "description" and lowered.startswith("the ") and head in _ROLE_HEADS:
            # "the spokeswoman", "the governor": a role is the person the article gives it,
            # never merely the person named last ("Stahl could not be reached, the
            # spokeswoman said" is not Stahl's).
            holder = self._titled_person(head, mention)
            if holder is not None:
                return self.with_role(holder), 0.6
            if head in PROXY_NOUNS:
                return _as_described(mention), 0.5
        near = self._name_in_sentence(mention, para, pronoun)
        if near is not None:
            return self.with_role(near), 0.8
        if mention.kind == "org":
            if last_org is not None:
                return last_org[0], 0.6
            named_org = self._organisation_before(mention, para)
            if named_org is not None:
                return named_org, 0.5
            return described_source(mention), 0.4
        # "she" never reaches a speaker known to be a man, nor "he" a woman.
        last = next(
            (
                p
                for p in reversed(self.persons)
                if para.number - p[1] <= PRONOUN_REACH and self.people.agrees(p[0], pronoun)
            ),
            None,
        )
        recent = self._recent_subject(mention, para, pronoun)
        if (
            last is not None
            and last[1] != para.number
            and (recent is None or recent[1] < para.start)
        ):
            # "In Hajjaj's case, she decided to stay. '...,' she continued.": the one person
            # the sentence before names outranks a speaker of an earlier paragraph.
            introduced = self._introduced_before(mention, para, pronoun, opening=True)
            if introduced is not None:
                return self.with_role(introduced), 0.6
        if last is not None and (recent is None or last[2] >= recent[1]):
            return self.with_role(last[0]), 0.7
        if recent is not None:
            protagonist = self._protagonist(pronoun)
            if protagonist is not None and self._more_salient(protagonist, recent[0]):
                return self.with_role(protagonist), 0.6
            return self.with_role(recent[0]), 0.6
        introduced = self._introduced_before(mention, para, pronoun)
        if introduced is not None:
            return self.with_role(introduced), 0.5
        named = self._most_named_nearby(mention, para, pronoun)
        if named is not None:
            return self.with_role(named), 0.4
        return described_source(mention), 0.3

    def _holder_of_role(self, mention: Mention) -> Speaker | None:
        """Resolve "the Director" to the person quoted earlier with that title in their role."""
        words_ = mention.text.lower().split()
        if mention.kind != "description" or len(words_) != 2 or words_[0] != "the":
            return None
        for speaker, _, _ in reversed(self.persons):
            role = self.roles.get(speaker.name) or speaker.role or ""
            # Only the role's head names what the person is: "airline boss" makes its
            # holder "the boss", never "the airline" (that is the company speaking).
            if words_[1] == _role_head(role):
                return speaker
        return None

    def _titled_person(self, head: str, mention: Mention) -> Speaker | None:
        """Find the person the article gives a role: "Gov. Tom Hale", "Vos, the harbour master".

        The latest person named before the mention with the role's word (or its abbreviated
        title) among the few words before their name or in the apposition after it.
        """
        entities = self.people.entities
        persons = [e for e in entities.items if e.kind == "person" and e.end <= mention.start]
        for entity in reversed(persons):
            before = self.masked[max(0, entity.start - 40) : entity.start].split()[-4:]
            after = self.masked[entity.end : entity.end + 80]
            apposition = after.split(",")[1].split() if after.startswith(",") else []
            words_ = {
                _ROLE_OF_TITLE.get(w.lower().strip(".,"), w.lower().strip(".,"))
                for w in before + apposition[:8]
            }
            if head in words_:
                cand = parse(
                    self.masked, entity.start, possessor_end(self.masked, entity.start, entity.end)
                )
                speaker = speaker_from(cand, self.people) if cand is not None else None
                if speaker is not None and speaker.is_person:
                    return speaker
        return None

    def _organisation_before(self, mention: Mention, para: Paragraph) -> Speaker | None:
        """Resolve "the company" to the organisation named last before it, nearby.

        '... Boeing won the contract. "We look forward to it," the company said.'
        """
        if not mention.text.lower().startswith("the "):
            return None
        business = mention.text.lower().split()[-1] in BUSINESS_NOUNS
        names = [
            re.sub(r"^(?:the|The)\s+", "", self.masked[e.start : e.end])
            .removesuffix("’s")
            .removesuffix("'s")
            for e in self.people.entities.items
            # The small NER model often takes a company ("AirAsia") for a place; a country
            # or a capital never is "the airline".
            if (
                e.kind == "organisation"
                or (
                    business
                    and e.kind == "place"
                    and self.masked[e.start : e.end].lower() not in PLACE_NAMES
                )
            )
            and e.end <= mention.start
            and MASK not in self.masked[e.start : e.end]
        ]
        head = description_head(mention.text)
        if head not in GENERIC_ORG_NOUNS:
            # "the ministry" is an organisation whose name says so ("the Ministry of
            # Health"), never merely the one named last ("Council member Nair ... the city").
            names = [n for n in names if head in n.lower().split()]
        if not names:
            return None
        # The organisation the article is about: the most often named so far, the latest
        # of those on a tie ("Air Force One" once does not beat "Boeing" four times).
        counts = Counter(names)
        name = max(reversed(names), key=lambda n: counts[n])
        return Speaker(name, None, False)

    def _most_named_nearby(
        self, mention: Mention, para: Paragraph, pronoun: str
    ) -> Speaker | None:
        """Resolve "he said" to the person the article names most, if named close before.

        The last resort for a pronoun: 'the former mayor argued ...', then '"You can just
        take the description ...," he said' is the article's Bloomberg. Only a person whose
        gender the article shows, and who is named in the last few paragraphs, qualifies.
        """
        definite = mention.kind == "description" and mention.text.lower().startswith("the ")
        if not pronoun and not definite:
            return None
        if mention.kind == "description" and mention.text.lower().split()[-1] in PLAIN_PEOPLE:
            # "the woman said" after "A resident who didn't want to be named": no one the
            # article names, however often it names someone else.
            return None
        lo = self.paras[max(0, self.index[para.number] - PRONOUN_REACH)].start
        entities = self.people.entities
        best: tuple[int, Speaker] | None = None
        for entity in entities.overlapping(lo, mention.start):
            if entity.kind != "person":
                continue
            cand = parse(
                self.masked, entity.start, possessor_end(self.masked, entity.start, entity.end)
            )
            speaker = speaker_from(cand, self.people) if cand is not None else None
            if speaker is None or not speaker.is_person:
                continue
            if pronoun and self.people.gender(speaker) != {"he": "m", "she": "f"}[pronoun]:
                continue
            count = entities.mentions_of(speaker.name)
            if best is None or count > best[0]:
                best = (count, speaker)
        if best is None or (not pronoun and best[0] < entities.most_named()):
            # "the former mayor" is the article's protagonist or nobody we can tell.
            return None
        return best[1]

    def _introduced_before(
        self, mention: Mention, para: Paragraph, pronoun: str, *, opening: bool = False
    ) -> Speaker | None:
        """Find the person the sentence before a pronoun introduces, if only one fits.

        'One of the women to flee was Nesma Hajjaj, who was seven months pregnant. "I am
        from Gaza City," she said.': the name is no subject, but the only person there.
        With ``opening``, only a name opening that sentence counts ("In Hajjaj's case, she
        ..."), not one in its object ("The duchess reached out to ... Diana").
        """
        lo = sentence_start(self.masked, mention.start, para.start)
        if lo <= para.start:
            return None
        prev = sentence_start(self.masked, lo - 1, para.start)
        entities = self.people.entities
        fitting = {
            speaker.name: speaker
            for entity in entities.overlapping(prev, lo)
            if entity.kind == "person"
            and not (opening and len(self.masked[prev : entity.start].split()) > 2)
            for speaker in [
                speaker_from(
                    parse(
                        self.masked,
                        entity.start,
                        possessor_end(self.masked, entity.start, entity.end),
                    )
                    or Mention(entity.start, entity.end, "", "description"),
                    self.people,
                )
            ]
            if speaker is not None and speaker.is_person and self.people.agrees(speaker, pronoun)
        }
        return next(iter(fitting.values())) if len(fitting) == 1 else None

    def closing_subject(self, para: Paragraph) -> tuple[Mention, Speaker] | None:
        """Return the person the last sentence of a paragraph's narrative opens with.

        "Her neighbour Jorge Ruiz, a retired engineer, is less sure." or "The county
        engineer, Jorge Ruiz, disagreed.": the sentence after the paragraph's last quotation,
        holding no quotation itself, that names one person in its first words.
        """
        body_end = para.start + len(self.masked[para.start : para.end].rstrip())
        last_quote = max(self.masked.rfind(ch, para.start, body_end) for ch in MASK + '”"»')
        if last_quote >= body_end - 2:
            return None  # the paragraph ends on a quotation: no narrative after it
        lo = sentence_start(self.masked, body_end - 1, para.start)
        if lo <= last_quote:
            return None
        found: dict[str, tuple[Mention, Speaker]] = {}
        for entity in self.people.entities.overlapping(lo, body_end):
            if entity.kind != "person" or len(self.masked[lo : entity.start].split()) > 4:
                continue
            end = possessor_end(self.masked, entity.start, entity.end)
            mention = parse(self.masked, entity.start, end)
            speaker = speaker_from(mention, self.people) if mention is not None else None
            if mention is not None and speaker is not None and speaker.is_person:
                found[speaker.name] = (mention, self.with_role(speaker))
        return next(iter(found.values())) if len(found) == 1 else None

    def person_named_in(self, para: Paragraph) -> Speaker | None:
        """Return the one person a paragraph names, or None when it names none or several."""
        found: dict[str, Speaker] = {}
        for entity in self.people.entities.overlapping(para.start, para.end):
            if entity.kind != "person":
                continue
            end = possessor_end(self.masked, entity.start, entity.end)
            cand = parse(self.masked, entity.start, end)
            speaker = speaker_from(cand, self.people) if cand is not None else None
            if speaker is not None and speaker.is_person:
                found[speaker.name] = speaker
        return self.with_role(next(iter(found.values()))) if len(found) == 1 else None

    def _protagonist(self, pronoun: str) -> Speaker | None:
        """Return the quoted person the article names most often, if the pronoun fits."""
        quoted = [p[0] for p in self.persons if self.people.agrees(p[0], pronoun)]
        if not quoted:
            return None
        return max(quoted, key=lambda s: self.people.entities.mentions_of(s.name))

    def _more_salient(self, speaker: Speaker, other: Speaker) -> bool:
        """Tell whether a pronoun should skip a nearer subject for the article's protagonist.

        In a profile "she says" after a sentence about a colleague is still the profile's
        subject: a speaker the article names far more often than a person never quoted.
        """
        if speaker.name == other.name or any(p[0].name == other.name for p in self.persons):
            return False
        entities = self.people.entities
        return entities.mentions_of(speaker.name) >= _SALIENCE * max(
            1, entities.mentions_of(other.name)
        )

    def _recent_subject(
        self, mention: Mention, para: Paragraph, pronoun: str
    ) -> tuple[Speaker, int] | None:
        """Find the nearest earlier sentence whose subject is a person's name."""
        limit = sentence_start(self.masked, mention.start, para.start)
        first = max(0, self.index[para.number] - PRONOUN_REACH)
        for i in range(self.index[para.number], first - 1, -1):
            p = self.paras[i]
            hi = min(p.end, limit)
            found: tuple[Speaker, int] | None = None
            pos = p.start
            while pos < hi:
                end = sentence_end(self.masked, pos, hi)
                subject = sentence_subject(self.masked, pos, end)
                if subject is not None and subject.kind == "name":
                    speaker = speaker_from(subject, self.people)
                    # A lone capitalised word never seen with a first name ("Ruthenia
                    # exchanged") is more likely a place than a person.
                    if (
                        speaker is not None
                        and speaker.is_person
                        and len(speaker.name.split()) > 1
                        # "the Al-Najjar Hospital was ..." is a place, not who "he" is.
                        and looks_like_person(speaker.name.split())
                        and self.people.agrees(speaker, pronoun)
                    ):
                        found = (speaker, subject.start)
                pos = max(end, pos + 1)
            if found is not None:
                return found
        return None

    def _name_in_sentence(self, mention: Mention, para: Paragraph, pronoun: str) -> Speaker | None:
        lo = sentence_start(self.masked, mention.start, para.start)
        found: Speaker | None = None
        for run in _NAME_RUN.finditer(self.masked, lo, mention.start):
            cand = parse(self.masked, lo, run.end()) or parse(self.masked, run.start(), run.end())
            if cand is None or cand.kind != "name" or not cand.name:
                continue
            bare = cand.name.split()
            known = bare[-1].lower() in self.people.by_surname
            if known or (len(bare) >= 2 and looks_like_person(bare)):
                speaker = speaker_from(cand, self.people)
                if (
                    speaker is not None
                    and speaker.is_person
                    and self.people.agrees(speaker, pronoun)
                ):
                    found = speaker
        return found


_ROLE_HEAD_END = re.compile(r"\s(?:of|at|for|in|on|with|to|from)\s|[,;(]")


def _role_head(role: str) -> str:
    """Return the head noun of a role: "Director of the Centre" -> "director"."""
    cut = _ROLE_HEAD_END.search(role)
    head = (role[: cut.start()] if cut else role).split()
    return head[-1].lower().strip(".") if head else ""


def possessor_end(masked: str, start: int, end: int) -> int:
    """Return where a name ends without its possessive: "Hajjaj’s" is Hajjaj."""
    return end - 2 if masked[start:end].endswith(("’s", "'s")) else end


def _pronoun_of(mention: Mention) -> str:
    """Return "he" or "she" when a mention shows its referent's sex, else ""."""
    tokens = {w.lower() for w in mention.text.split()}
    if tokens & FEMALE_WORDS and not tokens & MALE_WORDS:
        return "she"
    if tokens & MALE_WORDS and not tokens & FEMALE_WORDS:
        return "he"
    return ""
