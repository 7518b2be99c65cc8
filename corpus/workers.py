"""Parse and embed articles in other processes, while one writer commits them in order.

An ingest's work is the quote engine (spaCy's NER, the parser, attribution) and the model;
both are per article and independent, so they run in worker processes: local ones
(``concurrent.futures.ProcessPoolExecutor``), or the workers of a Dask cluster on other
machines (``corpus.cluster``). Either way the ingesting process stays the one writer: it
holds the write lock, hands articles out, takes the results back in the order it handed them
out, and commits them as one worker would have (same chunks, same order, same commits).

At most :attr:`Workers.inflight` articles are out at a time, so memory stays flat however
large the corpus; each worker loads the engine and the model once and keeps them.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from corpus.chunks import Chunk, make_chunks
from corpus.embeddings import runtime_of
from corpus.generation import generation
from corpus.models import Article, ParsedArticle

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

logger = logging.getLogger(__name__)


def available_cores() -> int:
    """Return how many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class Prepared:
    """What a worker made of one article: its quotes, chunks and their vectors, or why not."""

    parsed: ParsedArticle | None
    chunks: list[Chunk] = field(default_factory=list)
    vectors: list[list[float]] = field(default_factory=list)
    failure: str | None = None  # why the quote engine failed, as the ingest's report says it


@dataclass(frozen=True)
class Workers:
    """How an ingest farms out its articles.

    ``embeddings`` builds the model in each worker (it is pickled to them: a settings-bound
    factory, or a class; ``corpus.embeddings`` loads a model once per process).
    ``executor`` makes the pool (default: local processes); the ``count`` workers get
    ``inflight`` articles at most between them. The first ``start_after`` articles are parsed
    in the ingesting process itself: an upload of a few files never waits for processes to
    start.
    """

    count: int
    embeddings: Callable[[], Embeddings]
    executor: Callable[[int], Executor] | None = None
    start_after: int = 16

    @property
    def inflight(self) -> int:
        """How many articles may be out at once."""
        return 8 * self.count

    def open(self) -> Executor:
        """Start the pool."""
        if self.executor is not None:
            return self.executor(self.count)
        return ProcessPoolExecutor(
            max_workers=self.count,
            # Not fork: the ingesting process runs threads (the writer, Chroma's, the model's).
            mp_context=multiprocessing.get_context("spawn"),
        )


def prepare(article: Article, embeddings: Callable[[], Embeddings]) -> Prepared:
    """Parse one article, chunk it and embed its chunks (run in a worker process)."""
    from corpus.ingest import engine_failure, parse_article

    try:
        parsed = parse_article(article)
    except Exception as exc:  # one file's failure must not stop the others
        logger.debug("the quote engine failed on %s", article.path, exc_info=True)
        return Prepared(None, failure=engine_failure(article, exc))
    # Built per article but loaded once per process: ``corpus.embeddings`` caches the model.
    model = embeddings()
    # The generation names the model, as the writer's store does (the same settings built both).
    chunks = make_chunks(parsed, generation(parsed.article, runtime_of(model)))
    vectors = model.embed_documents([c.text for c in chunks]) if chunks else []
    return Prepared(parsed, chunks, [list(map(float, v)) for v in vectors])


class Farm:
    """Articles handed out to workers and taken back in the order they were handed out."""

    def __init__(self, workers: Workers) -> None:
        self.workers = workers
        self._executor: Executor | None = None
        self._out: deque[tuple[Any, Future[Prepared]]] = deque()

    def submit(self, article: Article, tag: Any) -> None:
        """Hand an article out; ``tag`` comes back with its result."""
        if self._executor is None:
            self._executor = self.workers.open()
        self._out.append((tag, self._executor.submit(prepare, article, self.workers.embeddings)))

    def ready(self, *, wait: bool = False) -> list[tuple[Any, Prepared]]:
        """Return the results that are done, in order, up to the first that is not.

        ``wait``: also wait until fewer than ``inflight`` articles are out (or, with
        nothing else to hand out, until every result is in).
        """
        done = []
        while self._out:
            tag, future = self._out[0]
            if not future.done() and not (wait and len(self._out) >= self.workers.inflight):
                break
            done.append((tag, future.result()))  # a worker's failure is the ingest's
            self._out.popleft()
        return done

    def drain(self) -> list[tuple[Any, Prepared]]:
        """Wait for every result still out; return them in order."""
        done = [(tag, future.result()) for tag, future in self._out]
        self._out.clear()
        return done

    def close(self, *, cancel: bool = False) -> None:
        """Stop the pool (dropping what was not started, when ``cancel``)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=cancel)
            self._executor = None
        self._out.clear()
