"""A Russian organisation quoted as a source is a speaker of its own kind, never a person."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import open_service
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings

pytestmark = pytest.mark.slow  # the Russian quote engine loads natasha's models

ARTICLE = """Совет обсудил ремонт моста

«Работы начнутся весной», — сообщила пресс-служба Минтранса.

Минтранс заявил, что смета уже утверждена.

«Мост откроют к осени», — сказал глава района Иван Сидоров.
"""


def test_an_organisation_is_registered_and_named_whole(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "most.txt").write_text(ARTICLE, encoding="utf-8")
    service = open_service(make_settings(tmp_path), embeddings=FakeEmbeddings())
    try:
        service.ingest()
        names = {s.name for s in service.speakers()}
        # Not a person "Минтранса" with the role "пресс-служба".
        assert names == {"пресс-служба Минтранса", "Минтранс", "Иван Сидоров"}
        for organisation in ("пресс-служба Минтранса", "Минтранс"):
            assert service.canonical_speaker(organisation) == organisation
            assert service.canonical_speaker(organisation, kind="person") is None
        assert service.canonical_speaker("Иван Сидоров", kind="person") == "Иван Сидоров"
    finally:
        service.close()
