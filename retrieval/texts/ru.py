"""Russian wording of answers (see :mod:`retrieval.texts`).

Names stay in the nominative and verbs avoid the past tense, which would need the speaker's
sex ("сказал"/"сказала"): "Автор этих слов — Псаки", "где говорит Токаев".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval.texts import Wording

if TYPE_CHECKING:
    from retrieval.filters import Scope

# Prepositions a Russian topic keeps from the question ("о переговорах", "про санкции").
_ABOUT = ("о ", "об ", "обо ", "про ", "насчёт ", "насчет ", "относительно ", "по поводу ")


def plural(n: int, forms: tuple[str, ...]) -> str:
    """Russian (CLDR): one for 1, 21, 31…; few for 2–4, 22–24…; many for the rest."""
    one, few, many = forms
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def about(topic: str) -> str:
    """ " о переговорах" as the question put it, else " по теме «…»"."""
    if topic.lower().startswith(_ABOUT):
        return f" {topic}"
    return f" по теме «{topic}»"


def describe_scope(scope: Scope) -> str:
    """ "за 2022-01-01 – 2022-01-31 из Reuters": dates as numbers, outlets as printed."""
    parts = []
    if scope.since and scope.until:
        parts.append(f"за {scope.since:%Y-%m-%d} – {scope.until:%Y-%m-%d}")
    elif scope.since:
        parts.append(f"с {scope.since:%Y-%m-%d}")
    elif scope.until:
        parts.append(f"по {scope.until:%Y-%m-%d}")
    if scope.outlet_names:
        parts.append("из " + " или ".join(scope.outlet_names))
    return " ".join(parts)


WORDING = Wording(
    plural=plural,
    about=about,
    describe_scope=describe_scope,
    quote_forms=("цитата", "цитаты", "цитат"),
    in_articles=" в {n} {articles}",
    article_forms=("статье", "статьях", "статьях"),
    empty_index="Статей в корпусе пока нет: добавьте их и запустите `whosaid ingest`.",
    needs_context="Кого вы имеете в виду? Сначала спросите о ком-нибудь: «Что сказал … о …?»",
    unnamed_source="неназванный источник{role}",
    a_document="документ",
    unnamed_speaker="говорящий, которого программа не смогла определить",
    said="Автор этих слов — {who}{where}.",
    reported="{who}{where} — в пересказе статьи (это слова журналиста, а не прямая цитата).",
    also_quoted=" Также об этом: {names}.",
    closest="Ближайшие найденные цитаты:",
    nearest="{closest} ближе всего — {who}{where}.",
    speaker_not_quoted_saying="В корпусе нет цитаты, где {speaker} говорит «{claim}».",
    nobody_quoted_saying="В корпусе нет ничьей цитаты со словами «{claim}».",
    speaker_summary="{who}: {count}{about}{where}.",
    passages="Цитат на эту тему нет; вот фрагменты статей, которые ближе всего к вопросу.",
    no_quotes_about="Цитат, где {speaker} говорит{about}, в корпусе нет.",
    no_quotes_from="Цитат, где говорит {speaker}, в корпусе нет.",
    nothing="В корпусе нет ответа на этот вопрос: ни одна цитата или фрагмент статьи не подходят.",
    all_shown="Это всё: все цитаты, где говорит {speaker} ({total}), уже показаны.",
    which="Так зовут нескольких людей: вы имеете в виду {names}?",
    which_for_body=(
        "Цитат, где говорит «{body}» как таковой, нет; от его имени говорят несколько человек: "
        "вы имеете в виду {names}?"
    ),
    speaking_for_body="Цитат, где говорит «{body}» как таковой, нет; от его имени: {text}",
    or_word="или",
    where=" ({parts})",
    title="«{title}»",
    page="{speaker}: цитаты {shown}{scope}.",
    in_scope=" в статьях {scope}",
    scope_searched="{text} Поиск шёл только по статьям {scope}.",
    page_range="{first}–{last} из {total}",
    page_none="ни одной из {total}",
    not_text="Задайте вопрос текстом, например: «Кто сказал …?»",
    no_question="Задайте вопрос, например: «Кто сказал …?»",
    too_long="В вопросе {length} символов; пожалуйста, не больше {limit}.",
    not_valid_text="В вопросе есть символы, которые не являются текстом; наберите его заново.",
)
