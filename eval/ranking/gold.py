"""The quotes of PolNeAR's build half that the engine attributes as the gold does.

PolNeAR's gold names a quote's source as written ("he", "Mr. Trump"); questions need a name.
A gold direct quote is *confirmed* when the engine found it (its span overlaps the gold content
by half the shorter span, as ``score_polnear.py`` counts) and the engine's speaker mention
overlaps the gold source span: then the engine's canonical speaker is the gold speaker's name.
Questions are written and generated only over confirmed quotes, so that a wrong answer is the
answering side's failure, not the quote engine's.

Usage (the build half only, see ``eval/polnear_split.py``):
    python -m eval.ranking.gold BUILD_DIR QUOTES_JSONL OUT_JSONL
        BUILD_DIR     a folder made by ``python -m eval.polnear_split … build BUILD_DIR``
        QUOTES_JSONL  ``whosaid quotes --json BUILD_DIR/text/*.txt`` output
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from eval.polnear_split import half_of

_OPEN = '"“«'


@dataclass(frozen=True, slots=True)
class Confirmed:
    """One gold direct quote the engine found and attributed to the gold source."""

    article: str  # the file stem
    start: int  # the engine's quote span
    end: int
    text: str
    speaker: str  # the engine's name for the speaker (as printed, before the registry)
    role: str | None
    source: str  # the gold source mention as written
    paragraph: int


def _spans(offsets: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (seg.split() for seg in offsets.split(";"))]


def gold_quotes(ann: Path, text: str) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    """Return (content spans, source spans) of each direct quote in one brat file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            spans[parts[0]] = _spans(parts[1].split(" ", 1)[1])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(x.split(":") for x in parts[1].split() if ":" in x))
    out = []
    for event in events:
        content = spans.get(event.get("Content", ""), [])
        source = spans.get(event.get("Source", ""), [])
        if content and source and text[content[0][0] : content[0][1]].lstrip()[:1] in _OPEN:
            out.append((content, source))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def confirmed(build: Path, quotes: Path) -> list[Confirmed]:
    """Return the confirmed quotes of the build half, in article order."""
    found: dict[str, list[dict[str, object]]] = defaultdict(list)
    for line in quotes.read_text(encoding="utf-8").splitlines():
        if line.startswith("{"):
            item = json.loads(line)
            found[Path(str(item["path"])).stem].append(item)
    out = []
    for path in sorted((build / "text").glob("*.txt")):
        if half_of(path.stem) != "build":
            raise SystemExit(f"{path} is not in the build half")
        anns = sorted((build / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        for content, source in gold_quotes(anns[0], text):
            for item in found[path.stem]:
                span = (int(item["start"]), int(item["end"]))  # type: ignore[call-overload]
                if not any(
                    _overlap(span, c) >= 0.5 * min(span[1] - span[0], c[1] - c[0]) for c in content
                ):
                    continue
                if item.get("mention_start") is None or not item.get("speaker"):
                    break
                mention = (int(item["mention_start"]), int(item["mention_end"]))  # type: ignore[call-overload]
                if any(_overlap(mention, s) > 0 for s in source):
                    out.append(
                        Confirmed(
                            article=path.stem,
                            start=span[0],
                            end=span[1],
                            text=str(item["text"]),
                            speaker=str(item["speaker"]),
                            role=str(item["role"]) if item.get("role") else None,
                            source=" ".join(text[a:b] for a, b in source),
                            paragraph=int(item["paragraph"]),  # type: ignore[call-overload]
                        )
                    )
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("quotes", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    items = confirmed(args.build, args.quotes)
    with args.out.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
    print(len(items), "confirmed quotes")


if __name__ == "__main__":
    main()
