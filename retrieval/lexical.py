"""Lexical search over chunk texts: BM25 plus IDF-weighted term coverage.

One tokenizer serves the index, the queries and the coverage check: lower case, words of two
or more characters and single digits (numbers tell templated statements apart), stop words and
speech verbs dropped, Snowball-stemmed (PyStemmer) so "protesters" finds "protests". Each word
is read in its own language, told by its letters: a Cyrillic word by the Russian stemmer and
stop words (ё as е; "напряжённости" finds "напряжённость"), any other by the English ones, so a
Russian article quoting an English name, or the reverse, is indexed as written. BM25 cannot
match across languages (a Russian question's words are never an English quote's): the dense
search carries those.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from functools import lru_cache
from typing import Protocol

import bm25s
import numpy as np
import Stemmer

from retrieval.lang.ru_words import RUSSIAN_SPEECH_WORDS

logger = logging.getLogger(__name__)

_STEMMER = Stemmer.Stemmer("english")
_RUSSIAN_STEMMER = Stemmer.Stemmer("russian")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_TOKEN = re.compile(r"(?u)\b(?:\w\w+|\d)\b")
# Speech verbs carry no topic: every quote was "said", so they only add noise.
_STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN_PLUS) | {
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "told",
    "quoted",
    "quote",
    "talk",
    "talked",
    "describe",
    "described",
    "describes",
    "speak",
    "speaks",
    "spoke",
    "mention",
    "mentioned",
    "mentions",
}


# The same for Russian: bm25s's Russian stop words, and the verbs a Russian question or
# attribution uses for speech (their stems: "сказал" and "сказать" both stem to "сказа").
_RUSSIAN_STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_RUSSIAN)
_RUSSIAN_SPEECH_STEMS = frozenset(_RUSSIAN_STEMMER.stemWords(RUSSIAN_SPEECH_WORDS))


def tokenize(text: str) -> list[str]:
    """Return the stemmed content words of a text, in order."""
    lowered = text.lower()
    if _CYRILLIC.search(lowered) is None:  # the common case, word by word costs twice as much
        words = [w for w in _TOKEN.findall(lowered) if w not in _STOPWORDS]
        return list(_STEMMER.stemWords(words))
    out = []
    for word in _TOKEN.findall(lowered.replace("ё", "е")):
        if _CYRILLIC.search(word) is None:
            if word not in _STOPWORDS:
                out.append(_STEMMER.stemWord(word))
        elif word not in _RUSSIAN_STOPWORDS:
            stem = _RUSSIAN_STEMMER.stemWord(word)
            if stem not in _RUSSIAN_SPEECH_STEMS:
                out.append(stem)
    return out


def top_rows(scores: np.ndarray, k: int) -> list[int]:
    """Return the positions of the ``k`` highest positive scores, best first.

    A partial selection, then a sort of those ``k`` only: sorting every row's score cost
    2 ms a search at 135,000 chunks (10,000 articles), twice per question.
    """
    if k <= 0 or not scores.size:
        return []
    # Only rows that hold a query term score at all: select among those (a few thousand of
    # 1.35 million rows at 100,000 articles), not among every row. Ascending, so ties still
    # go by row order.
    candidates = np.flatnonzero(scores > 0)
    if not candidates.size:
        return []
    values = scores[candidates]
    if k < candidates.size:
        kth = values[np.argpartition(-values, k - 1)[k - 1]]
        # Every row tied with the k-th too, so ties go by row order, not by the partition's
        # whim: the same scores always give the same ranking.
        keep = values >= kth
        candidates, values = candidates[keep], values[keep]
    ordered = candidates[np.argsort(-values, kind="stable")][:k]
    return [int(i) for i in ordered]


class Postings(Protocol):
    """One part of a lexical index: rows numbered from 0, and each term's rows."""

    @property
    def size(self) -> int:
        """How many rows (documents) the part holds."""

    @property
    def total_length(self) -> int:
        """How many tokens its rows hold in all."""

    @property
    def doclen(self) -> np.ndarray:
        """Tokens per row."""

    def term_rows(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Return the rows holding a term (ascending) and its count in each."""


class MemoryPostings:
    """Postings built in memory from texts (an index too small to keep on disk, and tests)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        rows: dict[str, list[int]] = {}
        counts: dict[str, list[int]] = {}
        self.doclen = np.zeros(self.size, dtype=np.int32)
        for row, text in enumerate(texts):
            tokens = tokenize(text)
            self.doclen[row] = len(tokens)
            for term, count in Counter(tokens).items():
                rows.setdefault(term, []).append(row)
                counts.setdefault(term, []).append(count)
        self.total_length = int(self.doclen.sum())
        self._rows = {t: np.asarray(r, dtype=np.int32) for t, r in rows.items()}
        self._counts = {t: np.asarray(c, dtype=np.uint16) for t, c in counts.items()}

    def term_rows(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Return the rows holding a term (ascending) and its count in each."""
        found = self._rows.get(term)
        if found is None:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint16)
        return found, self._counts[term]


class LexicalIndex:
    """BM25 over one or more parts, whose document numbers follow each other.

    Scores are BM25 as ``bm25s`` computes them (its default Lucene variant, k1 1.5, b 0.75,
    in float32), but from term counts kept on disk and statistics of the whole index: a part
    added for the 1% of articles an ingest changed scores its rows with the same document
    frequencies and average length as the rest, so the same chunk scores the same in a view
    built at once or in steps. Rows marked dead (``live``) score nothing and are in no result;
    they still count in the statistics until their part is merged, as in Lucene.
    """

    K1 = 1.5
    B = 0.75

    def __init__(self, texts: Sequence[str] | None = None) -> None:
        self._parts: list[tuple[int, Postings]] = []
        self._live: np.ndarray | None = None
        self._dead: np.ndarray | None = None
        self.size = 0
        self._total_length = 0
        if texts is not None:
            self._add(MemoryPostings(texts))
        self._lookup = lru_cache(maxsize=65536)(self._find)

    @classmethod
    def over(cls, parts: Sequence[Postings], live: np.ndarray | None = None) -> LexicalIndex:
        """Return the index over these parts, in order; ``live`` masks out dead rows."""
        index = cls()
        for part in parts:
            index._add(part)
        index._live = live
        index._dead = np.flatnonzero(~live) if live is not None else None
        return index

    def _add(self, part: Postings) -> None:
        self._parts.append((self.size, part))
        self.size += part.size
        self._total_length += part.total_length
        self._avgdl = self._total_length / self.size if self.size else 1.0
        self._unseen_idf = math.log(1 + (self.size + 0.5) / 0.5) if self.size else 1.0

    def _find(self, term: str) -> tuple[int, list[tuple[int, Postings, np.ndarray, np.ndarray]]]:
        """Return a term's document frequency and its postings in each part that has it."""
        found = []
        df = 0
        for offset, part in self._parts:
            rows, tf = part.term_rows(term)
            if rows.size:
                found.append((offset, part, rows, tf))
                df += int(rows.size)
        return df, found

    def _idf(self, df: int) -> float:
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def scores(self, query: str) -> np.ndarray:
        """Return the BM25 score of every document for the query (zeros when nothing matches)."""
        scores = np.zeros(self.size, dtype=np.float32)
        if self.size == 0:
            return scores
        for term in tokenize(query):  # each occurrence counts, as in bm25s
            df, found = self._lookup(term)
            if not df:
                continue
            idf = np.float32(self._idf(df))
            for offset, part, rows, tf in found:
                counts = tf.astype(np.float32)
                norm = self.K1 * ((1 - self.B) + self.B * part.doclen[rows] / self._avgdl)
                scores[offset + rows] += idf * (counts / (norm.astype(np.float32) + counts))
        if self._dead is not None and self._dead.size:
            scores[self._dead] = 0.0
        return scores

    def rows_with_all(self, terms: Iterable[str], *, limit: int) -> list[int]:
        """Return the rows that hold every one of these terms, or [] if more than ``limit`` do.

        Read from the postings, rarest term first: a verbatim fragment's words narrow
        135,000 chunks to a handful without scoring any. Too many rows means the words are
        too common to single out a statement, and the ranking decides instead.
        """
        wanted = set(terms)
        if not wanted:
            return []
        found = {t: self._lookup(t) for t in wanted}
        if any(not df for df, _ in found.values()):
            return []
        out: list[np.ndarray] = []
        for offset, _part in self._parts:
            lists = []
            for _, postings in found.values():
                rows = next((r for o, _, r, _ in postings if o == offset), None)
                if rows is None:
                    break
                lists.append(rows)
            else:
                lists.sort(key=len)
                rows = np.asarray(lists[0])
                for more in lists[1:]:
                    if not rows.size:
                        break
                    rows = np.intersect1d(rows, more, assume_unique=True)
                out.append(offset + rows.astype(np.int64))
        rows = np.concatenate(out) if out else np.zeros(0, dtype=np.int64)
        if self._live is not None:
            rows = rows[self._live[rows]]
        return [int(r) for r in rows] if rows.size <= limit else []

    def coverage(self, query_terms: Iterable[str], text: str) -> float:
        """Return the IDF-weighted share of the query's terms that occur in ``text``."""
        return self.share(query_terms, set(tokenize(text)))

    def share(self, query_terms: Iterable[str], present: Container[str]) -> float:
        """Return the IDF-weighted share of the query's terms among already tokenized terms."""
        terms = set(query_terms)
        if not terms:
            return 0.0
        weights = {}
        for term in terms:
            df = self._lookup(term)[0]
            weights[term] = self._idf(df) if df else self._unseen_idf
        # fsum, not sum: a set's order follows the process's string hashing, and a float sum
        # in another order differs in its last bits, enough to swap two candidates that tie.
        present_weight = math.fsum(w for t, w in weights.items() if t in present)
        return present_weight / math.fsum(weights.values())
