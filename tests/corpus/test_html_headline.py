"""HTML pages: the headline is the page's own, not its site name or a CMS field."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loaders import load_file

_BODY = "".join(
    f"<p>Paragraph {i} of the story says the council met on Tuesday and voted on the plan, "
    f"which the mayor had proposed in the spring after months of debate in the town.</p>"
    for i in range(1, 7)
)


def _page(head: str, h1: str) -> str:
    return (
        f"<html lang='en'><head>{head}</head><body><article><h1>{h1}</h1>{_BODY}"
        "</article></body></html>"
    )


@pytest.mark.parametrize(
    "head",
    [
        # The site name as og:title and application-name, the headline only in <h1>.
        '<meta property="og:title" content="Daily Gazette - Latest News &amp; Headlines">'
        '<meta name="application-name" content="Daily Gazette - Latest News &amp; Headlines">'
        "<title>Daily Gazette - Latest News &amp; Headlines</title>",
        # A CMS label where the title should be.
        "<title>escenic</title>",
    ],
)
def test_the_headline_comes_from_the_page_not_the_site(tmp_path: Path, head: str):
    path = tmp_path / "page.html"
    path.write_text(_page(head, "Council votes to rebuild the old bridge"), encoding="utf-8")
    (article,) = load_file(path)
    assert article.title == "Council votes to rebuild the old bridge"


def test_a_real_headline_in_the_metadata_is_kept(tmp_path: Path):
    head = '<meta property="og:title" content="Council votes to rebuild the old bridge">'
    path = tmp_path / "page.html"
    path.write_text(_page(head, "Town news"), encoding="utf-8")
    (article,) = load_file(path)
    assert article.title == "Council votes to rebuild the old bridge"


@pytest.mark.parametrize(
    ("site", "title"),
    [
        ("Daily Gazette", "Council votes to rebuild the old bridge | Daily Gazette"),
        ("Daily Gazette", "Council votes to rebuild the old bridge - Daily Gazette"),
        ("Daily Gazette", "Daily Gazette – Council votes to rebuild the old bridge"),
    ],
)
def test_the_site_name_added_to_the_title_is_dropped(tmp_path: Path, site: str, title: str):
    head = (
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="og:title" content="{title}">'
    )
    path = tmp_path / "page.html"
    path.write_text(_page(head, ""), encoding="utf-8")
    (article,) = load_file(path)
    assert article.title == "Council votes to rebuild the old bridge"


def test_a_dash_inside_the_headline_is_kept(tmp_path: Path):
    headline = "Mayor: 'The bridge – and the ferry – will both be ready in spring'"
    head = (
        f'<meta property="og:site_name" content="Daily Gazette">'
        f'<meta property="og:title" content="{headline}"><title>{headline} | Daily Gazette</title>'
    )
    path = tmp_path / "page.html"
    path.write_text(_page(head, ""), encoding="utf-8")
    (article,) = load_file(path)
    assert article.title == headline


def test_a_cms_name_as_the_json_ld_headline_is_not_the_title(tmp_path: Path):
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "escenic",'
        ' "name": "escenic"}</script><meta property="og:title" content="escenic">'
    )
    path = tmp_path / "page.html"
    path.write_text(_page(head, "Council votes to rebuild the old bridge"), encoding="utf-8")
    (article,) = load_file(path)
    assert article.title == "Council votes to rebuild the old bridge"


def test_a_headline_inside_a_teaser_is_not_the_pages(tmp_path: Path):
    teasers = "".join(
        f"<li><h1><a href='/news/story-{n}'>Another story about the town number {n}</a></h1>"
        f"<p>A short summary of story {n}.</p></li>"
        for n in range(1, 5)
    )
    path = tmp_path / "page.html"
    path.write_text(
        "<html lang='en'><head><meta property='og:title' content='Daily Gazette'>"
        "<meta name='application-name' content='Daily Gazette'><title>Daily Gazette</title>"
        f"</head><body><ul>{teasers}</ul><article><h1>Council votes to rebuild the old bridge"
        f"</h1>{_BODY}</article></body></html>",
        encoding="utf-8",
    )
    (article,) = load_file(path)
    assert article.title == "Council votes to rebuild the old bridge"


def _site_page(tmp_path: Path, head: str, header: str, story: str, footer: str = "") -> str | None:
    path = tmp_path / "page.html"
    path.write_text(
        f"<html lang='en'><head>{head}</head><body><header>{header}</header><article>{story}"
        f"{_BODY}</article><footer>{footer}</footer></body></html>",
        encoding="utf-8",
    )
    (article,) = load_file(path)
    return article.title


def test_a_title_that_is_the_site_name_is_not_the_headline(tmp_path: Path):
    # The site's name is known only from the page itself: its home link and copyright line.
    title = _site_page(
        tmp_path,
        "<title>Riverside Courier</title>",
        "<a href='/'>Riverside Courier</a><nav><a href='/news'>News</a></nav>",
        "<h2>Council votes to rebuild the old bridge</h2>",
        footer="© 2021 Riverside Courier. All rights reserved.",
    )
    assert title == "Council votes to rebuild the old bridge"


def test_a_logos_alt_text_is_not_the_headline(tmp_path: Path):
    title = _site_page(
        tmp_path,
        "<title>The Riverside Courier</title>",
        "<h1 class='site-logo'><img src='/static/courier.png' alt='The Riverside Courier'></h1>",
        "<h2>Council votes to rebuild the old bridge</h2>",
    )
    assert title == "Council votes to rebuild the old bridge"


def test_a_section_label_from_the_navigation_is_cut_from_the_title(tmp_path: Path):
    title = _site_page(
        tmp_path,
        "<title>Local | Council votes to rebuild the old bridge | Courier</title>",
        "<nav><a href='/'>Courier</a> <a href='/local'>Local</a> <a href='/sport'>Sport</a></nav>",
        "<p class='kicker'>Town hall</p>",
    )
    assert title == "Council votes to rebuild the old bridge"


def test_the_headline_most_sources_agree_on_wins_over_a_lone_heading(tmp_path: Path):
    # og:title, JSON-LD and <title> (less an unknown site's name) agree; the <h1> is a
    # section's heading.
    headline = "Council votes to rebuild the old bridge"
    title = _site_page(
        tmp_path,
        f'<meta property="og:title" content="{headline}"><title>{headline} - RC Online</title>'
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{headline}"}}'
        "</script>",
        "",
        "<h1>Town and county news</h1>",
    )
    assert title == headline


def test_a_headline_repeated_by_a_breadcrumb_is_kept(tmp_path: Path):
    headline = "Bridge to be rebuilt"
    title = _site_page(
        tmp_path,
        f'<meta property="og:title" content="{headline}"><title>{headline} | Courier</title>',
        f"<nav class='breadcrumb'><a href='/news'>News</a> <a href='/news/1'>{headline}</a></nav>",
        f"<h1>{headline}</h1>",
    )
    assert title == headline
