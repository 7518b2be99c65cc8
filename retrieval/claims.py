"""Claims out of a text: the words it puts in quotation marks, each with the name beside it.

A claim is what a user says somebody said: ``“We will never surrender” — Jane Roe``, a
channel post quoting three people, or one sentence selected in a post. The words in double
quotation marks (“…”, "…", «…», „…“) are the claims; the speaker is a name the text puts next
to them by the usual conventions of print, English and Russian:

- after the closing mark: a dash (``” — Jane Roe``), ``said Jane Roe``, ``Jane Roe said``,
  ``— заявил Иван Петров``, or a name in brackets;
- before the opening mark: a colon (``Jane Roe: “…”``, ``Иван Петров: «…»``), ``Jane Roe said:``
  or ``according to Jane Roe,`` (``по словам Ивана Петрова``).

Only a capitalised name counts: "— he said" names nobody, and the claim is checked against
everyone. A text with no quotation marks is one claim as a whole; so is one whose only quoted
words are a short phrase inside a longer sentence of its own (a title, a scare quote), which
the user is asking about in full. Single quotation marks are left alone: they are apostrophes
as often as quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CLAIMS = 10
MIN_WORDS = 3  # quoted words shorter than this inside a narrative are titles, not claims

_PAIRS = {"“": "”", "«": "»", "„": "“”", '"': '"', "”": "”"}
_NAME_WORD = r"(?:[A-ZА-ЯЁ][\w'’-]*\.?|[A-ZА-ЯЁ]\.)"
_PARTICLE = r"(?:de|da|del|di|du|van|von|der|den|bin|ibn|al|la|le|st\.)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,3}}"
_SPEECH_EN = (
    r"(?:said|says|say|added|adds|told\s+\w+|tells\s+\w+|wrote|writes|tweeted|posted|"
    r"stated|declared|argued|insisted|claimed|warned|explained|remarked|noted|asked)"
)
_SPEECH_RU = (
    r"(?:заявил|заявила|сказал|сказала|отметил|отметила|добавил|добавила|написал|написала|"
    r"подчеркнул|подчеркнула|сообщил|сообщила|заметил|заметила|пояснил|пояснила|"
    r"считает|уверен|уверена|говорит|признался|признала|признал)"
)
_DASH = r"[—–-]{1,2}"
# After the closing mark (the text that follows it, up to the end of its sentence).
_AFTER = (
    re.compile(rf"^\s*[,.]?\s*{_DASH}\s*(?:{_SPEECH_RU}\s+)?(?P<name>{NAME})"),
    re.compile(rf"^\s*,?\s*{_SPEECH_EN}\s+(?P<name>{NAME})"),
    re.compile(rf"^\s*,?\s*(?P<name>{NAME})\s+{_SPEECH_EN}\b"),
    re.compile(rf"^\s*\(\s*(?P<name>{NAME})\s*\)"),
)
# Before the opening mark (the text that precedes it, from its sentence's start).
_BEFORE = (
    # "Jane Roe:", "Jane Roe, the mayor, said:", "Jane Roe told reporters:", "Иван Петров заявил:"
    re.compile(rf"(?P<name>{NAME})\s*(?:,[^,:]{{0,60}},)?(?:\s+[a-zа-яё]\w*){{0,2}}\s*:\s*$"),
    re.compile(rf"(?P<name>{NAME})\s+{_SPEECH_EN}\s*,?\s*$"),
    re.compile(rf"(?:[Aa]ccording\s+to|[Pp]er)\s+(?P<name>{NAME})\s*,?\s*$"),
)
# Words that start a sentence in capitals but name nobody.
_NOT_NAMES = frozenset(
    "he she they it we i you this that there the a an his her their its our my and but so or "
    "yet then also он она они оно мы я вы это там и а но".split()
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Claim:
    """Words somebody is said to have said, where they stand in the text, and who, if named."""

    text: str
    speaker: str | None = None
    start: int = 0
    end: int = 0


def quotations(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of the words inside each pair of double quotation marks.

    The outermost pair only: „…“ nested inside «…» is part of the outer quotation.
    """
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(text):
        mark = text[at]
        closers = _PAIRS.get(mark)
        if closers is None or (mark == "”" and not _opens(text, at)):
            at += 1
            continue
        end = _closing(text, at + 1, mark, closers)
        if end is None:
            at += 1
            continue
        spans.append((at + 1, end))
        at = end + 1
    return spans


def _opens(text: str, at: int) -> bool:
    """Whether a ” stands where a quotation opens (a closing mark typed the wrong way)."""
    return at == 0 or text[at - 1].isspace() or text[at - 1] in "([—–-:"


