"""An in-memory Telegram Bot API: records every call the bot makes and plays the users.

Shared by the in-process fake request (handler tests) and the HTTP fake server (end-to-end
tests). Only the methods and fields the bot uses are modelled, with the shapes the real API
returns.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

BOT_ID = 700_000
BOT_USERNAME = "whosaid_test_bot"


@dataclass(frozen=True)
class Call:
    """One Bot API call the bot made."""

    method: str
    params: JSON

    @property
    def chat_id(self) -> int | None:
        """The chat the call is about, if any."""
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        """The message text of the call, or an empty string."""
        return str(self.params.get("text", ""))


def user(user_id: int, name: str = "Ada", *, language_code: str | None = None) -> JSON:
    """Return a Telegram ``User`` object for a person (``language_code``: their client's)."""
    found: JSON = {"id": user_id, "is_bot": False, "first_name": name}
    if language_code is not None:
        found["language_code"] = language_code
    return found


def private_chat(user_id: int) -> JSON:
    """Return the private ``Chat`` with a user (its id is the user's)."""
    return {"id": user_id, "type": "private", "first_name": "Ada"}


def group_chat(chat_id: int) -> JSON:
    """Return a group ``Chat``."""
    return {"id": chat_id, "type": "supergroup", "title": "Newsroom"}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def entities_for(text: str) -> list[JSON]:
    """Return the entities Telegram would attach: a leading command and @mentions."""
    found: list[JSON] = []
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        found.append({"type": "bot_command", "offset": 0, "length": _utf16(command)})
    for index, char in enumerate(text):
        if char == "@" and (index == 0 or text[index - 1].isspace()):
            end = index + 1
            while end < len(text) and (text[end].isalnum() or text[end] == "_"):
                end += 1
            if end - index > 1:
                found.append(
                    {
                        "type": "mention",
                        "offset": _utf16(text[:index]),
                        "length": _utf16(text[index:end]),
                    }
                )
    return found


@dataclass
class FakeBotApi:
    """The state of a fake Bot API server for one bot token."""

    token: str
    bot_id: int = BOT_ID
    username: str = BOT_USERNAME
    calls: list[Call] = field(default_factory=list)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    _updates: list[JSON] = field(default_factory=list)
    _failures: dict[str, list[tuple[int, JSON]]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _condition: threading.Condition = field(default_factory=threading.Condition)

    # --- the bot's side ------------------------------------------------------------------

    @property
    def me(self) -> JSON:
        """The bot's own ``User``."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "WhoSaid",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def handle(self, method: str, params: JSON, *, poll: bool = False) -> tuple[int, JSON]:
        """Answer one Bot API call with ``(HTTP status, JSON body)``.

        With ``poll``, ``getUpdates`` waits (bounded by its ``timeout`` and 5 s) for updates.
        """
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params, poll=poll)}
        with self._condition:
            self.calls.append(Call(method, params))
            pending = self._failures.get(method)
            if pending:
                return pending.pop(0)
            result = self._result(method, params)
        if result is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        return 200, {"ok": True, "result": result}

    def _result(self, method: str, params: JSON) -> Any:
        if method == "getMe":
            return self.me
        if method in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
            return self._bot_message(params)
        if method == "getFile":
            file_id = str(params["file_id"])
            if file_id not in self.files:
                return None
            path, content = self.files[file_id]
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(content),
                "file_path": path,
            }
        if method in (
            "sendChatAction",
            "setMyCommands",
            "answerCallbackQuery",
            "answerInlineQuery",
            "deleteWebhook",
            "setWebhook",
            "close",
        ):
            return True
        return None

    def _bot_message(self, params: JSON) -> JSON:
        chat_id = int(params.get("chat_id", 0))
        message: JSON = {
            "message_id": int(params.get("message_id") or next(self._ids)),
            "date": int(time.time()),
            "chat": private_chat(chat_id) if chat_id > 0 else group_chat(chat_id),
            "from": self.me,
            "text": str(params.get("text", "")),
        }
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    def _get_updates(self, params: JSON, *, poll: bool) -> list[JSON]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 5.0) if poll else 0.0
        with self._condition:
            # Confirmed updates are gone for good, as on the real server.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._condition.wait_for(lambda: bool(self._updates), timeout=timeout)
            return list(self._updates[:100])

    def download(self, path: str) -> bytes | None:
        """Return the content of a file by its ``file_path``."""
        for stored_path, content in self.files.values():
            if stored_path == path:
                return content
        return None

    # --- the test's side -----------------------------------------------------------------

    def fail_next(self, method: str, *, retry_after: int = 1) -> None:
        """Answer the next call of ``method`` with flood control (HTTP 429, ``retry_after``)."""
        self.fail_with(
            method,
            429,
            f"Too Many Requests: retry after {retry_after}",
            parameters={"retry_after": retry_after},
        )

    def fail_with(
        self,
        method: str,
        status: int,
        description: str,
        *,
        times: int = 1,
        parameters: JSON | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with an error ``status``."""
        body: JSON = {"ok": False, "error_code": status, "description": description}
        if parameters is not None:
            body["parameters"] = parameters
        with self._condition:
            self._failures.setdefault(method, []).extend([(status, body)] * times)

    def push(self, update: JSON) -> JSON:
        """Queue an update for ``getUpdates`` and return it."""
        with self._condition:
            update["update_id"] = next(self._ids)
            self._updates.append(update)
            self._condition.notify_all()
        return update

    def message_update(
        self,
        sender: JSON,
        chat: JSON,
        text: str | None = None,
        *,
        reply_to: JSON | None = None,
        document: JSON | None = None,
        quote: str | None = None,
        external_reply: JSON | None = None,
    ) -> JSON:
        """Build (without queueing) an update for a user's message.

        ``quote`` is the part of the replied-to message the user selected (``TextQuote``);
        ``external_reply`` the ``ExternalReplyInfo`` of a reply to a message in another chat.
        """
        message: JSON = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": chat,
            "from": sender,
        }
        if text is not None:
            message["text"] = text
            entities = entities_for(text)
            if entities:
                message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if document is not None:
            message["document"] = document
        if quote is not None:
            message["quote"] = {"text": quote, "position": 0, "is_manual": True}
        if external_reply is not None:
            message["external_reply"] = external_reply
        return {"update_id": 0, "message": message}

    def send(self, sender: JSON, chat: JSON, text: str, **kwargs: Any) -> JSON:
        """Queue a user's text message."""
        return self.push(self.message_update(sender, chat, text, **kwargs))

    def add_file(self, name: str, content: bytes, mime_type: str = "text/plain") -> JSON:
        """Store a file on the server and return the ``Document`` a user would send."""
        file_id = f"file{next(self._ids)}"
        # Like Telegram, the stored path is the server's own name, not the user's.
        suffix = "." + name.rsplit(".", 1)[1] if "." in name else ""
        self.files[file_id] = (f"documents/{file_id}{suffix}", content)
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": name,
            "mime_type": mime_type,
            "file_size": len(content),
        }

    def callback_update(self, sender: JSON, message: JSON, data: str) -> JSON:
        """Build an update for a press on an inline button of a bot message."""
        return {
            "update_id": 0,
            "callback_query": {
                "id": f"cb{next(self._ids)}",
                "from": sender,
                "chat_instance": "ci",
                "data": data,
                "message": message,
            },
        }

    def inline_update(self, sender: JSON, query: str) -> JSON:
        """Build an update for an inline query ``@bot <query>``."""
        return {
            "update_id": 0,
            "inline_query": {
                "id": f"iq{next(self._ids)}",
                "from": sender,
                "query": query,
                "offset": "",
            },
        }

    # --- inspecting --------------------------------------------------------------------------

    def calls_to(self, method: str, chat_id: int | None = None) -> list[Call]:
        """Return the recorded calls of one method, optionally in one chat."""
        with self._condition:
            return [
                call
                for call in self.calls
                if call.method == method and (chat_id is None or call.chat_id == chat_id)
            ]

    def texts(self, chat_id: int) -> list[str]:
        """Return the texts the bot sent to a chat, in order."""
        return [call.text for call in self.calls_to("sendMessage", chat_id)]

    async def wait_for(
        self, predicate: Callable[[FakeBotApi], bool], *, timeout: float = 15.0
    ) -> None:
        """Wait (bounded) until ``predicate(self)`` holds, without blocking the event loop."""
        deadline = time.monotonic() + timeout
        while not predicate(self):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout}s; calls: {self.summary()}")
            await asyncio.sleep(0.02)

    async def wait_for_texts(
        self, chat_id: int, count: int, *, timeout: float = 15.0
    ) -> list[str]:
        """Wait until the bot has sent ``count`` messages to a chat; return them all."""
        await self.wait_for(lambda api: len(api.texts(chat_id)) >= count, timeout=timeout)
        return self.texts(chat_id)

    def summary(self) -> list[str]:
        """Return a short description of every call, for failure messages."""
        with self._condition:
            return [f"{c.method}({c.chat_id}): {c.text[:60]!r}" for c in self.calls]
