"""Labelled layouts: interviews and transcripts whose paragraphs open with a speaker's label.

"Jane Doe: ...", "DOE: ...", "Q: ...", "A: ...", "Wikinews: ...", "Rep. Trey Gowdy (R-S.C.):
...", a label alone above the paragraphs it heads, bold in HTML (the loader keeps the words).
One mechanism reads them all:

- a paragraph that opens with a speaker label gives its words, and the unlabelled paragraphs
  after it until the next label, to that speaker;
- a label is a speaker's when the layout shows it: it names a person the article names, or
  it labels more than one paragraph, or it is a question or answer label ("Q", "A"); and an
  article with a single labelled paragraph has no labelled layout ("Update: ...");
- the interviewer asks: a "Q" label, or a label whose turns are mostly questions while
  another's are not, marks the interviewer's turns (kind ``question``); the others answer
  (kind ``interview``), and the paragraphs after a question that carry no label are the
  answer of the interviewee;
- "A" (and an interviewee known only by a short form: "Lind:") is the person the introduction
  names: the article's person named before the first label, by their fullest name.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from corpus.attribution.entities import Entities
from corpus.attribution.interviewee import pick_interviewee
from corpus.attribution.mentions import Mention, is_capitalised
from corpus.attribution.records import InterviewPart
from corpus.lang.en.labels import ANSWER_LABELS, NOT_SPEAKER_LABELS, QUESTION_LABELS
from corpus.lang.en.names import NAME_PARTICLES, NOT_NAME_WORDS, TITLES
from corpus.models import Paragraph

logger = logging.getLogger(__name__)

# A label: up to five capitalised words (particles and initials allowed), a parenthesis
# ("(R-S.C.)"), an outlet after a comma ("Jane Roe, The Daily Ledger"), then a colon. A
# transcript printed as one long quote opens each paragraph with a mark that never closes.
_LABEL = re.compile(
    r"[ \t]*[\"“«]?"
    r"(?P<label>(?:(?:[A-Z][\w’'.\-&]*|[a-z]{1,3}|al-\w+)[ \t]+){0,4}[A-Z][\w’'.\-&]*)"
    r"[\"”»]?"
    r"(?:[ \t]*\((?P<note>[^()\n]{1,40})\))?"
    r"(?:,[ \t]*(?P<outlet>(?:[A-Z][\w’'.&\-]*[ \t]*){1,5}))?"
    r"[ \t]*[:：](?![/\d])[ \t]*(?:[–—―-][ \t]+)?"
)
# A share of its turns ending in a question mark above which a label is the interviewer's.
_ASKING = 0.6
_Role = Literal["question", "answer"]


@dataclass(frozen=True, slots=True)
class _Labelled:
    index: int
    label: str
    key: str
    start: int
    end: int
    body_start: int
    # The outlet or office after the name in a round-up line ("Jane Roe, The Daily Ledger:").
    outlet: str | None = None


def find_turns(
    text: str,
    masked: str,
    paragraphs: Sequence[Paragraph],
    entities: Entities,
    surnames: frozenset[str],
) -> list[InterviewPart]:
    """Return the turns of the article's labelled layout, or none when it has none."""
    labelled = [
        found for i, para in enumerate(paragraphs) if (found := _label(text, para, i)) is not None
    ]
    counts = Counter(item.key for item in labelled)
    kept = [
        item
        for item in labelled
        if item.key in QUESTION_LABELS
        or item.key in ANSWER_LABELS
        or counts[item.key] > 1
        or _names_person(item, entities)
    ]
    kept = _speaking(text, paragraphs, kept)
    if len(kept) < 2:
        return []
    roles = _roles(text, paragraphs, kept)
    interviewee = _interviewee(masked, paragraphs, kept, roles, entities)
    by_index = {item.index: item for item in kept}
    turns: list[InterviewPart] = []
    current: tuple[_Role, Mention | None] | None = None
    for i, para in enumerate(paragraphs):
        item = by_index.get(i)
        if item is not None:
            role = roles[item.key]
            speaker = _speaker(item, role, interviewee, entities)
            current = (role, speaker)
            lo, hi = trimmed(text, item.body_start, para.end)
            if hi > lo:
                kind: Literal["interview", "question"] = (
                    "question" if role == "question" else "interview"
                )
                turns.append(InterviewPart(lo, hi, para.number, kind, speaker))
            continue
        if current is None or not masked[para.start : para.end].strip():
            continue
        if i < kept[0].index:
            continue
        if not _continues(text, para) or (i > kept[-1].index and not _first_person(masked, para)):
            # After the last label the writer's narration resumes: a paragraph goes on the
            # last turn only in its speaker's voice ("I", "we", "you").
            current = None
            continue
        role, speaker = current
        if role == "question":
            # The unlabelled paragraph after a question is the interviewee's answer.
            if interviewee is None:
                current = None
                continue
            role, speaker = "answer", interviewee
            current = (role, speaker)
        if _narrates(masked, para, speaker):
            current = None
            continue
        lo, hi = trimmed(text, para.start, para.end)
        if hi > lo:
            turns.append(InterviewPart(lo, hi, para.number, "interview", speaker))
    return turns


