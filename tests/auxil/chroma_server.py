"""A real Chroma server (``chroma run``) on 127.0.0.1 for a test: the benchmark's own starter."""

from __future__ import annotations

import contextlib
import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

from bench.run import chroma_server


def free_port() -> int:
    """Return a TCP port that is free on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def chroma_executable() -> str | None:
    """Return the ``chroma`` command installed beside this Python, if any."""
    beside = Path(sys.executable).with_name("chroma")
    return str(beside) if beside.exists() else shutil.which("chroma")


@contextlib.contextmanager
def running_chroma(path: Path) -> Iterator[int]:
    """Run ``chroma run`` on a free loopback port until the block ends; yield the port."""
    with chroma_server(path) as address:
        yield int(address.rsplit(":", 1)[1])
