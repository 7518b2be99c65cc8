"""Extract quotes from an article's text and attribute each one to its speaker.

The public entry is :func:`extract_quotes`; the rules live in :mod:`corpus.attribution`.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from corpus.attribution.cues import (
    Cue,
    byline_after,
    cue_after,
    cue_before,
    cue_of_previous_sentence,
    speech_verbs,
)
from corpus.attribution.entities import Entities
from corpus.attribution.interview import QUESTION_LABELS, InterviewPart, find_interviews
from corpus.attribution.lexicon import (
    FEMALE_WORDS,
    MALE_WORDS,
    PERSON_PRONOUNS,
    PLACE_NAMES,
    words,
)
from corpus.attribution.marks import MASK, MarkedSpan, curl_doubled, find_spans, mask
from corpus.attribution.mentions import Mention, parse, split_title
from corpus.attribution.people import (
    People,
    Speaker,
    clean_role,
    described_source,
    looks_like_person,
    speaker_from,
)
from corpus.attribution.reported import Reported, find_reported
from corpus.attribution.sentences import sentence_end, sentence_start
from corpus.attribution.subjects import sentence_subject, subject_before
from corpus.models import Paragraph, Quote, QuoteKind

__all__ = ["extract_quotes"]

logger = logging.getLogger(__name__)

_NON_SPACE = re.compile(r"\S")
_LAST_WORD_REACH = 200  # characters searched back for the word before a quote

_NAME_RUN = re.compile(r"(?:[A-Z][\w’'\-]*\.?\s+){0,3}[A-Z][\w’'\-]*")
# Determiners of a description that names nobody in particular ("a source", "some aides").
_GENERIC = words("a an one another some several two three many")
# How many paragraphs back a pronoun may reach for its speaker.
_PRONOUN_REACH = 3
_PERSONS_KEPT = 12
# How many times more often the protagonist is named than a nearer, never-quoted subject.
_SALIENCE = 3


@dataclass(slots=True)
class _Attribution:
    """Who a span is attributed to, through which words and cue, and how surely."""

    mention: Mention | None
    speaker: Speaker | None
    cue: str | None
    confidence: float


class _Resolver:
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
        direct = speaker_from(mention, self.people)
        if direct is not None:
            return self.with_role(direct), 0.9
        lowered = mention.text.lower()
        generic = lowered.split()[0] in _GENERIC or lowered.endswith("s")
        last_org = self.last_any
        if last_org is not None and (
            last_org[0].is_person or para.number - last_org[1] > _PRONOUN_REACH
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
            and lowered.split()[0] in _POSSESSIVES
        ):
            # "her mother will say": someone related to the person, never that person.
            return described, 0.5
        if (
            described is not None
            and described.kind == "document"
            and lowered.split()[-1] not in _OUTLET_NOUNS
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
                if para.number - p[1] <= _PRONOUN_REACH and self.people.agrees(p[0], pronoun)
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

    def _organisation_before(self, mention: Mention, para: Paragraph) -> Speaker | None:
        """Resolve "the company" to the organisation named last before it, nearby.

        '... Boeing won the contract. "We look forward to it," the company said.'
        """
        if not mention.text.lower().startswith("the "):
            return None
        business = mention.text.lower().split()[-1] in _BUSINESS_NOUNS
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
        if mention.kind == "description" and mention.text.lower().split()[-1] in _PLAIN_PEOPLE:
            # "the woman said" after "A resident who didn't want to be named": no one the
            # article names, however often it names someone else.
            return None
        lo = self.paras[max(0, self.index[para.number] - _PRONOUN_REACH)].start
        entities = self.people.entities
        best: tuple[int, Speaker] | None = None
        for entity in entities.overlapping(lo, mention.start):
            if entity.kind != "person":
                continue
            cand = parse(
                self.masked, entity.start, _possessor_end(self.masked, entity.start, entity.end)
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
                        _possessor_end(self.masked, entity.start, entity.end),
                    )
                    or Mention(entity.start, entity.end, "", "description"),
                    self.people,
                )
            ]
            if speaker is not None and speaker.is_person and self.people.agrees(speaker, pronoun)
        }
        return next(iter(fitting.values())) if len(fitting) == 1 else None

    def person_named_in(self, para: Paragraph) -> Speaker | None:
        """Return the one person a paragraph names, or None when it names none or several."""
        found: dict[str, Speaker] = {}
        for entity in self.people.entities.overlapping(para.start, para.end):
            if entity.kind != "person":
                continue
            end = _possessor_end(self.masked, entity.start, entity.end)
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
        first = max(0, self.index[para.number] - _PRONOUN_REACH)
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


def _possessor_end(masked: str, start: int, end: int) -> int:
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


def _cue_for(text: str, masked: str, span: MarkedSpan, para: Paragraph) -> Cue | None:
    cue = None
    if span.close_at is not None:
        cue = cue_after(masked, span.close_at, para.end, text[span.end - 1])
    if cue is None:
        cue = cue_before(masked, span.open_at, para.start)
    elif text[cue.start : cue.end].lower() in _RELAYING_VERBS:
        # 'Mackey said in a memo that the "..." as ..., Yahoo Finance reported': the outlet
        # relays the words; the speech verb before the quote names who said them.
        said = cue_before(masked, span.open_at, para.start)
        if said is not None and said.near:
            cue = said
    return cue


_RELAYING_VERBS = words("reported reports report")
_DETERMINERS = words("a an the")
_POSSESSIVES = words("his her their")
_PLAIN_PEOPLE = words("woman man person resident girl boy lady")
# Documents that are also publishers: "the website said" is the site named before.
_OUTLET_NOUNS = words("website site")
# Heads of "the airline" and the like, whose names the NER often takes for places.
_BUSINESS_NOUNS = words("airline carrier company firm bank")


def _cue_of_next_part(
    text: str, masked: str, span: MarkedSpan, para: Paragraph, following: MarkedSpan | None
) -> Cue | None:
    """Find the cue after the second half of a quote split within one sentence.

    '"I don't think the conventional wisdom" -- that ... -- "is going to last," he says.'
    """
    if following is None or span.close_at is None or following.close_at is None:
        return None
    if sentence_end(masked, span.close_at + 1, following.open_at) < following.open_at:
        return None
    return cue_after(masked, following.close_at, para.end, text[following.end - 1])


def _byline_below(
    masked: str,
    span: MarkedSpan,
    para: Paragraph,
    paras: Sequence[Paragraph],
    index: int,
    chain: dict[int, MarkedSpan],
) -> Cue | None:
    """Find a "- Sanders." paragraph signing the quote that ends the paragraph above it."""
    last = span
    while last.close_at is None and last.open_at in chain:
        last = chain[last.open_at]
    if last.close_at is None:
        return None
    last_index = index + _gap(paras, para.number, last.paragraph)
    if last_index + 1 >= len(paras):
        return None
    if masked[last.close_at + 1 : paras[last_index].end].strip(" .\t"):
        return None
    below = paras[last_index + 1]
    mention = byline_after(masked, below.start, below.end)
    if mention is None:
        return None
    return Cue(mention.start, mention.start, mention, True)


def _intro_before(masked: str, paragraphs: Sequence[Paragraph], index: int) -> Cue | None:
    """Find "X said:" ending the paragraph before a quote that opens a paragraph."""
    if index == 0:
        return None
    prev = paragraphs[index - 1]
    body = masked[prev.start : prev.end].rstrip()
    if not body.endswith(":"):
        return None
    end = prev.start + len(body) - 1
    verbs = speech_verbs(masked, prev.start, end)
    if not verbs:
        return None
    verb = verbs[-1]
    lo = sentence_start(masked, verb.start(), prev.start)
    mention = subject_before(masked, lo, verb.start())
    if mention is None:
        return None
    return Cue(verb.start(), verb.end(), mention, True)


def extract_quotes(text: str, paragraphs: Sequence[Paragraph]) -> list[Quote]:
    """Find the quotes in an article and attribute each to its speaker.

    Args:
        text: The article text every offset indexes.
        paragraphs: The article's body paragraphs, in order.

    Returns:
        The quotes in text order. Each quote's ``text`` is exactly ``text[start:end]``; a quote
        whose speaker cannot be recovered has ``speaker=None`` and a low confidence.
    """
    original = text
    text = curl_doubled(text)
    paras = sorted(paragraphs, key=lambda p: p.start)
    spans = find_spans(text, paras)
    masked = mask(text, spans)
    # NER reads the narrative only: a masked quote is one token, and names inside quotes
    # are never speakers.
    people = People.gather(masked, Entities.find(masked, paras))
    resolver = _Resolver(masked, people, paras)
    by_number = {p.number: (i, p) for i, p in enumerate(paras)}

    # Each span that runs to its paragraph's end, mapped to the span continuing it.
    chain = {
        a.open_at: b for a, b in pairwise(spans) if a.close_at is None and b.continues_previous
    }
    spans_after = {a.open_at: b for a, b in pairwise(spans) if a.paragraph == b.paragraph}
    interview = find_interviews(text, masked, paras, frozenset(people.by_surname))
    claimed = {part.paragraph for part in interview}
    events: list[InterviewPart | Reported | MarkedSpan] = list(interview)
    events += [s for s in spans if s.paragraph not in claimed]
    for para in paras:
        if para.number not in claimed:
            events.extend(find_reported(text, masked, para))
    events.sort(key=lambda e: e.open_at if isinstance(e, MarkedSpan) else e.start)

    quotes: list[Quote] = []
    # The paragraph and attribution of the last quote or reported speech, for a quote with
    # no cue of its own to continue.
    previous: tuple[int, _Attribution] | None = None
    for item in events:
        if isinstance(item, InterviewPart):
            quotes.append(_interview_quote(text, item, by_number[item.paragraph][1], resolver))
            continue
        if isinstance(item, Reported):
            reported, said = _reported_quote(text, item, by_number[item.paragraph][1], resolver)
            quotes.append(reported)
            if said.speaker is not None and said.speaker.is_person:
                # 'He reiterated that devaluation was no solution.' then a quote paragraph
                # with no cue: his words go on.
                # Not a cue of the quote's own, so the quote keeps none and a low confidence.
                previous = (item.paragraph, _Attribution(said.mention, said.speaker, None, 0.4))
            continue
        index, para = by_number[item.paragraph]
        credited = _credit_inside(text, item, resolver)
        if credited is not None:
            item, attribution = credited
        else:
            found = _attribute(
                text, masked, item, para, paras, index, previous, resolver, chain, spans_after
            )
            if found is None:
                continue
            attribution = found
        quoted = _span_words(text, item)
        if attribution.confidence < 0.5 and len(quoted) <= 2 and quoted[-1][-1:] not in "?!":
            # "autopsy", "proof": a weakly attributed term is more often a scare quote.
            continue
        previous = (item.paragraph, attribution)
        quotes.append(_quote(text, item.start, item.end, "direct", item.paragraph, attribution))
    logger.debug("extracted %d quotes from %d paragraphs", len(quotes), len(paras))
    if text is not original:
        # Every offset indexes both texts; the words are the article's own, marks included.
        quotes = [_as_printed(q, original) for q in quotes]
    return quotes


def _as_printed(quote: Quote, original: str) -> Quote:
    mention = None
    if quote.mention_start is not None and quote.mention_end is not None:
        mention = original[quote.mention_start : quote.mention_end]
    return replace(quote, text=original[quote.start : quote.end], mention=mention)


# A pull quote signing itself inside its marks: "“... we will rebuild. — Jane Roe, mayor”".
_CREDIT_INSIDE = re.compile(
    r"\s+[—–―]\s*((?:[A-Z][\w’'\-]*\.?\s+){0,3}[A-Z][\w’'\-]*)(?:\s*,\s*([^,—–―]{2,60}))?\s*$"
)


def _credit_inside(
    text: str, span: MarkedSpan, resolver: _Resolver
) -> tuple[MarkedSpan, _Attribution] | None:
    """Read a credit line inside a quote's marks; the quote then ends before its dash."""
    if span.close_at is None:
        return None
    credit = _CREDIT_INSIDE.search(text, span.start, span.end)
    if credit is None or credit.start() <= span.start:
        return None
    mention = parse(text, credit.start(1), credit.end(1))
    if mention is None or mention.kind != "name":
        return None
    if credit.group(2):
        mention = replace(mention, role=credit.group(2).strip())
    speaker = speaker_from(mention, resolver.people)
    if speaker is None or not speaker.is_person:
        return None
    end = len(text[: credit.start()].rstrip())
    quote_span = replace(span, end=end)
    return quote_span, _Attribution(mention, resolver.with_role(speaker), None, 0.8)


