"""Run the quote verifier over a claims file in one process and print what it got right.

For calibrating ``retrieval/check.py`` on the claims ``eval/build_claims.py`` writes (never on
``eval/heldout/``): per-verdict precision and recall, the confusion matrix, accuracy by kind of
claim (verbatim, truncated, swapped, number, paraphrase, reattributed, invented) and, with
``--dump``, each claim's closest similarity, for choosing the thresholds. The index is the one
``WHOSAID_DATA_DIR`` names (build it with ``whosaid ingest`` over the dev articles and the seed,
as the README says).

Usage:
    WHOSAID_DATA_DIR=/tmp/verify-dev/data python -m eval.calibrate_check [eval/claims_dev.yaml]
        [--dump FILE] [-v]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from retrieval import RetrievalSettings, open_service
from retrieval.check import check_text, checker_of
from retrieval.claims import parse_claims

VERDICTS = ("verbatim", "altered", "misattributed", "not_found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=Path, nargs="?", default=Path("eval/claims_dev.yaml"))
    parser.add_argument("--dump", type=Path, help="write each claim's figures as JSON Lines")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the wrong ones")
    args = parser.parse_args()
    claims = yaml.safe_load(args.claims.read_text(encoding="utf-8"))
    service = open_service(RetrievalSettings())
    matrix: dict[str, Counter[str]] = {v: Counter() for v in VERDICTS}
    by_how: dict[str, Counter[str]] = defaultdict(Counter)
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    started = time.perf_counter()
    for item in claims:
        verdicts = check_text(service, item["claim"], speaker=item.get("speaker"))
        got = verdicts[0].verdict if verdicts else "none"
        want = item["verdict"]
        matrix[want][got] += 1
        by_how[item["how"]][got == want] += 1
        if args.verbose and got != want:
            why = verdicts[0].explanation if verdicts else ""
            print(f"  {item['id']}: want {want}, got {got}: {why}")
        if dump is not None:
            claim = parse_claims(item["claim"], speaker=item.get("speaker"))[0]
            found = checker_of(service.current_chain()).matches(claim)
            best = found[0] if found else None
            cosine = 0.0
            if best is not None:
                window = " ".join(
                    best.unit.words.surface[best.alignment.start : best.alignment.end]
                )
                a = service.embeddings.embed_query(claim.text)
                b = service.embeddings.embed_query(window)
                cosine = float(sum(x * y for x, y in zip(a, b, strict=True)))
            dump.write(
                json.dumps(
                    {
                        "id": item["id"],
                        "want": want,
                        "got": got,
                        "how": item["how"],
                        "similarity": best.alignment.similarity if best else 0.0,
                        "overlap": best.alignment.overlap if best else 0.0,
                        "cosine": cosine,
                        "matched": best.alignment.matched if best else 0,
                        "claim_words": best.alignment.claim_words if best else 0,
                        "window_words": best.alignment.window_words if best else 0,
                        "exact": best.alignment.exact if best else False,
                        "speaker_ok": best.speaker_ok if best else False,
                        "is_quote": best.unit.is_quote if best else False,
                    }
                )
                + "\n"
            )
    elapsed = time.perf_counter() - started
    print(f"{'verdict':<14}{'n':>5}{'precision':>11}{'recall':>9}")
    for verdict in VERDICTS:
        n = sum(matrix[verdict].values())
        said = sum(matrix[w][verdict] for w in VERDICTS)
        right = matrix[verdict][verdict]
        print(
            f"{verdict:<14}{n:>5}{right / said if said else 0:>11.3f}{right / n if n else 0:>9.3f}"
        )
    print("confusion (rows: right verdict, columns: verdict given):")
    print(" " * 14 + "".join(f"{v[:9]:>10}" for v in VERDICTS))
    for want in VERDICTS:
        print(f"{want:<14}" + "".join(f"{matrix[want][g]:>10}" for g in VERDICTS))
    print(
        "by kind of claim: "
        + ", ".join(f"{how} {c[True]}/{c[True] + c[False]}" for how, c in sorted(by_how.items()))
    )
    correct = sum(matrix[v][v] for v in VERDICTS)
    print(
        f"SUMMARY accuracy={correct / len(claims):.3f} n={len(claims)} "
        f"ms_per_claim={1000 * elapsed / len(claims):.0f}"
    )


if __name__ == "__main__":
    main()
