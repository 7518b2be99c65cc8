"""Recognise introduced interviews: dash-led answers after an introduction, labelled questions."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Literal

from corpus.attribution.cues import VERB
from corpus.attribution.entities import Entities
from corpus.attribution.labels import find_turns, trimmed
from corpus.attribution.mentions import Mention
from corpus.attribution.records import InterviewPart
from corpus.attribution.sentences import sentence_end, sentence_start
from corpus.attribution.subjects import subject_before
from corpus.lang.en.labels import ANSWER_LABELS, QUESTION_LABELS
from corpus.lang.en.nouns import PERSON_NOUNS
from corpus.lang.en.verbs import TALK_VERBS
from corpus.models import Paragraph

logger = logging.getLogger(__name__)

_DASH = re.compile(r"\s*[–—―-]\s+")
_LABEL = re.compile(r"\s*([“\"«]?)([^\s:“”\"«»][^:“”\"«»\n]{0,30}?)([”\"»]?)\s*:\s*([–—―-]\s+)?")
_INITIALS = re.compile(r"[A-Z]{2,5}")


def _label(
    text: str, para: Paragraph
) -> tuple[re.Match[str], Literal["question", "answer"]] | None:
    m = _LABEL.match(text, para.start, para.end)
    if not m:
        return None
    label = m.group(2).strip()
    lowered = label.lower().rstrip(".")
    if lowered in QUESTION_LABELS:
        return m, "question"
    if lowered in ANSWER_LABELS:
        return m, "answer"
    if m.group(4) and len(label.split()) <= 4:
        # "“SP”: – So you ...": the outlet's initials, a colon and a dash mark its question.
        return m, "question"
    if _INITIALS.fullmatch(label) and "?" in text[m.end() : para.end]:
        # "BW: So you ...?": an outlet's initials before a question, without the dash.
        return m, "question"
    return None


def introduction(masked: str, para: Paragraph) -> Mention | None:
    """Return the named person a paragraph introduces with a speech or belief verb."""
    for verb in VERB.finditer(masked, para.start, para.end):
        lo = sentence_start(masked, verb.start(), para.start)
        mention = subject_before(masked, lo, verb.start())
        if mention is not None and mention.kind in ("name", "org"):
            return mention
    stripped = masked[para.start : para.end].rstrip()
    if stripped.endswith(":"):
        return None
    return None


# "Commentators in Minsk speak of ...", "Analysts say ...": a sentence opening with people
# described in the plural and a verb of speech.
_OTHERS_SPEAK = re.compile(
    r"\s*(?:(?:The|Many|Some|Most|Other)\s+)?([A-Z][a-z]+s)"
    r"(?:\s+(?:in|from|of|at)\s+(?:[A-Z][\w’'\-]*\s+){0,2}[A-Z][\w’'\-]*)?"
    r"\s+(?:(?:have|had|also|often|now|still)\s+)?([a-z]+)\b"
)


def _reports_others(masked: str, para: Paragraph) -> bool:
    """Tell whether a paragraph reports what other people say: the narrator, not an answer."""
    pos = para.start
    while pos < para.end:
        end = sentence_end(masked, pos, para.end)
        m = _OTHERS_SPEAK.match(masked, pos, end)
        if m is not None and m.group(1).lower()[:-1] in PERSON_NOUNS and m.group(2) in TALK_VERBS:
            return True
        pos = max(end, pos + 1)
    return False


def _is_prose(text: str, para: Paragraph) -> bool:
    body = text[para.start : para.end].strip()
    return len(body.split()) >= 6 and body[-1:] in '.!?…”"»)'


def find_interviews(
    text: str,
    masked: str,
    paragraphs: Sequence[Paragraph],
    entities: Entities,
    surnames: frozenset[str] = frozenset(),
) -> list[InterviewPart]:
    """Return the answer and question paragraphs of the article's interviews.

    A labelled layout ("Jane Doe: ...", "Q: ...", :mod:`corpus.attribution.labels`) is read
    first; the paragraphs it leaves may hold an introduced interview whose answers open with
    a dash. ``surnames`` are the article's people, for labels to name.
    """
    parts = find_turns(text, masked, paragraphs, entities, surnames)
    if parts:
        return parts
    speaker: Mention | None = None
    in_block = False
    for i, para in enumerate(paragraphs):
        labelled = _label(text, para)
        if labelled is not None:
            m, role = labelled
            lo, hi = trimmed(text, m.end(), para.end)
            if role == "question" and hi > lo:
                label_lo = m.start(2)
                label = text[label_lo : m.end(2)].strip()
                mention = Mention(label_lo, label_lo + len(label), label, "org", name=label)
                parts.append(InterviewPart(lo, hi, para.number, "question", mention))
                continue
            if role == "answer" and speaker is not None and hi > lo:
                parts.append(InterviewPart(lo, hi, para.number, "interview", speaker))
                in_block = True
                continue
        dash = _DASH.match(text, para.start, para.end)
        if dash is not None and _is_prose(text, para):
            if not in_block:
                speaker = _previous_intro(text, masked, paragraphs, i)
            if speaker is not None:
                lo, hi = trimmed(text, dash.end(), para.end)
                if hi > lo:
                    parts.append(InterviewPart(lo, hi, para.number, "interview", speaker))
                    in_block = True
                    continue
            in_block = False
            continue
        if (
            in_block
            and speaker is not None
            and _is_prose(text, para)
            and introduction(masked, para) is None
            and not _reports_others(masked, para)
        ):
            lo, hi = trimmed(text, para.start, para.end)
            parts.append(InterviewPart(lo, hi, para.number, "interview", speaker))
            continue
        in_block = False
        speaker = None
    return parts


def _previous_intro(
    text: str, masked: str, paragraphs: Sequence[Paragraph], i: int
) -> Mention | None:
    j = i - 1
    while j >= 0:
        para = paragraphs[j]
        if _label(text, para) is not None:
            j -= 1  # the interviewer's question between introduction and answer
            continue
        if masked[para.start : para.end].strip():
            mention = introduction(masked, para)
            if mention is not None and mention.kind == "name":
                return mention
            return None
        j -= 1
    return None