def _interview_quote(
    text: str, part: InterviewPart, para: Paragraph, resolver: _Resolver
) -> Quote:
    attribution = _Attribution(None, None, None, 0.2)
    if part.speaker is not None:
        speaker, conf = resolver.resolve(part.speaker, para)
        if part.kind == "question":
            # The interviewer is named by the label itself ("SP"), never by coreference;
            # a bare "Q" names nobody.
            generic = part.speaker.text.lower().rstrip(".") in QUESTION_LABELS
            speaker = None if generic else Speaker(part.speaker.text, None, False, "person")
        shouted = part.speaker.text.isupper() and part.speaker.name is not None
        if part.kind == "interview" and shouted and (speaker is None or not speaker.is_person):
            # "PENCE:": a transcript label names a person, however the NER reads it.
            name, title = split_title(part.speaker.name or part.speaker.text)
            speaker = Speaker(resolver.people.canonical(name), clean_role(title), True)
        attribution = _Attribution(part.speaker, speaker, None, min(conf, 0.8))
        if speaker is not None and part.kind == "interview":
            resolver.note(speaker, part.paragraph, part.start)
    kind: QuoteKind = "question" if part.kind == "question" else "interview"
    return _quote(text, part.start, part.end, kind, part.paragraph, attribution)


def _reported_quote(
    text: str, rep: Reported, para: Paragraph, resolver: _Resolver
) -> tuple[Quote, _Attribution]:
    speaker, conf = resolver.resolve(rep.mention, para)
    cue = text[rep.cue_start : rep.cue_end]
    attribution = _Attribution(rep.mention, speaker, cue, min(conf, 0.7))
    if speaker is not None:
        resolver.note(speaker, rep.paragraph, rep.start)
    return _quote(text, rep.start, rep.end, "reported", rep.paragraph, attribution), attribution


