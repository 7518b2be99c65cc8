"""Find the speech verb next to a quote and the words naming its speaker."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from corpus.attribution.marks import MASK
from corpus.attribution.mentions import Mention, parse
from corpus.attribution.sentences import phrase_end, sentence_end, sentence_start
from corpus.attribution.subjects import (
    clause_subject,
    leading_name,
    sentence_subject,
    subject_after,
    subject_before,
    subjects_in,
)
from corpus.lang.en.nouns import DOCUMENT_NOUNS, ORG_NOUNS, PERSON_NOUNS
from corpus.lang.en.pronouns import ADJUNCT_STARTS, PREPOSITIONS, SUBORDINATORS
from corpus.lang.en.verbs import CAPITALISED_VERBS, LISTENER_VERBS, SPEECH_VERBS

_VERB_ALT = "|".join(
    re.escape(v).replace(r"\ ", r"\s+") for v in sorted(SPEECH_VERBS, key=len, reverse=True)
)

logger = logging.getLogger(__name__)
VERB = re.compile(rf"\b({_VERB_ALT}|{'|'.join(CAPITALISED_VERBS)})\b")
_BREAK = f'.;!?{MASK}“”"«»„'
_DASH_NAME = re.compile(r"\s*[―—–-]\s*((?:[A-Z][\w’'\-]*\.?\s+){0,3}[A-Z][\w’'\-]*)")
ACCORDING = re.compile(
    r"\b(?:[Aa]ccording\s+to|[Aa]s\s+(?:stated|said|noted|reported|written|explained|"
    r"announced)\s+(?:by|in)|[Ii]n\s+the\s+words\s+of)\s+"
)


_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|his|her|its|their|this|that)\s+$", re.I)


def speech_verbs(masked: str, lo: int, hi: int) -> list[re.Match[str]]:
    """List the speech verbs in ``masked[lo:hi]``, leaving out nouns ("the report said")."""
    return [
        v
        for v in VERB.finditer(masked, lo, hi)
        if not _NOUN_BEFORE.search(masked, max(lo, v.start() - 8), v.start())
    ]


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech verb (or "according to") and the speaker mention it attaches to."""

    start: int
    end: int
    mention: Mention
    near: bool  # the verb sits right next to the quote


def cue_after(masked: str, close_at: int, hi: int, last: str = ",") -> Cue | None:
    """Find "..., X said" or "..., said X" right after a closing mark.

    ``last`` is the quote's final character: a quote ending a sentence ("." "?" "!") is
    attributed after its mark only when the words there are not a new sentence's.
    """
    end = sentence_end(masked, close_at + 1, hi)
    for ch in f"{MASK}“«„":
        k = masked.find(ch, close_at + 1, end)
        if k != -1:
            end = k
    tail = masked[close_at + 1 : end]
    lead = re.match(r"[\s,—–\-]*", tail)
    assert lead is not None
    off = close_at + 1 + lead.end()
    body = masked[off:end]
    if not body or body[0] in ".;":
        return None
    acc = ACCORDING.match(masked, off, end)
    if acc is not None:
        # "“...,” according to CNN."
        mention = parse(masked, acc.end(), phrase_end(masked, acc.end(), end))
        if mention is not None:
            return Cue(acc.start(), acc.end(), mention, True)
    verbs = speech_verbs(masked, off, end)
    if last == "." and body[:1].isupper() and verbs and verbs[0].start() != off:
        # '... no classified material.” The presidential candidate reiterated: ...'
        return None
    if not verbs:
        dash = _DASH_NAME.match(masked, close_at + 1, hi)
        if dash is not None:
            # "“...” ― Adriana Rodarte": a byline-style attribution.
            mention = parse(masked, dash.start(1), dash.end(1))
            if mention is not None and mention.kind == "name":
                return Cue(dash.start(1), dash.start(1), mention, True)
        return None
    verb = verbs[0]
    if verb.start() == off:
        mention = subject_after(masked, verb.end(), end)
        if mention:
            return Cue(verb.start(), verb.end(), mention, True)
        return None
    if verb.start() - off > 160:
        return None
    if (
        last in ".?!"
        and end < hi
        and masked[end] in f'{MASK}“«„"'
        and not masked[verbs[-1].end() : end].strip(' ,:"')
    ):
        # '"Is that something we can see?" Wiig smiles and says, "They're ..."': a finished
        # sentence, then a new one whose verb introduces the next quote, not this one.
        return None
    region = masked[off : verb.start()]
    if region.split() and region.split()[0].lower() in SUBORDINATORS:
        if "," in region.rstrip()[:-1] and not region.rstrip().endswith(","):
            # '"..." because she would expand her lead, he said': the main clause follows
            # the subordinate one.
            main_at = off + region.rstrip()[:-1].rfind(",") + 1
            mention = parse(masked, main_at, verb.start())
            if mention is not None and mention.kind in ("name", "pronoun"):
                return Cue(verb.start(), verb.end(), mention, True)
            return None
        if not region.rstrip().endswith(",") or verb.group(1).lower() in LISTENER_VERBS:
            return None
        # '"..." if she didn't win, said David Wasserman': the clause finishes the quote.
        mention = subject_after(masked, verb.end(), end)
        return Cue(verb.start(), verb.end(), mention, False) if mention is not None else None
    mention = subject_before(masked, off, verb.start())
    if (
        mention is None
        and region.rstrip().endswith(",")
        and verb.group(1).lower() not in LISTENER_VERBS
    ):
        # "“...” about fixing inequality, said Marla Kilfoyle, ..."
        mention = subject_after(masked, verb.end(), end)
        if mention is not None:
            return Cue(verb.start(), verb.end(), mention, False)
    if mention is None:
        return None
    if mention.kind == "description":
        # "..., a political scientist wrote on his Facebook page Mikhail Pogrebinsky."
        named = re.search(
            r"^\s+(?:on|in)\s+(?:his|her|their)\s+[^,]*?\s"
            r"((?:[A-Z][\w’'\-]+\s+){1,3}[A-Z][\w’'\-]+)\s*[.,]?\s*$",
            masked[verb.end() : end],
        )
        if named:
            lo = verb.end() + named.start(1)
            found = parse(masked, lo, verb.end() + named.end(1))
            if found and found.kind == "name":
                return Cue(
                    verb.start(),
                    verb.end(),
                    Mention(
                        found.start,
                        found.end,
                        found.text,
                        "name",
                        found.name,
                        re.sub(r"^(?:the|a|an)\s+", "", mention.text),
                    ),
                    True,
                )
    return Cue(verb.start(), verb.end(), mention, True)


