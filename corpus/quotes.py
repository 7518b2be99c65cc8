"""Extract quotes from an article's text and attribute each one to its speaker.

The public entry is :func:`extract_quotes`; the rules live in :mod:`corpus.attribution`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.attribution.cues import (
    Cue,
    cue_after,
    cue_before,
    sentence_start,
    sentence_subject,
    subject_before,
)
from corpus.attribution.cues import VERB as _VERB
from corpus.attribution.interview import find_interviews
from corpus.attribution.lexicon import PERSON_PRONOUNS
from corpus.attribution.marks import MarkedSpan, find_spans, mask
from corpus.attribution.mentions import Mention, parse
from corpus.attribution.people import People, Speaker, looks_like_person, speaker_from
from corpus.attribution.reported import find_reported
from corpus.models import Paragraph, Quote, QuoteKind

__all__ = ["extract_quotes"]

logger = logging.getLogger(__name__)

_NAME_RUN = re.compile(r"(?:[A-Z][\w’'\-]*\.?\s+){0,3}[A-Z][\w’'\-]*")
# How many paragraphs back a pronoun may reach for its speaker.
_PRONOUN_REACH = 3


@dataclass(slots=True)
class _Attribution:
    mention: Mention | None
    speaker: Speaker | None
    cue: str | None
    confidence: float


class _Resolver:
    """Track speakers through an article to resolve pronouns and descriptions."""

    def __init__(self, text: str, masked: str, people: People) -> None:
        self.text = text
        self.masked = masked
        self.people = people
        self.last_person: tuple[Speaker, int] | None = None
        self.last_any: tuple[Speaker, int] | None = None
        self.roles: dict[str, str] = {}

    def note(self, speaker: Speaker, paragraph: int) -> None:
        if speaker.role and speaker.name not in self.roles:
            self.roles[speaker.name] = speaker.role
        self.last_any = (speaker, paragraph)
        if speaker.is_person:
            self.last_person = (speaker, paragraph)

    def with_role(self, speaker: Speaker) -> Speaker:
        if speaker.role is None and speaker.name in self.roles:
            return Speaker(speaker.name, self.roles[speaker.name], speaker.is_person)
        return speaker

    def resolve(self, mention: Mention, para: Paragraph) -> tuple[Speaker | None, float]:
        direct = speaker_from(mention, self.people)
        if direct is not None:
            return self.with_role(direct), 0.9
        lowered = mention.text.lower()
        generic = lowered.split()[0] in {"a", "an", "one", "another", "some", "several", "two",
                                         "three", "many"} or lowered.endswith("s")
        if mention.kind == "pronoun" and lowered not in PERSON_PRONOUNS:
            if lowered in {"they", "it", "we"} and self.last_any and not self.last_any[0].is_person \
                    and para.number - self.last_any[1] <= _PRONOUN_REACH:
                return self.last_any[0], 0.6
            return None, 0.3
        if mention.kind in ("description", "org") and generic:
            return None, 0.5
        near = self._name_in_sentence(mention, para)
        if near is not None:
            return self.with_role(near), 0.8
        if mention.kind == "org":
            if self.last_any and not self.last_any[0].is_person \
                    and para.number - self.last_any[1] <= _PRONOUN_REACH:
                return self.last_any[0], 0.6
            return None, 0.4
        if self.last_person and para.number - self.last_person[1] <= _PRONOUN_REACH:
            return self.last_person[0], 0.7
        return None, 0.3

    def _name_in_sentence(self, mention: Mention, para: Paragraph) -> Speaker | None:
        lo = sentence_start(self.masked, mention.start, para.start)
        found: Speaker | None = None
        for run in _NAME_RUN.finditer(self.masked, lo, mention.start):
            cand = parse(self.masked, lo, run.end()) or parse(self.masked, run.start(), run.end())
            if cand is None or cand.kind != "name" or not cand.name:
                continue
            bare = cand.name.split()
            if len(bare) >= 2 and looks_like_person(bare) or \
                    bare[-1].lower() in self.people.by_surname:
                found = speaker_from(cand, self.people)
        return found


def _cue_for(text: str, masked: str, span: MarkedSpan, para: Paragraph) -> Cue | None:
    cue = None
    if span.close_at is not None:
        cue = cue_after(masked, span.close_at, para.end)
    if cue is None:
        cue = cue_before(masked, span.open_at, para.start)
    return cue


def _intro_before(masked: str, paragraphs: Sequence[Paragraph], index: int) -> Cue | None:
    """Find "X said:" ending the paragraph before a quote that opens a paragraph."""
    if index == 0:
        return None
    prev = paragraphs[index - 1]
    body = masked[prev.start : prev.end].rstrip()
    if not body.endswith(":"):
        return None
    end = prev.start + len(body) - 1
    verbs = list(_VERB.finditer(masked, prev.start, end))
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
    paras = sorted(paragraphs, key=lambda p: p.start)
    spans = find_spans(text, paras)
    masked = mask(text, spans)
    people = People.gather(masked)
    resolver = _Resolver(text, masked, people)
    by_number = {p.number: (i, p) for i, p in enumerate(paras)}

    interview = find_interviews(text, masked, paras)
    claimed = {part.paragraph for part in interview}
    events: list[tuple[int, str, object]] = [(part.start, "interview", part) for part in interview]
    events += [(s.open_at, "span", s) for s in spans if s.paragraph not in claimed]
    quoted_paras = {s.paragraph for s in spans}
    for para in paras:
        if para.number in claimed:
            continue
        for rep in find_reported(text, masked, para):
            events.append((rep.start, "reported", rep))
    events.sort(key=lambda e: e[0])
    del quoted_paras

    quotes: list[Quote] = []
    previous: tuple[MarkedSpan, _Attribution] | None = None
    for _, what, item in events:
        if what == "interview":
            from corpus.attribution.interview import InterviewPart

            assert isinstance(item, InterviewPart)
            attribution = _Attribution(None, None, None, 0.2)
            if item.speaker is not None:
                speaker, conf = resolver.resolve(item.speaker, by_number[item.paragraph][1])
                if item.kind == "question":
                    speaker = Speaker(item.speaker.text, None, False)
                attribution = _Attribution(item.speaker, speaker, None, min(conf, 0.8))
                if speaker is not None and item.kind == "interview":
                    resolver.note(speaker, item.paragraph)
            kind: QuoteKind = "question" if item.kind == "question" else "interview"
            quotes.append(_quote(text, item.start, item.end, kind, item.paragraph, attribution))
            continue
        if what == "reported":
            from corpus.attribution.reported import Reported

            assert isinstance(item, Reported)
            para = by_number[item.paragraph][1]
            speaker, conf = resolver.resolve(item.mention, para)
            attribution = _Attribution(item.mention, speaker, text[item.cue_start:item.cue_end],
                                       min(conf, 0.7))
            if speaker is not None:
                resolver.note(speaker, item.paragraph)
            quotes.append(_quote(text, item.start, item.end, "reported", item.paragraph,
                                 attribution))
            continue
        assert isinstance(item, MarkedSpan)
        index, para = by_number[item.paragraph]
        attribution = _attribute(text, masked, item, para, paras, index, previous, resolver)
        if attribution is None:
            continue
        short = item_words(text, item)
        if attribution.confidence < 0.5 and len(short) <= 2 and short[-1][-1:] not in "?!":
            # "autopsy", "proof": a weakly attributed term is more often a scare quote.
            continue
        previous = (item, attribution)
        quotes.append(_quote(text, item.start, item.end, "direct", item.paragraph, attribution))
    return quotes


def _attribute(
    text: str,
    masked: str,
    span: MarkedSpan,
    para: Paragraph,
    paras: Sequence[Paragraph],
    index: int,
    previous: tuple[MarkedSpan, _Attribution] | None,
    resolver: _Resolver,
) -> _Attribution | None:
    cue = _cue_for(text, masked, span, para)
    at_start = text[para.start : span.open_at].strip() == ""
    words = text[span.start : span.end].split()
    cue_follows = cue is not None and cue.start > span.start and cue.near
    before = text[para.start : span.open_at].split()
    after_preposition = bool(before) and before[-1].lower().strip(",") in _TITLE_LEAD
    if _is_number(words) or (_is_title(words) and (after_preposition or not cue_follows)):
        # "Meet the Press", "Chuy", a tweet's id: a title, a name or a number, not speech.
        return None
    if cue is None and at_start:
        cue = _intro_before(masked, paras, index)
    if cue is not None:
        speaker, conf = resolver.resolve(cue.mention, para)
        if speaker is not None:
            resolver.note(speaker, para.number)
        if not cue.near:
            conf -= 0.2
        return _Attribution(cue.mention, speaker, text[cue.start:cue.end], conf)
    # No cue of its own: a quote continuing the previous speaker's words.
    if previous is not None and previous[1].mention is not None:
        prev_span, prev_attr = previous
        same_para = prev_span.paragraph == span.paragraph
        next_para = (span.continues_previous or at_start) and \
            by_gap(paras, prev_span.paragraph, span.paragraph) == 1
        if same_para or next_para:
            return _Attribution(prev_attr.mention, prev_attr.speaker, prev_attr.cue,
                                0.7 if same_para or span.continues_previous else 0.5)
    lo = sentence_start(masked, span.open_at, para.start)
    subject = sentence_subject(masked, lo, span.open_at)
    if subject is not None:
        # "Trump attacked “the hateful ideology ...”": the sentence's subject, weakly.
        speaker, conf = resolver.resolve(subject, para)
        return _Attribution(subject, speaker, None, min(conf, 0.4))
    if len(words) < 8 and not masked[para.start : span.open_at].rstrip().endswith(":"):
        # A short quotation with no speaker is a title, a term or a scare quote.
        return None
    return _Attribution(None, None, None, 0.1)


_MINOR_WORDS = frozenset("a an and the of in on for to at by with or vs from".split())


_TITLE_LEAD = frozenset(
    "of on in at titled called named dubbed nicknamed the a an 's ’s show program book film"
    .split()
)


def _is_number(words: list[str]) -> bool:
    """Tell whether quoted words hold no letters or are a web address."""
    return not any(c.isalpha() for w in words for c in w) or words[0].startswith("http")


def _is_title(words: list[str]) -> bool:
    """Tell whether quoted words look like a title, a name or a number, not speech."""
    if not words or len(words) > 8:
        return False
    if not any(c.isalpha() for w in words for c in w) or words[0].startswith("http"):
        return True
    significant = [w.strip("‘’'\"(),.:;!?") for w in words]
    significant = [w for w in significant if w and w.lower() not in _MINOR_WORDS]
    return bool(significant) and all(w[0].isupper() or w[0].isdigit() for w in significant)


def item_words(text: str, span: MarkedSpan) -> list[str]:
    """Return the words of a quoted span."""
    return text[span.start : span.end].split()


def by_gap(paras: Sequence[Paragraph], a: int, b: int) -> int:
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
        mention=mention.text if mention else None,
        mention_start=mention.start if mention else None,
        mention_end=mention.end if mention else None,
        cue=attribution.cue,
        confidence=round(max(0.05, min(attribution.confidence, 1.0)), 2),
    )
