"""Date and outlet filters: "in January 2022", "last week", "according to Reuters", "in @channel".

A question may limit where its answer comes from. :func:`read_scope` finds such phrases,
takes them out of the question (the rest is analysed as usual) and returns a :class:`Scope`:
a date range and a set of outlets. The dates are read by ``dateparser`` (which knows month
names, "last week", "3 days ago" and their period) once a phrase has been found by its shape:
a preposition ("in", "on", "since", "before", "between … and …") before a date, or a relative
date ("last month", "yesterday") on its own. A month without a year is the latest such month
the corpus has articles in. An outlet is one the corpus knows (its articles' outlets, and the
usernames of the Telegram channels its posts link to), after "according to", or after "in",
"from", "by" when written with a capital; "in @name" names a channel even when the corpus has
nothing from it (then nothing is found, and the answer says where it looked). A Russian
question is read with its own phrases (``retrieval.lang.ru_scope``: «в январе 2021 года», «на
прошлой неделе», «по данным ТАСС», «в «Коммерсанте»») into the same :class:`Scope`.

A scope is applied three times over: as a Chroma metadata filter on the dense search (chunk
records carry the article's date and outlet), as a mask on the rows the view searches, and
on the candidates before the answer; the answer says it ("Only articles dated 1–31 January
2022 from Reuters were searched.").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from corpus.channels import parse_post_url
from corpus.chunks import date_number, outlet_key
from corpus.language import detect_language
from retrieval.errors import QuestionError

if TYPE_CHECKING:
    from retrieval.view import CorpusView

_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_MONTH = rf"(?:{_MONTH_NAMES})\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_ABSOLUTE = (
    rf"{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?(?!\d)"
    rf"|{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_YEAR}-\d{{2}}-\d{{2}}"
    rf"|{_YEAR}"
)
_RELATIVE = (
    r"(?:last|this|past|previous)\s+(?:week|month|year)|yesterday|today"
    r"|\d+\s+(?:days?|weeks?|months?|years?)\s+ago"
)
_DATE = rf"(?:{_RELATIVE}|{_ABSOLUTE})"
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "ten": 10, "twelve": 12}  # fmt: skip
_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}

_BETWEEN = re.compile(
    rf"\b(?:between|from)\s+(?P<a>{_DATE})\s+(?:and|to|until|till|through)\s+(?P<b>{_DATE})\b",
    re.I,
)
_LAST_N = re.compile(
    r"\b(?:in|during|over|within)\s+the\s+(?:last|past)\s+(?P<n>\d+|[a-z]+)\s+"
    r"(?P<unit>day|week|month|year)s?\b",
    re.I,
)
_SINCE = re.compile(rf"\b(?P<word>since|after|from)\s+(?P<a>{_DATE})\b", re.I)
_UNTIL = re.compile(rf"\b(?P<word>before|until|till|up\s+to|prior\s+to)\s+(?P<a>{_DATE})\b", re.I)
_DURING = re.compile(rf"\b(?:in|during|on|over)\s+(?P<a>{_DATE})\b", re.I)
_BARE = re.compile(rf"\b(?P<a>{_RELATIVE})\b", re.I)
_CHANNEL = re.compile(
    r"(?:\b(?:according\s+to|in|on|from|by)\s+)?(?:the\s+)?@(?P<name>[A-Za-z][A-Za-z0-9_]{3,31})\b"
    r"(?:\s+channel)?",
    re.I,
)
_LEFTOVER = re.compile(r"\s+([?.!,;])|,\s*(?=[?.!]$)")
_QUOTED = re.compile(r"[“\"«„][^”\"»“]*[”\"»“]|(?<![\w])['‘][^'’]+\s[^'’]+['’](?![\w])")


@dataclass(frozen=True, slots=True)
class Phrases:
    """The shapes of one language's date phrases, read in this order: a range ("between … and
    …"), the last N days, a start ("since"), an end ("before"), a period ("in"), a bare relative
    date; and how a found date is put for dateparser."""

    language: str
    between: re.Pattern[str]
    last_n: re.Pattern[str]
    since: re.Pattern[str]
    until: re.Pattern[str]
    during: re.Pattern[str]
    bare: re.Pattern[str]
    channel: re.Pattern[str]
    after_words: frozenset[str]  # a start word meaning the day after ("after")
    before_words: frozenset[str]  # an end word meaning the day before ("before")
    count: Callable[[str], int | None]  # "two" -> 2
    unit_days: Callable[[str], int]  # "weeks" -> 7
    dateparser_form: Callable[[str], str]  # the found phrase as dateparser reads it


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower())


_ENGLISH = Phrases(
    language="en",
    between=_BETWEEN,
    last_n=_LAST_N,
    since=_SINCE,
    until=_UNTIL,
    during=_DURING,
    bare=_BARE,
    channel=_CHANNEL,
    after_words=frozenset({"after"}),
    before_words=frozenset({"before"}),
    count=_count,
    unit_days=lambda unit: _UNITS[unit.lower()],
    dateparser_form=str.strip,
)


@cache
def _russian() -> Phrases:
    """Russian phrases (``retrieval.lang.ru_scope``), loaded when a question is Russian."""
    from retrieval.lang import ru_scope as ru

    return Phrases(
        language="ru",
        between=ru.BETWEEN,
        last_n=ru.LAST_N,
        since=ru.SINCE,
        until=ru.UNTIL,
        during=ru.DURING,
        bare=ru.BARE,
        channel=ru.CHANNEL,
        after_words=ru.AFTER_WORDS,
        before_words=ru.BEFORE_WORDS,
        count=ru.number_of,
        unit_days=ru.unit_days,
        dateparser_form=ru.dateparser_form,
    )


def _phrases(question: str) -> Phrases:
    """The date phrases of the question's language (Russian by its letters, else English)."""
    return _russian() if detect_language(question) == "ru" else _ENGLISH


