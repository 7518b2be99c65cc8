"""The quote verifier: what is true about words somebody is said to have said.

Each claim gets one of four verdicts (:class:`retrieval.verdicts.Verdict`):

- **verbatim**: the words are printed in the corpus as a quote of the named person (of anyone,
  when no one is named), whole sentences of it;
- **altered**: the closest real quote differs: words dropped, changed or added, numbers
  changed, a sentence cut short, or reworded; the diff says where;
- **misattributed**: the words are in the corpus, but someone else said them, or the article
  only reports them (reported speech), or they are the article's own words;
- **not_found**: nothing close enough, with what was searched.

Candidates come from the answering chain's own retrieval (dense and BM25, fused; the rows that
print the claim's words, from BM25's postings; the named speaker's closest quotes). Each is a
*unit*: the pieces of one speaker's quote in one paragraph (a quote interrupted by "he said" is
one unit), or the narrative of a paragraph outside its quotes. The claim is aligned word by
word with each unit (:mod:`retrieval.align`); the closest decides. The thresholds below were
calibrated on ``eval/claims_dev.yaml`` (``python -m eval.calibrate_check``;
docs/architecture.md, "Claim → verdict").
"""

from __future__ import annotations

import logging
import re
import weakref
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from corpus.speakers.names import parse
from corpus.store import ArticleRecord
from retrieval.align import Alignment, Words, align, aligned_edges, describe, joined, markup, words
from retrieval.claims import Claim, parse_claims, quotations
from retrieval.lang import question_language
from retrieval.lexical import tokenize
from retrieval.models import QuoteResult, Source
from retrieval.texts.verdicts import EN as EN_VERDICTS
from retrieval.texts.verdicts import VerdictWording, verdict_wording
from retrieval.verdicts import Copy, DiffEdit, Searched, Verdict
from retrieval.verify import locate

if TYPE_CHECKING:
    from retrieval.chain import AnswerChain
    from retrieval.filters import Scope
    from retrieval.service import IndexService
    from retrieval.view import CorpusView

logger = logging.getLogger(__name__)

# Calibrated on eval/claims_dev.yaml and eval/claims_build.yaml (see the module docstring):
# REWORDED_COSINE 0.8 -> 0.72 found 9 more of the build half's 400 paraphrases for 1 more of
# its 165 invented quotes.
FOUND = 0.6  # share of words in common with the closest quote from which it is found
# Below that, down to REWORDED_FLOOR, a claim is the closest quote reworded when their meanings
# agree (the embedding's cosine): a paraphrase keeps the sense and loses words, an invented
# quote on the same topic shares a few words and not the sense.
REWORDED_FLOOR = 0.3
REWORDED_COSINE = 0.72
SAME_QUOTE = 0.8  # a printing this close to the earliest is the same quote (genealogy)
_CANDIDATES = 40  # rows taken from each search
_POSTINGS = 300  # rows holding all of a claim part's words, past which the part says nothing
_PRINTED_CANDIDATES = 3  # closest candidates whose paragraphs are read for the claim verbatim
_REWORDED_CANDIDATES = 5  # closest candidates whose meaning is compared with a paraphrase
_SHOWN = 3  # quotes shown with a verdict: the real one first, then the next closest
_OUTLETS = 5
MAX_TEXT = 10_000  # a long channel post is 4,096 characters


@dataclass(slots=True)
class Unit:
    """A span of an article a claim is compared with: one speaker's quote in one paragraph,
    or a paragraph's narrative (the words outside its quotes)."""

    doc_id: str
    paragraph: int
    rows: tuple[int, ...]  # the view rows of a quote's pieces (none for narrative)
    words: Words
    speaker: str | None = None  # canonical, for a named source
    raw_speaker: str | None = None  # as stored: also an unnamed source's description
    source_kind: str | None = None
    kind: str = "passage"  # the quote's kind (direct, reported, …) or "passage"
    marked: tuple[bool, ...] = ()  # narrative: each word inside quotation marks or not

    @property
    def is_quote(self) -> bool:
        """Whether the unit is somebody's quote (not the article's narrative)."""
        return bool(self.rows)

    @property
    def unattributed(self) -> bool:
        """Whether it is a quote whose speaker the engine could not find."""
        return self.is_quote and self.speaker is None and self.source_kind in (None, "person")

    def in_marks(self, start: int, end: int) -> bool:
        """Whether narrative words ``start:end`` all stand inside quotation marks (a quote
        printed with no attribution the engine could read)."""
        return bool(self.marked) and all(self.marked[start:end])


