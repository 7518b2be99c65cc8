"""A data directory this process may not write still answers: from a private copy."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import chromadb
import pytest

from corpus.settings import CorpusSettings
from corpus.store import open_store
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import ROOT, ingested_service

ARTICLE = (
    "Jan 7, 2022\n\nOfficials speak\n\n"
    "“We will restore order within days,” the mayor of Almaty, Bakytzhan Sagintayev, said.\n"
)


def test_an_index_chroma_may_not_write_is_answered_from_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = ingested_service(tmp_path, {"almaty.txt": ARTICLE}, FakeEmbeddings())
    service.close()
    settings = service.settings
    original = chromadb.PersistentClient

    def read_only(path: str, **options: object) -> object:
        # What Chroma's embedded client says opening a database it may not write.
        if Path(path) == settings.chroma_path:
            raise chromadb.errors.InternalError(
                "error returned from database: (code: 8) attempt to write a readonly database"
            )
        return original(path=path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(chromadb, "PersistentClient", read_only)
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    store = open_store(CorpusSettings(_env_file=None, **_paths(settings)), FakeEmbeddings())
    assert store.count() == 1
    copy = store.where.chroma_path
    assert copy is not None and copy != settings.chroma_path and copy.exists()
    store.close()
    assert not copy.exists(), "the copy goes with the store"


def _paths(settings: CorpusSettings) -> dict[str, object]:
    return {"data_dir": settings.data_dir, "collection_prefix": settings.collection_prefix}


ASK = """
import sys
from pathlib import Path
from retrieval import open_service
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings
service = open_service(make_settings(Path(sys.argv[1])), embeddings=FakeEmbeddings())
print(service.ask("What did Sagintayev say?").quotes[0].speaker)
print(len(service.sources()))
"""


def _without_privileges() -> list[str] | None:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]


@pytest.mark.skipif(_without_privileges() is None, reason="root without setpriv ignores modes")
def test_a_read_only_data_directory_still_answers(tmp_path: Path) -> None:
    service = ingested_service(tmp_path, {"almaty.txt": ARTICLE}, FakeEmbeddings())
    service.close()
    for folder, _, files in os.walk(tmp_path / "data"):
        for name in files:
            os.chmod(Path(folder, name), stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        done = subprocess.run(
            [*(_without_privileges() or []), sys.executable, "-c", ASK, str(tmp_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        for folder, _, _ in os.walk(tmp_path / "data"):
            os.chmod(folder, stat.S_IRWXU)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Bakytzhan", "Sagintayev", "1"]
    assert "is read-only: answering from a copy" in done.stderr