def _prior_subject(masked: str, start: int, hi: int, verbs: list[re.Match[str]]) -> Mention | None:
    for verb in reversed([v for v in verbs if v.end() <= hi and v.start() >= start]):
        if verb.group(1).endswith("ing"):
            continue
        mention = subject_before(masked, start, verb.start())
        if mention is not None:
            return mention
    return None


def _participle_subject(
    masked: str, start: int, hi: int, verbs: list[re.Match[str]]
) -> Mention | None:
    """Find who a participle such as "saying" belongs to.

    "When Winfrey asked ..., he declined, saying": the clause just before the participle,
    when it opens with its subject ("he"), not the speech verb of a subordinate clause;
    otherwise "he said, adding": the subject of the speech verb before it.
    """
    before = masked[start:hi].rstrip().rstrip(",")
    seg_lo = start + max(before.rfind(","), before.rfind(";")) + 1
    opening = subjects_in(masked, seg_lo, hi, pronouns=True)
    if opening and not masked[seg_lo : opening[0].start].strip():
        # The clause right before the participle opens with its subject: that clause's.
        return opening[0]
    return _prior_subject(masked, start, hi, verbs)


_NAME_BEFORE = re.compile(r"((?:[A-Z][\w’'\-]*\.?\s+){0,3}[A-Z][\w’'\-]*)\s+(?:[a-z]{3,}ly\s+)?$")


def _name_right_before(masked: str, lo: int, verb_start: int) -> Mention | None:
    """Read "footage of Trump saying": the name right before a speech verb in -ing speaks."""
    run = _NAME_BEFORE.search(masked, lo, verb_start)
    if run is None:
        return None
    before = masked[lo : run.start(1)].split()
    if before and before[-1].lower() in PREPOSITIONS - {"of"}:
        # "posted on Twitter, writing", "took to Facebook saying": a place, not a speaker.
        return None
    mention = parse(masked, run.start(1), run.end(1))
    return mention if mention is not None and mention.kind == "name" else None


