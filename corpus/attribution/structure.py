"""A quotation's cue read from the parse: the subject of the clause it completes.

The rules' cues are speech verbs next to a quotation; when none is there, the dependency
parse still says whose words it is: '"...," the city reasoned', 'Jane Roe responded,
stating: "..."', 'Acme issued a statement: "..."'. The subject of the verb the quotation is
the complement of speaks (through a participle or "as saying" to the verb governing it, and
from a relative pronoun to the noun it stands for: 'Smith, who told reporters: "..."').
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.attribution.candidates import mention_span
from corpus.attribution.cues import Cue
from corpus.attribution.marks import MarkedSpan
from corpus.attribution.mentions import Mention, parse
from corpus.attribution.syntax import Parses, Window, governing_subject
from corpus.lang.en.nouns import DOCUMENT_NOUNS, SAYING_NOUNS
from corpus.lang.en.verbs import SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

_SAYING = SAYING_NOUNS | DOCUMENT_NOUNS
_RELATIVES = frozenset({"who", "which", "that"})


def parsed_cue(masked: str, parses: Parses, span: MarkedSpan) -> Cue | None:
    """Return the cue the parse gives a quotation, or None when it gives none."""
    window = parses.around(span.open_at)
    if window is None:
        return None
    found = governing_subject(window, span, _SAYING, SPEECH_VERBS)
    if found is None:
        return None
    subject, verb = found
    mention = _mention(masked, window, subject)
    if mention is None:
        return None
    lo, hi = window.span_of(verb)
    return Cue(lo, hi, mention, True)


def _mention(masked: str, window: Window, subject: Token) -> Mention | None:
    lo, hi = mention_span(window, subject)
    if subject.text.lower() in _RELATIVES and subject.head.dep_ == "relcl":
        # "Lynch, who told Congress: ...": the relative pronoun's words name its noun.
        antecedent = subject.head.head
        a_lo, a_hi = mention_span(window, antecedent)
        named = parse(masked, a_lo, a_hi)
        if named is None or named.kind != "name":
            return None
        return Mention(lo, hi, masked[lo:hi], "name", named.name, named.role)
    return parse(masked, lo, hi)
