"""Compose the extractive answer: verified quotes, best first, and one sentence of summary.

What the sentence says is decided here; how it is said, in each language, is in
:mod:`retrieval.texts` (``words``: English unless the caller asks for another).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from retrieval.models import QuoteResult
from retrieval.texts import Wording, wording

ENGLISH = wording("en")
EMPTY_INDEX = ENGLISH.empty_index
NEEDS_CONTEXT = ENGLISH.needs_context
CLOSEST = ENGLISH.closest


def describe(speaker: str | None, role: str | None, *, words: Wording = ENGLISH) -> str:
    """Return "Name, role" (or whichever of the two is known)."""
    if speaker and role and role.lower() not in speaker.lower():
        return f"{speaker}, {role}"
    return speaker or role or words.unnamed_speaker


def source_of(quote: QuoteResult, *, words: Wording = ENGLISH) -> str:
    """Name a quote's source as what it is: a person, an organisation, an unnamed source."""
    if quote.source_kind == "anonymous":
        return words.unnamed_source.format(role=f" ({quote.role})" if quote.role else "")
    if quote.source_kind == "document":
        return quote.role or words.a_document
    if quote.speaker is None:
        # The engine could not tell who it is; the article may well say (in another language,
        # in a way the rules do not read): claim nothing about the article.
        return words.unnamed_speaker
    return describe(quote.speaker, quote.role, words=words)


def summarise_who(
    quotes: Sequence[QuoteResult], *, confident: bool = True, words: Wording = ENGLISH
) -> str:
    """Say who said it, naming the best match first and any others after.

    ``confident`` is the ranking's judgement that the best quote answers the question; without
    it the same quotes are offered only as the closest found.
    """
    top = quotes[0]
    if top.kind == "passage":
        return summarise_passages(words=words)
    where = _where(top, words)
    if not confident:
        return words.nearest.format(
            closest=words.closest, who=source_of(top, words=words), where=where
        )
    who = source_of(top, words=words)
    who = who[:1].upper() + who[1:]
    # The journalist's words for what was said: never presented as the speaker's own.
    template = words.reported if top.kind == "reported" else words.said
    lead = template.format(who=who, where=where)
    others = _others(quotes, top.speaker)
    if others:
        lead += words.also_quoted.format(names=others)
    return lead


def claim_not_found(
    claim: str, *, speaker: str | None, closest: bool, words: Wording = ENGLISH
) -> str:
    """Say that nobody (or not this speaker) is quoted saying the words the question quotes."""
    if speaker:
        text = words.speaker_not_quoted_saying.format(speaker=speaker, claim=claim)
    else:
        text = words.nobody_quoted_saying.format(claim=claim)
    return f"{text} {words.closest}" if closest else text


def summarise_speaker(
    speaker: str,
    quotes: Sequence[QuoteResult],
    topic: str | None,
    *,
    role: str | None = None,
    words: Wording = ENGLISH,
) -> str:
    """Say how much a speaker is quoted on the topic, and where."""
    mine = [q for q in quotes if q.speaker == speaker]
    role = role or next((q.role for q in mine if q.role), None)
    articles = {q.source.doc_id for q in mine}
    if len(articles) > 1:
        n = len(articles)
        where = words.in_articles.format(n=n, articles=words.plural(n, words.article_forms))
    else:
        where = _where(mine[0], words)
    return words.speaker_summary.format(
        who=describe(speaker, role, words=words),
        count=words.count(len(mine), words.quote_forms),
        about=words.about(topic) if topic else "",
        where=where,
    )


def summarise_passages(*, words: Wording = ENGLISH) -> str:
    """Explain that nobody is quoted on this, and that the closest passages follow."""
    return words.passages


def not_found(
    *, speaker: str | None = None, topic: str | None = None, words: Wording = ENGLISH
) -> str:
    """Say plainly that the corpus has nothing, without guessing."""
    if speaker and topic:
        return words.no_quotes_about.format(speaker=speaker, about=words.about(topic))
    if speaker:
        return words.no_quotes_from.format(speaker=speaker)
    return words.nothing


def nothing_more(speaker: str, total: int, *, words: Wording = ENGLISH) -> str:
    """Say that every quote of a speaker has already been shown in this conversation."""
    return words.all_shown.format(speaker=speaker, total=total)


def which_one(
    candidates: Sequence[str], *, via_role: str | None = None, words: Wording = ENGLISH
) -> str:
    """Ask which of several speakers (sharing a name, or speaking for one body) is meant."""
    names = ", ".join(candidates[:-1]) + f" {words.or_word} {candidates[-1]}"
    if via_role:
        return words.which_for_body.format(body=via_role, names=names)
    return words.which.format(names=names)


def speaking_for(body: str, text: str, *, words: Wording = ENGLISH) -> str:
    """Say that a body is not quoted as such, then who speaks for it."""
    return words.speaking_for_body.format(body=body, text=text)


def _where(quote: QuoteResult, words: Wording) -> str:
    source = quote.source
    parts = []
    if source.title:
        parts.append(words.title.format(title=source.title))
    if source.date:
        parts.append(source.date)
    return words.where.format(parts=", ".join(parts)) if parts else ""


def _others(quotes: Sequence[QuoteResult], first: str | None) -> str:
    counts = Counter(q.speaker for q in quotes if q.speaker and q.speaker != first)
    return ", ".join(name for name, _ in counts.most_common(3))