def _closing(text: str, start: int, mark: str, closers: str) -> int | None:
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if mark in "«„“" and char == mark and mark != "“":
            depth += 1
        elif char in closers:
            if depth == 0:
                return index
            depth -= 1
        elif char == "\n" and text[index + 1 : index + 2] == "\n":
            return None  # a quotation never runs over a blank line here
    return None


def _sentence_after(text: str, end: int) -> str:
    rest = text[end + 1 :].lstrip('”»"')  # a closing mark typed twice
    # A sentence ends at . ! ? …, but not after an initial ("Donald J. Trump").
    stop = re.search(r"(?<!\b[A-ZА-ЯЁ])[.!?…](?:\s|$)|\n|[“«„\"]", rest)
    return rest[: stop.end() if stop else len(rest)]


def _sentence_before(text: str, start: int) -> str:
    head = text[: max(0, start - 1)]
    cut = max(head.rfind("\n"), *(head.rfind(p + " ") for p in ".!?…"), head.rfind("”"))
    return head[cut + 1 :]


def _name(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    name = match.group("name").strip().rstrip(".,")
    words = name.split()
    while words and words[0].lower().strip(".") in _NOT_NAMES:
        words = words[1:]
    return " ".join(words) or None


def attribution(text: str, start: int, end: int) -> str | None:
    """Return the name a text puts next to the quotation ``text[start:end]``, if any."""
    after = _sentence_after(text, end)
    for pattern in _AFTER:
        name = _name(pattern.match(after))
        if name:
            return name
    before = _sentence_before(text, start)
    for pattern in _BEFORE:
        name = _name(pattern.search(before))
        if name:
            return name
    return None


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,")


def parse_claims(text: str, *, speaker: str | None = None, post: bool = False) -> list[Claim]:
    """Return the claims of a text, at most ``MAX_CLAIMS``, each once, in order.

    ``speaker`` (a name given beside the text, ``--speaker``) is the speaker of every claim,
    whatever the text says. A ``post`` (a channel's, forwarded) claims only what it quotes.
    """
    whole = _clean(text)
    if not whole:
        return []
    quoted = [(a, b) for a, b in quotations(text) if _words(text[a:b]) >= 1]
    if not quoted:
        return [] if post else [Claim(whole.strip("'‘’"), speaker, 0, len(text))]
    outside = text
    for a, b in reversed(quoted):
        outside = outside[: a - 1] + " " + outside[b + 1 :]
    named = {(a, b): attribution(text, a, b) for a, b in quoted}
    rest = outside
    for name in filter(None, named.values()):
        rest = rest.replace(name, " ")
    narrative = _words(re.sub(rf"\b{_SPEECH_EN}\b|\b{_SPEECH_RU}\b", " ", rest)) > 2
    if narrative or post:
        # A post, or a sentence with a title in it: only real quotations are claims.
        quoted = [(a, b) for a, b in quoted if _words(text[a:b]) >= MIN_WORDS]
        if not quoted:
            return [] if post else [Claim(whole, speaker, 0, len(text))]
    claims: list[Claim] = []
    seen: set[str] = set()
    for a, b in quoted:
        words = _clean(text[a:b])
        if not words or words.casefold() in seen:
            continue
        seen.add(words.casefold())
        claims.append(Claim(words, speaker or named[(a, b)], a, b))
        if len(claims) >= MAX_CLAIMS:
            break
    return claims


_QUESTION = re.compile(
    r"\?|^\s*(?:who|whom|whose|what|which|when|where|why|how|did|does|do|is|was|are|were|has|"
    r"have|can|could|кто|что|чьи|чья|чей|какие|какой|когда|где|почему|зачем|как|ли)\b",
    re.IGNORECASE,
)


def is_pasted_claim(text: str) -> bool:
    """Whether a message is a quote to check (“…” — Name), not a question that quotes words.

    It is when its quotations hold three words or more and what stands outside them is at most
    the name and the speech verb beside them: no question mark outside the quotes, no question
    word opening it.
    """
    quoted = quotations(text)
    if not quoted or not any(_words(text[a:b]) >= MIN_WORDS for a, b in quoted):
        return False
    outside = text
    for a, b in reversed(quoted):
        outside = outside[: a - 1] + " " + outside[b + 1 :]
    if _QUESTION.search(outside):
        return False
    rest = outside
    for a, b in quoted:
        name = attribution(text, a, b)
        if name:
            rest = rest.replace(name, " ")
    rest = re.sub(rf"\b{_SPEECH_EN}\b|\b{_SPEECH_RU}\b|\b(?:according to|по словам)\b", " ", rest)
    return _words(rest) <= 1


__all__ = [
    "MAX_CLAIMS",
    "Claim",
    "attribution",
    "is_pasted_claim",
    "parse_claims",
    "quotations",
]
