"""Which language to speak to the user behind an update (see ``bot.texts.language_for``)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from telegram import Update

from bot.texts import Texts, language_for, texts

__all__ = ["ChatLanguages", "words_for"]

# Chats whose language is remembered; the least recently heard from are forgotten past this.
_CHATS_REMEMBERED = 4096


def words_for(update: Update, text: str | None = None) -> Texts:
    """Return the texts for this update's user: Russian when their Telegram is set to Russian
    or they write in Russian (``text``, else the message or inline query), else English."""
    user = update.effective_user
    if text is None:
        if update.message is not None and update.message.text:
            text = update.message.text
            if text.startswith("/"):  # the command's name is no sign of a language
                text = text.split(maxsplit=1)[1] if len(text.split(maxsplit=1)) > 1 else ""
        elif update.inline_query is not None:
            text = update.inline_query.query
    return texts(language_for(user.language_code if user else None, text))


class ChatLanguages:
    """The language the bot last spoke in each chat, for what the sending layer adds to an
    answer on its own (the flood-control delay note): the language of the chat's latest
    update, decided as every handler decides it (:func:`words_for`)."""

    def __init__(self, size: int = _CHATS_REMEMBERED) -> None:
        self._size = size
        self._languages: OrderedDict[int, str] = OrderedDict()

    async def remember(self, update: object, context: Any = None) -> None:
        """Note the language of an update's chat (a ``TypeHandler`` callback)."""
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        chat = update.effective_chat.id
        self._languages[chat] = words_for(update).language
        self._languages.move_to_end(chat)
        while len(self._languages) > self._size:
            self._languages.popitem(last=False)

    def __call__(self, chat_id: object) -> str | None:
        """Return the language last spoken in a chat, None for a chat not heard from."""
        try:
            return self._languages.get(int(str(chat_id)))
        except ValueError:
            return None
