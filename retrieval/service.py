"""The question-answering service: the one object the front ends talk to."""

from __future__ import annotations

import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from langchain_core.embeddings import Embeddings

from corpus.embeddings import make_embeddings
from corpus.errors import CorpusError
from corpus.ingest import ingest
from corpus.store import Store, open_store
from retrieval.chain import AnswerChain, new_state
from retrieval.errors import IndexUnavailableError, QuestionError
from retrieval.models import (
    Answer,
    ChatContext,
    IngestSummary,
    Source,
    SourceSummary,
    SpeakerSummary,
)
from retrieval.retriever import HybridRetriever
from retrieval.settings import RetrievalSettings
from retrieval.view import CorpusView

logger = logging.getLogger(__name__)


class QAService:
    """Answer questions over the indexed corpus; also lists, pages and re-ingests it.

    Thread-safe: answers may run in worker threads while an ingest refreshes the view.
    """

    def __init__(self, settings: RetrievalSettings, store: Store, embeddings: Embeddings) -> None:
        self.settings = settings
        self.store = store
        self.embeddings = embeddings
        self._lock = threading.RLock()
        self._chain: AnswerChain
        self.refresh()

    @property
    def corpus_dir(self) -> Path:
        """Directory of the default corpus (where uploaded articles are saved)."""
        return self.settings.articles_dir

    @property
    def view(self) -> CorpusView:
        """The committed state currently answered from."""
        return self._chain.view

    def refresh(self) -> None:
        """Reload the committed state of the store (after an ingest elsewhere, say)."""
        settings = self.settings
        where = settings.chroma_host or settings.chroma_path.resolve()
        view = CorpusView.load(
            self.store,
            cache_dir=settings.data_dir / "cache",
            scope=f"{where}:{settings.chroma_port}:{settings.collection_prefix}",
        )
        retriever = HybridRetriever(
            store=self.store, view=view, embeddings=self.embeddings, fetch_k=self.settings.fetch_k
        )
        chain = AnswerChain(view, retriever, self.settings)
        with self._lock:
            self._chain = chain

    def is_empty(self) -> bool:
        """Whether no article is indexed."""
        return not self.view.articles

    def ask(
        self, question: str, *, context: ChatContext | None = None, limit: int | None = None
    ) -> Answer:
        """Answer a question with verbatim, cited quotes (or say that nothing was found)."""
        text = " ".join(question.split())
        if not text:
            raise QuestionError("Please ask a question, e.g. “Who said …?”")
        if len(text) > self.settings.max_question_chars:
            raise QuestionError(
                f"That question is {len(text):,} characters long; please keep it under "
                f"{self.settings.max_question_chars:,}."
            )
        chain = self._chain
        state = new_state(text, context, limit or self.settings.answer_quotes)
        answer: Answer = chain.runnable.invoke(state)
        answer.question = question
        return answer

    def quotes_by(self, name: str, *, offset: int = 0, limit: int = 5) -> Answer:
        """Return one page of a speaker's quotes, in document order."""
        view = self.view
        canonical = view.registry.canonical(name.strip()) if name.strip() else None
        if canonical is None:
            return Answer(
                question=name, found=False, answer=f"No quotes from {name} in the corpus."
            )
        rows = [int(r) for r in view.rows_of(canonical)]
        page = rows[offset : offset + limit]
        state = new_state(name, None, max(1, len(page)))
        state.documents = [self._chain.row_document(r) for r in page]
        quotes = self._chain.verify(state).quotes
        total = len(rows)
        shown = f"{offset + 1}–{offset + len(page)} of {total}" if page else f"none of {total}"
        return Answer(
            question=name,
            found=bool(quotes),
            answer=f"Quotes from {canonical}: {shown}.",
            quotes=quotes,
            speaker=canonical,
            context=ChatContext(speaker=canonical),
        )

    def speakers(self) -> list[SpeakerSummary]:
        """Return every quoted speaker, most quoted first."""
        view = self.view
        quotes: Counter[str] = Counter()
        articles: dict[str, set[str]] = defaultdict(set)
        for row in view.rows:
            if row.speaker is not None and int(row.meta.get("part", 0)) == 0:
                quotes[row.speaker] += 1
                articles[row.speaker].add(str(row.meta["doc_id"]))
        return [
            SpeakerSummary(
                name=name,
                roles=view.registry.roles(name),
                aliases=view.registry.aliases(name),
                quote_count=count,
                article_count=len(articles[name]),
            )
            for name, count in sorted(quotes.items(), key=lambda kv: (-kv[1], kv[0]))
        ]

    def sources(self) -> list[SourceSummary]:
        """Return the indexed articles, newest first."""
        out = [
            SourceSummary(
                doc_id=a.doc_id,
                title=a.metadata.get("title"),
                date=a.metadata.get("date"),
                url=a.metadata.get("url"),
                outlet=a.metadata.get("outlet"),
                path=a.path,
                paragraph_count=int(a.metadata.get("paragraph_count", 0)),
                quote_count=int(a.metadata.get("quote_count", 0)),
            )
            for a in self.view.articles.values()
        ]
        return sorted(out, key=lambda s: (s.date or "", s.title or ""), reverse=True)

    def paragraph_text(self, source: Source) -> str:
        """Return the full paragraph behind a citation ("" when it is no longer indexed)."""
        article = self.view.articles.get(source.doc_id)
        if article is None:
            return ""
        spans = article.paragraphs
        if not 1 <= source.paragraph <= len(spans):
            return ""
        start, end = spans[source.paragraph - 1]
        return article.text[start:end]

    def ingest(
        self, paths: Sequence[Path] | None = None, *, progress: bool = False
    ) -> IngestSummary:
        """Ingest files or directories (default: the corpus directory), then refresh."""
        targets = list(paths) if paths else [self.corpus_dir]
        with self._lock:
            try:
                report = ingest(
                    targets,
                    store=self.store,
                    batch_articles=self.settings.ingest_batch_articles,
                    progress=progress,
                )
            except CorpusError as exc:
                raise IndexUnavailableError(str(exc)) from exc
            if report.changed:
                self.refresh()
        return IngestSummary(
            added=len(report.added),
            updated=len(report.updated),
            unchanged=len(report.unchanged),
            removed=len(report.removed),
            skipped=[str(e) for e in report.skipped],
            quotes=report.quotes,
            speakers=len(report.speakers),
        )

    def close(self) -> None:
        """Release the store (the embedded client closes with the process)."""
        logger.debug("service closed")


def open_service(
    settings: RetrievalSettings, *, embeddings: Embeddings | None = None
) -> QAService:
    """Load the embedding model, open the store, and read the committed index."""
    try:
        embeddings = embeddings or make_embeddings(settings)
        store = open_store(settings, embeddings)
        return QAService(settings, store, embeddings)
    except CorpusError as exc:
        raise IndexUnavailableError(str(exc)) from exc
