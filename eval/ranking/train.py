"""Fit the second-stage ranking's weights on questions over PolNeAR's build half.

Every question of the *fit* part is asked once through the real chain with the ranker
recording each candidate it scores (``Ranker.trace``): its signals (``retrieval.weights.
FEATURES``) and whether it is the answer (the gold speaker's chunk that holds the question's
``contains`` words). For each question, each answer is paired with each other candidate, and a
logistic regression without intercept learns from the differences which way a pair goes (a
pairwise ranker, one weight vector per family of questions; scikit-learn's lbfgs solver, so
the same data give the same weights). The weights are scaled so that the cosine weighs 1 (the
score stays in the units of a cosine, where the settings' margins are set), and the score from
which a who-answer says "X said this" is the lowest at which the fit questions' first answers
are right at least ``PRECISION`` of the time.

The *check* part (a third of the articles, by a hash of the article id; ``part_of``) is never
fitted on: its figures, with the fit part's, are written into the weights file's record, and
printed. Nobody looks at its failures while building.

Usage (the index of the build half, see ``eval/README.md``):
    python -m eval.ranking.train --data DIR [--out retrieval/ranking_weights.json] QUESTIONS...
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import logging
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from retrieval import RetrievalSettings, open_service
from retrieval.evaluation import load_questions, run_eval
from retrieval.records import Hit
from retrieval.service import IndexService
from retrieval.weights import FAMILIES, FEATURES, WEIGHTS_FILE, Family, RankingWeights

logger = logging.getLogger(__name__)

L2 = 0.01  # regularisation of the listwise fit
PRECISION = 0.9  # share of right first answers above the confidence threshold
CHECK_SHARE = 3  # one article in three is in the check part
GENERATED_WEIGHT = 0.5  # a generated question counts half as much as a hand-written one


def part_of(article: str) -> str:
    """Return ``fit`` or ``check``: the part of the questions an article's belong to."""
    digest = int(hashlib.sha256(f"ranking:{article}".encode()).hexdigest(), 16)
    return "check" if digest % CHECK_SHARE == 0 else "fit"


@dataclass(slots=True)
class Asked:
    """One fit question's candidates: signals, and which are the answer."""

    family: Family
    signals: np.ndarray  # candidates x features
    answer: np.ndarray  # bool per candidate
    weight: float
    top_ok: bool = False


def _is_answer(hit: Hit, item: dict[str, Any]) -> bool:
    speaker = (hit.speaker or "").lower()
    return any(s.lower() in speaker for s in item["speaker"]) and any(
        c.lower() in hit.text.lower() for c in item["contains"]
    )


def collect(service: IndexService, items: Sequence[dict[str, Any]]) -> list[Asked]:
    """Ask each question with the ranker recording, and return what it scored."""
    chain = service._current()
    out = []
    for item in items:
        if not item.get("speaker") or not item.get("contains"):
            continue
        trace: list[tuple[Family, Hit, tuple[float, ...]]] = []
        chain.ranker.trace = trace
        try:
            service.ask(str(item["q"]))
        finally:
            chain.ranker.trace = None
        # A row scored more than once (first search, then beside a passage) counts once.
        by_row = {hit.row: (family, hit, signal) for family, hit, signal in trace}
        answers = [h for _, h, _ in by_row.values() if _is_answer(h, item)]
        if not answers:
            continue  # the first stage missed it: nothing for the ranking to learn
        # The other windows of the answer's own quote are neither right nor wrong.
        own = {(h.meta.doc_id, h.meta.quote_index) for h in answers}
        kept = [
            (f, h, s)
            for f, h, s in by_row.values()
            if _is_answer(h, item) or (h.meta.doc_id, h.meta.quote_index) not in own
        ]
        family = kept[0][0]
        rows = np.array([s for _, _, s in kept], dtype=np.float64)
        answer = np.array([_is_answer(h, item) for _, h, _ in kept], dtype=bool)
        weight = GENERATED_WEIGHT if str(item.get("id", "")).startswith("gen") else 1.0
        out.append(Asked(family, rows, answer, weight))
    return out


