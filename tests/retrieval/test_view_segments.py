"""The answering view on disk: segments written at ingest, opened by memory map, kept in step
with the store by small segments and dead rows, equal to a view built at once."""

from __future__ import annotations

import errno
from pathlib import Path

import bm25s
import numpy as np
import pytest

from corpus import corrections as fixes
from corpus.speakers import SpeakerRegistry
from corpus.store import open_store
from retrieval import QAService, open_service
from retrieval import segments as segments_module
from retrieval import view as view_module
from retrieval.lexical import LexicalIndex, MemoryPostings, tokenize
from retrieval.view import CorpusView
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings

TEXTS = [
    "Guards turned back 70 trucks from Serbia at the Vidin crossing",
    "The minister said the protests in the capital were peaceful",
    "Protesters gathered again; the protests grew, protesters said",
    "",
    "Fuel prices rose for the third week, the ministry said",
    "The bridge budget is approved and work on the bridge starts in April",
]


def _article(title: str, speaker: str, words: str, date: str = "2022-01-10") -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\noutlet: Example Times\n---\n\n"
        f"“{words},” {speaker} said on Monday.\n\n"
        f"The talks went on into the night, and {title.lower()} was the subject.\n"
    )


ARTICLES = {
    "bridge.md": _article("Bridge budget", "Mayor Anna Kovac", "The bridge budget is approved"),
    "fuel.md": _article("Fuel prices", "Minister Piotr Lis", "Fuel prices will fall by spring"),
    "port.md": _article("Port strike", "Anna Kovac", "The port strike must end this week"),
}


def _service(tmp_path: Path, articles: dict[str, str]) -> QAService:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    service = open_service(make_settings(tmp_path), embeddings=FakeEmbeddings())
    service.ingest()
    return service


def _live(view: CorpusView) -> list[tuple[str, str, str | None, str | None]]:
    return sorted((r.id, r.text, r.speaker, r.meta.doc_id) for r in view.rows)


def _fresh(service: QAService, tmp_path: Path) -> CorpusView:
    """A view of the same store built at once, in a directory of its own."""
    store = open_store(service.settings, service.embeddings)
    return CorpusView.load(store, cache_dir=tmp_path / "fresh-view")


def test_bm25_scores_are_those_of_bm25s_in_one_part_or_several() -> None:
    reference = bm25s.BM25()
    reference.index([tokenize(t) for t in TEXTS], show_progress=False)
    whole = LexicalIndex(TEXTS)
    parts = LexicalIndex.over([MemoryPostings(TEXTS[:2]), MemoryPostings(TEXTS[2:])])
    for query in ["protests protesters", "bridge budget April", "trucks from Serbia", "zebra"]:
        terms = [t for t in tokenize(query) if t in reference.vocab_dict]
        expected = (
            np.asarray(reference.get_scores(terms), dtype=np.float32)
            if terms
            else np.zeros(len(TEXTS), dtype=np.float32)
        )
        assert np.allclose(whole.scores(query), expected, rtol=1e-6, atol=1e-7), query
        assert np.allclose(parts.scores(query), expected, rtol=1e-6, atol=1e-7), query


def test_dead_rows_score_nothing_and_are_in_no_result() -> None:
    live = np.array([True, False, True, True, True, True])
    index = LexicalIndex.over([MemoryPostings(TEXTS)], live)
    assert index.scores("protests")[1] == 0 and index.scores("protests")[2] > 0
    assert index.rows_with_all(tokenize("minister protests"), limit=5) == []


def test_a_restart_opens_the_view_without_reading_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = _service(tmp_path, ARTICLES)
    store = open_store(service.settings, service.embeddings)

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("an unchanged index is opened from the view's files alone")

    for method in ("article_hashes", "article_entries", "chunks_of", "articles"):
        monkeypatch.setattr(type(store), method, refuse)
    scope = service.view._state.scope  # the store's name, as the service gave it
    view = CorpusView.load(store, cache_dir=service.settings.data_dir / "cache", scope=scope)
    assert _live(view) == _live(service.view)


def test_an_ingest_of_a_few_articles_adds_a_segment_and_equals_a_full_build(
    tmp_path: Path,
) -> None:
    service = _service(tmp_path, ARTICLES)
    cache = service.settings.data_dir / "cache"
    before = {p.parent.name: p.stat().st_mtime_ns for p in cache.glob("seg-*/rows.npy")}
    folder = tmp_path / "articles"
    (folder / "fuel.md").write_text(
        _article("Fuel prices", "Minister Piotr Lis", "Fuel prices will rise by summer"),
        encoding="utf-8",
    )
    (folder / "dock.md").write_text(
        _article("Dock talks", "Mayor Anna Kovac", "The dock talks resume on Friday"),
        encoding="utf-8",
    )
    (folder / "port.md").unlink()
    summary = service.ingest()
    assert (summary.added, summary.updated, summary.removed) == (1, 1, 1)

    after = {p.parent.name: p.stat().st_mtime_ns for p in cache.glob("seg-*/rows.npy")}
    assert len(after) == len(before) + 1, "one new segment for the two changed articles"
    assert all(after[name] == stamp for name, stamp in before.items()), "nothing rewritten"
    view = service.view
    assert _live(view) == _live(_fresh(service, tmp_path))
    assert "Fuel prices will fall by spring" not in {r.text for r in view.rows}
    answer = service.ask("What did Anna Kovac say?")
    assert {q.text.rstrip(",") for q in answer.quotes} == {
        "The bridge budget is approved",
        "The dock talks resume on Friday",
    }
    assert service.ask("Who said fuel prices will rise by summer?").quotes[0].speaker == (
        "Piotr Lis"
    )


