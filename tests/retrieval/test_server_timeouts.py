"""A Chroma server that accepts connections and never answers fails a call in one line, within
the configured timeout, instead of hanging the command or the bot."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from retrieval import IndexUnavailableError, open_service
from tests.auxil.chroma_server import chroma_executable, chroma_process
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import ROOT, make_settings

OPEN = """
import sys
import threading
from pathlib import Path
from retrieval import IndexUnavailableError, open_service
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings
settings = make_settings(Path(sys.argv[1]), chroma_host="127.0.0.1", chroma_port=int(sys.argv[2]),
                         chroma_timeout=1, chroma_connect_timeout=1)
try:
    open_service(settings, embeddings=FakeEmbeddings())
except IndexUnavailableError as exc:
    print(exc)
"""


def test_a_server_that_never_answers_fails_the_opening_within_the_timeout(
    tmp_path: Path,
) -> None:
    with socket.socket() as listener:
        # Connections are accepted by the kernel (the backlog) and never answered.
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        port = listener.getsockname()[1]
        # In a process of its own: without a timeout it would hang this one for good.
        done = subprocess.run(
            [sys.executable, "-c", OPEN, str(tmp_path), str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=90,
        )
    assert done.returncode == 0, done.stderr
    [line] = done.stdout.splitlines()
    assert f"the Chroma server 127.0.0.1:{port} did not answer within 1 s" in line
    assert "WHOSAID_CHROMA_TIMEOUT" in line


@pytest.mark.slow
@pytest.mark.skipif(chroma_executable() is None, reason="chroma CLI not installed")
def test_a_server_that_stops_answering_fails_a_question_within_the_timeout(
    tmp_path: Path,
) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "almaty.txt").write_text(
        "Jan 7, 2022\n\nOfficials speak\n\n“We will restore order within days,” the mayor "
        "of Almaty, Bakytzhan Sagintayev, said.\n",
        encoding="utf-8",
    )
    with chroma_process(tmp_path / "server") as (port, server):
        settings = make_settings(
            tmp_path, chroma_host="127.0.0.1", chroma_port=port, chroma_timeout=2
        )
        service = open_service(settings, embeddings=FakeEmbeddings())
        service.ingest()
        server.send_signal(signal.SIGSTOP)  # wedged: connections accepted, nothing answered
        try:
            with pytest.raises(IndexUnavailableError, match="did not answer within 2 s"):
                service.ask("Who said order will be restored?")
        finally:
            server.send_signal(signal.SIGCONT)
        assert service.ask("Who said order will be restored?").found


def test_a_server_that_stops_while_the_client_is_made_is_a_clear_error(tmp_path: Path) -> None:
    # The heartbeat is answered, then the server is gone: Chroma's client, checking the
    # server as it is made, says so with a ValueError, which must not read as a bug.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]

    def answer_once() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            body = b'{"nanosecond heartbeat": 1}'
            connection.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
            )
        listener.close()

    server = threading.Thread(target=answer_once, daemon=True)
    server.start()
    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=port)
    with pytest.raises(IndexUnavailableError) as info:
        open_service(settings, embeddings=FakeEmbeddings())
    server.join(timeout=10)
    assert f"the Chroma server 127.0.0.1:{port} is not answering" in str(info.value)
    assert "start it and try again" in str(info.value)
