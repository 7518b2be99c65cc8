"""Date normalisation: the common ways news pages print a date, read as ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
import logging
import re

logger = logging.getLogger(__name__)

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
# A time and zone after the date ("Jan 6, 2022 10:45 AM EST", "... | 10:45") is not part of it.
_TIME = (
    r"(?:\s*(?:[,|@–—-]|at)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
    r"\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?"
)
_PREFIX = r"(?:(?:published|posted|updated|date|dated|last updated)\s*(?:on|:)?\s*)?"

_PATTERNS = [
    re.compile(rf"{_PREFIX}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.I),
    re.compile(rf"{_PREFIX}{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME}", re.I),
    re.compile(rf"{_PREFIX}{_WEEKDAY}{_YEAR}\s+{_MONTH}\s+{_DAY}{_TIME}", re.I),
    re.compile(rf"{_PREFIX}{_YEAR}-(?P<nmonth>\d{{1,2}})-(?P<day>\d{{1,2}})(?:[T ]\S*)?", re.I),
    re.compile(rf"{_PREFIX}{_YEAR}/(?P<nmonth>\d{{1,2}})/(?P<day>\d{{1,2}}){_TIME}", re.I),
    # A C library's or Java's timestamp puts the time before the year ("Mon Mar 08 22:30:00
    # EST 2021"); the date is the one its clock shows.
    re.compile(
        rf"{_PREFIX}{_WEEKDAY}{_MONTH}\s+{_DAY}\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
        rf"(?:\s+[A-Z]{{2,5}}(?:[+-]\d{{1,4}})?)?\s+{_YEAR}",
        re.I,
    ),
    # Dotted day-first dates are the European convention ("06.01.2022").
    re.compile(rf"{_PREFIX}(?P<day>\d{{1,2}})\.(?P<nmonth>\d{{1,2}})\.{_YEAR}{_TIME}", re.I),
]
# Slashed dates are ambiguous (US month-first or day-first); read only when one reading fails.
_SLASHED = re.compile(rf"{_PREFIX}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/{_YEAR}{_TIME}", re.I)


def normalize_date(value: object, *, day_first: bool | None = None) -> str | None:
    """Return a date as ``YYYY-MM-DD``, or None when it is not a date this module reads.

    Args:
        value: A string such as "Jan 6, 2022", "6 January 2022" or an ISO date or datetime,
            or a ``datetime.date``/``datetime.datetime`` (as YAML front matter yields).
        day_first: How to read a slashed date such as "03/04/2022" when either order makes
            a date: True for day first (European), False for month first (US), None when
            the order is unknown (then such a date is not read at all).

    Returns:
        The ISO date, or None for anything unrecognised or impossible (e.g. "Feb 30, 2022").
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).strip(" .")
    if not text or len(text) > 80:
        return None
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            groups = match.groupdict()
            month = _MONTHS[groups["month"].lower()] if groups.get("month") else None
            if month is None:
                month = int(groups["nmonth"])
            return _iso(int(groups["year"]), month, int(groups["day"]))
    match = _SLASHED.fullmatch(text)
    if match:
        return _slashed(match, day_first)
    if _CYRILLIC_DATE.search(text):
        return _cyrillic_date(text)
    return None


# A day, a word and a four-digit year, in Cyrillic ("6 января 2022 г.", "6 янв. 2022").
_CYRILLIC_DATE = re.compile(r"\d{1,2}\s+[а-яё]+\.?\s+\d{4}", re.I)


def _cyrillic_date(text: str) -> str | None:
    """Read a Russian date with dateparser (imported only for such lines)."""
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["ru"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date().isoformat() if parsed is not None else None


def _slashed(match: re.Match[str], day_first: bool | None) -> str | None:
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    us, eu = _iso(year, a, b), _iso(year, b, a)
    if us and eu and us != eu:
        return None if day_first is None else eu if day_first else us
    return us or eu


# Where a page's locale names a region, that region's convention tells the order of a slashed
# date: month first in the United States (and the few that follow it), day first elsewhere.
_MONTH_FIRST_REGIONS = frozenset({"us", "ph", "fm", "mh", "pw", "as", "gu", "mp", "pr", "vi"})
_BOTH_ORDERS_REGIONS = frozenset({"ca"})
_LOCALE = re.compile(r"(?P<lang>[a-z]{2,3})(?:[-_](?P<region>[a-z]{2}))?", re.I)
_NUMERIC = re.compile(r"(?<![\d/])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})(?![\d/])")


def day_first_from_locale(locale: str | None) -> bool | None:
    """Tell the day/month order a locale ("en-US", "en_GB", "sv") writes dates in.

    An English locale without a region ("en") says nothing; any other language writes the
    day first.
    """
    match = _LOCALE.fullmatch((locale or "").strip())
    if not match:
        return None
    region = (match["region"] or "").lower()
    if region:
        if region in _BOTH_ORDERS_REGIONS:
            return None
        return region not in _MONTH_FIRST_REGIONS
    return None if match["lang"].lower() == "en" else True


def day_first_from_dates(text: str) -> bool | None:
    """Tell the day/month order from the numeric dates a text holds, where some are plain.

    "25/12/2021" can only be day first and "12/25/2021" only month first; a page writes
    all its dates one way, so those that cannot be misread tell how to read the others.
    """
    votes = 0
    for match in _NUMERIC.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        if a > 12 >= b:
            votes += 1
        elif b > 12 >= a:
            votes -= 1
    return None if votes == 0 else votes > 0


def find_date(text: str, *, day_first: bool | None = None) -> tuple[int, int, str] | None:
    """Return the first date written in a short text (a dateline): its start, end and date."""
    found: list[tuple[int, int, str]] = []
    for pattern in [*_PATTERNS, _SLASHED]:
        for match in pattern.finditer(text):
            if not _standalone(text, match):
                continue
            iso = normalize_date(match.group(0), day_first=day_first)
            if iso:
                found.append((match.start(), match.end(), iso))
                break
    return min(found) if found else None


def _standalone(text: str, match: re.Match[str]) -> bool:
    """Tell whether a match is not a piece of a longer number or word.

    A match may end in a time zone's letters, so only one ending in a digit must not run on.
    """
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return not before.isalnum() and not (match.group(0)[-1].isdigit() and after.isdigit())


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


def date_from_name(name: str) -> str | None:
    """Return the date a file name carries ("kazakhstan-unrest-2022-01-06.txt"), if any.

    Only year-month-day order is read, and only a real date between 1900 and 2099 counts.
    """
    for match in _NAME_DATE.finditer(name):
        year, month, day = (int(part) for part in match.groups())
        if 1900 <= year <= 2099:
            found = _iso(year, month, day)
            if found:
                return found
    return None