@dataclass(slots=True)
class Match:
    """A unit and how the claim aligns with it."""

    unit: Unit
    alignment: Alignment
    speaker_ok: bool = False
    date: str | None = None


@dataclass(slots=True)
class Checker:
    """Checks claims over one view; caches the units it builds."""

    chain: AnswerChain
    _units: dict[tuple[str, int, str], Unit] = field(default_factory=dict)
    _narrative: dict[tuple[str, int], Unit | None] = field(default_factory=dict)

    @property
    def view(self) -> CorpusView:
        """The committed state checked against."""
        return self.chain.view

    # -- candidates --------------------------------------------------------------------------

    def _rows(self, text: str, speaker: str | None, scope: Scope | None) -> set[int]:
        chain = self.chain
        mask = chain.scope_facts.mask(scope) if scope else None
        scoped: dict[str, Any] = {}
        if scope and mask is not None:
            scoped = {"scope": mask, "where": scope.where()}
        rows: set[int] = set()
        docs = chain.retriever.invoke(
            text, quotes_only=True, k=_CANDIDATES, passages=_CANDIDATES // 2, **scoped
        )
        rows.update(int(d.metadata["row"]) for d in docs)
        if speaker is not None:
            docs = chain.retriever.invoke(
                text, speaker=speaker, quotes_only=True, k=_CANDIDATES // 2, **scoped
            )
            rows.update(int(d.metadata["row"]) for d in docs)
        # The rows printing all the words of the claim, or of either half of it: an altered
        # claim keeps one half intact, and BM25 may rank a long quote that holds it low.
        terms = tokenize(text)
        half = len(terms) // 2
        for part in (terms, terms[:half], terms[half:]):
            if len(set(part)) >= 2:
                rows.update(self.view.lexical.rows_with_all(part, limit=_POSTINGS))
        if mask is not None:
            rows = {r for r in rows if mask[r]}
        return rows

    def _units_of(self, rows: set[int]) -> list[Unit]:
        out: dict[int, Unit] = {}
        for row in rows:
            chunk = self.view.rows[row]
            unit = self._quote_unit(row) if chunk.is_quote else self._narrative_unit(row)
            if unit is not None:
                out[id(unit)] = unit
        return list(out.values())

    def _quote_unit(self, row: int) -> Unit:
        chunk = self.view.rows[row]
        meta = chunk.meta
        who = chunk.speaker or meta.speaker or ""
        key = (meta.doc_id, meta.paragraph, f"{who}\x1f{meta.kind}")
        unit = self._units.get(key)
        if unit is not None:
            return unit
        article = self.view.articles[meta.doc_id]
        siblings = [
            r
            for r in self.chain.ranker.article_quotes(meta.doc_id)
            if (c := self.view.rows[r]).meta.paragraph == meta.paragraph
            and (c.speaker or c.meta.speaker or "") == who
            and c.meta.kind == meta.kind
        ] or [row]
        spans = _merged(
            [(self.view.rows[r].meta.start, self.view.rows[r].meta.end) for r in siblings]
        )
        pieces = [words(article.text[a:b], offset=a) for a, b in spans]
        unit = Unit(
            doc_id=meta.doc_id,
            paragraph=meta.paragraph,
            rows=tuple(siblings),
            words=joined(pieces),
            speaker=chunk.speaker if meta.named else None,
            raw_speaker=meta.speaker,
            source_kind=meta.source_kind,
            kind=meta.kind,
        )
        for sibling in siblings:
            other = self.view.rows[sibling]
            self._units[(meta.doc_id, meta.paragraph, f"{who}\x1f{other.meta.kind}")] = unit
        return unit

    def _narrative_unit(self, row: int) -> Unit | None:
        """The words of a passage's paragraph outside every attributed quote of the article."""
        meta = self.view.rows[row].meta
        key = (meta.doc_id, meta.paragraph)
        if key in self._narrative:
            return self._narrative[key]
        article = self.view.articles.get(meta.doc_id)
        unit = None
        if article is not None and 1 <= meta.paragraph <= len(article.paragraphs):
            start, end = article.paragraphs[meta.paragraph - 1]
            quoted = sorted(
                (c.meta.start, c.meta.end)
                for r in self.chain.ranker.article_quotes(meta.doc_id)
                if (c := self.view.rows[r]).meta.start < end and start < c.meta.end
            )
            spans, at = [], start
            for a, b in quoted:
                if a > at:
                    spans.append((at, a))
                at = max(at, b)
            if at < end:
                spans.append((at, end))
            pieces = [words(article.text[a:b], offset=a) for a, b in spans]
            found = joined(pieces)
            marks = [(start + a, start + b) for a, b in quotations(article.text[start:end])]
            marked = tuple(any(w < b and a < e for a, b in marks) for w, e in found.spans)
            if found.keys:
                unit = Unit(
                    doc_id=meta.doc_id,
                    paragraph=meta.paragraph,
                    rows=(),
                    words=found,
                    marked=marked,
                )
        self._narrative[key] = unit
        return unit

    # -- deciding ----------------------------------------------------------------------------

    def matches(self, claim: Claim, scope: Scope | None = None) -> list[Match]:
        """Return the claim's candidates aligned with it, closest first."""
        registry = self.view.registry
        speaker = registry.canonical(claim.speaker) if claim.speaker else None
        claimed = words(claim.text)
        out = []
        for unit in self._units_of(self._rows(claim.text, speaker, scope)):
            alignment = align(claimed, unit.words)
            if alignment is None:
                continue
            article = self.view.articles.get(unit.doc_id)
            out.append(
                Match(
                    unit,
                    alignment,
                    speaker_ok=claim.speaker is None or self.same_person(claim.speaker, unit),
                    date=article.date if article is not None else None,
                )
            )
        out.sort(key=lambda m: _rank(m, claim.speaker is not None))
        return out

    def same_person(self, claimed: str, unit: Unit) -> bool:
        """Whether the claimed name is the unit's speaker (any way of naming them)."""
        if unit.speaker is None:
            return False
        if unit.speaker in self.view.registry.candidates(claimed):
            return True
        return same_name(claimed, unit.speaker)

    def check(
        self,
        claim: Claim,
        *,
        history: bool = False,
        scope: Scope | None = None,
        language: str | None = None,
    ) -> Verdict:
        """Return the verdict on one claim, with its proof, explained in ``language``."""
        verdict = self._check(claim, history=history, scope=scope)
        verdict.explanation = explain(verdict, verdict_wording(language))
        return verdict

    def _check(self, claim: Claim, *, history: bool, scope: Scope | None) -> Verdict:
        found = self.matches(claim, scope)
        searched = self.searched(scope)
        best = self._closest(claim, found)
        if best is None:
            return self._not_found(claim, searched, found)
        alignment, unit = best.alignment, best.unit
        named = claim.speaker is not None
        if named and alignment.exact and not best.speaker_ok:
            # The same words under the claimed name elsewhere (a reprint credited otherwise).
            theirs = next((m for m in found if m.alignment.exact and m.speaker_ok), None)
            if theirs is not None:
                best, alignment, unit = theirs, theirs.alignment, theirs.unit
        if not alignment.exact:
            # The engine may have cut the quote short of its marks: the article's own words
            # decide whether the claim is printed, word for word.
            printed = self._printed(claim, found[:_PRINTED_CANDIDATES])
            if printed is None:
                return self._verdict(claim, "altered", best, found, searched, history=history)
            best, alignment, unit = printed, printed.alignment, printed.unit
        whole = aligned_edges(alignment, unit.words)
        in_marks = unit.in_marks(alignment.start, alignment.end)
        if not unit.is_quote and not in_marks:
            return self._verdict(claim, "misattributed", best, found, searched, "author")
        if unit.kind == "reported":
            return self._verdict(claim, "misattributed", best, found, searched, "reported")
        if unit.unattributed or in_marks:
            # Printed as a quote, but the engine found no speaker: the claimed name stands
            # only if the article names that person beside the words.
            if named and not self._named_near(str(claim.speaker), unit):
                return self._verdict(claim, "misattributed", best, found, searched, "unattributed")
        elif named and not best.speaker_ok:
            return self._verdict(claim, "misattributed", best, found, searched, "other_speaker")
        kind = "verbatim" if whole else "altered"
        return self._verdict(claim, kind, best, found, searched, history=history)

    def _printed(self, claim: Claim, candidates: list[Match]) -> Match | None:
        """Return the claim found word for word in a candidate's paragraph, as a unit of that
        paragraph's words with the speaker of the quote it overlaps most (none: narrative)."""
        claimed = words(claim.text)
        for match in candidates:
            article = self.view.articles.get(match.unit.doc_id)
            number = match.unit.paragraph
            if article is None or not 1 <= number <= len(article.paragraphs):
                continue
            low, high = article.paragraphs[number - 1]
            text = article.text[low:high]
            paragraph = words(text, offset=low)
            alignment = align(claimed, paragraph)
            if alignment is None or not alignment.exact:
                continue
            start = paragraph.spans[alignment.start][0]
            end = paragraph.spans[alignment.end - 1][1]
            quote = self._overlapping_quote(match.unit.doc_id, start, end)
            marks = [(low + a, low + b) for a, b in quotations(text)]
            marked = tuple(any(w < b and a < e for a, b in marks) for w, e in paragraph.spans)
            base = self._quote_unit(quote) if quote is not None else None
            unit = Unit(
                doc_id=match.unit.doc_id,
                paragraph=number,
                rows=base.rows if base is not None else (),
                words=paragraph,
                speaker=base.speaker if base is not None else None,
                raw_speaker=base.raw_speaker if base is not None else None,
                source_kind=base.source_kind if base is not None else None,
                kind=base.kind if base is not None else "passage",
                marked=() if base is not None else marked,
            )
            speaker_ok = claim.speaker is None or self.same_person(claim.speaker, unit)
            return Match(unit, alignment, speaker_ok=speaker_ok, date=match.date)
        return None

    def _overlapping_quote(self, doc_id: str, start: int, end: int) -> int | None:
        """Return the article's quote row that shares most characters with ``start:end``."""
        best, most = None, 0
        for row in self.chain.ranker.article_quotes(doc_id):
            meta = self.view.rows[row].meta
            shared = min(end, meta.end) - max(start, meta.start)
            if shared > most:
                best, most = row, shared
        return best

    def _closest(self, claim: Claim, found: list[Match]) -> Match | None:
        """Return the real quote the claim misquotes, or None when nothing is close enough.

        The closest by shared words when it shares ``FOUND`` of them; else, among the few
        closest that share at least ``REWORDED_FLOOR``, the one whose meaning is nearest, when
        the embedding's cosine reaches ``REWORDED_COSINE`` (a paraphrase: few words kept, the
        sense kept; an invented quote on the same topic keeps neither).
        """
        if not found:
            return None
        if found[0].alignment.overlap >= FOUND:
            return found[0]
        near = [m for m in found[:_REWORDED_CANDIDATES] if m.alignment.overlap >= REWORDED_FLOOR]
        if not near:
            return None
        embeddings = self.chain.retriever.embeddings
        wanted = _unit_vector(embeddings.embed_query(claim.text))
        best, cosine = None, REWORDED_COSINE
        for match in near:
            alignment = match.alignment
            window = " ".join(match.unit.words.surface[alignment.start : alignment.end])
            similarity = float(wanted @ _unit_vector(embeddings.embed_query(window)))
            if similarity >= cosine:
                best, cosine = match, similarity
        return best

    def _named_near(self, claimed: str, unit: Unit) -> bool:
        """Whether the article names the person in the unit's paragraph or the one before."""
        article = self.view.articles.get(unit.doc_id)
        parsed = parse(claimed)
        if article is None or parsed is None:
            return False
        surname = parsed.words[-1]
        spans = article.paragraphs
        text = " ".join(
            article.text[slice(*spans[n - 1])]
            for n in (unit.paragraph - 1, unit.paragraph)
            if 1 <= n <= len(spans)
        )
        return re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", text, re.IGNORECASE) is not None

    # -- the proof ---------------------------------------------------------------------------

    def _verdict(
        self,
        claim: Claim,
        kind: str,
        best: Match,
        found: list[Match],
        searched: Searched,
        reason: str | None = None,
        *,
        history: bool = False,
    ) -> Verdict:
        quotes = self._proof(best, found)
        if not quotes:  # the gate dropped the real quote: never show what is not printed
            return self._not_found(claim, searched, [])
        real = quotes[0]
        unit, alignment = best.unit, best.alignment
        verdict = Verdict(
            claim=claim.text,
            speaker=claim.speaker,
            verdict=kind,  # type: ignore[arg-type]
            explanation="",
            quotes=quotes,
            real_speaker=real.speaker if unit.is_quote else None,
            reason=reason,  # type: ignore[arg-type]
            searched=searched,
        )
        if kind == "verbatim":
            verdict.first = real.source if real.also else None
        elif kind == "altered":
            verdict.diff = markup(alignment)
            verdict.edits = [DiffEdit(op=e.op, text=" ".join(e.words)) for e in alignment.edits]
            verdict.changes = list(describe(alignment, unit.words))
            verdict.changed = round(alignment.changed, 3)
            verdict.other_speaker = bool(claim.speaker) and not best.speaker_ok
        if history and unit.is_quote:
            verdict.history = self.genealogy(real)
        return verdict

    def _not_found(self, claim: Claim, searched: Searched, found: list[Match]) -> Verdict:
        return Verdict(
            claim=claim.text,
            speaker=claim.speaker,
            verdict="not_found",
            explanation="",
            quotes=[],
            searched=searched,
        )

    def _proof(self, best: Match, found: list[Match]) -> list[QuoteResult]:
        """The real quote first (the matched piece, verbatim), then the next closest quotes."""
        out: list[QuoteResult] = []
        shown: set[tuple[str, int, int]] = set()
        for match in [best, *(m for m in found if m is not best)]:
            if len(out) >= _SHOWN:
                break
            if match is not best and match.alignment.overlap < FOUND:
                break
            quote = self._quote(match)
            if quote is None:
                continue
            spot = (quote.source.doc_id, quote.start, quote.end)
            if spot in shown:
                continue
            shown.add(spot)
            out.append(quote)
        return out

    def _quote(self, match: Match) -> QuoteResult | None:
        """The piece of the unit the claim matched, as a verified ``QuoteResult``."""
        unit = match.unit
        article = self.view.articles.get(unit.doc_id)
        if article is None:
            return None
        first_word = unit.words.spans[match.alignment.start][0]
        last_word = unit.words.spans[match.alignment.end - 1][1]
        if unit.is_quote:
            # The whole quote piece (all its windows) that holds the match.
            pieces = _merged(
                [(self.view.rows[r].meta.start, self.view.rows[r].meta.end) for r in unit.rows]
            )
            start, end = next(
                ((a, b) for a, b in pieces if a <= first_word < b), (first_word, last_word)
            )
            end = max(end, min(last_word, max(b for _, b in pieces)))
        elif unit.in_marks(match.alignment.start, match.alignment.end):
            # Quoted without an attribution the engine could read: the quotation itself.
            start, end = _quotation_around(article, unit.paragraph, first_word, last_word)
        else:
            start, end = _sentence_around(article.text, first_word, last_word)
        span = locate(article, article.text[start:end], start, end)
        if span is None:
            return None
        row = unit.rows[0] if unit.rows else None
        copies = self.chain.copies.of(row) if row is not None else []
        source = Source(
            doc_id=article.doc_id,
            title=article.title,
            date=article.date,
            url=article.url,
            outlet=article.outlet,
            path=article.path,
            paragraph=unit.paragraph,
        )
        meta = self.view.rows[row].meta if row is not None else None
        anonymous = meta is not None and meta.source_kind in ("anonymous", "document")
        # Other printings of the same quote (same speaker, same words), earliest first; the
        # candidates are ranked so that the earliest printing is the one shown.
        also = [
            s for s in (self.chain._copy_source(r) for r in copies) if s.doc_id != source.doc_id
        ]
        return QuoteResult(
            speaker=unit.speaker,
            role=(meta.speaker if anonymous else meta.role) if meta is not None else None,
            text=article.text[span[0] : span[1]],
            kind=_kind(unit, match),  # type: ignore[arg-type]
            source_kind=unit.source_kind,  # type: ignore[arg-type]
            source=source,
            start=span[0],
            end=span[1],
            score=round(match.alignment.overlap, 3),
            also=also,
        )

    # -- coverage and genealogy --------------------------------------------------------------

    def searched(self, scope: Scope | None) -> Searched:
        """Describe the articles a check looked through (within ``scope``)."""
        articles = list(self.view.articles.values())
        if scope:
            articles = [a for a in articles if scope.allows(a.date, a.outlet)]
        outlets = Counter(a.outlet for a in articles if a.outlet)
        dates = sorted(a.date for a in articles if a.date)
        return Searched(
            articles=len(articles),
            outlets=[name for name, _ in outlets.most_common(_OUTLETS)],
            outlet_count=len(outlets),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
            scope=scope.describe() if scope else None,
        )

    def genealogy(self, quote: QuoteResult) -> list[Copy]:
        """Every printing of a quote in the corpus, earliest first: the wording's drift
        against the earliest, and where the speaker changed."""
        family = [
            m
            for m in self.matches(Claim(text=quote.text))
            if m.unit.is_quote and m.alignment.overlap >= SAME_QUOTE
        ]
        family.sort(key=lambda m: (m.date is None, m.date or "", m.unit.doc_id))
        printed: list[tuple[Match, QuoteResult]] = []
        seen: set[str] = set()
        for match in family:
            found = self._quote(match) if match.unit.doc_id not in seen else None
            if found is not None:
                seen.add(match.unit.doc_id)
                printed.append((match, found))
        if not printed:
            return []
        first, first_quote = printed[0]
        base = words(first_quote.text)
        first_speaker = first.unit.speaker or first.unit.raw_speaker
        out = []
        for match, found in printed:
            piece = words(found.text)
            drift = align(piece, base)  # from the earliest wording to this one
            same = drift is not None and drift.exact and len(base) == len(piece)
            speaker = match.unit.speaker or match.unit.raw_speaker
            out.append(
                Copy(
                    source=found.source,
                    speaker=speaker,
                    text=found.text,
                    same_words=same,
                    diff=None if same or drift is None else markup(drift),
                    speaker_changed=speaker != first_speaker,
                )
            )
        return out


