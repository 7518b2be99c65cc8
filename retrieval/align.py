"""Word-level alignment of a claim with a real quote: how close, where, and what changed.

Words are compared the way a reader compares quotes: letter case, punctuation around a word,
quotation marks and the shape of an apostrophe do not count; every word does, numbers
included. :func:`align` finds the stretch of a real text that best matches a claim (a claim is
usually part of a longer quote) and the edits between them; :func:`describe` names those edits
as a fact-checker would (truncated, words changed, numbers changed, reworded).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
# A word that ends a sentence: its own punctuation, before any closing mark; or a quotation's
# closing mark (its edges are a quote's edges). A word opening a quotation starts one.
_ENDS = re.compile(r"[.!?;:…]['’”\"»)\]]*$|[”»\"]$")
_OPENS = re.compile(r"^[“«„\"]")
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion trillion dozen half percent "
    "ноль один одна два две три четыре пять шесть семь восемь девять десять сто тысяча "
    "тысячи тысяч миллион миллиона миллионов миллиард процент процента процентов".split()
)


@dataclass(frozen=True, slots=True)
class Words:
    """A text cut into words: each word's surface form, its key, and the sentence edges.

    ``starts[i]``: word ``i`` opens a sentence (or a piece of a quote); ``ends[i]``: it closes one.
    """

    surface: tuple[str, ...]
    keys: tuple[str, ...]
    starts: tuple[bool, ...]
    ends: tuple[bool, ...]
    spans: tuple[tuple[int, int], ...] = ()  # each word's offsets in the text it came from

    def __len__(self) -> int:
        return len(self.keys)


def key(word: str) -> str:
    """Return the form a word is compared by: case, accents' forms, edge punctuation folded."""
    word = unicodedata.normalize("NFKC", word).translate(_APOSTROPHES).casefold()
    return _EDGE.sub("", word).replace("ё", "е")


def words(text: str, *, offset: int = 0) -> Words:
    """Cut a text into words (runs of non-space characters holding a letter or digit)."""
    surface: list[str] = []
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    starts: list[bool] = []
    ends: list[bool] = []
    for match in re.finditer(r"\S+", text):
        k = key(match.group())
        if not k:
            if surface and _ENDS.search(match.group()):
                ends[-1] = True
            continue
        starts.append(not surface or ends[-1] or bool(_OPENS.match(match.group())))
        surface.append(match.group())
        keys.append(k)
        spans.append((offset + match.start(), offset + match.end()))
        ends.append(bool(_ENDS.search(match.group())))
    if ends:
        ends[-1] = True
    return Words(tuple(surface), tuple(keys), tuple(starts), tuple(ends), tuple(spans))


def joined(pieces: Sequence[Words]) -> Words:
    """Join the pieces of one quote (interrupted by "he said"): each piece's edges are edges."""
    surface: list[str] = []
    keys: list[str] = []
    starts: list[bool] = []
    ends: list[bool] = []
    spans: list[tuple[int, int]] = []
    for piece in pieces:
        if not piece.keys:
            continue
        surface += piece.surface
        keys += piece.keys
        starts += [True, *piece.starts[1:]]
        ends += [*piece.ends[:-1], True]
        spans += piece.spans
    return Words(tuple(surface), tuple(keys), tuple(starts), tuple(ends), tuple(spans))


Op = Literal["equal", "removed", "added"]