def cue_before(masked: str, open_at: int, lo: int) -> Cue | None:
    """Find "X said: ...", "according to X, ..." or an earlier speech verb in the sentence."""
    start = sentence_start(masked, open_at, lo)
    head_lo = start
    # Only the narrative since the previous quote in this sentence can hold the cue.
    for ch in MASK + '”»"':
        k = masked.rfind(ch, start, open_at)
        if k != -1:
            head_lo = max(head_lo, k + 1)
    head = masked[head_lo:open_at]
    found = list(ACCORDING.finditer(head))
    if found:
        acc = found[-1]
        rest = head[acc.end() :]
        name_end = len(rest)
        comma = rest.find(",")
        if comma != -1:
            name_end = comma
        mention = parse(masked, head_lo + acc.end(), head_lo + acc.end() + name_end)
        if mention:
            return Cue(head_lo + acc.start(), head_lo + acc.end(), mention, True)
    colon = re.search(r"([^,;.!?]{2,80}):\s*$", head)
    verbs = speech_verbs(masked, head_lo, open_at)
    if not verbs:
        if colon:
            mention = parse(masked, head_lo + colon.start(1), head_lo + colon.end(1))
            if mention and mention.kind in ("name", "org"):
                return Cue(head_lo + colon.end(1), head_lo + colon.end(), mention, True)
            # "Kasich resisted: ...", "he returned to his familiar lines: ...": a clause
            # introducing the quote without a speech verb is the subject's.
            mention = clause_subject(masked, head_lo, head_lo + colon.end(1))
            if mention is not None:
                return Cue(head_lo + colon.end(1), head_lo + colon.end(), mention, True)
        return None
    for verb in reversed(verbs):
        if verb.group(1).endswith("ing"):
            # "..., telling the crowd: ...": the sentence's subject is speaking; "he said,
            # adding, ...": the subject of the speech verb before it.
            mention = (
                _name_right_before(masked, start, verb.start())
                or _participle_subject(masked, start, verb.start(), verbs)
                or sentence_subject(masked, start, verb.start())
                or leading_name(masked, start, verb.start())
            )
            if mention is not None:
                return Cue(verb.start(), verb.end(), mention, True)
            continue
        mention = subject_before(masked, head_lo, verb.start())
        if mention is None:
            # "said Smith: ..."
            mention = subject_after(masked, verb.end(), open_at)
        if mention is None:
            continue
        if _inanimate(mention) and any(
            v.start() < verb.start() and v.group(1).endswith("ing") for v in verbs
        ):
            # "..., arguing in its letter that the information assures officers '...'": a
            # thing cannot speak; the quote is the earlier speech verb's.
            continue
        words_between = len(masked[verb.end() : open_at].split())
        return Cue(verb.start(), verb.end(), mention, words_between <= 8)
    return None


def _inanimate(mention: Mention) -> bool:
    """Tell whether a description names a thing: no person, organisation or document.

    Any word for one ("the 34-year-old mother of three") or a capitalised word ("a majority
    of Americans") makes it someone; "the information now available" is no one.
    """
    if mention.kind != "description":
        return False
    tokens = [w.strip(".,") for w in mention.text.split()]
    nouns = PERSON_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS
    return not any(w.lower() in nouns or w[:1].isupper() for w in tokens[1:] if w)


def cue_of_previous_sentence(masked: str, open_at: int, lo: int) -> Cue | None:
    """Find "X agreed." or "X said in a statement." in the sentence before an opening quote."""
    start = sentence_start(masked, open_at, lo)
    if start <= lo or masked[start:open_at].strip():
        return None
    prev_end = len(masked[:start].rstrip())
    prev_start = sentence_start(masked, prev_end - 1, lo)
    body = masked[prev_start:prev_end]
    if any(ch in body for ch in MASK + '“”"«»„'):
        return None
    verbs = speech_verbs(masked, prev_start, prev_end)
    if not verbs or verbs[-1].group(1).endswith("ing"):
        return None
    verb = verbs[-1]
    tail = masked[verb.end() : prev_end - 1].split()
    # Only a short adjunct may follow the verb ("in a statement", "on Monday"); anything
    # longer is a clause of its own, not an introduction.
    if len(tail) > 6 or (tail and tail[0].lower() not in ADJUNCT_STARTS):
        return None
    mention = subject_before(masked, prev_start, verb.start())
    if mention is None:
        return None
    return Cue(verb.start(), verb.end(), mention, False)


def byline_after(masked: str, lo: int, hi: int) -> Mention | None:
    """Read a paragraph such as "- Bernie Sanders." that signs the quote before it."""
    dash = _DASH_NAME.match(masked, lo, hi)
    if dash is None or len(masked[lo:hi].split()) > 10:
        return None
    mention = parse(masked, dash.start(1), dash.end(1))
    return mention if mention is not None and mention.kind == "name" else None
