"""The question-answering service: the one object the front ends talk to.

One error boundary, mapping only the failures it knows: the corpus package's errors (store,
model, disk), already one line from ``corpus.store``'s mapper, become
:class:`IndexBusyError`, :class:`IndexDamagedError` or :class:`IndexUnavailableError`
(:func:`translate`). Anything else is a bug and propagates as it is, to the front end's
unexpected-error path (a traceback in the log, the generic apology), never disguised as an
index failure.

Answers follow committed ingests from any process: each public read first compares the
index's commit stamp (one ``stat`` of a file ingest rewrites) with the one its view was
loaded at, and reloads the view when another process has committed since, reopening the
store on the current index (after ``whosaid ingest --rebuild``, a new one). The store it
replaced is closed once no call is running on it, and the old index is removed when no
process reads it any more (``corpus.indexes``).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from corpus.attribution.lexicon import ABBREVIATIONS
from corpus.chunks import sentence_spans
from corpus.embeddings import CachedQueryEmbeddings, make_embeddings
from corpus.errors import CorpusError, EmbeddingError, StoreBusyError, StoreDamagedError
from corpus.language import detect_language
from corpus.store import Store, open_store
from retrieval.corrections import corrections_stamp, read_corrections
from retrieval.errors import (
    IndexBusyError,
    IndexDamagedError,
    IndexUnavailableError,
    QuestionError,
    RetrievalError,
)
from retrieval.models import (
    Answer,
    ChatContext,
    IngestSummary,
    QuoteResult,
    Source,
    SourceSummary,
    SpeakerSummary,
)
from retrieval.settings import RetrievalSettings
from retrieval.texts import wording

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from retrieval.chain import AnswerChain
    from retrieval.filters import Scope
    from retrieval.verdicts import Copy, Verdict
    from retrieval.view import CorpusView

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def translate(exc: CorpusError) -> RetrievalError:
    """Map a failure of the corpus package into the documented tree (one line, no secret)."""
    if isinstance(exc, StoreBusyError):
        return IndexBusyError(str(exc))
    if isinstance(exc, StoreDamagedError):
        return IndexDamagedError(str(exc))
    return IndexUnavailableError(str(exc))


def _boundary(
    method: Callable[Concatenate[IndexService, P], R],
) -> Callable[Concatenate[IndexService, P], R]:
    """Turn the corpus package's failures into ``retrieval.errors``; let bugs through."""

    @functools.wraps(method)
    def run(self: IndexService, /, *args: P.args, **kwargs: P.kwargs) -> R:
        self._enter()
        try:
            return method(self, *args, **kwargs)
        except CorpusError as exc:
            logger.debug("%s failed", method.__name__, exc_info=True)
            raise translate(exc) from exc
        finally:
            self._leave()

    return run


def clean_question(question: object, max_chars: int, *, language: str | None = None) -> str:
    """Return the question as one line of text, or say why it cannot be asked.

    Control and format characters become spaces; a lone surrogate (from a broken
    terminal or client) is refused, since no tokenizer can read one. The reason is given in
    ``language``, else in the question's own.

    Raises:
        QuestionError: Not text, empty, too long, or holding a lone surrogate.
    """
    words = wording(language or (detect_language(question) if isinstance(question, str) else None))
    if not isinstance(question, str):
        raise QuestionError(words.not_text)
    if len(question) > 4 * max_chars:  # refuse before doing any work on a huge input
        raise QuestionError(
            words.too_long.format(length=f"{len(question):,}", limit=f"{max_chars:,}")
        )
    try:
        question.encode("utf-8")
    except UnicodeEncodeError:
        raise QuestionError(words.not_valid_text) from None
    # Composed (NFC), as the names of the index are (corpus.normal): "Cle\u0301o" is "Cléo".
    question = unicodedata.normalize("NFC", question)
    visible = "".join(" " if unicodedata.category(ch) in {"Cc", "Cf"} else ch for ch in question)
    text = " ".join(visible.split())
    if not text:
        raise QuestionError(words.no_question)
    if len(text) > max_chars:
        raise QuestionError(words.too_long.format(length=f"{len(text):,}", limit=f"{max_chars:,}"))
    return text


