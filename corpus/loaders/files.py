"""Reading a file's bytes with clear refusals, and the ids and hashes derived from it."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from corpus.errors import LoadError

logger = logging.getLogger(__name__)


def read_bytes(path: Path) -> bytes:
    """Read a file, refusing what cannot be an article.

    Raises:
        LoadError: The file is missing, unreadable, empty or binary (has NUL bytes).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except IsADirectoryError:
        raise LoadError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise LoadError(path, f"cannot read file: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise LoadError(path, "empty file")
    if b"\x00" in raw:
        raise LoadError(path, "binary file (contains NUL bytes)")
    return raw


def decode_utf8(path: Path, raw: bytes) -> str:
    """Decode bytes as UTF-8 exactly as ``open(path, encoding="utf-8", newline="")`` would.

    Raises:
        LoadError: The bytes are not valid UTF-8.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        raise LoadError(path, f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})") from None


def doc_id(path: Path, key: str | None = None) -> str:
    """Return a stable id: the first 16 hex digits of sha256 of the resolved path (and key).

    Args:
        path: The article's file; resolved, so the id does not depend on the working directory.
        key: Tells apart several articles of one file (a JSON Lines article's url or line).
    """
    name = str(path.resolve())
    if key is not None:
        name = f"{name}#{key}"
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]


def content_hash(raw: bytes) -> str:
    """Return the sha256 hex digest of the bytes an article came from."""
    return hashlib.sha256(raw).hexdigest()
