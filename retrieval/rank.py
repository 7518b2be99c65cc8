"""Second-stage ranking: score each fused candidate by more than one cosine.

The first stage (``retrieval.retriever``) fuses Chroma's dense ranking with BM25's. Here each
candidate gets, from what is already in memory, the signals of ``retrieval.weights.FEATURES``:

* ``dense``: the cosine of the search text and the chunk (the first stage's own number);
* ``coverage``: the IDF-weighted share of the question's content words in the chunk;
* ``context``: the same share in the paragraph around a quote and the one before ("Asked
  about the leave plan, Miller said …");
* ``echo``: the other way round, the share of a quote's own words in the question (a short
  quote the question repeats);
* ``exact``: the user's quoted words (or a long search text) found verbatim;
* ``fit``: for "Which former Obama strategist said …", how much of the description is in the
  speaker's recorded roles and in the sentences of the article that name them ("…, said David
  Axelrod, a former Obama strategist"): the share of the description's terms found;
* ``about``: the speaker is a person the question is about ("Who compared Jones to …" is
  rarely answered by Jones);
* ``unnamed``, ``passage``, ``reported``: what kind of source and text it is, for a question
  that wants a name.

The score is their weighted sum, with the weights of ``retrieval/ranking_weights.json``
(learned by ``make train-ranking`` on questions over PolNeAR's build half): names, roles and
topics are evidence weighed with the content, never gates. The relevance thresholds of the
settings say only whether *anything* answers; once something does, every plausible candidate
is ranked by its score, so a strong match a little under a threshold is not thrown away.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from langchain_core.documents import Document

from corpus.attribution.lexicon import ABBREVIATIONS
from corpus.store import fill_texts
from retrieval.lang import searchable_description, share_known
from retrieval.lexical import tokenize, top_rows
from retrieval.question import SPEECH_WORDS, Query, description_terms, role_terms
from retrieval.records import Hit
from retrieval.settings import RetrievalSettings
from retrieval.view import CorpusView
from retrieval.weights import Family, RankingWeights, load_weights

logger = logging.getLogger(__name__)

FIT_STRONG = 0.6  # share of a description's terms that makes a speaker fit it
FIT_MIN_SIMILARITY = 0.3  # how near such a speaker's words must still be to the question
_INTRODUCTIONS = 3
_ECHO_WORDS = 3  # content words a quote needs for its echo of the question to count in full
# Rows holding every word of a verbatim fragment, checked one by one: past this many, its
# words are too common to single anything out (about 20 microseconds a row).
_VERBATIM_CANDIDATES = 300
_EDGE_WORDS = 3  # words at either end of a quoted fragment that place it in one chunk
_WORDS_BEFORE = 8
_WORDS_AFTER = 12
_DESCRIBED_PASSAGES = 12
_DESCRIBED_QUOTES = 60
_DESCRIBED_SPEAKERS = 5  # speakers taken on their recorded roles alone

_LETTERS = re.compile(r"[^\W\d_]+")
_THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"']?\s+(?=[“\"']?[A-Z])")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_PUNCT = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    """Fold quotation marks, punctuation, letter case and spacing, for verbatim comparison."""
    return " ".join(_PUNCT.sub(" ", text.translate(_APOSTROPHES).lower()).split())


class Ranker:
    """Score candidates for one view; caches what it reads of the articles."""

    def __init__(
        self,
        view: CorpusView,
        settings: RetrievalSettings,
        weights: RankingWeights | None = None,
    ) -> None:
        self.view = view
        self.settings = settings
        self.weights = weights or load_weights()
        # Set to a list to record every hit scored: its family, itself and its signals (for
        # ``make train-ranking``).
        self.trace: list[tuple[Family, Hit, tuple[float, ...]]] | None = None
        self._profiles: dict[tuple[str, str], frozenset[str]] = {}
        self._by_article: dict[str, list[int]] | None = None
        self._paragraphs: dict[tuple[str, int], frozenset[str]] = {}
        self._leads: dict[str, frozenset[str]] = {}
        self._row_terms: dict[int, frozenset[str]] = {}
        self._role_terms: dict[str, frozenset[str]] | None = None  # speaker: role terms

    def hits(self, docs: Sequence[Document]) -> list[Hit]:
        """Turn the first stage's documents into hits."""
        return [
            self.hit(int(d.metadata["row"]), dense=float(d.metadata.get("dense", 0.0)))
            for d in docs
        ]

    def hit(self, row: int, *, dense: float = 0.0) -> Hit:
        """Return the hit for one view row."""
        chunk = self.view.rows[row]
        meta = chunk.meta
        speaker = chunk.speaker if meta.named else None
        return Hit(row=row, id=chunk.id, text=chunk.text, meta=meta, speaker=speaker, dense=dense)

    def rank(self, query: Query, hits: list[Hit], text: str, *, lenient: bool) -> list[Hit]:
        """Score the hits against the search text; keep the relevant ones, best first.

        ``lenient`` is for a named speaker's own quotes, where any word in common will do.
        When at least one hit passes the relevance thresholds, the other plausible ones (a
        word of the question, or a cosine over the lower threshold) are ranked beside it.
        """
        terms = set(tokenize(text))
        fragment = _fragment(query.claim, text)
        wanted = description_terms(query.description) if query.description else set()
        # By surname: "Obama" in the question is Barack Obama too, however he was indexed.
        mentioned = {_surname(name) for name in query.mentioned}
        family = family_of(query)
        articles = self.view.articles
        fill_texts(articles[d] for d in {h.meta.doc_id for h in hits} if d in articles)
        relevant: list[Hit] = []
        plausible: list[Hit] = []
        for hit in hits:
            hit.coverage = self.view.lexical.share(terms, self._terms(hit.row))
            hit.context = self._context_coverage(terms, hit)
            hit.exact = bool(fragment) and self._holds(fragment, hit)
            hit.fit = self.fit(wanted, hit) if wanted else 0.0
            hit.mentioned = hit.speaker is not None and _surname(hit.speaker) in mentioned
            hit.echo = self._echo(terms, hit)
            hit.article = self._article_coverage(terms, hit.meta.doc_id)
            hit.pronoun = bool(query.mentioned) and _THIRD_PERSON.search(hit.text) is not None
            signal = signals(query, hit)
            hit.score = self.weights.score(family, signal)
            if self.trace is not None:
                self.trace.append((family, hit, signal))
            if self._relevant(hit, terms, lenient=lenient):
                relevant.append(hit)
            elif query.form == "who" and (
                hit.coverage > 0 or hit.dense >= self.settings.min_similarity_with_terms
            ):
                # Only who said it is asked: the best-supported speaker wins. (An open question
                # weighs its quotes against the narrative by the thresholds alone.)
                plausible.append(hit)
        out = relevant + plausible if relevant else []
        out.sort(key=lambda h: -h.score)
        return out

    def _relevant(self, hit: Hit, terms: set[str], *, lenient: bool) -> bool:
        """Whether a hit is on the question's topic by the settings' thresholds."""
        settings = self.settings
        if lenient:
            return (
                hit.exact
                or hit.coverage > 0
                or hit.context > 0
                or hit.dense >= settings.min_similarity_speaker
                # "What did Pruitt say about Halvorsen?": in a story about her, his words
                # about "she" are about her, though they never name her.
                or (hit.pronoun and hit.article > 0)
            )
        # The words around a quote count as much as its own for being on topic: "Brandt's
        # bridge" is named in the paragraph, rarely in the reply.
        covered = max(hit.coverage, hit.context)
        return (
            hit.exact
            or hit.dense >= settings.min_similarity
            or (hit.dense >= settings.min_similarity_with_terms and covered >= 0.5)
            or (hit.coverage >= 0.75 and len(terms) >= 3)
            # A speaker described as asked, saying something near it.
            or (hit.fit >= FIT_STRONG and (hit.dense >= FIT_MIN_SIMILARITY or covered > 0))
        )

    def verbatim_rows(self, query: Query, text: str) -> list[int]:
        """Return the rows that print the question's words verbatim, however BM25 ranks them.

        "Who said 'turned back 70 trucks from Belarus last week'": among thousands of
        near-identical statements (other numbers, other places), the long answer that holds
        the words scores below shorter ones, in BM25 and in the embedding alike.
        """
        fragment = _fragment(query.claim, text)
        if not fragment:
            return []
        rows = self.view.lexical.rows_with_all(tokenize(fragment), limit=_VERBATIM_CANDIDATES)
        return [r for r in rows if fragment in normalise(self.view.rows[r].text)]

    def described_rows(self, description: str) -> list[int]:
        """Return quotes of the speakers that the passages best matching a description name.

        "Which Sierra Club lawyer said …": BM25 finds the sentences that describe someone so
        ("…, a lawyer for the Sierra Club"); the quotes of each speaker named there become
        candidates even when their words are far from the question's paraphrase.
        """
        # A Russian description also by the English words for its offices.
        scores = self.view.lexical.scores(searchable_description(description))
        if not scores.size:
            return []
        top = top_rows(scores, _DESCRIBED_PASSAGES)
        out: dict[int, None] = {}
        # Speakers whose recorded roles already say most of it ("Democratic Sen." for "Democratic
        # senator from Missouri"), however differently the passages word it ("D-Mo.").
        for fitting in self._fitting_roles(description_terms(description))[:_DESCRIBED_SPEAKERS]:
            out.update((int(q), None) for q in self.view.rows_of(fitting))
        for r in top:
            chunk = self.view.rows[r]
            for q in self.article_quotes(chunk.meta.doc_id):
                speaker = self.view.rows[q].speaker
                if speaker is not None and speaker.split()[-1] in chunk.text:
                    out[q] = None
        return list(out)[:_DESCRIBED_QUOTES]

    def _fitting_roles(self, wanted: set[str]) -> list[str]:
        """Return the speakers whose recorded roles hold ``FIT_STRONG`` of the terms, best first.

        The roles' terms are read once per view (a set per speaker), not once per question.
        """
        if not wanted:
            return []
        if self._role_terms is None:
            registry = self.view.registry
            self._role_terms = {
                name: frozenset().union(*(role_terms(r) for r in registry.roles(name)))
                for name in registry.names()
                if registry.roles(name)
            }
        fits = [(share_known(wanted, terms), name) for name, terms in self._role_terms.items()]
        return [name for share, name in sorted(fits, reverse=True) if share >= FIT_STRONG]

    def quotes_inside(self, passage: Hit) -> list[Hit]:
        """Return the attributed quotes printed inside a passage (unscored), in article order.

        All of them, not the first: "South Korea accused … of 'fanatic recklessness.' President
        Park said …": which one the question means is the ranking's decision.
        """
        meta = passage.meta
        out = []
        for row in self.article_quotes(meta.doc_id):
            chunk = self.view.rows[row]
            start, end = chunk.meta.start, chunk.meta.end
            if chunk.speaker is not None and start < meta.end and meta.start < end:
                quote = self.hit(row, dense=passage.dense)
                if quote.speaker is not None:
                    out.append(quote)
        return out

    def article_quotes(self, doc_id: str) -> list[int]:
        """Return the view rows of an article's attributed quotes, in article order."""
        if self._by_article is None:
            by_article: dict[str, list[int]] = {}
            for row, chunk in enumerate(self.view.rows):
                if chunk.is_quote:
                    by_article.setdefault(chunk.meta.doc_id, []).append(row)
            self._by_article = by_article
        return self._by_article.get(doc_id, [])

    def fit(self, wanted: set[str], hit: Hit) -> float:
        """Return the share of the description's terms in what the article says of the speaker."""
        if not wanted or hit.meta.type != "quote":
            return 0.0
        known: set[str] = set()
        if hit.meta.role:
            known |= role_terms(hit.meta.role)
        if hit.meta.source_kind == "anonymous" and hit.meta.speaker:
            known |= role_terms(hit.meta.speaker)
        if hit.speaker is not None:
            known |= self._profile(hit.speaker, hit.meta.doc_id)
        # A Russian description's names meet an English article's transliterated.
        return share_known(wanted, frozenset(known))

    def _holds(self, fragment: str, hit: Hit) -> bool:
        """Whether a hit holds the user's words, also across the cut between two chunks.

        A long quote is stored in parts; words that straddle a cut are in the paragraph, and
        the part that holds the start or the end of them is theirs.
        """
        text = normalise(hit.text)
        if fragment in text:
            return True
        words = fragment.split()
        if hit.meta.type != "quote" or len(words) < 2 * _EDGE_WORDS:
            return False
        head, tail = " ".join(words[:_EDGE_WORDS]), " ".join(words[-_EDGE_WORDS:])
        if not (text.endswith(head) or text.startswith(tail) or head in text or tail in text):
            return False
        return fragment in normalise(self._paragraph_text(hit.meta.doc_id, hit.meta.paragraph))

    def _paragraph_text(self, doc_id: str, number: int) -> str:
        article = self.view.articles.get(doc_id)
        spans = article.paragraphs if article is not None else []
        if article is None or not 1 <= number <= len(spans):
            return ""
        return article.text[slice(*spans[number - 1])]

    def _terms(self, row: int) -> frozenset[str]:
        cached = self._row_terms.get(row)
        if cached is None:
            cached = self._row_terms[row] = frozenset(tokenize(self.view.rows[row].text))
        return cached

    def _echo(self, terms: set[str], hit: Hit) -> float:
        """The other way round from coverage: the share of the quote's own words in the question.

        "Who called the test reckless, provocative and dangerous?": a three-word quote
        "reckless, provocative, dangerous" is all in the question, though it covers little of
        it. Scaled down for quotes of fewer than three content words ("magic").
        """
        if hit.meta.type != "quote" or not terms:
            return 0.0
        own = self._terms(hit.row)
        if len(own & terms) < 2:
            return 0.0  # one word in common ("bridge") is the topic, not the quote repeated
        return self.view.lexical.share(own, terms) * min(1.0, len(own) / _ECHO_WORDS)

    def _article_coverage(self, terms: set[str], doc_id: str) -> float:
        """Coverage of the question's terms in an article's headline and first paragraph.

        What a story is about is in its headline and lead; a quote deep in it that speaks of
        "she" is about the person they name.
        """
        if not terms:
            return 0.0
        lead = self._leads.get(doc_id)
        if lead is None:
            article = self.view.articles.get(doc_id)
            text = ""
            if article is not None:
                spans = article.paragraphs
                text = " ".join(
                    [article.title or "", article.text[slice(*spans[0])] if spans else ""]
                )
            lead = self._leads[doc_id] = frozenset(tokenize(text))
        return self.view.lexical.share(terms, lead)

    def _context_coverage(self, terms: set[str], hit: Hit) -> float:
        """Coverage of the question's terms in the paragraphs around a quote.

        "Asked about the leave plan, Miller said: 'We don't have the exact legislation'": the
        sentence around a quote says what it is about when the quote alone does not.
        """
        if not terms or hit.meta.type != "quote":
            return 0.0
        key = (hit.meta.doc_id, hit.meta.paragraph)
        paragraph = self._paragraphs.get(key)
        if paragraph is None:
            article = self.view.articles.get(hit.meta.doc_id)
            spans = article.paragraphs if article is not None else []
            number = hit.meta.paragraph
            # The paragraph before often says what the quote answers ("Asked about …").
            text = " ".join(
                article.text[slice(*spans[n - 1])]
                for n in (number - 1, number)
                if article is not None and 1 <= n <= len(spans)
            )
            paragraph = self._paragraphs[key] = frozenset(tokenize(text))
        return self.view.lexical.share(terms, paragraph)

    def _profile(self, speaker: str, doc_id: str) -> frozenset[str]:
        """The speaker's roles and the sentences of this article that name them."""
        key = (speaker, doc_id)
        cached = self._profiles.get(key)
        if cached is not None:
            return cached
        terms: set[str] = set()
        roles = self.view.registry.roles(speaker)
        for role in roles:
            terms |= role_terms(role)
        article = self.view.articles.get(doc_id)
        surname = speaker.split()[-1]
        if article is not None and len(surname) > 2:
            text = article.text
            # The first few mentions introduce a speaker ("…, a former Obama strategist").
            for n, found in enumerate(re.finditer(re.escape(surname), text)):
                if n >= _INTRODUCTIONS:
                    break
                terms |= role_terms(_around(text, found.start(), found.end()))
                if n == 0 and not roles:
                    # No role recorded anywhere: the article may have said who they are just
                    # before naming them ("The head of Sony Pictures Television … indicated as
                    # much in an email. Oz is 'smart as hell,' Steve Mosko wrote").
                    terms |= role_terms(_sentence_before(text, found.start()))
        profile = frozenset(terms)
        self._profiles[key] = profile
        return profile


