"""Settings: secrets are never echoed, and the committed ``.env.example`` works as it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from corpus.settings import CorpusSettings

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("value", ["Bearer s3cr3t-t0ken-value", ": s3cr3t-t0ken-value"])
def test_a_malformed_auth_header_is_refused_without_showing_it(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("WHOSAID_CHROMA_AUTH_HEADER", value)
    with pytest.raises(ValidationError) as caught:
        CorpusSettings(_env_file=None)
    assert "s3cr3t" not in str(caught.value) and "s3cr3t" not in repr(caught.value)
    assert "Header-Name: value" in str(caught.value)


def test_a_good_auth_header_is_kept_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHOSAID_CHROMA_AUTH_HEADER", "Authorization: Bearer s3cr3t")
    settings = CorpusSettings(_env_file=None)
    assert "s3cr3t" not in repr(settings)
    assert settings.chroma_headers() == {"Authorization": "Bearer s3cr3t"}


def test_every_form_of_the_auth_header_is_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    # As written, as sent (the value) and the bearer token alone: any of them may be echoed.
    monkeypatch.setenv("WHOSAID_CHROMA_AUTH_HEADER", "Authorization: Bearer s3cr3t")
    settings = CorpusSettings(_env_file=None)
    assert set(settings.secret_values()) == {
        "Authorization: Bearer s3cr3t",
        "Bearer s3cr3t",
        "s3cr3t",
    }
    monkeypatch.delenv("WHOSAID_CHROMA_AUTH_HEADER")
    assert CorpusSettings(_env_file=None).secret_values() == ()


def test_the_env_example_copied_to_env_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    monkeypatch.chdir(tmp_path)
    for name in ("WHOSAID_CHROMA_AUTH_HEADER", "WHOSAID_DATA_DIR", "WHOSAID_CHROMA_HOST"):
        monkeypatch.delenv(name, raising=False)

    settings = CorpusSettings()

    assert settings.chroma_auth_header is None and settings.chroma_headers() == {}


@pytest.mark.parametrize("name", ["WHOSAID_DATA_DIR", "WHOSAID_ARTICLES_DIR"])
def test_an_empty_directory_setting_means_the_default(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    # An empty value must not become Path(""), the current directory: an index written there
    # would land in whatever directory the command happened to run from.
    monkeypatch.setenv(name, "")
    settings = CorpusSettings(_env_file=None)
    assert settings.data_dir == Path("data")
    assert settings.articles_dir == Path("corpus/articles")


@pytest.mark.parametrize(
    ("value", "model"),
    [
        ("multilingual-e5-small", "multilingual-e5-small"),
        ("intfloat/multilingual-e5-small", "multilingual-e5-small"),
        ("all-MiniLM-L6-v2", "all-MiniLM-L6-v2"),
        ("sentence-transformers/all-MiniLM-L6-v2", "all-MiniLM-L6-v2"),
    ],
)
def test_the_bundled_models_are_named_as_on_the_hub_or_short(
    monkeypatch: pytest.MonkeyPatch, value: str, model: str
) -> None:
    monkeypatch.setenv("WHOSAID_EMBEDDING_MODEL", value)
    assert CorpusSettings(_env_file=None).embedding_model == model


def test_an_unknown_model_is_refused_naming_the_choices(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from bot.edge import describe_settings_error

    monkeypatch.setenv("WHOSAID_EMBEDDING_MODEL", "multilingual-e5-large")
    with pytest.raises(ValidationError) as caught:
        CorpusSettings(_env_file=None)
    line = describe_settings_error(caught.value, "WHOSAID_")
    assert "WHOSAID_EMBEDDING_MODEL" in line and "multilingual-e5-small" in line
    assert "e5-large" not in line, "the value is not echoed"
    monkeypatch.setenv("WHOSAID_EMBEDDING_MODEL", str(tmp_path))
    assert CorpusSettings(_env_file=None).embedding_model == str(tmp_path), "a directory is"
