"""Characters that reorder or hide text are shown as � to people, and kept for machines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import EXIT_OK, main
from bot.telegram import render
from bot.terminal import for_terminal
from bot.visible import REPLACEMENT, visible
from corpus.embeddings import CachedQueryEmbeddings
from retrieval import Answer, QuoteResult, Source
from tests.auxil.fake_embeddings import FakeEmbeddings

RLO, PDF, RLM, LRM = "\u202e", "\u202c", "\u200f", "\u200e"
QUOTE = f"The {RLM}marks{LRM} and {RLO}override{PDF} are in this quote today"
ARTICLE = f"Jan 6, 2022\n\nRTL\n\n“{QUOTE},” said Rita Rtl, a typesetter.\n"


@pytest.mark.parametrize(
    "hidden", [RLO, PDF, RLM, LRM, "\u2066", "\u2069", "\u061c", "\u200b", "\ufeff", "\U000e0041"]
)
def test_each_reordering_or_invisible_character_is_shown(hidden: str) -> None:
    assert visible(f"a{hidden}b") == f"a{REPLACEMENT}b"
    assert for_terminal(f"a{hidden}b") == f"a{REPLACEMENT}b"
    assert hidden not in render.escape(f"a{hidden}b")


def test_joiners_that_scripts_and_emoji_need_are_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert visible(family) == family and visible("می\u200cخواهم") == "می\u200cخواهم"


def test_a_telegram_answer_shows_the_controls_of_a_quote() -> None:
    source = Source(doc_id="d", title=f"Title {RLO}x", path="p", paragraph=1)
    quote = QuoteResult(
        speaker="Rita Rtl", text=QUOTE, kind="direct", source=source, start=0, end=len(QUOTE)
    )
    answer = Answer(question="q", found=True, answer="Rita Rtl said this.", quotes=[quote])
    shown = "".join(render.render_answer(answer)) + render.render_inline_card(quote)
    assert not {RLO, PDF, RLM, LRM} & set(shown) and f"{REPLACEMENT}override" in shown


def test_the_command_line_shows_them_and_json_keeps_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "rtl.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("WHOSAID_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(
        "retrieval.service.make_embeddings",
        lambda *_, **__: CachedQueryEmbeddings(FakeEmbeddings()),
    )
    assert main(["ingest", "--no-progress", str(tmp_path / "articles")]) == EXIT_OK
    capsys.readouterr()

    assert main(["ask", "What did Rita Rtl say?"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Rita Rtl" in out and not {RLO, PDF, RLM, LRM} & set(out)
    assert main(["ask", "--json", "What did Rita Rtl say?"]) == EXIT_OK
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["quotes"][0]["text"].startswith(QUOTE)  # verbatim, controls and all
