"""Corrections of who said what: an audited, per-corpus override file (``corrections.yaml``).

People who know better fix the speaker of a quote ("Wrong speaker?" in the bot, or ``whosaid
corrections add``): another person, an unnamed source, a document, or two names that are one
person (a merge). Each correction is one entry of a plain YAML file in the data directory, safe
to read, edit by hand and keep in git:

.. code-block:: yaml

    corrections:
    - id: c3f2a9b1
      what: speaker          # speaker | anonymous | document | merge
      doc: 1a2b3c4d5e6f7a8b  # the quote's article
      paragraph: 4
      quote: The bridge will be ready by spring   # the quote as printed: how it is found
      was: Jane Holt
      speaker: Tom Reed
      by: telegram:1001 Ada
      at: '2026-12-07T22:10:00+00:00'
    - id: 9e8d7c6b
      what: merge
      name: Clinton          # this name …
      speaker: Hillary Clinton   # … is this person
      by: cli
      at: ...

Corrections change *who*, never *what*: there is no field that replaces a quote's words, the
``quote`` field only finds the quote (its words as printed), and a quote whose words no longer
match (the article changed) is left as the engine read it and listed as stale. Applied when
the answering view loads (:func:`apply`), which is at start-up and after every ingest, so they
survive re-ingests. Undoing one keeps it in the file with ``undone_by`` and ``undone_at``: the
audit trail stays; deleting an entry by hand undoes it too.

Errors: :class:`CorrectionsError` (a :class:`corpus.errors.CorpusError`) when the file cannot be
read or written; a file that fails to parse is never overwritten. Entries that make no sense
(an unknown ``what``, a missing field) are skipped with a warning, so one bad hand edit never
stops answering.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from corpus.chunks import ChunkRecord
from corpus.errors import CorpusError
from corpus.lock import write_lock

logger = logging.getLogger(__name__)

FILE_NAME = "corrections.yaml"
QUESTIONS_NAME = "corrections-questions.yaml"
_LOCK_NAME = "corrections.lock"
_LOCK_SECONDS = 10.0
ANONYMOUS = "an unnamed source"
DOCUMENT = "a document"

What = Literal["speaker", "anonymous", "document", "merge"]
_WHATS: frozenset[str] = frozenset(get_args(What))
_HEADER = """\
# whosaid corrections: who said what, as people who know better corrected it.
# Plain YAML, safe to edit by hand and to keep in git. Each entry: id, what (speaker |
# anonymous | document | merge), the quote it is about (doc, paragraph, quote: its words as
# printed, only to find it; a correction never changes them), was (the speaker before),
# speaker (the right one; for a merge, the person the other name is), name (merge: the other
# name), by, at (who and when), and undone_by / undone_at once undone.
# Applied when whosaid starts and after every ingest. Delete an entry to drop it.
"""
Row = tuple[str, str, ChunkRecord]


class CorrectionsError(CorpusError):
    """The corrections file cannot be read or written; ``str()`` says which and why."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction of who said a quote, with who made it and when."""

    id: str
    what: What
    by: str
    at: str
    doc: str | None = None
    paragraph: int | None = None
    quote: str | None = None
    was: str | None = None
    speaker: str | None = None
    name: str | None = None  # merge: the other name of ``speaker``
    undone_by: str | None = None
    undone_at: str | None = None

    @property
    def active(self) -> bool:
        """Whether it applies (not undone)."""
        return self.undone_at is None

    @property
    def new_speaker(self) -> str:
        """Who the quote is by after this correction, as shown."""
        if self.what == "anonymous":
            return ANONYMOUS
        if self.what == "document":
            return DOCUMENT
        return self.speaker or ""

    def describe(self) -> str:
        """One line saying what the correction does."""
        if self.what == "merge":
            return f"“{self.name}” is {self.speaker}"
        quote = _clip(self.quote or "", 60)
        return f"“{quote}”: {self.was or 'nobody'} → {self.new_speaker}"


@dataclass(slots=True)
class Applied:
    """What applying the corrections did: rows changed per correction, and the stale ones."""

    rows: dict[str, int] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)


