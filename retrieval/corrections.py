"""Corrections of speakers, as the front ends make and list them (the file: corpus.corrections).

"Wrong speaker?" under a quote offers :func:`speaker_options`: the other people of the same
paragraph (quoted or named there), an unnamed source, a document, and "the same person as …"
for a name the registry keeps apart from a namesake of the same surname. :func:`correct`
records the choice (who, when, what) and reloads the answering view, so the next answer
already follows it; :func:`undo` takes one back; :func:`list_corrections` says what each one
does now (applied, stale, undone).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from corpus import corrections as fixes
from corpus.corrections import Correction, CorrectionsError
from corpus.speakers.names import parse
from retrieval.errors import QuestionError, RetrievalError
from retrieval.quote_ids import is_quote_id, row_of

if TYPE_CHECKING:
    from retrieval.service import IndexService

logger = logging.getLogger(__name__)

OPTIONS = 3  # other people offered for a quote


class CorrectionFailed(RetrievalError):
    """A correction cannot be made or undone; ``str()`` says why."""


class SpeakerOption(BaseModel):
    """One choice of the "Wrong speaker?" picker."""

    what: Literal["speaker", "anonymous", "document", "merge"]
    speaker: str | None = None
    label: str


class CorrectionInfo(BaseModel):
    """A correction and what it does now."""

    id: str
    what: str
    description: str
    by: str
    at: str
    status: Literal["applied", "stale", "undone"]
    rows: int = 0
    undone_by: str | None = None
    undone_at: str | None = None


def corrections_stamp(data_dir: Path) -> tuple[int, int] | None:
    """The corrections file's modification time and size (None when there is none)."""
    try:
        stat = fixes.path_of(data_dir).stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def read_corrections(data_dir: Path) -> list[Correction]:
    """The corrections to apply; none (with a warning) when the file cannot be read."""
    try:
        return fixes.load(data_dir)
    except CorrectionsError as exc:
        logger.warning("corrections not applied: %s", exc)
        return []


def speaker_options(service: IndexService, qid: str) -> list[SpeakerOption]:
    """Return the picker's choices for the quote ``qid`` ([] when it is gone)."""
    chain = service.current_chain()
    row = row_of(chain, qid) if is_quote_id(qid) else None
    if row is None:
        return []
    view = chain.view
    meta = view.rows[row].meta
    current = view.rows[row].speaker
    people: list[str] = []
    # Who else speaks in the paragraph and around it, then who is named there.
    for other in chain.ranker.article_quotes(meta.doc_id):
        chunk = view.rows[other]
        if abs(chunk.meta.paragraph - meta.paragraph) <= 1 and chunk.speaker:
            people.append(chunk.speaker)
    article = view.articles.get(meta.doc_id)
    if article is not None and 1 <= meta.paragraph <= len(article.paragraphs):
        numbers = (meta.paragraph - 1, meta.paragraph)
        for number in numbers:
            if 1 <= number <= len(article.paragraphs):
                text = article.text[slice(*article.paragraphs[number - 1])]
                people += [m.canonical for m in view.registry.find_in(text)]
    chosen = [p for p in dict.fromkeys(people) if p != current][:OPTIONS]
    options = [SpeakerOption(what="speaker", speaker=p, label=p) for p in chosen]
    options.append(SpeakerOption(what="anonymous", label="An unnamed source"))
    options.append(SpeakerOption(what="document", label="A document"))
    if current:
        for name in _namesakes(service, current):
            options.append(
                SpeakerOption(what="merge", speaker=name, label=f"Same person as {name}")
            )
    return options


def _namesakes(service: IndexService, name: str) -> list[str]:
    """Other speakers the registry keeps apart who share this one's surname (at most two)."""
    parsed = parse(name)
    if parsed is None or parsed.kind != "person":
        return []
    registry = service.current_chain().view.registry
    surname = parsed.key[-1]
    out = []
    for other in registry.names():
        theirs = parse(other)
        if (
            other != name
            and theirs is not None
            and theirs.kind == "person"
            and (theirs.key[-1] == surname)
        ):
            out.append(other)
    return sorted(out)[:2]