_KINDS = frozenset({"direct", "reported", "interview", "question", "post", "passage"})


def _kind(unit: Unit, match: Match) -> str:
    if not unit.is_quote:
        in_marks = unit.in_marks(match.alignment.start, match.alignment.end)
        return "direct" if in_marks else "passage"
    return unit.kind if unit.kind in _KINDS else "direct"


def _rank(match: Match, named: bool) -> tuple[float, ...]:
    """Order candidates: closest words first; among equals a quote before narrative, the
    claimed speaker's, then the earliest printing."""
    alignment = match.alignment
    return (
        -round(alignment.overlap, 3),
        -float(alignment.exact),
        -float(match.unit.is_quote),
        -float(match.speaker_ok and named),
        float(match.date is None),
        *_later(match.date),
    )


def _unit_vector(vector: list[float]) -> np.ndarray:
    array = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(array))
    return array / norm if norm else array


def _later(date: str | None) -> tuple[float, ...]:
    """Order ISO dates earliest first inside a tuple of floats (20220112.0)."""
    digits = (date or "").replace("-", "")
    return (float(digits) if digits.isdigit() else 0.0,)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _quotation_around(
    article: ArticleRecord, paragraph: int, start: int, end: int
) -> tuple[int, int]:
    """Return the words inside the quotation marks around ``start:end`` in a paragraph."""
    low, high = article.paragraphs[paragraph - 1]
    for a, b in quotations(article.text[low:high]):
        if low + a <= end and start < low + b:
            return low + a, max(low + b, min(end, high))
    return start, end


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the sentence(s) holding ``text[start:end]`` (within its line)."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "? ", "! ")))
    left = left + 1 if left >= 0 else 0
    while left < start and text[left].isspace():
        left += 1
    right = len(text)
    for mark in (".", "?", "!", "\n"):
        at = text.find(mark, end)
        if at != -1:
            right = min(right, at + (0 if mark == "\n" else 1))
    return left, max(right, end)