def path_of(data_dir: Path) -> Path:
    """Return the corrections file of a data directory."""
    return data_dir / FILE_NAME


def load(data_dir: Path) -> list[Correction]:
    """Read the corrections of a data directory (none when there is no file).

    Raises:
        CorrectionsError: The file cannot be read or is not YAML of the expected shape.
    """
    path = path_of(data_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"cannot read {path}: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise CorrectionsError(f"{path} is not valid YAML{where}; fix it by hand") from None
    if data is None:
        return []
    entries = data.get("corrections") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CorrectionsError(f"{path}: expected a 'corrections:' list")
    out = []
    for number, entry in enumerate(entries, 1):
        correction = _entry(entry)
        if correction is None:
            logger.warning("%s: entry %d is not a correction; it is ignored", path, number)
        else:
            out.append(correction)
    return out


def _entry(entry: object) -> Correction | None:
    if not isinstance(entry, dict):
        return None
    values = {k: entry.get(k) for k in Correction.__dataclass_fields__}
    if values["what"] not in _WHATS or not values["id"] or not values["by"] or not values["at"]:
        return None
    for key, value in values.items():
        if value is not None and key != "paragraph":
            values[key] = str(value)
    if values["paragraph"] is not None and not isinstance(values["paragraph"], int):
        return None
    if values["what"] == "merge":
        if not values["name"] or not values["speaker"]:
            return None
    elif (
        not values["doc"]
        or not values["quote"]
        or (values["what"] == "speaker" and not values["speaker"])
    ):
        return None
    return Correction(**values)  # type: ignore[arg-type]


def _write(data_dir: Path, corrections: Sequence[Correction]) -> None:
    path = path_of(data_dir)
    entries = [{k: v for k, v in asdict(c).items() if v is not None} for c in corrections]
    text = _HEADER + yaml.safe_dump(
        {"corrections": entries}, allow_unicode=True, sort_keys=False, width=100
    )
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=data_dir, suffix=".tmp", delete=False
        ) as fh:
            fh.write(text)
        os.replace(fh.name, path)
    except OSError as exc:
        raise CorrectionsError(f"cannot write {path}: {exc.strerror or exc}") from exc
    write_questions(data_dir, corrections)


def change(data_dir: Path, edit: Callable[[list[Correction]], list[Correction]]) -> None:
    """Read, edit and write the file under its lock (one writer at a time, any process).

    Raises:
        CorrectionsError: The file cannot be read (it is then left as it is) or written.
    """
    try:
        with write_lock(data_dir / _LOCK_NAME, timeout=_LOCK_SECONDS):
            _write(data_dir, edit(load(data_dir)))
    except CorrectionsError:
        raise
    except CorpusError as exc:  # the lock: busy past the timeout, or not creatable
        raise CorrectionsError(f"cannot lock the corrections file: {exc}") from exc


def now() -> str:
    """The time a correction is made, as stored (UTC, ISO 8601, whole seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def new_id(*parts: object) -> str:
    """A short id for a new correction."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:8]


# --- applying ---------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def _plain(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def apply(rows: list[Row], corrections: Iterable[Correction]) -> tuple[list[Row], Applied]:
    """Return the rows with the active quote corrections applied (merges: :func:`merge`).

    A correction finds its quote by article and words (whitespace aside) and re-attributes
    every piece of that quote; the words themselves are never touched.
    """
    applied = Applied()
    active = [c for c in corrections if c.active and c.what != "merge"]
    if not active:
        return rows, applied
    out = list(rows)
    by_doc: dict[str, list[int]] = {}
    for index, (_, _, meta) in enumerate(out):
        if meta.is_quote:
            by_doc.setdefault(meta.doc_id, []).append(index)
    for correction in active:
        found = _find(out, by_doc.get(correction.doc or "", []), correction)
        if found is None:
            applied.stale.append(correction.id)
            continue
        quote_index = out[found][2].quote_index
        pieces = [
            i for i in by_doc[correction.doc or ""] if out[i][2].quote_index == quote_index
        ] or [found]
        for i in pieces:
            chunk_id, text, meta = out[i]
            out[i] = (chunk_id, text, _corrected(meta, correction))
        applied.rows[correction.id] = len(pieces)
    return out, applied


