"""Fixtures for the Telegram bot tests: the fake service, the fake Bot API, applications."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.telegram import TelegramSettings, build_application
from retrieval import QAService
from tests.auxil.bot_api import FakeBotApi
from tests.auxil.fake_request import FakeRequest
from tests.auxil.fake_service import FakeQAService
from tests.auxil.telegram_app import TOKEN, make_settings, stop_app


@pytest.fixture(autouse=True)
def _no_telegram_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep a developer's TELEGRAM_* variables out of the tests."""
    for name in list(os.environ):
        if name.startswith("TELEGRAM_"):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """Undo ``configure_logging`` (run by ``main``): its handler holds this test's stderr."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
def api() -> FakeBotApi:
    return FakeBotApi(TOKEN)


@pytest.fixture
def service(tmp_path: Path) -> FakeQAService:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    return FakeQAService(corpus_dir=corpus)


@pytest.fixture
async def make_app(api: FakeBotApi, service: QAService) -> AsyncIterator[Callable[..., Any]]:
    """Return a factory of initialized applications on the in-process fake API, over the
    ``service`` fixture nearest the test (the fake here; a module may give a real index)."""
    started: list[Any] = []

    async def factory(
        settings: TelegramSettings | None = None,
        persistence_path: Path | None = None,
        inline_debounce: float = 0.0,
        flood_notice_after: float = 5.0,
    ) -> Any:
        application = build_application(
            settings or make_settings(),
            service_factory=lambda: service,
            persistence_path=persistence_path,
            request=FakeRequest(api),
            get_updates_request=FakeRequest(api),
            network_backoff=0.01,
            inline_debounce=inline_debounce,
            flood_notice_after=flood_notice_after,
        )
        await application.initialize()
        assert application.post_init is not None
        await application.post_init(application)
        started.append(application)
        return application

    yield factory
    for application in started:
        await stop_app(application)
