"""The bot speaks the user's language: Russian to a Russian client or a Russian question.

Handlers through ``Application.process_update`` with the fake service (what language the bot
asks the service for, and its own words); the answers' framing in both languages with the
real service is in ``test_languages_e2e``.
"""

from __future__ import annotations

from typing import Any

from bot.texts import CATALOGUES, language_for, texts
from tests.auxil.bot_api import FakeBotApi, private_chat, user
from tests.auxil.fake_service import FakeQAService
from tests.auxil.telegram_app import STRANGER, USER, feed, make_settings

RU = texts("ru")
EN = texts("en")


async def say(
    app: Any, api: FakeBotApi, text: str, *, locale: str | None, sender: int = USER
) -> None:
    sent = api.message_update(user(sender, language_code=locale), private_chat(sender), text)
    await feed(app, sent)


def test_the_language_is_the_users_or_the_one_they_write_in() -> None:
    assert language_for("ru", "What did Psaki say?") == "ru"
    assert language_for("ru-RU") == "ru"
    assert language_for("en", "Что сказал Песков?") == "ru"
    assert language_for("de", "Was sagte Psaki?") == "en"  # one whosaid does not speak
    assert language_for(None, "What did Psaki say?") == "en"


def test_every_catalogue_has_every_text_and_no_unknown_field() -> None:
    import string

    def fields(value: object) -> set[str]:
        if isinstance(value, str):
            return {f for _, f, _, _ in string.Formatter().parse(value) if f}
        if isinstance(value, tuple):
            return set().union(*(fields(v) for v in value)) if value else set()
        return set()

    english = CATALOGUES["en"]
    for language, words in CATALOGUES.items():
        assert words.language == language
        for name in english.__dataclass_fields__:
            mine, theirs = getattr(words, name), getattr(english, name)
            if isinstance(theirs, str) and name not in ("language", "thousands"):
                # A translation may leave a field out ("noun"), never ask for another.
                assert fields(mine) <= fields(theirs), (language, name)
        assert [c for c, _ in words.commands] == [c for c, _ in english.commands]


async def test_a_russian_client_gets_help_and_start_in_russian(
    make_app: Any, api: FakeBotApi
) -> None:
    app = await make_app()
    await say(app, api, "/help", locale="ru")
    await say(app, api, "/start", locale="ru")
    help_text, start_text = api.texts(USER)
    assert "<b>Команды</b>" in help_text and "/ask: Спросить, кто что сказал" in help_text
    assert start_text.startswith(RU.start_title)
    await say(app, api, "/help", locale="en")
    assert api.texts(USER)[-1].startswith(EN.help_title)


async def test_a_question_in_russian_is_answered_in_russian_whatever_the_client(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app()
    await say(app, api, "Что сказала Псаки?", locale="en")
    await say(app, api, "What did Psaki say?", locale="ru")
    await say(app, api, "What did Psaki say?", locale="en")
    languages = [kwargs["language"] for _, kwargs in service.calls_of("ask")]
    assert languages == ["ru", "ru", "en"]


async def test_labels_and_the_more_button_are_in_the_answers_language(
    make_app: Any, api: FakeBotApi, service: FakeQAService
) -> None:
    app = await make_app(make_settings(page_size=1))
    await say(app, api, "What did Psaki say?", locale="ru")
    [call] = api.calls_to("sendMessage", USER)
    buttons = call.params["reply_markup"]["inline_keyboard"]
    # "More quotes" comes last, under the quotes' own buttons (Copy citation, 👍/👎).
    assert buttons[-1][0]["text"] == "Ещё цитаты"
    assert buttons[0][0]["text"].endswith("Копировать ссылку")
    # The quote itself is the article's, as printed (English here).
    psaki = service.quotes[0]
    assert psaki.text.replace("<", "&lt;") in call.text


async def test_errors_and_refusals_are_in_the_users_language(
    make_app: Any, api: FakeBotApi
) -> None:
    app = await make_app(make_settings(allowed_users=frozenset({USER})))
    await say(app, api, "Кто сказал это?", locale="ru", sender=STRANGER)
    assert api.texts(STRANGER) == [RU.refusal]
    await say(app, api, "/nonsense", locale="ru")
    await say(app, api, "/source 3", locale="ru")
    assert api.texts(USER) == [RU.unknown_command, RU.no_answer_to_cite]


async def test_speakers_and_paging_notes_in_russian(make_app: Any, api: FakeBotApi) -> None:
    app = await make_app()
    await say(app, api, "/speakers", locale="ru")
    [listing] = api.texts(USER)
    assert listing.startswith("<b>Кого цитируют</b> (3)")
    assert "1 цитата (1 статья)" in listing
    await say(app, api, "/speakers 9", locale="ru")
    assert api.texts(USER)[-1] == "В списке 1 страница: отправьте /speakers n, где n от 1 до 1."


def test_russian_counts_take_the_right_form() -> None:
    assert [RU.count(n, RU.quote_forms) for n in (1, 2, 5, 11, 21, 112)] == [
        "1 цитата",
        "2 цитаты",
        "5 цитат",
        "11 цитат",
        "21 цитата",
        "112 цитат",
    ]
    assert RU.count(1500, RU.article_forms) == "1\u00a0500 статей"
    assert EN.count(1500, EN.article_forms) == "1,500 articles"