def explain(verdict: Verdict, words: VerdictWording) -> str:
    """Say in one sentence what is true about the claim: the verdict, whose the words are,
    where they are printed, and for "not found" what was searched."""
    claimed = verdict.speaker
    if verdict.verdict == "not_found" or not verdict.quotes:
        whom = words.by_speaker.format(speaker=claimed) if claimed else ""
        return words.not_found.format(
            whom=whom, searched=describe_searched(verdict.searched, words)
        )
    real = verdict.quotes[0]
    who, where = _who(real, words), _where(real.source, words)
    if verdict.verdict == "verbatim":
        carried = (
            words.first_printed.format(where=where)
            if real.also
            else words.printed_in.format(where=where)
        )
        if real.speaker is None and real.source_kind in (None, "person"):
            beside = words.names_beside.format(speaker=claimed) if claimed else ""
            return words.verbatim_unread.format(carried=carried, beside=beside)
        return words.verbatim.format(who=who, carried=carried)
    if verdict.verdict == "altered":
        what = ", ".join(words.changes.get(c, c) for c in verdict.changes) or words.changed
        share = words.share_changed.format(share=f"{verdict.changed:.0%}")
        note = words.not_theirs.format(who=who, speaker=claimed) if verdict.other_speaker else ""
        return words.altered.format(what=what, share=share, who=who, where=where, note=note)
    if verdict.reason == "reported":
        return words.reported.format(who=who, where=where)
    if verdict.reason == "author":
        named = words.did_not_say.format(speaker=claimed) if claimed else ""
        return words.author.format(named=named, where=where)
    if verdict.reason == "unattributed":
        return words.unattributed.format(speaker=claimed, where=where)
    named = words.not_speaker.format(speaker=claimed) if claimed else words.someone_else
    return words.other_speaker.format(who=who, named=named, where=where)


