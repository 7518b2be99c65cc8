"""English wording of answers (see :mod:`retrieval.texts`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval.texts import Wording

if TYPE_CHECKING:
    from retrieval.filters import Scope


def plural(n: int, forms: tuple[str, ...]) -> str:
    """English: one form for 1, the other for every other count."""
    return forms[0] if n == 1 else forms[1]


def about(topic: str) -> str:
    return f" about {topic}"


def describe_scope(scope: Scope) -> str:
    return scope.describe()


WORDING = Wording(
    plural=plural,
    about=about,
    describe_scope=describe_scope,
    quote_forms=("quote", "quotes"),
    in_articles=" in {n} {articles}",
    article_forms=("article", "articles"),
    empty_index="No articles are indexed yet: add some and run `whosaid ingest`.",
    needs_context="Whom do you mean? Ask about someone first, e.g. “What did … say about …?”",
    unnamed_source="an unnamed source{role}",
    a_document="a document",
    unnamed_speaker="a speaker the engine could not identify",
    said="{who} said this{where}.",
    reported="{who} is reported as saying this{where} (the article's paraphrase).",
    also_quoted=" Also quoted on this: {names}.",
    closest="The closest quotes I found:",
    nearest="{closest} The nearest is from {who}{where}.",
    speaker_not_quoted_saying="{speaker} is not quoted saying “{claim}” in the corpus.",
    nobody_quoted_saying="Nobody in the corpus is quoted saying “{claim}”.",
    speaker_summary="{who}: {count}{about}{where}.",
    passages="Nobody is quoted on this; these are the passages that come closest.",
    no_quotes_about="No quotes from {speaker}{about} in the corpus.",
    no_quotes_from="No quotes from {speaker} in the corpus.",
    nothing="Nothing in the corpus answers that: no quote or passage matches the question.",
    all_shown="That is all: every quote from {speaker} in the corpus ({total}) has been shown.",
    which="Several speakers have that name: do you mean {names}?",
    which_for_body="No quotes from {body} as such; several speak for it: do you mean {names}?",
    speaking_for_body="No quotes from {body} as such; speaking for it: {text}",
    or_word="or",
    where=" ({parts})",
    title="“{title}”",
    page="Quotes from {speaker}: {shown}{scope}.",
    in_scope=" in articles {scope}",
    scope_searched="{text} Only articles {scope} were searched.",
    page_range="{first}–{last} of {total}",
    page_none="none of {total}",
    not_text="Please ask a question as text, e.g. “Who said …?”",
    no_question="Please ask a question, e.g. “Who said …?”",
    too_long="That question is {length} characters long; please keep it under {limit}.",
    not_valid_text=(
        "That question holds characters that are not valid text; please type it again."
    ),
)
