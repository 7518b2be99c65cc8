"""Telegram's flood control holds one chat back, never the others, and never for long."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.telegram.flood import ChatFloodLimiter
from tests.auxil.bot_api import FakeBotApi, private_chat, user
from tests.auxil.fake_service import FakeQAService
from tests.auxil.telegram_app import USER, feed

OTHER = 1003

pytestmark = pytest.mark.filterwarnings(
    # python-telegram-bot warns about its own RetryAfter.retry_after type while building the
    # exception for a 429; nothing in our code can avoid it.
    "ignore:Deprecated since version v22.2. In a future major version attribute .retry_after."
    ":telegram.warnings.PTBDeprecationWarning"
)


def question(api: FakeBotApi, sender: int) -> dict[str, Any]:
    return api.message_update(user(sender), private_chat(sender), "What did Psaki say?")


async def test_a_long_hold_on_one_chat_does_not_stop_the_others(
    make_app: Any, api: FakeBotApi, service: FakeQAService, caplog: pytest.LogCaptureFixture
) -> None:
    app = await make_app()
    api.fail_next("sendMessage", retry_after=3600)
    with caplog.at_level(logging.WARNING):
        # Bounded: before, the whole bot paused for the hour (three times over).
        await asyncio.wait_for(feed(app, question(api, USER)), timeout=30)
        await asyncio.wait_for(feed(app, question(api, OTHER)), timeout=30)
    # Refused once with an hour's hold: not tried again, and not waited for.
    assert len(api.texts(USER)) == 1
    assert "Jennifer Psaki" in api.texts(OTHER)[0]
    assert len(service.calls_of("ask")) == 2
    assert any("flood control holds 1002 for 3600 s" in r.getMessage() for r in caplog.records)
    # A hold is a failure we know: one line, never the bug report's traceback.
    assert not any(r.exc_info for r in caplog.records)
    assert any(
        "update" in r.getMessage() and "not answered" in r.getMessage() for r in caplog.records
    )


async def test_a_short_hold_delays_the_answer_and_says_so(
    make_app: Any, api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = await make_app(flood_notice_after=0.5)
    api.fail_next("sendMessage", retry_after=1)
    await asyncio.wait_for(feed(app, question(api, USER)), timeout=30)
    refused, answer = api.texts(USER)
    assert "Jennifer Psaki" in answer and answer.startswith(refused)
    assert answer.endswith("<i>(Telegram's flood control held this answer back for 1 second.)</i>")


async def test_the_delay_note_is_in_the_chats_language(make_app: Any, api: FakeBotApi) -> None:
    app = await make_app(flood_notice_after=0.5)
    api.fail_next("sendMessage", retry_after=1)
    update = api.message_update(
        user(USER, language_code="ru"), private_chat(USER), "What did Psaki say?"
    )
    await asyncio.wait_for(feed(app, update), timeout=30)
    answer = api.texts(USER)[-1]
    assert "Jennifer Psaki" in answer
    assert answer.endswith(
        "<i>(Ответ пришёл на 1 секунду позже: Telegram ограничивает частоту сообщений.)</i>"
    )


async def test_the_typing_indicator_never_waits_for_a_held_chat() -> None:
    now = [0.0]
    limiter = ChatFloodLimiter(max_wait=30, clock=lambda: now[0])
    sent: list[str] = []

    async def send(endpoint: str, data: dict[str, Any]) -> bool:
        sent.append(endpoint)
        if len(sent) == 1:
            raise RetryAfter(20)
        return True

    data = {"chat_id": USER}
    with pytest.raises(RetryAfter):
        await limiter.process_request(
            send, ("sendChatAction", data), {}, "sendChatAction", data, None
        )
    assert limiter.held_for(USER) == 20
    with pytest.raises(RetryAfter):  # still held: skipped at once, not sent
        await limiter.process_request(
            send, ("sendChatAction", data), {}, "sendChatAction", data, None
        )
    assert sent == ["sendChatAction"]
    now[0] = 21.0
    assert await limiter.process_request(
        send, ("sendChatAction", data), {}, "sendChatAction", data, None
    )


def test_the_memory_of_held_chats_is_bounded() -> None:
    now = [0.0]
    limiter = ChatFloodLimiter(clock=lambda: now[0])
    for chat in range(5000):
        limiter._hold(chat, 1.0)
        now[0] += 0.01
    assert len(limiter._held) <= 1024
