"""Check a held-out question file against its articles, before any product run.

Over the Russian articles (``--truth``, one or more truth files in the format of
``../shared/eval/ru_dev_truth.yaml``), for each positive question: every ``contains`` string is in
exactly one article, once, case aside, and inside an item the truth gives a speaker that one of the
question's ``speaker`` strings names; the question repeats no four consecutive words of that item
(the paraphrase rule). For each negative: the name is printed in some article and is no quoted
speaker's name.

Over PolNeAR (``--polnear DIR``, a folder with ``text/`` and ``attributions/``): every ``contains``
string is in exactly one article of the folder, once, and inside a gold Content span; the Source
spans of those attributions are printed, to be read against ``speaker`` (gold sources are mentions
as written, "he" included). For each negative: the name is printed in some article and in no gold
Source span.

    .venv/bin/python eval/heldout/ru/check_questions.py eval/heldout/ru/ru_heldout_questions.yaml \
        --truth eval/heldout/ru/truth.yaml eval/heldout/ru/truth_html.yaml
    .venv/bin/python eval/heldout/ru/check_questions.py \
        eval/heldout/ru/ru_cross_heldout_questions.yaml --polnear /tmp/heldout-ru-polnear

Prints one line per problem and a last line ``OK``/``BAD``; exits 1 on a problem.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Item:
    """One attributed span of an article: where it is and who the truth says spoke it."""

    start: int
    end: int
    text: str
    speakers: tuple[str, ...]


def words(text: str) -> list[str]:
    """Return the words of a text, case folded, ё read as е."""
    return re.findall(r"\w+", text.casefold().replace("ё", "е"))


def shares_ngram(question: str, quote: str, n: int = 4) -> str | None:
    """Return the first ``n`` consecutive words the question repeats from the quote, if any."""
    q, t = words(question), words(quote)
    grams = {tuple(t[i : i + n]) for i in range(len(t) - n + 1)}
    for i in range(len(q) - n + 1):
        if tuple(q[i : i + n]) in grams:
            return " ".join(q[i : i + n])
    return None


def truth_items(paths: list[Path]) -> dict[str, tuple[str, list[Item]]]:
    """Return each article's text and its truth items, by file name."""
    out: dict[str, tuple[str, list[Item]]] = {}
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        folder = path.parent / (data.get("articles_dir") or "articles")
        for art in data["articles"]:
            body = (folder / art["file"]).read_text(encoding="utf-8")
            items = []
            for q in art.get("quotes") or []:
                starts = [m.start() for m in re.finditer(re.escape(q["text"]), body)]
                start = starts[(q.get("occurrence") or 1) - 1]
                spk = q["speaker"] if isinstance(q["speaker"], list) else []
                items.append(Item(start, start + len(q["text"]), q["text"], tuple(spk)))
            out[art["file"]] = (body, items)
    return out


def polnear_items(folder: Path) -> dict[str, tuple[str, list[Item]]]:
    """Return each article's text and its gold Content spans with their Source text."""
    out: dict[str, tuple[str, list[Item]]] = {}
    for text_path in sorted((folder / "text").glob("*.txt")):
        body = text_path.read_text(encoding="utf-8")
        items = []
        for ann in sorted((folder / "attributions").glob(text_path.stem + "_*.ann")):
            spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
            events = []
            for line in ann.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if line.startswith("T") and len(parts) >= 3:
                    label, _, ranges = parts[1].partition(" ")
                    pieces = [tuple(map(int, r.split())) for r in ranges.split(";")]
                    spans[parts[0]] = (label, [(a, b) for a, b in pieces], parts[2])
                elif line.startswith("E") and len(parts) >= 2:
                    events.append(dict(arg.split(":") for arg in parts[1].split()))
            for event in events:
                content, source = (
                    spans.get(event.get("Content", "")),
                    spans.get(event.get("Source", "")),
                )
                if content is None:
                    continue
                who = (source[2],) if source else ()
                for a, b in content[1]:
                    items.append(Item(a, b, body[a:b], who))
        out[text_path.name] = (body, items)
    return out


def check(
    questions: list[dict[str, Any]], arts: dict[str, tuple[str, list[Item]]], gold: bool
) -> int:
    """Print each problem (and, for PolNeAR, each gold source) and return how many there were."""
    problems = 0

    def bad(qid: str, message: str) -> None:
        nonlocal problems
        problems += 1
        print(f"{qid}: {message}")

    for q in questions:
        qid = str(q.get("id"))
        if q.get("negative"):
            name = str(q["negative"]).casefold()
            if not any(name in body.casefold() for body, _ in arts.values()):
                if name.isascii() and not gold:  # a Latin name over Cyrillic articles
                    print(f"{qid}: note: {q['negative']!r} is printed in Cyrillic only")
                else:
                    bad(qid, f"negative {q['negative']!r} is not mentioned in any article")
            for file, (_, items) in arts.items():
                for item in items:
                    if any(name in s.casefold() for s in item.speakers):
                        bad(
                            qid,
                            f"negative {q['negative']!r} is quoted in {file}: {item.text[:60]!r}",
                        )
            continue
        wanted = [s.casefold() for s in q.get("speaker") or []]
        for c in q.get("contains") or []:
            hits = [(f, body) for f, (body, _) in arts.items() if c.casefold() in body.casefold()]
            if len(hits) != 1:
                bad(qid, f"{c!r} is in {len(hits)} articles")
                continue
            file, body = hits[0]
            at = [m.start() for m in re.finditer(re.escape(c.casefold()), body.casefold())]
            if len(at) != 1:
                bad(qid, f"{c!r} occurs {len(at)} times in {file}")
            inside = [i for i in arts[file][1] if i.start <= at[0] and at[0] + len(c) <= i.end]
            if not inside:
                bad(qid, f"{c!r} is in no attributed item of {file}")
                continue
            if gold:
                print(f"{qid}: {c!r} in {file}: gold source {[i.speakers for i in inside]}")
                continue
            if not any(w in s.casefold() for i in inside for s in i.speakers for w in wanted):
                bad(
                    qid, f"{c!r} is in an item of {[i.speakers[:1] for i in inside]}, not {wanted}"
                )
            for i in inside:
                gram = shares_ngram(str(q["q"]), i.text)
                if gram:
                    bad(qid, f"the question repeats four words of the quote: {gram!r}")
    return problems


def main() -> int:
    """Check one question file; return 1 when it has a problem."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("questions", type=Path)
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--truth", type=Path, nargs="+", help="truth files of the Russian articles")
    where.add_argument("--polnear", type=Path, help="a PolNeAR folder (text/, attributions/)")
    args = ap.parse_args()
    questions = yaml.safe_load(args.questions.read_text(encoding="utf-8"))
    arts = polnear_items(args.polnear) if args.polnear else truth_items(args.truth)
    problems = check(questions, arts, gold=bool(args.polnear))
    ids = [str(q.get("id")) for q in questions]
    if len(set(ids)) != len(ids):
        print("duplicate ids")
        problems += 1
    positives = sum(1 for q in questions if not q.get("negative"))
    print(
        f"{'OK' if not problems else 'BAD'} {args.questions.name}: {len(questions)} questions "
        f"({positives} positive, {len(questions) - positives} negative), {problems} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
