"""A real Chroma server (``chroma run``) on 127.0.0.1 for a test: the benchmark's own starter."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
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


@contextlib.contextmanager
def chroma_process(path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """Run ``chroma run`` as :func:`running_chroma` does; yield the port and the process (to
    stop and continue it)."""
    executable = chroma_executable()
    assert executable is not None, "the chroma CLI is not installed"
    path.mkdir(parents=True, exist_ok=True)
    port = free_port()
    cmd = [executable, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port",
           str(port)]  # fmt: skip
    with (path / "server.log").open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            cmd, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}/api/v2/heartbeat"
            for _ in range(180):
                try:
                    with urllib.request.urlopen(url, timeout=2):
                        break
                except OSError:
                    time.sleep(0.5)
            yield port, process
        finally:
            process.send_signal(signal.SIGCONT)
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
