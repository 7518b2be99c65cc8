"""What the front ends may ask of the question-answering service: the ``QAService`` protocol.

:class:`retrieval.service.IndexService` is the service over the index; the tests' fake
(``tests/auxil/fake_service.py``) declares this protocol too, and a test compares the
signatures of all three, so the fake cannot drift from the real service unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from retrieval.filters import Scope
    from retrieval.models import (
        Answer,
        ChatContext,
        IngestSummary,
        QuoteResult,
        Source,
        SourceSummary,
        SpeakerSummary,
    )
    from retrieval.settings import RetrievalSettings
    from retrieval.verdicts import Copy, Verdict


@runtime_checkable
class QAService(Protocol):
    """Answer questions over a corpus; list, page and (re-)ingest it.

    Every method raises only the tree of ``retrieval.errors`` for the failures it knows
    (index, model, disk); anything else is a bug and propagates as itself.
    """

    settings: RetrievalSettings

    @property
    def corpus_dir(self) -> Path:
        """Directory of the default corpus (where uploaded articles are saved)."""
        ...

    def ask(
        self,
        question: str,
        *,
        context: ChatContext | None = None,
        limit: int | None = None,
        scope: Scope | None = None,
        language: str | None = None,
    ) -> Answer:
        """Answer a question with verbatim, cited quotes (or say that nothing was found), its
        own words in ``language`` (default: the question's)."""
        ...

    def quotes_by(
        self,
        name: str,
        *,
        offset: int = 0,
        limit: int = 5,
        scope: Scope | None = None,
        language: str | None = None,
    ) -> Answer:
        """Return one page of a speaker's quotes, in document order (named in any case and
        either script), described in ``language`` (default: the name's)."""
        ...

    def scope(
        self, *, since: str | None = None, until: str | None = None, outlet: str | None = None
    ) -> Scope | None:
        """Return the scope these options describe (dates, an outlet)."""
        ...

    def canonical_speaker(self, name: str, *, kind: str | None = None) -> str | None:
        """Return the speaker a name means (of this kind, if given), or None."""
        ...

    def speakers(self, *, language: str | None = None) -> list[SpeakerSummary]:
        """Return every quoted speaker, most quoted first (named in ``language``'s script
        where an article wrote the name so)."""
        ...

    def sources(self) -> list[SourceSummary]:
        """Return the indexed articles, newest first."""
        ...

    def paragraph_text(self, source: Source) -> str:
        """Return the full paragraph behind a citation ("" when it is no longer indexed)."""
        ...

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
        """Give each claim of a text (its quotations, or the whole text; ``post``: only its
        quotations) a verdict with its proof, ``speaker`` the name claimed when none is given
        beside the words, ``history`` every printing of the quote; the explanations in
        ``language`` (default: the text's)."""
        ...

    def quote(self, qid: str) -> QuoteResult | None:
        """Return the quote with this short id (deep links), verified against its source, or
        None when it is no longer indexed."""
        ...

    def history(self, qid: str) -> list[Copy]:
        """Return every printing of a quote (by its short id), earliest first."""
        ...

    def ingest(
        self,
        paths: Sequence[Path] | None = None,
        *,
        progress: bool = False,
        on_article: Callable[[int], None] | None = None,
    ) -> IngestSummary:
        """Ingest files or directories (default: the corpus directory)."""
        ...

    def follow(self) -> None:
        """Catch up with commits made elsewhere, letting go of a replaced index."""
        ...

    def is_empty(self) -> bool:
        """Whether no article is indexed."""
        ...

    def close(self) -> None:
        """Let go of the index; the service is not used after this."""
        ...
