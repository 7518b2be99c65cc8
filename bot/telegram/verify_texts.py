"""The quote verifier's words in the bot, in English and Russian.

Kept in one place per language, the way the front ends' catalogue (issue #17) keeps theirs;
quotes are always shown as printed. :func:`check_texts` picks the user's language: Russian for a
client set to Russian or a Russian text, else English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from telegram import Update

from bot.texts import language_for

__all__ = ["EN", "RU", "CheckTexts", "check_texts"]


@dataclass(frozen=True, slots=True)
class CheckTexts:
    """Every text of the verifier's cards, buttons and replies in one language."""

    language: str
    labels: Mapping[str, str]  # verdict: its label on a card
    diff: str
    diff_spread: str
    history: str
    speaker_changed: str  # {name}
    copy: str
    copy_short: str
    fix: str
    fix_short: str
    open_card: str
    checking: str
    no_quote_selected: str
    quote_gone: str
    card_intro: str
    picker: str  # {quote}
    picker_gone: str
    corrected: str  # {what}
    correction_failed: str  # {why}
    not_allowed: str
    undo: str
    undone: str  # {what}
    thanks_up: str
    thanks_down: str
    voted: str
    more_claims: str  # {count}


EN = CheckTexts(
    language="en",
    labels={
        "verbatim": "Verbatim",
        "altered": "Altered",
        "misattributed": "Misattributed",
        "not_found": "Not in the corpus",
    },
    diff="Changes (struck out: the real words; bold: the claim's):",
    diff_spread="The changes run through the whole quote; compare it below.",
    history="Every printing, earliest first",
    speaker_changed="speaker changed to {name}",
    copy="📋 Copy citation",
    copy_short="📋 Copy",
    fix="Wrong speaker?",
    fix_short="Speaker?",
    open_card="🔗 Link to this quote",
    checking="Checking the quotes…",
    no_quote_selected=(
        "Select the sentence to check when you reply (quote it), or paste it in quotation "
        "marks: “…” — Name."
    ),
    quote_gone="That quote is no longer in the corpus.",
    card_intro="Quote card",
    picker="Who said “{quote}”?",
    picker_gone="This choice has expired: press “Wrong speaker?” again.",
    corrected="Thanks: {what}. Answers follow it from now on (whosaid corrections lists it).",
    correction_failed="Could not correct it: {why}",
    not_allowed="Only admins can correct speakers here.",
    undo="Undo",
    undone="Undone: {what}.",
    thanks_up="Thanks!",
    thanks_down="Thanks: noted for review.",
    voted="Already noted, thanks.",
    more_claims="…and {count} more quotations: send them one by one to check them.",
)

RU = CheckTexts(
    language="ru",
    labels={
        "verbatim": "Дословно",
        "altered": "Искажено",
        "misattributed": "Приписано не тому",
        "not_found": "Нет в корпусе",
    },
    diff="Изменения (зачёркнуто — настоящие слова, жирным — слова утверждения):",
    diff_spread="Изменения по всей цитате; сравните с ней ниже.",
    history="Все публикации, от самой ранней",
    speaker_changed="автор изменён на {name}",
    copy="📋 Копировать ссылку",
    copy_short="📋 Копия",
    fix="Не тот автор?",
    fix_short="Автор?",
    open_card="🔗 Ссылка на цитату",
    checking="Проверяю цитаты…",
    no_quote_selected=(
        "Выделите фразу, которую нужно проверить, когда отвечаете (цитатой), или пришлите её "
        "в кавычках: «…» — Имя."
    ),
    quote_gone="Этой цитаты больше нет в корпусе.",
    card_intro="Карточка цитаты",
    picker="Кто сказал «{quote}»?",
    picker_gone="Выбор устарел: нажмите «Не тот автор?» ещё раз.",
    corrected="Спасибо: {what}. Ответы учитывают это (список: whosaid corrections).",
    correction_failed="Не удалось исправить: {why}",
    not_allowed="Исправлять авторов здесь могут только администраторы.",
    undo="Отменить",
    undone="Отменено: {what}.",
    thanks_up="Спасибо!",
    thanks_down="Спасибо: отмечено для проверки.",
    voted="Уже отмечено, спасибо.",
    more_claims="…и ещё цитат: {count}. Пришлите их по одной, чтобы проверить.",
)

_BY_LANGUAGE = {"en": EN, "ru": RU}


def check_texts(update: Update | None, text: str | None = None) -> CheckTexts:
    """Return the texts in the user's language: the one ``bot.texts.language_for`` picks from
    their client's language and what they wrote (``text``), as for every other reply."""
    user = update.effective_user if update is not None else None
    locale = user.language_code if user is not None else None
    return _BY_LANGUAGE.get(language_for(locale, text), EN)
