"""Each article's language, which picks its quote engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.language import article_language, detect_language
from corpus.loaders import load_file
from corpus.models import Article, Paragraph


def article(text: str, language: str | None = None) -> Article:
    return Article("id", "/x.txt", text, (Paragraph(1, 0, len(text)),), "h", language=language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Пресс-секретарь Кремля Дмитрий Песков заявил, что решение не принято.", "ru"),
        ("White House press secretary Jen Psaki called the claims insane.", "en"),
        # A Russian article quoting English names and an outlet stays Russian, and the reverse.
        ("Как сообщает Reuters, Джо Байден (Joe Biden) прибудет в Женеву в среду.", "ru"),
        (
            "Communist leader Gennady Zyuganov wrote on his Telegram channel that the unrest "
            "was provoked by the authorities themselves («сама власть»), his party said.",
            "en",
        ),
        ("", "en"),
        ("12:30 — 14:00", "en"),
    ],
)
def test_language_is_told_by_the_letters(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("declared", "language"), [("ru", "ru"), ("RU-ru", "ru"), ("en_US", "en")]
)
def test_a_declared_language_wins_over_the_letters(declared: str, language: str) -> None:
    assert article_language(article("Plain English words only.", declared)) == language
    assert article_language(article("Только русские слова.", declared)) == language


def test_loading_a_file_stores_its_language(tmp_path: Path) -> None:
    ru = tmp_path / "ru.txt"
    ru.write_text("Заголовок\n\nМэр Лидия Громова заявила, что мост откроют в мае.\n", "utf-8")
    en = tmp_path / "en.md"
    en.write_text(
        "---\ntitle: T\nlanguage: ru\n---\n\nThe mayor said the bridge opens.\n", "utf-8"
    )
    plain = tmp_path / "plain.txt"
    plain.write_text("Title\n\nThe mayor said the bridge opens in May.\n", "utf-8")
    assert load_file(ru)[0].language == "ru"
    assert load_file(en)[0].language == "ru"  # front matter wins
    assert load_file(plain)[0].language == "en"
