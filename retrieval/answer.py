"""Compose the extractive answer: verified quotes, best first, and one sentence of summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from retrieval.models import QuoteResult

EMPTY_INDEX = "No articles are indexed yet: add some and run `whosaid ingest`."
NEEDS_CONTEXT = "Whom do you mean? Ask about someone first, e.g. “What did … say about …?”"


def describe(speaker: str | None, role: str | None) -> str:
    """Return "Name, role" (or whichever of the two is known)."""
    if speaker and role and role.lower() not in speaker.lower():
        return f"{speaker}, {role}"
    return speaker or role or "an unnamed speaker"


def source_of(quote: QuoteResult) -> str:
    """Name a quote's source as what it is: a person, an organisation, an unnamed source."""
    if quote.source_kind == "anonymous":
        described = f" ({quote.role})" if quote.role else ""
        return f"an unnamed source{described}"
    if quote.source_kind == "document":
        return quote.role or "a document"
    if quote.speaker is None:
        # The engine could not tell who it is; the article may well say (in another language,
        # in a way the rules do not read): claim nothing about the article.
        return "a speaker the engine could not identify"
    return describe(quote.speaker, quote.role)


def summarise_who(quotes: Sequence[QuoteResult], *, confident: bool = True) -> str:
    """Say who said it, naming the best match first and any others after.

    ``confident`` is the ranking's judgement that the best quote answers the question; without
    it the same quotes are offered only as the closest found.
    """
    top = quotes[0]
    if top.kind == "passage":
        return summarise_passages()
    if not confident:
        return f"{CLOSEST} The nearest is from {source_of(top)}{_where(top)}."
    who = source_of(top)
    who = who[:1].upper() + who[1:]
    if top.kind == "reported":
        # The journalist's words for what was said: never presented as the speaker's own.
        lead = f"{who} is reported as saying this{_where(top)} (the article's paraphrase)."
    else:
        lead = f"{who} said this{_where(top)}."
    others = _others(quotes, top.speaker)
    if others:
        lead += f" Also quoted on this: {others}."
    return lead


CLOSEST = "The closest quotes I found:"


def claim_not_found(claim: str, *, speaker: str | None, closest: bool) -> str:
    """Say that nobody (or not this speaker) is quoted saying the words the question quotes."""
    if speaker:
        text = f"{speaker} is not quoted saying “{claim}” in the corpus."
    else:
        text = f"Nobody in the corpus is quoted saying “{claim}”."
    return f"{text} {CLOSEST}" if closest else text


def summarise_speaker(
    speaker: str, quotes: Sequence[QuoteResult], topic: str | None, *, role: str | None = None
) -> str:
    """Say how much a speaker is quoted on the topic, and where."""
    mine = [q for q in quotes if q.speaker == speaker]
    role = role or next((q.role for q in mine if q.role), None)
    articles = {q.source.doc_id for q in mine}
    about = f" about {topic}" if topic else ""
    count = f"{len(mine)} quote{'s' if len(mine) != 1 else ''}"
    where = f" in {len(articles)} articles" if len(articles) > 1 else _where(mine[0])
    return f"{describe(speaker, role)}: {count}{about}{where}."


def summarise_passages() -> str:
    """Explain that nobody is quoted on this, and that the closest passages follow."""
    return "Nobody is quoted on this; these are the passages that come closest."


def not_found(*, speaker: str | None = None, topic: str | None = None) -> str:
    """Say plainly that the corpus has nothing, without guessing."""
    if speaker and topic:
        return f"No quotes from {speaker} about {topic} in the corpus."
    if speaker:
        return f"No quotes from {speaker} in the corpus."
    return "Nothing in the corpus answers that: no quote or passage matches the question."


def nothing_more(speaker: str, total: int) -> str:
    """Say that every quote of a speaker has already been shown in this conversation."""
    return f"That is all: every quote from {speaker} in the corpus ({total}) has been shown."


def which_one(candidates: Sequence[str], *, via_role: str | None = None) -> str:
    """Ask which of several speakers (sharing a name, or speaking for one body) is meant."""
    names = ", ".join(candidates[:-1]) + f" or {candidates[-1]}"
    if via_role:
        return f"No quotes from {via_role} as such; several speak for it: do you mean {names}?"
    return f"Several speakers have that name: do you mean {names}?"


def _where(quote: QuoteResult) -> str:
    source = quote.source
    parts = []
    if source.title:
        parts.append(f"“{source.title}”")
    if source.date:
        parts.append(source.date)
    return f" ({', '.join(parts)})" if parts else ""


def _others(quotes: Sequence[QuoteResult], first: str | None) -> str:
    counts = Counter(q.speaker for q in quotes if q.speaker and q.speaker != first)
    return ", ".join(name for name, _ in counts.most_common(3))
