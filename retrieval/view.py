"""The answering view: what the store has committed, in memory-mapped files beside the index.

The view is everything answering reads: articles, live chunks, speakers, BM25 postings and
the chunks' vectors. It lives in segments (``retrieval.segments``) under the index's view
directory and a small state file naming them; opening it maps files and reads that state,
so a restart costs the same at 1,000 articles or 100,000, and a question touches only the
pages it reads.

Only chunks whose generation matches their article's committed content hash are live, so a
half-finished ingest is never visible in answers. The view follows the store by its commit
stamp (``Store.commit_stamp``): when it differs from the one the state was written at, the
first process to notice *syncs* the view under the view's own lock: it compares the
committed articles' generations with the view's, writes one new segment with the changed
articles' live chunks, marks their old rows and the removed articles' rows dead, and
rewrites the state (speaker registry, speaker index, copies). An ingest of 1% of the
articles so writes a segment of 1%, not the view; small segments are merged when they pile
up (:data:`MAX_SEGMENTS`), and the view is rebuilt from the store when its files are missing,
damaged or of an older format.

Corrections of who said what (``corpus.corrections``) are applied where the state is derived,
never to the segments: the corrected quotes' records are kept in the state by view row, and
merged names as a renaming, so the registry, the speaker index and the copies are built from
the rows as corrected. The state records the corrections it was derived with; other
corrections re-derive the state from the same segments (no store read, no segment written).

Layout of the view directory::

    state.pickle        the segments in use, dead rows, registry, speaker index, copies
    generations.pickle  the generation of every article in the view (read by syncs only)
    view.lock           held while a process syncs the view
    seg-*/              segments (see ``retrieval.segments``)
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import logging
import os
import pickle
import shutil
import tempfile
import uuid
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, overload

import numpy as np

from corpus import chunks
from corpus import corrections as fixes
from corpus.channels import parse_post_url
from corpus.chunks import ChunkRecord
from corpus.speakers import SpeakerRegistry
from corpus.store import ArticleRecord, Store
from retrieval.lexical import LexicalIndex
from retrieval.segments import NONE, ArticleEntry, RowEntry, Segment, write_segment

logger = logging.getLogger(__name__)

# Articles per segment when a view is built from scratch: bounds the memory of a build.
SEGMENT_ARTICLES = 25_000
# More segments than this and the smaller ones are merged into one.
MAX_SEGMENTS = 8
_STATE = "state.pickle"
_GENERATIONS = "generations.pickle"
_LOCK = "view.lock"
_FORMAT = 2
# A new tokenizer or row layout must not read old files: the state records these files' hash.
_CODE = (
    Path(__file__).resolve().parent / "view.py",
    Path(__file__).resolve().parent / "segments.py",
    Path(__file__).resolve().parent / "lexical.py",
    Path(__file__).resolve().parent / "lang" / "ru_words.py",
    Path(chunks.__file__).resolve(),
    Path(fixes.__file__).resolve(),
)


@dataclass(frozen=True, slots=True)
class ChunkRow:
    """A live chunk: its id, verbatim text and stored record, plus its canonical speaker."""

    id: str
    text: str
    meta: ChunkRecord
    speaker: str | None

    @property
    def is_quote(self) -> bool:
        """Whether this chunk is an attributed quote (not a passage)."""
        return self.meta.is_quote


@dataclass(frozen=True, slots=True)
class ScopeArticle:
    """What questions filter on of an article: its outlet, link and month."""

    outlet: str | None
    url: str | None
    date: str | None


@dataclass(slots=True)
class _State:
    """What the state file holds (see the module docstring)."""

    format: int
    code: str
    scope: str
    stamp: str | None
    segments: list[str]
    dead: dict[str, np.ndarray]  # segment -> packed bits, one per row (1: dead)
    registry: SpeakerRegistry
    canonical: list[str]
    speaker_map: dict[str, np.ndarray]  # segment -> canonical number per string code, or -1
    speaker_rows: np.ndarray  # view rows quoting each canonical speaker, grouped, ascending
    speaker_at: np.ndarray  # where each canonical speaker's rows start in speaker_rows
    raw_names: dict[str, set[str]]
    copy_rows: np.ndarray  # view rows that have a copy elsewhere, ascending
    copy_group: np.ndarray  # their group
    locator: dict[str, tuple[int, int]]  # doc_id -> (segment number, article number)
    facts: list[ScopeArticle]
    corrections: str  # the key of the corrections the state was derived with
    corrected: fixes.Applied  # what they did: rows re-attributed, corrections gone stale
    overrides: dict[int, ChunkRecord]  # view row -> its record as corrected
    row_speaker: dict[int, int]  # view row -> canonical number (-1: nobody), corrected rows
    renamed: dict[str, str]  # speaker name as printed -> the person a merge made it


class CorpusView:
    """Everything the answering side reads, opened from the view's files."""

    def __init__(self, state: _State, root: Path) -> None:
        self.root = root
        self._state = state
        self.segments = [Segment(root / name) for name in state.segments]
        self.offsets = np.zeros(len(self.segments) + 1, dtype=np.int64)
        self.offsets[1:] = np.cumsum([s.size for s in self.segments])
        live = [
            ~np.unpackbits(state.dead[s.name], count=s.size).astype(bool)
            if s.name in state.dead
            else np.ones(s.size, dtype=bool)
            for s in self.segments
        ]
        self.live: np.ndarray = np.concatenate(live) if live else np.zeros(0, dtype=bool)
        quote = [np.load(s.path / "is_quote.npy", mmap_mode="r") for s in self.segments]
        self.is_quote: np.ndarray = (
            np.concatenate(quote) if quote else self.live.copy()
        ) & self.live
        self.registry = state.registry
        self.raw_names = state.raw_names
        self.corrected = state.corrected
        self.lexical = LexicalIndex.over(self.segments, self.live)
        self.rows = Rows(self)
        self.articles = Articles(self)
        self.quote_vectors: QuoteVectors | None = QuoteVectors(self)
        self._canonical_number = {name: n for n, name in enumerate(state.canonical)}
        self._position: dict[str, int] | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        store: Store,
        *,
        cache_dir: Path | None = None,
        scope: str = "",
        corrections: Sequence[fixes.Correction] = (),
    ) -> CorpusView:
        """Open the view of the store's committed state, syncing it first if it is behind.

        ``cache_dir`` is the view's directory (one per index); without one the view is
        built in a temporary directory that goes with it. ``scope`` names the store (path or
        server, collections): a view of another store is rebuilt, never trusted.
        ``corrections`` are applied to who said what (see the module docstring).
        """
        fixed = _corrections_key(corrections)
        temporary = cache_dir is None
        root = Path(tempfile.mkdtemp(prefix="whosaid-view-")) if cache_dir is None else cache_dir
        stamp = store.commit_stamp()
        token = None if stamp is None else f"{stamp[0]}:{stamp[1]}"
        # A server's other clients commit without touching our stamp: compare generations.
        token = None if store.where.server is not None else token
        state = _read_state(root, scope)
        if state is None or token is None or state.stamp != token or state.corrections != fixed:
            try:
                with _locked(root):
                    state = _read_state(root, scope)  # another process may have synced
                    if state is None or token is None or state.stamp != token:
                        state = _sync(store, root, scope, token, state, corrections)
                    elif state.corrections != fixed:
                        state = _rederive(root, state, corrections)
            except OSError as exc:
                if temporary or exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                    raise
                # A view directory this process may not write (a read-only data directory,
                # said once by the store): the view is built in a private temporary one.
                logger.info("cannot update the view in %s (%s): building a private one", root, exc)
                return cls.load(store, scope=scope, corrections=corrections)
        try:
            view = cls(state, root)
        except FileNotFoundError:
            # Another process merged segments away between our reading the state and
            # opening them: its newer state names the segments that are there.
            with _locked(root):
                state = _read_state(root, scope) or _sync(
                    store, root, scope, token, None, corrections
                )
                view = cls(state, root)
        if temporary:
            weakref.finalize(view, shutil.rmtree, root, True)
        logger.info(
            "view: %d articles, %d live chunks in %d segment(s)",
            len(view.articles), int(view.live.sum()), len(view.segments),
        )  # fmt: skip
        return view

    # -- rows ------------------------------------------------------------------------------

    def locate(self, row: int) -> tuple[Segment, int, int]:
        """Return the segment of a view row, its number, and the row's number in it."""
        number = int(np.searchsorted(self.offsets, row, side="right")) - 1
        return self.segments[number], number, row - int(self.offsets[number])

    def speaker_of(self, number: int, segment: Segment, row: int) -> str | None:
        """Return the canonical speaker of a segment's row (None: nobody by name)."""
        fixed = self._state.row_speaker.get(int(self.offsets[number]) + row)
        if fixed is not None:
            return self._state.canonical[fixed] if fixed >= 0 else None
        code = int(segment.rows[row]["speaker"])
        if code == NONE or not segment.rows[row]["named"]:
            return None
        canonical = int(self._state.speaker_map[segment.name][code])
        return self._state.canonical[canonical] if canonical >= 0 else None

    def rows_of(self, speaker: str) -> np.ndarray:
        """Return the positions of the rows quoting this canonical speaker, in view order."""
        number = self._canonical_number.get(speaker)
        if number is None:
            return np.zeros(0, dtype=np.int64)
        state = self._state
        return np.asarray(
            state.speaker_rows[state.speaker_at[number] : state.speaker_at[number + 1]],
            dtype=np.int64,
        )

    def article_rows(self, doc_id: str) -> range:
        """Return the view rows of an article's live chunks, in document order."""
        found = self._state.locator.get(doc_id)
        if found is None:
            return range(0)
        number, article = found
        segment = self.segments[number]
        base = int(self.offsets[number])
        return range(
            base + int(segment.article_rows[article]),
            base + int(segment.article_rows[article + 1]),
        )

    @property
    def position(self) -> Mapping[str, int]:
        """Chunk id -> view row, for live rows (built on first use)."""
        if self._position is None:
            position: dict[str, int] = {}
            for number, segment in enumerate(self.segments):
                base = int(self.offsets[number])
                for row in np.flatnonzero(self.live[base : base + segment.size]):
                    position[segment.ids[int(row)]] = base + int(row)
            self._position = position
        return self._position

    def nearest(
        self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """Return the ``k`` live rows nearest to a unit vector (among ``allowed``), with their
        cosine similarity, best first."""
        found_rows: list[np.ndarray] = []
        found_scores: list[np.ndarray] = []
        mask = self.live if allowed is None else (allowed & self.live)
        vector = np.asarray(vector, dtype=np.float32)
        for number, segment in enumerate(self.segments):
            a, b = int(self.offsets[number]), int(self.offsets[number + 1])
            local = mask[a:b]
            rows, scores = segment.nearest(vector, k, None if local.all() else local)
            found_rows.append(rows + a)
            found_scores.append(scores)
        if not found_rows:
            return []
        rows, scores = np.concatenate(found_rows), np.concatenate(found_scores)
        order = np.lexsort((rows, -scores))[:k]
        return [(int(rows[i]), float(scores[i])) for i in order]

    def copies(self, row: int) -> np.ndarray:
        """Return the live rows carrying the same quote as ``row`` (itself included), or none."""
        state = self._state
        at = int(np.searchsorted(state.copy_rows, row))
        if at == state.copy_rows.size or state.copy_rows[at] != row:
            return np.zeros(0, dtype=np.int64)
        return np.asarray(state.copy_rows[state.copy_group == state.copy_group[at]])

    def scope_articles(self) -> list[ScopeArticle]:
        """Return the outlets, links and months of the articles, one of each combination."""
        return self._state.facts

    def rows_where(self, allows: Callable[[str | None, str | None], bool]) -> np.ndarray:
        """Return a mask of the live rows whose article ``allows(date, outlet)`` accepts.

        Asked once per distinct (date, outlet) of each segment, not once per article.
        """
        parts = []
        for segment in self.segments:
            keys = np.asarray(segment.article_keys)
            if not len(keys):
                parts.append(np.zeros(segment.size, dtype=bool))
                continue
            distinct, inverse = np.unique(keys, axis=0, return_inverse=True)
            verdict = np.array(
                [allows(segment.string(int(d)), segment.string(int(o))) for d, o in distinct],
                dtype=bool,
            )
            keep = verdict[inverse.reshape(-1)]
            parts.append(np.repeat(keep, np.diff(segment.article_rows)))
        mask = np.concatenate(parts) if parts else np.zeros(0, dtype=bool)
        return np.asarray(mask & self.live)

    def speaker_counts(self) -> list[tuple[str, int, int]]:
        """Return ``(canonical, quotes, articles)`` of every quoted speaker: each quote once
        (its first part), each article once."""
        out = []
        for name in self._state.canonical:
            rows = self.rows_of(name)
            if not rows.size:
                continue
            numbers = np.searchsorted(self.offsets, rows, side="right") - 1
            quotes = 0
            articles = 0
            for number in np.unique(numbers):
                local = rows[numbers == number] - self.offsets[number]
                records = self.segments[number].rows[local]
                quotes += int(np.count_nonzero(records["part"] == 0))
                articles += int(np.unique(records["doc"]).size)
            if quotes:
                out.append((name, quotes, articles))
        return out


class Rows(Sequence[ChunkRow]):
    """The view's rows by position, read from the segments when asked for."""

    def __init__(self, view: CorpusView) -> None:
        self._view = view
        self._size = int(view.offsets[-1])
        self._get = lru_cache(maxsize=1 << 16)(self._read)

    def __len__(self) -> int:
        return self._size

    def __bool__(self) -> bool:
        return bool(self._view.live.any())

    @overload
    def __getitem__(self, index: int) -> ChunkRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[ChunkRow]: ...
    def __getitem__(self, index: int | slice) -> ChunkRow | list[ChunkRow]:
        if isinstance(index, slice):
            return [self._get(i) for i in range(*index.indices(self._size))]
        index = int(index)
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError(index)
        return self._get(index)

    def __iter__(self) -> Iterator[ChunkRow]:
        """Iterate over the live rows (dead ones are skipped)."""
        for row in np.flatnonzero(self._view.live):
            yield self._get(int(row))

    def _read(self, index: int) -> ChunkRow:
        segment, number, row = self._view.locate(index)
        state = self._view._state
        meta = state.overrides.get(index)
        if meta is None:
            meta = segment.record(row)
            if meta.speaker in state.renamed and meta.named:
                meta = replace(meta, speaker=state.renamed[meta.speaker])
        return ChunkRow(
            segment.ids[row],
            segment.texts[row],
            meta,
            self._view.speaker_of(number, segment, row),
        )


class Articles(Mapping[str, ArticleRecord]):
    """The view's articles by id; each record is read from its segment when asked for."""

    def __init__(self, view: CorpusView) -> None:
        self._view = view
        self._locator = view._state.locator
        self._get = lru_cache(maxsize=1 << 14)(self._read)

    def __len__(self) -> int:
        return len(self._locator)

    def __iter__(self) -> Iterator[str]:
        return iter(self._locator)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._locator

    def __getitem__(self, doc_id: str) -> ArticleRecord:
        if doc_id not in self._locator:
            raise KeyError(doc_id)
        return self._get(doc_id)

    def _read(self, doc_id: str) -> ArticleRecord:
        number, article = self._locator[doc_id]
        meta = json.loads(self._view.segments[number].article_records[article])
        return ArticleRecord.from_metadata(doc_id, meta, self.texts)

    def texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """Return the texts of these articles (those in the view)."""
        out = {}
        for doc_id in doc_ids:
            found = self._locator.get(doc_id)
            if found is not None:
                out[doc_id] = self._view.segments[found[0]].article_texts[found[1]]
        return out


class QuoteVectors:
    """The stored embeddings of the view's quote rows, read from the segments."""

    def __init__(self, view: CorpusView) -> None:
        self._view = view

    def of(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the rows among ``rows`` that are live quotes, and their vectors (float32)."""
        view = self._view
        rows = np.asarray(rows, dtype=np.int64)
        known = rows[view.is_quote[rows]] if rows.size else rows
        dim = view.segments[0].dim if view.segments else 0
        matrix = np.zeros((known.size, dim), dtype=np.float32)
        numbers = np.searchsorted(view.offsets, known, side="right") - 1
        for number in np.unique(numbers):
            take = numbers == number
            local = known[take] - view.offsets[number]
            order = np.argsort(local)  # read the file in order
            block = np.asarray(view.segments[number].vectors[local[order]], dtype=np.float32)
            matrix[np.flatnonzero(take)[order]] = block
        return known, matrix


# -- syncing the view with the store -------------------------------------------------------


def _code_key() -> str:
    digest = hashlib.sha256(str(_FORMAT).encode())
    for path in _CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def _read_state(root: Path, scope: str) -> _State | None:
    path = root / _STATE
    try:
        with path.open("rb") as fh:
            # Our own file, written below into the data directory: pickle is safe here.
            state: _State = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a torn or foreign file is rebuilt, never trusted
        logger.warning("ignoring unreadable view state %s: %s", path, exc)
        return None
    if not isinstance(state, _State) or state.format != _FORMAT or state.code != _code_key():
        return None
    if state.scope != scope or not all((root / s).is_dir() for s in state.segments):
        return None
    return state


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / _LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _sync(
    store: Store,
    root: Path,
    scope: str,
    token: str | None,
    state: _State | None,
    corrections: Sequence[fixes.Correction],
) -> _State:
    """Bring the view in line with the store's committed articles (see the module docstring)."""
    # Articles another model embedded are not served: their vectors are not comparable.
    committed = store.embedded_generations()
    known: dict[str, str] = {}
    if state is not None:
        try:
            with (root / _GENERATIONS).open("rb") as fh:
                known = pickle.load(fh)
        except Exception as exc:  # without it the view cannot tell what changed: rebuild
            logger.warning("rebuilding the view: %s", exc)
            state = None
    segments = list(state.segments) if state is not None else []
    locator = dict(state.locator) if state is not None else {}
    changed = sorted(d for d, gen in committed.items() if known.get(d) != gen)
    removed = [d for d in known if d not in committed]
    opened = {name: Segment(root / name) for name in segments}
    dead = {  # packed bits are padded to whole bytes: unpack the segment's rows only
        name: np.unpackbits(bits, count=opened[name].size).astype(bool)
        for name, bits in (state.dead if state else {}).items()
        if name in opened
    }
    for doc_id in [*removed, *changed]:
        found = locator.pop(doc_id, None)
        if found is not None:
            name = segments[found[0]]
            segment = opened[name]
            mask = dead.setdefault(name, np.zeros(segment.size, dtype=bool))
            mask[segment.article_rows[found[1]] : segment.article_rows[found[1] + 1]] = True
            known.pop(doc_id, None)
    for doc_id in removed:
        known.pop(doc_id, None)
    for start in range(0, len(changed), SEGMENT_ARTICLES):
        batch = changed[start : start + SEGMENT_ARTICLES]
        written = _write_from_store(store, root, batch, committed)
        if written is None:
            continue
        segments.append(written)
        opened[written] = segment = Segment(root / written)
        number = len(segments) - 1
        for article, doc_id in enumerate(segment.article_ids):
            locator[doc_id] = (number, article)
            known[doc_id] = committed[doc_id]
    if changed or removed:
        logger.info("view: %d article(s) changed, %d removed", len(changed), len(removed))
    segments, locator, dead = _compact(root, segments, opened, locator, dead)
    state = _derive(scope, token, segments, opened, locator, dead, corrections)
    _write_pickle(root / _GENERATIONS, known)
    _write_pickle(root / _STATE, state)
    for path in root.glob("seg-*"):
        if path.name not in segments:  # readers that mapped it keep their mapping
            shutil.rmtree(path, ignore_errors=True)
    for old in root.glob("view-*.pickle"):  # the single-file cache of earlier versions
        old.unlink(missing_ok=True)
    return state


def _write_from_store(
    store: Store, root: Path, doc_ids: Sequence[str], committed: Mapping[str, str]
) -> str | None:
    """Write a segment of these articles' live chunks, read from the store."""
    articles = [
        ArticleEntry(doc_id, meta, text)
        for doc_id, meta, text in store.article_entries(doc_ids)
        if str(meta.get("generation", "")) == committed.get(doc_id)
    ]
    if not articles:
        return None
    generation = {a.doc_id: a.record.get("generation") for a in articles}
    rows = [
        RowEntry(chunk_id, text, record, vector)
        for chunk_id, text, record, vector in store.chunks_of(list(generation))
        if generation.get(record.doc_id) == record.generation
    ]
    dim = len(rows[0].vector) if rows else 0
    name = f"seg-{uuid.uuid4().hex[:12]}"
    write_segment(root / name, articles, rows, dim=dim)
    return name


def _compact(
    root: Path,
    segments: list[str],
    opened: dict[str, Segment],
    locator: dict[str, tuple[int, int]],
    dead: dict[str, np.ndarray],
) -> tuple[list[str], dict[str, tuple[int, int]], dict[str, np.ndarray]]:
    """Drop segments no article uses any more; merge the smaller ones when there are too many.

    The largest segments are not rewritten by a small ingest: a merge takes the smallest
    segments, so adding 1% of the articles writes about 1% (and now and then merges the
    small segments of earlier small ingests).
    """
    used: dict[str, list[tuple[str, int]]] = defaultdict(list)  # segment -> its live articles
    for doc_id, (number, article) in locator.items():
        used[segments[number]].append((doc_id, article))
    alive = [s for s in segments if used.get(s)]
    if len(alive) > MAX_SEGMENTS:
        merge = sorted(alive, key=lambda s: opened[s].size)[: len(alive) - MAX_SEGMENTS // 2]
        articles: list[ArticleEntry] = []
        rows: list[RowEntry] = []
        for name in merge:
            segment = opened[name]
            for doc_id, article in used[name]:
                articles.append(
                    ArticleEntry(doc_id, segment.article(article), segment.article_texts[article])
                )
                lo, hi = int(segment.article_rows[article]), int(segment.article_rows[article + 1])
                rows.extend(
                    RowEntry(
                        segment.ids[row], segment.texts[row], segment.record(row),
                        np.asarray(segment.vectors[row]),
                    )
                    for row in range(lo, hi)
                )  # fmt: skip
        merged = f"seg-{uuid.uuid4().hex[:12]}"
        write_segment(root / merged, articles, rows, dim=max(opened[s].dim for s in merge))
        opened[merged] = segment = Segment(root / merged)
        used[merged] = [(doc_id, n) for n, doc_id in enumerate(segment.article_ids)]
        alive = [*(s for s in alive if s not in merge), merged]
        logger.info("view: merged %d segments into %s", len(merge), merged)
    new_locator = {
        doc_id: (number, article)
        for number, name in enumerate(alive)
        for doc_id, article in used[name]
    }
    return alive, new_locator, {s: m for s, m in dead.items() if s in alive}


def _corrections_key(corrections: Sequence[fixes.Correction]) -> str:
    """What of the corrections the state depends on: the active ones, in order."""
    active = [c for c in corrections if c.active]
    return hashlib.sha256(repr(active).encode()).hexdigest()[:24] if active else ""


def _rederive(root: Path, state: _State, corrections: Sequence[fixes.Correction]) -> _State:
    """Derive the state again from its segments with other corrections, and write it."""
    opened = {name: Segment(root / name) for name in state.segments}
    dead = {name: np.unpackbits(bits, count=opened[name].size).astype(bool)
            for name, bits in state.dead.items() if name in opened}  # fmt: skip
    fresh = _derive(
        state.scope, state.stamp, list(state.segments), opened, dict(state.locator), dead,
        corrections,
    )  # fmt: skip
    _write_pickle(root / _STATE, fresh)
    return fresh


def _quote_fixes(
    segments: list[str],
    opened: dict[str, Segment],
    offsets: np.ndarray,
    locator: Mapping[str, tuple[int, int]],
    dead: Mapping[str, np.ndarray],
    corrections: Sequence[fixes.Correction],
) -> tuple[dict[int, ChunkRecord], fixes.Applied]:
    """Apply the quote corrections to the live rows of the articles they name.

    Returns the corrected records by view row, and what applying them did.
    """
    docs = {c.doc for c in corrections if c.active and c.what != "merge" and c.doc}
    rows: list[fixes.Row] = []
    where: list[int] = []
    for doc_id in sorted(docs):
        found = locator.get(doc_id)
        if found is None:
            continue
        number, article = found
        segment = opened[segments[number]]
        lo, hi = int(segment.article_rows[article]), int(segment.article_rows[article + 1])
        gone = dead.get(segments[number])
        for row in range(lo, hi):
            if gone is None or not gone[row]:
                rows.append((segment.ids[row], segment.texts[row], segment.record(row)))
                where.append(int(offsets[number]) + row)
    out, applied = fixes.apply(rows, corrections)
    overrides = {where[i]: meta for i, (_, _, meta) in enumerate(out) if meta is not rows[i][2]}
    return overrides, applied


def _derive(
    scope: str,
    token: str | None,
    segments: list[str],
    opened: dict[str, Segment],
    locator: dict[str, tuple[int, int]],
    dead: dict[str, np.ndarray],
    corrections: Sequence[fixes.Correction] = (),
) -> _State:
    """Compute what the state holds besides the segments: registry, speakers, copies, facts.

    Who said what is as corrected: the corrected quotes' records replace their rows', and
    merged names are renamed, before the registry is built (as ``corpus.corrections`` does to
    rows in memory).
    """
    offsets = np.cumsum([0] + [opened[s].size for s in segments])
    overrides, corrected = _quote_fixes(segments, opened, offsets, locator, dead, corrections)
    triples: list[tuple[str, str | None, str | None]] = []
    mentions: list[tuple[str, str]] = []
    named_rows: list[tuple[int, np.ndarray, np.ndarray]] = []  # (segment, local rows, codes)
    copies: list[tuple[np.ndarray, np.ndarray]] = []
    for number, name in enumerate(segments):
        segment = opened[name]
        rows = segment.rows
        base = int(offsets[number])
        live = ~dead[name] if name in dead else np.ones(segment.size, dtype=bool)
        fixed = np.asarray(
            sorted(r - base for r in overrides if base <= r < base + segment.size),
            dtype=np.int64,
        )
        plain = live.copy()
        plain[fixed] = False
        named = np.flatnonzero(plain & (rows["named"] == 1) & (rows["speaker"] != NONE))
        speakers = np.asarray(rows["speaker"][named])
        strings = lru_cache(maxsize=None)(segment.string)  # few distinct names, many rows
        # In row order, as the registry was always built (first spellings win ties).
        found = [
            (int(row), (strings(int(s)) or "", strings(int(r)), strings(int(k))))
            for row, s, r, k in zip(
                named, speakers, rows["role"][named], rows["source_kind"][named], strict=True
            )
        ]
        for row in fixed:
            meta = overrides[base + int(row)]
            if meta.named and meta.speaker is not None:
                found.append((int(row), (meta.speaker, meta.role, meta.source_kind)))
        if fixed.size:
            found.sort(key=lambda pair: pair[0])
        triples.extend(triple for _, triple in found)
        for row in named:
            mention = int(rows["mention"][row])
            if mention != NONE:
                mentions.append(
                    (segment.article_ids[int(rows["doc"][row])], strings(mention) or "")
                )
        named_rows.append((number, named, speakers))
        keys = np.asarray(rows["copy"])
        with_key = np.flatnonzero(live & (keys != 0))
        copies.append((base + with_key, keys[with_key]))
    registry = SpeakerRegistry.build(triples, mentions=mentions)
    renamed: dict[str, str] = {}
    if any(c.active and c.what == "merge" for c in corrections):
        renamed = fixes.merged_names({t[0] for t in triples}, corrections, registry.canonical)
        if renamed:
            triples = [(renamed.get(n, n), r, k) for n, r, k in triples]
            registry = SpeakerRegistry.build(triples, mentions=mentions)
            overrides = {
                row: replace(meta, speaker=renamed[meta.speaker])
                if meta.speaker in renamed and meta.named
                else meta
                for row, meta in overrides.items()
            }  # fmt: skip
    canonical: list[str] = []
    number_of: dict[str, int] = {}
    raw_names: dict[str, set[str]] = defaultdict(set)

    def numbered(raw: str) -> int:
        found = registry.canonical(raw)
        if found is None:
            return -1
        if found not in number_of:
            number_of[found] = len(canonical)
            canonical.append(found)
        raw_names[found].add(raw)
        return number_of[found]

    speaker_map: dict[str, np.ndarray] = {}
    grouped_rows: list[np.ndarray] = []
    grouped_ids: list[np.ndarray] = []
    for number, named, speakers in named_rows:
        name = segments[number]
        segment = opened[name]
        table = np.full(len(segment.strings), -1, dtype=np.int32)
        for code in np.unique(speakers):
            raw = segment.string(int(code)) or ""
            table[int(code)] = numbered(renamed.get(raw, raw))
        speaker_map[name] = table
        ids = table[speakers] if speakers.size else np.zeros(0, dtype=np.int32)
        keep = ids >= 0
        grouped_rows.append(offsets[number] + named[keep])
        grouped_ids.append(ids[keep])
    row_speaker = {
        row: numbered(meta.speaker) if meta.named and meta.speaker is not None else -1
        for row, meta in sorted(overrides.items())
    }
    fixed_rows = np.asarray([r for r, n in row_speaker.items() if n >= 0], dtype=np.int64)
    grouped_rows.append(fixed_rows)
    grouped_ids.append(np.asarray([n for n in row_speaker.values() if n >= 0], dtype=np.int32))
    all_rows = np.concatenate(grouped_rows).astype(np.int64)
    all_ids = np.concatenate(grouped_ids).astype(np.int64)
    order = np.lexsort((all_rows, all_ids))
    speaker_rows = all_rows[order].astype(np.int64)
    speaker_at = np.zeros(len(canonical) + 1, dtype=np.int64)
    speaker_at[1:] = np.cumsum(np.bincount(all_ids, minlength=len(canonical)))
    copy_rows, copy_group = _copy_groups(
        copies, segments, opened, offsets, speaker_map, canonical, overrides, row_speaker
    )
    return _State(
        format=_FORMAT,
        code=_code_key(),
        scope=scope,
        stamp=token,
        segments=segments,
        dead={s: np.packbits(m) for s, m in dead.items() if m.any()},
        registry=registry,
        canonical=canonical,
        speaker_map=speaker_map,
        speaker_rows=speaker_rows,
        speaker_at=speaker_at,
        raw_names=dict(raw_names),
        copy_rows=copy_rows,
        copy_group=copy_group,
        locator=locator,
        facts=_facts(segments, opened, locator),
        corrections=_corrections_key(corrections),
        corrected=corrected,
        overrides=overrides,
        row_speaker=row_speaker,
        renamed=renamed,
    )


def _copy_groups(
    copies: list[tuple[np.ndarray, np.ndarray]],
    segments: list[str],
    opened: dict[str, Segment],
    offsets: np.ndarray,
    speaker_map: dict[str, np.ndarray],
    canonical: list[str],
    overrides: Mapping[int, ChunkRecord],
    row_speaker: Mapping[int, int],
) -> tuple[np.ndarray, np.ndarray]:
    """Group the rows whose copy keys are equal and whose words and speaker really are.

    The speaker is the canonical one when the registry knows it, else as printed, as
    ``retrieval.copies`` compares them.
    """
    rows = np.concatenate([r for r, _ in copies]) if copies else np.zeros(0, dtype=np.int64)
    keys = np.concatenate([k for _, k in copies]) if copies else np.zeros(0, dtype=np.uint64)
    _unique, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    shared = counts[inverse] > 1
    rows, inverse = rows[shared], inverse[shared]
    group_rows: list[int] = []
    group_ids: list[int] = []
    next_group = 0
    order = np.argsort(inverse, kind="stable")
    bounds = np.flatnonzero(np.diff(inverse[order])) + 1
    for members in np.split(rows[order], bounds) if order.size else []:
        texts: dict[str, list[int]] = defaultdict(list)
        for row in members:
            number = int(np.searchsorted(offsets, row, side="right")) - 1
            segment = opened[segments[number]]
            local = int(row - offsets[number])
            record = segment.rows[local]
            code = int(record["speaker"])
            if int(row) in overrides:  # corrected: its speaker as corrected
                known = row_speaker[int(row)]
                printed = overrides[int(row)].speaker or ""
            else:
                known = (
                    int(speaker_map[segments[number]][code])
                    if code != NONE and record["named"]
                    else -1
                )
                printed = segment.string(code) or ""
            speaker = canonical[known] if known >= 0 else printed
            texts[f"{speaker}\x1f{' '.join(segment.texts[local].split())}"].append(int(row))
        for same in texts.values():
            if len(same) > 1:
                group_rows.extend(same)
                group_ids.extend([next_group] * len(same))
                next_group += 1
    order = np.argsort(np.asarray(group_rows, dtype=np.int64), kind="stable")
    return (
        np.asarray(group_rows, dtype=np.int64)[order],
        np.asarray(group_ids, dtype=np.int64)[order],
    )


def _facts(
    segments: list[str], opened: dict[str, Segment], locator: Mapping[str, tuple[int, int]]
) -> list[ScopeArticle]:
    """One article of each outlet, channel and month: all that scope facts are made of."""
    seen: dict[tuple[str | None, str | None, str | None], ScopeArticle] = {}
    for number, article in locator.values():
        meta: dict[str, Any] = json.loads(opened[segments[number]].article_records[article])
        outlet, url, date = meta.get("outlet"), meta.get("url"), meta.get("date")
        post = parse_post_url(url)
        channel = post[0].username if post is not None else None
        key = (outlet or None, channel, (date or "")[:7] or None)
        if key not in seen:
            seen[key] = ScopeArticle(outlet or None, url if post is not None else None, date)
    return list(seen.values())


def _write_pickle(path: Path, value: object) -> None:
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(fh.name, path)


__all__ = ["ChunkRow", "CorpusView", "QuoteVectors", "ScopeArticle"]
