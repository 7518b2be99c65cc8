"""Chunks are exact spans, cut on sentence boundaries, with deterministic ids."""

from __future__ import annotations

import pytest

from corpus.chunks import ChunkRecord, make_chunks, sentence_spans, windows
from corpus.loaders import load_file
from corpus.models import ParsedArticle
from corpus.quotes import extract_quotes
from tests.conftest import SEED


def test_sentence_spans_cover_the_sentences() -> None:
    text = "  First one. Second one? “Third,” he said. 4. Fourth!  "
    spans = sentence_spans(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == [
        "First one.",
        "Second one?",
        "“Third,” he said.",
        "4. Fourth!",
    ]


def test_windows_keep_whole_sentences_under_the_limit() -> None:
    text = " ".join(f"Sentence number {i} has six words." for i in range(20))
    spans = windows(text, 0, len(text), 20)
    assert len(spans) > 1
    for a, b in spans:
        assert len(text[a:b].split()) <= 20
        assert text[a:b].startswith("Sentence") and text[a:b].endswith(".")


def test_seed_chunks_are_verbatim_and_stable() -> None:
    article = load_file(SEED)[0]
    parsed = ParsedArticle(article, extract_quotes(article.text, article.paragraphs))
    chunks = make_chunks(parsed, "g1")
    assert {c.record.type for c in chunks} == {"quote", "passage"}
    for chunk in chunks:
        assert article.text[chunk.record.start : chunk.record.end] == chunk.text
        assert chunk.record.generation == "g1"
    assert [c.id for c in make_chunks(parsed, "g1")] == [c.id for c in chunks]
    assert not {c.id for c in make_chunks(parsed, "g2")} & {c.id for c in chunks}
    assert len({c.id for c in chunks}) == len(chunks)


def test_passages_inside_quotes_are_not_embedded_twice() -> None:
    article = load_file(SEED)[0]
    parsed = ParsedArticle(article, extract_quotes(article.text, article.paragraphs))
    chunks = make_chunks(parsed, "g1")
    passages = [c for c in chunks if c.record.type == "passage"]
    quoted = {q.paragraph for q in parsed.quotes if q.kind == "interview"}
    # Interview answers are whole paragraphs of quotes: no passage repeats them...
    assert quoted and not quoted & {c.record.paragraph for c in passages}
    # ...while narrative paragraphs stay searchable as passages.
    assert any("two thousand people" in c.text for c in passages)
    covered = {c.text for c in chunks if c.record.type == "quote"}
    assert all(c.text not in covered for c in passages)


@pytest.mark.parametrize(
    "spans",
    [
        [],
        [(10, 20)],
        [(10, 20), (15, 30), (40, 45), (44, 44), (0, 3)],
        [(5, 50), (10, 20), (60, 70), (70, 80)],
    ],
)
def test_quote_coverage_counts_overlapping_spans_once(spans: list[tuple[int, int]]) -> None:
    from corpus.chunks import _Coverage

    coverage = _Coverage(spans)
    inside = {i for a, b in spans for i in range(a, b)}
    for start, end in [(0, 100), (12, 18), (18, 42), (44, 46), (70, 71), (90, 95), (7, 7)]:
        expected = len(inside & set(range(start, end))) / (end - start) if end > start else 1.0
        assert coverage.share(start, end) == pytest.approx(expected), (start, end)


def test_a_chunk_record_reads_back_what_its_writer_stored() -> None:
    article = load_file(SEED)[0]
    parsed = ParsedArticle(article, extract_quotes(article.text, article.paragraphs))
    for chunk in make_chunks(parsed, "g1"):
        assert ChunkRecord.from_metadata(chunk.record.metadata()) == chunk.record
    quote = next(
        c.record for c in make_chunks(parsed, "g1") if c.record.is_quote and c.record.speaker
    )
    assert quote.named and quote.quote_index is not None and quote.confidence is not None


def test_stored_metadata_keeps_its_layout() -> None:
    """Indexes written before the record existed read the same, and are read by it."""
    record = ChunkRecord(
        doc_id="d", generation="g", type="quote", start=3, end=9, paragraph=2, kind="direct",
        quote_index=4, part=1, confidence=0.5, speaker="Ann Lee", source_kind="person",
    )  # fmt: skip
    assert record.metadata() == {
        "doc_id": "d", "generation": "g", "type": "quote", "start": 3, "end": 9,
        "paragraph": 2, "kind": "direct", "quote_index": 4, "part": 1, "confidence": 0.5,
        "speaker": "Ann Lee", "source_kind": "person",
    }  # fmt: skip


def test_chunk_metadata_without_a_source_kind_is_a_persons_quote() -> None:
    meta = {"doc_id": "d", "generation": "g", "type": "quote", "start": 0, "end": 5,
            "paragraph": 1}  # fmt: skip
    read = ChunkRecord.from_metadata({**meta, "speaker": "Ann Lee"})
    assert (read.source_kind, read.kind, read.named) == ("person", "direct", True)
    anonymous = ChunkRecord.from_metadata(
        {**meta, "speaker": "an aide", "source_kind": "anonymous"}
    )
    assert not anonymous.named
    passage = ChunkRecord.from_metadata({**meta, "type": "passage"})
    assert passage.source_kind is None and passage.kind == "passage"


@pytest.mark.parametrize(
    "broken",
    [{}, {"doc_id": "d"}, {"doc_id": "d", "generation": "g", "type": "quote", "start": "0",
      "end": 5, "paragraph": 1}],
)  # fmt: skip
def test_unreadable_chunk_metadata_is_refused(broken: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ChunkRecord.from_metadata(broken)
