"""The English quote engine: its passes over one article, in order.

Quotation marks are paired and masked, the NER reads the narrative, interviews and
reported speech are found, then each quote is attributed: a credit inside its marks, its
cue (a speech verb next to it, or a cue fallback), the previous speaker's words continued,
or a weak guess from the sentence's subject or the narrative beat before it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from corpus.attribution.candidates import Candidate, Context, as_mention, candidates
from corpus.attribution.coreference import Resolver
from corpus.attribution.cues import Cue, cue_of_previous_sentence
from corpus.attribution.entities import Entities
from corpus.attribution.fallbacks import (
    BEAT_MIN_WORDS,
    answer_to_question,
    beat_before,
    byline_below,
    credit_inside,
    cue_for,
    cue_of_next_part,
    intro_before,
    introduced_above,
)
from corpus.attribution.interview import find_interviews
from corpus.attribution.marks import MarkedSpan, curl_doubled, find_spans, mask
from corpus.attribution.mentions import parse, split_title
from corpus.attribution.paragraphs import gap, paragraph_numbered
from corpus.attribution.people import People, Speaker, speaker_from
from corpus.attribution.records import Attribution, InterviewPart, as_printed, make_quote
from corpus.attribution.reported import Reported, find_reported
from corpus.attribution.roles import clean_role
from corpus.attribution.scorer import load_scorer
from corpus.attribution.sentences import sentence_start
from corpus.attribution.structure import parsed_cue
from corpus.attribution.subjects import sentence_subject
from corpus.attribution.syntax import Parses
from corpus.attribution.titles import is_number, is_title
from corpus.lang.en.labels import QUESTION_LABELS
from corpus.lang.en.pronouns import ARTICLES, TITLE_LEADS
from corpus.lang.en.verbs import LISTENER_VERBS
from corpus.models import Paragraph, Quote, QuoteKind

logger = logging.getLogger(__name__)

_NON_SPACE = re.compile(r"\S")
_LAST_WORD_REACH = 200  # characters searched back for the word before a quote


# Called with each direct quotation, its candidate speakers and the rules' attribution.
Observer = Callable[[MarkedSpan, list[Candidate], Attribution], None]


def extract(
    text: str,
    paragraphs: Sequence[Paragraph],
    *,
    rules_only: bool = False,
    observe: Observer | None = None,
) -> list[Quote]:
    """Find the quotes in an article and attribute each to its speaker.

    Args:
        text: The article text every offset indexes.
        paragraphs: The article's body paragraphs, in order.
        rules_only: Keep the rules' choice of speaker, without the learned scorer (as the
            scorer's training data is collected).
        observe: Called with each direct quotation's candidates, for training.

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
    resolver = Resolver(masked, people, paras)
    by_number = {p.number: (i, p) for i, p in enumerate(paras)}

    # Each span that runs to its paragraph's end, mapped to the span continuing it.
    chain = {
        a.open_at: b for a, b in pairwise(spans) if a.close_at is None and b.continues_previous
    }
    spans_after = {a.open_at: b for a, b in pairwise(spans) if a.paragraph == b.paragraph}
    interview = find_interviews(text, masked, paras, people.entities, frozenset(people.by_surname))
    claimed = {part.paragraph for part in interview}
    scorer = None if rules_only else load_scorer()
    parses = Parses.find(text, masked, paras, [s for s in spans if s.paragraph not in claimed])
    events: list[InterviewPart | Reported | MarkedSpan] = list(interview)
    events += [s for s in spans if s.paragraph not in claimed]
    for para in paras:
        if para.number not in claimed:
            events.extend(find_reported(text, masked, para))
    events.sort(key=lambda e: e.open_at if isinstance(e, MarkedSpan) else e.start)

    quotes: list[Quote] = []
    # The paragraph and attribution of the last quote or reported speech, for a quote with
    # no cue of its own to continue.
    previous: tuple[int, Attribution] | None = None
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
                previous = (item.paragraph, Attribution(said.mention, said.speaker, None, 0.4))
            continue
        index, para = by_number[item.paragraph]
        credited = credit_inside(text, item, resolver)
        if credited is not None:
            item, attribution = credited
        else:
            state = resolver.snapshot()
            found = _attribute(
                text,
                masked,
                item,
                para,
                paras,
                index,
                previous,
                resolver,
                chain,
                spans_after,
                parses,
            )
            if found is None:
                continue
            attribution = found
            # The scorer weighs speakers of speech; a word or two is a borrowed phrase,
            # left to the rules' scare-quote test below.
            phrase = len(_span_words(text, item)) <= 2
            if (scorer is not None and not phrase) or observe is not None:
                context = Context(
                    span=item,
                    at_start=_NON_SPACE.search(text, para.start, item.open_at) is None,
                    rule=attribution.mention,
                    rule_confidence=attribution.confidence,
                    rule_how=attribution.how,
                    previous=previous[1].mention if previous is not None else None,
                    same_paragraph=previous is not None and previous[0] == item.paragraph,
                )
                found_ = candidates(masked, parses.around(item.open_at), people.entities, context)
                if observe is not None:
                    observe(item, found_, attribution)
                if scorer is not None and not phrase:
                    chose = attribution.mention is not None or attribution.speaker is not None
                    chosen = scorer.choose(found_, rules_chose=chose)
                    if chosen is not None and not _same_words(chosen[0], attribution):
                        resolver.restore(state)
                        attribution = _scored(text, masked, chosen, para, item, resolver)
        quoted = _span_words(text, item)
        if attribution.confidence < 0.5 and len(quoted) <= 2 and quoted[-1][-1:] not in "?!":
            # "autopsy", "proof": a weakly attributed term is more often a scare quote.
            continue
        previous = (item.paragraph, attribution)
        quotes.append(
            make_quote(text, item.start, item.end, "direct", item.paragraph, attribution)
        )
    logger.debug("extracted %d quotes from %d paragraphs", len(quotes), len(paras))
    if text is not original:
        # Every offset indexes both texts; the words are the article's own, marks included.
        quotes = [as_printed(q, original) for q in quotes]
    return quotes


