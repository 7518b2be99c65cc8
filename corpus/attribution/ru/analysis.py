"""Read a Russian article with natasha: sentences, tokens with morphology and syntax, names.

One :class:`Analysis` per article, built once and read by every pass. Offsets index the
article text. Each paragraph is read on its own, so no sentence runs across paragraphs.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from corpus.attribution.ru.models import load_models, name_vocab
from corpus.attribution.ru.morph import lemma
from corpus.models import Paragraph

logger = logging.getLogger(__name__)

EntityKind = Literal["PER", "ORG", "LOC"]


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark: where it is, what it is, and what it depends on."""

    index: int  # in the article's token list
    start: int
    end: int
    text: str
    sentence: int
    pos: str  # universal part of speech (natasha)
    feats: Mapping[str, str]
    head: int  # the index of the token it depends on, -1 for a sentence's root
    rel: str  # the dependency relation to its head

    @property
    def lemma(self) -> str:
        """The dictionary form, lowercased, ё as е."""
        return lemma(self.text, self.pos)

    @property
    def case(self) -> str | None:
        return self.feats.get("Case")

    @property
    def is_word(self) -> bool:
        return self.pos != "PUNCT"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its span, its paragraph and its tokens ``[first, stop)``."""

    index: int
    start: int
    end: int
    paragraph: int
    first: int
    stop: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A name natasha found: a person, an organisation or a place, and its nominative form."""

    start: int
    end: int
    kind: EntityKind
    text: str
    normal: str
    first: int  # its tokens, [first, stop)
    stop: int


@dataclass(slots=True)
class Analysis:
    """Everything natasha read in one article."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    _children: dict[int, list[int]] = field(default_factory=dict)
    _token_starts: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    _entity_of: dict[int, Entity] = field(default_factory=dict)

    def finish(self) -> None:
        """Build the indexes the readers use."""
        self._token_starts = [t.start for t in self.tokens]
        self._sentence_starts = [s.start for s in self.sentences]
        for token in self.tokens:
            if token.head >= 0:
                self._children.setdefault(token.head, []).append(token.index)
        for entity in self.entities:
            for i in range(entity.first, entity.stop):
                self._entity_of[i] = entity

    def children(self, index: int) -> list[int]:
        """Return the tokens that depend on a token, in text order."""
        return self._children.get(index, [])

    def subtree(self, index: int, *, skip: frozenset[str] = frozenset()) -> list[int]:
        """Return a token and everything under it, leaving out branches by relation."""
        found = [index]
        stack = [index]
        while stack:
            for child in self.children(stack.pop()):
                if self.tokens[child].rel in skip:
                    continue
                found.append(child)
                stack.append(child)
        return sorted(found)

    def entity_of(self, index: int) -> Entity | None:
        """Return the name a token is part of, if any."""
        return self._entity_of.get(index)

    def tokens_between(self, start: int, end: int) -> range:
        """Return the indexes of the tokens lying inside ``[start, end)``."""
        first = bisect_left(self._token_starts, start)
        stop = first
        while stop < len(self.tokens) and self.tokens[stop].end <= end:
            stop += 1
        return range(first, stop)

    def token_at(self, offset: int) -> int | None:
        """Return the index of the token covering an offset, or the next one."""
        i = bisect_right(self._token_starts, offset) - 1
        if i >= 0 and self.tokens[i].end > offset:
            return i
        return i + 1 if i + 1 < len(self.tokens) else None

    def sentence_at(self, offset: int) -> Sentence | None:
        """Return the sentence that holds an offset."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end + 1:
            return self.sentences[i]
        return None

    def sentence_tokens(self, sentence: Sentence) -> Sequence[Token]:
        return self.tokens[sentence.first : sentence.stop]

    def entities_between(self, start: int, end: int) -> Iterator[Entity]:
        for entity in self.entities:
            if entity.start >= start and entity.end <= end:
                yield entity


def analyse(text: str, paragraphs: Sequence[Paragraph]) -> Analysis:
    """Segment, tag, parse and find names in each paragraph of an article.

    Raises:
        RussianModelError: The vetted models cannot be loaded.
    """
    from natasha import Doc

    models = load_models()
    vocab = name_vocab()
    result = Analysis(text)
    for para in paragraphs:
        chunk = text[para.start : para.end]
        if not chunk.strip():
            continue
        doc = Doc(chunk)
        doc.segment(models.segmenter)
        doc.tag_morph(models.morph)
        doc.parse_syntax(models.syntax)
        doc.tag_ner(models.ner)
        _add(result, doc, para, vocab)
    result.finish()
    return result


def _add(result: Analysis, doc: Any, para: Paragraph, vocab: Any) -> None:
    """Append one paragraph's natasha document to the article's analysis."""
    from natasha.shape import ShapeRecoverError

    offset = para.start
    ids: dict[str, int] = {}
    for sent in doc.sents:
        first = len(result.tokens)
        for token in sent.tokens:
            ids[token.id] = len(result.tokens)
            result.tokens.append(
                Token(
                    index=len(result.tokens),
                    start=offset + token.start,
                    end=offset + token.stop,
                    text=token.text,
                    sentence=len(result.sentences),
                    pos=token.pos or "X",
                    feats=dict(token.feats or {}),
                    head=-1,
                    rel=token.rel or "",
                )
            )
        result.sentences.append(
            Sentence(
                len(result.sentences),
                offset + sent.start,
                offset + sent.stop,
                para.number,
                first,
                len(result.tokens),
            )
        )
        for token in sent.tokens:
            head = ids.get(token.head_id, -1) if token.head_id else -1
            mine = ids[token.id]
            if head == mine:
                head = -1
            if head >= 0:
                t = result.tokens[mine]
                result.tokens[mine] = Token(
                    t.index, t.start, t.end, t.text, t.sentence, t.pos, t.feats, head, t.rel
                )
    for span in doc.spans:
        try:
            span.normalize(vocab)
            normal = span.normal or span.text
        except ShapeRecoverError:  # a word natasha cannot write back in its case: as printed
            logger.debug("cannot normalise %r", span.text, exc_info=True)
            normal = span.text
        normal = _keep_yo(normal, span.text)
        tokens = [ids[t.id] for t in span.tokens if t.id in ids]
        if not tokens:
            continue
        result.entities.append(
            Entity(
                offset + span.start,
                offset + span.stop,
                span.type,
                span.text,
                normal,
                tokens[0],
                tokens[-1] + 1,
            )
        )


def _keep_yo(normal: str, printed: str) -> str:
    """Put back the ё natasha's normaliser writes as е ("Семёна" → "Семен" → "Семён")."""
    if "ё" not in printed.lower():
        return normal
    words = normal.split(" ")
    for word in printed.split():
        at = word.lower().find("ё")
        if at < 0:
            continue
        for k, candidate in enumerate(words):
            low = candidate.lower()
            if len(low) > at and low[:at] == word.lower()[:at] and low[at] == "е":
                yo = "Ё" if candidate[at].isupper() else "ё"
                words[k] = candidate[:at] + yo + candidate[at + 1 :]
    return " ".join(words)
