"""Handlers, driven through ``Application.process_update`` against an in-process fake API."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from bot.telegram.guard import ADMIN_ONLY, EXPIRED
from bot.telegram.handlers import APOLOGY, REFUSAL
from retrieval import ChatContext
from tests.auxil.bot_api import BOT_USERNAME, FakeBotApi, group_chat, private_chat, user
from tests.auxil.fake_service import FakeQAService, seed_quotes
from tests.auxil.html_check import parse
from tests.auxil.telegram_app import ADMIN, STRANGER, USER, feed, make_settings, stop_app

GROUP = -100123


async def ask(app: Any, api: FakeBotApi, text: str, *, sender: int = USER) -> None:
    await feed(app, api.message_update(user(sender), private_chat(sender), text))


async def test_post_init_registers_commands_and_shutdown_closes_service(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app()
    # The menu in English for everyone, and in Russian for Telegram set to Russian.
    english, russian = api.calls_to("setMyCommands")
    assert "language_code" not in english.params
    assert russian.params["language_code"] == "ru"
    for call in (english, russian):
        names = {command["command"] for command in call.params["commands"]}
        assert {"start", "help", "ask", "speakers", "quotes", "sources", "source"} <= names
    described = {c["command"]: c["description"] for c in russian.params["commands"]}
    assert described["help"] == "Как пользоваться ботом"
    await stop_app(app)
    assert service.closed


async def test_private_text_is_answered_with_verbatim_cited_quotes(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app()
    await ask(app, api, "What did Psaki say?")
    assert [c.params["action"] for c in api.calls_to("sendChatAction", USER)] == ["typing"]
    [call] = api.calls_to("sendMessage", USER)
    assert call.params["parse_mode"] == "HTML"
    psaki = seed_quotes()[0]
    assert parse(call.text).blockquotes == [(False, psaki.text)]
    # The citation is the quote's own: its article's link, date, outlet and paragraph.
    source = psaki.source
    assert source.url is not None
    link = source.url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f'<a href="{link}">' in call.text
    shown = "".join(parse(call.text).text)
    citation = f"[1] {source.title} · {source.date} · {source.outlet} · ¶ {source.paragraph}"
    assert citation in shown
    assert "<b>Jennifer Psaki</b>, <i>White House spokesman</i>" in call.text
    [(args, kwargs)] = service.calls_of("ask")
    assert args == ("What did Psaki say?",) and kwargs["context"] is None


async def test_follow_up_uses_the_chats_speaker_and_topic(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app()
    await ask(app, api, "What did Zyuganov say?")
    await ask(app, api, "What did Psaki say?")
    await ask(app, api, "and about disinformation?")
    context = service.calls_of("ask")[-1][1]["context"]
    assert isinstance(context, ChatContext) and context.speaker == "Jennifer Psaki"
    last = api.texts(USER)[-1]
    assert "disinformation" in last and "Jennifer Psaki" in last
    # Another chat has its own context.
    await ask(app, api, "what else did he say?", sender=ADMIN)
    assert service.calls_of("ask")[-1][1]["context"] is None


async def test_group_answers_only_mentions_replies_and_ask(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app()
    chat = group_chat(GROUP)
    await feed(app, api.message_update(user(USER), chat, "lunch at noon? Psaki was on TV"))
    assert api.calls_to("sendMessage") == [] and service.calls_of("ask") == []

    await feed(app, api.message_update(user(USER), chat, f"@{BOT_USERNAME} what did Psaki say?"))
    assert service.calls_of("ask")[-1][0] == ("what did Psaki say?",)

    bot_message = {"message_id": 5, "date": 0, "chat": chat, "from": api.me, "text": "hi"}
    await feed(app, api.message_update(user(USER), chat, "and Zyuganov?", reply_to=bot_message))
    assert service.calls_of("ask")[-1][0] == ("and Zyuganov?",)

    await feed(app, api.message_update(user(USER), chat, "/ask What did Shapkovsky say?"))
    assert service.calls_of("ask")[-1][0] == ("What did Shapkovsky say?",)
    assert len(api.calls_to("sendMessage", GROUP)) == 3


async def test_strangers_get_one_refusal_and_nothing_else(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app(make_settings(allowed_users=frozenset({USER})))
    await ask(app, api, "What did Psaki say?", sender=STRANGER)
    await ask(app, api, "/speakers", sender=STRANGER)
    assert api.texts(STRANGER) == [REFUSAL]
    assert api.calls_to("sendChatAction") == []
    await feed(app, api.inline_update(user(STRANGER), "Psaki"))
    [inline] = api.calls_to("answerInlineQuery")
    assert inline.params["results"] == []
    assert service.calls_of("ask") == [] and service.calls_of("speakers") == []
    # The allowed user and the admin still get answers.
    await ask(app, api, "What did Psaki say?")
    await ask(app, api, "What did Psaki say?", sender=ADMIN)
    assert len(service.calls_of("ask")) == 2


async def test_disallowed_group_chatter_is_ignored_silently(
    make_app: Any, api: FakeBotApi
) -> None:
    app = await make_app(make_settings(allowed_chats=frozenset({GROUP})))
    await feed(app, api.message_update(user(USER), group_chat(-1009), "random chatter"))
    assert api.calls_to("sendMessage") == []
    await feed(app, api.message_update(user(USER), group_chat(GROUP), "/ask What did Psaki say?"))
    assert len(api.calls_to("sendMessage", GROUP)) == 1


async def test_rate_limit_says_how_long_to_wait(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app(make_settings(rate_limit=2, rate_window=600))
    for _ in range(3):
        await ask(app, api, "What did Psaki say?")
    assert len(service.calls_of("ask")) == 2
    assert "wait 10 minutes" in api.texts(USER)[-1]


@pytest.mark.parametrize("text", ["x" * 5000, "   "])
async def test_unusable_questions_get_a_clear_message(
    make_app: Any, api: FakeBotApi, text: str
) -> None:
    app = await make_app()
    await ask(app, api, text)
    [reply] = api.texts(USER)
    assert "question" in reply.lower()
    assert len(reply) < 200


async def test_ask_without_question_explains_usage(make_app: Any, api: FakeBotApi) -> None:
    app = await make_app()
    await ask(app, api, "/ask")
    assert "/ask" in api.texts(USER)[0]


async def test_start_help_speakers_sources(make_app: Any, api: FakeBotApi) -> None:
    app = await make_app()
    for command in ("/start", "/help", "/speakers", "/sources"):
        await ask(app, api, command)
    start, help_text, speakers, sources = api.texts(USER)
    assert "Jennifer Psaki" in start and "Gennady Zyuganov" in start and "<code>What did" in start
    assert "/quotes" in help_text and "/reload" not in help_text
    assert "<b>Alexander Shapkovsky</b>" in speakers and "1 quote in 1 article" in speakers
    assert "Massacre in Kazakhstan" in sources
    for text in api.texts(USER):
        parse(text)


async def test_admin_help_lists_admin_commands(make_app: Any, api: FakeBotApi) -> None:
    app = await make_app()
    await ask(app, api, "/help", sender=ADMIN)
    assert "/reload" in api.texts(ADMIN)[0]


async def test_source_shows_the_paragraph_behind_a_citation(
    make_app: Any, api: FakeBotApi
) -> None:
    app = await make_app()
    await ask(app, api, "/source 1")
    assert "ask a question first" in api.texts(USER)[-1]
    await ask(app, api, "What did Psaki say?")
    await ask(app, api, "/source 9")
    assert "between 1 and 1" in api.texts(USER)[-1]
    await ask(app, api, "/source 1")
    [(_, paragraph)] = parse(api.texts(USER)[-1]).blockquotes
    assert seed_quotes()[0].text in paragraph and "she said" in paragraph


async def test_quotes_are_paged_with_a_more_button(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    first = seed_quotes()[0]
    service.quotes = [first, first.model_copy(update={"start": 1, "text": "Second."})]
    app = await make_app(make_settings(page_size=1))
    await ask(app, api, "/quotes Psaki")
    [page] = api.calls_to("sendMessage", USER)
    # "Copy citation" under the quote (bot.telegram.check), then "More quotes" last.
    [[copy], [button]] = page.params["reply_markup"]["inline_keyboard"]
    assert "copy_text" in copy and button["text"] == "More quotes"
    message = {
        "message_id": 99,
        "date": 0,
        "chat": private_chat(USER),
        "from": api.me,
        "text": "x",
    }
    await feed(app, api.callback_update(user(USER), message, button["callback_data"]))
    assert len(api.calls_to("answerCallbackQuery")) == 1
    assert len(api.calls_to("editMessageReplyMarkup")) == 1
    second = api.calls_to("sendMessage", USER)[-1]
    assert "Second." in second.text and "[2]" in second.text
    assert service.calls_of("quotes_by")[-1][1] == {"offset": 1, "limit": 1}
    # The last page has a button too (it was full); pressing it says there is no more.
    button = second.params["reply_markup"]["inline_keyboard"][-1][0]
    await feed(app, api.callback_update(user(USER), message, button["callback_data"]))
    assert "No more quotes" in api.texts(USER)[-1]
    await ask(app, api, "/source 2")
    # Citation 2 is the second page's quote: its paragraph is fetched and shown whole.
    [(args, _)] = service.calls_of("paragraph_text")
    assert args == (service.quotes[1].source,)
    shown = api.texts(USER)[-1]
    assert shown.startswith("[2] ")
    assert parse(shown).blockquotes == [(False, service.paragraph_text(service.quotes[1].source))]


async def test_inline_query_offers_quote_cards(make_app: Any, api: FakeBotApi) -> None:
    app = await make_app()
    await feed(app, api.inline_update(user(USER), "What did Zyuganov say?"))
    [call] = api.calls_to("answerInlineQuery")
    [result] = call.params["results"]
    card = result["input_message_content"]["message_text"]
    assert result["input_message_content"]["parse_mode"] == "HTML"
    assert parse(card).blockquotes == [(False, seed_quotes()[2].text)]
    assert "<b>Gennady Zyuganov</b>" in card and "Massacre in Kazakhstan" in card


async def _upload(app: Any, api: FakeBotApi, name: str, content: bytes, sender: int) -> None:
    document = api.add_file(name, content)
    await feed(app, api.message_update(user(sender), private_chat(sender), document=document))


async def test_admin_upload_is_ingested_and_then_answerable(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app()
    content = 'Maria Zakharova (Foreign Ministry spokeswoman): "We will not allow it."\n'
    await _upload(app, api, "../../etc/Zakharova briefing.md", content.encode(), ADMIN)
    saved = service.corpus_dir / "Zakharova-briefing.md"
    assert saved.read_text(encoding="utf-8") == content
    [(args, _)] = service.calls_of("ingest")
    assert args == ([saved],)
    [edit] = api.calls_to("editMessageText", ADMIN)
    assert "1 quote from 1 speaker" in edit.text
    await ask(app, api, "What did Zakharova say?", sender=ADMIN)
    assert "We will not allow it." in api.texts(ADMIN)[-1]


@pytest.mark.parametrize(
    ("name", "content", "sender", "reason"),
    [
        ("notes.pdf", b"x", ADMIN, "not accepted"),
        ("notes.txt", b"\xff\xfe\x00bin", ADMIN, "not UTF-8"),
        ("notes.txt", b"no quotes here at all", ADMIN, "no article text"),
        ("big.txt", b"x" * 2048, ADMIN, "limit"),
        ("notes.txt", b'A (b): "c"', USER, "Only admins"),
    ],
)
async def test_rejected_uploads_change_nothing(
    make_app: Any,
    api: FakeBotApi,
    service: FakeQAService,
    name: str,
    content: bytes,
    sender: int,
    reason: str,
) -> None:
    app = await make_app(make_settings(max_upload_bytes=1024))
    before = len(service.quotes)
    await _upload(app, api, name, content, sender)
    replies = [c.text for c in api.calls if c.method in ("sendMessage", "editMessageText")]
    assert reason in replies[-1]
    assert list(service.corpus_dir.iterdir()) == []
    assert len(service.quotes) == before


async def test_upload_never_overwrites_an_article(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app()
    existing = service.corpus_dir / "a.txt"
    existing.write_text("original", encoding="utf-8")
    await _upload(app, api, "a.txt", b'X (y): "z"', ADMIN)
    assert "already exists" in api.calls_to("editMessageText")[-1].text
    assert existing.read_text(encoding="utf-8") == "original"


async def test_reload_is_for_admins(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app()
    await ask(app, api, "/reload")
    assert api.texts(USER) == ["Only admins can do that."]
    assert service.calls_of("ingest") == []
    await ask(app, api, "/reload", sender=ADMIN)
    assert service.calls_of("ingest") == [((None,), {})]
    assert "re-ingested" in api.calls_to("editMessageText", ADMIN)[0].text


async def test_an_error_is_logged_apologised_for_and_the_bot_carries_on(
    make_app: Any,
    api: FakeBotApi,
    service: FakeQAService,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = await make_app()

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(service, "speakers", broken)
    with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers"):
        await ask(app, api, "/speakers")
    assert api.texts(USER) == [APOLOGY]
    assert any(r.exc_info and "boom" in str(r.exc_info[1]) for r in caplog.records)
    await ask(app, api, "What did Psaki say?")
    assert "Jennifer Psaki" in api.texts(USER)[-1]


async def test_chat_context_survives_a_restart(
    make_app: Any, api: FakeBotApi, service: FakeQAService, tmp_path: Path
) -> None:
    state = tmp_path / "state.pickle"
    app = await make_app(persistence_path=state)
    await ask(app, api, "What did Psaki say?")
    await stop_app(app)
    assert state.exists()

    restarted = await make_app(persistence_path=state)
    await ask(restarted, api, "and about disinformation?")
    context = service.calls_of("ask")[-1][1]["context"]
    assert context is not None and context.speaker == "Jennifer Psaki"
    assert "disinformation" in api.texts(USER)[-1]


# --- the gate fails closed ----------------------------------------------------------------

# Each way Telegram can refuse the message that tells a user "no": a 400 and a 403 are not
# retried; a 502 is retried three times, so four of them exhaust the retries.
SEND_FAILURES = [
    (400, "Bad Request: message to be replied not found", 1),
    (403, "Forbidden: bot was blocked by the user", 1),
    (502, "Bad Gateway", 4),
]


def _bot_message(api: FakeBotApi, chat_id: int) -> dict[str, Any]:
    chat = private_chat(chat_id)
    return {"message_id": 99, "date": 0, "chat": chat, "from": api.me, "text": "x"}


@pytest.mark.parametrize(("status", "description", "times"), SEND_FAILURES)
async def test_a_refused_message_stops_even_when_the_refusal_cannot_be_sent(
    make_app: Any,
    api: FakeBotApi,
    service: FakeQAService,
    status: int,
    description: str,
    times: int,
) -> None:
    app = await make_app(make_settings(allowed_users=frozenset({USER})))
    api.fail_with("sendMessage", status, description, times=times)
    await ask(app, api, "What did Psaki say?", sender=STRANGER)
    assert service.calls_of("ask") == []
    # Nothing but (attempts at) the refusal went to the stranger: no answer, no apology.
    assert {c.text for c in api.calls_to("sendMessage", STRANGER)} == {REFUSAL}


@pytest.mark.parametrize(("status", "description", "times"), SEND_FAILURES)
async def test_a_refused_button_press_stops_even_when_the_answer_fails(
    make_app: Any,
    api: FakeBotApi,
    service: FakeQAService,
    status: int,
    description: str,
    times: int,
) -> None:
    app = await make_app(make_settings(allowed_users=frozenset({USER})))
    api.fail_with("answerCallbackQuery", status, description, times=times)
    press = api.callback_update(user(STRANGER), _bot_message(api, STRANGER), "more|1|Psaki")
    await feed(app, press)
    assert service.calls_of("quotes_by") == []
    assert api.calls_to("sendMessage") == []


@pytest.mark.parametrize(("status", "description", "times"), SEND_FAILURES)
async def test_a_refused_inline_query_stops_even_when_the_empty_answer_fails(
    make_app: Any,
    api: FakeBotApi,
    service: FakeQAService,
    status: int,
    description: str,
    times: int,
) -> None:
    app = await make_app(make_settings(allowed_users=frozenset({USER})))
    api.fail_with("answerInlineQuery", status, description, times=times)
    await feed(app, api.inline_update(user(STRANGER), "What did Psaki say?"))
    assert service.calls_of("ask") == []
    assert all(c.params["results"] == [] for c in api.calls_to("answerInlineQuery"))


@pytest.mark.parametrize("command", ["/reload", "document"])
async def test_admin_actions_stop_for_others_even_when_the_refusal_fails(
    make_app: Any, api: FakeBotApi, service: FakeQAService, command: str
) -> None:
    app = await make_app()
    api.fail_with("sendMessage", 403, "Forbidden: bot was blocked by the user")
    if command == "document":
        await _upload(app, api, "notes.md", b'A B (c): "Words."', USER)
    else:
        await ask(app, api, command)
    assert service.calls_of("ingest") == []
    assert list(service.corpus_dir.iterdir()) == []
    assert [c.text for c in api.calls_to("sendMessage", USER)] == [ADMIN_ONLY]


@pytest.mark.parametrize(
    "data", ["more|²|Jennifer Psaki", "more|-1|Psaki", "more|1|", "more|1| ", "other|1|x", ""]
)
async def test_forged_button_data_is_refused_at_the_gate(
    make_app: Any, api: FakeBotApi, service: FakeQAService, data: str
) -> None:
    app = await make_app()
    await feed(app, api.callback_update(user(USER), _bot_message(api, USER), data))
    [answer] = api.calls_to("answerCallbackQuery")
    assert answer.params["text"] == EXPIRED
    assert service.calls_of("quotes_by") == [] and api.calls_to("sendMessage") == []


async def test_a_button_in_a_chat_the_user_may_not_use_is_refused(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app(make_settings(allowed_chats=frozenset({GROUP})))
    other = {"message_id": 9, "date": 0, "chat": group_chat(-1009), "from": api.me, "text": "x"}
    await feed(app, api.callback_update(user(USER), other, "more|1|Jennifer Psaki"))
    [answer] = api.calls_to("answerCallbackQuery")
    assert answer.params["text"] == REFUSAL
    assert service.calls_of("quotes_by") == []


async def test_a_rate_limited_user_is_stopped_even_when_the_notice_fails(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app(make_settings(rate_limit=1, rate_window=600))
    await ask(app, api, "What did Psaki say?")
    api.fail_with("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await ask(app, api, "What did Zyuganov say?")
    assert len(service.calls_of("ask")) == 1


async def test_the_apology_never_goes_to_a_refused_chat(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    from telegram import Update
    from telegram.ext import CallbackContext

    from bot.telegram.handlers import on_error

    app = await make_app(make_settings(allowed_users=frozenset({USER})))
    for sender in (STRANGER, USER):
        update = Update.de_json(
            api.message_update(user(sender), private_chat(sender), "hi"), app.bot
        )
        context = CallbackContext.from_error(update, RuntimeError("boom"), app)
        await on_error(update, context)
    assert api.texts(STRANGER) == [] and api.texts(USER) == [APOLOGY]


# --- list commands, inline typing, input validation ------------------------------------------


@pytest.mark.parametrize("command", ["/sources", "/speakers", "/start", "/help", "/source 1"])
async def test_list_commands_count_against_the_rate_limit(
    make_app: Any, api: FakeBotApi, service: FakeQAService, command: str
) -> None:
    app = await make_app(make_settings(rate_limit=2, rate_window=600))
    for _ in range(5):
        await ask(app, api, command)
    texts = api.texts(USER)
    assert len(texts) == 5
    assert all("too fast" not in text for text in texts[:2])
    assert all("wait 10 minutes" in text for text in texts[2:])
    listed = service.calls_of("sources") + service.calls_of("speakers")
    assert len(listed) <= 2


async def test_an_inline_query_typed_letter_by_letter_is_answered_and_charged_once(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    import asyncio

    app = await make_app(make_settings(rate_limit=2, rate_window=600), inline_debounce=0.05)
    typed = "What did Psaki say?"
    prefixes = [typed[:n] for n in range(4, len(typed) + 1)]
    await asyncio.gather(
        *(feed(app, api.inline_update(user(USER), prefix)) for prefix in prefixes)
    )
    [(args, _)] = service.calls_of("ask")
    assert args == (typed,)
    [answer] = api.calls_to("answerInlineQuery")
    assert answer.params["results"]
    # The budget is still there for a message.
    await ask(app, api, "What did Zyuganov say?")
    assert "Gennady Zyuganov" in api.texts(USER)[-1]


@pytest.mark.parametrize("argument", ["²", "١", "1.0", "-1", "0", "99999999999999999999", "x"])
async def test_source_refuses_anything_but_a_citation_number(
    make_app: Any, api: FakeBotApi, service: FakeQAService, argument: str
) -> None:
    app = await make_app()
    await ask(app, api, "What did Psaki say?")
    await ask(app, api, f"/source {argument}")
    assert api.texts(USER)[-1] == "Send /source n, with n between 1 and 1."
    assert service.calls_of("paragraph_text") == []


async def test_a_service_error_is_one_short_reply_with_its_message(
    make_app: Any,
    api: FakeBotApi,
    service: FakeQAService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from retrieval import IndexUnavailableError

    message = "Another ingest is writing the index; try again when it has finished."

    def busy(*args: Any, **kwargs: Any) -> Any:
        raise IndexUnavailableError(message)

    app = await make_app()
    for method, command in [("ask", "What did Psaki say?"), ("sources", "/sources")]:
        monkeypatch.setattr(service, method, busy)
        await ask(app, api, command)
        assert api.texts(USER)[-1] == message
    assert APOLOGY not in api.texts(USER)


# --- uploads and /reload end with their outcome ----------------------------------------------


def _status_edits(api: FakeBotApi) -> list[str]:
    return [call.text for call in api.calls_to("editMessageText", ADMIN)]


async def test_an_upload_that_cannot_be_downloaded_says_so(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app()
    api.fail_with("getFile", 400, "Bad Request: file is too big")
    await _upload(app, api, "notes.md", b'A B (c): "Words."', ADMIN)
    [edit] = _status_edits(api)
    assert "Could not download <b>notes.md</b>" in edit
    assert api.texts(ADMIN) == ["Reading <b>notes.md</b>…"]
    assert service.calls_of("ingest") == []


async def test_an_upload_the_index_refuses_says_why_and_is_removed(
    make_app: Any, api: FakeBotApi, service: FakeQAService, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrieval import IndexUnavailableError

    def busy(*args: Any, **kwargs: Any) -> Any:
        raise IndexUnavailableError("another ingest is running on data/")

    monkeypatch.setattr(service, "ingest", busy)
    app = await make_app()
    await _upload(app, api, "notes.md", b'A B (c): "Words."', ADMIN)
    [edit] = _status_edits(api)
    assert edit == "Could not add <b>notes.md</b>: another ingest is running on data/"
    assert list(service.corpus_dir.iterdir()) == []
    assert api.texts(ADMIN) == ["Reading <b>notes.md</b>…"]  # no apology


async def test_an_upload_into_a_missing_corpus_dir_says_so(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    service.corpus_dir.rmdir()
    app = await make_app()
    await _upload(app, api, "notes.md", b'A B (c): "Words."', ADMIN)
    [edit] = _status_edits(api)
    assert "Could not save <b>notes.md</b> in the corpus directory" in edit
    assert "No such file or directory" in edit


async def test_an_upload_that_crashes_the_ingest_ends_the_status_and_logs(
    make_app: Any,
    api: FakeBotApi,
    service: FakeQAService,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def crash(*args: Any, **kwargs: Any) -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(service, "ingest", crash)
    app = await make_app()
    with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers"):
        await _upload(app, api, "notes.md", b'A B (c): "Words."', ADMIN)
    [edit] = _status_edits(api)
    assert edit.startswith("Could not add <b>notes.md</b>: something went wrong")
    assert any(isinstance(r.exc_info[1], RecursionError) for r in caplog.records if r.exc_info)
    assert list(service.corpus_dir.iterdir()) == []


async def test_a_failed_reload_ends_its_status_with_the_reason(
    make_app: Any, api: FakeBotApi, service: FakeQAService, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrieval import IndexUnavailableError

    def damaged(*args: Any, **kwargs: Any) -> Any:
        raise IndexUnavailableError("the index is damaged; run `whosaid ingest --rebuild`")

    monkeypatch.setattr(service, "ingest", damaged)
    app = await make_app()
    await ask(app, api, "/reload", sender=ADMIN)
    [edit] = _status_edits(api)
    assert edit == "Re-ingesting failed: the index is damaged; run `whosaid ingest --rebuild`"
    assert api.texts(ADMIN) == ["Re-ingesting the corpus…"]


async def test_a_gate_that_fails_to_decide_stops_the_update(
    make_app: Any, api: FakeBotApi, service: FakeQAService, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.telegram import guard

    def broken(*args: Any) -> Any:
        raise KeyError("whosaid.deps")

    monkeypatch.setattr(guard, "decide", broken)
    app = await make_app()
    await ask(app, api, "What did Psaki say?")
    assert service.calls_of("ask") == [] and api.texts(USER) == []


async def test_a_long_source_list_is_capped_per_request(
    make_app: Any, api: FakeBotApi, service: FakeQAService, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.telegram.handlers import LIST_MESSAGES
    from retrieval import SourceSummary

    many = [
        SourceSummary(
            doc_id=str(n), title=f"Article {n}", path="p", paragraph_count=1, quote_count=1
        )
        for n in range(1000)
    ]
    monkeypatch.setattr(service, "sources", lambda: many)
    app = await make_app()
    await ask(app, api, "/sources")
    texts = api.texts(USER)
    assert len(texts) == LIST_MESSAGES
    shown = sum(text.count("1 quote") for text in texts)
    assert 0 < shown < 1000
    assert texts[-1].endswith(f"… and {1000 - shown:,} more articles: send /sources 2.")
    # The next page starts where the first stopped, and a word instead of a number is refused.
    await ask(app, api, "/sources 2")
    second = api.texts(USER)[len(texts) :]
    assert second[0].startswith(f"{shown + 1}. ")
    await ask(app, api, "/sources two")
    assert api.texts(USER)[-1] == "Send /sources, or /sources n for page n."


async def test_speakers_with_a_name_lists_only_speakers_named_like_it(
    make_app: Any, api: FakeBotApi
) -> None:
    app = await make_app()
    await ask(app, api, "/speakers psaki")
    [listed] = api.texts(USER)
    assert "Jennifer Psaki" in listed and "Gennady Zyuganov" not in listed
    await ask(app, api, "/speakers <Nobody & co>")
    assert api.texts(USER)[-1] == "Nobody quoted is named like &lt;Nobody &amp; co&gt;."


async def test_the_memory_of_refused_users_is_bounded(
    make_app: Any, api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.telegram import guard
    from bot.telegram.deps import DEPS_KEY

    monkeypatch.setattr(guard, "REFUSED_MEMORY", 3)
    app = await make_app(make_settings(allowed_users=frozenset({USER})))
    for stranger in range(7000, 7010):
        await ask(app, api, "hi", sender=stranger)
    assert len(app.bot_data[DEPS_KEY].refused) <= 3
    assert all(api.texts(stranger) == [REFUSAL] for stranger in range(7000, 7010))


@pytest.mark.parametrize(
    ("allowlist", "cache_time"),
    [({"allowed_users": frozenset({USER})}, 0), ({"allowed_chats": frozenset({GROUP})}, 0),
     ({}, 30)],
    ids=["private by user", "private by chat", "open"],
)  # fmt: skip
async def test_inline_results_are_cached_only_for_their_asker(
    make_app: Any, api: FakeBotApi, allowlist: dict[str, Any], cache_time: int
) -> None:
    app = await make_app(make_settings(**allowlist))
    asker = ADMIN if "allowed_chats" in allowlist else USER  # inline queries come from no chat
    await feed(app, api.inline_update(user(asker), "What did Psaki say?"))
    [call] = api.calls_to("answerInlineQuery")
    assert call.params["results"], "the allowed user gets the quote cards"
    assert call.params["is_personal"] is True and call.params.get("cache_time", 300) == cache_time


async def test_a_private_bot_answers_inline_queries_only_for_allowed_users(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app(make_settings(allowed_users=frozenset({USER})))
    await feed(app, api.inline_update(user(STRANGER), "What did Psaki say?"))
    [call] = api.calls_to("answerInlineQuery")
    assert call.params["results"] == [] and call.params["is_personal"] is True
    assert not service.calls_of("ask")
