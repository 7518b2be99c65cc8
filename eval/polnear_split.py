"""Split PolNeAR train into a build half and a held-out half, by article id.

The rule is fixed and needs no list: an article (the file name's stem, e.g.
``nyt_2016-03-01_some-title``) is held out when the sha256 of its stem is odd. Code is shaped
and trained on the build half only; the held-out half is read by nobody while building and is
scored only at the end of a step (see ``eval/README.md``).

Usage:
    python -m eval.polnear_split DIR HALF OUT
        DIR   PolNeAR's train folder (with text/ and attributions/)
        HALF  build | heldout
        OUT   a folder to create with text/ and attributions/ holding symlinks to that half,
              the shape ``score_polnear.py`` and ``whosaid ingest`` read
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

HALVES = ("build", "heldout")


def half_of(stem: str) -> str:
    """Return which half an article belongs to."""
    return "heldout" if int(hashlib.sha256(stem.encode()).hexdigest(), 16) % 2 else "build"


def stem_of_annotation(name: str) -> str:
    """Return the article stem of an annotation file (``STEM_ANNOTATOR.ann``)."""
    return name.removesuffix(".ann").rsplit("_", 1)[0]


def link_half(source: Path, half: str, out: Path) -> int:
    """Make ``out/text`` and ``out/attributions`` hold symlinks to one half; return its size."""
    (out / "text").mkdir(parents=True, exist_ok=True)
    (out / "attributions").mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted((source / "text").glob("*.txt")):
        if half_of(path.stem) == half:
            (out / "text" / path.name).symlink_to(path.resolve())
            count += 1
    for path in sorted((source / "attributions").glob("*.ann")):
        if half_of(stem_of_annotation(path.name)) == half:
            (out / "attributions" / path.name).symlink_to(path.resolve())
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("half", choices=HALVES)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(link_half(args.source, args.half, args.out), "articles")


if __name__ == "__main__":
    main()
