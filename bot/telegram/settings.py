"""Settings of the Telegram front end, read from the environment and ``.env``."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# A Bot API token is "<bot id>:<secret>"; checking the shape catches copy-paste accidents
# before the first request, and the server still has the last word (getMe at start-up).
_TOKEN_SHAPE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
_PLACEHOLDERS = ("changeme", "change-me", "your", "token", "xxx", "<", "...")
# Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and - in X-Telegram-Bot-Api-Secret-Token;
# a secret anyone could guess in a few tries guards nothing, so at least 16 are required.
_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MIN_SECRET_CHARS = 16

IdSet = Annotated[frozenset[int], NoDecode]


class TelegramSettings(BaseSettings):
    """Everything the bot needs besides the index: token, endpoints, access and limits.

    Environment variables carry the ``TELEGRAM_`` prefix (``TELEGRAM_BOT_TOKEN``, ...). Id lists
    are comma-separated (``TELEGRAM_ADMINS=123,456``); an empty allowlist means open to all.
    """

    model_config = SettingsConfigDict(
        env_prefix="TELEGRAM_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        # "TELEGRAM_WEBHOOK_URL=" (as in .env.example) means unset, not the empty string.
        env_ignore_empty=True,
        # A validation error must never echo what was typed: it may be the token or a secret.
        hide_input_in_errors=True,
        allow_inf_nan=False,
    )

    bot_token: SecretStr = Field(description="token from @BotFather; never logged")
    base_url: str = Field(
        default="https://api.telegram.org/bot",
        description="Bot API endpoint; the token is appended (or replaces {token})",
    )
    base_file_url: str = Field(
        default="https://api.telegram.org/file/bot",
        description="file download endpoint; the token is appended (or replaces {token})",
    )
    allowed_users: IdSet = Field(default=frozenset(), description="user ids; empty = everyone")
    allowed_chats: IdSet = Field(default=frozenset(), description="chat ids; empty = every chat")
    admins: IdSet = Field(default=frozenset(), description="user ids allowed to add articles")
    rate_limit: int = Field(
        default=10, ge=1, le=10_000, description="questions per user per rate window"
    )
    rate_window: float = Field(default=60.0, gt=0, le=86_400, description="seconds")
    flood_wait_max: float = Field(
        default=30.0,
        ge=1,
        le=600,
        description="seconds an answer may wait for Telegram's flood control on its chat; "
        "past that it is not sent (other chats never wait for it)",
    )
    max_upload_bytes: int = Field(default=2_000_000, ge=1, le=20_000_000)
    page_size: int = Field(default=5, ge=1, le=20, description="quotes per answer page")
    corrections_from_anyone: bool = Field(
        default=False,
        description="every allowed user may correct a quote's speaker (default: admins only)",
    )
    persistence_file: Path | None = Field(
        default=None,
        description="per-chat state; default <WHOSAID_DATA_DIR>/telegram-state.pickle",
    )
    channel_posts: Annotated[frozenset[str], NoDecode] = Field(
        default=frozenset(),
        description="channels (@username or numeric id) where the bot is admin whose posts are "
        "ingested as they are published or edited; empty = none",
    )
    alert_seconds: float = Field(
        default=60.0,
        ge=0,
        le=86_400,
        description="how often /follow alerts look for what other processes ingested "
        "(0: only after the bot's own ingests)",
    )
    webhook_url: str | None = Field(default=None, description="public HTTPS URL; unset = polling")
    webhook_listen: str = Field(
        default="0.0.0.0", description="the IP address the webhook server listens on"
    )
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_path: str = Field(
        default="telegram", pattern=r"^/*[A-Za-z0-9_-][A-Za-z0-9_/-]{0,127}$"
    )
    webhook_secret: SecretStr | None = Field(
        default=None, description="checked on every webhook request; required with webhook_url"
    )

    @field_validator("allowed_users", "allowed_chats", "admins", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        if isinstance(value, int):
            return frozenset({value})
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",")]
            try:
                return frozenset(int(part) for part in parts if part)
            except ValueError:
                # Not echoed: settings errors never show what was typed.
                raise ValueError("expected comma-separated numeric ids") from None
        return value

    @field_validator("webhook_listen")
    @classmethod
    def _check_listen(cls, value: str) -> str:
        try:
            ipaddress.ip_address(value.strip())
        except ValueError:
            raise ValueError("must be an IP address, such as 0.0.0.0 or 127.0.0.1") from None
        return value.strip()

    @field_validator("channel_posts", mode="before")
    @classmethod
    def _split_channels(cls, value: Any) -> Any:
        if isinstance(value, str | int):
            parts = [part.strip() for part in str(value).replace(";", ",").split(",")]
            channels = set()
            for part in parts:
                if not part:
                    continue
                name = part.lstrip("@")
                if not (re.fullmatch(r"-?\d{1,20}", part) or re.fullmatch(r"\w{4,32}", name)):
                    # Not echoed: settings errors never show what was typed.
                    raise ValueError("expected @usernames or numeric ids")
                channels.add(part.lower() if part.startswith("@") else part)
            return frozenset(channels)
        return value

    @field_validator("bot_token")
    @classmethod
    def _check_token(cls, value: SecretStr) -> SecretStr:
        token = value.get_secret_value().strip()
        if not token:
            raise ValueError("is empty")
        lowered = token.lower()
        if any(marker in lowered for marker in _PLACEHOLDERS) and not _TOKEN_SHAPE.match(token):
            raise ValueError("is still a placeholder; paste the token from @BotFather")
        if not _TOKEN_SHAPE.match(token):
            # The message must not echo the token: it is a secret even when mistyped.
            raise ValueError("does not look like a Bot API token (<digits>:<secret>)")
        return SecretStr(token)

    @field_validator("base_url", "base_file_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("webhook_path")
    @classmethod
    def _strip_path(cls, value: str) -> str:
        return value.strip("/")

    @model_validator(mode="after")
    def _check_webhook(self) -> Self:
        if self.webhook_url is None:
            return self
        if not self.webhook_url.startswith("https://"):
            raise ValueError("TELEGRAM_WEBHOOK_URL must be an https:// URL")
        if self.webhook_secret is None:
            raise ValueError("TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL")
        if not _SECRET_SHAPE.match(self.webhook_secret.get_secret_value()):
            raise ValueError("TELEGRAM_WEBHOOK_SECRET may use only A-Z, a-z, 0-9, _ and -")
        if len(self.webhook_secret.get_secret_value()) < MIN_SECRET_CHARS:
            raise ValueError(
                f"TELEGRAM_WEBHOOK_SECRET must be at least {MIN_SECRET_CHARS} characters long"
            )
        return self

    @property
    def use_webhook(self) -> bool:
        """Return whether updates arrive by webhook rather than long polling."""
        return self.webhook_url is not None
