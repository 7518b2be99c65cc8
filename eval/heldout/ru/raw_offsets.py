"""Run ``whosaid quotes --json`` and give HTML quotes their offsets in the raw page.

``../shared/tools/score_ru_truth.py`` locates each gold quote in the raw file and compares it with
the produced ``start``/``end``; for an HTML page whosaid reports those offsets in the text it
extracted from the page, so they point elsewhere in the raw file. Pass this script as the scorer's
``--cmd`` (the whosaid command follows it) and every quote of an ``.html``/``.htm`` file gets the
offsets of its text in the raw page: the first copy inside ``<body>`` at or after the previous
quote's end, else the first copy anywhere. A quote whose text is not in the raw page (an entity or
a tag inside it) keeps its offsets and is named on stderr; the mention's offsets become null.
Other files pass through unchanged.

    .venv/bin/python ../shared/tools/score_ru_truth.py eval/heldout/ru/truth_html.yaml \
        --cmd ".venv/bin/python eval/heldout/ru/raw_offsets.py .venv/bin/whosaid"
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HTML_SUFFIXES = {".html", ".htm"}


def raw_span(raw: str, text: str, after: int) -> tuple[int, int] | None:
    """Return the span of ``text`` in ``raw``: the first copy from ``after`` on, else the first."""
    start = raw.find(text, after)
    if start < 0:
        start = raw.find(text)
    return (start, start + len(text)) if start >= 0 and text else None


def remap(lines: list[str]) -> list[str]:
    """Return the output lines with each HTML quote's offsets moved into its raw page."""
    pages: dict[str, str] = {}
    cursor: dict[str, int] = {}
    out = []
    for line in lines:
        try:
            row = json.loads(line) if line.startswith("{") else None
        except ValueError:
            row = None
        path = row.get("path") if isinstance(row, dict) else None
        if not isinstance(row, dict) or not path or Path(path).suffix.lower() not in HTML_SUFFIXES:
            out.append(line)
            continue
        if path not in pages:
            pages[path] = Path(path).read_text(encoding="utf-8")
            cursor[path] = max(0, pages[path].lower().find("<body"))
        raw, text = pages[path], row.get("text") or ""
        span = raw_span(raw, text, cursor[path])
        if span is None:
            print(
                f"raw_offsets: not in the raw page, offsets kept: {path}: {text[:60]!r}",
                file=sys.stderr,
            )
        else:
            row["start"], row["end"] = span
            cursor[path] = span[1]
            # The scorer does not read the mention's offsets; None rather than a wrong guess.
            row["mention_start"] = row["mention_end"] = None
        out.append(json.dumps(row, ensure_ascii=False))
    return out


def main() -> int:
    """Run the whosaid command given on the command line and print its remapped output."""
    if len(sys.argv) < 2:
        print("usage: raw_offsets.py WHOSAID [ARGS...]", file=sys.stderr)
        return 2
    done = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=False)
    sys.stderr.write(done.stderr)
    for line in remap(done.stdout.splitlines()):
        print(line)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
