"""Find what each Russian speech cue attributes: its source and the words it covers.

A cue is a speech verb or a source phrase; the words it attributes (its *content*) lie where
Russian grammar puts them:

- "X сказал, что CONTENT" / "X напомнил о том, что CONTENT" (after "что", to the clause end);
- "X заявил: CONTENT" (after the colon);
- "X пообещал ограничить …", "X призвал к тому, чтобы …" (an infinitive or "чтобы" clause);
- "как заявил X, CONTENT" / "по словам X, CONTENT" / "согласно X, CONTENT", and the same
  phrases after their content ("CONTENT, по словам X.");
- "CONTENT, — сказал X." / "CONTENT, считает X." (the attribution after its content);
- "A, считает X, B" (the attribution inside the sentence: the part after it);
- "Об этом сообщил X." (the sentence before).

The source is the verb's subject in the syntax tree (:func:`~corpus.attribution.ru.mentions.
subject_of`), or the genitive after "по словам". Quotations in marks are found separately
(:mod:`~corpus.attribution.ru.marks`); a claim's content may hold one, and then the quotation
is attributed to the claim's source.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from corpus.attribution.ru.analysis import Analysis, Sentence, Token
from corpus.attribution.ru.mentions import source_noun_owner, subject_of
from corpus.attribution.ru.morph import fold
from corpus.lang.ru.speech import (
    INFINITIVE_VERBS,
    SOURCE_NOUN_FORMS,
    SOURCE_PREPOSITIONS,
    SPEECH_VERBS,
)

Placement = Literal["after", "before", "around", "previous"]

_DASHES = frozenset("—–-")
_CLOSING_MARKS = frozenset('»“”"')
_OPENING_MARKS = frozenset('«„“"')
# Words that join a clause of speech to its verb ("сказал, что …", "заявил, будто …").
_COMPLEMENTISERS = frozenset({"что", "будто", "якобы"})
_PURPOSE = frozenset({"чтобы"})
# Dependents of a verb that may be its content rather than part of its attribution.
_CONTENT_RELATIONS = frozenset({"ccomp", "parataxis", "conj", "punct", "advcl", "csubj"})


@dataclass(frozen=True, slots=True)
class Claim:
    """A speech cue, its source's head token, and the span of the words it attributes."""

    cue: int  # the token of the verb (or "словам", "согласно")
    subject: int | None
    start: int
    end: int
    placement: Placement


def is_speech_verb(token: Token) -> bool:
    """Whether a token is a verb of speech of a third party (not "напомним", "скажу")."""
    if token.lemma not in SPEECH_VERBS:
        return False
    if token.feats.get("Person") in ("1", "2") or token.feats.get("Mood") == "Imp":
        return False
    form = token.feats.get("VerbForm")
    if token.pos == "ADJ":
        return token.feats.get("Variant") == "Short"
    return token.pos in ("VERB", "AUX") and form in ("Fin", None, "Inf", "Conv")


def _sentence_words(analysis: Analysis, sentence: Sentence) -> list[Token]:
    return list(analysis.sentence_tokens(sentence))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past spaces, and punctuation that is no part of the words."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
        end -= 1
    return start, end


def find_claims(analysis: Analysis) -> list[Claim]:
    """Return every speech cue of the article with its content span, in text order."""
    claims: list[Claim] = []
    for sentence in analysis.sentences:
        claims.extend(_claims_in(analysis, sentence))
    return claims


