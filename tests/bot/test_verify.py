"""The quote verifier through the bot: a pasted claim, a forwarded post with three quotes, a
reply with a selected sentence, "Wrong speaker?" changing the next answer and surviving a
re-ingest, a deep link, the copy button, votes; against the in-process fake Bot API and a
real service (fake embeddings) over hand-written articles."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from bot.telegram.cards import COPY_LIMIT, citation_text
from bot.telegram.guard import ADMIN_ONLY
from bot.telegram.verify_texts import EN
from retrieval import QuoteResult, Source, check_text, open_service, quote_id
from tests.auxil.bot_api import FakeBotApi, private_chat, user
from tests.auxil.check_corpus import ARTICLES, REAL
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.auxil.telegram_app import ADMIN, USER, feed
from tests.conftest import make_settings as make_service_settings

CHANNEL = {"id": -1001700000001, "type": "channel", "title": "Town Watch", "username": "tw"}


@pytest.fixture
def service(tmp_path: Path) -> Any:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    service = open_service(make_service_settings(tmp_path), embeddings=FakeEmbeddings())
    service.ingest()
    yield service
    service.close()


def keyboard(call: Any) -> list[dict[str, Any]]:
    markup = call.params.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def data_of(call: Any, text: str) -> str:
    return next(str(b["callback_data"]) for b in keyboard(call) if b["text"].startswith(text))


def bot_message(api: FakeBotApi, chat: int) -> dict[str, Any]:
    return {"message_id": 99, "date": 0, "chat": private_chat(chat), "from": api.me, "text": "x"}


async def press(app: Any, api: FakeBotApi, sender: int, data: str) -> None:
    await feed(app, api.callback_update(user(sender), bot_message(api, sender), data))


async def say(app: Any, api: FakeBotApi, sender: int, text: str, **extra: Any) -> None:
    await feed(app, api.message_update(user(sender), private_chat(sender), text, **extra))


async def test_a_pasted_claim_gets_a_verdict_card_with_its_proof(make_app, api) -> None:  # type: ignore[no-untyped-def]
    app = await make_app()
    await say(app, api, USER, f"“{REAL}” — Jane Holt")
    [card] = api.calls_to("sendMessage", USER)
    assert card.text.startswith("✅ <b>Verbatim</b>")
    assert "Jane Holt said these words" in card.text
    assert f"<blockquote>{REAL}" in card.text and "Gazette" in card.text
    buttons = keyboard(card)
    copy = next(b for b in buttons if "copy_text" in b)
    assert "Jane Holt" in copy["copy_text"]["text"] and len(copy["copy_text"]["text"]) <= 256
    link = next(b for b in buttons if "url" in b)
    assert link["url"].startswith("https://t.me/whosaid_test_bot?start=q_")
    # Only admins are offered to correct the speaker (by default).
    assert not any(b["text"] == EN.fix for b in buttons)
    await say(app, api, ADMIN, f"“{REAL}” — Jane Holt")
    assert any(b["text"] == EN.fix for b in keyboard(api.calls_to("sendMessage", ADMIN)[-1]))


async def test_a_question_with_quoted_words_is_still_a_question(make_app, api) -> None:  # type: ignore[no-untyped-def]
    app = await make_app()
    await say(app, api, USER, "Who said “we will never close it again”?")
    [answer] = api.calls_to("sendMessage", USER)
    assert "Verbatim" not in answer.text and "Jane Holt" in answer.text


async def test_a_forwarded_post_gets_one_verdict_per_quotation(make_app, api) -> None:  # type: ignore[no-untyped-def]
    app = await make_app()
    post = (
        "Town news.\n“We will never close it again,” said Mayor Jane Holt.\n"
        "Ann Cole promised: “Taxes will not rise this year, whatever the council decides "
        "about the new bridge.”\nAnd Tom Reed: “The ferry will be free from Monday.”"
    )
    update = api.message_update(user(USER), private_chat(USER), post)
    update["message"]["forward_origin"] = {
        "type": "channel",
        "date": int(time.time()),
        "chat": CHANNEL,
        "message_id": 5,
    }
    await feed(app, update)
    offer = api.calls_to("sendMessage", USER)[-1]
    await press(app, api, USER, data_of(offer, "Check the quotes"))
    cards = api.texts(USER)[1:]
    assert [c.split(":", 1)[0] for c in cards] == [
        "✅ <b>Verbatim</b>",
        "✏️ <b>Altered</b>",
        "❔ <b>Not in the corpus</b>",
    ]
    assert "<s>the</s>" in cards[1] or "<b>new</b>" in cards[1]
    assert "3 articles searched" in cards[2]


async def test_a_reply_with_a_selected_sentence_checks_the_selection(make_app, api) -> None:  # type: ignore[no-untyped-def]
    app = await make_app()
    origin = {"type": "channel", "date": int(time.time()), "chat": CHANNEL, "message_id": 9}
    await say(
        app,
        api,
        USER,
        "Ann Cole",
        quote="The bridge will be ready by spring",
        external_reply={"origin": origin, "chat": CHANNEL, "message_id": 9},
    )
    [card] = api.calls_to("sendMessage", USER)
    # Holt's words, cut mid-sentence, and not Cole's: who said it comes first.
    assert card.text.startswith("🔀 <b>Misattributed</b>")
    assert "Jane Holt said this, not Ann Cole" in card.text


async def test_a_correction_changes_the_next_answer_and_survives_a_reingest(  # type: ignore[no-untyped-def]
    make_app, api, service
) -> None:
    app = await make_app()
    question = "Who said the repairs will cost 4 million dollars?"
    await say(app, api, ADMIN, question)
    answer = api.calls_to("sendMessage", ADMIN)[-1]
    assert "Jane Holt" in answer.text.split("\n")[0]
    # A user who is no admin cannot correct, even with the button's data in hand.
    fix = (
        data_of(answer, "Wrong speaker?")
        if any(b["text"] == EN.fix for b in keyboard(answer))
        else data_of(answer, EN.fix_short)
    )
    await press(app, api, USER, fix)
    assert api.calls_to("answerCallbackQuery")[-1].params.get("text") == ADMIN_ONLY
    await press(app, api, ADMIN, fix)
    picker = api.calls_to("sendMessage", ADMIN)[-1]
    labels = [b["text"] for b in keyboard(picker)]
    assert "Tom Reed" in labels and "An unnamed source" in labels and "A document" in labels
    await press(app, api, ADMIN, data_of(picker, "Tom Reed"))
    done = api.calls_to("editMessageText")[-1]
    assert "Jane Holt → Tom Reed" in done.text
    await say(app, api, ADMIN, question)
    assert "Tom Reed" in api.calls_to("sendMessage", ADMIN)[-1].text.split("\n")[0]
    # The file says who, when and what; the quote's words are the engine's, untouched.
    stored = (service.settings.data_dir / "corrections.yaml").read_text(encoding="utf-8")
    assert (
        "speaker: Tom Reed" in stored and "was: Jane Holt" in stored and "telegram:1001" in stored
    )
    # A re-ingest (the article changed elsewhere) applies it again.
    gazette = service.settings.articles_dir / "gazette.md"
    gazette.write_text(gazette.read_text(encoding="utf-8") + "\nMore news soon.\n", "utf-8")
    summary = service.ingest()
    assert summary.updated == 1
    await say(app, api, ADMIN, question)
    assert "Tom Reed" in api.calls_to("sendMessage", ADMIN)[-1].text.split("\n")[0]
    # Undo puts the engine's reading back.
    await press(app, api, ADMIN, data_of(done, "Undo"))
    await say(app, api, ADMIN, question)
    assert "Jane Holt" in api.calls_to("sendMessage", ADMIN)[-1].text.split("\n")[0]


async def test_a_deep_link_opens_the_quote_card(make_app, api, service) -> None:  # type: ignore[no-untyped-def]
    app = await make_app()
    [verdict] = check_text(service, "“Taxes will not rise this year” — Ann Cole")
    qid = quote_id(verdict.quotes[0])
    assert qid is not None
    await say(app, api, USER, f"/start {qid}")
    [card] = api.calls_to("sendMessage", USER)
    assert "Ann Cole" in card.text and "Taxes will not rise this year" in card.text
    assert "Treasurer rules out new taxes" in card.text
    await say(app, api, USER, "/start q_0000000000")
    assert api.texts(USER)[-1] == EN.quote_gone


async def test_votes_are_kept_beside_the_question(make_app, api, service) -> None:  # type: ignore[no-untyped-def]
    app = await make_app()
    await say(app, api, USER, "What did Ann Cole say?")
    answer = api.calls_to("sendMessage", USER)[-1]
    await press(app, api, USER, data_of(answer, "👎"))
    await press(app, api, USER, data_of(answer, "👎"))  # twice: recorded once
    lines = (service.settings.data_dir / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    vote = json.loads(lines[0])
    assert vote["vote"] == "down" and vote["question"] == "What did Ann Cole say?"
    assert vote["quotes"][0]["speaker"] == "Ann Cole"


def test_the_copy_citation_fits_in_256_characters() -> None:
    quote = QuoteResult(
        speaker="Alexandria Ocasio-Cortez-Featherstonehaugh, Representative for New York",
        text="word " * 400,
        kind="direct",
        source=Source(
            doc_id="d",
            title="A very long headline " * 20,
            date="2022-01-12",
            url="https://example.org/" + "a" * 300,
            outlet="The Very Long Name of a Daily Newspaper of Record",
            path="x.md",
            paragraph=3,
        ),
        start=0,
        end=2000,
    )
    text = citation_text(quote)
    assert 0 < len(text) <= COPY_LIMIT
    assert text.startswith("Alexandria") and "2022-01-12" in text and "word word" in text
    short = quote.model_copy(
        update={
            "text": "We will never close it again.",
            "source": quote.source.model_copy(update={"url": "https://gazette.example/bridge"}),
        }
    )
    assert citation_text(short).endswith("2022-01-12 https://gazette.example/bridge")


async def test_a_claim_from_a_russian_client_gets_a_russian_card(make_app, api) -> None:  # type: ignore[no-untyped-def]
    app = await make_app()
    sender = user(USER, language_code="ru")
    await feed(app, api.message_update(sender, private_chat(USER), f"“{REAL}” — Jane Holt"))
    [card] = api.calls_to("sendMessage", USER)
    assert card.text.startswith("✅ <b>Дословно</b>")
    assert "Дословно: это слова Jane Holt, впервые напечатано: " in card.text
    # The quote stays as printed; the buttons are in the user's language.
    assert f"<blockquote>{REAL}" in card.text
    assert any(b["text"].endswith("Копировать ссылку") for b in keyboard(card))