def _same_words(cand: Candidate, attribution: Attribution) -> bool:
    mention = attribution.mention
    return mention is not None and cand.start < mention.end and mention.start < cand.end


def _scored(
    text: str,
    masked: str,
    chosen: tuple[Candidate, float],
    para: Paragraph,
    span: MarkedSpan,
    resolver: Resolver,
) -> Attribution:
    """Attribute a quotation to the candidate the learned scorer prefers to the rules'."""
    cand, probability = chosen
    mention = as_mention(masked, cand)
    speaker, conf = resolver.resolve(mention, para)
    if speaker is not None:
        resolver.note(speaker, para.number, span.start)
    cue = text[cand.verb[0] : cand.verb[1]] if cand.verb is not None else None
    return Attribution(mention, speaker, cue, min(conf, probability), "scored")


def _interview_quote(text: str, part: InterviewPart, para: Paragraph, resolver: Resolver) -> Quote:
    attribution = Attribution(None, None, None, 0.2)
    if part.speaker is not None:
        speaker, conf = resolver.resolve(part.speaker, para)
        if part.kind == "question":
            # The interviewer is named by the label itself ("SP"), never by coreference;
            # a bare "Q" names nobody.
            generic = part.speaker.text.lower().rstrip(".") in QUESTION_LABELS
            label = part.speaker.name or part.speaker.text
            # "MERCER": a host the article names ("the host, Dan Mercer") by full name.
            full = resolver.people.canonical(label.title() if label.isupper() else label)
            named = full if len(full.split()) > len(label.split()) else label
            speaker = None if generic else Speaker(named, None, False, "person")
        shouted = part.speaker.text.isupper() and part.speaker.name is not None
        if part.kind == "interview" and shouted and (speaker is None or not speaker.is_person):
            # "PENCE:": a transcript label names a person, however the NER reads it.
            name, title = split_title(part.speaker.name or part.speaker.text)
            speaker = Speaker(resolver.people.canonical(name), clean_role(title), True)
        attribution = Attribution(part.speaker, speaker, None, min(conf, 0.8))
        if speaker is not None and part.kind == "interview":
            resolver.note(speaker, part.paragraph, part.start)
    kind: QuoteKind = "question" if part.kind == "question" else "interview"
    return make_quote(text, part.start, part.end, kind, part.paragraph, attribution)


def _reported_quote(
    text: str, rep: Reported, para: Paragraph, resolver: Resolver
) -> tuple[Quote, Attribution]:
    speaker, conf = resolver.resolve(rep.mention, para)
    cue = text[rep.cue_start : rep.cue_end]
    attribution = Attribution(rep.mention, speaker, cue, min(conf, 0.7))
    if speaker is not None:
        resolver.note(speaker, rep.paragraph, rep.start)
    return make_quote(
        text, rep.start, rep.end, "reported", rep.paragraph, attribution
    ), attribution