def _speaking(
    text: str, paragraphs: Sequence[Paragraph], kept: Sequence[_Labelled]
) -> list[_Labelled]:
    """Keep the labels whose turns are speech: a tally ("Clinton: 1,769.") is no turn.

    A name's label speaks when at least half of its turns hold three words or more ("Yes."
    may be an answer, but not every answer is one word).
    """
    prose: dict[str, list[bool]] = {}
    for item in kept:
        body = text[item.body_start : paragraphs[item.index].end]
        if body.strip():  # a label alone heads the paragraphs below it
            prose.setdefault(item.key, []).append(len(re.findall(r"[^\W\d_]+", body)) >= 3)
    return [
        item
        for item in kept
        if item.key in QUESTION_LABELS
        or item.key in ANSWER_LABELS
        or 2 * sum(prose.get(item.key, [])) >= len(prose.get(item.key, []))
    ]


_PLUG = re.compile(r"@\w|https?://|www\.")


def _continues(text: str, para: Paragraph) -> bool:
    """Tell whether an unlabelled paragraph can go on a turn: prose, not a stage direction
    ("(CROSSTALK)"), a link or a plug for an account ("Follow ... @name")."""
    body = text[para.start : para.end].strip().strip('"“”')
    if body.startswith(("(", "[")) and body.endswith((")", "]", ").", "].")):
        return False
    return len(body.split()) >= 4 and body[-1:] in '.!?…"”’)' and _PLUG.search(body) is None


_VOICE = re.compile(r"\b(?:I|I[’']\w+|[Ww]e|[Ww]e[’']\w+|[Mm]y|[Oo]ur|[Uu]s|me|[Yy]ou|[Yy]our)\b")


def _first_person(masked: str, para: Paragraph) -> bool:
    return _VOICE.search(masked, para.start, para.end) is not None


_NOTE = re.compile(r"[ \t]*((?:[\w’'.\-]+[ \t]+){0,3}[\w’'.\-]+)[ \t]*:")


def _narrates(masked: str, para: Paragraph, speaker: Mention | None) -> bool:
    """Tell whether an unlabelled paragraph is the writer's, not the turn going on.

    A note ("Editor's note: ...", "Update: ...") is furniture; a paragraph naming the speaker
    ("Novak's honey is sold at ...") is narration about them: nobody answering names themself.
    """
    note = _NOTE.match(masked, para.start, para.end)
    if note is not None and note.group(1).split()[0].lower() in NOT_SPEAKER_LABELS:
        return True
    if speaker is None or not speaker.name:
        return False
    surname = speaker.name.split()[-1]
    forms = "|".join(re.escape(f) for f in {surname, surname.title()})
    return re.search(rf"\b(?:{forms})\b", masked[para.start : para.end]) is not None


def _label(text: str, para: Paragraph, index: int) -> _Labelled | None:
    m = _LABEL.match(text, para.start, para.end)
    if m is None:
        return None
    label = m.group("label").strip()
    words = label.split()
    key = " ".join(w.lower().strip(".") for w in words)
    if words[0].lower().strip(".") in NOT_SPEAKER_LABELS or key in NOT_SPEAKER_LABELS:
        return None
    if len(words) > 1 and all(w.lower().strip(".") in TITLES for w in words):
        return None
    outlet = (m.group("outlet") or "").strip() or None
    return _Labelled(index, label, key, m.start("label"), m.end("label"), m.end(), outlet)


