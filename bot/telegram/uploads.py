"""Checks on articles uploaded by admins: type, size and a safe file name."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

ALLOWED_SUFFIXES = frozenset({".txt", ".md", ".html", ".jsonl", ".json"})
# A channel's Telegram Desktop export is always named result.json: each upload gets a folder.
EXPORTS_DIR = Path("telegram", "exports")
_MAX_NAME = 100
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class UploadRejected(Exception):
    """An upload that must not be saved; ``str()`` is the reason, fit for the user."""


def safe_filename(name: str) -> str:
    """Return a file name safe to create in the corpus directory, keeping the suffix.

    Any directory part is dropped, characters outside ``A-Za-z0-9._-`` become ``-``, and the
    name can neither start with a dot (hidden files, ``..``) nor exceed 100 characters.

    Raises:
        UploadRejected: the suffix is not one the corpus loads.
    """
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = f".{suffix.lower()}" if suffix else ""
    if suffix not in ALLOWED_SUFFIXES:
        shown = suffix or "no extension"
        allowed = ", ".join(sorted(ALLOWED_SUFFIXES))
        raise UploadRejected(f"{shown} files are not accepted; send one of {allowed}")
    stem = _UNSAFE.sub("-", stem).strip(".-_") or "upload"
    stem = re.sub(r"-{2,}", "-", stem)[: _MAX_NAME - len(suffix)]
    return stem + suffix


def check_size(size: int | None, limit: int) -> None:
    """Refuse an empty upload or one over ``limit`` bytes.

    Raises:
        UploadRejected: the size is zero or over the limit.
    """
    if size is not None and size > limit:
        raise UploadRejected(f"the file is {size:,} bytes; the limit is {limit:,}")
    if size == 0:
        raise UploadRejected("the file is empty")


def check_text(data: bytes) -> None:
    """Refuse content that is not UTF-8 text.

    Raises:
        UploadRejected: the bytes do not decode as UTF-8 or contain NUL characters.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UploadRejected("the file is not UTF-8 text") from exc
    if "\x00" in text:
        raise UploadRejected("the file looks binary, not text")


def upload_path(corpus_dir: Path, name: str, data: bytes) -> Path:
    """Return where an upload is kept: by its name, or a Telegram export in a folder of its own
    (``telegram/exports/<name>-<hash>/result.json``, the name the loader looks for)."""
    if not name.endswith(".json"):
        return corpus_dir / name
    folder = f"{name.removesuffix('.json')}-{hashlib.sha256(data).hexdigest()[:8]}"
    return corpus_dir / EXPORTS_DIR / folder / "result.json"
