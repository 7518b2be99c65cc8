"""Answers framed in the user's language over the real service, quotes shown as printed.

A Russian user asks about a speaker of the English seed article, an English user about a
speaker of a hand-written Russian article; both through the real bot, the real engines and
the fake Bot API.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.telegram import build_application
from tests.auxil.bot_api import FakeBotApi, private_chat, user
from tests.auxil.fake_request import FakeRequest
from tests.auxil.html_check import parse
from tests.auxil.telegram_app import TOKEN, USER, KeepOpen, feed, make_settings, stop_app
from tests.conftest import ingested_service

pytestmark = pytest.mark.slow  # the real engines (spaCy, natasha) and embedding model

SEED = (
    Path(__file__).resolve().parents[2]
    / "corpus"
    / "articles"
    / "kazakhstan-unrest-2022-01-06.txt"
)
RUSSIAN = """---
title: Переговоры о зерновой сделке продолжатся
date: 2024-03-12
---

Пресс-секретарь президента Дмитрий Песков заявил журналистам, что переговоры о продлении \
сделки продолжатся на следующей неделе.

«Мы не видим причин прерывать диалог, но и спешить не будем», — сказал Песков.
"""


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory, real_embeddings: Any) -> Any:
    articles = {SEED.name: SEED.read_text(encoding="utf-8"), "peskov-2024-03-12.md": RUSSIAN}
    service = ingested_service(tmp_path_factory.mktemp("bilingual"), articles, real_embeddings)
    yield service
    service.close()


@pytest.fixture
async def app(bilingual: Any) -> AsyncIterator[tuple[Any, FakeBotApi]]:
    api = FakeBotApi(TOKEN)
    application = build_application(
        make_settings(),
        service_factory=lambda: KeepOpen(bilingual),
        request=FakeRequest(api),
        get_updates_request=FakeRequest(api),
    )
    await application.initialize()
    assert application.post_init is not None
    await application.post_init(application)
    yield application, api
    await stop_app(application)


async def ask(app: Any, api: FakeBotApi, text: str, locale: str) -> list[str]:
    sent = api.message_update(user(USER, language_code=locale), private_chat(USER), text)
    await feed(app, sent)
    return api.texts(USER)


async def test_a_russian_user_gets_russian_framing_and_the_english_quote_verbatim(
    app: tuple[Any, FakeBotApi],
) -> None:
    application, api = app
    [answer, *_] = await ask(application, api, "Что сказала Псаки?", "ru")
    framing = html.unescape(answer.split("\n")[0])
    assert framing.startswith("Jennifer Psaki") and "цитат" in framing, framing
    quotes = parse(answer).blockquotes
    seed = SEED.read_text(encoding="utf-8")
    assert quotes and all(text in seed for _, text in quotes)
    assert "insane" in " ".join(text for _, text in quotes)


async def test_an_english_user_gets_english_framing_and_the_russian_quote_verbatim(
    app: tuple[Any, FakeBotApi],
) -> None:
    application, api = app
    [answer, *_] = await ask(application, api, "What did Peskov say?", "en")
    framing = html.unescape(answer.split("\n")[0])
    assert framing.startswith("Дмитрий Песков") and "quote" in framing, framing
    quotes = [text for _, text in parse(answer).blockquotes]
    assert "Мы не видим причин прерывать диалог, но и спешить не будем" in quotes
    assert all(text in RUSSIAN for text in quotes)
