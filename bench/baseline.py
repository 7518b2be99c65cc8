"""The plain LangChain pipeline a developer would write by hand, to compare whosaid against.

Read each file's text, split it with ``RecursiveCharacterTextSplitter``, store the chunks in
Chroma with the same embeddings, answer with ``similarity_search`` and show the top chunk.
It knows nothing of quotes or speakers, so for scoring, the "speaker" of an answer is the
speaker of the ground-truth quote that the top chunk contains (see :func:`chunk_speaker`):
as generous to the baseline as a reader who finds the answer inside the chunk.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class BaselineHit:
    """The top chunk of one search, as the baseline would show it."""

    text: str
    file: str


def read_documents(files: Iterable[Path]) -> list[Document]:
    """Read article files the way a hand-written pipeline would: whole text per article."""
    import trafilatura

    docs: list[Document] = []
    for path in files:
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            for line in raw.splitlines():
                if line.strip():
                    record = json.loads(line)
                    docs.append(
                        Document(page_content=record["text"], metadata={"source": path.name})
                    )
        elif path.suffix in (".html", ".htm"):
            text = trafilatura.extract(raw) or ""
            docs.append(Document(page_content=text, metadata={"source": path.name}))
        else:
            docs.append(Document(page_content=raw, metadata={"source": path.name}))
    return docs


class BaselinePipeline:
    """Split, embed, store and search with stock LangChain components."""

    def __init__(
        self,
        embeddings: Embeddings,
        *,
        persist_directory: Path | None = None,
        client: object | None = None,
        collection: str = "baseline",
    ) -> None:
        self.embeddings = embeddings
        self.persist_directory = persist_directory
        self.client = client
        self.collection = collection
        self.store: object | None = None

    def ingest(self, files: Sequence[Path]) -> int:
        """Split and index ``files``; return the number of chunks stored."""
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP
        )
        chunks = splitter.split_documents(read_documents(files))
        kwargs: dict[str, object] = {"collection_name": self.collection}
        if self.client is not None:
            kwargs["client"] = self.client
        elif self.persist_directory is not None:
            kwargs["persist_directory"] = str(self.persist_directory)
        self.store = Chroma.from_documents(chunks, self.embeddings, **kwargs)  # type: ignore[arg-type]
        logger.info("baseline: %d chunks from %d files", len(chunks), len(files))
        return len(chunks)

    def open(self) -> None:
        """Open an index written by an earlier :meth:`ingest`."""
        from langchain_chroma import Chroma

        kwargs: dict[str, object] = {"collection_name": self.collection}
        if self.client is not None:
            kwargs["client"] = self.client
        elif self.persist_directory is not None:
            kwargs["persist_directory"] = str(self.persist_directory)
        self.store = Chroma(embedding_function=self.embeddings, **kwargs)  # type: ignore[arg-type]

    def ask(self, question: str, *, k: int = TOP_K) -> BaselineHit | None:
        """Return the top chunk for a question, or None when the index is empty."""
        if self.store is None:
            raise RuntimeError("ingest() or open() first")
        docs: list[Document] = self.store.similarity_search(question, k=k)  # type: ignore[attr-defined]
        if not docs:
            return None
        return BaselineHit(docs[0].page_content, str(docs[0].metadata.get("source", "")))


def chunk_speaker(
    hit: BaselineHit | None, question: str, quotes_by_file: dict[str, list[tuple[str, str]]]
) -> str | None:
    """Return the speaker of the ground-truth quote the chunk holds, best matching the question.

    Args:
        hit: The baseline's top chunk.
        question: The question asked; among several quotes in the chunk, the one sharing
            most words with it is taken, as a reader would.
        quotes_by_file: ``{file: [(quote text, speaker), ...]}`` from the ground truth.

    Returns:
        A canonical speaker name, or None when the chunk holds no known quote.
    """
    if hit is None:
        return None
    asked = set(_WORD.findall(question.lower()))
    best: tuple[int, str] | None = None
    for text, speaker in quotes_by_file.get(hit.file, []):
        if not _contains(hit.text, text):
            continue
        overlap = len(asked & set(_WORD.findall(text.lower())))
        if best is None or overlap > best[0]:
            best = (overlap, speaker)
    return best[1] if best else None


def _contains(chunk: str, quote: str) -> bool:
    # A chunk boundary may cut a quote: 60 characters of it in the chunk are enough.
    quote = quote.strip(" .,")
    if len(quote) <= 60:
        return quote in chunk
    return any(quote[i : i + 60] in chunk for i in range(0, len(quote) - 59, 30))
