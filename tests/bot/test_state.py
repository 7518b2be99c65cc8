"""The bot's state file: a damaged one never stops the bot; a failed write never damages it."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

import pytest

from tests.auxil.bot_api import FakeBotApi, private_chat, user
from tests.auxil.fake_service import FakeQAService
from tests.auxil.telegram_app import USER, feed, stop_app


async def _ask(app: Any, api: FakeBotApi, text: str) -> None:
    await feed(app, api.message_update(user(USER), private_chat(USER), text))


@pytest.mark.parametrize("content", [b"", b"\x80\x04garbage", b"not a pickle at all"])
async def test_an_unreadable_state_file_is_set_aside_and_the_bot_starts(
    make_app: Any,
    api: FakeBotApi,
    service: FakeQAService,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    content: bytes,
) -> None:
    state = tmp_path / "telegram-state.pickle"
    state.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="bot.telegram.state"):
        app = await make_app(persistence_path=state)
    [aside] = tmp_path.glob("telegram-state.pickle.corrupt-*")
    assert aside.read_bytes() == content
    assert any("empty chat state" in r.getMessage() for r in caplog.records)
    await _ask(app, api, "What did Psaki say?")
    assert "Jennifer Psaki" in api.texts(USER)[-1]
    await stop_app(app)
    # The new file is whole: a restart follows up on the last answer.
    restarted = await make_app(persistence_path=state)
    await _ask(restarted, api, "and about disinformation?")
    context = service.calls_of("ask")[-1][1]["context"]
    assert context is not None and context.speaker == "Jennifer Psaki"


async def test_a_write_that_fails_halfway_leaves_the_old_state_whole(
    make_app: Any,
    api: FakeBotApi,
    service: FakeQAService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "data").mkdir()
    state = tmp_path / "data" / "telegram-state.pickle"
    app = await make_app(persistence_path=state)
    await _ask(app, api, "What did Psaki say?")
    await stop_app(app)
    before = state.read_bytes()

    from telegram.ext import _picklepersistence

    def disk_full(self: Any, bot: Any, file: Any, *args: Any, **kwargs: Any) -> None:
        file.write(b"\x80\x05partial")  # what an in-place write would leave behind
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_picklepersistence._BotPickler, "__init__", disk_full)
    app = await make_app(persistence_path=state)
    await _ask(app, api, "What did Zyuganov say?")
    try:
        with pytest.raises(OSError):
            await app.persistence.flush()
    finally:
        monkeypatch.undo()  # so that shutting the app down can write again
    assert state.read_bytes() == before
    assert pickle.loads(before)["chat_data"][USER]["context"]["speaker"] == "Jennifer Psaki"
    assert [p.name for p in state.parent.iterdir()] == [state.name]  # no temporary left
