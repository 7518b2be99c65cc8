"""A local HTTP server on 127.0.0.1 for fetch and feed tests: routes in, requests recorded."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """What the server answers on a route."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    delay: float = 0.0  # seconds before the answer starts


Route = Reply | Callable[[dict[str, str]], Reply]


@dataclass
class WebServer:
    """Routes by path; ``requests`` lists (path, headers) in the order they came."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        """Return this server's URL of a path."""
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def host(self) -> str:
        """Return ``127.0.0.1:<port>``, as the fetch allowlist names it."""
        return f"127.0.0.1:{self.port}"

    def hits(self, path: str) -> int:
        """Return how many requests asked for a path."""
        return sum(1 for p, _ in self.requests if p == path)


@contextmanager
def serve(server: WebServer | None = None) -> Iterator[WebServer]:
    """Run a server in a thread for the duration of the block."""
    web = server or WebServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            web.requests.append((self.path, headers))
            route = web.routes.get(self.path)
            if route is None:
                reply = Reply(b"not found", 404)
            else:
                reply = route(headers) if callable(route) else route
            if reply.delay:
                time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except OSError:
                pass  # the client gave up (a timeout under test)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    web.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield web
    finally:
        httpd.shutdown()
        httpd.server_close()
