"""The front ends' own words, one catalogue per language (``en``, ``ru``).

Everything the bot, the chat and the command line say in their own voice is here: replies to
commands, errors, /help and /start, buttons, labels around quotes, Telegram's command menu.
The sentence that frames an answer is the answering side's (``retrieval``'s wording, asked
for in the same language); quotes are always shown as printed, in their own language.

Which language: :func:`language_for` (Telegram: Russian to a user whose client is set to
Russian or who writes in Russian; the chat and the CLI: the question's language).

To add a language: copy ``en.py`` to ``<code>.py``, translate every text (keep the ``{...}``
fields), and add it to :data:`CATALOGUES`; the answers' wording is added in ``retrieval.texts``
and the question reader in ``retrieval.lang``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from retrieval import question_language

__all__ = ["CATALOGUES", "DEFAULT_LANGUAGE", "Texts", "language_for", "texts"]

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class Texts:
    """Every text of the front ends in one language; ``{...}`` fields are named as used."""

    language: str
    thousands: str  # the separator of thousands in a number ("1,000"; Russian "1 000")
    # plural(n, forms): the noun's form for a count (English 2 forms, Russian 3).
    plural: Callable[[int, tuple[str, ...]], str]
    quote_forms: tuple[str, ...]
    article_forms: tuple[str, ...]
    speaker_forms: tuple[str, ...]
    source_forms: tuple[str, ...]
    paragraph_forms: tuple[str, ...]
    second_forms: tuple[str, ...]
    minute_forms: tuple[str, ...]
    flood_notice: str  # {wait}: how long ("1 second"), after an answer flood control delayed
    # -- answers and quotes -----------------------------------------------------------------
    nothing_found: str
    from_the_article: str
    unnamed_source: str
    kind_labels: Mapping[str, str]  # shown beside a quote that is not plain direct speech
    kind_names: Mapping[str, str]  # every kind, as the terminal names it
    also_carried: str  # {sources} (a count) {names} {more}
    and_more: str  # {more}
    more_quotes: str  # the button
    no_more_quotes: str  # {name}
    # -- lists -----------------------------------------------------------------------------
    speakers_empty: str
    speakers_title: str  # {count}
    speaker_counts: str  # {quotes} {articles}: counts ("3 quotes", "2 articles")
    nobody_named_like: str  # {name}
    sources_empty: str
    sources_title: str  # {count}
    page_forms: tuple[str, ...]
    speakers_noun: str  # what a list of speakers is a list of ("speakers")
    articles_noun: str
    list_pages: str  # {pages} (a count) {noun} {command} {last}
    list_more: str  # {left} {noun} {command} {next}
    # -- /start and /help ------------------------------------------------------------------
    start_title: str
    start_intro: str
    start_how_private: str
    start_how_group: str
    start_for_example: str  # {how}
    start_empty: str
    start_help: str
    examples: tuple[str, ...]  # {name}
    commands: tuple[tuple[str, str], ...]
    help_title: str
    help_lines: tuple[str, ...]
    help_admin_title: str
    help_admin_lines: tuple[str, ...]
    # -- commands ----------------------------------------------------------------------------
    ask_usage: str
    mention_empty: str
    quotes_usage: str
    sources_usage: str
    no_answer_to_cite: str
    source_usage: str  # {count}
    citation_gone: str
    paragraph_gone: str
    unknown_command: str
    # -- errors and the gate ---------------------------------------------------------------------
    unavailable: str
    apology: str
    refusal: str
    admin_only: str
    expired: str
    too_fast: str  # {wait}
    too_many_inline: str  # {wait}
    # -- admin: uploads and re-ingests ------------------------------------------------------
    rejected: str  # {reason}
    reading: str  # {name}
    rejected_file: str  # {name} {reason}
    could_not_add: str  # {name} {reason}
    could_not_download: str  # {name}
    could_not_save: str  # {name} {reason}
    add_failed: str  # {name}
    reingesting: str
    reingest_failed: str  # {reason}
    reingest_failed_bug: str
    added: str  # {name}
    reingested: str
    ingest_counts: str  # {added} {updated} {unchanged} {removed}
    ingest_found: str  # {quotes} {speakers}: counts
    skipped: str
    # -- the terminal --------------------------------------------------------------------------
    passage: str
    unnamed_source_plain: str
    unnamed_speaker_plain: str
    paragraph: str  # {number}
    terminal_speakers_empty: str
    terminal_speaker_counts: str  # {quotes} {articles}
    undated: str
    terminal_source_counts: str  # {quotes} {paragraphs}: counts
    also_carried_plain: str  # {sources} (a count) {names}
    chat_greeting: str  # {articles}: a count
    chat_help: str
    chat_forgotten: str
    chat_quotes_usage: str

    def count(self, n: int, forms: tuple[str, ...]) -> str:
        """Return "3 quotes" (or "3 цитаты"): the number and its noun's form."""
        return f"{self.number(n)} {self.plural(n, forms)}"

    def number(self, n: int) -> str:
        """Return a number with its thousands separated as the language does."""
        return f"{n:,}".replace(",", self.thousands)


def _catalogues() -> dict[str, Texts]:
    from bot.texts import en, ru

    return {"en": en.TEXTS, "ru": ru.TEXTS}


CATALOGUES: dict[str, Texts] = _catalogues()


def texts(language: str | None) -> Texts:
    """Return the catalogue of a language, English for one the front ends do not speak."""
    return CATALOGUES.get(language or DEFAULT_LANGUAGE, CATALOGUES[DEFAULT_LANGUAGE])


def language_for(locale: str | None = None, text: str | None = None) -> str:
    """Return the language to speak to a user in: the language they write in when it is
    one of ours and not English, else their client's (``"ru-RU"``: Russian), else English.

    "or who writes in Russian": a Russian question gets Russian whatever the client's
    language; an English one from a user whose Telegram is in Russian gets Russian too.
    """
    if text:
        written = question_language(text)
        if written != DEFAULT_LANGUAGE and written in CATALOGUES:
            return written
    primary = (locale or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in CATALOGUES else DEFAULT_LANGUAGE
