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
