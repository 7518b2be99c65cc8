"""Score whosaid's quote engine against a hand-written quote truth, on text, Markdown and HTML.

A copy of ``../shared/tools/score_ru_truth.py`` adapted to HTML pages: that scorer locates the
gold quotes, and the produced quotes by their offsets, in the raw file, which is right for ``.txt``
and ``.md`` (``whosaid quotes`` gives offsets into the file, front matter included) but not for
HTML, whose offsets index the article text extracted from the page. Here a page's reference text is
its visible text (``<body>`` less scripts and styles, whitespace runs read as one space), the gold
texts are located in it, and a produced quote whose offsets do not give back its text is placed by
its text (whitespace aside), at the copy nearest its offset. Everything else is the shared
scorer's: the truth format (header of ``../shared/eval/ru_dev_truth.yaml``), "found" (the produced
quotes cover more than half of a gold span), the speaker rule (each word of a name variant matches
a word of the produced speaker, words compared by their first five letters), false speakers, and
the last line ``SUMMARY recall=.. speaker=.. false=.. verbatim=.. n=..``.

One addition: an article may list ``interviewer`` turns (the interviewer's questions, texts as
printed). They are not gold quotes; a produced quote covering more than half of one and credited to
one of the article's gold speakers is a ``leak`` (a question given to the interviewee).

Usage, from the project checkout:
    python -m eval.score_truth TRUTH [--articles DIR] [--cmd .venv/bin/whosaid] [-v] [--check]
"""

from __future__ import annotations

import argparse
import contextlib
import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TITLES = {"господин", "госпожа", "mr", "mrs", "ms", "dr", "prof", "sir"}
KINDS = ("direct", "reported")
HTML_SUFFIXES = {".html", ".htm"}
HIDDEN = {"head", "script", "style", "noscript", "template", "svg", "object"}
BREAKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "title",
}  # fmt: skip


class PageText(html.parser.HTMLParser):
    """Collect the text of ``<body>`` a reader would see, with a break at each block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and self.hidden == ["head"]:
            self.hidden = []
        if tag in HIDDEN:
            self.hidden.append(tag)
        elif tag in BREAKS and not self.hidden:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and self.hidden[-1] == tag:
            self.hidden.pop()
        elif tag in BREAKS and not self.hidden:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def one_space(text: str) -> str:
    """Read every run of whitespace as one space."""
    return re.sub(r"\s+", " ", text).strip()


def reference_text(path: Path) -> str:
    """Return the text gold quotes are located in: the file, or a page's visible text."""
    raw = path.read_bytes().decode("utf-8")
    if path.suffix.lower() not in HTML_SUFFIXES:
        return raw
    parser = PageText()
    parser.feed(raw)
    parser.close()
    return one_space("".join(parser.parts))


def norm_words(name: str) -> list[str]:
    """Return the words of a name, normalised for comparison (see the module docstring)."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("ё", "е")
    return [w for w in re.sub(r"[^\w]+", " ", text).split() if w not in TITLES and len(w) > 1]


def word_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 3:
        return False
    n = min(len(a), len(b))
    k = min(5, max(3, n - 1), n)
    return a[:k] == b[:k]


def name_match(variant: str, produced: str) -> bool:
    """Return whether every word of the variant matches some word of the produced speaker."""
    v, p = norm_words(variant), norm_words(produced)
    return bool(v) and bool(p) and all(any(word_match(w, x) for x in p) for w in v)


def listed(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def is_none(speaker: object) -> bool:
    return speaker is None or (isinstance(speaker, str) and speaker.strip().lower() == "none")


def speaker_right(gold: dict[str, Any], produced: dict[str, Any] | None) -> bool:
    """Return whether the produced quote's speaker is right for this gold quote."""
    spk = produced.get("speaker") if produced else None
    if is_none(gold.get("speaker")):
        if not spk:
            return True
        if produced and produced.get("source_kind") in ("anonymous", "organisation", "document"):
            return True
        return any(name_match(v, spk) for v in listed(gold.get("org")) + listed(gold.get("desc")))
    if not spk or any(name_match(v, spk) for v in listed(gold.get("not"))):
        return False
    return any(name_match(v, spk) for v in listed(gold["speaker"]))