def _attribute(
    text: str,
    masked: str,
    span: MarkedSpan,
    para: Paragraph,
    paras: Sequence[Paragraph],
    index: int,
    previous: tuple[int, _Attribution] | None,
    resolver: _Resolver,
    chain: dict[int, MarkedSpan],
    spans_after: dict[int, MarkedSpan],
) -> _Attribution | None:
    cue = _cue_for(text, masked, span, para)
    follower = chain.get(span.open_at)
    while cue is None and follower is not None:
        # A quote running over paragraphs is often attributed only in its last paragraph.
        cue = _cue_for(text, masked, follower, _paragraph(paras, follower.paragraph))
        follower = chain.get(follower.open_at)
    if cue is None and span.close_at is not None:
        cue = _cue_of_next_part(text, masked, span, para, spans_after.get(span.open_at))
    # Searches and a bounded slice, not slices of the whole paragraph before the quote: a
    # long paragraph made this quadratic.
    at_start = _NON_SPACE.search(text, para.start, span.open_at) is None
    quoted = text[span.start : span.end].split()
    cue_follows = cue is not None and cue.start > span.start and cue.near
    # 'Priebus said, "Probably."', 'She declared “What a Super Tuesday!”': words a speech
    # verb introduces are speech, however they are capitalised.
    cue_leads = (
        cue is not None
        and cue.end <= span.open_at
        and not masked[cue.end : span.open_at].strip(" ,:")
        # 'told “Fox and Friends”': the object of "told" or "asked" is a listener.
        and not (
            text[cue.start : cue.end].lower() in _OBJECT_VERBS
            and not masked[cue.end : span.open_at].strip()
        )
    )
    before = text[max(para.start, span.open_at - _LAST_WORD_REACH) : span.open_at].split()
    after_preposition = bool(before) and before[-1].lower().strip(",") in _TITLE_LEAD
    if _is_number(quoted) or (
        _is_title(quoted) and (after_preposition or not (cue_follows or cue_leads))
    ):
        # "Meet the Press", "Chuy", a tweet's id: a title, a name or a number, not speech.
        return None
    if cue is None and at_start:
        cue = _intro_before(masked, paras, index)
    if cue is None:
        cue = cue_of_previous_sentence(masked, span.open_at, para.start)
    if cue is None:
        cue = _byline_below(masked, span, para, paras, index, chain)
    if cue is not None:
        speaker, conf = resolver.resolve(cue.mention, para)
        if speaker is not None:
            resolver.note(speaker, para.number, span.start)
        if quoted[-1].endswith("?") and cue.end <= span.open_at:
            _note_addressee(text, masked, cue, span, para, resolver)
        if not cue.near:
            conf -= 0.2
        return _Attribution(cue.mention, speaker, text[cue.start : cue.end], conf)
    # No cue of its own: a quote continuing the previous speaker's words.
    if previous is not None and (
        previous[1].mention is not None or previous[1].speaker is not None
    ):
        prev_para, prev_attr = previous
        same_para = prev_para == span.paragraph
        adjacent = _gap(paras, prev_para, span.paragraph) == 1
        next_para = (span.continues_previous or at_start) and adjacent
        if same_para or next_para:
            return _Attribution(
                prev_attr.mention,
                prev_attr.speaker,
                prev_attr.cue,
                min(0.7 if same_para or span.continues_previous else 0.5, prev_attr.confidence),
            )
    lo = sentence_start(masked, span.open_at, para.start)
    subject = sentence_subject(masked, lo, span.open_at)
    if subject is not None:
        # "Trump attacked “the hateful ideology ...”": the sentence's subject, weakly.
        speaker, conf = resolver.resolve(subject, para)
        return _Attribution(subject, speaker, None, min(conf, 0.4))
    if before and before[-1].lower() in _DETERMINERS and len(quoted) < 8:
        # 'developing CRISPR, a "powerful and general technology"': a noun phrase the
        # article borrows; kept as a quote, credited to no one the text does not name.
        return _Attribution(None, None, None, 0.1)
    if len(quoted) >= _BEAT_MIN_WORDS:
        beat = _beat_before(masked, span, para, resolver)
        if beat is None and at_start:
            beat = _answer_to_question(masked, paras, index, resolver)
        if beat is not None:
            if beat.speaker is not None:
                resolver.note(beat.speaker, para.number, span.start)
            return beat
    introduced = masked[para.start : span.open_at].rstrip().endswith(":")
    exclaimed = quoted[-1][-1:] in ("?", "!")
    if len(quoted) < 8 and not introduced and not exclaimed:
        # A short quotation with no speaker is a title, a term or a scare quote.
        return None
    return _Attribution(None, None, None, 0.1)