def _claims_in(analysis: Analysis, sentence: Sentence) -> list[Claim]:
    tokens = _sentence_words(analysis, sentence)
    found: list[Claim] = []
    for k, token in enumerate(tokens):
        # "по словам X", and "по его словам" with a possessive between.
        by = next((j for j in (k - 1, k - 2) if j >= 0 and fold(tokens[j].text) == "по"), None)
        if by is not None and fold(token.text) in SOURCE_NOUN_FORMS:
            owner = source_noun_owner(analysis, token.index)
            claim = _parenthetical(analysis, sentence, tokens, by, token.index, owner)
            if claim is not None:
                found.append(claim)
            continue
        if fold(token.text) in SOURCE_PREPOSITIONS:
            owner = token.head if token.head > token.index else None
            claim = _parenthetical(analysis, sentence, tokens, k, token.index, owner)
            if claim is not None:
                found.append(claim)
            continue
        if not is_speech_verb(token):
            continue
        claim = _verb_claim(analysis, sentence, tokens, k)
        if claim is not None:
            found.append(claim)
    return found


def _verb_claim(
    analysis: Analysis, sentence: Sentence, tokens: list[Token], k: int
) -> Claim | None:
    verb = tokens[k]
    subject = subject_of(analysis, verb.index)
    before = tokens[max(0, k - 3) : k]
    if any(fold(t.text) == "как" for t in before[-2:]):
        # "как заявил X, …" or "…, как заявил X."
        start = next(i for i in range(k - 1, -1, -1) if fold(tokens[i].text) == "как")
        return _parenthetical(analysis, sentence, tokens, start, verb.index, subject)
    if _about_this(tokens, k):
        return _previous_sentence(analysis, sentence, verb.index, subject)
    after = tokens[k + 1 :]
    # "сказал, что …", "напомнил о том, что …", "написал на своей странице в Twitter, что …":
    # "что" after a comma, before any other verb.
    for j, t in enumerate(after[:16]):
        word = fold(t.text)
        if t.pos == "PUNCT" and t.text in ".!?;:":
            break
        if word in _COMPLEMENTISERS and (j == 0 or after[j - 1].text == ","):
            return _forward(analysis, sentence, verb.index, subject, t.end)
        if word in _PURPOSE and verb.lemma in INFINITIVE_VERBS:
            return _forward(analysis, sentence, verb.index, subject, t.end)
        if t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") in ("Fin", "Conv"):
            break
    if after and after[0].text == ":":
        return _forward(analysis, sentence, verb.index, subject, after[0].end)
    if verb.lemma in INFINITIVE_VERBS:
        for t in after[:4]:
            if t.feats.get("VerbForm") == "Inf":
                return _forward(analysis, sentence, verb.index, subject, t.start)
            if t.pos == "PUNCT":
                break
    # A verb that needs a clause ("думать", "продолжать") is still an attribution after or
    # inside its content ("…, продолжал он, …").
    return _postposed(analysis, sentence, tokens, k, subject)


def _about_this(tokens: list[Token], k: int) -> bool:
    """Whether the verb points back at the sentence before: "Об этом сообщил X", and, opening
    its sentence, "Так считает X" / "Так прокомментировал ситуацию X"."""
    words = [fold(t.text) for t in tokens[max(0, k - 4) : k]]
    if any(a in ("об", "о") and b == "этом" for a, b in pairwise(words)):
        return True
    return k == 1 and words[-1:] == ["так"]


def _clause_end(analysis: Analysis, sentence: Sentence, start: int, cue: int) -> int:
    """Where a content running forward from ``start`` ends: the sentence end, or just before a
    later attribution of its own ("…, сообщает ТАСС", "…, — сказал он")."""
    tokens = _sentence_words(analysis, sentence)
    end = sentence.end
    for k, token in enumerate(tokens):
        if token.start < start or token.index == cue:
            continue
        if not is_speech_verb(token):
            continue
        prev = [t for t in tokens[max(0, k - 2) : k]]
        if prev and (prev[-1].text == "," or prev[-1].text in _DASHES):
            subject = subject_of(analysis, token.index)
            if subject is None or subject > token.index:
                cut = next(t for t in prev if t.text == "," or t.text in _DASHES)
                end = min(end, cut.start)
                break
    return end


def _forward(
    analysis: Analysis, sentence: Sentence, cue: int, subject: int | None, start: int
) -> Claim | None:
    end = _clause_end(analysis, sentence, start, cue)
    start, end = _trim(analysis.text, start, end)
    if end <= start:
        return None
    return Claim(cue, subject, start, end, "after")


