"""News in and alerts out through the bot: forwarded and live channel posts, links, /feeds,
/channel, /follow and its alerts, against the in-process fake Bot API and a real service
(fake embeddings) over a temporary index."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from bot.telegram.follow import deliver
from bot.telegram.guard import ADMIN_ONLY, EXPIRED
from bot.telegram.posts import NO_QUOTES
from retrieval import claim, open_service, pending
from tests.auxil.bot_api import FakeBotApi, private_chat, user
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.auxil.telegram_app import ADMIN, USER, feed, make_settings, stop_app
from tests.auxil.web_server import Reply, WebServer, serve
from tests.conftest import make_settings as make_service_settings

CHANNEL = {
    "id": -1001712345678,
    "type": "channel",
    "title": "Town Hall Watch",
    "username": "townhallwatch",
}
SEED = (
    "---\ntitle: Council approves the bridge budget\ndate: 2022-01-12\noutlet: Gazette\n---\n\n"
    "The town council met on Tuesday to discuss the old bridge over the river.\n\n"
    "“The bridge will be ready by spring,” said Mayor Jane Holt after the vote.\n\n"
    "Residents have waited two years for the bridge to reopen.\n"
)
POST = (
    "The council met again tonight about the bridge.\n"
    "“We will open the bridge in May,” said Mayor Jane Holt after the meeting.\n"
    "Tom Reed called it “a promise nobody believes”."
)


@pytest.fixture
def web() -> Any:
    with serve() as server:
        yield server


@pytest.fixture
def service(tmp_path: Path, web: WebServer) -> Any:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "seed.md").write_text(SEED, encoding="utf-8")
    settings = make_service_settings(tmp_path, fetch_allowed_hosts=web.host, fetch_timeout=2)
    service = open_service(settings, embeddings=FakeEmbeddings())
    service.ingest()
    yield service
    service.close()


def forwarded(api: FakeBotApi, sender: int, text: str, *, number: int = 42) -> dict[str, Any]:
    update = api.message_update(user(sender), private_chat(sender), text)
    update["message"]["forward_origin"] = {
        "type": "channel",
        "date": int(time.mktime((2022, 3, 5, 12, 0, 0, 0, 0, -1))),
        "chat": CHANNEL,
        "message_id": number,
        "author_signature": "Anna Berg",
    }
    return update


def channel_update(text: str, *, number: int = 7, edited: bool = False) -> dict[str, Any]:
    message = {
        "message_id": number,
        "date": int(time.mktime((2022, 3, 6, 9, 0, 0, 0, 0, -1))),
        "chat": CHANNEL,
        "sender_chat": CHANNEL,
        "text": text,
    }
    return {"update_id": 0, ("edited_channel_post" if edited else "channel_post"): message}


def buttons(call: Any) -> list[tuple[str, str]]:
    rows = call.params["reply_markup"]["inline_keyboard"]
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


def bot_message(api: FakeBotApi, chat: int) -> dict[str, Any]:
    return {"message_id": 99, "date": 0, "chat": private_chat(chat), "from": api.me, "text": "x"}


async def press(app: Any, api: FakeBotApi, sender: int, data: str) -> None:
    await feed(app, api.callback_update(user(sender), bot_message(api, sender), data))


async def test_a_forwarded_channel_post_is_offered_for_checking_not_answered(make_app, api):  # type: ignore[no-untyped-def]
    app = await make_app()
    await feed(app, forwarded(api, USER, POST))
    [offer] = api.calls_to("sendMessage", USER)
    assert "Town Hall Watch" in offer.text and "2022-03-05" in offer.text
    assert [text for text, _ in buttons(offer)] == ["Check the quotes in this post"]
    await feed(app, forwarded(api, ADMIN, POST))
    [admin_offer] = api.calls_to("sendMessage", ADMIN)
    assert [t for t, _ in buttons(admin_offer)] == [
        "Check the quotes in this post",
        "Add as source",
    ]


async def test_checking_a_post_looks_up_each_of_its_quotations(make_app, api, service):  # type: ignore[no-untyped-def]
    app = await make_app()
    text = "Holt promised again: “The bridge will be ready by spring,” she wrote."
    await feed(app, forwarded(api, USER, text))
    [(_, check)] = buttons(api.calls_to("sendMessage", USER)[0])
    await press(app, api, USER, check)
    answers = api.texts(USER)[1:]
    assert answers and "Jane Holt" in answers[0]
    assert "The bridge will be ready by spring" in answers[0]
    await feed(app, forwarded(api, USER, "No quotation marks here at all.", number=43))
    [(_, check)] = buttons(api.calls_to("sendMessage", USER)[-1])
    await press(app, api, USER, check)
    assert api.texts(USER)[-1] == NO_QUOTES


async def test_an_admin_adds_a_post_as_a_source_with_its_channel_date_and_link(  # type: ignore[no-untyped-def]
    make_app, api, service
):
    app = await make_app()
    await feed(app, forwarded(api, ADMIN, POST))
    data = dict(buttons(api.calls_to("sendMessage", ADMIN)[0]))["Add as source"]
    # A user who is no admin cannot press it, even with the data in hand.
    await press(app, api, USER, data)
    assert api.calls_to("answerCallbackQuery")[-1].params.get("text") == ADMIN_ONLY
    await press(app, api, ADMIN, data)
    [post] = [s for s in service.sources() if s.outlet == "Town Hall Watch"]
    assert post.url == "https://t.me/townhallwatch/42" and post.date == "2022-03-05"
    assert "added" in api.calls_to("editMessageText", ADMIN)[-1].text
    answer = service.ask("What did Jane Holt say about May?")
    assert any(q.source.url == post.url for q in answer.quotes)


async def test_a_button_this_bot_never_made_has_expired(make_app, api):  # type: ignore[no-untyped-def]
    app = await make_app()
    await press(app, api, ADMIN, "post|add|0123456789ab")
    await press(app, api, ADMIN, "post|drop|everything")
    assert api.texts(ADMIN) == ["That post is no longer here: forward it again."]
    assert api.calls_to("answerCallbackQuery")[-1].params.get("text") == EXPIRED


async def test_a_followed_channels_posts_and_edits_are_ingested_live(make_app, api, service):  # type: ignore[no-untyped-def]
    app = await make_app(make_settings(channel_posts="@townhallwatch"))
    await feed(app, channel_update(POST))
    [post] = [s for s in service.sources() if s.outlet == "Town Hall Watch"]
    assert post.url == "https://t.me/townhallwatch/7"
    await feed(app, channel_update(POST.replace("in May", "in June"), edited=True))
    answer = service.ask("What did Jane Holt say about June?")
    assert any("June" in q.text for q in answer.quotes)
    assert len([s for s in service.sources() if s.outlet == "Town Hall Watch"]) == 1
    # Another channel's posts are not read.
    other = channel_update("Something else entirely in another channel.", number=8)
    other["channel_post"]["chat"] = {**CHANNEL, "id": -100999, "username": "elsewhere"}
    await feed(app, other)
    assert len([s for s in service.sources() if s.outlet == "Town Hall Watch"]) == 1


async def test_channel_makes_a_channel_its_authors_and_rereads_its_posts(make_app, api, service):  # type: ignore[no-untyped-def]
    app = await make_app(make_settings(channel_posts="@townhallwatch"))
    await feed(app, channel_update(POST))
    await feed(
        app,
        api.message_update(user(USER), private_chat(USER), "/channel @townhallwatch Jane Holt"),
    )
    assert api.texts(USER) == [ADMIN_ONLY]
    await feed(
        app,
        api.message_update(user(ADMIN), private_chat(ADMIN), "/channel @townhallwatch Jane Holt"),
    )
    assert "1 saved posts updated" in api.calls_to("editMessageText", ADMIN)[-1].text
    answer = service.ask("What did Jane Holt say about the council meeting tonight?")
    own = [q for q in answer.quotes if q.kind == "post"]
    assert own and own[0].text == "The council met again tonight about the bridge."
    # The quote inside the post keeps its own speaker.
    reed = service.ask("Who called it a promise nobody believes?")
    assert all(q.speaker != "Jane Holt" for q in reed.quotes if "promise" in q.text)


async def test_an_admins_links_are_added_and_a_private_address_refused(
    make_app, api, service, web
):  # type: ignore[no-untyped-def]
    from tests.retrieval.test_intake import article_page

    web.routes["/story"] = Reply(article_page(3))
    app = await make_app()
    text = f"{web.url('/story')}\nhttp://169.254.169.254/latest/meta-data/"
    await feed(app, api.message_update(user(ADMIN), private_chat(ADMIN), text))
    outcome = api.calls_to("editMessageText", ADMIN)[-1].text
    assert "✅ added" in outcome and "link-local" in outcome
    assert any(s.url == web.url("/news/story-3") for s in service.sources())
    # A user's link is a question like any text, never fetched.
    before = len(web.requests)
    await feed(app, api.message_update(user(USER), private_chat(USER), web.url("/story")))
    assert len(web.requests) == before


async def test_feeds_is_for_admins_and_a_first_poll_reports_its_entries(
    make_app, api, service, web
):  # type: ignore[no-untyped-def]
    from tests.retrieval.test_intake import FEED_HEADERS, article_page, rss

    web.routes["/p/1"] = Reply(article_page(1))
    web.routes["/feed"] = Reply(rss([("a", web.url("/p/1"), "One")]), headers=FEED_HEADERS)
    app = await make_app()
    await feed(app, api.message_update(user(USER), private_chat(USER), "/feeds"))
    assert api.texts(USER) == [ADMIN_ONLY]
    await feed(
        app, api.message_update(user(ADMIN), private_chat(ADMIN), f"/feeds add {web.url('/feed')}")
    )
    assert "1 new" in api.calls_to("editMessageText", ADMIN)[-1].text
    await feed(app, api.message_update(user(ADMIN), private_chat(ADMIN), "/feeds"))
    assert "Town News" in api.texts(ADMIN)[-1]


async def test_quotes_takes_dates_and_an_outlet(make_app, api):  # type: ignore[no-untyped-def]
    app = await make_app()
    await feed(
        app,
        api.message_update(user(USER), private_chat(USER), "/quotes Jane Holt --since 2023-01-01"),
    )
    assert (
        "Jane Holt" in api.texts(USER)[-1] and "dated from 1 January 2023" in api.texts(USER)[-1]
    )
    await feed(
        app,
        api.message_update(
            user(USER), private_chat(USER), "/quotes Jane Holt --since 2022-01-01 --outlet Gazette"
        ),
    )
    assert "ready by spring" in api.texts(USER)[-1]


async def follow(app: Any, api: FakeBotApi, chat: int, what: str) -> None:
    await feed(app, api.message_update(user(chat), private_chat(chat), f"/follow {what}"))


async def test_a_follower_gets_one_batched_alert_per_ingest_and_never_twice(make_app, api):  # type: ignore[no-untyped-def]
    app = await make_app(make_settings(channel_posts="@townhallwatch"))
    await deliver(app)  # alerts start from what is already indexed: no backlog
    await follow(app, api, USER, "Holt")
    await follow(app, api, ADMIN, '"nobody believes"')
    assert "Following Holt (Jane Holt)" in api.texts(USER)[-1]
    await feed(app, channel_update(POST))
    [alert] = [t for t in api.texts(USER) if t.startswith("New quotes")]
    assert "We will open the bridge in May" in alert and "t.me/townhallwatch/7" in alert
    assert any("a promise nobody believes" in t for t in api.texts(ADMIN))
    await deliver(app)
    assert len([t for t in api.texts(USER) if t.startswith("New quotes")]) == 1
    await feed(app, api.message_update(user(USER), private_chat(USER), "/following"))
    assert "Holt" in api.texts(USER)[-1]
    await feed(app, api.message_update(user(USER), private_chat(USER), "/unfollow holt"))
    assert "Stopped following" in api.texts(USER)[-1]


async def test_an_ingest_before_a_crash_is_alerted_once_after_the_restart(  # type: ignore[no-untyped-def]
    make_app, api, service, tmp_path
):
    app = await make_app()
    await deliver(app)
    await follow(app, api, USER, "Jane Holt")
    await stop_app(app)
    # The bot is down; an ingest runs elsewhere (the command line, cron) and adds a quote.
    (tmp_path / "articles" / "later.md").write_text(
        SEED.replace("ready by spring", "ready by the first of June").replace("01-12", "02-01"),
        encoding="utf-8",
    )
    service.ingest()
    restarted = await make_app()
    assert await deliver(restarted) == 1
    assert await deliver(restarted) == 0
    alerts = [t for t in api.texts(USER) if t.startswith("New quotes")]
    assert len(alerts) == 1 and "first of June" in alerts[0]


async def test_a_batch_claimed_before_a_crash_is_not_sent_again(make_app, api, service, tmp_path):  # type: ignore[no-untyped-def]
    from retrieval import collect

    app = await make_app()
    await deliver(app)
    await follow(app, api, USER, "Jane Holt")
    (tmp_path / "articles" / "later.md").write_text(
        SEED.replace("ready by spring", "ready in July"), encoding="utf-8"
    )
    service.ingest()
    collect(service)
    [batch] = pending(service.settings)
    assert claim(service.settings, batch.id)  # the send starts… and the process dies here
    assert await deliver(app) == 0
    assert not [t for t in api.texts(USER) if t.startswith("New quotes")]


async def test_a_chat_that_blocked_the_bot_is_dropped(make_app, api, service, tmp_path):  # type: ignore[no-untyped-def]
    from retrieval import following

    app = await make_app()
    await deliver(app)
    await follow(app, api, USER, "Jane Holt")
    (tmp_path / "articles" / "later.md").write_text(
        SEED.replace("ready by spring", "ready in August"), encoding="utf-8"
    )
    service.ingest()
    api.fail_with("sendMessage", 403, "Forbidden: bot was blocked by the user")
    assert await deliver(app) == 0
    assert following(service.settings, USER) == []


async def test_an_admin_uploads_a_desktop_export_and_a_follower_hears_of_it(  # type: ignore[no-untyped-def]
    make_app, api, service
):
    import json

    from tests.corpus.test_channels import EXPORT

    app = await make_app()
    await deliver(app)
    await follow(app, api, USER, "Jane Holt")
    document = api.add_file("result.json", json.dumps(EXPORT).encode(), "application/json")
    await feed(app, api.message_update(user(ADMIN), private_chat(ADMIN), document=document))
    assert "Added" in api.calls_to("editMessageText", ADMIN)[-1].text
    posts = {s.url for s in service.sources() if s.outlet == "Town Hall Watch"}
    assert posts == {"https://t.me/c/1712345678/2", "https://t.me/c/1712345678/4"}
    # The formatted post's quote reached the follower, as one alert.
    [alert] = [t for t in api.texts(USER) if t.startswith("New quotes")]
    assert "We will open it in May" in alert
