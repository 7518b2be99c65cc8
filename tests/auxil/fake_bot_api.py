"""A fake Telegram Bot API server over real HTTP on 127.0.0.1, for end-to-end tests.

Serves ``POST /bot<token>/<method>`` (form-encoded, as python-telegram-bot sends it) and
``GET /file/bot<token>/<path>`` from a :class:`FakeBotApi`; a wrong token gets 401 as from
Telegram. Long polling blocks a server thread, never the test's event loop.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.auxil.bot_api import FakeBotApi

# Form values are JSON-encoded except plain strings; these keys carry JSON or numbers.
_JSON_KEYS = {
    "reply_markup",
    "results",
    "commands",
    "allowed_updates",
    "link_preview_options",
    "reply_parameters",
    "entities",
    "button",
    "scope",
    "chat_id",
    "message_id",
    "offset",
    "limit",
    "timeout",
    "cache_time",
    "is_personal",
    "show_alert",
    "drop_pending_updates",
    "disable_notification",
    "protect_content",
    "max_connections",
    "user_id",
}


def _decode(form: dict[str, list[str]]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for key, values in form.items():
        value = values[-1]
        params[key] = json.loads(value) if key in _JSON_KEYS else value
    return params


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients hanging up mid long poll (the bot stopping); report anything else."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class FakeBotApiServer:
    """Run :class:`FakeBotApi` behind an HTTP server on a free loopback port."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self.requests = 0
        # Like a reverse proxy's error page: answer every call with HTML echoing the path.
        self.html_error_page = False
        handler = self._handler_class()
        self._server = _QuietServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The value for ``TELEGRAM_BASE_URL``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    @property
    def base_file_url(self) -> str:
        """The value for ``TELEGRAM_BASE_FILE_URL``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/file/bot"

    def start(self) -> FakeBotApiServer:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port (bounded wait)."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                """Stay quiet: the requests are recorded in the API instead."""

            def _reply(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                server.requests += 1
                path = unquote(urlsplit(self.path).path)
                prefix = f"/file/bot{server.api.token}/"
                content = (
                    server.api.download(path[len(prefix) :]) if path.startswith(prefix) else None
                )
                if content is None:
                    self._reply(404, b"Not Found", "text/plain")
                else:
                    self._reply(200, content, "application/octet-stream")

            def do_POST(self) -> None:
                server.requests += 1
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if server.html_error_page:
                    page = f"<html>gateway says {self.path}</html>".encode()
                    self._reply(200, page, "text/html")
                    return
                path = unquote(urlsplit(self.path).path)
                token, _, method = path.removeprefix("/bot").partition("/")
                if not path.startswith("/bot") or token != server.api.token:
                    body = {"ok": False, "error_code": 401, "description": "Unauthorized"}
                    self._reply(401, json.dumps(body).encode(), "application/json")
                    return
                content_type = self.headers.get("Content-Type", "")
                if content_type.startswith("application/json"):
                    params = json.loads(raw or b"{}")
                else:
                    params = _decode(parse_qs(raw.decode("utf-8"), keep_blank_values=True))
                status, answer = server.api.handle(method, params, poll=True)
                self._reply(status, json.dumps(answer).encode(), "application/json")

        return Handler
