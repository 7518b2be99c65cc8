"""A ``telegram.request.BaseRequest`` that answers from a :class:`FakeBotApi` in process."""

from __future__ import annotations

import json
from urllib.parse import unquote

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from tests.auxil.bot_api import FakeBotApi


class FakeRequest(BaseRequest):
    """Send every Bot API call to an in-memory API instead of the network; record it there."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        """Return the default read timeout (unused: nothing waits)."""
        return 1.0

    async def initialize(self) -> None:
        """Open nothing."""

    async def shutdown(self) -> None:
        """Close nothing."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer one call (or a file download) from the fake API."""
        # File URLs arrive percent-encoded (the ":" of the token included).
        url = unquote(url)
        file_prefix = f"/file/bot{self.api.token}/"
        if file_prefix in url:
            content = self.api.download(url.split(file_prefix, 1)[1])
            return (200, content) if content is not None else (404, b"")
        endpoint = url.rsplit("/", 1)[1]
        params = dict(request_data.parameters) if request_data else {}
        status, body = self.api.handle(endpoint, params)
        return status, json.dumps(body).encode("utf-8")
