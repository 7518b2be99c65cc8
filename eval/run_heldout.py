"""Run the held-out evaluation sets and print one summary line per set, nothing else.

The sets (``eval/heldout/README.md``) are never read by anyone building the product, so this
runner prints no question, no claim and no article text: only each set's figures. Every set runs
in fresh temporary data directories (nothing is written in the checkout); the index of the 394
held-out PolNeAR articles is built once per run and shared by ``news_heldout`` and ``claims``
(``--keep DIR`` keeps it for the next run, which reuses it only while the code is unchanged).

Built-in sets:
    news_heldout     questions over the held-out half (``whosaid eval``)
    polnear_heldout  the quote engine against the held-out half's gold (``score_polnear.py``)
    claims           the quote verifier (``score_claims.py``; skipped while ``whosaid check``
                     does not exist)
Sets found in the folders of ``eval/heldout/`` (``interviews``, ``wire``, ``pages`` and any others,
such as ``ru/``): a folder's ``run.json`` lists its sets explicitly::

    [{"name": "ru-news", "kind": "truth", "file": "truth.yaml"},
     {"name": "ru-questions", "kind": "questions", "file": "q.yaml", "articles_dir": "articles"}]

(``kind`` one of truth / questions / pages; paths relative to the folder; a question set with no
``articles_dir`` is answered over the held-out PolNeAR half); without one, every ``*.yaml`` in the
folder is taken by its shape: a mapping with an ``articles`` list is a quote truth
(``eval/score_truth.py``), a list of ``q`` items a question file (answered over the folder its
header names: ``# articles_dir: PATH``, else the ``WHOSAID_ARTICLES_DIR=PATH`` of the command it
gives, else ``articles/``), a list of ``file`` / ``body`` items beside a ``pages/`` folder a page
truth (``score_html_pages.py``). Each corpus is indexed once per run. A folder with one set is
named after the folder, else ``folder/stem``.

Usage, from the project checkout:
    .venv/bin/python -m eval.run_heldout [--only NAME ...] [--list] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
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

HELDOUT = Path("eval/heldout")
NEWS_QUESTIONS = HELDOUT / "news_heldout_questions.yaml"
CLAIMS = HELDOUT / "claims.yaml"
SHARED_TOOLS = Path("../shared/tools")
TRAIN = Path("../shared/data/polnear/train")


class SetFailed(RuntimeError):
    """A set could not be scored; the message is one short line, with no article text in it."""


@dataclass
class Context:
    """What every set needs: the whosaid command, the Python, and the run's scratch space."""

    cmd: list[str]
    python: str
    scratch: Path
    polnear: Path
    keep: Path | None
    _indexes: dict[Path, Path] = field(default_factory=dict)

    def index(self, articles: Path, data: Path | None = None) -> Path:
        """Return a data dir indexing ``articles``, built once per run (in ``data`` if given)."""
        key = articles.resolve()
        if key not in self._indexes:
            data = data or Path(tempfile.mkdtemp(prefix="index-", dir=self.scratch))
            try:
                ensure_index(self.cmd, data, articles, checkout_stamp(Path.cwd()))
            except IndexBuildError as exc:
                raise SetFailed(str(exc).splitlines()[0][:200]) from exc
            self._indexes[key] = data
        return self._indexes[key]

    def heldout_index(self) -> tuple[Path, Path]:
        """Return (data dir, articles) of the held-out PolNeAR index, building it once."""
        data = self.keep or self.scratch / "polnear-heldout-data"
        articles = heldout_articles(self.polnear, data.with_name(data.name + "-articles"))
        return self.index(articles, data), articles


def run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=env, check=False)


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no output"


def summary_of(result: subprocess.CompletedProcess[str], what: str) -> str:
    """Return the ``SUMMARY ...`` line a scorer printed, or raise SetFailed."""
    found = [line for line in result.stdout.splitlines() if line.startswith("SUMMARY ")]
    if result.returncode != 0 or not found:
        raise SetFailed(f"{what} exited {result.returncode}: {last_line(result.stderr)}")
    return found[-1].removeprefix("SUMMARY ")


def pick(summary: str, keys: list[str]) -> str:
    """Keep the named ``key=value`` fields of a summary line, in the given order."""
    fields = dict(re.findall(r"(\S+)=(\S+)", summary))
    return " ".join(f"{k}={fields[k]}" for k in keys if k in fields)


def question_kind(item: dict[str, Any]) -> str:
    """Return the kind of a question, from its id prefix or its wording."""
    qid = str(item.get("id", ""))
    for prefix, kind in (("neg-", "neg"), ("role-", "role"), ("hard-", "hard")):
        if qid.startswith(prefix):
            return kind
    if "negative" in item:
        return "neg"
    return (
        "what" if str(item.get("q", "")).startswith(("What ", "How ", "Что ", "Как ")) else "who"
    )


