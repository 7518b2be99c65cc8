"""Lexical search over chunk texts: BM25 (bm25s) plus IDF-weighted term coverage.

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
    if k < scores.size:
        kth = scores[np.argpartition(-scores, k - 1)[k - 1]]
        # Every row tied with the k-th too, so ties go by row order, not by the partition's
        # whim: the same scores always give the same ranking.
        chosen = np.flatnonzero(scores >= max(kth, np.finfo(scores.dtype).tiny))
    else:
        chosen = np.flatnonzero(scores > 0)
    ordered = chosen[np.argsort(-scores[chosen], kind="stable")][:k]
    return [int(i) for i in ordered]


class LexicalIndex:
    """A BM25 index whose document numbers are positions in the list it was built from."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        tokens = [tokenize(t) for t in texts]
        document_frequency: Counter[str] = Counter()
        for doc in tokens:
            document_frequency.update(set(doc))
        # Inverse document frequency, for weighting coverage: a rare word ("Baku", "2026")
        # says far more about which statement is meant than "family" or "percent".
        self._idf = {
            term: math.log(1 + (self.size - df + 0.5) / (df + 0.5))
            for term, df in document_frequency.items()
        }
        self._unseen_idf = math.log(1 + (self.size + 0.5) / 0.5) if self.size else 1.0
        # bm25s cannot index an empty corpus; an empty index simply scores nothing.
        if any(tokens):
            self._bm25.index(tokens, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """Return the BM25 score of every document for the query (zeros when nothing matches)."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        vocab = getattr(self._bm25, "vocab_dict", None) or {}
        terms = [t for t in tokenize(query) if t in vocab]
        if not terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)

    def rows_with_all(self, terms: Iterable[str], *, limit: int) -> list[int]:
        """Return the rows that hold every one of these terms, or [] if more than ``limit`` do.

        Read from BM25's own postings, rarest term first: a verbatim fragment's words narrow
        135,000 chunks to a handful without scoring any. Too many rows means the words are
        too common to single out a statement, and the ranking decides instead.
        """
        vocab = getattr(self._bm25, "vocab_dict", None) or {}
        postings = getattr(self._bm25, "scores", None)
        wanted = set(terms)
        if not wanted or postings is None or any(t not in vocab for t in wanted):
            return []
        indptr, indices = postings["indptr"], postings["indices"]
        lists = sorted((indices[indptr[vocab[t]] : indptr[vocab[t] + 1]] for t in wanted), key=len)
        rows = np.asarray(lists[0])
        for more in lists[1:]:
            if not rows.size:
                break
            rows = np.intersect1d(rows, more, assume_unique=True)
        return [int(r) for r in rows] if rows.size <= limit else []

    def coverage(self, query_terms: Iterable[str], text: str) -> float:
        """Return the IDF-weighted share of the query's terms that occur in ``text``."""
        return self.share(query_terms, set(tokenize(text)))

    def share(self, query_terms: Iterable[str], present: Container[str]) -> float:
        """Return the IDF-weighted share of the query's terms among already tokenized terms."""
        terms = set(query_terms)
        if not terms:
            return 0.0
        weights = {t: self._idf.get(t, self._unseen_idf) for t in terms}
        # fsum, not sum: a set's order follows the process's string hashing, and a float sum
        # in another order differs in its last bits, enough to swap two candidates that tie.
        present_weight = math.fsum(w for t, w in weights.items() if t in present)
        return present_weight / math.fsum(weights.values())
