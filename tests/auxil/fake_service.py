"""A deterministic stand-in for ``retrieval.QAService`` that records what it was asked.

Quotes come from the real seed article, with real offsets, so a test can check that what the
bot shows is an exact span of its source. Uploaded "articles" use a tiny line format,
``Name (role): "words"``, so an upload can be answered afterwards without the real engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from retrieval import (
    Answer,
    ChatContext,
    IngestSummary,
    QAService,
    QuestionError,
    QuoteResult,
    RetrievalSettings,
    Source,
    SourceSummary,
    SpeakerSummary,
)
from retrieval.claims import parse_claims
from retrieval.filters import Scope
from retrieval.quote_ids import quote_id
from retrieval.verdicts import Copy, Searched, Verdict

SEED_ARTICLE = (
    Path(__file__).resolve().parents[2]
    / "corpus"
    / "articles"
    / "kazakhstan-unrest-2022-01-06.txt"
)
SEED_TITLE = "Massacre in Kazakhstan: the United States hit the “soft underbelly” of Russia"
_LINE = re.compile(r'^(?P<name>[^()\n:]+?)\s*\((?P<role>[^)]*)\):\s*"(?P<text>[^"\n]+)"\s*$')
_FOLLOW_UP = re.compile(r"\b(what else|he|she|they|him|her|more)\b", re.IGNORECASE)
_TOPIC = re.compile(r"\babout\s+(?P<topic>[\w\- ]+?)\s*\??$", re.IGNORECASE)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        spans.append((match.start(), match.end()))
    return spans


def seed_quotes() -> list[QuoteResult]:
    """Return three real quotes from the seed article, with exact offsets."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    spans = _paragraph_spans(text)
    wanted = [
        ("Jennifer Psaki", "White House spokesman", "We have heard a number of insane Russian"),
        ("Alexander Shapkovsky", "Belarusian political scientist", "On the eve of negotiations"),
        ("Gennady Zyuganov", "Leader of the Communist Party", "is actively used by the forces"),
    ]
    quotes = []
    for speaker, role, opening in wanted:
        start = text.index(opening)
        end = text.index("”", start)
        number = next(i for i, (s, e) in enumerate(spans, start=1) if s <= start < e)
        quotes.append(
            QuoteResult(
                speaker=speaker,
                role=role,
                text=text[start:end].rstrip(" ,"),
                kind="direct",
                source=Source(
                    doc_id="kazakhstan-unrest-2022-01-06",
                    title=SEED_TITLE,
                    date="2022-01-06",
                    url="https://example.org/kazakhstan?a=1&b=<2>",
                    outlet="Svobodnaya Pressa",
                    path=str(SEED_ARTICLE),
                    paragraph=number,
                ),
                start=start,
                end=start + len(text[start:end].rstrip(" ,")),
                score=1.0,
            )
        )
    return quotes


def quote_key(quote: QuoteResult) -> str:
    """Return the key under which a chat context remembers a shown quote."""
    return f"{quote.source.doc_id}:{quote.start}"