def eval_questions(ctx: Context, questions: Path, data: Path, articles: Path) -> str:
    """Answer a question file over an index; return passed, the rates and passes per kind."""
    env = whosaid_env(data, articles)
    metrics = run([*ctx.cmd, "eval", "--json", str(questions)], env)
    try:
        m = json.loads(metrics.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError) as exc:
        raise SetFailed(
            f"whosaid eval exited {metrics.returncode}: {last_line(metrics.stderr)}"
        ) from exc
    line = (
        f"passed={m['passed']}/{m['questions']} speaker={m['speaker_accuracy']:.1f}% "
        f"contains={m['quote_containment']:.1f}% notfound={m['not_found_correct']:.1f}% "
        f"verbatim={m['verbatim_rate']:.1f}% p50_ms={m['latency_p50_ms']:.0f}"
    )
    items = yaml.safe_load(questions.read_text(encoding="utf-8")) or []
    kinds = {str(i.get("id")): question_kind(i) for i in items if isinstance(i, dict)}
    plain = run([*ctx.cmd, "eval", str(questions)], env)
    tally: dict[str, list[int]] = {}
    for row in re.finditer(r"^(ok  |FAIL) (\S+)", plain.stdout, re.M):
        counts = tally.setdefault(kinds.get(row.group(2), "other"), [0, 0])
        counts[0] += row.group(1) == "ok  "
        counts[1] += 1
    if len(set(kinds.values())) > 1 and tally:
        order = ["who", "what", "role", "neg", "hard", "other"]
        line += " " + " ".join(f"{k}={tally[k][0]}/{tally[k][1]}" for k in order if k in tally)
    return line


def news_heldout(ctx: Context) -> str:
    data, articles = ctx.heldout_index()
    return eval_questions(ctx, NEWS_QUESTIONS, data, articles)


def polnear_heldout(ctx: Context) -> str:
    articles = heldout_articles(ctx.polnear, ctx.scratch / "polnear-heldout-gold")
    env = whosaid_env(ctx.scratch / "polnear-quotes-data")
    result = run(
        [
            ctx.python,
            str(SHARED_TOOLS / "score_polnear.py"),
            str(articles.parent),
            "--",
            *ctx.cmd,
            "quotes",
            "--json",
        ],
        env,
    )
    return pick(
        summary_of(result, "score_polnear.py"), ["recall", "precision", "speaker", "verbatim"]
    )


def claims(ctx: Context) -> str:
    check = run([*ctx.cmd, "check", "--help"])
    if check.returncode != 0:
        return "skipped: `whosaid check` does not exist yet (issue #20)"
    data, _ = ctx.heldout_index()
    result = run(
        [
            *(ctx.python, "-m", "eval.score_claims", str(CLAIMS), "--cmd", " ".join(ctx.cmd)),
            *("--polnear", str(ctx.polnear), "--data-dir", str(data)),
        ]
    )
    return summary_of(result, "score_claims")


def truth_set(ctx: Context, truth: Path) -> str:
    env = dict(os.environ, TMPDIR=str(ctx.scratch))
    result = run(
        [ctx.python, "-m", "eval.score_truth", str(truth), "--cmd", " ".join(ctx.cmd)], env
    )
    keys = ["recall", "speaker", "false", "nospk", "leaks", "verbatim", "n"]
    keys += ["direct_recall", "reported_recall"]
    return pick(summary_of(result, "score_truth"), keys)


def pages_set(ctx: Context, folder: Path) -> str:
    env = dict(os.environ, TMPDIR=str(ctx.scratch))
    result = run(
        [
            ctx.python,
            str(SHARED_TOOLS / "score_html_pages.py"),
            str(folder),
            "--cmd",
            *[" ".join(ctx.cmd)],
        ],
        env,
    )
    lines = [line for line in result.stdout.splitlines() if re.match(r"html-dev pages \d+:", line)]
    if result.returncode != 0 or not lines:
        raise SetFailed(
            f"score_html_pages.py exited {result.returncode}: {last_line(result.stderr)}"
        )
    s = lines[-1]

    def grab(label: str) -> str:
        found = re.search(label + r" (\d+/\d+)", s)
        return found.group(1) if found else "?"

    false = re.search(r"false (\d+)", s)
    return (
        f"title={grab('title')} date={grab('date')} recall={grab('recall')} "
        f"speaker={grab('speaker')} false={false.group(1) if false else '?'} "
        f"boilerplate={grab('boilerplate')} verbatim={grab('verbatim')}"
    )


