"""The Russian models: only the vetted files load, names come out in the nominative."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.attribution.ru.models import NATASHA_FILES, RussianModelError, verify_file
from corpus.attribution.ru.morph import name_gender, nominative_candidates


def test_a_model_file_that_differs_from_the_vetted_one_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "slovnet_ner_news_v1.tar"
    model.write_bytes(b"not the vetted model")
    with pytest.raises(RussianModelError, match="sha256"):
        verify_file(model, NATASHA_FILES["model/slovnet_ner_news_v1.tar"])


def test_a_missing_model_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RussianModelError, match="cannot read"):
        verify_file(tmp_path / "gone.tar", "0" * 64)


@pytest.mark.slow
def test_the_installed_natasha_files_are_the_vetted_ones() -> None:
    from natasha.data import DATA_DIR

    for name, expected in NATASHA_FILES.items():
        verify_file(Path(DATA_DIR) / name, expected)


@pytest.mark.parametrize(
    ("word", "nominative"),
    [("Пескова", "Песков"), ("Набиуллиной", "Набиуллина"), ("Захаровой", "Захарова")],
)
def test_a_surname_is_put_in_the_nominative_keeping_its_gender(word: str, nominative: str) -> None:
    assert nominative_candidates(word)[0] == nominative


def test_a_foreign_name_that_does_not_decline_is_kept_as_printed() -> None:
    assert "Псаки" in nominative_candidates("Псаки")


@pytest.mark.parametrize(
    ("word", "gender"), [("Дмитрий", "masc"), ("Алла", "femn"), ("Набиуллина", "femn")]
)
def test_the_sex_of_a_name(word: str, gender: str) -> None:
    assert name_gender(word) == gender