class FakeQAService(QAService):
    """Answers from a fixed list of quotes by speaker name and topic word; never guesses.

    It declares the :class:`retrieval.QAService` protocol, and ``tests/test_protocol.py``
    checks that its methods take what the real service's take.
    """

    def __init__(
        self,
        corpus_dir: Path,
        quotes: list[QuoteResult] | None = None,
        max_question_chars: int = 1000,
        paragraphs: dict[tuple[str, int], str] | None = None,
    ) -> None:
        self._corpus_dir = corpus_dir
        self.quotes = seed_quotes() if quotes is None else quotes
        self.max_question_chars = max_question_chars
        self.paragraphs = paragraphs if paragraphs is not None else {}
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.closed = False
        self.settings = RetrievalSettings(
            _env_file=None,  # type: ignore[call-arg]
            articles_dir=corpus_dir,
            data_dir=corpus_dir.parent / "data",
        )

    @property
    def corpus_dir(self) -> Path:
        """Where uploads are saved."""
        return self._corpus_dir

    def _record(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.calls.append((name, args, kwargs))

    def calls_of(self, name: str) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
        """Return the recorded arguments of every call of one method."""
        return [(args, kwargs) for called, args, kwargs in self.calls if called == name]

    def _speaker_in(self, text: str) -> str | None:
        lowered = text.casefold()
        for quote in self.quotes:
            if quote.speaker and any(
                part.casefold() in lowered for part in quote.speaker.split() if len(part) > 3
            ):
                return quote.speaker
        return None

    def ask(
        self,
        question: str,
        *,
        context: ChatContext | None = None,
        limit: int | None = None,
        scope: Scope | None = None,
        language: str | None = None,
    ) -> Answer:
        """Answer with the quotes of the speaker named in the question (or in the context).

        The framing is a fixed English sentence; ``language`` is recorded and set on the
        answer, as the real service does.
        """
        self._record("ask", question, context=context, limit=limit, language=language)
        limit = limit or 5
        question = question.strip()
        if not question:
            raise QuestionError("Please ask a question.")
        if len(question) > self.max_question_chars:
            raise QuestionError(
                f"Your question is {len(question):,} characters long; "
                f"please keep it under {self.max_question_chars:,}."
            )
        speaker = self._speaker_in(question)
        follow_up = speaker is None and context is not None and bool(_FOLLOW_UP.search(question))
        topic_match = _TOPIC.search(question)
        topic = topic_match.group("topic").strip() if topic_match else None
        if speaker is None and context is not None and (follow_up or topic):
            speaker = context.speaker
        seen = list(context.seen) if context is not None and follow_up else []
        chosen = [
            quote
            for quote in self.quotes
            if speaker is not None
            and quote.speaker == speaker
            and quote_key(quote) not in seen
            and (topic is None or topic.casefold() in quote.text.casefold())
        ][:limit]
        new_context = ChatContext(
            speaker=speaker, topic=topic, seen=seen + [quote_key(q) for q in chosen]
        )
        if not chosen:
            return Answer(
                question=question,
                found=False,
                answer="I found no quote answering that in the articles.",
                speaker=speaker,
                topic=topic,
                language=language or "en",
                context=new_context,
            )
        return Answer(
            question=question,
            found=True,
            answer=f"{speaker} said:",
            quotes=chosen,
            speaker=speaker,
            topic=topic,
            language=language or "en",
            context=new_context,
        )

    def quotes_by(
        self,
        name: str,
        *,
        offset: int = 0,
        limit: int = 5,
        scope: Scope | None = None,
        language: str | None = None,
    ) -> Answer:
        """Return one page of a speaker's quotes."""
        kwargs: dict[str, Any] = {"offset": offset, "limit": limit}
        if scope is not None:
            kwargs["scope"] = scope
        self._record("quotes_by", name, **kwargs)
        speaker = self._speaker_in(name)
        mine = [q for q in self.quotes if speaker is not None and q.speaker == speaker]
        page = mine[offset : offset + limit]
        return Answer(
            question=name,
            found=bool(page),
            answer=f"Quotes by {speaker}:" if page else f"No quotes by {name}.",
            quotes=page,
            speaker=speaker,
            context=ChatContext(speaker=speaker, seen=[quote_key(q) for q in page]),
        )

    def speakers(self, *, language: str | None = None) -> list[SpeakerSummary]:
        """Return who is quoted, with counts (``language`` does not change the names here)."""
        self._record("speakers")
        counts: dict[str, list[QuoteResult]] = {}
        for quote in self.quotes:
            if quote.speaker:
                counts.setdefault(quote.speaker, []).append(quote)
        return [
            SpeakerSummary(
                name=name,
                roles=sorted({q.role for q in found if q.role}),
                quote_count=len(found),
                article_count=len({q.source.doc_id for q in found}),
            )
            for name, found in counts.items()
        ]

    def sources(self) -> list[SourceSummary]:
        """Return the articles the quotes come from."""
        self._record("sources")
        by_doc: dict[str, list[QuoteResult]] = {}
        for quote in self.quotes:
            by_doc.setdefault(quote.source.doc_id, []).append(quote)
        return [
            SourceSummary(
                doc_id=doc_id,
                title=found[0].source.title,
                date=found[0].source.date,
                url=found[0].source.url,
                outlet=found[0].source.outlet,
                path=found[0].source.path,
                paragraph_count=max(q.source.paragraph for q in found),
                quote_count=len(found),
            )
            for doc_id, found in by_doc.items()
        ]

    def paragraph_text(self, source: Source) -> str:
        """Return the paragraph of the source file, as the real service would."""
        self._record("paragraph_text", source)
        if (source.doc_id, source.paragraph) in self.paragraphs:
            return self.paragraphs[(source.doc_id, source.paragraph)]
        text = Path(source.path).read_text(encoding="utf-8")
        start, end = _paragraph_spans(text)[source.paragraph - 1]
        return text[start:end]

    def scope(
        self, *, since: str | None = None, until: str | None = None, outlet: str | None = None
    ) -> Scope | None:
        """No dates or outlets here: every scope is everything."""
        self._record("scope", since=since, until=until, outlet=outlet)
        return None

    def canonical_speaker(self, name: str, *, kind: str | None = None) -> str | None:
        """Return the speaker of the fixed quotes a name means (all of them are people)."""
        return self._speaker_in(name) if kind in (None, "person") else None

    def ingest(
        self,
        paths: Sequence[Path] | None = None,
        *,
        progress: bool = False,
        on_article: Callable[[int], None] | None = None,
    ) -> IngestSummary:
        """Read ``Name (role): "words"`` lines; skip a file without any."""
        self._record("ingest", paths)
        targets = list(paths) if paths is not None else sorted(self.corpus_dir.glob("*.md"))
        summary = IngestSummary()
        for path in targets:
            text = path.read_text(encoding="utf-8")
            found = []
            for number, line in enumerate(text.splitlines(), start=1):
                match = _LINE.match(line)
                if match is None:
                    continue
                start = text.index(match.group("text"))
                found.append(
                    QuoteResult(
                        speaker=match.group("name").strip(),
                        role=match.group("role").strip() or None,
                        text=match.group("text"),
                        kind="direct",
                        source=Source(
                            doc_id=path.stem, title=path.stem, path=str(path), paragraph=number
                        ),
                        start=start,
                        end=start + len(match.group("text")),
                    )
                )
            if not found:
                summary.skipped.append(f"{path.name}: no article text found")
                continue
            self.quotes += found
            summary.added += 1
            summary.quotes += len(found)
            summary.speakers += len({q.speaker for q in found})
        return summary

    def check(
        self,
        text: str,
        *,
        speaker: str | None = None,
        history: bool = False,
        scope: Scope | None = None,
        post: bool = False,
        language: str | None = None,
    ) -> list[Verdict]:
        """A claim is verbatim when a known quote holds its words (and its speaker, if named,
        is that quote's), misattributed when somebody else's does, else not found: the real
        verifier's verdicts without its alignment, for the front ends' tests."""
        self._record(
            "check",
            text,
            speaker=speaker,
            history=history,
            scope=scope,
            post=post,
            language=language,
        )
        searched = Searched(articles=len({q.source.doc_id for q in self.quotes}))
        verdicts = []
        for claim in parse_claims(text, speaker=speaker, post=post):
            words = " ".join(claim.text.split()).casefold()
            holding = [q for q in self.quotes if words in " ".join(q.text.split()).casefold()]
            if not holding:
                verdicts.append(
                    Verdict(
                        claim=claim.text,
                        speaker=claim.speaker,
                        verdict="not_found",
                        explanation=f"Not in the corpus ({searched.articles} articles searched).",
                        searched=searched,
                    )
                )
                continue
            real = holding[0]
            theirs = claim.speaker is None or claim.speaker.casefold() in real.speaker.casefold()
            verdicts.append(
                Verdict(
                    claim=claim.text,
                    speaker=claim.speaker,
                    verdict="verbatim" if theirs else "misattributed",
                    explanation=f"{real.speaker} said this.",
                    quotes=[real],
                    real_speaker=None if theirs else real.speaker,
                    reason=None if theirs else "other_speaker",
                    searched=searched,
                )
            )
        return verdicts

    def quote(self, qid: str) -> QuoteResult | None:
        """Return the known quote with this id, or None."""
        self._record("quote", qid)
        return next((q for q in self.quotes if quote_id(q) == qid), None)

    def history(self, qid: str) -> list[Copy]:
        """Every printing of a quote: none here (the fake keeps no reprints)."""
        self._record("history", qid)
        return []

    def follow(self) -> None:
        """Record that the bot checked for commits made elsewhere."""
        self._record("follow")

    def is_empty(self) -> bool:
        """Return whether there is nothing to answer from."""
        return not self.quotes

    def close(self) -> None:
        """Remember that the bot closed the service."""
        self._record("close")
        self.closed = True