def describe_searched(searched: Searched, words: VerdictWording = EN_VERDICTS) -> str:
    """Say what was searched: "12 articles searched (3 outlets: A, B, C; 2016-09-08 to
    2016-10-04)"."""
    span = words.searched.format(articles=words.count(searched.articles, words.article_forms))
    details = []
    if searched.outlet_count:
        outlets = words.count(searched.outlet_count, words.outlet_forms)
        named = ", ".join(searched.outlets)
        more = ", …" if searched.outlet_count > len(searched.outlets) else ""
        details.append(f"{outlets}: {named}{more}" if named else outlets)
    if searched.first_date and searched.last_date:
        details.append(
            searched.first_date
            if searched.first_date == searched.last_date
            else words.date_range.format(first=searched.first_date, last=searched.last_date)
        )
    if searched.scope:
        details.append(searched.scope)
    return span + (f" ({'; '.join(details)})" if details else "")


def _who(quote: QuoteResult, words: VerdictWording) -> str:
    if quote.speaker:
        return quote.speaker
    if quote.source_kind == "anonymous":
        return (
            words.unnamed_source_role.format(role=quote.role)
            if quote.role
            else words.unnamed_source
        )
    if quote.source_kind == "document":
        return quote.role or words.a_document
    if quote.kind == "passage":
        return words.the_article
    return words.unnamed_speaker


