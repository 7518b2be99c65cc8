"""Ingest workers on other machines: a Dask distributed cluster (the ``cluster`` extra).

``whosaid ingest --cluster tcp://scheduler:8786`` hands each article to the cluster's workers
(``corpus.workers.prepare``: the quote engine, the chunker and the model, on the worker) and
writes what comes back, in order, from the process that ran the command. Workers never
touch the store; they need whosaid installed (the same version: an article's generation
names the engine that parsed it) and nothing else.

Why Dask and not Ray (measured on the 2-core development machine, see README "Scale"): the
``distributed`` wheel and its dependencies are about 45 MB against Ray's 260 MB, a local
cluster of two workers starts in 3 s against 8-12 s and holds 236 MB against 430 MB, and
its executor is a ``concurrent.futures.Executor``, the interface the local pool already
uses. Ray's scheduling is faster (0.9 ms a task against 4-5 ms), but a task here is an
article, a quarter of a second of work: the overhead is 2%.

One writer: the process that runs the ingest holds the write lock of its data directory
and is the only one writing the Chroma server for that ingest. The lock cannot see a second
ingest started from another machine's data directory against the same server, so a
deployment runs its ingests from one place (the compose file's ``ingest`` service).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from corpus.errors import CorpusError
from corpus.workers import Workers

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


class ClusterError(CorpusError):
    """The cluster cannot be reached, or the ``cluster`` extra is not installed."""


class ClusterExecutor(Executor):
    """Dask's executor over one client; closing it closes the client."""

    def __init__(self, address: str, *, timeout: float = 10.0) -> None:
        try:
            from distributed import Client as _Client
        except ImportError as exc:
            raise ClusterError(
                "ingesting on a cluster needs the cluster extra: pip install 'whosaid[cluster]'"
            ) from exc
        client: Any = _Client  # distributed has no type hints
        try:
            self._client: Any = client(address, timeout=timeout, set_as_default=False)
        except OSError as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        self._executor: Executor = self._client.get_executor(pure=False)

    @property
    def workers(self) -> int:
        """How many workers the cluster has now."""
        return len(self._client.scheduler_info().get("workers", {}))

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Run ``fn(*args, **kwargs)`` on a worker."""
        future: Future[T] = self._executor.submit(fn, *args, **kwargs)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop using the cluster (it keeps running for others)."""
        if cancel_futures:
            self._client.cancel(list(self._client.futures.values()))
        self._executor.shutdown(wait=wait)
        self._client.close()


def cluster_workers(address: str, embeddings: Callable[[], Embeddings]) -> Workers:
    """Return the workers of the Dask cluster at ``address`` for one ingest.

    Raises:
        ClusterError: The extra is missing or the scheduler does not answer.
    """
    probe = ClusterExecutor(address)
    try:
        count = probe.workers
    finally:
        probe.shutdown()
    if count < 1:
        raise ClusterError(f"the Dask cluster at {address} has no workers")
    logger.info("ingest on the Dask cluster at %s (%d workers)", address, count)

    def executor(_: int) -> Any:
        return ClusterExecutor(address)

    # Workers at least 2, so the farm is used even on a one-worker cluster.
    return Workers(max(2, count), embeddings, executor=executor, start_after=0)
