"""Which language to speak to the user behind an update (see ``bot.texts.language_for``)."""

from __future__ import annotations

from telegram import Update

from bot.texts import Texts, language_for, texts

__all__ = ["words_for"]


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