def _where(source: Source, words: VerdictWording) -> str:
    title = source.title or source.path.rsplit("/", 1)[-1]
    parts = [f"“{title}”"]
    if source.outlet:
        parts.append(source.outlet)
    if source.date:
        parts.append(source.date)
    parts.append(words.paragraph.format(n=source.paragraph))
    return ", ".join(parts)


def same_name(claimed: str, speaker: str) -> bool:
    """Whether two names can be one person's: the same surname, and first names that agree
    where both are given (a nickname or an initial agrees with the full first name; a first
    name the speaker carries as a middle name, "William Brooks" for "Cornell William Brooks",
    too)."""
    a, b = parse(claimed), parse(speaker)
    if a is None or b is None or a.kind != b.kind:
        return False
    if a.kind == "org":
        return set(a.key) <= set(b.key) or set(b.key) <= set(a.key)
    if a.key[-1] != b.key[-1]:
        return False
    if len(a.key) == 1 or len(b.key) == 1:
        return True
    first_a, first_b = a.key[0], b.key[0]
    if first_a == first_b or set(a.folded) <= set(b.folded) or set(b.folded) <= set(a.folded):
        return True
    return min(len(first_a), len(first_b)) == 1 and first_a[:1] == first_b[:1]


def history_of(service: IndexService, qid: str) -> list[Copy]:
    """Every printing of the quote ``qid`` in the corpus, earliest first ([] when it is gone).

    Raises:
        IndexUnavailableError: The index cannot be read (or a subclass saying why).
    """
    from corpus.errors import CorpusError
    from retrieval.quote_ids import find_quote
    from retrieval.service import translate

    try:
        quote = find_quote(service, qid)
        if quote is None:
            return []
        return checker_of(service.current_chain()).genealogy(quote)
    except CorpusError as exc:
        raise translate(exc) from exc