# Quotation marks that open and close: a sentence end between them is the quoted words'.
_OPENING, _CLOSING = "“«„", "”»“"


def the_question(text: str) -> str:
    """Return the question a message asks, without the sentences before it that ask nothing.

    "Hi. Who said …?", "Quick question. Who said …?": a greeting or a remark before the
    question would otherwise be read as part of it (its speaker slot would take "Hi. Who").
    The question starts at the first sentence ending with a question mark; the sentences
    before it, ending with a full stop or an exclamation mark, are dropped. A full stop after a
    title ("Sen. Warren") or inside quotation marks (“Who said "We won. They lost"?”) ends no
    sentence.
    """
    starts = [0]
    for start, _ in sentence_spans(text, 0, len(text))[1:]:
        before = text[:start]
        last = before.rstrip().rstrip(".").rsplit(None, 1)[-1:]
        if last and last[0].lower() in ABBREVIATIONS:
            continue
        if before.count('"') % 2 or sum(before.count(c) for c in _OPENING) > sum(
            before.count(c) for c in _CLOSING if c not in _OPENING
        ):
            continue
        starts.append(start)
    ends = [*starts[1:], len(text)]
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if text[start:end].rstrip().rstrip("”»\"'’) ").endswith("?"):
            return text[start:] if number else text
    return text


