"""Train the speaker scorer on the build half of PolNeAR train (``make train-attribution``).

The quote engine lists, for every direct quotation, the candidate speakers the parse finds
around it with their features (``corpus.attribution.candidates``); a candidate is a positive
example when its words overlap the gold source of the PolNeAR attribution whose content the
quotation matches (as ``score_polnear.py`` matches them), a negative one otherwise. Only the
build half is read (``eval.polnear_split``): the held-out half is never opened here.

Two model families are compared by five-fold cross-validation grouped by article (logistic
regression, gradient-boosted trees), on how often the chosen candidate is the gold source,
the rules' own choice standing when no candidate scores above the threshold; the better one
and its threshold are refit on the whole build half and written, with this training record,
to ``corpus/attribution/data/speaker-scorer.json``. Everything is seeded: the same data gives
the same file.

Usage:
    python -m eval.train_attribution [POLNEAR_TRAIN_DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.attribution import engine
from corpus.attribution.candidates import Candidate
from corpus.attribution.marks import MarkedSpan
from corpus.attribution.records import Attribution
from corpus.attribution.scorer import MODEL_FILE
from corpus.loaders import load_file
from eval.polnear_split import half_of

logger = logging.getLogger(__name__)

SEED = 16
FOLDS = 5
OPENING_MARKS = '"“«'
DEFAULT_DATA = Path("../shared/data/polnear/train")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "corpus/attribution/data" / MODEL_FILE
# A choice must be more likely right than wrong: the scorer never names a speaker, or
# replaces the rules' choice, on a score below one half (text unlike PolNeAR's gives low
# scores to every candidate, and then the rules' reading stands).
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
# The rules' choice stands unless the scorer finds it unlikely.
KEEP = (0.05, 0.1, 0.2, 0.3, 0.5)


@dataclass(frozen=True, slots=True)
class Gold:
    """One PolNeAR attribution: its content's and its source's character spans."""

    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    direct: bool


@dataclass(slots=True)
class Example:
    """One quotation the engine found, its candidates and which of them are the gold source."""

    article: str
    candidates: list[Candidate]
    labels: list[bool]
    rule_right: bool
    # Whether the rules named a speaker or chose words for one.
    rules_chose: bool


def read_gold(ann: Path, text: str) -> list[Gold]:
    """Read a brat standoff file's attributions (spans and the events tying them)."""
    spans: dict[str, tuple[tuple[int, int], ...]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            offsets = parts[1].split(" ", 1)[1]
            spans[parts[0]] = tuple(
                (int(a), int(b)) for a, b in (seg.split() for seg in offsets.split(";"))
            )
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(x.split(":", 1) for x in parts[1].split() if ":" in x))
    gold = []
    for event in events:
        content = spans.get(event.get("Content", ""), ())
        source = spans.get(event.get("Source", ""), ())
        words = " ".join(text[a:b] for a, b in content)
        gold.append(Gold(content, source, words.lstrip()[:1] in OPENING_MARKS))
    return gold


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _matches(span: tuple[int, int], content: Sequence[tuple[int, int]]) -> bool:
    return any(_overlap(span, s) >= 0.5 * min(span[1] - span[0], s[1] - s[0]) for s in content)


def _labels(found: Sequence[Candidate], source: Sequence[tuple[int, int]]) -> list[bool]:
    """Mark the one candidate that heads the gold source's words as the positive example.

    A gold source is a whole noun phrase ("Jane Roe, an analyst at Brookings", "a spokesman
    for the ministry"): of the candidates inside it, the one highest in the parse is who
    speaks; "Brookings" and "the ministry" are not.
    """
    inside = [i for i, c in enumerate(found) if any(_overlap((c.start, c.end), s) for s in source)]
    labels = [False] * len(found)
    if inside:
        top = min(inside, key=lambda i: (found[i].depth, found[i].start))
        labels[top] = True
        for i in inside:
            # "The leader of Ennahda, Rachid Ghannouchi, said": the name in apposition to it
            # is the same speaker.
            if found[i].features.get("s_appos") and found[i].depth == found[top].depth + 1:
                labels[i] = True
    return labels


