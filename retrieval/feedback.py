"""Thumbs up and down on answers, kept beside the question they answer, for review.

One JSON line per vote in ``feedback.jsonl`` in the data directory: when, who, where, the
question, the answer's sentence and its quotes (speaker, quote id, source), and the vote.
``whosaid feedback`` lists them; a thumbs-down is a question worth adding to an evaluation
file. Appending one short line is atomic on a local file system, so writers need no lock.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from retrieval.errors import RetrievalError

logger = logging.getLogger(__name__)

FILE_NAME = "feedback.jsonl"

Vote = Literal["up", "down"]


class FeedbackError(RetrievalError):
    """The feedback file cannot be read or written; ``str()`` says why."""


class ShownQuote(BaseModel):
    """A quote as the answer showed it."""

    id: str | None = None
    speaker: str | None = None
    source: str = Field(description="title or path, date, paragraph")


class Feedback(BaseModel):
    """One vote on one answer."""

    at: str
    by: str
    chat: str | None = None
    vote: Vote
    question: str
    answer: str
    quotes: list[ShownQuote] = Field(default_factory=list)


def record_feedback(data_dir: Path, feedback: Feedback) -> None:
    """Append one vote to the data directory's feedback file.

    Raises:
        FeedbackError: The file cannot be written.
    """
    line = feedback.model_dump_json() + "\n"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with (data_dir / FILE_NAME).open("a", encoding="utf-8") as fh:
            fh.write(line)
    except OSError as exc:
        raise FeedbackError(f"cannot write {data_dir / FILE_NAME}: {exc.strerror or exc}") from exc


def read_feedback(data_dir: Path) -> list[Feedback]:
    """Return every vote, oldest first (a line that is not a vote is skipped with a warning).

    Raises:
        FeedbackError: The file cannot be read.
    """
    path = data_dir / FILE_NAME
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise FeedbackError(f"cannot read {path}: {exc}") from exc
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(Feedback.model_validate(json.loads(line)))
        except (ValueError, ValidationError):
            logger.warning("%s: line %d is not a vote; skipped", path, number)
    return out


__all__ = [
    "FILE_NAME",
    "Feedback",
    "FeedbackError",
    "ShownQuote",
    "Vote",
    "read_feedback",
    "record_feedback",
]