class IndexService:
    """Answer questions over the indexed corpus; also lists, pages and re-ingests it (the
    :class:`retrieval.protocol.QAService` the front ends use).

    Thread-safe: answers may run in worker threads while an ingest refreshes the view.
    """

    def __init__(self, settings: RetrievalSettings, store: Store, embeddings: Embeddings) -> None:
        self.settings = settings
        self.store = store
        self.embeddings = embeddings
        self._lock = threading.RLock()
        self._chain: AnswerChain
        self._stamp: tuple[int, int] | None = None
        self._corrections: tuple[int, int] | None = None
        # Stores replaced after a commit elsewhere, closed once no call runs (``_leave``).
        self._retired: list[Store] = []
        self._running = 0
        self._running_lock = threading.Lock()
        self.refresh()

    @property
    def corpus_dir(self) -> Path:
        """Directory of the default corpus (where uploaded articles are saved)."""
        return self.settings.articles_dir

    @property
    def view(self) -> CorpusView:
        """The committed state currently answered from."""
        return self._chain.view

    def _current(self) -> AnswerChain:
        """Return the chain over the latest committed state, reloading it if it changed.

        A change this service did not make (an ingest in another process) also reopens the
        store: the embedded client's in-memory vector index would still hold the old
        chunks, and after a rebuild the current index is another one. Calls still running
        on the replaced store finish on it; it is closed when the last of them ends.
        """
        if self.store.commit_stamp() != self._stamp:
            with self._lock:
                if self.store.commit_stamp() != self._stamp:
                    logger.info("the index changed in another process; reloading")
                    replacement = self.store.reopened()
                    self._retired.append(self.store)
                    self.store = replacement
                    self.refresh()
        elif corrections_stamp(self.settings.data_dir) != self._corrections:
            self.refresh()  # corrections made elsewhere (the CLI, a hand edit)
        return self._chain

    def current_chain(self) -> AnswerChain:
        """Return the answering chain over the latest committed state (reloaded if needed)."""
        return self._current()

    def _enter(self) -> None:
        with self._running_lock:
            self._running += 1

    def _leave(self) -> None:
        with self._running_lock:
            self._running -= 1
            retired = self._retired if self._running == 0 else []
            if retired:
                self._retired = []
        for store in retired:
            store.close()
        if retired:
            self.store.collect()  # the old index goes once no process reads it

    @_boundary
    def refresh(self) -> None:
        """Reload the committed state of the store (after an ingest elsewhere, say)."""
        # Imported here, not at the top: LangChain takes a second or more to import, and
        # ``open_service`` gets here while the embedding model is still loading.
        from retrieval.chain import AnswerChain
        from retrieval.retriever import HybridRetriever
        from retrieval.view import CorpusView

        stamp = self.store.commit_stamp()  # before reading: a commit during the load reloads
        settings = self.settings
        index = self.store.index
        where = settings.chroma_host or index.chroma_path.resolve()
        fixed = corrections_stamp(settings.data_dir)
        view = CorpusView.load(
            self.store,
            cache_dir=index.view_dir,
            scope=f"{where}:{settings.chroma_port}:{settings.collection_prefix}:{index.name}",
            corrections=read_corrections(settings.data_dir),
        )
        retriever = HybridRetriever(
            store=self.store, view=view, embeddings=self.embeddings, fetch_k=self.settings.fetch_k
        )
        chain = AnswerChain(view, retriever, self.settings)
        with self._lock:
            self._chain = chain
            self._stamp = stamp
            self._corrections = fixed

    @_boundary
    def follow(self) -> None:
        """Reload if another process committed, letting go of an index a rebuild replaced.

        Every answer does this first; a front end that may sit idle calls it now and then,
        so an old index is not kept on disk until the next question.
        """
        self._current()

    @_boundary
    def is_empty(self) -> bool:
        """Whether no article is indexed."""
        return not self._current().view.articles

    @_boundary
    def ask(
        self,
        question: str,
        *,
        context: ChatContext | None = None,
        limit: int | None = None,
        scope: Scope | None = None,
        language: str | None = None,
    ) -> Answer:
        """Answer a question with verbatim, cited quotes (or say that nothing was found).

        ``scope`` limits the answer to some dates and outlets (see :meth:`scope`), besides
        any the question names. The answer's own words, and speakers' names where the
        articles wrote them so, are in ``language`` (default: the question's); quotes are
        always as printed.

        Raises:
            QuestionError: The question is empty, too long or not valid text.
            IndexUnavailableError: The index cannot be read (or a subclass saying why).
        """
        from retrieval.chain import new_state  # loaded by ``refresh`` already

        text = the_question(
            clean_question(question, self.settings.max_question_chars, language=language)
        )
        chain = self._current()
        state = new_state(
            text, context, limit or self.settings.answer_quotes, scope, language=language
        )
        answer: Answer = chain.runnable.invoke(state)
        answer.question = question
        return answer

    @_boundary
    def quotes_by(
        self,
        name: str,
        *,
        offset: int = 0,
        limit: int = 5,
        scope: Scope | None = None,
        language: str | None = None,
    ) -> Answer:
        """Return one page of a speaker's quotes, in document order (within ``scope``).

        The name may be written in either script and, in Russian, in any case ("Пескова");
        the page is described in ``language`` (default: the name's).
        """
        name = (
            clean_question(name, self.settings.max_question_chars, language=language)
            if name.strip()
            else ""
        )
        language = language or detect_language(name)
        words = wording(language)
        offset, limit = max(0, offset), max(1, limit)
        chain = self._current()
        view = chain.view
        canonical = _speaker_named(view, name.strip())
        if canonical is None:
            return Answer(
                question=name,
                found=False,
                answer=words.no_quotes_from.format(speaker=name),
                language=language,
            )
        rows = [int(r) for r in view.rows_of(canonical)]
        mask = chain.scope_facts.mask(scope) if scope else None
        if mask is not None:
            rows = [r for r in rows if mask[r]]
        page = rows[offset : offset + limit]
        from retrieval.chain import new_state  # loaded by ``refresh`` already

        state = new_state(name, None, max(1, len(page)), language=language)
        state.documents = [chain.row_document(r) for r in page]
        quotes = chain.verify(state).quotes
        total = len(rows)
        if page:
            shown = words.page_range.format(first=offset + 1, last=offset + len(page), total=total)
        else:
            shown = words.page_none.format(total=total)
        return Answer(
            question=name,
            found=bool(quotes),
            answer=words.page.format(
                speaker=chain.shown(canonical, language),
                shown=shown,
                scope=words.in_scope.format(scope=words.describe_scope(scope)) if scope else "",
            ),
            quotes=quotes,
            speaker=canonical,
            language=language,
            context=ChatContext(speaker=canonical),
        )

    @_boundary
    def scope(
        self, *, since: str | None = None, until: str | None = None, outlet: str | None = None
    ) -> Scope | None:
        """Return the scope options describe ("2022-01-01", "January 2022", "Reuters", "@name").

        Raises:
            QuestionError: A date cannot be read.
        """
        from retrieval.filters import scope_of

        facts = self._current().scope_facts
        return scope_of(since=since, until=until, outlet=outlet, facts=facts)

    @_boundary
    def canonical_speaker(self, name: str, *, kind: str | None = None) -> str | None:
        """Return the speaker a name means, as the registry knows them (of this kind, if
        given: "person", "organisation"), or None."""
        registry = self._current().view.registry
        canonical = registry.canonical(name.strip()) if name.strip() else None
        if canonical is None or (kind is not None and registry.kind(canonical) != kind):
            return None
        return canonical

    @_boundary
    def speakers(self, *, language: str | None = None) -> list[SpeakerSummary]:
        """Return every quoted speaker, most quoted first.

        With ``language``, a person is named in its script where an article wrote the name
        so ("Дмитрий Песков" for "ru"); every other form is among the aliases.
        """
        chain = self._current()
        view = chain.view
        quotes: Counter[str] = Counter()
        articles: dict[str, set[str]] = defaultdict(set)
        for row in view.rows:
            if row.speaker is not None and row.meta.part == 0:
                quotes[row.speaker] += 1
                articles[row.speaker].add(row.meta.doc_id)
        return [
            SpeakerSummary(
                name=(chain.shown(name, language) or name) if language else name,
                roles=view.registry.roles(name),
                aliases=view.registry.aliases(name),
                quote_count=count,
                article_count=len(articles[name]),
            )
            for name, count in sorted(quotes.items(), key=lambda kv: (-kv[1], kv[0]))
        ]

    @_boundary
    def sources(self) -> list[SourceSummary]:
        """Return the indexed articles, newest first."""
        out = [
            SourceSummary(
                doc_id=a.doc_id,
                title=a.title,
                date=a.date,
                url=a.url,
                outlet=a.outlet,
                path=a.path,
                paragraph_count=a.paragraph_count,
                quote_count=a.quote_count,
            )
            for a in self._current().view.articles.values()
        ]
        return sorted(out, key=lambda s: (s.date or "", s.title or ""), reverse=True)

    @_boundary
    def check(
        self,
        text: str,
        *,
        speaker: str | None = None,
        history: bool = False,
        scope: Scope | None = None,
        post: bool = False,
        language: str | None = None,
    ) -> list[Verdict]:
        """Give each claim of a text its verdict with proof (``retrieval.check``)."""
        from retrieval.check import check_text

        return check_text(
            self, text, speaker=speaker, history=history, scope=scope, post=post, language=language
        )

    @_boundary
    def quote(self, qid: str) -> QuoteResult | None:
        """Return the quote with this short id, verified against its source, or None."""
        from retrieval.quote_ids import find_quote

        return find_quote(self, qid)

    @_boundary
    def history(self, qid: str) -> list[Copy]:
        """Every printing of the quote ``qid``, earliest first (``retrieval.check``)."""
        from retrieval.check import history_of

        return history_of(self, qid)

    @_boundary
    def paragraph_text(self, source: Source) -> str:
        """Return the full paragraph behind a citation ("" when it is no longer indexed)."""
        article = self._current().view.articles.get(source.doc_id)
        if article is None:
            return ""
        spans = article.paragraphs
        if not 1 <= source.paragraph <= len(spans):
            return ""
        start, end = spans[source.paragraph - 1]
        return article.text[start:end]

    @_boundary
    def ingest(
        self,
        paths: Sequence[Path] | None = None,
        *,
        progress: bool = False,
        on_article: Callable[[int], None] | None = None,
    ) -> IngestSummary:
        """Ingest files or directories (default: the corpus directory), then refresh.

        ``on_article`` is told the number of articles read so far (progress messages).

        Raises:
            IndexBusyError: Another ingest is running on this index.
            IndexDamagedError: The index could not be read back; rebuild it.
            IndexUnavailableError: Any other store failure (what was committed is kept).
        """
        # Here, not at the top: the quote engine and the loaders are an ingest's, and a
        # process that only answers never imports them.
        from corpus.ingest import ingest

        targets = list(paths) if paths else [self.corpus_dir]
        if not self.store.rebuilding:
            self._current()  # write the index readers use now, not one a rebuild replaced
        with self._lock:
            try:
                report = ingest(
                    targets,
                    store=self.store,
                    batch_articles=self.settings.ingest_batch_articles,
                    progress=progress,
                    max_file_bytes=self.settings.max_file_bytes,
                    on_article=on_article,
                )
                self.store.publish()  # a rebuild's index becomes the current one
                self.store.collect()  # and indexes nobody reads (a killed rebuild's) go
            except BaseException:
                if self.store.rebuilding:
                    self.store.close()  # the current index stays as it was
                raise
            finally:
                if self.store.commit_stamp() != self._stamp:
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
        """Let go of the index (and of any replaced one): the service is not used after this.

        A rebuild that was never published is discarded.
        """
        with self._running_lock:
            retired, self._retired = self._retired, []
        for store in [*retired, self.store]:
            store.close()
        logger.debug("service closed")