def _note_addressee(
    text: str, masked: str, cue: Cue, span: MarkedSpan, para: Paragraph, resolver: _Resolver
) -> None:
    """Remember who a quoted question is put to: 'a reporter asked Lee, "...?"'."""
    if text[cue.start : cue.end].lower() not in _OBJECT_VERBS:
        return
    listener = parse(masked, cue.end, span.open_at)
    if listener is None or listener.kind != "name":
        return
    speaker = speaker_from(listener, resolver.people)
    if speaker is not None and speaker.is_person:
        resolver.addressee = (resolver.with_role(speaker), para.number)


_EARLY_PRONOUN = re.compile(r"\s*(?:[\w,]+\s+){0,3}?([Ss]he|[Hh]e)(?:['’](?:ll|d|s))?\s")
# A quote this long with no cue is speech, and a feature's narrative beats say whose.
_BEAT_MIN_WORDS = 4


def _beat_before(
    masked: str, span: MarkedSpan, para: Paragraph, resolver: _Resolver
) -> _Attribution | None:
    """Credit an uncued quote to the person the sentence before it is about.

    'She pulls a whiny face and tilts her head. "But they came around quickly ..."': in a
    profile the narrative between quotes describes the speaker. Only a person named or
    pronominalised as the earlier sentence's subject counts.
    """
    lo = sentence_start(masked, span.open_at, para.start)
    if lo <= para.start:
        return None
    prev = sentence_start(masked, lo - 1, para.start)
    verbs = [v for v in speech_verbs(masked, prev, lo) if not v.group(1).endswith("ing")]
    # "..., but Wiig says all of that was out of her system." then the quote: whoever the
    # sentence before says something is the first guess; its grammatical subject the next.
    subject = subject_before(masked, prev, verbs[-1].start()) if verbs else None
    if subject is None:
        subject = sentence_subject(masked, prev, lo)
    if subject is None:
        # "Now and then she'll run into someone ...": a pronoun early in the sentence.
        early = _EARLY_PRONOUN.match(masked, prev, lo)
        if early is not None:
            subject = Mention(early.start(1), early.end(1), early.group(1), "pronoun")
    if subject is None or not (subject.kind == "name" or subject.text.lower() in PERSON_PRONOUNS):
        return None
    speaker, conf = resolver.resolve(subject, para)
    if speaker is None or not speaker.is_person:
        return None
    return _Attribution(subject, speaker, None, min(conf, 0.4))


