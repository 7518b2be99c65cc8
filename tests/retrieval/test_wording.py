"""What the answer's first sentence says for each kind of source and each level of confidence."""

from __future__ import annotations

from retrieval import answer as compose
from retrieval.models import QuoteResult, Source

SOURCE = Source(doc_id="d", title="Farm bill stalls", date="2025-05-02", path="a.txt", paragraph=3)


def quote(**fields: object) -> QuoteResult:
    values: dict[str, object] = {"text": "We will not vote for it", "kind": "direct"}
    values.update(fields)
    return QuoteResult(source=SOURCE, start=0, end=23, **values)  # type: ignore[arg-type]


def test_an_anonymous_source_is_described_never_named() -> None:
    text = compose.summarise_who([quote(source_kind="anonymous", role="an Iowa Republican")])
    assert text.startswith("An unnamed source (an Iowa Republican) said this")


def test_a_document_is_worded_as_the_document() -> None:
    text = compose.summarise_who([quote(source_kind="document", role="the report")])
    assert text.startswith("The report said this")


def test_an_unidentified_speaker_is_not_presented_as_anybody() -> None:
    text = compose.summarise_who([quote(speaker=None, source_kind="person")])
    assert text.startswith("A speaker the engine could not identify")
    assert "does not name" not in text  # nothing false about the article


def test_reported_speech_is_the_articles_paraphrase() -> None:
    text = compose.summarise_who([quote(speaker="Ann Lee", kind="reported")])
    assert text.startswith("Ann Lee is reported as saying this") and "paraphrase" in text


def test_a_weak_match_is_only_the_closest() -> None:
    text = compose.summarise_who([quote(speaker="Ann Lee")], confident=False)
    assert text.startswith(compose.CLOSEST) and "said this" not in text