def open_service(
    settings: RetrievalSettings,
    *,
    embeddings: Embeddings | None = None,
    rebuild: bool = False,
) -> IndexService:
    """Load the embedding model, open the store, and read the committed index.

    Args:
        settings: Where the index is, and how to answer.
        embeddings: The embedding model (default: the one the settings name).
        rebuild: Open a new, empty index beside the current one (which is not even opened,
            so one too damaged to open can be rebuilt): ``ingest`` fills it from the article
            files and then makes it the current index, for this and every other process;
            until then, and if the ingest fails, readers keep the current index.

    Raises:
        IndexBusyError: ``rebuild`` while an ingest is running.
        IndexDamagedError: The index is damaged; open it with ``rebuild``.
        IndexUnavailableError: The model or the store cannot be loaded or reached.
    """
    store: Store | None = None
    model: CachedQueryEmbeddings | None = None
    try:
        # The model loads in a thread while Chroma and LangChain are imported and the store
        # and the view are opened: start-up takes the longer of the two, not their sum.
        if embeddings is None:
            embeddings = model = make_embeddings(settings, background=True)
        store = open_store(settings, embeddings, rebuild=rebuild)
        service = IndexService(settings, store, embeddings)
        if model is not None:
            _model_ready(model)  # a missing or altered model fails the opening, as before
        return service
    except BaseException as exc:
        if store is not None:
            store.close()  # its lease, and a rebuild's lock and unfinished index
        if model is not None:
            _settle(model)
        if isinstance(exc, CorpusError):
            raise translate(exc) from exc
        raise


def _settle(model: CachedQueryEmbeddings) -> None:
    """Wait for the model's loading thread to finish, whatever it ends with.

    The process must not exit while that thread is inside onnxruntime building its session:
    a daemon thread that wakes up during interpreter shutdown is ended with
    ``pthread_exit``, whose unwinding through the C++ frames calls ``std::terminate``
    ("terminate called without an active exception", exit 134 instead of the error's own
    status). So a failure to open the store waits for the model before it is reported.
    """
    with contextlib.suppress(Exception):
        model.ready()


def _speaker_named(view: CorpusView, name: str) -> str | None:
    """The one speaker a name means: as the registry reads it, else in any grammatical case
    and either script ("Пескова", "Peskov" for "Дмитрий Песков")."""
    if not name:
        return None
    canonical = view.registry.canonical(name)
    if canonical is not None:
        return canonical
    from corpus.speakers import speaker_candidates

    found = speaker_candidates(view.registry, name)
    return found[0] if len(found) == 1 else None


def _model_ready(model: CachedQueryEmbeddings) -> None:
    """Wait for the model; a model file that cannot be read is the model's failure."""
    try:
        model.ready()
    except OSError as exc:
        raise EmbeddingError(f"cannot read the embedding model: {exc}") from exc