def _attribute(
    text: str,
    masked: str,
    span: MarkedSpan,
    para: Paragraph,
    paras: Sequence[Paragraph],
    index: int,
    previous: tuple[int, Attribution] | None,
    resolver: Resolver,
    chain: dict[int, MarkedSpan],
    spans_after: dict[int, MarkedSpan],
    parses: Parses,
) -> Attribution | None:
    cue = cue_for(text, masked, span, para)
    follower = chain.get(span.open_at)
    while cue is None and follower is not None:
        # A quote running over paragraphs is often attributed only in its last paragraph.
        cue = cue_for(text, masked, follower, paragraph_numbered(paras, follower.paragraph))
        follower = chain.get(follower.open_at)
    if cue is None and span.close_at is not None:
        cue = cue_of_next_part(text, masked, span, para, spans_after.get(span.open_at))
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
            text[cue.start : cue.end].lower() in LISTENER_VERBS
            and not masked[cue.end : span.open_at].strip()
        )
    )
    before = text[max(para.start, span.open_at - _LAST_WORD_REACH) : span.open_at].split()
    after_preposition = bool(before) and before[-1].lower().strip(",") in TITLE_LEADS
    if is_number(quoted) or (
        is_title(quoted) and (after_preposition or not (cue_follows or cue_leads))
    ):
        # "Meet the Press", "Chuy", a tweet's id: a title, a name or a number, not speech.
        return None
    if (cue is None or not masked[cue.start : cue.end].strip(" :")) and len(quoted) > 2:
        # No speech verb next to the quote (or only a colon after words that may be a clause
        # of their own): the clause the quote completes may still say whose it is. A word
        # or two ('the Turkish "offensive," which') is a phrase the narrative borrows.
        cue = parsed_cue(masked, parses, span) or cue
    if cue is None and at_start:
        cue = intro_before(masked, paras, index)
    if cue is None:
        cue = cue_of_previous_sentence(masked, span.open_at, para.start)
    if cue is None:
        cue = byline_below(masked, span, para, paras, index, chain)
    if cue is not None:
        speaker, conf = resolver.resolve(cue.mention, para)
        if speaker is not None:
            resolver.note(speaker, para.number, span.start)
        if quoted[-1].endswith("?") and cue.end <= span.open_at:
            _note_addressee(text, masked, cue, span, para, resolver)
        if not cue.near:
            conf -= 0.2
        return Attribution(cue.mention, speaker, text[cue.start : cue.end], conf, "cue")
    if at_start and not span.continues_previous:
        # No cue of its own, opening a paragraph: the person the narrative above introduced
        # speaks, before any earlier speaker goes on.
        above = introduced_above(paras, index, resolver)
        if above is not None:
            assert above.speaker is not None
            resolver.note(above.speaker, para.number, span.start)
            return above
    # No cue of its own: a quote continuing the previous speaker's words.
    if previous is not None and (
        previous[1].mention is not None or previous[1].speaker is not None
    ):
        prev_para, prev_attr = previous
        same_para = prev_para == span.paragraph
        adjacent = gap(paras, prev_para, span.paragraph) == 1
        next_para = (span.continues_previous or at_start) and adjacent
        if same_para or next_para:
            return Attribution(
                prev_attr.mention,
                prev_attr.speaker,
                prev_attr.cue,
                min(0.7 if same_para or span.continues_previous else 0.5, prev_attr.confidence),
                "continued",
            )
    lo = sentence_start(masked, span.open_at, para.start)
    subject = sentence_subject(masked, lo, span.open_at)
    if subject is not None:
        # "Trump attacked “the hateful ideology ...”": the sentence's subject, weakly.
        speaker, conf = resolver.resolve(subject, para)
        return Attribution(subject, speaker, None, min(conf, 0.4), "subject")
    if before and before[-1].lower() in ARTICLES and len(quoted) < 8:
        # 'developing CRISPR, a "powerful and general technology"': a noun phrase the
        # article borrows; kept as a quote, credited to no one the text does not name.
        return Attribution(None, None, None, 0.1)
    if len(quoted) >= BEAT_MIN_WORDS:
        beat = beat_before(masked, span, para, resolver)
        if beat is None and at_start:
            beat = answer_to_question(masked, paras, index, resolver)
        if beat is not None:
            if beat.speaker is not None:
                resolver.note(beat.speaker, para.number, span.start)
            return beat
    introduced = masked[para.start : span.open_at].rstrip().endswith(":")
    exclaimed = quoted[-1][-1:] in ("?", "!")
    if len(quoted) < 8 and not introduced and not exclaimed:
        # A short quotation with no speaker is a title, a term or a scare quote.
        return None
    return Attribution(None, None, None, 0.1)


def _note_addressee(
    text: str, masked: str, cue: Cue, span: MarkedSpan, para: Paragraph, resolver: Resolver
) -> None:
    """Remember who a quoted question is put to: 'a reporter asked Lee, "...?"'."""
    if text[cue.start : cue.end].lower() not in LISTENER_VERBS:
        return
    listener = parse(masked, cue.end, span.open_at)
    if listener is None or listener.kind != "name":
        return
    speaker = speaker_from(listener, resolver.people)
    if speaker is not None and speaker.is_person:
        resolver.addressee = (resolver.with_role(speaker), para.number)


def _span_words(text: str, span: MarkedSpan) -> list[str]:
    """Return the words of a quoted span."""
    return text[span.start : span.end].split()
