"""Reading a file's bytes with clear refusals, and the ids and hashes derived from it.

Only regular files are read (never a FIFO, a device or ``/dev/zero`` behind a symlink), and
never more than a size limit: the file is opened without blocking, checked with ``fstat``
and read up to the limit, so no file can hang or exhaust an ingest.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
from pathlib import Path

from corpus.errors import LoadError

logger = logging.getLogger(__name__)

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
# Whatever the configured limit, nothing larger is ever read (see ``CorpusSettings.max_file_mb``).
HARD_MAX_FILE_BYTES = 100 * 1024 * 1024

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}


def check_file(path: Path, mode: int, size: int, max_bytes: int) -> None:
    """Refuse what is not a regular file, or is larger than ``max_bytes``.

    Raises:
        LoadError: Not a regular file, or too large.
    """
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise LoadError(path, f"{kind}, not a regular file; skipped unread")
    if size > max_bytes:
        raise LoadError(
            path,
            f"{size / 1e6:,.1f} MB, over the limit of {max_bytes / 1e6:,.1f} MB "
            "(WHOSAID_MAX_FILE_MB); split it into smaller files",
        )


def read_bytes(path: Path, *, max_bytes: int = HARD_MAX_FILE_BYTES) -> bytes:
    """Read a file, refusing what cannot be an article.

    Raises:
        LoadError: The file is missing, unreadable, not a regular file, too large, empty,
            UTF-16 or binary (has NUL bytes).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise os_error(path, exc) from None
    try:
        info = os.fstat(fd)
        check_file(path, info.st_mode, info.st_size, max_bytes)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise os_error(path, exc) from None
    finally:
        os.close(fd)
    if len(raw) > max_bytes:  # it grew while being read
        check_file(path, stat.S_IFREG, len(raw), max_bytes)
    if not raw.strip():
        raise LoadError(path, "empty file")
    if raw.startswith(_UTF16_BOMS):
        raise LoadError(path, "UTF-16 text is not supported; save the file as UTF-8")
    if b"\x00" in raw:
        raise LoadError(path, "binary file (contains NUL bytes)")
    return raw


def os_error(path: Path, exc: OSError) -> LoadError:
    """Turn a failure to stat or open an article file into its one-line ``LoadError``."""
    if exc.errno == errno.ENOENT:
        return LoadError(path, "no such file (or a dangling symlink)")
    if exc.errno == errno.EISDIR:
        return LoadError(path, "is a directory, not a file")
    if exc.errno == errno.ELOOP:
        return LoadError(path, "symlink loop")
    return LoadError(path, f"cannot read file: {exc.strerror or exc}")


def decode_utf8(path: Path, raw: bytes) -> str:
    """Decode bytes as UTF-8 exactly as ``open(path, encoding="utf-8", newline="")`` would.

    A leading byte order mark stays in the text, so offsets index the file as Python reads
    it; the span splitters (``corpus.loaders.blocks``) step over it.

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
