"""The wording of answers, one catalogue per language (``en``, ``ru``), apart from the logic.

:mod:`retrieval.answer` decides *what* an answer says (who is named, how sure it is, how many
quotes in how many articles); a :class:`Wording` says it in one language. An answer is worded
in the language asked for (the question's own by default): every front end, the JSON output
and the evaluation get the same sentence, whose words carry the ranking's promise ("X said
this" only above the confidence threshold). Quotes are never translated.

To add a language: copy ``en.py`` to ``<code>.py``, translate every text, give its plural
rule, and add it to :data:`LANGUAGES` (and the question reader, see ``retrieval.lang``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrieval.filters import Scope

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Wording", "wording"]

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class Wording:
    """Every sentence an answer can be made of, in one language.

    Templates are ``str.format`` strings; the fields they take are named in each comment.
    """

    # plural(n, forms): the form of a noun for a count (English: 2 forms; Russian: 3).
    plural: Callable[[int, tuple[str, ...]], str]
    # about(topic): " about {topic}" as a speaker summary writes it.
    about: Callable[[str], str]
    # describe_scope(scope): the dates and outlets searched ("dated January 2022 from Reuters").
    describe_scope: Callable[[Scope], str]
    quote_forms: tuple[str, ...]
    # {n} articles, after "in": " in 3 articles".
    in_articles: str
    article_forms: tuple[str, ...]
    empty_index: str
    needs_context: str
    unnamed_source: str  # {role} given as " ({role})" or ""
    a_document: str
    unnamed_speaker: str
    said: str  # {who} {where}
    reported: str  # {who} {where}
    also_quoted: str  # {names}
    closest: str
    nearest: str  # {closest} {who} {where}
    speaker_not_quoted_saying: str  # {speaker} {claim}
    nobody_quoted_saying: str  # {claim}
    speaker_summary: str  # {who} {count} {about} {where}
    passages: str
    no_quotes_about: str  # {speaker} {about}
    no_quotes_from: str  # {speaker}
    nothing: str
    all_shown: str  # {speaker} {total}
    which: str  # {names}
    which_for_body: str  # {body} {names}
    speaking_for_body: str  # {body} {text}
    or_word: str
    where: str  # {parts}: the title and date, joined by ", "
    title: str  # {title}
    page: str  # {speaker} {shown} {scope}
    in_scope: str  # {scope}: " in articles {scope}", after a page's range
    scope_searched: str  # {text} {scope}: the answer, then which articles were searched
    page_range: str  # {first} {last} {total}
    page_none: str  # {total}
    not_text: str
    no_question: str
    too_long: str  # {length} {limit}
    not_valid_text: str

    def count(self, n: int, forms: tuple[str, ...]) -> str:
        """Return "3 quotes" (or "3 цитаты"): the number and its noun's form."""
        return f"{n} {self.plural(n, forms)}"


def wording(language: str | None) -> Wording:
    """Return the wording of a language, English for one whosaid does not speak."""
    return LANGUAGES.get(language or DEFAULT_LANGUAGE, LANGUAGES[DEFAULT_LANGUAGE])


def _catalogues() -> dict[str, Wording]:
    from retrieval.texts import en, ru

    return {"en": en.WORDING, "ru": ru.WORDING}


LANGUAGES: dict[str, Wording] = _catalogues()
