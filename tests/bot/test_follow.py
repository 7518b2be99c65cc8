"""An idle bot follows a rebuild made elsewhere and lets go of the old index."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.telegram import build_application
from retrieval import open_service
from tests.auxil.bot_api import FakeBotApi
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.auxil.fake_request import FakeRequest
from tests.auxil.telegram_app import TOKEN, make_settings, stop_app
from tests.conftest import make_settings as make_retrieval_settings

ARTICLE = (
    "Jan 7, 2022\n\nOfficials speak\n\n"
    "“We will restore order within days,” the mayor of Almaty, Bakytzhan Sagintayev, said.\n"
)


async def test_an_idle_bot_lets_go_of_a_rebuilt_index(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "almaty.txt").write_text(ARTICLE, encoding="utf-8")
    settings = make_retrieval_settings(tmp_path)
    first = open_service(settings, embeddings=FakeEmbeddings())
    first.ingest()
    first.close()
    service = open_service(settings, embeddings=FakeEmbeddings())
    api = FakeBotApi(TOKEN)
    app = build_application(
        make_settings(),
        service_factory=lambda: service,
        request=FakeRequest(api),
        get_updates_request=FakeRequest(api),
        follow_every=0.05,
    )
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    try:
        old = service.store.index
        rebuilding = open_service(settings, embeddings=FakeEmbeddings(), rebuild=True)
        await asyncio.to_thread(rebuilding.ingest)
        # Nobody asks anything: the bot's own check moves it on, and the old index goes.
        for _ in range(400):
            if not old.chroma_path.exists():
                break
            await asyncio.sleep(0.05)
        assert not old.chroma_path.exists()
        assert service.store.index == rebuilding.store.index
    finally:
        await stop_app(app)