def _find(rows: list[Row], candidates: list[int], correction: Correction) -> int | None:
    wanted = _plain(correction.quote or "")
    if not wanted:
        return None
    near = sorted(
        candidates,
        key=lambda i: abs(rows[i][2].paragraph - (correction.paragraph or rows[i][2].paragraph)),
    )
    for i in near:
        if _plain(rows[i][1]) == wanted:
            return i
    for i in near:  # the quote re-cut into other pieces: one holds the other
        text = _plain(rows[i][1])
        if len(wanted) >= 20 and (wanted in text or (len(text) >= 20 and text in wanted)):
            return i
    return None


def _corrected(meta: ChunkRecord, correction: Correction) -> ChunkRecord:
    if correction.what == "anonymous":
        return replace(meta, speaker=ANONYMOUS, source_kind="anonymous", role=None, mention=None)
    if correction.what == "document":
        return replace(meta, speaker=DOCUMENT, source_kind="document", role=None, mention=None)
    return replace(
        meta,
        speaker=correction.speaker,
        source_kind="person" if meta.source_kind != "organisation" else "organisation",
        role=None,
        mention=None,
        confidence=1.0,
    )


def merge(
    rows: list[Row], corrections: Iterable[Correction], canonical: Callable[[str], str | None]
) -> list[Row]:
    """Return the rows with each merged name written as the person it is.

    ``canonical`` is the registry built without the merges: every way of naming the merged
    name's speaker ("Clinton", "Mrs. Clinton") becomes the name it was merged into.
    """
    merges = [c for c in corrections if c.active and c.what == "merge"]
    if not merges:
        return rows
    into: dict[str, str] = {}
    for correction in merges:
        name, target = correction.name or "", correction.speaker or ""
        into[canonical(name) or name] = target
    out = []
    for chunk_id, text, meta in rows:
        raw = meta.speaker
        if raw is not None and meta.named:
            found = into.get(canonical(raw) or raw) or into.get(raw)
            if found is not None and found != raw:
                meta = replace(meta, speaker=found)
        out.append((chunk_id, text, meta))
    return out


# --- as evaluation cases ------------------------------------------------------------------------


def questions(corrections: Iterable[Correction]) -> list[dict[str, Any]]:
    """Return each active correction as a ``whosaid eval`` question (the file's schema)."""
    out: list[dict[str, Any]] = []
    for c in corrections:
        if not c.active:
            continue
        if c.what == "merge":
            out.append({"id": f"correction-{c.id}", "q": f"What did {c.name} say?",
                        "speaker": [c.speaker]})  # fmt: skip
            continue
        words = " ".join((c.quote or "").split()[:12]).strip(" ,.;:")
        item: dict[str, Any] = {"id": f"correction-{c.id}", "q": f"Who said “{words}”?",
                                "contains": [words]}  # fmt: skip
        if c.what == "speaker":
            item["speaker"] = [c.speaker]
        out.append(item)
    return out


def write_questions(data_dir: Path, corrections: Iterable[Correction]) -> Path:
    """Write the corrections as a question file beside them (``whosaid eval`` runs it)."""
    path = data_dir / QUESTIONS_NAME
    header = (
        "# Every active correction in corrections.yaml as a question for `whosaid eval`\n"
        "# (written by whosaid at each correction; do not edit).\n"
    )
    body = yaml.safe_dump(list(questions(corrections)), allow_unicode=True, sort_keys=False)
    try:
        path.write_text(header + (body if body.strip() != "[]" else "[]\n"), encoding="utf-8")
    except OSError as exc:
        raise CorrectionsError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


def _clip(text: str, size: int) -> str:
    text = _plain(text)
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


__all__ = [
    "ANONYMOUS",
    "DOCUMENT",
    "FILE_NAME",
    "QUESTIONS_NAME",
    "Applied",
    "Correction",
    "CorrectionsError",
    "What",
    "apply",
    "change",
    "load",
    "merge",
    "new_id",
    "now",
    "path_of",
    "questions",
    "write_questions",
]
