"""Build the whosaid indexes the held-out sets are scored against, in throwaway data directories.

An index is never written in the checkout: each lives in a directory the caller owns (a temporary
one by default). Ingesting the 394 held-out articles takes minutes on the shared two cores, so a
caller may keep an index and reuse it, but only for the same code: the index records a stamp of
the checkout (HEAD and the diff of the working tree) and is rebuilt when the stamp differs, since
an incremental ingest skips unchanged files and would keep the old engine's quotes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from eval.polnear_split import link_half

STAMP = "heldout-index-stamp"


class IndexBuildError(RuntimeError):
    """An index could not be built (the whosaid command failed)."""


def whosaid_env(data_dir: Path, articles_dir: Path | None = None) -> dict[str, str]:
    """Return the environment that points whosaid at ``data_dir`` and nothing else."""
    env = dict(os.environ, WHOSAID_DATA_DIR=str(data_dir), PYTHONDONTWRITEBYTECODE="1")
    if articles_dir is not None:
        env["WHOSAID_ARTICLES_DIR"] = str(articles_dir)
    env.pop("WHOSAID_CHROMA_HOST", None)
    return env


def checkout_stamp(root: Path) -> str:
    """Return a stamp of the code in ``root``: its HEAD and a hash of its uncommitted changes."""

    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    head = git("rev-parse", "HEAD").strip() or "no-git"
    diff = git("diff", "HEAD", "--", ".", ":(exclude)eval/heldout")
    return f"{head} {hashlib.sha256(diff.encode()).hexdigest()[:16]}"


def heldout_articles(train: Path, out: Path) -> Path:
    """Link the held-out half of PolNeAR train into ``out`` (once) and return its text folder."""
    if not (out / "text").is_dir():
        if not (train / "text").is_dir():
            sys.exit(f"no PolNeAR train split at {train} (give --polnear)")
        link_half(train, "heldout", out)
    return out / "text"


def ensure_index(cmd: list[str], data_dir: Path, articles: Path, stamp: str) -> bool:
    """Ingest ``articles`` into ``data_dir`` unless it already holds them for this code.

    Returns whether an ingest ran. Raises IndexBuildError when whosaid fails.
    """
    stamp_file = data_dir / STAMP
    files = sorted(f"{p.name}:{p.resolve()}" for p in articles.iterdir())
    want = (
        f"{stamp} {articles.resolve()} {hashlib.sha256(chr(10).join(files).encode()).hexdigest()}"
    )
    if stamp_file.exists() and stamp_file.read_text(encoding="utf-8") == want:
        return False
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    result = subprocess.run(
        [*cmd, "ingest", "--no-progress", str(articles)],
        capture_output=True,
        text=True,
        env=whosaid_env(data_dir, articles),
        check=False,
    )
    if result.returncode not in (0, 3):
        raise IndexBuildError(f"whosaid ingest exited {result.returncode}: {result.stderr[-500:]}")
    stamp_file.write_text(want, encoding="utf-8")
    return True
