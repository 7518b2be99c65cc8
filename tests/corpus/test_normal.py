"""Names written with combining accents (decomposed, as macOS writes) are names all the same."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from corpus.ingest import parse_article
from corpus.loaders import load_file
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import ingested_service

NFD = (
    "Jan 6, 2022\n\nCombining\n\n"
    "“The cafe\u0301 and the nai\u0308ve text are here,” said Cle\u0301o Combe, a chef.\n"
)


def test_the_engine_reads_a_decomposed_name_whole_and_quotes_stay_verbatim(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.txt"
    path.write_text(NFD, encoding="utf-8")
    [article] = load_file(path)
    [quote] = parse_article(article).quotes
    assert quote.speaker == "Cl\u00e9o Combe"  # composed, as users type it
    assert quote.text == article.text[quote.start : quote.end]  # the file's own bytes
    assert "cafe\u0301" in quote.text
    assert quote.mention_start is not None and quote.mention_end is not None
    assert article.text[quote.mention_start : quote.mention_end] == quote.mention


@pytest.mark.parametrize("name", ["Cl\u00e9o Combe", "Cle\u0301o Combe"], ids=["NFC", "NFD"])
def test_a_decomposed_name_is_found_however_the_question_writes_it(
    tmp_path: Path, name: str
) -> None:
    service = ingested_service(tmp_path, {"c.txt": NFD}, FakeEmbeddings())
    answer = service.ask(f"What did {name} say?")
    assert answer.found and answer.quotes[0].speaker == unicodedata.normalize("NFC", name)


def test_offsets_map_both_ways_past_several_decomposed_letters() -> None:
    from corpus.normal import _Mapping

    text = "Cafe\u0301 of Cle\u0301o, nai\u0308ve Zoe\u0308: done"
    mapping = _Mapping.of(text)
    assert mapping is not None
    assert mapping.text == unicodedata.normalize("NFC", text)
    for j, ch in enumerate(mapping.text):
        # Each composed letter points back at the letter it was composed from.
        assert text[mapping.back[j]] == unicodedata.normalize("NFD", ch)[0]
    starts = [i for i, ch in enumerate(text) if not unicodedata.combining(ch)]
    assert all(mapping.back[mapping.forward[i]] == i for i in starts)
    assert mapping.forward[len(text)] == len(mapping.text)
    assert mapping.back[len(mapping.text)] == len(text)