def first_name(gold: dict[str, Any]) -> str:
    if is_none(gold.get("speaker")):
        org = listed(gold.get("org")) or listed(gold.get("desc"))
        return "none" + (f" ({org[0]})" if org else "")
    return listed(gold["speaker"])[0]


def short(text: str, n: int = 70) -> str:
    text = one_space(text or "")
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass
class Squashed:
    """A text without whitespace, with the index in the original of each kept character."""

    text: str
    index: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> Squashed:
        kept = [
            (i, c) for i, c in enumerate(unicodedata.normalize("NFC", text)) if not c.isspace()
        ]
        return cls("".join(c for _, c in kept), [i for i, _ in kept])


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text or ""))


def locate(
    text: str, body: str, occurrence: int | None = None
) -> tuple[tuple[int, int] | None, int]:
    """Return (start, end) of the gold text in the reference text, and its number of copies."""
    starts = [m.start() for m in re.finditer(re.escape(text), body)]
    i = (occurrence or 1) - 1
    if not starts or i >= len(starts):
        return None, len(starts)
    return (starts[i], starts[i] + len(text)), len(starts)


def place(produced: dict[str, Any], body: str, flat: Squashed) -> tuple[int, int] | None:
    """Return where a produced quote lies in the reference text, or None."""
    text = produced.get("text") or ""
    start, end = produced.get("start"), produced.get("end")
    if isinstance(start, int) and isinstance(end, int) and text and body[start:end] == text:
        return start, end
    needle = squash(html.unescape(text))
    if not needle:
        return None
    hits = [m.start() for m in re.finditer(re.escape(needle), flat.text)]
    if not hits:
        return None
    near = start if isinstance(start, int) else 0
    best = min(hits, key=lambda h: abs(flat.index[h] - near))
    return flat.index[best], flat.index[best + len(needle) - 1] + 1


def unbalanced(text: str) -> bool:
    """Return whether the text keeps an opening mark of its own quotation."""
    if text[-1:] in '«„“"':
        return True
    if text[:1] in "«„“":
        closing = {"«": "»", "„": "“", "“": "”"}[text[0]]
        return text.count(closing) < text.count(text[0])
    return False