def family_of(query: Query) -> Family:
    """Return the family of weights a question is ranked with."""
    return "speaker" if query.form in ("speaker", "followup") else "who"


def signals(query: Query, hit: Hit) -> tuple[float, ...]:
    """Return a hit's ranking signals, in the order of ``retrieval.weights.FEATURES``.

    The kind of source counts only for a question that asks who: an open question ("How many
    were detained?") is answered as well by the narrative.
    """
    who = query.form == "who"
    return (
        hit.dense,
        hit.coverage,
        hit.context,
        hit.echo,
        float(hit.exact),
        hit.fit,
        float(hit.mentioned),
        float(who and hit.speaker is None),
        float(who and hit.meta.type == "passage"),
        float(who and hit.meta.kind == "reported"),
        hit.article,
        float(hit.pronoun),
    )


def _surname(name: str) -> str:
    return name.split()[-1].lower()


def _around(text: str, start: int, end: int) -> str:
    """Return the words that introduce a name: a few before it and the apposition after it.

    "Former Pennsylvania Gov. Ed Rendell, who served as …": titles stand just before a name,
    roles just after it; the rest of the sentence is about other things (and people).
    """
    sentence, offset = _sentence_at(text, start)
    # What is said ("…the protesters, said Psaki") is not who says it: stop at the verb.
    before = _after_last_verb(sentence[: start - offset]).split()[-_WORDS_BEFORE:]
    after = _before_first_verb(sentence[end - offset :]).split()[:_WORDS_AFTER]
    return " ".join([*before, *after])


