"""``whosaid eval`` question files: malformed ones are refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import QuestionFileError, load_questions


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("- id: a\n  q: [unclosed\n", "malformed YAML at line"),
        ("- q: Who said it?\n  speaker: {a: 1}\n", "'speaker' must be text or a list"),
        ("- id: a\n", "no 'q'"),
        ("just text", "expected a YAML list"),
        ("- q: x\n  date: 2022-13-45\n", "malformed YAML"),
    ],
)
def test_a_malformed_question_file_is_one_line(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(QuestionFileError) as caught:
        load_questions(path)
    assert reason in str(caught.value) and str(path) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ValueError), "the CLI reports ValueError in one line"


def test_a_speaker_written_as_text_is_one_name_not_its_letters(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text('- q: Who said it?\n  speaker: "Psaki"\n', encoding="utf-8")
    (item,) = load_questions(path)
    assert item["speaker"] == ["Psaki"]


def test_a_missing_question_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(QuestionFileError, match="cannot read"):
        load_questions(tmp_path / "nope.yaml")