def _answer_to_question(
    masked: str, paras: Sequence[Paragraph], index: int, resolver: _Resolver
) -> _Attribution | None:
    """Credit a quote opening the paragraph after a narrated question to the last speaker.

    'Was she a fan of Fey's before she joined the show?' then '"Um. I've watched ..."': the
    answer is the interviewee's, the person most recently quoted.
    """
    if index == 0:
        return None
    prev = paras[index - 1]
    if not masked[prev.start : prev.end].rstrip().endswith("?"):
        return None
    asked = resolver.person_named_in(prev)
    if asked is not None:
        # "What did Suh say after the play?": the question names who answers.
        return _Attribution(None, asked, None, 0.4)
    if not resolver.persons:
        return None
    speaker, paragraph, _ = resolver.persons[-1]
    if paras[index].number - paragraph > _PRONOUN_REACH:
        return None
    return _Attribution(None, speaker, None, 0.4)


_OBJECT_VERBS = words("told tells tell asked asks ask informed informs")
_MINOR_WORDS = words("a an and the of in on for to at by with or vs from")


_TITLE_LEAD = words(
    "of on in at titled called named dubbed nicknamed the a an 's ’s show program book film"
)


def _is_number(quoted: list[str]) -> bool:
    """Tell whether quoted words hold no letters or are a web address."""
    return not any(c.isalpha() for w in quoted for c in w) or quoted[0].startswith("http")


