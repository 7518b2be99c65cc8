"""Generate questions from PolNeAR's gold quotes (the build half), for fitting the ranking.

Each confirmed quote (``eval.ranking.gold``) gives at most one question, of a shape chosen by a
hash of the quote: "What did <surname> say about <two of its words>?", "Who said <every other
content word of it>?", or, when the article gives the speaker a role, "Which <role> said <those
words>?". They are easier than hand-written paraphrases (their words are the quote's), so they
weigh less in the fit (``train.GENERATED_WEIGHT``); what they add is many speakers, roles and
articles. ``contains`` is five words from the middle of the quote, printed in no other article.

Usage:
    python -m eval.ranking.generate BUILD_DIR CONFIRMED_JSONL OUT_YAML [--limit N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

from corpus.speakers import clean_role

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_STOP = frozenset(
    "the a an and or but of to in on for with at by from as is are was were be been being it "
    "its this that these those i we you he she they me us him her them my our your his their "
    "not no so if then than there here what which who whom when where why how all any some "
    "very just also about into over more most can could would should will do does did have "
    "has had going get got like think know said says say one".split()
)


def _hash(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest(), 16)


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2]


def question_for(item: dict[str, Any], df: dict[str, int]) -> dict[str, Any] | None:
    """Return the generated question of one confirmed quote, or None if it makes none.

    Its words are the quote's rarest in the build half (``df``: articles holding each word),
    in the quote's order.
    """
    words = _content(item["text"])
    if len(words) < 6:
        return None
    surname = item["speaker"].split()[-1]
    role = clean_role(item["role"]) if item.get("role") else None
    shape = _hash(item["text"]) % 3
    rare = sorted(set(words), key=lambda w: (df.get(w.lower(), 0), w))
    if shape == 0:
        return {"q": f"What did {surname} say about {' and '.join(rare[:2])}?", "kind": "about"}
    chosen = set(rare[:5])
    said = " ".join(dict.fromkeys(w for w in words if w in chosen))
    if shape == 1 and role and len(role.split()) <= 6:
        return {"q": f"Which {role} said {said}?", "kind": "which"}
    return {"q": f"Who said {said}?", "kind": "who"}


def _contains(text: str, article: str, texts: dict[str, str]) -> str | None:
    tokens = text.split()
    if len(tokens) < 7:
        return None
    middle = len(tokens) // 2
    window = " ".join(tokens[middle - 2 : middle + 3]).strip(" ,.;:")
    low = window.lower()
    if any(low in t.lower() for stem, t in texts.items() if stem != article):
        return None
    return window


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("confirmed", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=400)
    args = parser.parse_args()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (args.build / "text").glob("*.txt")}
    items = [json.loads(line) for line in args.confirmed.read_text(encoding="utf-8").splitlines()]
    items.sort(key=lambda i: _hash(f"{i['article']}:{i['start']}"))
    df: dict[str, int] = {}
    for text in texts.values():
        for word in {w.lower() for w in _WORD.findall(text)}:
            df[word] = df.get(word, 0) + 1
    out = []
    for item in items:
        made = question_for(item, df)
        contains = _contains(item["text"], item["article"], texts) if made else None
        if made is None or contains is None:
            continue
        out.append(
            {
                "id": f"gen-{len(out) + 1:04d}",
                "q": made["q"],
                "speaker": item["speaker"].split()[-1],
                "contains": contains,
                "article": item["article"],
                "kind": made["kind"],
            }
        )
        if len(out) >= args.limit:
            break
    args.out.write_text(
        yaml.safe_dump(out, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8"
    )
    print(len(out), "questions")


if __name__ == "__main__":
    main()
