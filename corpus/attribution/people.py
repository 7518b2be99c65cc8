"""Gather an article's people and organisations, and resolve mentions to canonical names."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from corpus.attribution.entities import Entities
from corpus.attribution.mentions import Mention, is_capitalised, split_title
from corpus.attribution.roles import clean_role
from corpus.lang.en.names import (
    FEMALE_FIRST_NAMES,
    FEMALE_WORDS,
    MALE_FIRST_NAMES,
    MALE_WORDS,
    NOT_NAME_WORDS,
    TITLES,
)
from corpus.lang.en.nouns import DOCUMENT_NOUNS, ORG_NOUNS, ORG_WORDS, PERSON_NOUNS
from corpus.lang.en.places import PLACE_NAMES
from corpus.lang.en.pronouns import HEAD_ENDS
from corpus.models import SourceKind

logger = logging.getLogger(__name__)

_GENDERED = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")
# How far after a name its pronoun may come, in characters (about a sentence).
_GENDER_REACH = 120
_RUN = re.compile(r"(?:(?:[A-Z][a-z]{0,3}\.|[A-Z][\w’'\-]*)\s+){0,4}[A-Z][\w’'\-]*")


def _lower(word: str) -> str:
    return word.lower().rstrip(".").removesuffix("’s").removesuffix("'s")


@dataclass(slots=True)
class People:
    """The person names of one article, keyed by surname, to pick each one's fullest form."""

    by_surname: dict[str, str] = field(default_factory=dict)
    seen: Counter[str] = field(default_factory=Counter)
    entities: Entities = field(default_factory=Entities.none)
    genders: dict[str, str] = field(default_factory=dict)  # surname -> "f" or "m"

    @classmethod
    def gather(cls, masked: str, entities: Entities | None = None) -> People:
        """Collect person-like names (two to four capitalised words) outside quotes.

        Where the NER sees a run of capitalised words, it decides: a place or an
        organisation is no one's name, and a run holding a person's name ("Taking Archie",
        "Tina Fey. Wiig") is cut to that name.
        """
        people = cls(entities=entities or Entities.none())
        for run, by_ner in _person_runs(masked, people.entities):
            tokens = run.split()
            while tokens and _lower(tokens[0]) in TITLES | NOT_NAME_WORDS:
                tokens.pop(0)
            if tokens and tokens[-1].endswith(("’s", "'s")):
                tokens[-1] = tokens[-1][:-2]
            if not 2 <= len(tokens) <= 4:
                continue
            # An organisation word in a name the NER reads as a person's is a surname
            # ("Michael R. Bloomberg"); elsewhere it marks an organisation.
            if any(_lower(w) in NOT_NAME_WORDS for w in tokens) or (
                not by_ner and any(_lower(w) in ORG_WORDS for w in tokens)
            ):
                continue
            people.add(" ".join(tokens))
        people.learn_genders(masked)
        return people

    def learn_genders(self, masked: str) -> None:
        """Learn each person's gender from the pronouns that follow their name in the article.

        "Abu Hatab said he was able ...": a name, then "he", "his" or "him" before any other
        person is named, votes male. First-name lists cannot know "Abu Hatab" or "Hajjaj".
        """
        votes: dict[str, Counter[str]] = {}
        persons = [e for e in self.entities.items if e.kind == "person"]
        ends = [e.start for e in persons[1:]] + ([len(masked)] if persons else [])
        for entity, following in zip(persons, ends, strict=True):
            hi = min(entity.end + _GENDER_REACH, following)
            match = _GENDERED.search(masked, entity.end, hi)
            if match is not None:
                surname = _lower(masked[entity.start : entity.end].split()[-1])
                vote = "f" if match.group().lower() in {"she", "her", "hers", "herself"} else "m"
                votes.setdefault(surname, Counter())[vote] += 1
        for surname, counter in votes.items():
            (gender, n), *rest = counter.most_common()
            if not rest or n >= 2 * rest[0][1]:
                self.genders[surname] = gender

    def gender(self, speaker: Speaker) -> str | None:
        """Return "f" or "m" when the name, the role or the article's pronouns show it."""
        gender = gender_of(speaker)
        if gender is None and speaker.is_person and speaker.name.split():
            gender = self.genders.get(_lower(speaker.name.split()[-1]))
        return gender

    def agrees(self, speaker: Speaker, pronoun: str) -> bool:
        """Tell whether "he" or "she" may refer to a speaker, by name, role or the article."""
        gender = self.gender(speaker)
        wanted = {"he": "m", "she": "f"}.get(pronoun.lower())
        return gender is None or wanted is None or gender == wanted

    def add(self, name: str) -> None:
        """Remember a full name under its surname, keeping its most frequent full form.

        Frequency before length: "Rival Hillary Clinton" at the start of one sentence must
        not win over the "Hillary Clinton" of every other.
        """
        surname = _lower(name.split()[-1])
        self.seen[name] += 1
        known = self.by_surname.get(surname)
        if known is None or (self.seen[name], len(name)) > (self.seen[known], len(known)):
            self.by_surname[surname] = name

    def canonical(self, name: str) -> str:
        """Return the fullest known form of a person's name ("Psaki" -> "Jennifer Psaki")."""
        bare, _ = split_title(name)
        tokens = bare.split()
        if not tokens:
            return name
        known = self.by_surname.get(_lower(tokens[-1]))
        if known and all(w in known.split() for w in tokens[:-1]):
            return known
        return bare


