"""Is the right quote among the first retrieved? The embedding's part of a question file.

For each question with ``contains`` strings, the question (as typed, with no analysis: a
language whose question analysis is not built yet is measured all the same) is searched
among the indexed quotes, and a hit is a quote among the first ``--k`` that holds one of the
strings. Two searches: ``dense`` (the embedding's nearest quotes alone) and ``hybrid`` (the
first stage of answering: the embedding fused with BM25). Negatives are skipped.

    WHOSAID_DATA_DIR=/tmp/idx WHOSAID_EMBEDDING_MODEL=multilingual-e5-small \\
        python -m bench.recall ../shared/eval/ru_cross_dev_questions.yaml --k 3

The index must have been built with the same model (``whosaid ingest``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from retrieval.evaluation import load_questions
from retrieval.retriever import HybridRetriever
from retrieval.service import open_service
from retrieval.settings import RetrievalSettings
from retrieval.view import CorpusView


def main(argv: list[str] | None = None) -> int:
    """Print, per question and in total, whether the right quote was retrieved."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--k", type=int, default=3, help="how many quotes count (default 3)")
    parser.add_argument("--json", action="store_true", help="print the totals as JSON only")
    args = parser.parse_args(argv)
    service = open_service(RetrievalSettings())
    view = service.view
    retriever = HybridRetriever(store=service.store, view=view, embeddings=service.embeddings)
    quotes = np.flatnonzero(view.is_quote)
    totals = {"questions": 0, "dense": 0, "hybrid": 0}
    for item in load_questions(args.questions):
        wanted = [c.lower() for c in item.get("contains") or []]
        if not wanted:
            continue
        question = str(item["q"])
        vector = np.asarray(service.embeddings.embed_query(question), dtype=np.float32)
        dense = [row for row, _ in retriever._dense_among(vector, quotes, args.k)]
        docs = retriever.invoke(question, quotes_only=True, k=args.k)
        hybrid = [int(d.metadata["row"]) for d in docs]

        found = {"dense": _holds(view, dense, wanted), "hybrid": _holds(view, hybrid, wanted)}
        totals["questions"] += 1
        for key, hit in found.items():
            totals[key] += hit
        if not args.json:
            marks = " ".join(f"{key}={'yes' if hit else 'no '}" for key, hit in found.items())
            print(f"{marks}  {item.get('id', '')}: {question}")
    if args.json:
        print(json.dumps(totals))
    else:
        n = totals["questions"]
        print(f"right quote in the first {args.k}: dense {totals['dense']}/{n}, "
              f"hybrid {totals['hybrid']}/{n}")  # fmt: skip
    service.close()
    return 0


def _holds(view: CorpusView, rows: list[int], wanted: list[str]) -> bool:
    return any(w in view.rows[r].text.lower() for r in rows for w in wanted)


if __name__ == "__main__":
    sys.exit(main())
