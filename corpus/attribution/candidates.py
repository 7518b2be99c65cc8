"""The candidate speakers of a quotation and what the parse says of each.

Every noun phrase the parse finds around a quotation that could name a source (a name, a
pronoun, a noun for a person, a group, an organisation or a document, in the quotation's
sentence, the one before or the one after) is a candidate; so are the words the rules
chose and the previous quotation's speaker when they lie outside that window. Each
candidate carries features: its syntactic relation to the speech verb and to the quotation,
its distance and side, its kind, whether the rules chose it, whether it names the previous
quotation's speaker. :mod:`corpus.attribution.scorer` weighs them with weights learned from
PolNeAR's gold attributions.
"""

from __future__ import annotations

import logging
import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpus.attribution.entities import Entities
from corpus.attribution.marks import MASK, MarkedSpan
from corpus.attribution.mentions import Mention, parse
from corpus.attribution.sentences import sentence_end
from corpus.attribution.syntax import Window, placeholder
from corpus.lang.en.nouns import (
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    SAYING_NOUNS,
)
from corpus.lang.en.verbs import LISTENER_VERBS, SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

logger = logging.getLogger(__name__)

# Dependents that belong to a mention's words: "Sen. Ted Cruz", "a White House official",
# "Smith's spokesman".
_MENTION_LEFT = frozenset({"compound", "det", "amod", "poss", "nmod", "nummod", "quantmod"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Prepositions told apart as features: "from Bush's post:", "in a statement", "at SNL".
_PREPOSITIONS_SEEN = frozenset({"from", "in", "to", "at", "of", "with", "for", "on", "by"})
_OBJECTS = frozenset({"dobj", "dative", "iobj"})
_PRONOUN_GROUPS = {
    "he": "he_she",
    "she": "he_she",
    "they": "they",
    "it": "it",
    "we": "we_i",
    "i": "we_i",
    "you": "you",
}
_SOURCE_NOUNS = PERSON_NOUNS | GROUP_NOUNS


@dataclass(slots=True)
class Candidate:
    """Words that may name a quotation's source, and what is known of them."""

    start: int
    end: int
    features: dict[str, float] = field(default_factory=dict)
    # The speech verb whose subject the words are, as article offsets, for the quote's cue.
    verb: tuple[int, int] | None = None
    # How deep the words' head sits in its sentence's parse: of a noun phrase's candidates
    # ("Jane Roe, an analyst at Brookings") the highest is the one it is about.
    depth: int = 0


@dataclass(frozen=True, slots=True)
class Context:
    """What the engine knows of a quotation before choosing its speaker."""

    span: MarkedSpan
    at_start: bool
    # The words the rules chose, and how surely; None when they found none.
    rule: Mention | None
    rule_confidence: float
    rule_how: str
    # The words naming the previous quotation's speaker.
    previous: Mention | None
    same_paragraph: bool


def candidates(
    masked: str, window: Window | None, entities: Entities, context: Context
) -> list[Candidate]:
    """List the candidate sources of one quotation, each with its features."""
    span = context.span
    close = span.close_at if span.close_at is not None else span.end
    found: list[Candidate] = []
    if window is not None:
        quote = placeholder(window, span)
        if quote is not None:
            found = _from_parse(masked, window, entities, quote, span, close)
    _add_virtual(found, context.rule, "v_rule_outside")
    _add_virtual(found, context.previous, "v_previous_outside")
    size = math.log1p(span.end - span.start) / 8.0
    for cand in found:
        f = cand.features
        if context.rule is not None and _overlaps(cand, context.rule.start, context.rule.end):
            f["r_pick"] = 1.0
            f["r_pick_conf"] = context.rule_confidence
            f["r_pick_" + (context.rule_how or "none")] = 1.0
        prev = context.previous
        if prev is not None and _overlaps(cand, prev.start, prev.end):
            f["d_prev_mention"] = 1.0
            if context.same_paragraph:
                f["d_prev_mention_same_para"] = 1.0
        if context.at_start:
            f["q_at_start"] = 1.0
            if f.get("p_before"):
                f["q_at_start_before"] = 1.0
        if span.continues_previous:
            f["q_continues"] = 1.0
        f["q_size"] = size
    return found


def _overlaps(cand: Candidate, start: int, end: int) -> bool:
    return cand.start < end and start < cand.end


def _add_virtual(found: list[Candidate], mention: Mention | None, flag: str) -> None:
    """Add words the parse's window does not hold (a byline below, an earlier paragraph)."""
    if mention is None or any(_overlaps(c, mention.start, mention.end) for c in found):
        return
    features = {flag: 1.0, f"k_{mention.kind}": 1.0}
    found.append(Candidate(mention.start, mention.end, features))


def _is_speech_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") and token.text.lower() in SPEECH_VERBS


def mention_span(window: Window, head: Token) -> tuple[int, int]:
    """Return the article offsets of a mention: its head and its left modifiers."""
    first = head
    for child in head.lefts:
        if child.dep_ in _MENTION_LEFT and not window.is_quoted(child.left_edge):
            first = child.left_edge if child.left_edge.i < first.i else first
    lo = window.span_of(first)[0]
    hi = window.span_of(head)[1]
    return lo, hi


def _kind(token: Token, entities: Entities, lo: int, hi: int) -> str:
    lowered = token.text.lower()
    if token.tag_ == "PRP":
        return "pron_" + _PRONOUN_GROUPS.get(lowered, "other")
    kinds = {e.kind for e in entities.overlapping(lo, hi)}
    if "person" in kinds:
        return "person"
    if "organisation" in kinds:
        return "org"
    if "place" in kinds:
        return "place"
    if token.tag_.startswith("NNP"):
        return "propn"
    if lowered in _SOURCE_NOUNS:
        return "person_noun"
    if lowered in ORG_NOUNS:
        return "org_noun"
    if lowered in DOCUMENT_NOUNS:
        return "doc_noun"
    return "noun"


def _is_candidate(window: Window, token: Token) -> bool:
    if window.is_quoted(token) or token.dep_ == "compound":
        return False
    if token.tag_ == "PRP":
        return token.text.lower() in _PRONOUN_GROUPS
    if token.tag_.startswith("NNP"):
        return True
    if token.tag_ in ("NN", "NNS"):
        lowered = token.text.lower()
        return (
            lowered in _SOURCE_NOUNS
            or lowered in ORG_NOUNS
            or lowered in DOCUMENT_NOUNS
            or (token.dep_ in _SUBJECTS and _is_speech_verb(token.head))
        )
    return False


def _from_parse(
    masked: str,
    window: Window,
    entities: Entities,
    quote: Token,
    span: MarkedSpan,
    close: int,
) -> list[Candidate]:
    doc = window.doc
    # Sentences as the engine's one splitter reads the masked narrative, not the parser's.
    starts = _sentence_starts(masked, window.start, window.end)
    quote_sent = bisect_right(starts, span.open_at) - 1
    speaking = {bisect_right(starts, window.span_of(t)[0]) - 1 for t in doc if _is_speech_verb(t)}
    governors = {t.i for t in quote.ancestors}
    out: list[Candidate] = []
    for token in doc:
        if not _is_candidate(window, token):
            continue
        lo, hi = mention_span(window, token)
        if lo < span.open_at < hi:
            continue
        sent = bisect_right(starts, lo) - 1
        f: dict[str, float] = {}
        f["k_" + _kind(token, entities, lo, hi)] = 1.0
        rel = sent - quote_sent
        f["p_sent_" + ("same" if rel == 0 else "prev" if rel < 0 else "next")] = 1.0
        f["p_sent_distance"] = min(abs(rel), 3) / 3.0
        before = hi <= span.open_at
        lo_gap, hi_gap = (hi, span.open_at) if before else (close + 1, lo)
        if MASK in masked[lo_gap:hi_gap]:
            # Another quotation stands between the words and this one.
            f["p_quote_between"] = 1.0
        f["p_before" if before else "p_after"] = 1.0
        gap = span.open_at - hi if before else lo - close
        f["p_log_gap"] = math.log1p(max(gap, 0)) / 5.0
        if not before and len(masked[close + 1 : lo].split()) <= 2:
            f["p_right_after"] = 1.0
        if before and len(masked[hi : span.open_at].split()) <= 2:
            f["p_right_before"] = 1.0
        verb: tuple[int, int] | None = None
        dep = token.dep_
        head = token.head
        if dep in _SUBJECTS:
            f["s_subj"] = 1.0
            if head.dep_ == "ROOT":
                f["s_subj_root"] = 1.0
            if head.i in governors or head.i == quote.i:
                f["s_subj_governs"] = 1.0
            if _is_speech_verb(head):
                f["s_subj_speech"] = 1.0
                verb = window.span_of(head)
                if head.i in governors:
                    f["s_subj_speech_governs"] = 1.0
                if head.text.lower().endswith("ing"):
                    f["s_subj_speech_ing"] = 1.0
            if any(_is_speech_verb(c) for c in head.children if c.dep_ in ("xcomp", "advcl")):
                # "Braynard is quoted as saying", "he declined, saying".
                f["s_subj_speech_chain"] = 1.0
        elif dep == "pobj":
            prep = head
            if prep.text.lower() == "to" and prep.head.text.lower() == "according":
                f["s_according"] = 1.0
            elif prep.dep_ == "agent":
                f["s_agent"] = 1.0
            elif prep.head.text.lower() in LISTENER_VERBS:
                f["s_listener"] = 1.0
            else:
                f["s_pobj"] = 1.0
                word = prep.text.lower()
                f["s_pobj_" + (word if word in _PREPOSITIONS_SEEN else "other")] = 1.0
        elif dep in _OBJECTS:
            f["s_listener" if head.text.lower() in LISTENER_VERBS else "s_obj"] = 1.0
        elif dep == "poss":
            f["s_poss"] = 1.0
            if head.text.lower() in SAYING_NOUNS or head.text.lower() in DOCUMENT_NOUNS:
                # "according to Farley's account", "from Bush's Facebook post": the words
                # are the possessor's.
                f["s_poss_saying"] = 1.0
            if head.dep_ in _SUBJECTS:
                f["s_poss_subj"] = 1.0
                if _is_speech_verb(head.head):
                    f["s_poss_subj_speech"] = 1.0
        elif dep == "appos":
            f["s_appos"] = 1.0
            if head.dep_ in _SUBJECTS and _is_speech_verb(head.head):
                f["s_appos_subj_speech"] = 1.0
        elif dep == "conj":
            f["s_conj"] = 1.0
        elif dep == "attr":
            f["s_attr"] = 1.0
        else:
            f["s_other"] = 1.0
        if sent in speaking:
            f["c_sent_has_speech_verb"] = 1.0
        out.append(Candidate(lo, hi, f, verb, sum(1 for _ in token.ancestors)))
    _rank(out, span.open_at, close)
    return out


def _sentence_starts(masked: str, lo: int, hi: int) -> list[int]:
    """Return where each sentence of ``masked[lo:hi]`` starts."""
    starts = [lo]
    while True:
        end = sentence_end(masked, starts[-1], hi)
        if end >= hi:
            return starts
        starts.append(end)


def _rank(found: Sequence[Candidate], open_at: int, close: int) -> None:
    """Mark the nearest candidate on each side of the quotation."""
    before = [c for c in found if c.end <= open_at]
    after = [c for c in found if c.start >= close]
    if before:
        max(before, key=lambda c: c.end).features["p_nearest_before"] = 1.0
    if after:
        min(after, key=lambda c: c.start).features["p_nearest_after"] = 1.0
    subjects = [c for c in found if c.features.get("s_subj_speech")]
    if subjects:
        near = min(subjects, key=lambda c: min(abs(c.start - close), abs(open_at - c.end)))
        near.features["s_nearest_speech_subj"] = 1.0


def as_mention(masked: str, cand: Candidate) -> Mention:
    """Read a candidate's words as a mention, as the rules read a cue's."""
    found = parse(masked, cand.start, cand.end)
    if found is not None:
        return found
    return Mention(cand.start, cand.end, masked[cand.start : cand.end], "description")