def _is_title(quoted: list[str]) -> bool:
    """Tell whether quoted words look like a title, a name or a number, not speech."""
    if not quoted or len(quoted) > 8:
        return False
    if not any(c.isalpha() for w in quoted for c in w) or quoted[0].startswith("http"):
        return True
    significant = [w.strip("‘’'\"(),.:;!?") for w in quoted]
    significant = [w for w in significant if w and w.lower() not in _MINOR_WORDS]
    return bool(significant) and all(w[0].isupper() or w[0].isdigit() for w in significant)


def _paragraph(paras: Sequence[Paragraph], number: int) -> Paragraph:
    """Return the paragraph with a given number."""
    return next(p for p in paras if p.number == number)


def _span_words(text: str, span: MarkedSpan) -> list[str]:
    """Return the words of a quoted span."""
    return text[span.start : span.end].split()


def _gap(paras: Sequence[Paragraph], a: int, b: int) -> int:
    """Count the paragraphs from number ``a`` to number ``b``."""
    numbers = [p.number for p in paras]
    return numbers.index(b) - numbers.index(a)


def _quote(
    text: str, start: int, end: int, kind: QuoteKind, paragraph: int, attribution: _Attribution
) -> Quote:
    mention = attribution.mention
    speaker = attribution.speaker
    return Quote(
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,
        paragraph=paragraph,
        speaker=speaker.name if speaker else None,
        role=speaker.role if speaker else None,
        # Read from the text itself: rules run on a masked copy.
        mention=text[mention.start : mention.end] if mention else None,
        mention_start=mention.start if mention else None,
        mention_end=mention.end if mention else None,
        cue=attribution.cue,
        confidence=round(max(0.05, min(attribution.confidence, 1.0)), 2),
        source_kind=speaker.kind if speaker else "person",
    )
