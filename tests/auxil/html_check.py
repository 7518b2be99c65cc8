"""Check that a message is well-formed Telegram HTML and extract its blockquotes."""

from __future__ import annotations

import html
from html.parser import HTMLParser

# Telegram's HTML parse mode: https://core.telegram.org/bots/api#html-style
ALLOWED = {
    "b": set(),
    "strong": set(),
    "i": set(),
    "em": set(),
    "u": set(),
    "ins": set(),
    "s": set(),
    "strike": set(),
    "del": set(),
    "tg-spoiler": set(),
    "span": {"class"},
    "a": {"href"},
    "code": {"class"},
    "pre": set(),
    "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}


class TelegramHtml(HTMLParser):
    """Parse a message, failing on any tag or attribute Telegram does not accept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.blockquotes: list[tuple[bool, str]] = []
        self._quote: list[str] | None = None
        self._expandable = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in ALLOWED, f"tag <{tag}> is not allowed"
        for name, _ in attrs:
            assert name in ALLOWED[tag], f"attribute {name} not allowed on <{tag}>"
        if tag == "blockquote":
            assert "blockquote" not in self.stack, "nested blockquote"
            self._quote = []
            self._expandable = any(name == "expandable" for name, _ in attrs)
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()
        if tag == "blockquote" and self._quote is not None:
            self.blockquotes.append((self._expandable, "".join(self._quote)))
            self._quote = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._quote is not None:
            self._quote.append(data)


def parse(message: str) -> TelegramHtml:
    """Parse a message and assert it is well formed; return the parser with its findings."""
    # Telegram only knows these four entities; anything else must have been escaped.
    stripped = message
    for entity in ("&lt;", "&gt;", "&amp;", "&quot;"):
        stripped = stripped.replace(entity, "")
    assert "&" not in stripped, f"unescaped & or unknown entity in {message[:200]!r}"
    parser = TelegramHtml()
    parser.feed(message)
    parser.close()
    assert not parser.stack, f"unclosed tags {parser.stack}"
    return parser


def visible_length(message: str) -> int:
    """Return the length of the text Telegram would show, in UTF-16 code units."""
    text = "".join(parse(message).text)
    return len(html.unescape(text).encode("utf-16-le")) // 2