@dataclass(frozen=True, slots=True)
class Edit:
    """One run of the diff from the real quote to the claim."""

    op: Op
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Where a claim best matches a real text, and how.

    ``start``/``end`` delimit the matched words of the real text; ``matched`` counts the claim's
    words found there in order; ``similarity`` is the Dice share of matched words
    (2·matched / (claim words + window words)).
    """

    start: int
    end: int
    matched: int
    claim_words: int
    similarity: float
    edits: tuple[Edit, ...] = field(default=())

    @property
    def window_words(self) -> int:
        """How many words of the real text the match covers."""
        return self.end - self.start

    @property
    def exact(self) -> bool:
        """Whether every word of the claim is in the real text, in order and adjacent."""
        return self.matched == self.claim_words == self.window_words

    @property
    def overlap(self) -> float:
        """The share of words in common, over the longer of claim and window: 1 for an exact
        match; low for a few common words of a longer claim ("We have … to")."""
        return self.matched / max(self.claim_words, self.window_words, 1)

    @property
    def changed(self) -> float:
        """The share of words changed: 0 for an exact match, 1 for nothing in common."""
        return 1.0 - self.overlap


def align(claim: Words, real: Words) -> Alignment | None:
    """Return the best-matching stretch of ``real`` for ``claim``, or None with no word in common.

    The matching blocks of a longest-common-subsequence diff are grouped: among every run of
    consecutive blocks, the one with the highest similarity wins, so a few common words far
    from the claim's real place ("the", "said") never stretch the window.
    """
    if not claim.keys or not real.keys:
        return None
    matcher = difflib.SequenceMatcher(None, claim.keys, real.keys, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    n = len(claim.keys)
    best: tuple[float, int, int, int] | None = None
    for i in range(len(blocks)):
        matched = 0
        for j in range(i, len(blocks)):
            matched += blocks[j].size
            start, end = blocks[i].b, blocks[j].b + blocks[j].size
            similarity = 2 * matched / (n + end - start)
            if best is None or similarity > best[0]:
                best = (similarity, start, end, matched)
    assert best is not None
    similarity, start, end, _ = best
    start, end = _to_edges(claim, real, blocks, start, end)
    # Words of the claim outside the blocks chosen may still match inside the window.
    window = real.keys[start:end]
    inner = difflib.SequenceMatcher(None, window, claim.keys, autojunk=False)
    matched = sum(b.size for b in inner.get_matching_blocks())
    edits = _edits(inner, real.surface[start:end], claim.surface)
    return Alignment(
        start=start,
        end=end,
        matched=matched,
        claim_words=n,
        similarity=2 * matched / (n + end - start),
        edits=edits,
    )


def _to_edges(
    claim: Words, real: Words, blocks: Sequence[difflib.Match], start: int, end: int
) -> tuple[int, int]:
    """Widen a window over the real words the claim replaced at either end ("from ~~all
    sides~~ **every side**"), as many as the claim has unmatched there, never past the edge of
    the sentence."""
    inside = [b for b in blocks if start <= b.b and b.b + b.size <= end]
    first, last = inside[0], inside[-1]
    lead, tail = first.a, len(claim.keys) - (last.a + last.size)
    while lead > 0 and start > 0 and not real.starts[start]:
        start -= 1
        lead -= 1
    while tail > 0 and end < len(real.keys) and not real.ends[end - 1]:
        end += 1
        tail -= 1
    return start, end


def _edits(
    matcher: difflib.SequenceMatcher[str], real: Sequence[str], claim: Sequence[str]
) -> tuple[Edit, ...]:
    out: list[Edit] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(Edit("equal", tuple(real[a1:a2])))
            continue
        if a2 > a1:
            out.append(Edit("removed", tuple(real[a1:a2])))
        if b2 > b1:
            out.append(Edit("added", tuple(claim[b1:b2])))
    return tuple(out)


def aligned_edges(alignment: Alignment, real: Words) -> bool:
    """Whether an exact match starts where a sentence (or the quote) starts and ends where one
    ends: a whole sentence quoted, not words cut out of one."""
    return real.starts[alignment.start] and real.ends[alignment.end - 1]


def is_number(word: str) -> bool:
    """Whether a word (as compared) is a number, in digits or in words."""
    return any(ch.isdigit() for ch in word) or word in _NUMBER_WORDS


Change = Literal["truncated", "words dropped", "words added", "words changed", "numbers changed",
                 "reworded"]  # fmt: skip


def describe(alignment: Alignment, real: Words) -> list[Change]:
    """Name what changed between the real quote and the claim, most telling first."""
    changes: list[Change] = []
    removed = [e for e in alignment.edits if e.op == "removed"]
    added = [e for e in alignment.edits if e.op == "added"]
    if alignment.exact:
        return ["truncated"] if not aligned_edges(alignment, real) else []
    numbers_out = {key(w) for e in removed for w in e.words if is_number(key(w))}
    numbers_in = {key(w) for e in added for w in e.words if is_number(key(w))}
    if numbers_out != numbers_in:
        changes.append("numbers changed")
    runs = sum(1 for e in alignment.edits if e.op != "equal")
    if runs >= 5 or alignment.overlap < 0.5:
        changes.append("reworded")
    elif removed and added:
        changes.append("words changed")
    elif removed:
        changes.append("words dropped")
    elif added:
        changes.append("words added")
    if not (real.starts[alignment.start] and real.ends[alignment.end - 1]) and (
        alignment.start > 0 or alignment.end < len(real)
    ):
        changes.append("truncated")
    return changes


def markup(alignment: Alignment, *, context: int = 0) -> str:
    """Render the diff as text: ``~~removed~~`` and ``**added**`` among the equal words.

    ``context`` > 0 shortens long equal runs to their first and last ``context`` words.
    """
    parts: list[str] = []
    for edit in alignment.edits:
        text = " ".join(edit.words)
        if edit.op == "removed":
            parts.append(f"~~{text}~~")
        elif edit.op == "added":
            parts.append(f"**{text}**")
        elif context and len(edit.words) > 2 * context + 1:
            parts.append(" ".join(edit.words[:context]) + " … " + " ".join(edit.words[-context:]))
        else:
            parts.append(text)
    return " ".join(parts)


__all__ = [
    "Alignment",
    "Change",
    "Edit",
    "Words",
    "align",
    "aligned_edges",
    "describe",
    "is_number",
    "joined",
    "key",
    "markup",
    "words",
]
