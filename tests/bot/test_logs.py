"""Logging: one handler at the chosen level, quiet libraries, and no secret in any record."""

from __future__ import annotations

import logging

import pytest

from bot.logs import MASK, configure_logging, hide, mask
from tests.auxil.telegram_app import TOKEN

WEBHOOK_SECRET = "hook_Secret-0123456789"


def test_tokens_and_registered_secrets_are_masked_in_messages_and_tracebacks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging(2)
    hide(WEBHOOK_SECRET)
    log = logging.getLogger("telegram.ext.ExtBot")
    log.debug("Set Bot API URL: %s", f"https://api.example/bot{TOKEN}")
    log.debug("file URL %s", f"https://api.example/file/bot{TOKEN.replace(':', '%3A')}/x")
    log.debug("Calling `setWebhook` with `%s`", {"secret_token": WEBHOOK_SECRET})
    try:
        raise RuntimeError(f"GET /bot{TOKEN}/getMe failed with secret {WEBHOOK_SECRET}")
    except RuntimeError:
        log.exception("request failed")
    err = capsys.readouterr().err
    assert TOKEN.partition(":")[2] not in err and WEBHOOK_SECRET not in err
    assert err.count(MASK) == 5  # URL, file URL, webhook call, token and secret in the error
    assert "Traceback" in err and "RuntimeError: GET /bot<secret>/getMe" in err


def test_mask_leaves_ordinary_text_alone() -> None:
    text = "Psaki said on 2022-01-06 at 10:30 that 12 of 40 were ready."
    assert mask(text) == text


def test_library_chatter_is_hidden_unless_debugging(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(0)
    # bm25s sets its own logger to DEBUG when imported; the handler's level still applies.
    logging.getLogger("bm25s").setLevel(logging.DEBUG)
    logging.getLogger("bm25s").debug("Building index from tokens")
    logging.getLogger("trafilatura.core").warning("discarding data: None")
    # The loader reports an unparsable page as one "skipped" line; trafilatura's own ERROR
    # lines for it would repeat the failure.
    logging.getLogger("trafilatura.core").error("empty HTML tree: None")
    logging.getLogger("corpus.ingest").info("an info line")
    logging.getLogger("corpus.ingest").warning("skipped a.txt: binary")
    err = capsys.readouterr().err
    assert err.splitlines() == ["WARNING corpus.ingest: skipped a.txt: binary"]

    configure_logging(2)
    logging.getLogger("bm25s").debug("Building index from tokens")
    logging.getLogger("trafilatura.core").warning("discarding data: None")
    logging.getLogger("trafilatura.core").error("empty HTML tree: None")
    err = capsys.readouterr().err
    assert "Building index" in err and "discarding data" in err and "empty HTML tree" in err


def test_configuring_twice_replaces_the_handler(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(0)
    configure_logging(1, default=logging.INFO)
    logging.getLogger("bot.telegram.app").info("polling for updates")
    logging.getLogger("bot.telegram.app").debug("debug detail")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and lines[0].endswith("polling for updates")


def test_a_secret_is_masked_whatever_its_length(capsys: pytest.CaptureFixture[str]) -> None:
    # A short Chroma auth value (settings refuse webhook secrets under 16 characters).
    configure_logging(2)
    hide("Zq9x7")
    logging.getLogger("telegram.ext.ExtBot").debug(
        "Calling Bot API endpoint `setWebhook` with parameters `%s`", {"secret_token": "Zq9x7"}
    )
    err = capsys.readouterr().err
    assert "Zq9x7" not in err and MASK in err