def fit(asked: Sequence[Asked], family: Family, prior: tuple[float, ...]) -> tuple[float, ...]:
    """Fit one family's weights: the softmax of each question's scores should put its answers
    first (a listwise loss, smooth where counting right first answers is not), pulled towards
    ``prior`` (the weights in use) by an L2 term, so that a signal the questions say little
    about (quoted words, say) keeps its weight; L-BFGS from the prior, so the same data give
    the same weights."""
    w0 = np.asarray(prior, dtype=np.float64)
    mine = [a for a in asked if a.family == family and a.answer.any() and (~a.answer).any()]
    if not mine:
        raise SystemExit(f"no {family} question has both an answer and another candidate")
    total = sum(a.weight for a in mine)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        value, grad = L2 * float((w - w0) @ (w - w0)), 2 * L2 * (w - w0)
        for item in mine:
            scores = item.signals @ w
            top = scores.max()
            p = np.exp(scores - top)
            p /= p.sum()
            good = p[item.answer].sum()
            value -= item.weight / total * np.log(good)
            # d(-log sum_good p)/dw = E_p[x] - E_{p|good}[x]
            expected = p @ item.signals
            expected_good = (p[item.answer] / good) @ item.signals[item.answer]
            grad += item.weight / total * (expected - expected_good)
        return value, grad

    result = minimize(loss, w0.copy(), jac=True, method="L-BFGS-B")
    coef = result.x
    dense = coef[FEATURES.index("dense")]
    if dense <= 0:
        raise SystemExit(f"the {family} fit gives the cosine no positive weight: {coef}")
    return tuple(round(float(c / dense), 4) for c in coef)


def first_right(asked: Sequence[Asked], weights: dict[Family, tuple[float, ...]]) -> int:
    """Count the questions whose best-scored candidate is an answer."""
    right = 0
    for item in asked:
        scores = item.signals @ np.asarray(weights[item.family])
        right += bool(item.answer[int(np.argmax(scores))])
    return right


def threshold(asked: Sequence[Asked], weights: tuple[float, ...]) -> float:
    """Return the lowest score above which the who-questions' first answers are right often."""
    tops = []
    for item in asked:
        if item.family != "who":
            continue
        scores = item.signals @ np.asarray(weights)
        best = int(np.argmax(scores))
        tops.append((float(scores[best]), bool(item.answer[best])))
    tops.sort(reverse=True)
    best_t = tops[0][0] if tops else 0.85
    right = 0
    for n, (score, ok) in enumerate(tops, 1):
        right += ok
        if right / n >= PRECISION:
            best_t = score
    return round(best_t, 3)


def figures(service: IndexService, items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Run the questions through the chain and return the eval figures."""
    metrics = run_eval(service, items).metrics()
    return {
        "questions": metrics["questions"],
        "passed": metrics["passed"],
        "speaker": round(float(metrics["speaker_accuracy"]), 1),
        "contains": round(float(metrics["quote_containment"]), 1),
    }


def _commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return result.stdout.strip() or "unknown"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="index of the build half")
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    parser.add_argument("questions", type=Path, nargs="+")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    items = [item for path in args.questions for item in load_questions(path)]
    fit_items = [i for i in items if part_of(str(i["article"])) == "fit"]
    check_items = [i for i in items if part_of(str(i["article"])) == "check"]
    settings = RetrievalSettings(data_dir=args.data)  # type: ignore[call-arg]
    service = open_service(settings)
    chain = service._current()
    before = {"fit": figures(service, fit_items), "check": figures(service, check_items)}
    asked = collect(service, fit_items)
    prior = chain.ranker.weights
    learned = {family: fit(asked, family, prior.weights[family]) for family in FAMILIES}
    made = {
        "summary": f"fitted on {len(asked)} questions over PolNeAR's build half",
        "by": "make train-ranking (eval/ranking/train.py)",
        "date": datetime.date.today().isoformat(),
        "commit": _commit(),
        "embedding_model": settings.embedding_model,
        "questions": [str(p) for p in args.questions],
        "fit_questions": len(fit_items),
        "check_questions": len(check_items),
        "with_an_answer_among_candidates": len(asked),
        "method": f"listwise softmax loss, L2={L2} towards the weights before, L-BFGS; cosine "
        f"weight scaled to 1; generated questions weigh {GENERATED_WEIGHT}",
        "prior": {f: list(prior.weights[f]) for f in FAMILIES},
        "before": before,
    }
    weights = RankingWeights(learned, threshold(asked, learned["who"]), made)
    chain.ranker.weights = weights
    made["after"] = {"fit": figures(service, fit_items), "check": figures(service, check_items)}
    if made["after"]["check"]["passed"] < before["check"]["passed"]:
        # A fit that loses on the questions it did not see is not kept.
        args.out = args.out.with_suffix(".rejected.json")
        print(f"the check part got worse; the weights in use stay, the fit is in {args.out}")
    args.out.write_text(json.dumps(weights.as_json(), indent=2) + "\n", encoding="utf-8")
    for family in FAMILIES:
        print(family, dict(zip(FEATURES, learned[family], strict=True)))
    print("min_confident", weights.min_confident)
    print("before", json.dumps(before))
    print("after ", json.dumps(made["after"]))


if __name__ == "__main__":
    main()