# A set lookup per word, not one regex of hundreds of verbs tried at every word.
def _after_last_verb(text: str) -> str:
    verbs = [m for m in _LETTERS.finditer(text) if m.group().lower() in SPEECH_WORDS]
    return text[verbs[-1].end() :] if verbs else text


def _before_first_verb(text: str) -> str:
    for m in _LETTERS.finditer(text):
        if m.group().lower() in SPEECH_WORDS:
            return text[: m.start()]
    return text


def _sentence_before(text: str, offset: int) -> str:
    """Return the sentence before the one around an offset, within the same paragraph."""
    _, start = _sentence_at(text, offset)
    before = text[:start].rstrip()
    if not before or "\n" in text[len(before) : start]:
        return ""
    sentence, _ = _sentence_at(text, len(before) - 1)
    return sentence


def _sentence_at(text: str, offset: int) -> tuple[str, int]:
    """Return the sentence around an offset and where it starts (bounded, so a run-on page
    costs little)."""
    lo, hi = max(0, offset - 400), min(len(text), offset + 400)
    window = text[lo:hi]
    at = offset - lo
    start = 0
    for boundary in _SENTENCE_END.finditer(window):
        before = window[: boundary.start()].rsplit(None, 1)[-1].rstrip(".").lower()
        if before in ABBREVIATIONS or len(before) == 1:
            continue  # "Former Pennsylvania Gov. Ed Rendell", "Leonard E. Burman"
        if boundary.end() <= at:
            start = boundary.end()
        else:
            return window[start : boundary.start()], lo + start
    return window[start:], lo + start


def _fragment(claim: str | None, search_text: str) -> str:
    """Return the words a user quoted (or, failing that, a long search text), normalised."""
    candidate = normalise(claim or search_text)
    candidate = re.sub(r"^that\s+", "", candidate)
    return candidate if len(candidate.split()) >= (2 if claim else 4) else ""


def contains_claim(claim: str, text: str) -> bool:
    """Whether the quoted words of a question are printed in a text, word for word."""
    return normalise(claim) in normalise(text)


__all__ = ["Ranker", "contains_claim", "normalise"]