def collect(data: Path) -> list[Example]:
    """Run the rules over the build half and label each direct quotation's candidates."""
    examples: list[Example] = []
    texts = sorted((data / "text").glob("*.txt"))
    build = [p for p in texts if half_of(p.stem) == "build"]
    for path in build:
        anns = sorted((data / "attributions").glob(path.stem + "_*.ann"))
        if not anns:
            continue
        article = load_file(path)[0]
        gold = [g for g in read_gold(anns[0], article.text) if g.direct and g.source]
        seen: list[tuple[MarkedSpan, list[Candidate], Attribution]] = []

        def observe(span: MarkedSpan, found: list[Candidate], rule: Attribution) -> None:
            seen.append((span, found, rule))  # noqa: B023 - called before the loop moves on

        engine.extract(article.text, article.paragraphs, rules_only=True, observe=observe)
        for span, found, rule in seen:
            match = next((g for g in gold if _matches((span.start, span.end), g.content)), None)
            if match is None:
                continue
            labels = _labels(found, match.source)
            mention = rule.mention
            rule_right = mention is not None and any(
                _overlap((mention.start, mention.end), s) > 0 for s in match.source
            )
            chose = rule.mention is not None or rule.speaker is not None
            examples.append(Example(path.stem, found, labels, rule_right, chose))
    return examples


def _fold(article: str) -> int:
    return int(hashlib.sha256(f"{SEED}:{article}".encode()).hexdigest(), 16) % FOLDS


def _matrix(examples: Sequence[Example], names: Sequence[str]) -> tuple[Any, Any]:
    import numpy as np

    index = {n: i for i, n in enumerate(names)}
    rows = [c for e in examples for c in e.candidates]
    x = np.zeros((len(rows), len(names)))
    for r, cand in enumerate(rows):
        for name, value in cand.features.items():
            if name in index:
                x[r, index[name]] = value
    y = np.array([label for e in examples for label in e.labels], dtype=int)
    return x, y


def _make(family: str) -> Any:
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    if family == "logistic":
        return LogisticRegression(C=1.0, max_iter=2000)
    return GradientBoostingClassifier(
        n_estimators=200, max_depth=3, learning_rate=0.1, subsample=1.0, random_state=SEED
    )


def _tally(
    examples: Sequence[Example], scores: Sequence[float], keep: float, replace: float, fill: float
) -> tuple[int, int]:
    """Count the quotations whose final words are the gold source, and those named wrongly.

    The rules' choice stands while the scorer gives it at least ``keep``; otherwise the
    scorer's best candidate stands when it scores at least ``replace`` (the rules chose
    words) or ``fill`` (they chose none); otherwise the rules' choice stands, or no speaker.
    """
    right = wrong = 0
    k = 0
    for e in examples:
        n = len(e.candidates)
        mine = scores[k : k + n]
        k += n
        rules_chose = e.rules_chose
        ok: bool | None = None
        ruled = [mine[i] for i, c in enumerate(e.candidates) if "r_pick" in c.features]
        if n and not (ruled and max(ruled) >= keep):
            best = max(range(n), key=lambda i: mine[i])
            if mine[best] >= (replace if rules_chose else fill):
                ok = e.labels[best]
        if ok is None and rules_chose:
            ok = e.rule_right
        if ok is not None:
            right += ok
            wrong += not ok
    return right, wrong


def cross_validate(
    examples: Sequence[Example], names: Sequence[str], family: str
) -> dict[tuple[float, float, float], tuple[int, int]]:
    """Return a model family's grouped cross-validated (right, wrong) at each threshold pair."""
    by_fold = [[e for e in examples if _fold(e.article) == f] for f in range(FOLDS)]
    totals = {(k, r, f): (0, 0) for k in KEEP for r in THRESHOLDS for f in THRESHOLDS}
    for f in range(FOLDS):
        train = [e for g, fold in enumerate(by_fold) if g != f for e in fold]
        test = by_fold[f]
        x, y = _matrix(train, names)
        model = _make(family).fit(x, y)
        xt, _ = _matrix(test, names)
        scores = list(model.predict_proba(xt)[:, 1]) if len(xt) else []
        for key, (right, wrong) in totals.items():
            r, w = _tally(test, scores, *key)
            totals[key] = (right + r, wrong + w)
    return totals


