"""A person's own post: its words are that person's statements, others' quotes aside.

A politician's channel post ("wrote in his Telegram channel") is a statement by its author as
much as a quote in an article is. When an article names the person whose own words it is
(``Article.speaker``), every stretch of its paragraphs outside the quotes the engine found
becomes a quote of kind ``post`` by that person. The quotes inside the post keep their own
speakers, and a stretch that names one of them ("— said Ivanov") is that quote's attribution,
not the author's statement.
"""

from __future__ import annotations

import re

from corpus.models import Article, Quote

# Quotation marks and spaces next to a quote belong to it, not to the author's words.
_MARKS = "\"'“”‘’«»„‹›"
_MIN_WORDS = 3
_PUNCTUATION_ONLY = re.compile(r"^[\W_]*$")
_QUOTED = re.compile(r"[«“„\"]([^«»“”„\"\n]*?\s[^«»“”„\"\n]*?)[»”“\"]")
_ATTRIBUTION_OPENERS = frozenset("—–-,")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")


def own_words(article: Article, quotes: list[Quote]) -> list[Quote]:
    """Return the author's own words in a post: kind ``post``, speaker ``article.speaker``."""
    if not article.speaker:
        return []
    text = article.text
    # Words in quotation marks are someone's quoted words, found by the engine or not (a
    # language it does not read yet).
    spans = [(q.start, q.end) for q in quotes]
    spans += [(m.start(1), m.end(1)) for m in _QUOTED.finditer(text)]
    taken = sorted(_with_marks(text, a, b) for a, b in spans)
    mentions = [
        (q.mention_start, q.mention_end)
        for q in quotes
        if q.mention_start is not None and q.mention_end is not None
    ]
    ends = {b for _, b in taken}
    found = []
    for paragraph in article.paragraphs:
        for start, end in _gaps(paragraph.start, paragraph.end, taken):
            if start in ends and text[start:end].lstrip()[:1] in _ATTRIBUTION_OPENERS:
                # "«…», — said Ivanov. Then…": the clause after a quote attributes it.
                clause = _SENTENCE_END.search(text, start, end)
                start = clause.end() if clause else end
            start, end = _trim(text, start, end)
            words = text[start:end].split()
            if len(words) < _MIN_WORDS or _PUNCTUATION_ONLY.match(text[start:end]):
                continue
            if any(start <= a and b <= end for a, b in mentions):
                continue
            found.append(
                Quote(
                    start=start,
                    end=end,
                    text=text[start:end],
                    kind="post",
                    paragraph=paragraph.number,
                    speaker=article.speaker,
                    cue="post",
                    confidence=1.0,
                    source_kind="person",
                )
            )
    return found


def _with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and (text[start - 1] in _MARKS or text[start - 1] == " "):
        start -= 1
    while end < len(text) and (text[end] in _MARKS or text[end] in " ,."):
        end += 1
    return start, end


def _gaps(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the parts of ``[start, end)`` outside the taken spans."""
    gaps = []
    cursor = start
    for a, b in taken:
        if b <= cursor or a >= end:
            continue
        if a > cursor:
            gaps.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < end:
        gaps.append((cursor, end))
    return gaps


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and dashes at the edges (a dash opens an attribution, not a statement)."""
    edge = " \t\r\n—–-"
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return start, end