_CHECKERS: weakref.WeakKeyDictionary[AnswerChain, Checker] = weakref.WeakKeyDictionary()


def checker_of(chain: AnswerChain) -> Checker:
    """Return the checker of an answering chain (one per committed view)."""
    found = _CHECKERS.get(chain)
    if found is None:
        found = _CHECKERS[chain] = Checker(chain)
    return found


def check_text(
    service: IndexService,
    text: str,
    *,
    speaker: str | None = None,
    history: bool = False,
    scope: Scope | None = None,
    post: bool = False,
    language: str | None = None,
) -> list[Verdict]:
    """Check every claim of a text (its quotations, or the whole text): one verdict each.

    ``post``: the text is a post, not a claim: only the words it puts in quotation marks are
    claims (none when it quotes nobody). ``language``: of the explanations (default: the
    text's own).

    Raises:
        QuestionError: The text is empty, too long or not valid text.
        IndexUnavailableError: The index cannot be read (or a subclass saying why).
    """
    from corpus.errors import CorpusError
    from retrieval.errors import QuestionError
    from retrieval.service import translate

    if not isinstance(text, str) or not text.strip():
        raise QuestionError("Give the words to check, e.g. “We will never surrender” — Jane Roe.")
    if len(text) > MAX_TEXT:
        raise QuestionError(
            f"That text is {len(text):,} characters long; please keep it under {MAX_TEXT:,}."
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise QuestionError("That text holds characters that are not valid text.") from None
    claims = parse_claims(text, speaker=speaker, post=post)
    try:
        checker = checker_of(service.current_chain())
        language = language or question_language(text)
        return [
            checker.check(claim, history=history, scope=scope, language=language)
            for claim in claims
        ]
    except CorpusError as exc:
        raise translate(exc) from exc


__all__ = [
    "FOUND",
    "SAME_QUOTE",
    "Checker",
    "check_text",
    "checker_of",
    "history_of",
    "same_name",
]