def load(truth: Path, articles: Path | None) -> tuple[dict[str, Any], Path]:
    data = yaml.safe_load(truth.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        sys.exit(f"{truth}: expected a mapping with an 'articles' list")
    folder = articles or truth.resolve().parent / (data.get("articles_dir") or "articles")
    return data, folder


def check(data: dict[str, Any], folder: Path) -> int:
    """Check the truth against its articles: every text found (once), no overlaps, fields valid."""
    problems = 0
    counts = dict.fromkeys(["quotes", "direct", "reported", "named", "none", "turns"], 0)
    speakers: set[str] = set()

    def bad(message: str) -> None:
        nonlocal problems
        print(message)
        problems += 1

    for art in data["articles"]:
        path = folder / art["file"]
        if not path.exists():
            bad(f"{art['file']}: no such article in {folder}")
            continue
        body = reference_text(path)
        spans: list[tuple[int, int, str]] = []
        for turn in art.get("interviewer") or []:
            counts["turns"] += 1
            if locate(turn, body)[0] is None:
                bad(f"{art['file']}: interviewer turn not in the article: {short(turn)!r}")
        for q in art.get("quotes") or []:
            counts["quotes"] += 1
            text = q.get("text") or ""
            where, copies = locate(text, body, q.get("occurrence"))
            if where is None:
                bad(f"{art['file']}: not in the article: {short(text)!r}")
                continue
            if copies > 1 and not q.get("occurrence"):
                bad(f"{art['file']}: occurs {copies} times, give `occurrence`: {short(text)!r}")
            if text != text.strip() or unbalanced(text):
                bad(f"{art['file']}: outer space, or its own mark kept: {short(text)!r}")
            if q.get("kind") not in KINDS:
                bad(f"{art['file']}: kind must be one of {'/'.join(KINDS)}: {short(text)!r}")
            else:
                counts[q["kind"]] += 1
            spk = q.get("speaker")
            if is_none(spk):
                counts["none"] += 1
            elif isinstance(spk, list) and spk and all(isinstance(v, str) and v for v in spk):
                counts["named"] += 1
                speakers.add(spk[0])
            else:
                bad(f"{art['file']}: speaker must be a list of name variants or none: {spk!r}")
            for a, b, t in spans:
                if a < where[1] and where[0] < b:
                    bad(f"{art['file']}: overlaps another gold quote: {short(t, 40)!r}")
            spans.append((where[0], where[1], text))
    print(
        f"{'BAD' if problems else 'OK'} truth: {len(data['articles'])} articles, "
        f"{counts['quotes']} quotes ({counts['direct']} direct, {counts['reported']} reported; "
        f"{counts['named']} with a named speaker, {counts['none']} none), {len(speakers)} "
        f"speakers, {counts['turns']} interviewer turns, {problems} problems"
    )
    return 1 if problems else 0


def json_lines(out: str) -> list[dict[str, Any]]:
    rows = []
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("{"):
            with contextlib.suppress(ValueError):
                rows.append(json.loads(line))
    return rows


def run_quotes(
    cmd: list[str], folder: Path, files: list[str]
) -> tuple[list[dict[str, Any]], float, str]:
    """Run ``whosaid quotes --json`` on copies of the articles in a temporary data directory."""
    with tempfile.TemporaryDirectory(prefix="whosaid-truth-") as tmp:
        work = Path(tmp) / "articles"
        work.mkdir()
        for name in files:
            shutil.copyfile(folder / name, work / name)
        env = dict(
            os.environ,
            WHOSAID_DATA_DIR=str(Path(tmp) / "data"),
            WHOSAID_ARTICLES_DIR=str(work),
            PYTHONDONTWRITEBYTECODE="1",
        )
        env.pop("WHOSAID_CHROMA_HOST", None)
        t0 = time.time()
        result = subprocess.run(
            [*cmd, "quotes", "--json", *(str(work / name) for name in files)],
            capture_output=True,
            text=True,
            env=env,
            timeout=3600,
            check=False,
        )
        wall = time.time() - t0
    if result.returncode not in (0, 3):
        sys.exit(f"{result.stderr[-2000:]}\nFAIL: whosaid quotes exited {result.returncode}")
    skipped = result.stderr.strip() if result.returncode == 3 else ""
    return json_lines(result.stdout), wall, skipped


def score(
    data: dict[str, Any], folder: Path, produced_all: list[dict[str, Any]], verbose: bool
) -> str:
    """Print one line per article and return the summary line."""
    produced: dict[str, list[dict[str, Any]]] = {}
    for q in produced_all:
        produced.setdefault(os.path.basename(q.get("path") or ""), []).append(q)
    keys = ["gold", "found", "right", "false", "nospk", "quotes", "verbatim", "unmatched"]
    tot = dict.fromkeys([*keys, "turns", "leaks"], 0)
    kinds = {k: {"gold": 0, "found": 0, "right": 0} for k in KINDS}
    for art in data["articles"]:
        body = reference_text(folder / art["file"])
        flat = Squashed.of(body)
        got = produced.get(art["file"], [])
        where_got = [place(p, body, flat) for p in got]
        used = [False] * len(got)
        notes: list[str] = []
        c = dict.fromkeys(["gold", "found", "right", "false"], 0)
        names = [v for g in art.get("quotes") or [] for v in listed(g.get("speaker"))]
        for turn in art.get("interviewer") or []:
            tw, _ = locate(turn, body)
            if tw is None:
                continue
            tot["turns"] += 1
            for p, w in zip(got, where_got, strict=True):
                overlap = min(w[1], tw[1]) - max(w[0], tw[0]) if w else 0
                spk = p.get("speaker") or ""
                if overlap > (tw[1] - tw[0]) / 2 and any(name_match(n, spk) for n in names):
                    tot["leaks"] += 1
                    notes.append(f"LEAK: interviewer turn {short(turn, 50)!r} -> {spk!r}")
                    break
        for g in art.get("quotes") or []:
            gw, _ = locate(g["text"], body, g.get("occurrence"))
            if gw is None:
                notes.append(f"truth text not in the article (run --check): {short(g['text'])!r}")
                continue
            gs, ge = gw
            covered = [False] * (ge - gs)
            best: dict[str, Any] | None = None
            best_ov = 0
            for i, (p, w) in enumerate(zip(got, where_got, strict=True)):
                if w is None:
                    continue
                ov = min(w[1], ge) - max(w[0], gs)
                if ov <= 0:
                    continue
                used[i] = True
                for x in range(max(w[0], gs), min(w[1], ge)):
                    covered[x - gs] = True
                if ov > best_ov:
                    best, best_ov = p, ov
            cover = sum(covered) / max(1, ge - gs)
            kind = g.get("kind", "direct")
            c["gold"] += 1
            kinds.setdefault(kind, {"gold": 0, "found": 0, "right": 0})["gold"] += 1
            if cover <= 0.5:
                missed = f"{short(g['text'], 60)!r} ({first_name(g)})"
                notes.append(f"missed {kind} ({100 * cover:.0f}%): {missed}")
                continue
            c["found"] += 1
            kinds[kind]["found"] += 1
            spk = best.get("speaker") if best else None
            if speaker_right(g, best):
                c["right"] += 1
                kinds[kind]["right"] += 1
            elif spk:
                c["false"] += 1
                notes.append(
                    f"FALSE speaker: {short(g['text'], 50)!r} -> {spk!r} (want {first_name(g)})"
                )
            else:
                tot["nospk"] += 1
                notes.append(f"no speaker: {short(g['text'], 50)!r} (want {first_name(g)})")
        verbatim = 0
        for i, (p, w) in enumerate(zip(got, where_got, strict=True)):
            if w is not None:
                verbatim += 1
            else:
                notes.append(f"NOT verbatim: {short(p.get('text') or '')!r}")
            if not used[i]:
                tot["unmatched"] += 1
                if verbose:
                    text = short(p.get("text") or "", 60)
                    notes.append(f"unmatched {p.get('kind')}: {text!r} -> {p.get('speaker')!r}")
        print(
            f"{art['file']:<40} recall {c['found']:2d}/{c['gold']:<2d} speaker "
            f"{c['right']:2d}/{c['found']:<2d} false {c['false']} verbatim {verbatim}/{len(got)}"
        )
        for line in notes:
            print("    " + line)
        for k in ("gold", "found", "right", "false"):
            tot[k] += c[k]
        tot["quotes"] += len(got)
        tot["verbatim"] += verbatim

    def rate(x: int, y: int) -> float:
        return x / y if y else 1.0

    def of_found(right: int, found: int) -> float:
        return right / found if found else 0.0

    per_kind = " ".join(
        f"{k}_recall={rate(v['found'], v['gold']):.3f} "
        f"{k}_speaker={of_found(v['right'], v['found']):.3f} {k}_n={v['gold']}"
        for k, v in kinds.items()
        if v["gold"]
    )
    return (
        f"SUMMARY recall={rate(tot['found'], tot['gold']):.3f} "
        f"speaker={of_found(tot['right'], tot['found']):.3f} false={tot['false']} "
        f"verbatim={rate(tot['verbatim'], tot['quotes']):.3f} n={tot['gold']} {per_kind} "
        f"nospk={tot['nospk']} leaks={tot['leaks']} turns={tot['turns']} "
        f"produced={tot['quotes']} unmatched={tot['unmatched']} articles={len(data['articles'])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("truth", type=Path, help="the truth YAML file")
    parser.add_argument(
        "--articles", type=Path, help="the articles folder (default: articles_dir)"
    )
    parser.add_argument("--cmd", default=".venv/bin/whosaid", help="the whosaid command")
    parser.add_argument("--check", action="store_true", help="only check the truth")
    parser.add_argument("-v", "--verbose", action="store_true", help="list unmatched quotes too")
    args = parser.parse_args()
    data, folder = load(args.truth, args.articles)
    if args.check:
        sys.exit(check(data, folder))
    cmd = args.cmd.split()
    if not shutil.which(cmd[0]) and not os.path.exists(cmd[0]):
        sys.exit(f"no {cmd[0]}: run from the project checkout or give --cmd")
    cmd[0] = os.path.abspath(cmd[0]) if os.path.exists(cmd[0]) else cmd[0]
    files = [art["file"] for art in data["articles"]]
    produced, wall, skipped = run_quotes(cmd, folder, files)
    summary = score(data, folder, produced, args.verbose)
    if skipped:
        print("skipped files: " + short(skipped, 300))
    print(f"{summary} quotes_s={wall:.0f}")


if __name__ == "__main__":
    main()
