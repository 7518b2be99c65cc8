"""Builders shared by the Telegram bot tests: settings and ways to drive an application."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.telegram import TelegramSettings

TOKEN = "123456789:AAHfakeTokenForTestsOnly_0123456789ab"
ADMIN = 1001
USER = 1002
STRANGER = 6666


def make_settings(**overrides: Any) -> TelegramSettings:
    """Build settings as the tests want them, ignoring any .env file."""
    values: dict[str, Any] = {"bot_token": TOKEN, "admins": frozenset({ADMIN})}
    values.update(overrides)
    return TelegramSettings(_env_file=None, **values)


async def stop_app(application: Any) -> None:
    """Shut an application down the way ``serve`` does (idempotent)."""
    if application._initialized:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


async def feed(application: Any, update: dict[str, Any]) -> None:
    """Process one update dict through the application, as if it came from Telegram."""
    await application.process_update(Update.de_json(update, application.bot))


class KeepOpen:
    """Lend a shared real service to one bot without letting the bot close it."""

    def __init__(self, service: Any) -> None:
        self._service = service

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)

    def close(self) -> None:
        """Leave the shared service open for other tests."""
