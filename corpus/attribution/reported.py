"""Find reported speech: "X said that ...", "..., X said." and "According to X, ..."."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from corpus.attribution.cues import ACCORDING, VERB
from corpus.attribution.marks import MASK
from corpus.attribution.mentions import Mention, parse
from corpus.attribution.sentences import sentence_end
from corpus.attribution.subjects import subject_after, subject_before
from corpus.lang.en.nouns import PERSON_NOUNS
from corpus.lang.en.pronouns import CLAUSE_WORDS
from corpus.lang.en.verbs import APPEAL_VERBS, BARE_CLAUSE_VERBS, LISTENER_VERBS, REPORTING_VERBS
from corpus.models import Paragraph

_CLAUSE_START = re.compile(
    r"\s+(?:(?:to\s+)?(?:reporters|journalists|the\s+\w+|him|her|them|us|me|[A-Z]\w+)\s+)?"
    r"(?:(?:on|in|at|during)\s+[^,.;:]{1,40}?\s+)?that\s+"
)
_BARE_CLAUSE = re.compile(
    r"\s+(?=(?:the|a|an|he|she|it|they|we|i|there|this|his|her|their|its|our|[A-Z]\w+)\s)"
)

logger = logging.getLogger(__name__)
# Shorter clauses are more often fragments than reported statements.
_MIN_WORDS = 2
_MAX_AROUND = 6
_APPEAL = re.compile(r"\s+(?:on\s+|upon\s+)(?=[\w ,’'-]{1,60}?\bto\s+[a-z])")
_URGE = re.compile(r"\s+(?=[\w ,’'-]{1,60}?\bto\s+[a-z])")
_TRAILER = re.compile(r"^\s*(?:(?:on|last|this|in|at|during|to)\b[^.;,]{0,40})?\s*[.!?]?\s*$")


@dataclass(frozen=True, slots=True)
class Reported:
    """A reported-speech clause, its cue and the speaker mention."""

    start: int
    end: int
    paragraph: int
    cue_start: int
    cue_end: int
    mention: Mention


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (text[lo].isspace() or text[lo] in ",:"):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ",;"):
        hi -= 1
    return lo, hi


def _tight(masked: str, lo: int, hi: int, mention: Mention) -> bool:
    """Tell whether the words around a mention are few and hold no clause of their own."""
    outside = (masked[lo : mention.start] + " " + masked[mention.end : hi]).split()
    return len(outside) <= _MAX_AROUND and not any(w.lower() in CLAUSE_WORDS for w in outside)


def find_reported(text: str, masked: str, para: Paragraph) -> Iterator[Reported]:
    """Yield the reported-speech clauses of one paragraph that hold no quotation marks."""
    pos = para.start
    while pos < para.end:
        end = sentence_end(masked, pos, para.end)
        found = _in_sentence(text, masked, pos, end, para)
        if found is not None:
            yield found
        pos = max(end, pos + 1)


def _in_sentence(text: str, masked: str, lo: int, hi: int, para: Paragraph) -> Reported | None:
    sentence = masked[lo:hi]
    if MASK in sentence or not sentence.strip():
        return None
    acc = ACCORDING.search(masked, lo, hi)
    if acc is not None and acc.start() - lo < 3:
        comma = masked.find(",", acc.end(), hi)
        if comma != -1:
            mention = parse(masked, acc.end(), comma)
            c_lo, c_hi = _trim(text, comma + 1, hi)
            if mention and len(text[c_lo:c_hi].split()) > _MIN_WORDS:
                return Reported(c_lo, c_hi, para.number, acc.start(), acc.end(), mention)
    for verb in VERB.finditer(masked, lo, hi):
        if verb.group(1).lower() not in REPORTING_VERBS:
            continue
        before = masked[lo : verb.start()]
        comma = before.rfind(",")
        if comma != -1 and _TRAILER.match(masked[verb.end() : hi]) is not None:
            # "The plan is dead, officials said." / "..., said Smith."
            c_lo, c_hi = _trim(text, lo, lo + comma)
            mention = subject_before(masked, lo + comma + 1, verb.start())
            if mention is not None and not _tight(masked, lo + comma + 1, verb.start(), mention):
                mention = None  # "..., his conclusions have been contested by ... he has written."
            if mention is not None and len(text[c_lo:c_hi].split()) > _MIN_WORDS:
                return Reported(c_lo, c_hi, para.number, verb.start(), verb.end(), mention)
        if (
            comma != -1
            and before[comma + 1 :].strip() == ""
            and verb.group(1).lower() not in LISTENER_VERBS
        ):
            mention = subject_after(masked, verb.end(), hi)
            if mention is not None and not _tight(masked, verb.end(), mention.end, mention):
                mention = None  # "..., said he would welcome Cruz": a clause, not a speaker
            after = masked[verb.end() : hi]
            if (
                mention is not None
                and mention.kind == "description"
                and mention.text.split()[-1].lower() not in PERSON_NOUNS
            ):
                mention = None
            if mention is not None and _TRAILER.match(after[mention.end - verb.end() :]):
                c_lo, c_hi = _trim(text, lo, lo + comma)
                if len(text[c_lo:c_hi].split()) > _MIN_WORDS:
                    return Reported(c_lo, c_hi, para.number, verb.start(), verb.end(), mention)
        clause = _CLAUSE_START.match(masked, verb.end(), hi)
        if clause is None and verb.group(1).lower() in APPEAL_VERBS:
            # "Psaki also called on the protesters to express their demands peacefully"
            pattern = _URGE if verb.group(1).lower().startswith("urg") else _APPEAL
            clause = pattern.match(masked, verb.end(), hi)
        if clause is None and verb.group(1).lower() in BARE_CLAUSE_VERBS:
            clause = _BARE_CLAUSE.match(masked, verb.end(), hi)
        if clause is None:
            continue
        mention = subject_before(masked, lo, verb.start())
        if mention is None:
            continue
        c_lo, c_hi = _trim(text, clause.end(), hi)
        if len(text[c_lo:c_hi].split()) > _MIN_WORDS:
            return Reported(c_lo, c_hi, para.number, verb.start(), verb.end(), mention)
    return None
