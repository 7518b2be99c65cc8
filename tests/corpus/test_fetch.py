"""Fetching links: the server-side request forgery guard, redirects, limits, content types.

Every request goes to a local server on 127.0.0.1; a test that must reach it names it in the
allowlist, as ``WHOSAID_FETCH_ALLOWED_HOSTS`` would.
"""

from __future__ import annotations

import pytest

from corpus.fetch import (
    FEED_TYPES,
    FetchFailed,
    FetchPolicy,
    FetchRefused,
    NotModified,
    fetch,
    parse_allowed_hosts,
)
from corpus.webpages import canonical_url, page_bytes, read_provenance
from tests.auxil.web_server import Reply, WebServer, serve

PAGE = b"<html><head><title>Council votes</title></head><body><p>Text.</p></body></html>"


def _allowing(*hosts: str, **kwargs: object) -> FetchPolicy:
    return FetchPolicy(allowed_hosts=frozenset(hosts), **kwargs)  # type: ignore[arg-type]


def test_a_loopback_address_is_refused_naming_the_setting_that_allows_it():
    with serve(WebServer({"/": Reply(PAGE)})) as web:
        with pytest.raises(FetchRefused) as refused:
            fetch(web.url("/"), policy=FetchPolicy())
        assert web.requests == []  # refused before any request was sent
    message = str(refused.value)
    assert "loopback" in message and "WHOSAID_FETCH_ALLOWED_HOSTS" in message


def test_a_name_is_resolved_and_every_address_checked():
    # One public and one private address: the private one is enough to refuse.
    policy = FetchPolicy(resolver=lambda host, port: ["93.184.216.34", "10.1.2.3"])
    with pytest.raises(FetchRefused, match="private"):
        fetch("http://news.example/story", policy=policy)


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("http://127.0.0.1:{other}/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.0.0.5/", "private"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
    ],
)
def test_a_redirect_to_a_private_address_is_refused(target: str, kind: str):
    with serve() as other, serve() as web:
        location = target.format(other=other.port)
        web.routes["/story"] = Reply(status=302, headers={"Location": location})
        with pytest.raises(FetchRefused, match=kind) as refused:
            fetch(web.url("/story"), policy=_allowing(web.host))
        assert other.requests == []
    assert "redirected to" in str(refused.value)


def test_redirects_are_followed_within_the_limit_and_allowed_hosts():
    with serve() as web:
        web.routes["/a"] = Reply(status=301, headers={"Location": "/b"})
        web.routes["/b"] = Reply(status=302, headers={"Location": web.url("/c")})
        web.routes["/c"] = Reply(PAGE)
        page = fetch(web.url("/a"), policy=_allowing(web.host))
    assert page.url == web.url("/c") and page.content == PAGE


def test_a_redirect_loop_stops():
    with serve() as web:
        web.routes["/loop"] = Reply(status=302, headers={"Location": "/loop"})
        with pytest.raises(FetchFailed, match="redirects"):
            fetch(web.url("/loop"), policy=_allowing(web.host))


def test_the_allowlist_names_a_host_with_or_without_its_port():
    assert parse_allowed_hosts(" intranet.local , 127.0.0.1:8080,") == frozenset(
        {"intranet.local", "127.0.0.1:8080"}
    )
    with serve(WebServer({"/": Reply(PAGE)})) as web:
        assert fetch(web.url("/"), policy=_allowing("127.0.0.1")).content == PAGE
        with pytest.raises(FetchRefused):
            fetch(web.url("/"), policy=_allowing("127.0.0.1:1"))


def test_a_name_that_resolves_differently_at_connection_time_is_refused():
    # DNS rebinding: public when checked, loopback when connecting. The check is repeated
    # where the connection is made, on the address actually dialled.
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    policy = FetchPolicy(resolver=lambda host, port: next(answers))
    with pytest.raises(FetchRefused, match="loopback"):
        fetch("http://rebind.example/", policy=policy)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_only_http_and_https_are_fetched(url: str):
    with pytest.raises(FetchRefused, match="only http and https"):
        fetch(url, policy=FetchPolicy())


def test_a_page_over_the_size_cap_is_refused_whatever_its_declared_length():
    with serve() as web:
        web.routes["/big"] = Reply(b"x" * 5000)
        with pytest.raises(FetchFailed, match="too large"):
            fetch(web.url("/big"), policy=_allowing(web.host, max_bytes=1000))


def test_a_page_that_is_not_html_is_refused():
    with serve() as web:
        web.routes["/pic"] = Reply(b"\x89PNG...", headers={"Content-Type": "image/png"})
        with pytest.raises(FetchFailed, match="image/png"):
            fetch(web.url("/pic"), policy=_allowing(web.host))


def test_an_http_error_and_an_unreachable_host_are_one_line_each():
    with serve() as web:
        with pytest.raises(FetchFailed, match="answered 404"):
            fetch(web.url("/missing"), policy=_allowing(web.host))
        port = web.port
    with pytest.raises(FetchFailed, match="unreachable"):
        fetch(f"http://127.0.0.1:{port}/", policy=_allowing(f"127.0.0.1:{port}"))


def test_a_slow_server_times_out():
    with serve() as web:
        web.routes["/slow"] = Reply(PAGE, delay=2.0)
        with pytest.raises(FetchFailed, match="timed out"):
            fetch(web.url("/slow"), policy=_allowing(web.host, timeout=0.3))


def test_validators_are_sent_and_a_304_says_not_modified():
    def conditional(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == '"v1"':
            return Reply(status=304)
        return Reply(PAGE, headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'})

    with serve(WebServer({"/feed": conditional})) as web:
        first = fetch(web.url("/feed"), policy=_allowing(web.host), accept=FEED_TYPES)
        assert first.etag == '"v1"'
        with pytest.raises(NotModified):
            fetch(web.url("/feed"), policy=_allowing(web.host), accept=FEED_TYPES, etag='"v1"')


def test_the_canonical_url_is_the_link_and_survives_in_the_saved_file():
    html = (
        b"<html><head><link rel='canonical' href='/news/council-votes'>"
        b"<meta charset='windows-1251'></head><body><p>Text.</p></body></html>"
    )
    with serve(WebServer({"/amp/council?utm=x": Reply(html)})) as web:
        page = fetch(web.url("/amp/council?utm=x"), policy=_allowing(web.host))
    link = canonical_url(page)
    assert link == web.url("/news/council-votes")
    provenance, rest = read_provenance(page_bytes(page, link))
    assert provenance["url"] == link and rest == html
