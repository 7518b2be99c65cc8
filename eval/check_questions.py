"""Check a question file against the articles it is written over, before it is used.

Every ``contains`` string must occur in exactly one article (case aside), so that finding it proves
the right quote was found. When the articles' brat annotations are given, a ``negative`` name found
in a gold Source span is noted (not failed: PolNeAR also annotates stances such as "is well liked
by", so each note is read by hand). Only problems and notes are printed (by question id), then one
line ``OK`` or ``BAD``; the questions and the articles' text are never printed.

Usage:
    python -m eval.check_questions QUESTIONS ARTICLES_DIR [--attributions DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml


def article_texts(folder: Path) -> dict[str, str]:
    """Return each article's text (lower-cased) by file name."""
    return {
        path.name: path.read_text(encoding="utf-8").lower()
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix in {".txt", ".md", ".html", ".htm"}
    }


def source_spans(folder: Path, texts: dict[str, str]) -> list[str]:
    """Return the text of every Source span of the brat files in ``folder`` (lower-cased)."""
    spans: list[str] = []
    for ann in sorted(folder.glob("*.ann")):
        stem = ann.name.removesuffix(".ann").rsplit("_", 1)[0]
        text = texts.get(stem + ".txt")
        if text is None:
            continue
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2 and parts[1].startswith("Source "):
                offsets = parts[1].split(" ", 1)[1]
                pieces = [tuple(map(int, seg.split())) for seg in offsets.split(";")]
                spans.append(" ".join(text[a:b] for a, b in pieces))
    return spans


def problems(
    questions: list[dict[str, object]], texts: dict[str, str], sources: list[str]
) -> list[str]:
    """Return one line per problem found in the question file (notes start with ``note``)."""
    found: list[str] = []
    seen: set[str] = set()
    for item in questions:
        qid = str(item.get("id"))
        if qid in seen:
            found.append(f"{qid}: duplicate id")
        seen.add(qid)
        negative = item.get("negative")
        if isinstance(negative, str):
            spans = sum(negative.lower() in span for span in sources)
            if spans:
                found.append(f"note {qid}: the negative name is in {spans} gold Source spans")
            continue
        contains = item.get("contains")
        speaker = item.get("speaker")
        if not isinstance(contains, list) or not isinstance(speaker, list) or not speaker:
            found.append(f"{qid}: needs `speaker` and `contains` lists, or `negative`")
            continue
        for needle in contains:
            hits = sum(str(needle).lower() in text for text in texts.values())
            if hits != 1:
                found.append(f"{qid}: a contains string occurs in {hits} articles")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("articles", type=Path)
    parser.add_argument("--attributions", type=Path, help="brat .ann files of the articles")
    args = parser.parse_args()
    questions = yaml.safe_load(args.questions.read_text(encoding="utf-8"))
    texts = article_texts(args.articles)
    sources = source_spans(args.attributions, texts) if args.attributions else []
    found = problems(questions, texts, sources)
    for line in found:
        print(line)
    bad = [line for line in found if not line.startswith("note ")]
    print(f"{'BAD' if bad else 'OK'}: {len(questions)} questions, {len(texts)} articles")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
