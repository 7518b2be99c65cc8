"""Every setting is range-checked: a bad value stops the command with one line naming the
variable (exit 2), never showing the value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import EXIT_USAGE, main
from bot.telegram.launcher import EXIT_CONFIG
from tests.auxil.telegram_app import TOKEN

WHOSAID = [
    ("WHOSAID_MIN_SIMILARITY", "5.123456"),
    ("WHOSAID_MIN_SIMILARITY", "-5.123456"),
    ("WHOSAID_MIN_SIMILARITY", "nan"),
    ("WHOSAID_MIN_SIMILARITY_WITH_TERMS", "-7.4321"),
    ("WHOSAID_MIN_SIMILARITY_SPEAKER", "2.5432"),
    ("WHOSAID_MIN_CONFIDENT", "inf"),
    ("WHOSAID_EMBEDDING_THREADS", "100003"),
    ("WHOSAID_INGEST_THREADS", "100003"),
    ("WHOSAID_EMBEDDING_BATCH_SIZE", "1000003"),
    ("WHOSAID_INGEST_BATCH_ARTICLES", "10000003"),
    ("WHOSAID_EMBEDDING_MODEL", "/nonexistent-model-dir-xyz"),
    ("WHOSAID_EMBEDDING_DEVICE", "cudaZZBAD"),
    ("WHOSAID_COLLECTION_PREFIX", "a b/..zz"),
    ("WHOSAID_FETCH_K", "1000003"),
    ("WHOSAID_MAX_QUESTION_CHARS", "10000003"),
    ("WHOSAID_CHROMA_TIMEOUT", "99999.5"),
    ("WHOSAID_CHROMA_CONNECT_TIMEOUT", "-1.25"),
]
WEBHOOK = {
    "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/hook",
    "TELEGRAM_WEBHOOK_SECRET": "GoodSecretValue_123",
}
TELEGRAM = [
    ("TELEGRAM_ALLOWED_USERS", "12,abcq"),
    ("TELEGRAM_ALLOWED_CHATS", "1.5q"),
    ("TELEGRAM_ADMINS", "abcq"),
    ("TELEGRAM_RATE_LIMIT", "100003"),
    ("TELEGRAM_RATE_WINDOW", "inf"),
    ("TELEGRAM_FLOOD_WAIT_MAX", "100003"),
    ("TELEGRAM_WEBHOOK_LISTEN", "999.1.1.1"),
    ("TELEGRAM_WEBHOOK_SECRET", "abc12"),
    ("TELEGRAM_WEBHOOK_PATH", "../x y"),
]


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("WHOSAID_DATA_DIR", str(tmp_path / "data"))


@pytest.mark.parametrize(("name", "value"), WHOSAID)
def test_a_bad_whosaid_setting_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    assert main(["sources"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and name in err, err
    assert value not in err


@pytest.mark.parametrize(("name", "value"), TELEGRAM)
def test_a_bad_telegram_setting_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, value: str
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    # Should a value be let through, the bot must not reach out: nothing listens on port 9.
    monkeypatch.setenv("TELEGRAM_BASE_URL", "http://127.0.0.1:9/bot")
    if name.startswith("TELEGRAM_WEBHOOK"):
        for key, setting in WEBHOOK.items():
            monkeypatch.setenv(key, setting)
    monkeypatch.setenv(name, value)
    assert main(["bot"]) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and name in err, err
    assert value not in err


def test_summaries_count_in_the_right_number() -> None:
    from bot.text import render_sources
    from retrieval import SourceSummary

    one = SourceSummary(doc_id="d", title="T", path="p", paragraph_count=1, quote_count=1)
    assert "— 1 quote, 1 paragraph" in render_sources([one])
    two = one.model_copy(update={"paragraph_count": 2, "quote_count": 0})
    assert "— 0 quotes, 2 paragraphs" in render_sources([two])
