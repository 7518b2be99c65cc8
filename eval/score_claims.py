"""Score the quote verifier (``whosaid check``, issue #20) on a claims file.

Each claim (format in the header of ``eval/heldout/claims.yaml``) is checked with
``whosaid check --json [--speaker NAME] -- TEXT`` against an index of the held-out half of PolNeAR
train, built in a temporary data directory (or one given with ``--data-dir``, reused while the code
is unchanged: ``eval/indexes.py``). Printed: per-verdict precision and recall, the confusion
matrix, and a last line

    SUMMARY accuracy=.. verbatim_p=.. verbatim_r=.. altered_p=.. ... proof=.. n=..

where ``proof`` is the share of claims built on a real quote (verbatim, altered, misattributed)
whose first returned quote comes from the claim's article and overlaps its real quote. Claims
and articles are never printed; ``-v`` lists the wrong ones by id. When ``whosaid check`` does not
exist yet the scorer stops at once (exit 2) with a message saying so, before any ingest.

Usage, from the project checkout:
    python -m eval.score_claims [CLAIMS] [--cmd .venv/bin/whosaid] [--data-dir DIR] [-v]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from eval.indexes import (
    IndexBuildError,
    checkout_stamp,
    ensure_index,
    heldout_articles,
    whosaid_env,
)

VERDICTS = ("verbatim", "altered", "misattributed", "not_found")
DEFAULT_CLAIMS = Path("eval/heldout/claims.yaml")
DEFAULT_TRAIN = Path("../shared/data/polnear/train")


def check_command(cmd: list[str]) -> str:
    """Return ``whosaid check --help``'s text, or exit with a clear message when it is missing."""
    result = subprocess.run([*cmd, "check", "--help"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        why = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(
            "whosaid check is missing: the quote verifier of issue #20 is not built in this "
            f"checkout, so the claims cannot be scored yet ({why})",
            file=sys.stderr,
        )
        sys.exit(2)
    return result.stdout


def takes_many(help_text: str) -> bool:
    """Return whether ``whosaid check`` accepts several texts in one call (a variadic TEXT)."""
    return bool(re.search(r"(\w+) \[\1 \.\.\.\]|\w+\s*\.\.\.", help_text.split("\n\n")[0]))


def plain(text: str) -> str:
    """Fold quotation marks, dashes and whitespace, for comparing a claim or quote with another."""
    table = str.maketrans("‘’‚‛“”„‟«»–—", '\'\'\'\'""""""--')
    text = unicodedata.normalize("NFKC", text or "").translate(table).casefold()
    return re.sub(r"\s+", " ", text).strip(" \"'")


def json_lines(out: str) -> list[dict[str, Any]]:
    rows = []
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("{"):
            with contextlib.suppress(ValueError):
                rows.append(json.loads(line))
    return rows


def run_checks(
    cmd: list[str], claims: list[dict[str, Any]], env: dict[str, str], batch: bool
) -> dict[str, dict[str, Any]]:
    """Return whosaid's answer to each claim, by claim id."""
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for claim in claims:
        key = claim.get("speaker") if batch else f"{claim['id']}"
        groups.setdefault(key, []).append(claim)
    answers: dict[str, dict[str, Any]] = {}
    for group in groups.values():
        speaker = group[0].get("speaker")
        args = [*cmd, "check", "--json"]
        if speaker:
            args += ["--speaker", str(speaker)]
        args += ["--", *(str(c["claim"]) for c in group)]
        result = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
        if result.returncode not in (0, 3):
            sys.exit(f"whosaid check exited {result.returncode}: {result.stderr[-1000:]}")
        rows = json_lines(result.stdout)
        if len(rows) == len(group):
            pairs = list(zip(group, rows, strict=True))
        else:  # match by the claim text the answer repeats
            by_text = {plain(str(r.get("claim"))): r for r in rows}
            pairs = [(c, by_text.get(plain(str(c["claim"])), {})) for c in group]
        for claim, row in pairs:
            answers[claim["id"]] = row
    return answers


def proof_ok(claim: dict[str, Any], answer: dict[str, Any]) -> bool:
    """Return whether the first quote shown is the claim's real quote, from its article."""
    quotes = answer.get("quotes") or []
    if not quotes or not isinstance(quotes[0], dict):
        return False
    first = quotes[0]
    source = first.get("source") or {}
    path = source.get("path") if isinstance(source, dict) else None
    if not path or os.path.basename(str(path)) != claim["article"]:
        return False
    shown, real = plain(str(first.get("text"))), plain(str(claim["quote"]))
    return bool(shown) and (shown in real or real in shown)


def report(claims: list[dict[str, Any]], answers: dict[str, dict[str, Any]], verbose: bool) -> str:
    """Print the per-verdict figures and the confusion matrix; return the summary line."""
    matrix = {want: dict.fromkeys([*VERDICTS, "other"], 0) for want in VERDICTS}
    proofs = real = 0
    for claim in claims:
        want = claim["verdict"]
        got = str(answers.get(claim["id"], {}).get("verdict"))
        matrix[want][got if got in VERDICTS else "other"] += 1
        if want != "not_found":
            real += 1
            proofs += proof_ok(claim, answers.get(claim["id"], {}))
        if verbose and got != want:
            print(f"    {claim['id']}: want {want}, got {got}")
    figures = []
    print(f"{'verdict':<14}{'n':>5}{'precision':>11}{'recall':>9}")
    for verdict in VERDICTS:
        n = sum(matrix[verdict].values())
        said = sum(matrix[w][verdict] for w in VERDICTS)
        right = matrix[verdict][verdict]
        precision = right / said if said else 0.0
        recall = right / n if n else 0.0
        print(f"{verdict:<14}{n:>5}{precision:>11.3f}{recall:>9.3f}")
        figures.append(f"{verdict}_p={precision:.3f} {verdict}_r={recall:.3f}")
    print("confusion (rows: right verdict, columns: verdict given):")
    print(" " * 14 + "".join(f"{v[:9]:>10}" for v in [*VERDICTS, "other"]))
    for want in VERDICTS:
        print(f"{want:<14}" + "".join(f"{matrix[want][g]:>10}" for g in [*VERDICTS, "other"]))
    correct = sum(matrix[v][v] for v in VERDICTS)
    return (
        f"SUMMARY accuracy={correct / len(claims):.3f} {' '.join(figures)} "
        f"proof={proofs / real if real else 0.0:.3f} n={len(claims)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=Path, nargs="?", default=DEFAULT_CLAIMS)
    parser.add_argument("--cmd", default=".venv/bin/whosaid", help="the whosaid command")
    parser.add_argument("--polnear", type=Path, default=DEFAULT_TRAIN, help="PolNeAR train folder")
    parser.add_argument(
        "--data-dir", type=Path, help="keep the index here (reused while unchanged)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong verdicts by id")
    args = parser.parse_args()
    cmd = args.cmd.split()
    cmd[0] = os.path.abspath(cmd[0]) if os.path.exists(cmd[0]) else cmd[0]
    help_text = check_command(cmd)
    claims = yaml.safe_load(args.claims.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="whosaid-claims-") as tmp:
        data_dir = args.data_dir or Path(tmp) / "data"
        # The articles stay beside the index: answers are verified against the files it cites.
        articles = heldout_articles(args.polnear, data_dir.with_name(data_dir.name + "-articles"))
        try:
            ensure_index(cmd, data_dir, articles, checkout_stamp(Path.cwd()))
        except IndexBuildError as exc:
            sys.exit(str(exc))
        answers = run_checks(cmd, claims, whosaid_env(data_dir, articles), takes_many(help_text))
    print(report(claims, answers, args.verbose))


if __name__ == "__main__":
    main()
