"""Fixtures for the Telegram bot tests: settings, the fake service and the fake Bot API."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.telegram import TelegramSettings, build_application
from tests.auxil.bot_api import FakeBotApi
from tests.auxil.fake_request import FakeRequest
from tests.auxil.fake_service import FakeQAService

TOKEN = "123456789:AAHfakeTokenForTestsOnly_0123456789ab"
ADMIN = 1001
USER = 1002
STRANGER = 6666


@pytest.fixture(autouse=True)
def _no_telegram_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep a developer's TELEGRAM_* variables out of the tests."""
    for name in list(os.environ):
        if name.startswith("TELEGRAM_"):
            monkeypatch.delenv(name)


def make_settings(**overrides: Any) -> TelegramSettings:
    """Build settings as the tests want them, ignoring any .env file."""
    values: dict[str, Any] = {"bot_token": TOKEN, "admins": frozenset({ADMIN})}
    values.update(overrides)
    return TelegramSettings(_env_file=None, **values)


@pytest.fixture
def api() -> FakeBotApi:
    return FakeBotApi(TOKEN)


@pytest.fixture
def service(tmp_path: Path) -> FakeQAService:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    return FakeQAService(corpus_dir=corpus)


AppFactory = Callable[..., Any]


@pytest.fixture
async def make_app(
    api: FakeBotApi, service: FakeQAService
) -> AsyncIterator[Callable[..., Any]]:
    """Return a factory of initialized applications on the in-process fake API."""
    started: list[Any] = []

    async def factory(
        settings: TelegramSettings | None = None, persistence_path: Path | None = None
    ) -> Any:
        application = build_application(
            settings or make_settings(),
            service_factory=lambda: service,
            persistence_path=persistence_path,
            request=FakeRequest(api),
            get_updates_request=FakeRequest(api),
            network_backoff=0.01,
        )
        await application.initialize()
        assert application.post_init is not None
        await application.post_init(application)
        started.append(application)
        return application

    yield factory
    for application in started:
        await stop_app(application)


async def stop_app(application: Any) -> None:
    """Shut an application down the way ``serve`` does (idempotent)."""
    if application._initialized:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


async def feed(application: Any, update: dict[str, Any]) -> None:
    """Process one update dict through the application, as if it came from Telegram."""
    await application.process_update(Update.de_json(update, application.bot))