@dataclass(frozen=True, slots=True)
class Scope:
    """Where an answer may come from: articles dated within a range, from some outlets."""

    since: dt.date | None = None
    until: dt.date | None = None
    outlets: frozenset[str] = frozenset()  # outlet keys (``corpus.chunks.outlet_key``)
    outlet_names: tuple[str, ...] = ()  # as shown to the user

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.outlets)

    def merged(self, other: Scope | None) -> Scope:
        """Return this scope narrowed by another (an option given beside the question)."""
        if not other:
            return self
        starts = [d for d in (self.since, other.since) if d]
        ends = [d for d in (self.until, other.until) if d]
        since, until = (max(starts) if starts else None), (min(ends) if ends else None)
        if other.outlets:
            return Scope(since, until, other.outlets, other.outlet_names)
        return Scope(since, until, self.outlets, self.outlet_names)

    def allows(self, date: str | None, outlet: str | None) -> bool:
        """Tell whether an article of this date and outlet is within the scope."""
        if self.since or self.until:
            number = date_number(date)
            if number is None:
                return False
            if self.since and number < _number(self.since):
                return False
            if self.until and number > _number(self.until):
                return False
        return not self.outlets or outlet_key(outlet) in self.outlets

    def where(self) -> dict[str, Any] | None:
        """Return the scope as a Chroma metadata filter on chunk records."""
        clauses: list[dict[str, Any]] = []
        if self.since:
            clauses.append({"date": {"$gte": _number(self.since)}})
        if self.until:
            clauses.append({"date": {"$lte": _number(self.until)}})
        if self.outlets:
            clauses.append({"outlet": {"$in": sorted(self.outlets)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def describe(self) -> str:
        """Say the scope in words: "dated 1–31 January 2022 from Reuters"."""
        parts = []
        dates = _describe_dates(self.since, self.until)
        if dates:
            parts.append(f"dated {dates}")
        if self.outlet_names:
            parts.append("from " + _join(self.outlet_names))
        return " ".join(parts)


@dataclass
class ScopeFacts:
    """What the corpus holds that questions filter on: outlets, channels and dates."""

    outlets: dict[str, str] = field(default_factory=dict)  # key -> name as printed
    channels: dict[str, set[str]] = field(default_factory=dict)  # username -> outlet keys
    months: set[tuple[int, int]] = field(default_factory=set)  # (year, month) with articles
    view: CorpusView | None = None
    _masks: dict[Scope, np.ndarray] = field(default_factory=dict)

    @classmethod
    def of(cls, view: CorpusView) -> ScopeFacts:
        """Collect the outlets, channel usernames and months of a view's articles."""
        facts = cls(view=view)
        for article in view.articles.values():
            key = outlet_key(article.outlet)
            if key and article.outlet:
                facts.outlets.setdefault(key, article.outlet)
            post = parse_post_url(article.url)
            if post is not None and post[0].username and key:
                facts.channels.setdefault(post[0].username.lower(), set()).add(key)
            if article.date and len(article.date) >= 7 and article.date[:4].isdigit():
                facts.months.add((int(article.date[:4]), int(article.date[5:7])))
        return facts

    @cached_property
    def _outlet_pattern(self) -> re.Pattern[str] | None:
        # "The Guardian" is matched as "Guardian" after an optional "the".
        names = {re.sub(r"(?i)^the\s+", "", n) for n in self.outlets.values()}
        names = {name for name in names if len(name) >= 2}
        if not names:
            return None
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(
            rf"\b(?P<prep>according\s+to|in|from|by|per)\s+(?:the\s+)?(?P<name>{alternatives})"
            r"(?![\w-])",
            re.I,
        )

    def mask(self, scope: Scope) -> np.ndarray | None:
        """Return which of the view's rows the scope allows (None: every row)."""
        if not scope or self.view is None:
            return None
        cached = self._masks.get(scope)
        if cached is None:
            view = self.view
            allowed = {
                doc_id
                for doc_id, article in view.articles.items()
                if scope.allows(article.date, article.outlet)
            }
            cached = np.fromiter(
                (row.meta.doc_id in allowed for row in view.rows), dtype=bool, count=len(view.rows)
            )
            if len(self._masks) > 64:  # questions bring few distinct scopes; bound it anyway
                self._masks.clear()
            self._masks[scope] = cached
        return cached


def read_scope(
    question: str, facts: ScopeFacts | None, *, today: dt.date | None = None
) -> tuple[str, Scope | None]:
    """Take the date and outlet phrases out of a question; return the rest and the scope."""
    facts = facts or ScopeFacts()
    today = today or dt.date.today()
    # Words in quotation marks are a claim to check, never a filter: matched on a copy with
    # them blanked, cut from the question itself (the two keep the same offsets).
    text = question
    since: dt.date | None = None
    until: dt.date | None = None

    def cut(match: re.Match[str]) -> None:
        nonlocal text
        text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]

    phrases = _phrases(question)
    found = _first(phrases.between, text)
    if (
        found
        and (b := _period(found["b"], facts, today, phrases))
        and (a := _period(_in_year_of(found["a"], found["b"]), facts, today, phrases))
    ):
        since, until = a[0], b[1]
        cut(found)
    elif (found := _first(phrases.last_n, text)) and (days := _days(found, phrases)):
        since, until = today - dt.timedelta(days=days), today
        cut(found)
    else:
        for pattern in (phrases.since, phrases.until, phrases.during, phrases.bare):
            found = _first(pattern, text)
            period = _period(found["a"], facts, today, phrases) if found else None
            if found is None or period is None:
                continue
            word = " ".join((found.groupdict().get("word") or "").lower().split())
            if pattern is phrases.since:
                after = word in phrases.after_words
                since = period[1] + dt.timedelta(days=1) if after else period[0]
            elif pattern is phrases.until:
                before = word in phrases.before_words
                until = period[0] - dt.timedelta(days=1) if before else period[1]
            else:
                since, until = period
            cut(found)
            break
    outlets, names = _read_outlets(text, facts, phrases)
    if outlets is not None:
        text = outlets[0]
    scope = Scope(since, until, frozenset(outlets[1] if outlets else ()), names)
    if not scope:
        return question, None
    rest = _LEFTOVER.sub(lambda m: m[1] or "", " ".join(text.split()))
    return rest, scope


def scope_of(
    *,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    facts: ScopeFacts | None = None,
    today: dt.date | None = None,
) -> Scope | None:
    """Return the scope that ``--since``, ``--until`` and ``--outlet`` options describe.

    Raises:
        QuestionError: A date cannot be read.
    """
    facts = facts or ScopeFacts()
    today = today or dt.date.today()
    start = end = None
    if since:
        period = _period(since, facts, today)
        if period is None:
            raise QuestionError(f"cannot read the date {since!r} (e.g. 2022-01-31, January 2022)")
        start = period[0]
    if until:
        period = _period(until, facts, today)
        if period is None:
            raise QuestionError(f"cannot read the date {until!r} (e.g. 2022-01-31, January 2022)")
        end = period[1]
    keys: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()
    if outlet and outlet.strip():
        name = outlet.strip()
        username = name.lstrip("@").lower()
        if name.startswith("@"):
            keys = frozenset(facts.channels.get(username, {f"@{username}"}))
        else:
            keys = frozenset({outlet_key(name) or name.lower()})
        names = (name,)
    scope = Scope(start, end, keys, names)
    return scope or None


def _first(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """Return the pattern's first match outside quotation marks."""
    blanked = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    return pattern.search(blanked)


def _read_outlets(
    text: str, facts: ScopeFacts, phrases: Phrases = _ENGLISH
) -> tuple[tuple[str, set[str]] | None, tuple[str, ...]]:
    """Find an outlet or a channel the question names; return the text without it."""
    blanked = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    channel = phrases.channel.search(blanked)
    if channel is not None:
        username = channel["name"].lower()
        keys = facts.channels.get(username) or {f"@{username}"}
        rest = text[: channel.start()] + " " + text[channel.end() :]
        return (rest, set(keys)), (f"@{channel['name']}",)
    if phrases.language == "ru":
        from retrieval.lang.ru_scope import find_outlet

        named = find_outlet(text, facts.outlets, blanked)
        if named is None:
            return None, ()
        start, end, found_key = named
        return (text[:start] + " " + text[end:], {found_key}), (facts.outlets[found_key],)
    pattern = facts._outlet_pattern
    for match in pattern.finditer(blanked) if pattern is not None else ():
        preposition = match["prep"].lower()
        if not preposition.startswith("according") and not match["name"][0].isupper():
            continue  # "in time", "by nature": a word, not the outlet of that name
        key = outlet_key(match["name"])
        if key is None or key not in facts.outlets:
            continue
        rest = text[: match.start()] + " " + text[match.end() :]
        return (rest, {key}), (facts.outlets[key],)
    return None, ()


def _period(
    expression: str, facts: ScopeFacts, today: dt.date, phrases: Phrases | None = None
) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day a date expression covers ("January 2022": the month)."""
    phrases = phrases or _phrases(expression)
    expression = phrases.dateparser_form(" ".join(expression.split()))
    data = _parser(today, phrases.language).get_date_data(expression)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "month" and not re.search(_YEAR, expression):
        day = _latest_month(day.month, facts, today) or day
    if period == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if period == "month":
        first = day.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    return day, day


@cache
def _parser(today: dt.date, language: str = "en") -> Any:
    """Return dateparser's parser of a language for dates relative to ``today`` (built once
    per day)."""
    from dateparser.date import DateDataParser  # deferred: a second to load, for dates only

    return DateDataParser(
        languages=[language],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(today, dt.time()),
            "PREFER_DATES_FROM": "past",
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


def _in_year_of(start: str, end: str) -> str:
    """A range's start without a year is in its end's year ("from March to May 2022")."""
    year = re.search(_YEAR, end)
    return start if year is None or re.search(_YEAR, start) else f"{start} {year.group()}"


def _latest_month(month: int, facts: ScopeFacts, today: dt.date) -> dt.date | None:
    """Return the latest year's ``month`` the corpus has articles in, up to today."""
    years = [y for y, m in facts.months if m == month and (y, m) <= (today.year, today.month)]
    return dt.date(max(years), month, 1) if years else None


def _days(found: re.Match[str], phrases: Phrases) -> int | None:
    """Return how many days "the last N units" spans ("за последнюю неделю": one week)."""
    number = phrases.count(found["n"]) if found["n"] else 1
    return number * phrases.unit_days(found["unit"]) if number else None


def _number(day: dt.date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def _describe_dates(since: dt.date | None, until: dt.date | None) -> str:
    if since and until:
        if since == until:
            return _day(since)
        if since.year == until.year and since.month == until.month:
            if since.day == 1 and (until + dt.timedelta(days=1)).month != until.month:
                return f"1–{until.day} {until:%B %Y}"
            return f"{since.day}–{until.day} {until:%B %Y}"
        if since.year == until.year:
            if (since.month, since.day, until.month, until.day) == (1, 1, 12, 31):
                return str(since.year)
            return f"{since.day} {since:%B} – {_day(until)}"
        return f"{_day(since)} – {_day(until)}"
    if since:
        return f"from {_day(since)}"
    if until:
        return f"up to {_day(until)}"
    return ""


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _join(names: Iterable[str]) -> str:
    items = list(names)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def narrowed(scope: Scope | None, other: Scope | None) -> Scope | None:
    """Return two scopes combined (either may be None)."""
    if scope is None:
        return other
    return scope.merged(other) if other else scope


__all__ = ["Scope", "ScopeFacts", "narrowed", "read_scope", "scope_of"]
