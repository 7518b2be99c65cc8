"""End to end: the real bot, over real HTTP, against a fake Bot API server on 127.0.0.1.

The bot is configured the way a user would point it at a self-hosted Bot API server
(``TELEGRAM_BASE_URL`` / ``TELEGRAM_BASE_FILE_URL``) and runs with long polling; the tests play
the users by queueing updates on the server and read what the bot sent back.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.telegram import TelegramSettings, build_application, serve
from bot.telegram.handlers import REFUSAL
from bot.telegram.launcher import EXIT_CONFIG, EXIT_INDEX, EXIT_NETWORK, run, run_until_signal
from retrieval import IndexUnavailableError
from tests.auxil.bot_api import FakeBotApi, private_chat, user
from tests.auxil.fake_bot_api import FakeBotApiServer
from tests.auxil.fake_service import FakeQAService, seed_quotes
from tests.auxil.html_check import parse
from tests.auxil.telegram_app import ADMIN, STRANGER, TOKEN, USER, KeepOpen

OTHER = 1003
ROOT_ARTICLES = Path(__file__).resolve().parents[2] / "corpus" / "articles"

pytestmark = pytest.mark.filterwarnings(
    # python-telegram-bot warns about its own RetryAfter.retry_after type while building the
    # exception for a 429; nothing in our code can avoid it.
    "ignore:Deprecated since version v22.2. In a future major version attribute .retry_after."
    ":telegram.warnings.PTBDeprecationWarning"
)


@dataclass
class RunningBot:
    api: FakeBotApi
    server: FakeBotApiServer
    service: FakeQAService
    settings: TelegramSettings

    def say(self, sender: int, text: str) -> None:
        self.api.send(user(sender), private_chat(sender), text)


@pytest.fixture
def server() -> Any:
    fake = FakeBotApiServer(FakeBotApi(TOKEN)).start()
    yield fake
    fake.stop()


@pytest.fixture
def env(server: FakeBotApiServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_BASE_URL", server.base_url)
    monkeypatch.setenv("TELEGRAM_BASE_FILE_URL", server.base_file_url)
    monkeypatch.setenv("TELEGRAM_ALLOWED_USERS", f"{USER}, {OTHER}")
    monkeypatch.setenv("TELEGRAM_ADMINS", str(ADMIN))


@pytest.fixture
async def bot(
    env: None, server: FakeBotApiServer, service: FakeQAService, tmp_path: Path
) -> AsyncIterator[RunningBot]:
    settings = TelegramSettings(_env_file=None)
    application = build_application(
        settings,
        service_factory=lambda: service,
        persistence_path=tmp_path / "state.pickle",
        network_backoff=0.05,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(serve(application, settings, stop=stop, poll_timeout=1))
    running = RunningBot(server.api, server, service, settings)
    await server.api.wait_for(lambda api: bool(api.calls_to("setMyCommands")))
    await server.api.wait_for(lambda api: bool(api.calls_to("deleteWebhook")))
    yield running
    stop.set()
    await asyncio.wait_for(task, timeout=20)
    assert service.closed


async def test_a_conversation(bot: RunningBot) -> None:
    api = bot.api
    bot.say(USER, "What did Psaki say?")
    [answer] = await api.wait_for_texts(USER, 1)
    assert parse(answer).blockquotes == [(False, seed_quotes()[0].text)]
    assert api.calls_to("sendChatAction", USER)

    bot.say(USER, "and about disinformation?")
    follow_up = (await api.wait_for_texts(USER, 2))[1]
    assert "disinformation" in follow_up and "Jennifer Psaki" in follow_up

    bot.say(USER, "x" * 5000)
    too_long = (await api.wait_for_texts(USER, 3))[2]
    assert "5,000 characters" in too_long

    bot.say(STRANGER, "What did Psaki say?")
    bot.say(STRANGER, "hello?")
    bot.say(USER, "/source 1")
    await api.wait_for_texts(USER, 4)
    assert api.texts(STRANGER) == [REFUSAL]


async def test_a_refusal_that_cannot_be_sent_still_stops_the_update_over_http(
    bot: RunningBot,
) -> None:
    api = bot.api
    api.fail_with("sendMessage", 403, "Forbidden: bot was blocked by the user")
    bot.say(STRANGER, "What did Psaki say?")
    await api.wait_for(lambda a: bool(a.calls_to("sendMessage", STRANGER)))
    # By the time another user's answer has come back, the stranger's update is long done.
    bot.say(USER, "What did Zyuganov say?")
    await api.wait_for_texts(USER, 1)
    assert [c.text for c in api.calls_to("sendMessage", STRANGER)] == [REFUSAL]
    assert [args for args, _ in bot.service.calls_of("ask")] == [("What did Zyuganov say?",)]


async def test_an_admin_upload_becomes_answerable(bot: RunningBot) -> None:
    api = bot.api
    content = 'Maria Zakharova (Foreign Ministry spokeswoman): "Words & <deeds>."\n'
    document = api.add_file("briefing.md", content.encode())
    api.push(api.message_update(user(ADMIN), private_chat(ADMIN), document=document))
    await api.wait_for(lambda a: bool(a.calls_to("editMessageText", ADMIN)))
    assert "1 quote from 1 speaker" in api.calls_to("editMessageText", ADMIN)[0].text
    assert (bot.service.corpus_dir / "briefing.md").read_text(encoding="utf-8") == content

    bot.say(USER, "What did Zakharova say?")
    [answer] = await api.wait_for_texts(USER, 1)
    assert parse(answer).blockquotes == [(False, "Words & <deeds>.")]


async def test_flood_control_is_waited_out(bot: RunningBot) -> None:
    api = bot.api
    api.fail_next("sendMessage", retry_after=1)
    bot.say(USER, "What did Zyuganov say?")
    await api.wait_for(lambda a: len(a.calls_to("sendMessage", USER)) == 2)
    first, retried = api.calls_to("sendMessage", USER)
    assert first.text == retried.text and "Zyuganov" in retried.text
    bot.say(USER, "What did Psaki say?")
    await api.wait_for(lambda a: len(a.calls_to("sendMessage", USER)) == 3)


async def test_a_slow_answer_does_not_block_other_chats(
    bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    entered = threading.Event()
    original = bot.service.ask

    def ask(question: str, **kwargs: Any) -> Any:
        if "Shapkovsky" in question:
            entered.set()
            release.wait(timeout=20)
        return original(question, **kwargs)

    monkeypatch.setattr(bot.service, "ask", ask)
    bot.say(USER, "What did Shapkovsky say?")
    await bot.api.wait_for(lambda _: entered.is_set())
    bot.say(OTHER, "What did Psaki say?")
    await bot.api.wait_for_texts(OTHER, 1)
    assert bot.api.texts(USER) == []
    release.set()
    [slow] = await bot.api.wait_for_texts(USER, 1)
    assert "Shapkovsky" in slow


async def test_inline_query_and_more_button_over_http(bot: RunningBot) -> None:
    api = bot.api
    api.push(api.inline_update(user(USER), "What did Psaki say?"))
    await api.wait_for(lambda a: bool(a.calls_to("answerInlineQuery")))
    [result] = api.calls_to("answerInlineQuery")[0].params["results"]
    assert "Jennifer Psaki" in result["input_message_content"]["message_text"]


async def test_a_wrong_token_fails_start_up_with_one_line(
    env: None,
    server: FakeBotApiServer,
    service: FakeQAService,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    wrong = "987654321:AAHthisIsNotTheRightTokenAtAll_012345"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", wrong)
    settings = TelegramSettings(_env_file=None)
    application = build_application(settings, service_factory=lambda: service)
    assert await run_until_signal(application, settings) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rejected TELEGRAM_BOT_TOKEN" in err
    assert wrong not in err and "Traceback" not in err
    assert service.calls == []  # the service is never opened with a bad token


async def test_a_missing_index_fails_start_up_with_one_line(
    env: None, server: FakeBotApiServer, capsys: pytest.CaptureFixture[str]
) -> None:
    def unavailable() -> Any:
        raise IndexUnavailableError("no collection in data/chroma")

    settings = TelegramSettings(_env_file=None)
    application = build_application(settings, service_factory=unavailable)
    assert await run_until_signal(application, settings) == EXIT_INDEX
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no collection in data/chroma" in err
    assert "whosaid ingest" in err and "Traceback" not in err


def test_a_missing_token_fails_before_any_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    assert run() == EXIT_CONFIG
    err = capsys.readouterr().err
    assert err.strip() == (
        "whosaid bot: TELEGRAM_BOT_TOKEN is missing (set it in the environment or .env)"
    )


def test_a_placeholder_token_is_refused_without_echoing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=your-token-here\n", encoding="utf-8")
    assert run() == EXIT_CONFIG
    err = capsys.readouterr().err
    assert "placeholder" in err and "your-token-here" not in err


@pytest.mark.slow
async def test_the_real_service_answers_verbatim_over_http(
    env: None, server: FakeBotApiServer, seed_service: Any, tmp_path: Path
) -> None:
    settings = TelegramSettings(_env_file=None)
    application = build_application(settings, service_factory=lambda: KeepOpen(seed_service))
    stop = asyncio.Event()
    task = asyncio.create_task(serve(application, settings, stop=stop, poll_timeout=1))
    api = server.api
    try:
        await api.wait_for(lambda a: bool(a.calls_to("setMyCommands")), timeout=60)
        api.send(user(USER), private_chat(USER), "What did Psaki say about Russian statements?")
        [answer] = await api.wait_for_texts(USER, 1, timeout=120)
        quotes = parse(answer).blockquotes
        assert quotes, answer
        article = (ROOT_ARTICLES / "kazakhstan-unrest-2022-01-06.txt").read_text(encoding="utf-8")
        assert all(text in article for _, text in quotes)
        assert "Psaki" in answer
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)


@pytest.mark.parametrize("verbosity", [[], ["-vv"]])
def test_a_non_json_bot_api_reply_is_one_line_and_never_shows_the_token(
    env: None,
    server: FakeBotApiServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    verbosity: list[str],
) -> None:
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WHOSAID_DATA_DIR", str(tmp_path / "data"))
    server.html_error_page = True
    assert main([*verbosity, "bot"]) == EXIT_NETWORK
    err = capsys.readouterr().err
    secret_part = TOKEN.partition(":")[2]
    assert TOKEN not in err and secret_part not in err
    # The reply body is logged (and at -vv the API URL too), with the token masked.
    assert "gateway says /bot<secret>/getMe" in err
    assert ("Set Bot API URL" in err) == bool(verbosity)
    [line] = [line for line in err.splitlines() if line.startswith("whosaid bot:")]
    assert "Invalid server response" in line
    # A traceback only when asked for one.
    assert ("Traceback" in err) == bool(verbosity)
