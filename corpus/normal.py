"""Text in Unicode's composed form (NFC) for the quote engine, with offsets mapped back.

The same name can be stored two ways: "Cléo" with one letter é, or "Cle" followed by a
combining accent (decomposed, NFD, as macOS writes files). The engine's name rules read a
combining mark as a break inside a word, so "Cle\u0301o Combe" lost its first name. The engine
reads the composed text instead; what it finds is mapped back to offsets of the text as
stored, so every quote stays a verbatim span of its file, while the names it gives (speakers,
roles) are composed, as users type them and as questions are read (``retrieval.service``).
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable

from corpus.models import Article, Paragraph, Quote


def composed_quotes(article: Article, engine: Callable[[Article], list[Quote]]) -> list[Quote]:
    """Run ``engine`` on the composed text of ``article``; return quotes in its own offsets."""
    text = article.text
    if unicodedata.is_normalized("NFC", text):
        return engine(article)
    mapping = _Mapping.of(text)
    if mapping is None:
        return engine(article)
    composed = dataclasses.replace(
        article,
        text=mapping.text,
        paragraphs=tuple(
            Paragraph(p.number, mapping.forward[p.start], mapping.forward[p.end])
            for p in article.paragraphs
        ),
    )
    out = []
    for quote in engine(composed):
        start, end = mapping.back[quote.start], mapping.back[quote.end]
        mention_start = mention_end = None
        if quote.mention_start is not None and quote.mention_end is not None:
            mention_start = mapping.back[quote.mention_start]
            mention_end = mapping.back[quote.mention_end]
        out.append(
            dataclasses.replace(
                quote,
                start=start,
                end=end,
                text=text[start:end],
                mention_start=mention_start,
                mention_end=mention_end,
                mention=text[mention_start:mention_end]
                if mention_start is not None
                else quote.mention,
            )
        )
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class _Mapping:
    """The composed text, and offsets from the stored text to it and back (each one longer
    than its text, so an end offset maps too)."""

    text: str
    forward: list[int]
    back: list[int]

    @classmethod
    def of(cls, text: str) -> _Mapping | None:
        """Compose ``text`` character cluster by cluster (a starter and the marks after it);
        ``None`` when composing the clusters alone does not give the composed text."""
        pieces: list[str] = []
        forward = [0] * (len(text) + 1)
        back: list[int] = []
        start = 0
        # The composed length so far, kept as it grows: summing the pieces at every
        # cluster made a long decomposed article quadratic (0.9 s of CPU for one).
        base = 0
        for end in [*_cluster_ends(text), len(text)][1:]:
            composed = unicodedata.normalize("NFC", text[start:end])
            for offset in range(start, end):
                forward[offset] = base + min(offset - start, len(composed))
            back += [min(start + i, end) for i in range(len(composed))]
            pieces.append(composed)
            base += len(composed)
            start = end
        joined = "".join(pieces)
        if joined != unicodedata.normalize("NFC", text):
            return None  # a composition across clusters (Hangul jamo): leave the text as it is
        forward[len(text)] = len(joined)
        back.append(len(text))
        return cls(joined, forward, back)


def _cluster_ends(text: str) -> list[int]:
    """Return 0 and every offset where a character that combines with nothing before starts."""
    return [0] + [i for i, ch in enumerate(text) if i and unicodedata.combining(ch) == 0]