def _names_person(item: _Labelled, entities: Entities) -> bool:
    """Tell whether a label is a person's name: name-like words the NER reads as a person's.

    "Lind", "PEETERS", "Rep. Trey Gowdy" are; a section heading ("Limited Tools to Fight
    Terrorism", "The Gap Goes On") is not, whatever the NER makes of it.
    """
    words = item.label.split()
    while len(words) > 1 and words[0].lower() in TITLES:
        words = words[1:]
    if not all(
        (is_capitalised(w) and w.lower().strip(".") not in NOT_NAME_WORDS)
        or w.lower() in NAME_PARTICLES
        for w in words
    ):
        return False
    if entities.is_person_name(words[-1]):
        return True
    return any(e.kind == "person" for e in entities.overlapping(item.start, item.end))


def _roles(
    text: str, paragraphs: Sequence[Paragraph], kept: Sequence[_Labelled]
) -> dict[str, _Role]:
    """Tell the interviewer's labels from the interviewees'.

    A question label asks and an answer label answers; otherwise a label asks when most of
    its turns are questions while some other label's are not.
    """
    asking: dict[str, list[bool]] = {}
    for item in kept:
        body = text[item.body_start : paragraphs[item.index].end].rstrip()
        if body:
            asking.setdefault(item.key, []).append(body.endswith("?"))
    share = {key: sum(v) / len(v) for key, v in asking.items() if v}
    roles: dict[str, _Role] = {}
    for item in kept:
        if item.key in QUESTION_LABELS:
            roles[item.key] = "question"
        elif item.key in ANSWER_LABELS:
            roles[item.key] = "answer"
        elif share.get(item.key, 0.0) >= _ASKING and any(
            s < _ASKING for k, s in share.items() if k != item.key
        ):
            roles[item.key] = "question"
        else:
            roles[item.key] = "answer"
    return roles


def _interviewee(
    masked: str,
    paragraphs: Sequence[Paragraph],
    kept: Sequence[_Labelled],
    roles: dict[str, _Role],
    entities: Entities,
) -> Mention | None:
    """Return the person the introduction (the paragraphs before the first label) interviews."""
    lo = paragraphs[0].start
    hi = paragraphs[kept[0].index].start
    persons = [e for e in entities.overlapping(lo, hi) if e.kind == "person" and e.end <= hi]
    askers = frozenset(item.key.split()[-1] for item in kept if roles[item.key] == "question")
    chosen = pick_interviewee(masked, lo, hi, persons, entities, askers)
    if chosen is None:
        return None
    name = masked[chosen.start : chosen.end].removesuffix("’s").removesuffix("'s")
    return Mention(chosen.start, chosen.start + len(name), name, "name", name=name)


def _speaker(
    item: _Labelled, role: _Role, interviewee: Mention | None, entities: Entities
) -> Mention | None:
    if item.key in QUESTION_LABELS:
        return None  # a bare "Q" names nobody
    if item.key in ANSWER_LABELS:
        return interviewee
    full = _full_name(item.label, entities)
    kind: Literal["name", "org"] = "name" if role == "answer" or full else "org"
    name = full or item.label
    return Mention(item.start, item.end, item.label, kind, name=name, role=item.outlet)


def _full_name(label: str, entities: Entities) -> str | None:
    """Return the full name a one-word label stands for: a first name, a surname or initials.

    "Jana:", "NOVAK:", "JN:" after an introduction naming Jana Novak; None unless exactly one
    person the article names fits.
    """
    words = [w for w in label.split() if w.lower().strip(".") not in TITLES]
    if len(words) != 1:
        return None
    word = words[0].lower()
    names = {
        entities.text_of(e).removesuffix("’s").removesuffix("'s")
        for e in entities.items
        if e.kind == "person"
    }
    full = [n for n in names if len(n.split()) >= 2]
    fits = [n for n in full if word in (n.split()[0].lower(), n.split()[-1].lower())]
    if not fits and words[0].isupper() and 2 <= len(word) <= 4:
        fits = [n for n in full if "".join(w[0] for w in n.split()).lower() == word]
    if len({n.split()[-1] for n in fits}) != 1:
        return None
    return max(fits, key=len)


def trimmed(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Return ``lo, hi`` moved inward past white space."""
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi
