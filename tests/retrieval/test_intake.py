"""News in from links and feeds, against local HTTP servers: fetched, saved, ingested, answered.

The pages are hand-written; the embeddings are the deterministic fakes (what is checked is
what gets into the index and what is refused, not the ranking).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval import FeedInfo, add_feed, add_links, list_feeds, open_service, poll_feeds
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.auxil.web_server import Reply, WebServer, serve
from tests.conftest import make_settings


def article_page(n: int, *, said: str | None = "The bridge will be ready by spring") -> bytes:
    """A short news page; ``said`` is the mayor's quote (None: a page with no quote)."""
    quote = f"<p>“{said},” said Mayor Jane Holt after the vote in story {n}.</p>" if said else ""
    return (
        f"<html lang='en'><head><title>Council story {n}</title><meta property="
        f"'article:published_time' content='2022-01-{n % 28 + 1:02d}T09:00:00+00:00'>"
        f"<link rel='canonical' href='/news/story-{n}'></head><body><article>"
        f"<h1>Council story number {n} about the old bridge</h1>"
        f"<p>The town council met on Tuesday to discuss the old bridge over the river, "
        f"which has been closed to traffic since the floods of last winter.</p>{quote}"
        f"<p>Residents had asked for the work to start sooner, and several spoke at the "
        f"meeting about the long detour they now drive every day.</p>"
        "</article></body></html>"
    ).encode()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><guid>{guid}</guid><link>{link}</link><title>{title}</title></item>"
        for guid, link, title in items
    )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Town News</title>"
        f"<link>http://town.example/</link>{entries}</channel></rss>"
    ).encode()


FEED_HEADERS = {"Content-Type": "application/rss+xml"}


@pytest.fixture
def web() -> Iterator[WebServer]:
    with serve() as server:
        yield server


@pytest.fixture
def service(tmp_path: Path, web: WebServer):  # type: ignore[no-untyped-def]
    (tmp_path / "articles").mkdir()
    settings = make_settings(tmp_path, fetch_allowed_hosts=web.host, fetch_timeout=2)
    service = open_service(settings, embeddings=FakeEmbeddings())
    yield service
    service.close()


class _Book:
    """The feed list as the command line edits it."""

    def __init__(self, settings) -> None:  # type: ignore[no-untyped-def]
        self.settings = settings

    def add(self, url: str) -> bool:
        return add_feed(self.settings, url)

    def feed(self, url: str) -> FeedInfo | None:
        return next((f for f in list_feeds(self.settings) if f.url == url), None)


@pytest.fixture
def book(service) -> _Book:  # type: ignore[no-untyped-def]
    return _Book(service.settings)


def test_a_link_is_fetched_saved_and_answered_with_its_canonical_url(service, web):  # type: ignore[no-untyped-def]
    web.routes["/amp/story-1?utm_source=x"] = Reply(article_page(1))
    [result] = add_links(service, [web.url("/amp/story-1?utm_source=x")])
    assert result.ok, result.message
    assert Path(result.path or "").is_file()
    [source] = service.sources()
    assert source.url == web.url("/news/story-1")
    assert source.title == "Council story number 1 about the old bridge"
    answer = service.ask("What did Jane Holt say?")
    assert answer.quotes[0].text.startswith("The bridge will be ready by spring")
    assert answer.quotes[0].source.url == web.url("/news/story-1")


def test_a_refused_link_leaves_nothing_behind(tmp_path: Path, web: WebServer):
    (tmp_path / "articles").mkdir()
    # No allowlist: the local server is a loopback address, as a metadata service would be.
    service = open_service(make_settings(tmp_path), embeddings=FakeEmbeddings())
    web.routes["/story"] = Reply(article_page(1))
    [result] = add_links(service, [web.url("/story")])
    assert not result.ok and "WHOSAID_FETCH_ALLOWED_HOSTS" in result.message
    assert web.requests == [] and service.sources() == []
    assert list((tmp_path / "articles").rglob("*.html")) == []


def test_a_page_without_article_text_is_one_line_and_not_kept(service, web):  # type: ignore[no-untyped-def]
    web.routes["/paywall"] = Reply(
        b"<html><body><article><h1>Council votes</h1><p>The town council met on Tuesday to"
        b" discuss the old bridge.</p><p>Subscribe to read the rest.</p></article></body></html>"
    )
    [result] = add_links(service, [web.url("/paywall")])
    assert not result.ok and "no article text" in result.message
    assert list(service.corpus_dir.rglob("*.html")) == []


def test_a_feed_of_500_entries_is_ingested_then_polled_incrementally(service, web, book):  # type: ignore[no-untyped-def]
    items = [(f"tag:town,{n}", web.url(f"/p/{n}"), f"Story {n}") for n in range(500)]
    for n in range(500):
        # Quotes on a few pages only: the quote engine's time is beside the point here.
        web.routes[f"/p/{n}"] = Reply(article_page(n, said=None if n % 50 else "Soon"))
    web.routes["/feed"] = Reply(rss(items), headers=FEED_HEADERS)
    book.add(web.url("/feed"))

    [first] = poll_feeds(service)
    assert first.ok and first.added == 500, first.message
    assert len(service.sources()) == 500

    # One entry changes (a correction), one is gone from the feed: only the first is fetched
    # again; the other's article stays in the index.
    web.routes["/p/7"] = Reply(article_page(7, said="The bridge will be ready by summer"))
    changed = [(g, link, title + " (corrected)" if g == "tag:town,7" else title)
               for g, link, title in items if g != "tag:town,8"]  # fmt: skip
    web.routes["/feed"] = Reply(rss(changed), headers=FEED_HEADERS)
    before = len(web.requests)
    [second] = poll_feeds(service)
    fetched = [path for path, _ in web.requests[before:]]
    assert fetched == ["/feed", "/p/7"]
    assert second.updated == 1 and second.added == 0
    assert len(service.sources()) == 500
    assert any(q.text.startswith("The bridge will be ready by summer") for q in service.ask(
        "What did Jane Holt say about summer?").quotes)  # fmt: skip


def test_an_unchanged_feed_costs_one_304(service, web, book):  # type: ignore[no-untyped-def]
    def feed(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == '"v1"':
            return Reply(status=304)
        body = rss([("a", web.url("/p/1"), "Story")])
        return Reply(body, headers={**FEED_HEADERS, "ETag": '"v1"'})

    web.routes["/feed"] = feed
    web.routes["/p/1"] = Reply(article_page(1))
    book.add(web.url("/feed"))
    poll_feeds(service)
    before = len(web.requests)
    [again] = poll_feeds(service)
    assert again.unchanged and again.ok
    assert [path for path, _ in web.requests[before:]] == ["/feed"]


def test_a_failed_entry_is_named_and_fetched_again_next_poll(service, web, book):  # type: ignore[no-untyped-def]
    web.routes["/feed"] = Reply(
        rss([("a", web.url("/p/1"), "One"), ("b", web.url("/down"), "Two")]), headers=FEED_HEADERS
    )
    web.routes["/p/1"] = Reply(article_page(1))
    book.add(web.url("/feed"))
    [poll] = poll_feeds(service)
    assert not poll.ok and poll.added == 1
    assert [line.split(": ")[0] for line in poll.failed] == [web.url("/down")]
    web.routes["/down"] = Reply(article_page(2))
    [again] = poll_feeds(service)
    assert again.ok and again.added == 1


def test_a_document_that_is_not_a_feed_fails_that_feed_alone(service, web, book):  # type: ignore[no-untyped-def]
    web.routes["/feed"] = Reply(rss([("a", web.url("/p/1"), "One")]), headers=FEED_HEADERS)
    web.routes["/p/1"] = Reply(article_page(1))
    web.routes["/notfeed"] = Reply(b"just some words", headers={"Content-Type": "text/plain"})
    book.add(web.url("/notfeed"))
    book.add(web.url("/feed"))
    bad, good = poll_feeds(service)
    assert not bad.ok and "not an RSS or Atom feed" in bad.message
    assert good.ok and good.added == 1
    assert book.feed(web.url("/notfeed")).error  # type: ignore[union-attr]
