"""The answering chain: query analysis → hybrid retrieval → verification → answer.

Built from LangChain runnables around a ``BaseRetriever``; the answer is extractive and
needs no language model. Each step takes and returns an ``AskState``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from langchain_core.documents import Document
from langchain_core.runnables import Runnable, RunnableLambda

from retrieval import answer as compose
from retrieval.lexical import tokenize
from retrieval.models import Answer, ChatContext, QuoteResult, Source
from retrieval.query import Query, analyse
from retrieval.retriever import HybridRetriever
from retrieval.settings import RetrievalSettings
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
    documents: list[Document] = field(default_factory=list)
    quotes: list[QuoteResult] = field(default_factory=list)
    passages: bool = False
    off_topic: bool = False  # the speaker's best words, none of them on the asked topic


class AnswerChain:
    """The steps of answering one question over a ``CorpusView``."""

    def __init__(
        self, view: CorpusView, retriever: HybridRetriever, settings: RetrievalSettings
    ) -> None:
        self.view = view
        self.retriever = retriever
        self.settings = settings
        self.runnable: Runnable[AskState, Answer] = (
            RunnableLambda(self.analyse, name="analyse")
            | RunnableLambda(self.retrieve, name="retrieve")
            | RunnableLambda(self.verify, name="verify")
            | RunnableLambda(self.respond, name="respond")
        ).with_config(run_name="whosaid")

    # -- steps -----------------------------------------------------------------------------

    def analyse(self, state: AskState) -> AskState:
        """Recognise the question's form, speaker and topic."""
        state.query = analyse(
            state.question,
            self.view.registry,
            last_speaker=state.context.speaker,
            last_topic=state.context.topic,
        )
        logger.debug("query: %s", state.query)
        return state

    def retrieve(self, state: AskState) -> AskState:
        """Find the candidate quotes (or passages) for the analysed question."""
        query = state.query
        assert query is not None
        if query.unknown_speaker is not None or query.needs_context or query.ambiguous:
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
                query.search_text, speaker=query.speaker, quotes_only=True, k=fetch
            )
            state.documents = self._relevant(query.search_text, docs, lenient=True)
            if not state.documents and not query.explicit_topic:
                state.documents = docs
                state.off_topic = True
            return state
        text = query.search_text or state.question
        who = query.form == "who"
        docs = self.retriever.invoke(text, quotes_only=who, k=fetch)
        relevant = self._relevant(text, docs, lenient=False, question=state.question)
        if who and not relevant:
            docs = self.retriever.invoke(text, k=fetch)
            relevant = self._relevant(text, docs, lenient=False, question=state.question)
        quotes = [d for d in relevant if d.metadata.get("type") == "quote"]
        passages = [d for d in relevant if d.metadata.get("type") == "passage"]
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
        """Keep only what is printed, word for word, in its source article."""
        for doc in state.documents:
            meta = doc.metadata
            article = self.view.articles.get(str(meta["doc_id"]))
            if article is None:
                continue
            span = locate(article, doc.page_content, int(meta["start"]), int(meta["end"]))
            if span is None:
                continue
            state.quotes.append(
                QuoteResult(
                    speaker=self.view.rows[int(meta["row"])].speaker if "row" in meta else None,
                    role=meta.get("role"),
                    text=article.text[span[0] : span[1]],
                    kind="passage"
                    if meta.get("type") == "passage"
                    else meta.get("kind", "direct"),
                    source=_source(article, int(meta["paragraph"])),
                    start=span[0],
                    end=span[1],
                    score=float(meta.get("rank_score", meta.get("score", 0.0))),
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
        if not self.view.articles:
            text = compose.EMPTY_INDEX
        elif query.unknown_speaker is not None:
            text = compose.not_found(speaker=query.unknown_speaker)
        elif query.needs_context:
            text = compose.NEEDS_CONTEXT
        elif query.ambiguous:
            text = compose.which_one(query.ambiguous, via_role=query.via_role)
        elif not quotes and query.followup and speaker and not query.topic:
            # "What else did she say?" after everything was shown: she *is* quoted.
            text = compose.nothing_more(speaker, len(self.view.rows_of(speaker)))
        elif not quotes:
            text = compose.not_found(speaker=speaker, topic=query.topic)
        elif state.passages:
            text = compose.summarise_passages()
        elif speaker is not None:
            roles = self.view.registry.roles(speaker)
            text = compose.summarise_speaker(
                speaker,
                quotes,
                None if state.off_topic else query.topic,
                role=roles[0] if roles else None,
            )
            if query.via_role:
                text = f"No quotes from {query.via_role} as such; speaking for it: {text}"
        else:
            text = compose.summarise_who(quotes)
        focus = speaker or (quotes[0].speaker if quotes and not state.passages else None)
        seen = list(state.context.seen) if query.followup else []
        seen += [self.view.rows[int(d.metadata["row"])].id for d in state.documents[: len(quotes)]]
        return Answer(
            question=state.question,
            found=bool(quotes),
            answer=text,
            quotes=quotes,
            speaker=speaker,
            topic=topic,
            context=ChatContext(
                speaker=focus or state.context.speaker,
                topic=topic or state.context.topic,
                seen=seen[-_SEEN_LIMIT:],
            ),
        )

    # -- helpers ---------------------------------------------------------------------------

    def _relevant(
        self, text: str, docs: list[Document], *, lenient: bool, question: str = ""
    ) -> list[Document]:
        terms = set(tokenize(text))
        fragment = _fragment(question, text)
        out = []
        for doc in docs:
            coverage = self.view.lexical.coverage(terms, doc.page_content)
            dense = float(doc.metadata.get("dense", 0.0))
            # The user's own words found verbatim ("Who said 'every family in Baku now
            # spends'?") settle it, whatever the embeddings think.
            exact = bool(fragment) and fragment in _normalise(doc.page_content)
            if lenient:
                keep = exact or coverage > 0 or dense >= self.settings.min_similarity_speaker
            else:
                keep = (
                    exact
                    or dense >= self.settings.min_similarity
                    or (dense >= self.settings.min_similarity_with_terms and coverage >= 0.5)
                    or (coverage >= 0.75 and len(terms) >= 3)
                )
            if keep:
                doc.metadata["rank_score"] = dense + 0.5 * coverage + (1.0 if exact else 0.0)
                out.append(doc)
        out.sort(key=lambda d: -float(d.metadata["rank_score"]))
        return out

    def row_document(self, row: int) -> Document:
        """Return a view row as a document the verify step accepts."""
        chunk = self.view.rows[row]
        return Document(page_content=chunk.text, id=chunk.id, metadata={**chunk.meta, "row": row})


def _clearly_better(passages: list[Document], quotes: list[Document]) -> bool:
    if not passages:
        return False
    if not quotes:
        return True
    best = float(passages[0].metadata["rank_score"])
    return best > float(quotes[0].metadata["rank_score"]) + 0.15


_QUOTED = re.compile(r"[“\"«„‘']([^”\"»“’']{8,})[”\"»“’']")
_PUNCT_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def _normalise(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHES).lower().split())


def _fragment(question: str, search_text: str) -> str:
    """Return the words a user quoted (or, failing that, a long search text), normalised."""
    quoted = _QUOTED.search(question)
    candidate = quoted.group(1) if quoted else search_text
    candidate = _PUNCT_EDGES.sub("", _normalise(candidate))
    candidate = re.sub(r"^that\s+", "", candidate)
    return candidate if len(candidate.split()) >= (2 if quoted else 4) else ""


def _source(article: Any, paragraph: int) -> Source:
    meta = article.metadata
    return Source(
        doc_id=article.doc_id,
        title=meta.get("title"),
        date=meta.get("date"),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        path=article.path,
        paragraph=paragraph,
    )


def new_state(question: str, context: ChatContext | None, limit: int) -> AskState:
    """Start the chain's state for one question."""
    return AskState(question=question, context=context or ChatContext(), limit=limit)


__all__ = ["AnswerChain", "AskState", "new_state"]
