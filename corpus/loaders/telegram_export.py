"""Telegram Desktop exports of a channel (``result.json``): one article per post with text.

The export is one JSON object: ``name`` (the channel's title), ``type``, ``id`` and
``messages``, each with ``id``, ``date`` (the exporting machine's local time, as the channel
showed it), ``from``, an optional ``author`` (the post's signature) and ``text``: a string,
or a list of strings and entity objects (``{"type": "bold", "text": "…"}``, a link, a
mention…) whose texts, joined, are the post as shown. Service messages and posts without
text (a photo alone) are left out.

Each post's article: the text as its body (each line a paragraph), the channel's title as
outlet, the post's date, the channel's name and the post's first line as title, the
signature as author, and its link,
``https://t.me/<username>/<post>`` when the export names the channel's username, else
``https://t.me/c/<id>/<post>`` (``corpus.channels`` makes it public when the username is
known). Ids come from the file and the post number, so a post edited and exported again
replaces its old version.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpus.channels import ChannelRef, channel_id, post_title, post_url
from corpus.errors import LoadError
from corpus.loaders.article import make_paragraphs
from corpus.loaders.blocks import clean_body, split_lines, strip_span
from corpus.loaders.dates import normalize_date
from corpus.loaders.files import content_hash, decode_utf8, doc_id, read_bytes
from corpus.models import Article


def load_telegram_export(path: Path) -> list[Article]:
    """Load every post with text of a Telegram Desktop channel export.

    Raises:
        LoadError: The file is not JSON, or not a Telegram export of one chat.
    """
    data = _read_export(path)
    name = _string(data.get("name"))
    username = _string(data.get("username"))
    chat_id = data.get("id") if isinstance(data.get("id"), int | str) else None
    articles = []
    for message in data["messages"]:
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        article = _post(path, message, name=name, username=username, chat_id=chat_id)
        if article is not None:
            articles.append(article)
    if not articles:
        raise LoadError(path, "the export holds no post with text")
    return articles


def post_text(value: object) -> str:
    """Return a post's text as shown: a string, or the texts of a list of parts joined."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return ""
    parts = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            parts.append(part["text"])
    return "".join(parts)


def _post(
    path: Path,
    message: dict[str, Any],
    *,
    name: str | None,
    username: str | None,
    chat_id: int | str | None,
) -> Article | None:
    text = post_text(message.get("text")).replace("\r\n", "\n")
    number = message.get("id")
    if not text.strip() or not isinstance(number, int):
        return None
    spans = [s for a, b in split_lines(text) if (s := strip_span(text, a, b))]
    body = clean_body(text, spans, title=None) or spans
    if not body:
        return None
    stamp = _string(message.get("date"))
    return Article(
        doc_id=doc_id(path, f"post{number}"),
        path=str(path.resolve()),
        text=text,
        paragraphs=make_paragraphs(body),
        content_hash=content_hash(json.dumps(message, sort_keys=True).encode("utf-8")),
        title=post_title(name, text[body[0][0] : body[0][1]]),
        date=normalize_date(stamp[:10]) if stamp else None,
        url=post_url(number, username=username, chat_id=chat_id),
        outlet=name,
        author=_string(message.get("author")),
    )


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def export_channel(path: Path) -> tuple[ChannelRef, str | None]:
    """Return the channel a Telegram export is of (its id and username) and its title.

    Raises:
        LoadError: The file is not a Telegram Desktop export.
    """
    data = _read_export(path)
    chat_id = data.get("id")
    ref = ChannelRef(
        id=channel_id(chat_id) if isinstance(chat_id, int | str) else None,
        username=_string(data.get("username")),
    )
    return ref, _string(data.get("name"))


def _read_export(path: Path) -> dict[str, Any]:
    """Read an export's JSON object; refuse anything that is not one chat's export."""
    try:
        data = json.loads(decode_utf8(path, read_bytes(path)))
    except json.JSONDecodeError as exc:
        raise LoadError(path, f"invalid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise LoadError(
            path, "not a Telegram Desktop export of one chat (no 'messages'; export the "
            "channel itself as JSON, not the whole account)"
        )  # fmt: skip
    return data
