"""Parse the sentences around each quotation with spaCy's dependency parser.

Only windows that hold a quotation are parsed (its sentence, the one before and the one after,
within its paragraph), so the parser's cost follows the quotes, not the article's length. The
parser reads the masked narrative with each quotation replaced by a short placeholder clause:
the quoted words never supply a speaker, and a speech verb takes the placeholder as its
complement ('"We won," said Smith': "won" is the complement of "said", "Smith" its subject),
as it would a quotation it introduces.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.attribution.entities import NER_PIPES, load_pipeline
from corpus.attribution.marks import MASK, MarkedSpan
from corpus.attribution.sentences import sentence_end, sentence_start
from corpus.models import Paragraph

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

logger = logging.getLogger(__name__)

# What the parser reads for a quotation: a short clause for quoted speech, which a speech
# verb takes as its complement, or a noun for a quoted phrase the narrative borrows ('called
# the system "rigged"', 'the new "normal"'). Their tokens are never candidates.
PLACEHOLDER = "We won"
PHRASE_PLACEHOLDER = "things"
_MASKED_RUN = re.compile(f"{MASK}+")
# (parse_start, article_start, article_end, quoted): one piece of a window's parse text.
_Piece = tuple[int, int, int, bool]


@dataclass(frozen=True, slots=True)
class Window:
    """One parsed stretch of narrative, with the map from the parse's text to the article's.

    ``pieces`` are ``(parse_start, article_start, article_end, quoted)``, in order: a
    narrative piece maps character for character, a quoted one is the placeholder standing
    for the masked words ``article_start:article_end``.
    """

    doc: Doc
    start: int
    end: int
    pieces: tuple[_Piece, ...]

    def span_of(self, token: Token) -> tuple[int, int]:
        """Return the article offsets of a token (a placeholder's: the masked words)."""
        k = bisect_right([p[0] for p in self.pieces], token.idx) - 1
        parse_start, art_start, art_end, quoted = self.pieces[k]
        if quoted:
            return art_start, art_end
        lo = art_start + token.idx - parse_start
        return lo, lo + len(token.text)

    def is_quoted(self, token: Token) -> bool:
        """Tell whether a token belongs to a placeholder, that is, to a quotation."""
        k = bisect_right([p[0] for p in self.pieces], token.idx) - 1
        return self.pieces[k][3]

    def tokens_in(self, lo: int, hi: int) -> list[Token]:
        """Return the tokens whose article span lies inside ``[lo, hi)``."""
        found = []
        for token in self.doc:
            if token.is_space:
                continue
            a, b = self.span_of(token)
            if a >= lo and b <= hi:
                found.append(token)
        return found


@dataclass(frozen=True, slots=True)
class Parses:
    """The parsed windows of one article, to find the parse around a quotation."""

    windows: tuple[Window, ...]

    def around(self, pos: int) -> Window | None:
        """Return the window holding article offset ``pos``, if it was parsed."""
        for window in self.windows:
            if window.start <= pos < window.end:
                return window
        return None

    @classmethod
    def none(cls) -> Parses:
        """Return no parse at all: every quote is left to the rules."""
        return cls(())

    @classmethod
    def find(
        cls,
        text: str,
        masked: str,
        paragraphs: Sequence[Paragraph],
        spans: Sequence[MarkedSpan],
    ) -> Parses:
        """Parse the windows around ``spans`` (offsets index ``text`` and ``masked``)."""
        by_number = {p.number: p for p in paragraphs}
        ranges: list[tuple[int, int]] = []
        for span in spans:
            para = by_number.get(span.paragraph)
            if para is None:
                continue
            ranges.append(_window(masked, span, para))
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(ranges):
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
        if not merged:
            return cls.none()
        texts: list[str] = []
        all_pieces: list[tuple[_Piece, ...]] = []
        for lo, hi in merged:
            parse_text, pieces = _parse_text(text, masked, lo, hi)
            texts.append(parse_text)
            all_pieces.append(pieces)
        nlp = load_pipeline()
        docs = nlp.pipe(texts, batch_size=64, disable=list(NER_PIPES))
        windows = tuple(
            Window(doc, lo, hi, pieces)
            for doc, (lo, hi), pieces in zip(docs, merged, all_pieces, strict=True)
        )
        return cls(windows)


def _window(masked: str, span: MarkedSpan, para: Paragraph) -> tuple[int, int]:
    """Return the quotation's sentence with the one before and the one after it."""
    lo = sentence_start(masked, span.open_at, para.start)
    if lo > para.start:
        lo = sentence_start(masked, lo - 1, para.start)
    close = span.close_at if span.close_at is not None else span.end
    hi = sentence_end(masked, close + 1, para.end) if close + 1 < para.end else para.end
    if hi < para.end:
        hi = sentence_end(masked, hi, para.end)
    return lo, hi


def _is_speech(words: str) -> bool:
    """Tell quoted speech (a sentence or more) from a quoted phrase ("rigged", "the new X")."""
    words = words.strip()
    return words[-1:] in ".?!,;:…" or (words[:1].isupper() and len(words.split()) >= 3)


def _parse_text(text: str, masked: str, lo: int, hi: int) -> tuple[str, tuple[_Piece, ...]]:
    """Return the text the parser reads for ``masked[lo:hi]`` and its map to the article."""
    parts: list[str] = []
    pieces: list[_Piece] = []
    length = 0
    pos = lo
    for run in _MASKED_RUN.finditer(masked, lo, hi):
        if run.start() > pos:
            pieces.append((length, pos, run.start(), False))
            parts.append(masked[pos : run.start()])
            length += run.start() - pos
        pieces.append((length, run.start(), run.end(), True))
        stand_in = PLACEHOLDER if _is_speech(text[run.start() : run.end()]) else PHRASE_PLACEHOLDER
        parts.append(stand_in)
        length += len(stand_in)
        pos = run.end()
    if pos < hi:
        pieces.append((length, pos, hi, False))
        parts.append(masked[pos:hi])
    return "".join(parts), tuple(pieces)


# How a quotation hangs on the clause that introduces it as a clause of its own:
# '"...," she said' and 'she said: "..."' (ccomp, parataxis). A quotation the parse makes
# an object ('called it "rigged"', 'getting "the new Tina Fey"') is a phrase the narrative
# borrows, not words the subject spoke.
_QUOTE_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl"})
# A participle or an infinitive whose subject is its governing verb's: "he responded,
# stating: ...", "is quoted as saying: ...".
_CHAIN_DEPS = frozenset({"advcl", "xcomp", "pcomp", "prep", "conj", "acl"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")


def _reporter(
    window: Window, subject: Token, verb: Token, speech_verbs: frozenset[str]
) -> tuple[Token, Token]:
    """Climb from a clause to the speech verb that reports it, if one does.

    'Begala said the former mayor will need "..."': the quotation completes "need", whose
    clause is what Begala said; the words are his, not the mayor's.
    """
    while verb.dep_ in ("ccomp", "xcomp") and verb.head is not verb:
        above = verb.head
        if above.text.lower() not in speech_verbs:
            break
        subjects = [c for c in above.children if c.dep_ in _SUBJECT_DEPS]
        if not subjects or window.is_quoted(subjects[0]):
            break
        subject, verb = subjects[0], above
    return subject, verb


def placeholder(window: Window, span: MarkedSpan) -> Token | None:
    """Return the token standing for a quotation's words (its placeholder clause's head)."""
    for token in window.doc:
        if window.is_quoted(token):
            a, b = window.span_of(token)
            if a <= span.start < b or a <= span.open_at + 1 < b:
                return token.head if window.is_quoted(token.head) else token
    return None


def governing_subject(
    window: Window, span: MarkedSpan, saying_nouns: frozenset[str], speech_verbs: frozenset[str]
) -> tuple[Token, Token] | None:
    """Return the subject of the clause a quotation is the complement of, and its verb.

    '"...," the city reasoned', 'Roe responded, stating: "..."', 'Acme issued a statement:
    "..."': the parse says whose words the quotation is, whatever the verb. None when the
    quotation hangs on no verb (it opens its own sentence, or it is a noun's apposition).
    """
    quote = placeholder(window, span)
    if quote is None or quote.dep_ not in _QUOTE_DEPS | {"acl", "appos"}:
        return None
    head = quote.head
    if quote.dep_ in ("acl", "appos"):
        # "a statement: '...'" hangs on the noun; the verb taking that noun speaks.
        if head.text.lower() not in saying_nouns or head.dep_ != "dobj":
            return None
        head = head.head
    for _ in range(3):
        if head.tag_ not in _VERB_TAGS:
            return None
        subjects = [c for c in head.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            if window.is_quoted(subject):
                return None
            return _reporter(window, subject, head, speech_verbs)
        if head.dep_ not in _CHAIN_DEPS or head.head is head:
            return None
        head = head.head
        if head.tag_ == "IN":  # "as saying": the preposition's verb
            head = head.head
    return None
