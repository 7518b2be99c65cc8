"""End to end in webhook mode: the real bot serves updates over HTTP on 127.0.0.1.

The bot registers its webhook with a fake Bot API server (which only records ``setWebhook``; the
https URL is never called) and the tests play Telegram by POSTing updates straight to the bot's
webhook server, with and without the secret Telegram would send.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, cast

import httpx
import pytest

from bot.telegram import TelegramSettings, build_application, serve
from retrieval import QAService
from tests.auxil.bot_api import FakeBotApi, private_chat, user
from tests.auxil.fake_bot_api import FakeBotApiServer
from tests.auxil.fake_service import FakeQAService, seed_quotes
from tests.auxil.html_check import parse
from tests.auxil.telegram_app import TOKEN, USER, make_settings

SECRET = "webhook_Secret-0123"
PUBLIC_URL = "https://bot.example.org/whosaid/"
PATH = "tg-updates"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
QUESTION = "What did Psaki say?"


def free_port() -> int:
    """Return a loopback port that was free a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class WebhookBot:
    api: FakeBotApi
    service: FakeQAService
    settings: TelegramSettings
    client: httpx.AsyncClient

    @property
    def url(self) -> str:
        """Where Telegram would POST updates (the reverse proxy's target)."""
        return f"http://127.0.0.1:{self.settings.webhook_port}/{PATH}"

    def question(self) -> dict[str, Any]:
        """Build the update of a private text message asking a question."""
        return self.api.message_update(user(USER), private_chat(USER), QUESTION)

    async def post(self, update: dict[str, Any], secret: str | None) -> httpx.Response:
        """POST an update to the webhook as Telegram would, with ``secret`` (if any)."""
        headers = {} if secret is None else {SECRET_HEADER: secret}
        return await self.client.post(self.url, json=update, headers=headers)


@pytest.fixture
def server() -> Iterator[FakeBotApiServer]:
    fake = FakeBotApiServer(FakeBotApi(TOKEN)).start()
    yield fake
    fake.stop()


@pytest.fixture
async def bot(server: FakeBotApiServer, service: FakeQAService) -> AsyncIterator[WebhookBot]:
    settings = make_settings(
        base_url=server.base_url,
        base_file_url=server.base_file_url,
        webhook_url=PUBLIC_URL,
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=free_port(),
        webhook_path=PATH,
    )
    # The fake answers the part of QAService the bot uses; the signature names the real class.
    stand_in = cast(QAService, service)
    application = build_application(
        settings, service_factory=lambda: stand_in, network_backoff=0.05
    )
    stop = asyncio.Event()
    task = asyncio.create_task(serve(application, settings, stop=stop))
    try:
        # ``running`` is set once the webhook server listens and updates are being processed.
        await server.api.wait_for(lambda _: application.running or task.done())
        if task.done():
            task.result()  # start-up failed: raise its error here
        async with httpx.AsyncClient(timeout=10) as client:
            yield WebhookBot(server.api, service, settings, client)
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=20)
    assert service.closed


async def test_the_webhook_is_registered_with_its_url_and_secret(bot: WebhookBot) -> None:
    [call] = bot.api.calls_to("setWebhook")
    assert call.params["url"] == f"https://bot.example.org/whosaid/{PATH}"
    assert call.params["secret_token"] == SECRET
    assert "message" in call.params["allowed_updates"]
    assert not bot.api.calls_to("deleteWebhook")  # what polling start-up would call


async def test_an_update_with_the_secret_is_answered(bot: WebhookBot) -> None:
    response = await bot.post(bot.question(), SECRET)
    assert response.status_code == 200
    [answer] = await bot.api.wait_for_texts(USER, 1)
    assert parse(answer).blockquotes == [(False, seed_quotes()[0].text)]
    assert [args for args, _ in bot.service.calls_of("ask")] == [(QUESTION,)]


@pytest.mark.parametrize("secret", [None, "", "wrong_secret", SECRET + "x"])
async def test_an_update_without_the_secret_is_refused(
    bot: WebhookBot, secret: str | None
) -> None:
    update = bot.question()
    refused = await bot.post(update, secret)
    assert refused.status_code == 403
    # The genuine update, sent next, is a barrier: a refused update that had slipped into the
    # queue anyway would be ahead of it, so it would have been asked by the time this is answered.
    assert (await bot.post(update, SECRET)).status_code == 200
    await bot.api.wait_for_texts(USER, 1)
    assert len(bot.api.texts(USER)) == 1
    assert len(bot.service.calls_of("ask")) == 1


@pytest.mark.parametrize("listen", ["127.0.0.1", "192.0.2.1"], ids=["in use", "not ours"])
def test_a_webhook_address_that_cannot_be_listened_on_is_one_line_and_exit_2(
    server: FakeBotApiServer,
    service: FakeQAService,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Any,
    listen: str,
) -> None:
    from bot.cli import main
    from bot.telegram.launcher import EXIT_CONFIG

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("bot.telegram.launcher.open_service", lambda *_, **__: service)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        for name, value in {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": server.base_url,
            "TELEGRAM_BASE_FILE_URL": server.base_file_url,
            "TELEGRAM_WEBHOOK_URL": PUBLIC_URL,
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "TELEGRAM_WEBHOOK_LISTEN": listen,  # 192.0.2.1 is documentation's, nobody's
            "TELEGRAM_WEBHOOK_PORT": str(taken.getsockname()[1]),
            "WHOSAID_DATA_DIR": str(tmp_path / "data"),
        }.items():
            monkeypatch.setenv(name, value)
        status = main(["bot"])
    err = capsys.readouterr().err
    assert status == EXIT_CONFIG
    [line] = [line for line in err.splitlines() if line.startswith("whosaid bot:")]
    assert f"cannot listen on {listen}:" in line
    assert "Traceback" not in err and "unexpected error" not in err
