"""Cue fallbacks: who speaks when no speech verb sits next to the quote.

Tried in turn when a quote has no cue of its own: the cue after the second half of a split
quote, "X said:" ending the paragraph before, a "- Name." paragraph signing it, a credit
inside its marks, the person the narrative beat before it is about, the person a narrated
question before it names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from corpus.attribution.coreference import PRONOUN_REACH, Resolver
from corpus.attribution.cues import (
    Cue,
    byline_after,
    cue_after,
    cue_before,
    speech_verbs,
)
from corpus.attribution.marks import MarkedSpan
from corpus.attribution.mentions import Mention, parse
from corpus.attribution.paragraphs import gap
from corpus.attribution.people import speaker_from
from corpus.attribution.records import Attribution
from corpus.attribution.sentences import sentence_end, sentence_start
from corpus.attribution.subjects import sentence_subject, subject_before
from corpus.lang.en.pronouns import PERSON_PRONOUNS
from corpus.lang.en.verbs import RELAYING_VERBS
from corpus.models import Paragraph


def cue_for(text: str, masked: str, span: MarkedSpan, para: Paragraph) -> Cue | None:
    cue = None
    if span.close_at is not None:
        cue = cue_after(masked, span.close_at, para.end, text[span.end - 1])
    if cue is None:
        cue = cue_before(masked, span.open_at, para.start)
    elif text[cue.start : cue.end].lower() in RELAYING_VERBS:
        # 'Mackey said in a memo that the "..." as ..., Yahoo Finance reported': the outlet
        # relays the words; the speech verb before the quote names who said them.
        said = cue_before(masked, span.open_at, para.start)
        if said is not None and said.near:
            cue = said
    return cue


def cue_of_next_part(
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


def byline_below(
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
    last_index = index + gap(paras, para.number, last.paragraph)
    if last_index + 1 >= len(paras):
        return None
    if masked[last.close_at + 1 : paras[last_index].end].strip(" .\t"):
        return None
    below = paras[last_index + 1]
    mention = byline_after(masked, below.start, below.end)
    if mention is None:
        return None
    return Cue(mention.start, mention.start, mention, True)


def intro_before(masked: str, paragraphs: Sequence[Paragraph], index: int) -> Cue | None:
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


# A pull quote signing itself inside its marks: "“... we will rebuild. — Jane Roe, mayor”".
_CREDIT_INSIDE = re.compile(
    r"\s+[—–―]\s*((?:[A-Z][\w’'\-]*\.?\s+){0,3}[A-Z][\w’'\-]*)(?:\s*,\s*([^,—–―]{2,60}))?\s*$"
)


def credit_inside(
    text: str, span: MarkedSpan, resolver: Resolver
) -> tuple[MarkedSpan, Attribution] | None:
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
    return quote_span, Attribution(mention, resolver.with_role(speaker), None, 0.8, "layout")


_EARLY_PRONOUN = re.compile(r"\s*(?:[\w,]+\s+){0,3}?([Ss]he|[Hh]e)(?:['’](?:ll|d|s))?\s")
# A quote this long with no cue is speech, and a feature's narrative beats say whose.
BEAT_MIN_WORDS = 4


def beat_before(
    masked: str, span: MarkedSpan, para: Paragraph, resolver: Resolver
) -> Attribution | None:
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
    return Attribution(subject, speaker, None, min(conf, 0.4), "beat")


def introduced_above(
    paras: Sequence[Paragraph], index: int, resolver: Resolver
) -> Attribution | None:
    """Credit a quote opening a paragraph, with no cue, to the person just introduced above.

    'Her neighbour Jorge Ruiz, a retired engineer, is less sure.' then '"They never finish
    them."': the words are the person the narrative above turned to, not the last speaker.
    """
    if index == 0:
        return None
    found = resolver.closing_subject(paras[index - 1])
    if found is None:
        return None
    mention, speaker = found
    return Attribution(mention, speaker, None, 0.5, "beat")


def answer_to_question(
    masked: str, paras: Sequence[Paragraph], index: int, resolver: Resolver
) -> Attribution | None:
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
        return Attribution(None, asked, None, 0.4, "beat")
    if not resolver.persons:
        return None
    speaker, paragraph, _ = resolver.persons[-1]
    if paras[index].number - paragraph > PRONOUN_REACH:
        return None
    return Attribution(None, speaker, None, 0.4, "beat")
