"""The quote verifier's sentences, one catalogue per language (``en``, ``ru``).

:mod:`retrieval.check` decides the verdict and its proof; a :class:`VerdictWording` says it in
one language, the way :class:`retrieval.texts.Wording` says an answer. Names, titles, outlets
and quotes are never translated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from retrieval.texts import wording

__all__ = ["VERDICT_WORDINGS", "VerdictWording", "verdict_wording"]


@dataclass(frozen=True, slots=True)
class VerdictWording:
    """Every sentence of a verdict in one language; ``{...}`` fields named as used."""

    count: Callable[[int, tuple[str, ...]], str]  # "3 articles" with the noun's right form
    article_forms: tuple[str, ...]
    outlet_forms: tuple[str, ...]
    searched: str  # {articles}: "12 articles searched"
    date_range: str  # {first} {last}
    first_printed: str  # {where}: after "said these words"
    printed_in: str  # {where}
    names_beside: str  # {speaker}
    verbatim_unread: str  # {carried} {beside}
    verbatim: str  # {who} {carried}
    share_changed: str  # {share}: a percentage, "25%"
    not_theirs: str  # {who} {speaker}
    altered: str  # {what} {share} {who} {where} {note}
    changes: Mapping[str, str]  # retrieval.align.describe's names of a change
    changed: str  # when no change has a name
    reported: str  # {who} {where}
    did_not_say: str  # {speaker}
    author: str  # {named} {where}
    unattributed: str  # {speaker} {where}
    not_speaker: str  # {speaker}
    someone_else: str
    other_speaker: str  # {who} {named} {where}
    by_speaker: str  # {speaker}
    not_found: str  # {whom} {searched}
    unnamed_source_role: str  # {role}
    unnamed_source: str
    a_document: str
    the_article: str
    unnamed_speaker: str
    paragraph: str  # {n}


EN = VerdictWording(
    count=wording("en").count,
    article_forms=("article", "articles"),
    outlet_forms=("outlet", "outlets"),
    searched="{articles} searched",
    date_range="{first} to {last}",
    first_printed=", first printed {where}",
    printed_in=" ({where})",
    names_beside="; it names {speaker} beside them",
    verbatim_unread=(
        "Verbatim: the article prints these words as a quote{carried}{beside}, but whosaid "
        "could not read whose they are."
    ),
    verbatim="Verbatim: {who} said these words{carried}.",
    share_changed="{share} of the words differ",
    not_theirs="; and it is {who}'s, not {speaker}'s",
    altered="Altered ({what}; {share}): the real quote is {who}'s ({where}){note}.",
    changes={},
    changed="changed",
    reported=(
        "Misattributed: the article reports this in its own words; {who} is not quoted saying "
        "it ({where})."
    ),
    did_not_say="{speaker} did not say it: ",
    author="Misattributed: {named}these are the article's own words, nobody's quote ({where}).",
    unattributed=(
        "Misattributed: the article prints these words as a quote without naming {speaker} "
        "beside them ({where})."
    ),
    not_speaker="not {speaker}",
    someone_else="someone else",
    other_speaker="Misattributed: {who} said this, {named} ({where}).",
    by_speaker=" by {speaker}",
    not_found=(
        "Not in the corpus: nothing{whom} close to these words in the {searched}. That says "
        "nothing about whether it was said elsewhere."
    ),
    unnamed_source_role="an unnamed source ({role})",
    unnamed_source="an unnamed source",
    a_document="a document",
    the_article="the article",
    unnamed_speaker="a speaker the article does not name",
    paragraph="paragraph {n}",
)

RU = VerdictWording(
    count=wording("ru").count,
    article_forms=("статья", "статьи", "статей"),
    outlet_forms=("издание", "издания", "изданий"),
    searched="просмотрено: {articles}",
    date_range="с {first} по {last}",
    first_printed=", впервые напечатано: {where}",
    printed_in=" ({where})",
    names_beside="; рядом с ними названо имя {speaker}",
    verbatim_unread=(
        "Дословно: статья приводит эти слова как цитату{carried}{beside}, но whosaid не смог "
        "определить, чьи они."
    ),
    verbatim="Дословно: это слова {who}{carried}.",
    share_changed="изменено {share} слов",
    not_theirs="; и это слова {who}, а не {speaker}",
    altered="Искажено ({what}; {share}): настоящая цитата — {who} ({where}){note}.",
    changes={
        "truncated": "обрезано",
        "numbers changed": "изменены числа",
        "reworded": "пересказано",
        "words changed": "заменены слова",
        "words dropped": "пропущены слова",
        "words added": "добавлены слова",
    },
    changed="изменено",
    reported=(
        "Приписано не тому: статья пересказывает это своими словами; {who} этого дословно не "
        "говорил(а) ({where})."
    ),
    did_not_say="{speaker} этого не говорил(а): ",
    author="Приписано не тому: {named}это слова самой статьи, ничья не цитата ({where}).",
    unattributed=(
        "Приписано не тому: статья приводит эти слова как цитату, но не называет рядом с ними "
        "{speaker} ({where})."
    ),
    not_speaker="а не {speaker}",
    someone_else="а не тот, кому их приписали",
    other_speaker="Приписано не тому: это сказал(а) {who}, {named} ({where}).",
    by_speaker=" от {speaker}",
    not_found=(
        "Нет в корпусе: ничего{whom} похожего на эти слова ({searched}). Это не значит, что "
        "так не говорили где-то ещё."
    ),
    unnamed_source_role="неназванный источник ({role})",
    unnamed_source="неназванный источник",
    a_document="документ",
    the_article="статья",
    unnamed_speaker="человек, которого статья не называет",
    paragraph="абзац {n}",
)

VERDICT_WORDINGS: dict[str, VerdictWording] = {"en": EN, "ru": RU}


def verdict_wording(language: str | None) -> VerdictWording:
    """Return the verifier's sentences in a language, English for one whosaid does not speak."""
    return VERDICT_WORDINGS.get(language or "en", EN)
