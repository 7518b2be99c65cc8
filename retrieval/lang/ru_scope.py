"""Russian date and outlet phrases of questions: «в январе 2021 года», «по данным ТАСС».

``retrieval.filters`` reads a question's scope by the shapes of its phrases; these are the
Russian shapes, read the same way (see :class:`retrieval.filters.Phrases`). Months and years
are declined («в январе», «с января», «в 2021 году», «с 2020 года»): the found phrase is put
back into the forms dateparser reads (the month by its pymorphy3 lemma, the word «год» left
out) before dateparser reads it. Relative periods keep their preposition, which is how
dateparser's Russian knows them («на прошлой неделе», «в прошлом месяце», «3 дня назад»).

An outlet is declined too («в «Коммерсанте»», «по данным Интерфакса», «в «Ведомостях»»): the
question's words and the corpus's outlet names are compared lemma by lemma, after a word that
cites a source («по данным», «по словам», «по сообщению», «согласно», «как пишет») or, for an
outlet written with a capital or in quotation marks, after «в», «из», «у», «на», «от».
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.attribution.ru.morph import lemma

# Month words in any case: "январь", "января", "январе", "январём"; "май", "мая", "мае".
_MONTH = (
    r"(?:(?:январ|феврал|март|апрел|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-яё]{0,3}"
    r"|ма[йяеюё])(?![а-яё])"
)
_YEAR = r"(?:19|20)\d{2}"
# "2021 года", "2021 году", "2021 год", "2021 г."
_YEAR_WORD = r"(?:\s+(?:года|году|год|г\.|г(?![а-яё])))"
_DAY = r"\d{1,2}(?:-?го)?"
_ABSOLUTE = (
    rf"{_DAY}\s+{_MONTH}(?:\s+{_YEAR}{_YEAR_WORD}?)?"
    rf"|{_MONTH}(?:\s+{_YEAR}{_YEAR_WORD}?)?"
    rf"|{_YEAR}-\d{{2}}-\d{{2}}"
    rf"|{_YEAR}{_YEAR_WORD}?"
)
_NUMBER_WORDS = {"один": 1, "одну": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4,
                 "пять": 5, "шесть": 6, "семь": 7, "десять": 10, "двенадцать": 12}  # fmt: skip
_NUMBER = r"\d+|" + "|".join(_NUMBER_WORDS)
_UNIT = r"д(?:ень|ня|ней|ни)|недел[а-яё]*|месяц[а-яё]*|год[а-яё]*|лет"
# With their preposition: dateparser reads «на прошлой неделе», not «прошлой неделе».
_RELATIVE = (
    r"(?:на|в|во|за)\s+(?:прошл|предыдущ|эт|текущ)[а-яё]*\s+(?:недел|месяц|год)[а-яё]*"
    r"|позавчера|вчера|сегодня"
    rf"|(?:(?:{_NUMBER})\s+)?(?:{_UNIT})\s+назад"
)
_DATE = rf"(?:{_RELATIVE}|{_ABSOLUTE})"
_W = r"(?<![\w-])"  # a phrase starts a word
_E = r"(?![\w-])"  # and ends one

BETWEEN = re.compile(
    rf"{_W}(?:с|со|между)\s+(?P<a>{_ABSOLUTE})\s+(?:по|до|и)\s+(?P<b>{_ABSOLUTE}){_E}", re.I
)
LAST_N = re.compile(
    rf"{_W}за\s+(?:последн|прошедш)[а-яё]*\s+(?:(?P<n>{_NUMBER})\s+)?(?P<unit>{_UNIT}){_E}",
    re.I,
)
SINCE = re.compile(
    rf"{_W}(?P<word>начиная\s+с|начиная\s+со|с|со|после)\s+(?P<a>{_ABSOLUTE}){_E}", re.I
)
UNTIL = re.compile(rf"{_W}(?P<word>вплоть\s+до|до)\s+(?P<a>{_ABSOLUTE}){_E}", re.I)
DURING = re.compile(rf"{_W}(?:в|во|на|за)\s+(?P<a>{_ABSOLUTE}){_E}", re.I)
# A relative period, or a day of a month, stands without a preposition: «вчера», «6 января».
BARE = re.compile(
    rf"{_W}(?P<a>{_RELATIVE}|{_DAY}\s+{_MONTH}(?:\s+{_YEAR}{_YEAR_WORD}?)?){_E}", re.I
)
AFTER_WORDS = frozenset({"после"})  # since the day after
BEFORE_WORDS = frozenset({"до"})  # until the day before ("вплоть до" keeps the day)
CHANNEL = re.compile(
    r"(?:(?<![\w-])(?:по\s+данным|по\s+словам|в|во|на|из|от|у)\s+)?"
    r"(?:(?:телеграм-|telegram-)?канал[а-яё]*\s+)?@(?P<name>[A-Za-z][A-Za-z0-9_]{3,31})\b",
    re.I,
)
_YEAR_WORDS = re.compile(rf"(?<=\d){_YEAR_WORD}", re.I)
_MONTH_WORD = re.compile(_MONTH, re.I)
_RELATIVE_WORDS = re.compile(
    r"^(?:на|в|во|за)\s+(?P<which>прошл|предыдущ|эт|текущ)[а-яё]*\s+(?P<unit>недел|месяц|год)",
    re.I,
)
_CANONICAL = {
    ("last", "недел"): "на прошлой неделе",
    ("last", "месяц"): "в прошлом месяце",
    ("last", "год"): "в прошлом году",
    ("this", "недел"): "на этой неделе",
    ("this", "месяц"): "в этом месяце",
    ("this", "год"): "в этом году",
}


def number_of(word: str) -> int | None:
    """Return the number a count word gives ("две": 2, "3": 3)."""
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower())


def unit_days(unit: str) -> int:
    """Return how many days a unit word spans ("недели": 7, "лет": 365)."""
    unit = unit.lower()
    if unit.startswith("д"):
        return 1
    if unit.startswith("недел"):
        return 7
    return 30 if unit.startswith("месяц") else 365


def dateparser_form(expression: str) -> str:
    """Return a Russian date phrase as dateparser reads it: «январе 2021 года» is «январь
    2021», «за прошлую неделю» is «на прошлой неделе» (one period, worded as dateparser
    knows it)."""
    relative = _RELATIVE_WORDS.match(expression)
    if relative is not None:
        which = "last" if relative["which"].lower() in {"прошл", "предыдущ"} else "this"
        return _CANONICAL[(which, relative["unit"].lower())]
    expression = _YEAR_WORDS.sub("", expression)
    return _MONTH_WORD.sub(lambda m: lemma(m.group()), expression)


# Words that cite a source before its name (compared as lemmas, so every form counts).
_CITING = (
    "по данным", "по словам", "по сообщению", "по информации", "по версии", "согласно",
    "как пишет", "как сообщает", "как сообщил", "как передаёт", "в интервью", "интервью",
)  # fmt: skip
# Prepositions before an outlet's name: only for a name written with a capital or quoted
# («в «Известиях»», «у Reuters»), as "в известиях" may be a common noun.
_BEFORE_NAME = frozenset({"в", "во", "из", "у", "на", "от"})
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_OPENING = '«„“"'
_CLOSING = '»“”"'


def find_outlet(text: str, outlets: dict[str, str], blanked: str) -> tuple[int, int, str] | None:
    """Find an outlet the corpus knows named in a Russian question, in any case.

    Args:
        text: the question.
        outlets: outlet key -> name as printed (``ScopeFacts.outlets``).
        blanked: the question with its quoted claims blanked (same offsets).

    Returns:
        The span to take out (the citing words, the name and its quotation marks) and the
        outlet's key, or None.
    """
    names = _outlet_lemmas(tuple(sorted(outlets)))
    if not names:
        return None
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    folded = [_lemma(w) for _, _, w in words]
    longest = sorted(names.items(), key=lambda item: len(item[0]), reverse=True)
    for i, (start, _, word) in enumerate(words):
        for name, key in longest:
            end = i + len(name)
            if tuple(folded[i:end]) != name:
                continue
            span_start, span_end = start, words[end - 1][1]
            quoted = span_start > 0 and text[span_start - 1] in _OPENING
            if quoted and span_end < len(text) and text[span_end] in _CLOSING:
                span_start, span_end = span_start - 1, span_end + 1
            elif blanked[span_start:span_end] != text[span_start:span_end]:
                continue  # inside a quoted claim, not the claim's own quotation marks
            cue = _cue_before(folded, i)
            if cue is None:
                continue
            if cue == 1 and folded[i - 1] in _BEFORE_NAME and not (quoted or word[0].isupper()):
                continue
            return words[i - cue][0], span_end, key
    return None


def _cue_before(folded: list[str], index: int) -> int | None:
    """How many words before ``index`` cite a source (None when none do)."""
    for cue in _citing():
        if index >= len(cue) and tuple(folded[index - len(cue) : index]) == cue:
            return len(cue)
    if index >= 1 and folded[index - 1] in _BEFORE_NAME:
        return 1
    return None


@lru_cache(maxsize=1)
def _citing() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_lemma(w) for w in phrase.split()) for phrase in _CITING)


@lru_cache(maxsize=8)
def _outlet_lemmas(keys: tuple[str, ...]) -> dict[tuple[str, ...], str]:
    """Each outlet's words as lemmas -> its key ("ведомости" -> ("ведомость",))."""
    return {tuple(_lemma(w) for w in _WORD.findall(key)): key for key in keys if key}


def _lemma(word: str) -> str:
    """A word compared as a lemma: Cyrillic by pymorphy3 (a final "ъ" of an old spelling
    dropped: «Коммерсантъ» is «Коммерсант»), anything else lowercased."""
    if re.search(r"[а-яё]", word, re.I):
        return lemma(word).removesuffix("ъ")
    return word.lower()