def questions_set(ctx: Context, questions: Path, articles: Path | None) -> str:
    """Answer a question file over its articles (None: the held-out PolNeAR half)."""
    if articles is None:
        data, articles = ctx.heldout_index()
    else:
        data = ctx.index(articles)
    return eval_questions(ctx, questions, data, articles)


def articles_dir_of(questions: Path) -> Path | None:
    """Return the folder a question file is written over, from its header.

    An ``# articles_dir: PATH`` line (relative to the file), else the ``WHOSAID_ARTICLES_DIR=PATH``
    of the command the header gives (relative to the checkout; a ``polnear-heldout`` folder means
    the held-out PolNeAR half, returned as None), else ``articles/`` beside the file.
    """
    command = None
    for line in questions.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            break
        found = re.match(r"#\s*articles_dir:\s*(\S+)", line)
        if found:
            return (questions.parent / found.group(1)).resolve()
        found = re.search(r"WHOSAID_ARTICLES_DIR=([^\s'\"]+)", line)
        if found and command is None:
            command = found.group(1)
    if command is not None:
        return None if "polnear-heldout" in command else Path(command).resolve()
    return questions.parent / "articles"


def folder_sets(folder: Path) -> list[tuple[str, Callable[[Context], str]]]:
    """Return the sets of one folder of eval/heldout, from its run.json or its files' shape."""
    found: list[tuple[str, str, Path, Path | None]] = []
    manifest = folder / "run.json"
    if manifest.exists():
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            articles = entry.get("articles_dir")
            found.append(
                (
                    str(entry["name"]),
                    str(entry["kind"]),
                    folder / entry["file"],
                    (folder / articles).resolve() if articles else None,
                )
            )
    else:
        for path in sorted(folder.glob("*.yaml")):
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError:
                continue
            if isinstance(data, dict) and isinstance(data.get("articles"), list):
                found.append((path.stem, "truth", path, None))
            elif isinstance(data, list) and data and isinstance(data[0], dict):
                if "q" in data[0]:
                    found.append((path.stem, "questions", path, articles_dir_of(path)))
                elif "body" in data[0] and (folder / "pages").is_dir():
                    found.append((path.stem, "pages", path, None))
    sets: list[tuple[str, Callable[[Context], str]]] = []
    for stem, kind, path, articles in found:
        name = folder.name if len(found) == 1 else f"{folder.name}/{stem}"
        if kind == "truth":
            sets.append((name, partial(truth_set, truth=path)))
        elif kind == "pages":
            sets.append((name, partial(pages_set, folder=path.parent)))
        elif kind == "questions":
            sets.append((name, partial(questions_set, questions=path, articles=articles)))
    return sets


def all_sets() -> list[tuple[str, Callable[[Context], str]]]:
    sets: list[tuple[str, Callable[[Context], str]]] = [
        ("news_heldout", news_heldout),
        ("polnear_heldout", polnear_heldout),
    ]
    for folder in sorted(p for p in HELDOUT.iterdir() if p.is_dir()):
        sets += folder_sets(folder)
    sets.append(("claims", claims))
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run these sets (or prefixes)")
    parser.add_argument("--list", action="store_true", help="list the sets and exit")
    parser.add_argument("--cmd", default=".venv/bin/whosaid", help="the whosaid command")
    parser.add_argument("--polnear", type=Path, default=TRAIN, help="PolNeAR train folder")
    parser.add_argument("--keep", type=Path, help="keep the held-out PolNeAR index here")
    args = parser.parse_args()
    if not HELDOUT.is_dir():
        sys.exit("run from the product checkout (no eval/heldout here)")
    sets = all_sets()
    if args.list:
        print("\n".join(name for name, _ in sets))
        return
    if args.only:
        sets = [(n, f) for n, f in sets if any(n == o or n.startswith(o + "/") for o in args.only)]
        if not sets:
            sys.exit(f"no set named {' '.join(args.only)} (see --list)")
    cmd = args.cmd.split()
    cmd[0] = os.path.abspath(cmd[0]) if os.path.exists(cmd[0]) else cmd[0]
    failed = False
    with tempfile.TemporaryDirectory(prefix="whosaid-heldout-") as tmp:
        ctx = Context(cmd, sys.executable, Path(tmp), args.polnear, args.keep)
        for name, score in sets:
            t0 = time.time()
            try:
                line = score(ctx)
            except SetFailed as exc:
                line, failed = f"error: {exc}", True
            print(f"{name} {line} ({time.time() - t0:.0f}s)", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
