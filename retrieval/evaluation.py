"""``whosaid eval``: run a question file and measure the answers.

The file is YAML: a list of items with ``id``, ``q`` and any of ``speaker`` (the first quote's
speaker must contain one of these), ``contains`` (one of the first three quotes must contain
one of these) and ``negative`` (nobody of that name is quoted: the answer must say nothing
was found and attribute nothing to that name). Every quote must be verbatim from its source.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from retrieval.errors import QuestionFileError
from retrieval.models import Answer, QuoteResult
from retrieval.service import IndexService


@dataclass(slots=True)
class ItemResult:
    """One question's outcome."""

    id: str
    question: str
    answer: Answer
    latency_ms: float
    speaker_ok: bool | None = None
    contains_ok: bool | None = None
    negative_ok: bool | None = None
    verbatim: tuple[int, int] = (0, 0)

    @property
    def passed(self) -> bool:
        """Whether every check that applies to this item passed."""
        checks = [self.speaker_ok, self.contains_ok, self.negative_ok]
        return all(c is not False for c in checks) and self.verbatim[0] == self.verbatim[1]


@dataclass(slots=True)
class EvalReport:
    """All outcomes, and the figures ``whosaid eval`` prints."""

    items: list[ItemResult] = field(default_factory=list)

    def metrics(self) -> dict[str, float | int]:
        """Return speaker accuracy, containment, verbatim and not-found rates and latency."""

        def rate(values: list[bool | None]) -> float:
            scored = [v for v in values if v is not None]
            return 100.0 * sum(scored) / len(scored) if scored else 100.0

        latencies = sorted(i.latency_ms for i in self.items)
        verbatim_ok = sum(i.verbatim[0] for i in self.items)
        verbatim_all = sum(i.verbatim[1] for i in self.items)
        return {
            "questions": len(self.items),
            "speaker_accuracy": rate([i.speaker_ok for i in self.items]),
            "quote_containment": rate([i.contains_ok for i in self.items]),
            "verbatim_rate": 100.0 * verbatim_ok / verbatim_all if verbatim_all else 100.0,
            "not_found_correct": rate([i.negative_ok for i in self.items]),
            "passed": sum(i.passed for i in self.items),
            "latency_p50_ms": _percentile(latencies, 50),
            "latency_p95_ms": _percentile(latencies, 95),
        }


def load_questions(path: Path) -> list[dict[str, Any]]:
    """Read a question file, with ``speaker`` and ``contains`` as lists of strings.

    Raises:
        QuestionFileError: The file cannot be read, is not YAML, or an item is malformed
            (one line naming the file, and the item or the YAML line).
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise QuestionFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError:
        raise QuestionFileError(f"{path}: not valid UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise QuestionFileError(f"{path}: malformed YAML{where}: {problem}") from None
    except (RecursionError, ValueError) as exc:  # nesting too deep, impossible dates…
        raise QuestionFileError(f"{path}: malformed YAML: {type(exc).__name__}") from None
    if not isinstance(data, list):
        raise QuestionFileError(f"{path}: expected a YAML list of items with a 'q' key")
    return [_item(path, n, item) for n, item in enumerate(data, 1)]


def _item(path: Path, number: int, item: object) -> dict[str, Any]:
    if not isinstance(item, dict) or not isinstance(item.get("q"), str):
        raise QuestionFileError(f"{path}: item {number} has no 'q' question text")
    out = dict(item)
    for key in ("speaker", "contains"):
        value = out.get(key)
        if isinstance(value, str):
            # ``speaker: "Psaki"`` means one name, not the letters P, s, a, k, i.
            out[key] = [value]
        elif value is not None and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise QuestionFileError(f"{path}: item {number}: '{key}' must be text or a list")
    negative = out.get("negative")
    if negative is not None and not isinstance(negative, str):
        raise QuestionFileError(f"{path}: item {number}: 'negative' must be a name")
    return out


def run_eval(service: IndexService, items: Sequence[dict[str, Any]]) -> EvalReport:
    """Ask every question once and check each answer."""
    report = EvalReport()
    for n, item in enumerate(items):
        started = time.perf_counter()
        answer = service.ask(str(item["q"]))
        latency = (time.perf_counter() - started) * 1000
        result = ItemResult(str(item.get("id", n)), str(item["q"]), answer, latency)
        quotes = answer.quotes
        if item.get("speaker"):
            first = (quotes[0].speaker or "").lower() if quotes else ""
            result.speaker_ok = (
                any(s.lower() in first for s in item["speaker"]) if first else False
            )
        if item.get("contains"):
            result.contains_ok = any(
                c.lower() in q.text.lower() for q in quotes[:3] for c in item["contains"]
            )
        if item.get("negative"):
            name = str(item["negative"]).lower()
            result.negative_ok = not answer.found and not any(
                name in (q.speaker or "").lower() for q in quotes
            )
        result.verbatim = (sum(_is_verbatim(service, q) for q in quotes), len(quotes))
        report.items.append(result)
    return report


def _is_verbatim(service: IndexService, quote: QuoteResult) -> bool:
    article = service.view.articles.get(quote.source.doc_id)
    if article is None or article.text[quote.start : quote.end] != quote.text:
        return False
    path = Path(quote.source.path)
    if path.suffix.lower() in {".txt", ".md", ".markdown"} and path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            return fh.read()[quote.start : quote.end] == quote.text
    return True


def _percentile(values: list[float], pct: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]