def test_small_segments_are_merged_when_they_pile_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(view_module, "MAX_SEGMENTS", 2)
    service = _service(tmp_path, {"bridge.md": ARTICLES["bridge.md"]})
    folder = tmp_path / "articles"
    for n, name in enumerate(["fuel.md", "port.md"]):
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
        service.ingest()
        (folder / f"extra{n}.md").write_text(
            _article(f"Extra {n}", "Minister Piotr Lis", f"Extra talks number {n} went well"),
            encoding="utf-8",
        )
        service.ingest()
    cache = service.settings.data_dir / "cache"
    assert len(list(cache.glob("seg-*"))) <= 2
    assert _live(service.view) == _live(_fresh(service, tmp_path))
    assert len(service.sources()) == 5


def test_a_large_segment_is_searched_through_its_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segments_module, "ANN_MIN_ROWS", 4)
    service = _service(tmp_path, ARTICLES)
    view = service.view
    (segment,) = view.segments
    assert (segment.path / "ann.usearch").is_file()
    vector = np.asarray(FakeEmbeddings().embed_query("the port strike must end"), np.float32)
    exact = np.asarray(segment.vectors, dtype=np.float32) @ vector
    best = [int(r) for r in np.argsort(-exact, kind="stable")[:3]]
    assert [row for row, _ in view.nearest(vector, 3)] == best
    only_quotes = view.nearest(vector, 2, view.is_quote)
    assert only_quotes and all(view.is_quote[row] for row, _ in only_quotes)


def test_a_view_directory_that_may_not_be_written_is_built_in_a_private_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = _service(tmp_path, ARTICLES)
    expected = _live(service.view)
    service.close()
    behind = tmp_path / "old-view"  # a view directory with no state: it must be built
    behind.mkdir()
    locked = view_module._locked

    def refused(root: Path):  # type: ignore[no-untyped-def]
        # What flock's lock file says in a directory this process may not write.
        if root == behind:
            raise PermissionError(errno.EACCES, "Permission denied", str(root / "view.lock"))
        return locked(root)

    monkeypatch.setattr(view_module, "_locked", refused)
    view = CorpusView.load(open_store(service.settings, service.embeddings), cache_dir=behind)
    assert _live(view) == expected
    assert view.root != behind and not any(behind.iterdir())


def test_corrections_are_applied_to_the_state_not_the_segments(tmp_path: Path) -> None:
    service = _service(tmp_path, ARTICLES)
    store = open_store(service.settings, service.embeddings)
    where = tmp_path / "corrected-view"
    plain = CorpusView.load(store, cache_dir=where)
    [fuel] = [r for r in plain.rows if r.is_quote and r.text.startswith("Fuel prices")]
    lis = fuel.speaker
    assert lis is not None and plain.rows_of(lis).size
    kovac = plain.registry.canonical("Anna Kovac")
    assert kovac is not None

    def made(**fields: object) -> fixes.Correction:
        return fixes.Correction(id=str(fields.pop("id")), by="test", at="now", **fields)  # type: ignore[arg-type]

    quote = made(id="q1", what="speaker", doc=fuel.meta.doc_id, paragraph=fuel.meta.paragraph,
                 quote=fuel.text, was=lis, speaker="Tom Reed")  # fmt: skip
    gone = made(id="q2", what="anonymous", doc=fuel.meta.doc_id, quote="Words nobody printed")
    merge = made(id="m1", what="merge", name="Anna Kovac", speaker="Piotr Lis")
    for corrections in ([quote, gone], [merge], [quote, merge]):
        view = CorpusView.load(store, cache_dir=where, corrections=corrections)
        # The segments are the same files: a correction re-derives the small state only.
        assert [s.name for s in view.segments] == [s.name for s in plain.segments]
        # The rows as corrected are those corpus.corrections makes of the rows in memory.
        rows = [(r.id, r.text, r.meta) for r in plain.rows]
        expected, applied = fixes.apply(rows, corrections)
        registry = SpeakerRegistry.build(
            (str(m.speaker), m.role, m.source_kind)
            for _, _, m in expected
            if m.named and m.speaker is not None
        )
        expected = fixes.merge(expected, corrections, registry.canonical)
        assert sorted((r.id, r.meta) for r in view.rows) == sorted((i, m) for i, _, m in expected)
        assert view.corrected == applied
        for row in view.rows:
            if row.speaker is not None:
                assert int(view.position[row.id]) in set(view.rows_of(row.speaker).tolist())
    view = CorpusView.load(store, cache_dir=where, corrections=[quote, gone])
    assert view.corrected.rows == {"q1": 1} and view.corrected.stale == ["q2"]
    assert view.rows[view.position[fuel.id]].speaker == "Tom Reed"
    assert view.rows_of("Tom Reed").tolist() == [view.position[fuel.id]]
    assert not view.rows_of(lis).size
    merged = CorpusView.load(store, cache_dir=where, corrections=[merge])
    # Every way of naming Kovac is now Lis: the registry knows one person.
    assert {r.speaker for r in merged.rows if r.is_quote} == {lis}
    assert merged.rows_of(lis).size == plain.rows_of(lis).size + plain.rows_of(kovac).size
    # Without them (undone), the engine's reading is back.
    again = CorpusView.load(store, cache_dir=where)
    assert _live(again) == _live(plain) and again.corrected == fixes.Applied()