def _person_runs(masked: str, entities: Entities) -> list[tuple[str, bool]]:
    """Return the runs of capitalised words that may name a person, cut by the NER.

    Each run comes with whether the NER reads it as a person's name.
    """
    runs: list[tuple[str, bool]] = []
    for match in _RUN.finditer(masked):
        hits = entities.overlapping(match.start(), match.end())
        if not hits or (
            all(e.kind != "person" for e in hits) and entities.is_person_name(match.group())
        ):
            runs.append((match.group(), False))
            continue
        for entity in hits:
            if entity.kind == "person":
                lo, hi = max(entity.start, match.start()), min(entity.end, match.end())
                runs.append((masked[lo:hi], True))
    return runs


def _organisation_name(mention: Mention, entities: Entities) -> str:
    """Return the fullest name of the organisation a named mention is part of."""
    name = mention.name or mention.text
    for entity in entities.overlapping(mention.start, mention.end):
        if entity.kind == "organisation" and entity.end >= mention.end:
            # Entities index the article text; the mention's own text is a slice of it.
            full = entities.text_of(entity)
            return _ARTICLE.sub("", full).rstrip(".,")
    return name.rstrip(".,")


_ARTICLE = re.compile(r"^(?:the|The)\s+")


def narrowed(mention: Mention, entities: Entities) -> Mention | None:
    """Cut a named mention to the person the NER finds in it; drop it if it names none.

    "Taking Archie" -> "Archie"; "South Carolina" (a place) -> None. A name the NER has no
    opinion on is kept as the rules read it.
    """
    if mention.kind != "name" or not mention.name:
        return mention
    hits = entities.overlapping(mention.start, mention.end)
    if not hits:
        return mention
    persons = [e for e in hits if e.kind == "person"]
    if not persons:
        return mention if entities.is_person_name(mention.name) else None
    person = persons[-1]
    lo, hi = max(person.start, mention.start), min(person.end, mention.end)
    if (lo, hi) == (mention.start, mention.end):
        return mention
    offset = mention.start
    name = mention.text[lo - offset : hi - offset].strip(" .,")
    if not name:
        return None
    return Mention(lo, lo + len(name), name, "name", name=name, role=mention.role)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker the engine has attributed words to."""

    name: str
    role: str | None
    is_person: bool
    # None: "person" or "organisation" by ``is_person``; set for unnamed sources.
    described: SourceKind | None = None

    @property
    def kind(self) -> SourceKind:
        """Say what the speaker is: a person, an organisation, an unnamed source, a document."""
        if self.described is not None:
            return self.described
        return "person" if self.is_person else "organisation"


def described_source(mention: Mention) -> Speaker | None:
    """Name an unresolved description by itself: "an Iowa Republican", "the report".

    The description as printed, never a guessed name; a document when its head says so,
    an organisation for "the group", an unnamed source otherwise.
    """
    if mention.kind not in ("description", "org"):
        return None
    words_ = [_lower(w) for w in mention.text.split()]
    if not words_ or words_[-1] in {"he", "she", "they", "it", "we", "i", "you"}:
        return None
    head = description_head(mention.text)
    text = mention.text.strip(" ,.")
    if head in DOCUMENT_NOUNS:
        return Speaker(text, None, False, "document")
    if head in ORG_NOUNS or mention.kind == "org":
        return Speaker(text, None, False, "organisation")
    if head in PERSON_NOUNS:
        return Speaker(text, None, False, "anonymous")
    return None


def description_head(words: str) -> str:
    """Return the head noun of a description: "a spokeswoman for Norchem" -> "spokeswoman"."""
    tokens = [_lower(w) for w in words.split()]
    cut = next((i for i, w in enumerate(tokens) if i and w in HEAD_ENDS), len(tokens))
    return tokens[cut - 1] if cut else ""


def speaker_from(mention: Mention, people: People) -> Speaker | None:
    """Turn a named or organisational mention into a speaker (pronouns need resolving)."""
    if mention.kind == "name" and mention.name:
        narrow = narrowed(mention, people.entities)
        if narrow is None:
            # "Armenia said", "Yahoo Finance reported": a state or an organisation speaking,
            # by its fullest name ("Security" is cut from "the Joint Committee on ...").
            return Speaker(_organisation_name(mention, people.entities), None, False)
        mention = narrow
        assert mention.name is not None  # narrowed keeps a name
        name, title = split_title(mention.name)
        canonical = people.canonical(name)
        if canonical.lower() in PLACE_NAMES:
            # "Armenia said": a state speaking through its institutions, not a person.
            return Speaker(canonical, None, False)
        role = clean_role(mention.role) or clean_role(title)
        return Speaker(canonical, role, True)
    if mention.kind == "org" and mention.name:
        hits = people.entities.overlapping(mention.start, mention.end)
        if hits and all(e.kind == "person" for e in hits):
            # "Bloomberg said" where the article is about Michael R. Bloomberg.
            return Speaker(people.canonical(mention.name), None, True)
        person = _person_closing(mention, people)
        if person is not None and person.name:
            return Speaker(people.canonical(person.name), clean_role(person.role), True)
        # "Board" read alone is "the Ohio Nurses' Association Board" the NER sees whole.
        return Speaker(_organisation_name(mention, people.entities), None, False)
    return None


def _person_closing(mention: Mention, people: People) -> Mention | None:
    """Read "Minister in the Ministry of Finance Brian Manning" as a role and a person.

    The rules see an organisation word and the NER may tag the whole run an organisation;
    a known first name followed by capitalised words starts the person's name.
    """
    tokens = mention.text.split()
    offset = mention.start
    for i, token in enumerate(tokens[:-1]):
        first = _lower(token)
        if first in FEMALE_FIRST_NAMES | MALE_FIRST_NAMES and all(
            is_capitalised(w) for w in tokens[i:]
        ):
            if _lower(tokens[-1]) in ORG_WORDS:
                return None
            start = offset + len(" ".join(tokens[:i])) + (1 if i else 0)
            start = mention.start + mention.text.index(token, start - mention.start)
            name = mention.text[start - offset :]
            role = mention.text[: start - offset].strip(" ,") or None
            if role is not None and role.lower().startswith(("the ", "a ")):
                role = role.split(" ", 1)[1]
            return Mention(start, mention.end, name, "name", name=name, role=role)
    return None


def looks_like_person(names: list[str]) -> bool:
    """Tell whether capitalised words could be a person's name rather than an organisation."""
    return (
        bool(names)
        and all(is_capitalised(w) for w in names)
        and not any(_lower(w) in ORG_WORDS for w in names)
    )


def gender_of(speaker: Speaker) -> str | None:
    """Return "f" or "m" when a speaker's first name or role shows it, else None."""
    if not speaker.is_person:
        return None
    first = speaker.name.split()[0].lower() if len(speaker.name.split()) > 1 else ""
    if first in FEMALE_FIRST_NAMES and first not in MALE_FIRST_NAMES:
        return "f"
    if first in MALE_FIRST_NAMES and first not in FEMALE_FIRST_NAMES:
        return "m"
    role = {w.lower().strip(",.") for w in (speaker.role or "").split()}
    if role & FEMALE_WORDS and not role & MALE_WORDS:
        return "f"
    if role & MALE_WORDS and not role & FEMALE_WORDS:
        return "m"
    return None


def agrees(speaker: Speaker, pronoun: str) -> bool:
    """Tell whether "he" or "she" may refer to a speaker (unknown gender agrees with both)."""
    gender = gender_of(speaker)
    wanted = {"he": "m", "she": "f"}.get(pronoun.lower())
    return gender is None or wanted is None or gender == wanted
