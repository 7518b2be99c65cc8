"""The answering chain: query analysis → hybrid retrieval → verification → answer.

Built from LangChain runnables around a ``BaseRetriever``; the answer is extractive and
needs no language model. Each step takes and returns an ``AskState``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from corpus.attribution.lexicon import NOT_NAME_WORDS
from corpus.language import detect_language
from corpus.speakers import clean_role, name_in_script
from corpus.store import fill_texts
from retrieval import answer as compose
from retrieval.copies import Copies
from retrieval.filters import Scope, ScopeFacts, narrowed
from retrieval.models import Answer, ChatContext, QuoteResult, Source
from retrieval.question import TITLES, Query, analyse
from retrieval.rank import FIT_STRONG, Ranker
from retrieval.records import Hit
from retrieval.retriever import HybridRetriever
from retrieval.settings import RetrievalSettings
from retrieval.texts import wording
from retrieval.verify import locate
from retrieval.view import CorpusView

logger = logging.getLogger(__name__)

_SEEN_LIMIT = 200


@dataclass(slots=True)
class AskState:
    """What flows through the chain."""

    question: str
    context: ChatContext
    limit: int
    query: Query | None = None
    # The candidates, best first (``QAService.quotes_by`` fills it with a speaker's rows).
    documents: list[Hit] = field(default_factory=list)
    quotes: list[QuoteResult] = field(default_factory=list)
    passages: bool = False
    off_topic: bool = False  # the speaker's best words, none of them on the asked topic
    claim_found: bool = False  # a quote holds the words the question put in quotation marks
    language: str = "en"  # of the answer's own words; quotes are shown as printed
    # Each quote's speaker by canonical name (``quotes`` show them in the answer's script).
    canonical: list[str | None] = field(default_factory=list)
    scope: Scope | None = None  # dates and outlets given beside the question (options)


class AnswerChain:
    """The steps of answering one question over a ``CorpusView``."""

    def __init__(
        self, view: CorpusView, retriever: HybridRetriever, settings: RetrievalSettings
    ) -> None:
        self.view = view
        self.retriever = retriever
        self.settings = settings
        self.ranker = Ranker(view, settings)
        self.scope_facts = ScopeFacts.of(view)
        self.copies = Copies(view)
        self.runnable: Runnable[AskState, Answer] = (
            RunnableLambda(self.analyse, name="analyse")
            | RunnableLambda(self.retrieve, name="retrieve")
            | RunnableLambda(self.verify, name="verify")
            | RunnableLambda(self.respond, name="respond")
        ).with_config(run_name="whosaid")

    # -- steps -----------------------------------------------------------------------------

    def analyse(self, state: AskState) -> AskState:
        """Read the question's shape, speaker, description, claim and topic."""
        query = analyse(
            state.question,
            self.view.registry,
            last_speaker=state.context.speaker,
            last_topic=state.context.topic,
            facts=self.scope_facts,
        )
        if query.outcome == "ambiguous" and query.search_text:
            # "What did Burman say about capital gains?" with two Burmans: the topic may
            # settle which one is meant; if it does not, the answer asks back.
            settled = self._settle(query)
            if settled is not None:
                query = replace(query, speaker=settled, ambiguous=())
        if query.outcome == "unknown_speaker" and query.unknown_speaker:
            # "What did John McLenney say?" when the articles quote only "McLenney".
            met = self._by_surname_alone(query.unknown_speaker)
            if met is not None:
                query = replace(query, speaker=met, unknown_speaker=None)
        if state.scope:
            query = replace(query, scope=narrowed(query.scope, state.scope))
        state.query = query
        logger.debug("query: %s", query)
        return state

    def retrieve(self, state: AskState) -> AskState:
        """Find the candidates for the analysed question and rank them (second stage).

        A question limited to some dates or outlets (``Query.scope``) keeps only candidates
        from those articles, whichever search found them.
        """
        state = self._retrieve(state)
        assert state.query is not None
        mask = self.scope_facts.mask(state.query.scope) if state.query.scope else None
        if mask is not None:
            state.documents = [hit for hit in state.documents if mask[hit.row]]
        return state

    def _scoped(self, query: Query) -> dict[str, Any]:
        """Return the retriever's arguments that keep a search within the question's scope."""
        if not query.scope:
            return {}
        return {"scope": self.scope_facts.mask(query.scope), "where": query.scope.where()}

    def _retrieve(self, state: AskState) -> AskState:
        query = state.query
        assert query is not None
        if query.outcome != "search":
            return state
        fetch = max(self.settings.fetch_k, state.limit)
        if query.speaker is not None and not query.search_text:
            seen = set(state.context.seen) if query.followup else set()
            rows = [int(r) for r in self.view.rows_of(query.speaker)]
            state.documents = [
                self.row_document(r) for r in rows if self.view.rows[r].id not in seen
            ]
            return state
        if query.speaker is not None:
            docs = self.retriever.invoke(
                query.search_text,
                speaker=query.speaker,
                quotes_only=True,
                k=fetch,
                **self._scoped(query),
            )
            candidates = self.ranker.hits(docs)
            hits = self.ranker.rank(query, candidates, query.search_text, lenient=True)
            if query.claim is not None:
                state.claim_found = any(h.exact for h in hits)
            elif not hits and not query.explicit_topic:
                hits = candidates
                state.off_topic = True
            state.documents = hits
            return state
        text = query.search_text or state.question
        who = query.form == "who"
        # A short quote ("spiraling out of control.") shares few words with a paraphrase; the
        # passage that prints it does ("Park said Kim's mental state is …"): a who-question
        # takes the best passages too, and puts the quotes inside them in their place below.
        # A question about what was *said* ("What was said about fuel?") ranks quotes among
        # themselves, with the passages beside them, as a who-question does: at 10,000
        # articles short passages that only name the topic ("X commented on fuel.") took
        # every place of a mixed ranking.
        quotes_first = who or query.wants_quotes
        hits = self._search(
            query, text, quotes_only=quotes_first, fetch=fetch,
            passages=fetch if quotes_first else 0,
        )  # fmt: skip
        hits = self._with_verbatim(query, text, hits)
        if query.description:
            hits = self._with_described(query, text, hits, fetch)
        if who:
            hits = self._quotes_for_passages(query, text, hits)
        if who and not any(h.meta.type == "quote" for h in hits):
            hits = self._quotes_for_passages(query, text, self._search(query, text, fetch=fetch))
        if query.described_in_slot:
            # "What did the head of the caucus say?": only a speaker the articles describe so.
            hits = [h for h in hits if h.fit >= FIT_STRONG]
        if query.claim is not None:
            state.claim_found = any(h.exact for h in hits)
        quotes = [h for h in hits if h.meta.type == "quote"]
        passages = [h for h in hits if h.meta.type == "passage"]
        if who and quotes:
            quotes = self._with_rest_of_quote(quotes)
        if quotes and (query.wants_quotes or not _clearly_better(passages, quotes)):
            state.documents = quotes
        else:
            # An open question the narrative answers better than any quote ("How many people
            # were detained?"), or a "who said" that no attributed quote matches: show the
            # passages, cited the same way, and say that nobody is quoted on it.
            state.documents = passages
            state.passages = bool(passages)
        return state

    def verify(self, state: AskState) -> AskState:
        """Keep only what is printed, word for word, in its source article.

        A quote other outlets carried too is shown once, from its earliest copy, the others
        as its ``also`` sources (``retrieval.copies``).
        """
        scope = state.query.scope if state.query is not None else None
        within = self.scope_facts.mask(scope) if scope else None
        shown: set[int] = set()
        for found in state.documents:
            copies = self.copies.of(found.row, within)
            if shown.intersection(copies):
                continue
            shown.update(copies)
            hit = found
            if copies and copies[0] != found.row:
                hit = self.ranker.hit(copies[0])
                hit.score = found.score
            meta = hit.meta
            article = self.view.articles.get(meta.doc_id)
            if article is None:
                continue
            span = locate(article, hit.text, meta.start, meta.end)
            if span is None:
                continue
            anonymous = meta.source_kind in ("anonymous", "document")
            state.canonical.append(hit.speaker)
            state.quotes.append(
                QuoteResult(
                    # Only a named source goes in ``speaker``; an unnamed one is described.
                    speaker=self.shown(hit.speaker, state.language),
                    role=meta.speaker if anonymous else self._role(hit),
                    text=article.text[span[0] : span[1]],
                    kind=meta.kind if meta.kind in _KINDS else "direct",  # type: ignore[arg-type]
                    source_kind=meta.source_kind,
                    source=_source(article, meta.paragraph),
                    start=span[0],
                    end=span[1],
                    score=hit.score,
                    also=[self._copy_source(row) for row in copies[1:]],
                )
            )
            if len(state.quotes) >= state.limit:
                break
        return state

    def respond(self, state: AskState) -> Answer:
        """Write the answer, and the context a follow-up will need."""
        query = state.query
        assert query is not None
        quotes = state.quotes
        speaker = query.speaker
        topic = query.topic or (query.search_text if query.form != "who" else None) or None
        found = bool(quotes)
        words = wording(state.language)
        # The speaker as the answer's language writes them ("Дмитрий Песков" to a Russian
        # question when the articles wrote both); the context keeps the canonical name.
        named = self.shown(speaker, state.language)
        if not self.view.articles:
            text = words.empty_index
        elif query.outcome == "unknown_speaker":
            text = compose.not_found(speaker=query.unknown_speaker, words=words)
        elif query.outcome == "needs_context":
            text = words.needs_context
        elif query.outcome == "ambiguous":
            candidates = [self.shown(c, state.language) or c for c in query.ambiguous]
            text = compose.which_one(candidates, via_role=query.via_role, words=words)
        elif not quotes and query.followup and speaker and named and not query.topic:
            # "What else did she say?" after everything was shown: she *is* quoted.
            text = compose.nothing_more(named, len(self.view.rows_of(speaker)), words=words)
        elif query.claim is not None and not state.claim_found:
            # Words the question takes for granted that nobody (or not this speaker) said.
            text = compose.claim_not_found(
                query.claim, speaker=named, closest=bool(quotes), words=words
            )
            found = False
        elif not quotes and query.described_in_slot:
            text = compose.not_found(speaker=query.description, topic=query.topic, words=words)
        elif not quotes:
            text = compose.not_found(speaker=named, topic=query.topic, words=words)
        elif state.passages:
            text = compose.summarise_passages(words=words)
        elif speaker is not None and named is not None:
            roles = self.view.registry.roles(speaker)
            text = compose.summarise_speaker(
                named,
                quotes,
                None if state.off_topic else query.topic,
                role=roles[0] if roles else None,
                words=words,
            )
            if query.via_role:
                text = compose.speaking_for(query.via_role, text, words=words)
        else:
            threshold = self.settings.min_confident
            if threshold is None:
                threshold = self.ranker.weights.min_confident
            confident = state.claim_found or quotes[0].score >= threshold
            text = compose.summarise_who(quotes, confident=confident, words=words)
        if query.scope:
            text = words.scope_searched.format(text=text, scope=words.describe_scope(query.scope))
        first = state.canonical[0] if state.canonical else None
        focus = speaker or (first if quotes and not state.passages else None)
        seen = list(state.context.seen) if query.followup else []
        seen += [hit.id for hit in state.documents[: len(quotes)]]
        return Answer(
            question=state.question,
            found=found,
            answer=text,
            quotes=quotes,
            speaker=speaker,
            topic=topic,
            language=state.language,
            context=ChatContext(
                speaker=focus or state.context.speaker,
                topic=topic or state.context.topic,
                seen=seen[-_SEEN_LIMIT:],
            ),
        )

    # -- helpers ---------------------------------------------------------------------------

    def _copy_source(self, row: int) -> Source:
        meta = self.view.rows[row].meta
        return _source(self.view.articles[meta.doc_id], meta.paragraph)

    def _role(self, hit: Hit) -> str | None:
        """The speaker's role as this article describes them, else as the articles mostly do.

        The engine stores the words around the name ("appearing after Clinton at the
        forum", "R-Ky."); only the noun phrase that describes the person is shown, as the
        registry reads it.
        """
        own = clean_role(hit.meta.role) if hit.meta.role else None
        if own is not None or hit.speaker is None:
            return own
        roles = self.view.registry.roles(hit.speaker)
        return roles[0] if roles else None

    def _search(
        self, query: Query, text: str, *, fetch: int, quotes_only: bool = False, passages: int = 0
    ) -> list[Hit]:
        docs = self.retriever.invoke(
            text, quotes_only=quotes_only, k=fetch, passages=passages, **self._scoped(query)
        )
        return self.ranker.rank(query, self.ranker.hits(docs), text, lenient=False)

    def _with_verbatim(self, query: Query, text: str, hits: list[Hit]) -> list[Hit]:
        """Add the rows that print the question's words verbatim, wherever the search put them."""
        have = {h.row for h in hits}
        rows = [r for r in self.ranker.verbatim_rows(query, text) if r not in have]
        if not rows:
            return hits
        dense = self.retriever.similarities(text, rows)
        found = [self.ranker.hit(r, dense=dense.get(r, 0.0)) for r in rows]
        extra = self.ranker.rank(query, found, text, lenient=False)
        return sorted(hits + extra, key=lambda h: -h.score)

    def _with_described(self, query: Query, text: str, hits: list[Hit], fetch: int) -> list[Hit]:
        """Add the quotes of speakers described as the question describes them, and re-rank."""
        assert query.description is not None
        rows = self.ranker.described_rows(query.description)
        have = {h.row for h in hits}
        rows = [r for r in rows if r not in have]
        if not rows:
            return hits
        docs = self.retriever.invoke(text, rows=rows, k=fetch, **self._scoped(query))
        # In the speaker's place ("What did the head of X say about Y?") the description
        # decides who, and the topic is read as leniently as for a named speaker.
        lenient = query.described_in_slot
        extra = self.ranker.rank(query, self.ranker.hits(docs), text, lenient=lenient)
        return sorted(hits + extra, key=lambda h: -h.score)

    def _with_rest_of_quote(self, hits: list[Hit]) -> list[Hit]:
        """Follow the best quote with the rest of what its speaker said there.

        A quote split by "he said" is two chunks ("…reeling under pressure from China," and
        "In that sense, it was like pushing on an open door."): the one the paraphrase found
        is first, the others right after it, before anyone else's words.
        """
        top = hits[0]
        if top.speaker is None:
            return hits
        # The article's quotes, not the speaker's: a speaker quoted 2,000 times took 7 ms.
        near = [
            r
            for r in self.ranker.article_quotes(top.meta.doc_id)
            if r != top.row
            and self.view.rows[r].speaker == top.speaker
            and abs(self.view.rows[r].meta.paragraph - top.meta.paragraph) <= 1
        ]
        if not near:
            return hits
        ranked = {h.row: h for h in hits}
        rest = [ranked.get(r) or self.ranker.hit(r) for r in near[:_REST_OF_QUOTE]]
        taken = {top.row, *(h.row for h in rest)}
        return [top, *rest, *(h for h in hits[1:] if h.row not in taken)]

    def _quotes_for_passages(self, query: Query, text: str, hits: list[Hit]) -> list[Hit]:
        """Put the attributed quotes in place of a passage that holds them (they *are* quotes)."""
        inside: dict[int, list[Hit]] = {}
        for hit in hits:
            quotes = self.ranker.quotes_inside(hit) if hit.meta.type == "passage" else []
            if quotes:
                inside[hit.row] = quotes
        if not inside:
            return hits
        # Scored again as what they are: a named speaker's words, not an unattributed passage.
        # A quote is read with the cosine of the passage around it when that is nearer: the
        # sentence that introduces a short or oblique quote often says what it is about
        # ("Kim's mental state is 'spiraling out of control,' Park said").
        ranked = {h.row: h for h in hits if h.meta.type == "quote"}
        found: dict[int, Hit] = {}
        for quotes in inside.values():
            for quote in quotes:
                nearest = found.get(quote.row, ranked.get(quote.row))
                if nearest is None or quote.dense > nearest.dense:
                    found[quote.row] = quote
        rescored = {
            h.row: h for h in self.ranker.rank(query, list(found.values()), text, lenient=True)
        }
        for row, hit in ranked.items():
            rescored.setdefault(row, hit)
        out: dict[int, Hit] = {}
        for hit in hits:
            if hit.row not in inside:
                out.setdefault(hit.row, rescored.get(hit.row, hit))
                continue
            for quote in inside[hit.row]:
                chosen = rescored.get(quote.row)
                if chosen is not None and chosen.row not in out:
                    out[chosen.row] = chosen
        return sorted(out.values(), key=lambda h: -h.score)

    def _settle(self, query: Query) -> str | None:
        best: list[tuple[float, str]] = []
        for name in query.ambiguous:
            docs = self.retriever.invoke(
                query.search_text, speaker=name, quotes_only=True, k=self.settings.fetch_k
            )
            hits = self.ranker.rank(query, self.ranker.hits(docs), query.search_text, lenient=True)
            best.append((hits[0].score if hits else 0.0, name))
        best.sort(reverse=True)
        if best and best[0][0] > 0 and best[0][0] - best[1][0] >= SETTLE_MARGIN:
            return best[0][1]
        return None

    def _by_surname_alone(self, name: str) -> str | None:
        """Return the speaker indexed under a full name's surname alone, if it can only be them.

        Only a person quoted by surname alone, in articles that write that surname with this
        first name and with no other: "Chelsea Clinton" never meets a bare "Clinton" quoted
        in articles that also name Hillary Clinton.
        """
        words = [w for w in name.split() if w.lower().strip(".") not in TITLES]
        if len(words) < 2:
            return None
        first, surname = words[0], words[-1]
        registry = self.view.registry
        bare = [n for n in registry.names() if n.lower() == surname.lower()]
        if len(bare) != 1 or registry.kind(bare[0]) != "person":
            return None
        before = re.compile(r"\b([A-Z][\w'’-]*)\.?\s+" + re.escape(surname) + r"\b")
        docs = {self.view.rows[int(r)].meta.doc_id for r in self.view.rows_of(bare[0])}
        articles = [self.view.articles[d] for d in docs if d in self.view.articles]
        fill_texts(articles)
        firsts: set[str] = set()
        for article in articles:
            firsts |= {
                w.lower()
                for w in before.findall(article.text)
                if w.lower() not in TITLES and w.lower() not in NOT_NAME_WORDS
            }
        return bare[0] if firsts == {first.lower()} else None

    def shown(self, name: str | None, language: str) -> str | None:
        """A speaker's name in the script of a language, when an article wrote it so."""
        if name is None or self.view.registry.kind(name) != "person":
            return name
        return name_in_script(self.view.registry, name, language) or name

    def row_document(self, row: int) -> Hit:
        """Return a view row as a candidate the verify step accepts."""
        return self.ranker.hit(row)


_REST_OF_QUOTE = 2  # chunks of the best quote's paragraph (and the next) shown after it
SETTLE_MARGIN = 0.25  # how much better one namesake's best quote must be to settle who is meant
_KINDS = frozenset({"direct", "reported", "interview", "question", "post", "passage"})


def _clearly_better(passages: list[Hit], quotes: list[Hit]) -> bool:
    if not passages:
        return False
    if not quotes:
        return True
    return passages[0].score > quotes[0].score + 0.15


def _source(article: Any, paragraph: int) -> Source:
    return Source(
        doc_id=article.doc_id,
        title=article.title,
        date=article.date,
        url=article.url,
        outlet=article.outlet,
        path=article.path,
        paragraph=paragraph,
    )


def new_state(
    question: str,
    context: ChatContext | None,
    limit: int,
    scope: Scope | None = None,
    *,
    language: str | None = None,
) -> AskState:
    """Start the chain's state for one question (``scope``: options' dates and outlets),
    answered in ``language`` (default: the question's own)."""
    return AskState(
        question=question,
        context=context or ChatContext(),
        limit=limit,
        scope=scope,
        language=language or detect_language(question),
    )


__all__ = ["AnswerChain", "AskState", "new_state"]
