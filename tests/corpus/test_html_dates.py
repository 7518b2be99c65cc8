"""HTML pages: the date is the publication date, not the last update, read in the page's order.

Each page is hand-written in a shape real pages use: metadata with both a published and a
modified time, a modified time only beside a visible "Published" line, a visible dateline
under the headline and today's date in the masthead above it, a slashed date on a US or a
British page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loaders import load_file
from corpus.loaders.dates import (
    day_first_from_dates,
    day_first_from_locale,
    find_date,
    normalize_date,
)

_BODY = "".join(
    f"<p>Paragraph {i} of the story says the council met on Tuesday and voted on the plan, "
    f"which the mayor had proposed in the spring after months of debate in the town.</p>"
    for i in range(1, 7)
)


def _date(tmp_path: Path, head: str = "", above: str = "", below: str = "", lang: str = "en"):
    path = tmp_path / "page.html"
    path.write_text(
        f"<html lang='{lang}'><head><title>Council votes to rebuild the bridge</title>{head}"
        f"</head><body>{above}<article><h1>Council votes to rebuild the bridge</h1>{below}"
        f"{_BODY}</article></body></html>",
        encoding="utf-8",
    )
    (article,) = load_file(path)
    return article.date


def test_published_metadata_wins_over_modified_metadata(tmp_path: Path):
    head = (
        "<meta property='article:modified_time' content='2021-03-14T10:12:00Z'>"
        "<meta property='article:published_time' content='2021-03-08T09:00:00Z'>"
    )
    assert _date(tmp_path, head) == "2021-03-08"


def test_json_ld_date_published_wins_over_date_modified(tmp_path: Path):
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@graph": [{"@type": "NewsArticle", "dateModified": "2021-03-14T10:12:00Z", '
        '"datePublished": "2021-03-08T09:00:00Z", "headline": "Council votes"}]}</script>'
    )
    assert _date(tmp_path, head) == "2021-03-08"


def test_a_cms_date_key_says_by_its_name_which_time_it_is(tmp_path: Path):
    head = (
        "<meta name='story_date_updated' content='Monday, March 14, 2021, 10:09 AM'>"
        "<meta name='story_date_original' content='Monday, March 8, 2021, 9:10 PM'>"
    )
    assert _date(tmp_path, head) == "2021-03-08"


def test_a_dateline_marked_as_the_update_is_skipped(tmp_path: Path):
    # hAtom's "updated" class says what the visible words do not.
    below = (
        "<div class='byline'>By Jane Reporter <span class='updated'>March 14, 2021</span>"
        "</div><div class='dateline'><span>on March 8, 2021 at 9:10 PM</span></div>"
    )
    assert _date(tmp_path, below=below) == "2021-03-08"


def test_a_visible_published_line_wins_over_a_modified_time_in_the_metadata(tmp_path: Path):
    head = "<meta property='article:modified_time' content='2021-03-14T10:12:00Z'>"
    below = "<div class='byline'>By Jane Reporter</div><div>Published March 8, 2021</div>"
    assert _date(tmp_path, head, below=below) == "2021-03-08"


def test_an_updated_dateline_is_not_the_publication_date(tmp_path: Path):
    below = (
        "<p class='meta'>By Jane Reporter, Town NewsUpdated 10:12 GMT March 14, 2021</p>"
        "<p class='meta'>First published 9:00 GMT March 8, 2021</p>"
    )
    assert _date(tmp_path, below=below) == "2021-03-08"


def test_the_dateline_under_the_headline_is_read_not_the_mastheads_date(tmp_path: Path):
    above = "<header><div class='masthead'>Tuesday, November 14, 2023</div></header>"
    below = "<div class='byline'>By Jane Reporter | March 8, 2021</div>"
    assert _date(tmp_path, above=above, below=below) == "2021-03-08"


def test_a_mastheads_date_alone_is_not_taken_for_the_storys(tmp_path: Path):
    above = "<header><div class='masthead'>Tuesday, November 14, 2023</div></header>"
    assert _date(tmp_path, above=above) is None


def test_a_date_inside_an_embedded_post_is_not_the_dateline(tmp_path: Path):
    below = (
        "<blockquote class='embedded-post'>We won the vote! — Mayor (@mayor) March 9, 2021"
        "</blockquote><div class='byline'>By Jane Reporter, March 8, 2021</div>"
    )
    assert _date(tmp_path, below=below) == "2021-03-08"


def test_the_publishers_local_stamp_gives_the_day_its_dateline_prints(tmp_path: Path):
    # 22:11 in Belize on the 21st is 04:11 UTC on the 22nd; the page says the 21st.
    head = (
        "<meta property='article:published_time' content='2022-04-22T04:11:44+00:00'>"
        "<meta property='og:published_time' content='2022-04-21T22:11:44-06:00'>"
    )
    assert _date(tmp_path, head) == "2022-04-21"


@pytest.mark.parametrize(
    ("lang", "extra", "expected"),
    [
        ("en-US", "", "2021-03-08"),  # a US page writes the month first
        ("en-GB", "", "2021-08-03"),  # a British page the day first
        # No region: another date on the page that can only be day first decides.
        ("en", "<div class='comment'>Reader comment posted 25/12/2021</div>", "2021-08-03"),
        # It decides over a locale that is only the CMS's default.
        ("en-US", "<div class='comment'>Reader comment posted 25/12/2021</div>", "2021-08-03"),
    ],
)
def test_a_slashed_dateline_is_read_in_the_pages_order(
    tmp_path: Path, lang: str, extra: str, expected: str
):
    below = "<div class='byline'>Posted 03/08/2021</div>"
    assert _date(tmp_path, below=below + extra, lang=lang) == expected


@pytest.mark.parametrize(
    ("lang", "dateline", "expected"),
    [
        ("en-US", "By Jane Reporter | 03/08/2021", "2021-03-08"),
        ("en-US", "<time>03/08/2021 10:15 AM</time>", "2021-03-08"),
        ("en-GB", "By Jane Reporter | 03/08/2021", "2021-08-03"),
    ],
)
def test_an_unlabelled_slashed_dateline_is_read_in_the_pages_order(
    tmp_path: Path, lang: str, dateline: str, expected: str
):
    below = f"<div class='byline'>{dateline}</div>"
    assert _date(tmp_path, below=below, lang=lang) == expected


@pytest.mark.parametrize(
    ("locale", "day_first"),
    [("en-US", False), ("en_us", False), ("en-GB", True), ("en-AU", True), ("sv", True),
     ("fr-CA", None), ("en", None), ("", None), (None, None)],
)  # fmt: skip
def test_day_first_from_locale(locale: str | None, day_first: bool | None):
    assert day_first_from_locale(locale) is day_first


def test_day_first_from_the_dates_that_cannot_be_misread():
    assert day_first_from_dates("on 25/12/2021 and 03/04/2021") is True
    assert day_first_from_dates("on 12/25/2021 and 03/04/2021") is False
    assert day_first_from_dates("on 03/04/2021 only") is None


def test_normalize_date_reads_a_slashed_date_in_the_order_it_is_told():
    assert normalize_date("03/08/2021", day_first=False) == "2021-03-08"
    assert normalize_date("03/08/2021", day_first=True) == "2021-08-03"
    assert normalize_date("03/08/2021") is None  # order unknown: not guessed
    assert normalize_date("25/12/2021") == "2021-12-25"  # only one reading is a date


def test_find_date_in_a_dateline():
    assert find_date("By Jane Reporter | March 8, 2021 at 10:09 AM") == (19, 44, "2021-03-08")
    assert find_date("Story 12021 of 2021") is None
    assert find_date("Posted 03/08/2021", day_first=False) == (0, 17, "2021-03-08")


def test_a_stamps_own_offset_gives_the_local_date_not_utcs(tmp_path: Path):
    # 22:30 in New York on the 8th is 03:30 UTC on the 9th; the page's date is the 8th.
    head = (
        "<meta property='article:published_time' content='2021-03-09T03:30:00Z'>"
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2021-03-08T22:30:00-05:00"}</script>'
    )
    assert _date(tmp_path, head) == "2021-03-08"


def test_a_utc_stamp_is_read_in_the_zone_of_the_pages_other_stamps(tmp_path: Path):
    head = (
        "<meta property='article:published_time' content='2021-03-09T03:30:00Z'>"
        "<meta property='article:modified_time' content='2021-03-09T08:00:00-05:00'>"
    )
    assert _date(tmp_path, head) == "2021-03-08"


def test_a_utc_stamp_a_day_off_the_visible_dateline_gives_the_datelines_day(tmp_path: Path):
    head = "<meta property='article:published_time' content='2021-03-09T03:30:00Z'>"
    below = "<p class='byline'>By Jane Roe, March 8, 2021</p>"
    assert _date(tmp_path, head, below=below) == "2021-03-08"


def test_a_utc_stamp_far_from_the_dateline_is_kept(tmp_path: Path):
    head = "<meta property='article:published_time' content='2021-03-09T03:30:00Z'>"
    below = "<p class='byline'>By Jane Roe, March 2, 2021</p>"
    assert _date(tmp_path, head, below=below) == "2021-03-09"


def test_midnight_utc_is_a_date_without_a_time_and_is_not_moved(tmp_path: Path):
    head = (
        "<meta property='article:published_time' content='2021-03-09T00:00:00Z'>"
        "<meta property='article:modified_time' content='2021-03-10T08:00:00-05:00'>"
    )
    assert _date(tmp_path, head) == "2021-03-09"


def test_a_date_in_the_json_ld_main_entity_is_read(tmp_path: Path):
    head = (
        '<script type="application/LD+JSON">{"@type": "WebPage", "mainEntity": {"@type": '
        '"NewsArticle", "datePublished": "2021-03-08T22:30:00-05:00"}}</script>'
    )
    assert _date(tmp_path, head) == "2021-03-08"


def test_a_java_style_timestamp_is_read():
    assert normalize_date("Mon Mar 08 22:30:00 EST 2021") == "2021-03-08"