def _postposed(
    analysis: Analysis, sentence: Sentence, tokens: list[Token], k: int, subject: int | None
) -> Claim | None:
    """ "CONTENT, — сказал X." or "A, считает X, B": the verb after (or inside) its content."""
    verb = tokens[k]
    j = k - 1
    while j >= 0 and tokens[j].text in _DASHES:
        j -= 1
    if j < 0 or tokens[j].text not in {",", "!", "?", "…", "...", "»", '"', "“", "”"}:
        return None
    if subject is not None and subject < verb.index:
        return None  # "…, который сказал" and the like: the subject comes first
    text = analysis.text
    # The attribution ends after the subject phrase and what else hangs on the verb after it
    # ("— сказал он в интервью газете"); if the sentence goes on after a comma, the verb
    # interrupts its content, and the content is the part after it.
    last = verb.index
    for child in analysis.children(verb.index):
        if child > verb.index and analysis.tokens[child].rel not in _CONTENT_RELATIONS:
            last = max(last, *analysis.subtree(child, skip=_CONTENT_RELATIONS))
    stop = last - tokens[0].index + 1
    while stop < len(tokens) and tokens[stop].text in _CLOSING_MARKS:
        stop += 1
    if stop < len(tokens) - 1 and tokens[stop].text in {","} | _DASHES:
        rest_start = tokens[stop].end
        rest_end = _clause_end(analysis, sentence, rest_start, verb.index)
        start, end = _trim(text, rest_start, rest_end)
        if end > start and len(text[start:end].split()) >= 3:
            return Claim(verb.index, subject, start, end, "around")
    start, end = _trim(
        text, sentence.start, tokens[j].start if tokens[j].text == "," else tokens[j].end
    )
    if tokens[j].text in _CLOSING_MARKS:
        end = tokens[j].end
    if end <= start:
        return None
    return Claim(verb.index, subject, start, end, "before")


def _parenthetical(
    analysis: Analysis,
    sentence: Sentence,
    tokens: list[Token],
    first: int,
    cue: int,
    subject: int | None,
) -> Claim | None:
    """ "по словам X, CONTENT", "CONTENT, как заявил X", "A, согласно X, B"."""
    text = analysis.text
    k = first
    # The phrase runs from its first word to the end of its source's name ("по его мнению
    # страны …" has no comma), or to the next comma or colon.
    stop = k + 1
    while stop < len(tokens) and tokens[stop].text not in {",", ".", "!", "?", ";", ":"}:
        stop += 1
    if subject is not None:
        owner_end = max(analysis.subtree(subject, skip=_CONTENT_RELATIONS))
        phrase_end = max(owner_end, cue) - tokens[0].index
        if phrase_end + 1 < stop and tokens[phrase_end + 1].is_word:
            stop = phrase_end
    if stop < len(tokens) - 1:
        # Content after the phrase: "по словам X, CONTENT".
        after_start = tokens[stop].end
        start, end = _trim(text, after_start, _clause_end(analysis, sentence, after_start, cue))
        if end > start:
            return Claim(cue, subject, start, end, "after")
    # The phrase ends the sentence: "CONTENT, по словам X."
    start, end = _trim(text, sentence.start, tokens[k].start)
    if end > start:
        return Claim(cue, subject, start, end, "before")
    return None


def _previous_sentence(
    analysis: Analysis, sentence: Sentence, cue: int, subject: int | None
) -> Claim | None:
    """ "Об этом заявил X.": the words are the sentence before, in the same paragraph or the
    one before it."""
    if sentence.index == 0:
        return None
    before = analysis.sentences[sentence.index - 1]
    if sentence.paragraph - before.paragraph > 1:
        return None
    start, end = _trim(analysis.text, before.start, before.end)
    if end <= start:
        return None
    return Claim(cue, subject, start, end, "previous")
