"""The service over several small articles (fake embeddings: ranking is beside the point here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval import QAService, open_service
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings

MARKDOWN = """---
title: Talks in Geneva
date: 2022-01-10
outlet: Example Times
url: https://example.org/geneva
---

“We will not accept any expansion of the alliance,” Deputy Foreign Minister Sergei Ryabkov said.

Mikhail Alexandrov, an expert at MGIMO, said: “The talks are a test of patience for everyone.”
"""

JSONL = [
    {
        "title": "Campaign trail",
        "date": "2016-09-12",
        "url": "https://example.org/trail",
        "text": "“Trade deals have hurt our workers,” Hillary Clinton said in Ohio.\n\n"
        "“I signed trade deals that worked,” Bill Clinton told reporters.",
    }
]


@pytest.fixture
def service(tmp_path: Path) -> QAService:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "geneva.md").write_text(MARKDOWN, encoding="utf-8")
    (articles / "trail.jsonl").write_text(
        "\n".join(json.dumps(a) for a in JSONL) + "\n", encoding="utf-8"
    )
    svc = open_service(make_settings(tmp_path), embeddings=FakeEmbeddings())
    svc.ingest()
    return svc


def test_markdown_quote_is_cited_with_its_metadata(service: QAService) -> None:
    answer = service.ask("What did Ryabkov say about the alliance?")
    assert answer.found
    quote = answer.quotes[0]
    assert quote.speaker == "Sergei Ryabkov"
    assert quote.text.startswith("We will not accept any expansion of the alliance")
    assert quote.source.url == "https://example.org/geneva"
    assert quote.source.date == "2022-01-10" and quote.source.title == "Talks in Geneva"
    with open(quote.source.path, encoding="utf-8", newline="") as fh:
        assert fh.read()[quote.start : quote.end] == quote.text


def test_ambiguous_surname_asks_which(service: QAService) -> None:
    answer = service.ask("What did Clinton say about trade?")
    assert not answer.found and answer.quotes == []
    assert "Hillary Clinton" in answer.answer and "Bill Clinton" in answer.answer
    bill = service.ask("What did Bill Clinton say about trade?")
    assert bill.found and {q.speaker for q in bill.quotes} == {"Bill Clinton"}


def test_spelling_variants_merge_across_articles(tmp_path: Path, service: QAService) -> None:
    other = service.corpus_dir / "more.md"
    other.write_text(
        "---\ntitle: More\n---\n\nMikhail Aleksandrov said: “Patience is running out.”\n",
        encoding="utf-8",
    )
    service.ingest()
    page = service.quotes_by("ALEKSANDROV", limit=10)
    assert len(page.quotes) == 2
    assert {q.source.title for q in page.quotes} == {"Talks in Geneva", "More"}


def test_deleted_article_disappears_from_answers(service: QAService) -> None:
    (service.corpus_dir / "trail.jsonl").unlink()
    summary = service.ingest()
    assert summary.removed == 1
    assert service.ask("What did Bill Clinton say?").found is False
    assert [s.title for s in service.sources()] == ["Talks in Geneva"]


def test_the_view_is_cached_on_disk_and_follows_the_index(service: QAService) -> None:
    from retrieval import open_service

    cache = service.settings.data_dir / "cache"
    (state,) = cache.glob("state.pickle")
    segments = sorted(p.name for p in cache.glob("seg-*"))
    again = open_service(service.settings, embeddings=service.embeddings)
    assert [r.id for r in again.view.rows] == [r.id for r in service.view.rows]

    (service.corpus_dir / "trail.jsonl").unlink()
    service.ingest()
    assert sorted(p.name for p in cache.glob("seg-*")) == segments, (
        "a removed article's rows are marked dead; no segment is rewritten"
    )
    assert [s.title for s in service.sources()] == ["Talks in Geneva"]

    state.write_bytes(b"not a pickle")
    reopened = open_service(service.settings, embeddings=service.embeddings)
    assert [s.title for s in reopened.sources()] == ["Talks in Geneva"]