def export(model: Any, family: str, names: Sequence[str]) -> dict[str, Any]:
    """Return a fitted model as the plain numbers ``corpus.attribution.scorer`` reads."""
    if family == "logistic":
        return {
            "bias": float(model.intercept_[0]),
            "weights": [float(w) for w in model.coef_[0]],
            "trees": [],
        }
    prior = model.init_.class_prior_[1]
    trees = []
    for est in model.estimators_[:, 0]:
        tree = est.tree_
        trees.append(
            {
                "left": [int(v) for v in tree.children_left],
                "right": [int(v) for v in tree.children_right],
                "feature": [max(int(v), 0) for v in tree.feature],
                "threshold": [float(v) for v in tree.threshold],
                "value": [float(v) * model.learning_rate for v in tree.value[:, 0, 0]],
            }
        )
    return {
        "bias": math.log(prior / (1 - prior)),
        "weights": [0.0] * len(names),
        "trees": trees,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--family", choices=("logistic", "boosted"), default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    examples = collect(args.data)
    names = sorted({n for e in examples for c in e.candidates for n in c.features})
    covered = sum(any(e.labels) for e in examples)
    rules = sum(e.rule_right for e in examples) / len(examples)
    print(f"{len(examples)} quotations, {sum(len(e.candidates) for e in examples)} candidates")
    print(f"gold source among the candidates: {covered / len(examples):.3f}")
    print(f"rules alone: {rules:.4f}")
    results: dict[str, dict[tuple[float, float, float], tuple[int, int]]] = {}
    for family in ("logistic", "boosted") if args.family is None else (args.family,):
        results[family] = cross_validate(examples, names, family)
        best = max(results[family].items(), key=lambda kv: kv[1][0] - kv[1][1])
        print(f"{family}: best thresholds {best[0]}, right {best[1][0]}, wrong {best[1][1]}")
    # Trust before coverage: a wrong speaker costs as much as a right one gains, so the
    # thresholds say when the scorer's choice beats the rules' (or no speaker at all). On a
    # tie the logistic model stands: a few dozen weights rather than hundreds of trees.
    family, (keep, replace, fill), (right, wrong) = max(
        ((f, k, v) for f, by_t in results.items() for k, v in by_t.items()),
        key=lambda r: (r[2][0] - r[2][1], r[0] == "logistic", r[1][2], r[1][1], -r[1][0]),
    )
    accuracy = right / len(examples)
    x, y = _matrix(examples, names)
    model = _make(family).fit(x, y)
    record = {
        "features": list(names),
        **export(model, family, names),
        "keep_threshold": keep,
        "threshold": replace,
        "fill_threshold": fill,
        "training": {
            "data": "PolNeAR train, build half (eval/polnear_split.py), first annotator",
            "articles": len({e.article for e in examples}),
            "quotations": len(examples),
            "candidates": len(y),
            "positives": int(y.sum()),
            "family": family,
            "seed": SEED,
            "folds": FOLDS,
            "cross_validated": {
                "family": family,
                "keep_threshold": keep,
                "threshold": replace,
                "fill_threshold": fill,
                "right": right,
                "wrong": wrong,
                "no_speaker": len(examples) - right - wrong,
                "accuracy": round(accuracy, 4),
                "rules_alone": round(rules, 4),
            },
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {args.out}: {family}, thresholds {keep}/{replace}/{fill}, cross-validated "
        f"{accuracy:.4f} right, {wrong / len(examples):.4f} wrong (rules alone {rules:.4f})"
    )


if __name__ == "__main__":
    sys.exit(main())