def correct(service: IndexService, qid: str, option: SpeakerOption, *, by: str) -> CorrectionInfo:
    """Record a correction of the quote ``qid``'s speaker and answer from it at once.

    Raises:
        CorrectionFailed: The quote is gone, or the file cannot be read or written.
    """
    chain = service.current_chain()
    row = row_of(chain, qid) if is_quote_id(qid) else None
    if row is None:
        raise CorrectionFailed("That quote is no longer in the corpus.")
    chunk = chain.view.rows[row]
    was = chunk.speaker or chunk.meta.speaker
    at = fixes.now()
    if option.what == "merge":
        if not was or not option.speaker:
            raise CorrectionFailed("Only a named speaker can be merged with another name.")
        correction = Correction(
            id=fixes.new_id("merge", was, option.speaker, at),
            what="merge", by=by, at=at, name=was, speaker=option.speaker,
        )  # fmt: skip
    else:
        if option.what == "speaker" and not (option.speaker or "").strip():
            raise CorrectionFailed("Say who said it.")
        correction = Correction(
            id=fixes.new_id(qid, option.what, option.speaker, at),
            what=option.what, by=by, at=at, doc=chunk.meta.doc_id,
            paragraph=chunk.meta.paragraph, quote=chunk.text, was=was,
            speaker=" ".join(option.speaker.split()) if option.speaker else None,
        )  # fmt: skip
    _change(service, lambda found: [*found, correction])
    return _info(service, correction)


def merge_names(service: IndexService, name: str, into: str, *, by: str) -> CorrectionInfo:
    """Record that ``name`` is the person ``into`` (two names of one person).

    Raises:
        CorrectionFailed: A name is empty, or the file cannot be read or written.
    """
    name, into = " ".join(name.split()), " ".join(into.split())
    if not name or not into or name == into:
        raise CorrectionFailed("Give two different names: NAME --into NAME.")
    at = fixes.now()
    correction = Correction(
        id=fixes.new_id("merge", name, into, at), what="merge", by=by, at=at, name=name,
        speaker=into,
    )  # fmt: skip
    _change(service, lambda found: [*found, correction])
    return _info(service, correction)


def undo(service: IndexService, correction_id: str, *, by: str) -> CorrectionInfo:
    """Undo a correction (it stays in the file, marked undone by whom and when).

    Raises:
        CorrectionFailed: No active correction has this id, or the file failed.
    """
    done: list[Correction] = []

    def edit(found: list[Correction]) -> list[Correction]:
        out = []
        for c in found:
            if c.id == correction_id and c.active:
                c = replace(c, undone_by=by, undone_at=fixes.now())
                done.append(c)
            out.append(c)
        return out

    _change(service, edit)
    if not done:
        raise CorrectionFailed(f"No correction {correction_id} to undo (see whosaid corrections).")
    return _info(service, done[0])


def _change(service: IndexService, edit: Callable[[list[Correction]], list[Correction]]) -> None:
    try:
        fixes.change(service.settings.data_dir, edit)
    except CorrectionsError as exc:
        raise CorrectionFailed(str(exc)) from exc
    service.refresh()


def list_corrections(service: IndexService) -> list[CorrectionInfo]:
    """Every correction in the file, oldest first, with what it does now.

    Raises:
        CorrectionFailed: The file cannot be read.
    """
    try:
        found = fixes.load(service.settings.data_dir)
    except CorrectionsError as exc:
        raise CorrectionFailed(str(exc)) from exc
    return [_info(service, c) for c in found]


def _info(service: IndexService, correction: Correction) -> CorrectionInfo:
    applied = service.current_chain().view.corrected
    if not correction.active:
        status: Literal["applied", "stale", "undone"] = "undone"
    elif correction.what == "merge" or correction.id in applied.rows:
        status = "applied"
    else:
        status = "stale"
    return CorrectionInfo(
        id=correction.id,
        what=correction.what,
        description=correction.describe(),
        by=correction.by,
        at=correction.at,
        status=status,
        rows=applied.rows.get(correction.id, 0),
        undone_by=correction.undone_by,
        undone_at=correction.undone_at,
    )


def questions_file(service: IndexService) -> Path:
    """Write the corrections as a ``whosaid eval`` question file; return its path.

    Raises:
        CorrectionFailed: The file cannot be read or written.
    """
    data_dir = service.settings.data_dir
    try:
        return fixes.write_questions(data_dir, fixes.load(data_dir))
    except CorrectionsError as exc:
        raise CorrectionFailed(str(exc)) from exc


def parse_option(what: str, speaker: str | None) -> SpeakerOption:
    """Build a picker choice from the command line's options.

    Raises:
        QuestionError: ``speaker`` is needed and missing.
    """
    if what == "speaker":
        if not speaker or not speaker.strip():
            raise QuestionError("Say who said it: --speaker NAME.")
        return SpeakerOption(what="speaker", speaker=speaker.strip(), label=speaker.strip())
    if what == "anonymous":
        return SpeakerOption(what="anonymous", label="An unnamed source")
    return SpeakerOption(what="document", label="A document")


__all__ = [
    "CorrectionFailed",
    "CorrectionInfo",
    "SpeakerOption",
    "correct",
    "corrections_stamp",
    "list_corrections",
    "merge_names",
    "parse_option",
    "questions_file",
    "read_corrections",
    "speaker_options",
    "undo",
]
