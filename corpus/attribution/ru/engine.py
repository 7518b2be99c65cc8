"""The Russian quote engine: quotations and reported speech, each with its source.

The passes, over one :class:`~corpus.attribution.ru.analysis.Analysis` of the article:

1. quotation marks are paired (:mod:`~corpus.attribution.ru.marks`); a quotation that its
   attribution interrupts («A, — уточнил Белов. — B») is cut in two around it, and so is a
   line of dash-led dialogue (— A, — сказал он. — B);
2. speech cues and the words each attributes are found (:mod:`~corpus.attribution.ru.claims`);
3. each quotation takes its source from the cue inside it, the cue after it ("», — сказал
   X"), the cue before it ("X заявил: «"), or the cue whose content holds it ("по словам X,
   «…»"); a quotation with none that opens a paragraph continues the last speaker's words;
4. the words of a cue's content outside any quotation are reported speech;
5. in an interview laid out as "Имя Фамилия: answer", the answers are the person's;
6. sources are resolved in text order (:mod:`~corpus.attribution.ru.resolve`).

«» also mark names of organisations, titles and brands (партия «Яблоко», газета «Труд»):
words in marks with no cue are a quotation only when they read as one (a clause of four words
or more, not a name); a cue's content keeps a name in marks as part of its words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from corpus.attribution.ru.analysis import Analysis, Token, analyse
from corpus.attribution.ru.claims import Claim, find_claims, is_speech_verb
from corpus.attribution.ru.marks import MarkedSpan, find_spans
from corpus.attribution.ru.mentions import Mention, mention_at, source_noun_owner, subject_of
from corpus.attribution.ru.people import People, verb_gender
from corpus.attribution.ru.resolve import Resolver, Source
from corpus.lang.ru.speech import ANSWER_LABELS, QUESTION_LABELS, SOURCE_NOUNS
from corpus.models import Paragraph, Quote, QuoteKind

logger = logging.getLogger(__name__)

_DASHES = frozenset("—–-")
# Fewer words than this in marks is a term or a scare quote, not a quotation.
_MIN_WORDS = 3
# Words in marks with no cue must be a clause this long to be taken for a quotation.
_MIN_WORDS_UNCUED = 4
# A cue's whole content may be shorter ("призвал граждан сделать прививку").
_MIN_WORDS_WHOLE = 2
# How far after a closing mark (characters) its "— сказал X" may start.
_TAIL_REACH = 12
# A quotation that opens a paragraph with no cue continues a speaker this many paragraphs back.
_CONTINUE_REACH = 2
_WORD = re.compile(r"\w+")
# "Имя Фамилия: answer" at a paragraph's start (the label ends before 60 characters).
_LABEL = re.compile(r"[*_]{0,2}(?P<label>[^:\n«»\"*_]{2,60}?)[*_]{0,2}\s*:[*_]{0,2}\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class _Part:
    """Words of a quotation (or of one part of an interrupted one)."""

    start: int
    end: int
    paragraph: int
    cue: int | None = None  # the verb of an attribution inside the quotation, for this part
    opens_paragraph: bool = False
    chain: int = 0  # parts of one quotation printed over several paragraphs share a chain


@dataclass(frozen=True, slots=True)
class _Item:
    """A quote to emit once its source is resolved."""

    start: int
    end: int
    paragraph: int
    kind: QuoteKind
    subject: int | None  # the head token of the source phrase
    cue: int | None  # the verb (or source word) attributing it
    label: Mention | None = None  # a source given directly (an interview label)
    continues: bool = False  # no cue: the last speaker's words go on


def extract_quotes_ru(text: str, paragraphs: Sequence[Paragraph]) -> list[Quote]:
    """Find the quotes of a Russian article and attribute each to its source.

    Returns the quotes in text order; each quote's ``text`` is ``text[start:end]``.

    Raises:
        RussianModelError: The vetted Russian models cannot be loaded.
    """
    paras = sorted(paragraphs, key=lambda p: p.start)
    if not paras:
        return []
    analysis = analyse(text, paras)
    people = People(analysis)
    resolver = Resolver(analysis, people)
    claims = find_claims(analysis)
    answers = _interview_answers(analysis, paras)
    parts = _parts(analysis, paras, set(answers))
    items = _direct_items(analysis, parts, claims)
    taken = [(item.start, item.end) for item in items]
    items += _reported_items(analysis, claims, parts, taken, set(answers))
    items += [item for item in answers.values() if not _overlaps(item, items)]
    items.sort(key=lambda i: i.start)
    quotes: list[Quote] = []
    for item in items:
        quote = _emit(analysis, item, resolver)
        if quote is not None:
            quotes.append(quote)
    return quotes


def _overlaps(item: _Item, items: Sequence[_Item]) -> bool:
    return any(i.start < item.end and item.start < i.end for i in items)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


# --- quotations -------------------------------------------------------------------------


def _parts(analysis: Analysis, paras: Sequence[Paragraph], skip: set[int]) -> list[_Part]:
    """Cut every outer quotation (and dash-led line) into the parts its attributions leave."""
    text = analysis.text
    spans = [s for s in find_spans(text, paras) if s.depth == 0 and s.paragraph not in skip]
    spans += _dash_lines(analysis, paras, skip, spans)
    parts: list[_Part] = []
    starts = {p.number: p.start for p in paras}
    chain = 0
    for span in sorted(spans, key=lambda s: s.start):
        opens = not text[starts[span.paragraph] : span.open_at].strip(" \t\n—–-")
        if not span.continues_previous:
            chain += 1
        parts.extend(replace(p, chain=chain) for p in _split(analysis, span, opens))
    return parts


def _dash_lines(
    analysis: Analysis, paras: Sequence[Paragraph], skip: set[int], spans: list[MarkedSpan]
) -> list[MarkedSpan]:
    """Lines of dialogue ("— Текст, — сказал он. — Ещё текст.") as quotations.

    Only a line with an attribution of its own is taken: a dash-led line with none may be an
    interviewer's question or a list item.
    """
    text = analysis.text
    found: list[MarkedSpan] = []
    marked = {s.paragraph for s in spans if s.open_at - 3 <= _para_start(paras, s.paragraph)}
    for para in paras:
        if para.number in skip or para.number in marked:
            continue
        body = text[para.start : para.end]
        stripped = body.lstrip()
        if stripped[:1] not in _DASHES:
            continue
        at = para.start + len(body) - len(stripped)
        start = at + 1
        while start < para.end and text[start].isspace():
            start += 1
        span = MarkedSpan(at, start, para.end, None, para.number, 0)
        # Taken when it carries its attribution, follows one ending in a colon ("Вот что он
        # рассказал:"), or goes on from a line taken just before (not a question).
        introduced = text[previous_end(paras, para) : para.start].rstrip().endswith(":")
        goes_on = bool(found) and found[-1].paragraph == para.number - 1
        if _is_question(body):
            continue
        if any(p.cue is not None for p in _split(analysis, span, True)) or introduced or goes_on:
            found.append(span)
    return found


def _is_question(line: str) -> bool:
    """Whether a dash-led line is a question: "— …?" or "— …? — спросил он"."""
    words = re.split(r"\s[—–-]\s", line.strip().lstrip("—–- "), maxsplit=1)[0].rstrip()
    return words.endswith("?")


def previous_end(paras: Sequence[Paragraph], para: Paragraph) -> int:
    """Where the paragraph before ``para`` starts (its text runs up to ``para``)."""
    before = [p.start for p in paras if p.start < para.start]
    return max(before) if before else para.start


def _para_start(paras: Sequence[Paragraph], number: int) -> int:
    return next(p.start for p in paras if p.number == number)


def _split(analysis: Analysis, span: MarkedSpan, opens: bool) -> list[_Part]:
    """Cut a quotation around each attribution inside it: «A, — сказал X, — B»."""
    text = analysis.text
    tokens = analysis.tokens
    pieces: list[_Part] = []
    start = span.start
    for i in analysis.tokens_between(span.start, span.end):
        token = tokens[i]
        if token.start < start or not _attributing(token):
            continue
        before = _skip_back(tokens, i - 1, start)
        while before is not None and tokens[before].pos == "ADV":
            before = _skip_back(tokens, before - 1, start)  # "— тихо сказал он"
        if before is None or tokens[before].text not in _DASHES:
            continue
        punct = _skip_back(tokens, before - 1, start)
        if punct is None or tokens[punct].text not in {",", "!", "?", "…", "...", "."}:
            continue
        # The attribution runs to the next dash: «…, — сказал X. — …».
        resume = None
        for j in range(i + 1, len(tokens)):
            if tokens[j].start >= span.end or j - i > 25:
                break
            if tokens[j].text in _DASHES and tokens[j - 1].text in {",", ".", ":"}:
                resume = tokens[j].end
                break
        end = tokens[punct].start if tokens[punct].text == "," else tokens[punct].end
        if end > start:
            pieces.append(_Part(start, end, span.paragraph, i, opens and start == span.start))
        if resume is None:
            start = span.end
            break
        start = resume
        while start < span.end and text[start].isspace():
            start += 1
        pieces.append(_Part(start, span.end, span.paragraph, i))  # re-cut if another follows
        pieces.pop()
    if start < span.end:
        last_cue = pieces[-1].cue if pieces else None
        pieces.append(
            _Part(start, span.end, span.paragraph, last_cue, opens and start == span.start)
        )
    return [p for p in pieces if text[p.start : p.end].strip()]


def _skip_back(tokens: Sequence[Token], i: int, floor: int) -> int | None:
    return i if i >= 0 and tokens[i].start >= floor else None


def _quote_like(analysis: Analysis, start: int, end: int, *, cued: bool) -> bool:
    """Whether words in marks are a quotation rather than a name or a term."""
    text = analysis.text[start:end]
    words = _words(text)
    if words < _MIN_WORDS:
        return False
    indexes = analysis.tokens_between(start, end)
    tokens = [analysis.tokens[i] for i in indexes]
    has_verb = any(t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin" for t in tokens)
    named = sum(
        1 for i in indexes if analysis.entity_of(i) is not None and analysis.tokens[i].is_word
    )
    if named >= max(1, words - 1) and not has_verb:
        return False  # «Русская Православная Церковь», «Новый Регион — Екатеринбург»
    if cued:
        return True
    if words < _MIN_WORDS_UNCUED:
        return False
    return has_verb or text.rstrip()[-1:] in ".!?…"


def _direct_items(analysis: Analysis, parts: list[_Part], claims: list[Claim]) -> list[_Item]:
    items: list[_Item] = []
    cues = [_cue_of(analysis, part, claims) for part in parts]
    # A quotation over several paragraphs has one attribution, wherever it is printed.
    shared: dict[int, tuple[int | None, int | None]] = {}
    for part, found in zip(parts, cues, strict=True):
        if found != (None, None):
            shared.setdefault(part.chain, found)
    for part, found in zip(parts, cues, strict=True):
        cue, subject = found if found != (None, None) else shared.get(part.chain, found)
        if cue is None and subject is None:
            if _quote_like(analysis, part.start, part.end, cued=False):
                items.append(
                    _Item(
                        part.start,
                        part.end,
                        part.paragraph,
                        "direct",
                        None,
                        None,
                        continues=part.opens_paragraph,
                    )
                )
            continue
        if _quote_like(analysis, part.start, part.end, cued=True) or (
            part.cue is not None and _words(analysis.text[part.start : part.end]) >= _MIN_WORDS
        ):
            items.append(_Item(part.start, part.end, part.paragraph, "direct", subject, cue))
    return items


def _cue_of(analysis: Analysis, part: _Part, claims: list[Claim]) -> tuple[int | None, int | None]:
    """The verb attributing a quotation part and its subject's head token."""
    if part.cue is not None:
        return part.cue, subject_of(analysis, part.cue)
    tail = _tail_cue(analysis, part)
    if tail is not None:
        return tail, subject_of(analysis, tail)
    head = _head_cue(analysis, part)
    if head is not None:
        return head
    for claim in claims:
        inside = min(claim.end, part.end) - max(claim.start, part.start)
        if inside > (part.end - part.start) / 2:
            return claim.cue, claim.subject
    return None, None


def _tail_cue(analysis: Analysis, part: _Part) -> int | None:
    """ "«…», — сказал X": a speech verb right after the closing mark and a dash."""
    text = analysis.text
    after = part.end
    limit = min(len(text), after + _TAIL_REACH)
    gap = text[after:limit]
    if not re.match(r"^[»“”\"]?[ \t\u00a0]*[,.!?…]*[ \t\u00a0]*[—–-]", gap):
        return None
    first = analysis.token_at(after)
    if first is None:
        return None
    sentence = analysis.tokens[first].sentence
    words = 0
    for i in range(first, min(first + 12, len(analysis.tokens))):
        token = analysis.tokens[i]
        if token.sentence != sentence or token.text in "«„":
            break
        if is_speech_verb(token) or (words < 2 and _attributing(token)):
            return i
        words += token.is_word
    return None


def _attributing(token: Token) -> bool:
    """Whether a verb right after the dash that follows direct speech attributes it.

    Russian punctuation marks the author's words after direct speech with a dash, so the
    verb there attributes the speech whatever it is: "— сказал он", and as well "—
    улыбнулся он", "— пошутил министр".
    """
    if is_speech_verb(token):
        return True
    feats = token.feats
    return (
        token.pos == "VERB"
        and feats.get("VerbForm") == "Fin"
        and feats.get("Person") not in ("1", "2")
        and feats.get("Mood") != "Imp"
    )


def _head_cue(analysis: Analysis, part: _Part) -> tuple[int | None, int | None] | None:
    """ "X заявил: «…»", "Слова X из интервью: «…»", "Виктор Понедельник: «…»"."""
    text = analysis.text
    # The colon may end the paragraph before: "Вот что он рассказал:" / "— …".
    colon = part.start - 1
    while colon >= 0 and (
        text[colon].isspace() or text[colon] in '«„"“*>' or text[colon] in _DASHES
    ):
        colon -= 1
    if colon < 0 or text[colon] != ":":
        return None
    sentence = analysis.sentence_at(colon)
    if sentence is None:
        return None
    head = [
        analysis.tokens[i]
        for i in range(sentence.first, sentence.stop)
        if analysis.tokens[i].end <= colon
    ]
    for token in reversed(head):
        if is_speech_verb(token):
            return token.index, subject_of(analysis, token.index)
    for token in head:
        if token.lemma in SOURCE_NOUNS:
            owner = source_noun_owner(analysis, token.index)
            if owner is not None:
                return token.index, owner
    # No verb of speech: the subject of the clause before the colon ("Сам Белов оказался
    # более дипломатичным: «…»"), or a name standing alone as a label.
    for token in head:
        if token.rel in ("nsubj", "nsubj:pass") and analysis.entity_of(token.index) is not None:
            return None, token.index
    names = [analysis.entity_of(t.index) for t in head if t.is_word]
    if names and all(n is not None and n.kind == "PER" for n in names):
        return None, head[0].index
    return None


# --- reported speech --------------------------------------------------------------------


def _reported_items(
    analysis: Analysis,
    claims: list[Claim],
    parts: list[_Part],
    taken: list[tuple[int, int]],
    skip: set[int],
) -> list[_Item]:
    """The words of each claim's content outside quotations, as reported speech."""
    text = analysis.text
    items: list[_Item] = []
    cues = {c.cue for c in claims}
    for claim in claims:
        sentence = analysis.tokens[claim.cue].sentence
        if analysis.sentences[sentence].paragraph in skip:
            continue
        if claim.placement in ("before", "previous") and any(
            c != claim.cue and claim.start <= analysis.tokens[c].start < claim.end for c in cues
        ):
            continue  # "…, сообщает ТАСС" after someone's words: the outlet relays them
        holes = sorted(
            [(p.start, p.end) for p in parts if p.start < claim.end and claim.start < p.end]
            + [t for t in taken if t[0] < claim.end and claim.start < t[1]]
        )
        start = claim.start
        for a, b in [*holes, (claim.end, claim.end)]:
            piece_end = min(a, claim.end)
            if piece_end > start:
                s, e = _trim_piece(text, start, piece_end)
                whole = (s, e) == _trim_piece(text, claim.start, claim.end)
                if (
                    e > s
                    and _words(text[s:e]) >= (_MIN_WORDS_WHOLE if whole else _MIN_WORDS)
                    and not any(x < e and s < y for x, y in taken)
                ):
                    items.append(
                        _Item(
                            s,
                            e,
                            analysis.sentences[sentence].paragraph,
                            "reported",
                            claim.subject,
                            claim.cue,
                        )
                    )
                    taken.append((s, e))
            start = max(start, b)
    return items


def _trim_piece(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ',;:—–-«»„“”".'):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ',;:—–-«»„“”".'):
        end -= 1
    return start, end


# --- interviews -------------------------------------------------------------------------


def _interview_answers(analysis: Analysis, paras: Sequence[Paragraph]) -> dict[int, _Item]:
    """The answers of an interview, by paragraph.

    Layouts read: turns labelled with the speaker's name ("Мустафа Джемилев: …", also in
    Markdown bold), the interviewer's turns labelled with the outlet or a word for them
    ("Голос Америки: …", "Вопрос: …", "Корр.: …"), answers labelled "Ответ: …", and turns
    printed as dash-led lines ("— …?" / "— …"). A question is no quote. An answer labelled
    with a name is that person's; any other answer is the interviewee's: the person most
    often labelled, else the person the article names first before the interview. A
    paragraph with no label inside the interview continues the answer before it. An article
    is read as an interview only with two answers and a question, or two labelled answers.
    """
    text = analysis.text
    turns: dict[int, tuple[str, Mention | None, int]] = {}  # kind, label, content start
    for para in paras:
        turn = _turn(analysis, para)
        if turn is not None:
            turns[para.number] = turn
    named = [t[1] for t in turns.values() if t[0] == "answer" and t[1] is not None]
    questions = sum(1 for t in turns.values() if t[0] == "question")
    answers = sum(1 for t in turns.values() if t[0] == "answer")
    if not (len(named) >= 2 or (answers >= 2 and questions >= 1)):
        # One "Имя: «…»" line (a headline, a label) is a quotation read as such.
        single: dict[int, _Item] = {}
        for para in paras:
            turn = turns.get(para.number)
            if turn is not None and turn[0] == "answer" and turn[1] is not None:
                start, end = _trim_piece(text, turn[2], para.end)
                item = _Item(start, end, para.number, "interview", None, None, label=turn[1])
                if _single_quotation(text, item):
                    single[para.number] = item
        return single
    interviewee = _interviewee(analysis, paras, turns, named)
    found: dict[int, _Item] = {}
    numbers = sorted(turns)
    first, last = numbers[0], numbers[-1]
    speaker: Mention | None = None
    for para in paras:
        if para.number < first or para.number > last + 1:
            continue
        turn = turns.get(para.number)
        if turn is None:
            # A paragraph with no label after an answer goes on with it.
            if speaker is None or text[para.start : para.end].rstrip().endswith("?"):
                speaker = None
                continue
            start, end = _trim_piece(text, para.start, para.end)
        elif turn[0] == "question":
            speaker = None
            continue
        else:
            speaker = turn[1] or interviewee
            if speaker is None:
                continue
            start, end = _trim_piece(text, turn[2], para.end)
        if end > start:
            found[para.number] = _Item(
                start, end, para.number, "interview", None, None, label=speaker
            )
    return found


_LABEL_MARKUP = "*_"


def _turn(analysis: Analysis, para: Paragraph) -> tuple[str, Mention | None, int] | None:
    """Read a paragraph as a turn of an interview: ("question" | "answer", label, start)."""
    text = analysis.text
    body_start = para.start
    while body_start < para.end and text[body_start].isspace():
        body_start += 1
    if body_start < para.end and text[body_start] in _DASHES:
        # "— …?" is a question, "— …" an answer, unless it carries its own attribution
        # ("— …, — сказал он."): then it is a line of dialogue.
        content = body_start + 1
        span = MarkedSpan(body_start, content, para.end, None, para.number, 0)
        if any(part.cue is not None for part in _split(analysis, span, True)):
            return None
        if _is_question(text[content : para.end]):
            return "question", None, content
        return "answer", None, content
    match = _LABEL.match(text, body_start, para.end)
    if match is None:
        return None
    label_start, label_end = match.span("label")
    content = match.end()
    while content < para.end and (text[content] in _LABEL_MARKUP or text[content].isspace()):
        content += 1
    if content < para.end and text[content] in _DASHES:
        content += 1
    words = [
        i for i in analysis.tokens_between(label_start, label_end) if analysis.tokens[i].is_word
    ]
    if not words or len(words) > 4:
        return None
    entities = {analysis.entity_of(i) for i in words}
    first = analysis.tokens[words[0]]
    if first.lemma in ANSWER_LABELS:
        return "answer", None, content
    if first.lemma in QUESTION_LABELS or first.text.rstrip(".") in ("В", "Q"):
        return "question", None, content
    if len(entities) == 1 and None not in entities:
        (entity,) = entities
        assert entity is not None
        if entity.kind == "PER":
            mention = Mention("name", entity.start, entity.end, entity.text, first.index, entity)
            return "answer", mention, content
        return "question", None, content  # the outlet asking: "«СП»:", "Голос Америки:"
    return None


def _interviewee(
    analysis: Analysis,
    paras: Sequence[Paragraph],
    turns: dict[int, tuple[str, Mention | None, int]],
    named: list[Mention],
) -> Mention | None:
    """Who answers an interview: the person most often labelled, else the first person the
    article names (as a subject) before its first turn."""
    if named:
        counts: dict[str, int] = {}
        for mention in named:
            key = mention.entity.normal if mention.entity is not None else mention.text
            counts[key] = counts.get(key, 0) + 1
        best = max(counts, key=lambda k: counts[k])
        return next(m for m in named if (m.entity.normal if m.entity else m.text) == best)
    first_turn = min(turns)
    limit = next(p.start for p in paras if p.number == first_turn)
    for entity in analysis.entities:
        if entity.start >= limit:
            break
        head = analysis.tokens[entity.first]
        if entity.kind == "PER" and head.case in (None, "Nom"):
            return Mention("name", entity.start, entity.end, entity.text, entity.first, entity)
    return None


def _single_quotation(text: str, item: _Item) -> bool:
    body = text[item.start : item.end]
    return body[:1] in '«„"' and body.rstrip(".")[-1:] in '»“"'


# --- emitting ---------------------------------------------------------------------------


def _emit(analysis: Analysis, item: _Item, resolver: Resolver) -> Quote | None:
    text = analysis.text
    start, end = item.start, item.end
    if item.kind == "interview" and text[start] in '«„"' and text[end - 1] in '»“"':
        start, end = start + 1, end - 1
    source = _source(analysis, item, resolver)
    if source is _AUTHOR:
        return None  # the author's own words ("напомним, что …")
    if item.kind == "reported" and (source is None or source.speaker is None):
        return None  # reported speech with no source ("отмечается, что …") is no one's
    cue = analysis.tokens[item.cue].text if item.cue is not None else None
    if source is None:
        return Quote(
            start,
            end,
            text[start:end],
            item.kind if item.kind != "interview" else "direct",
            item.paragraph,
            cue=cue,
            confidence=0.1,
        )
    resolver.note(source, item.paragraph, end)
    mention = source.mention
    return Quote(
        start,
        end,
        text[start:end],
        item.kind,
        item.paragraph,
        speaker=source.speaker,
        role=source.role,
        mention=mention.text if mention is not None else None,
        mention_start=mention.start if mention is not None else None,
        mention_end=mention.end if mention is not None else None,
        cue=cue,
        confidence=source.confidence,
        source_kind=source.kind,
    )


# The author speaking ("напомним, что …"): no source, and no quote.
_AUTHOR = Source(None, None, "anonymous", None, 0.0)


def _source(analysis: Analysis, item: _Item, resolver: Resolver) -> Source | None:
    """The source of an item, None when it has none, or ``_AUTHOR``."""
    if item.label is not None:
        return resolver.resolve(item.label, None, item.paragraph)
    gender = verb_gender(analysis, item.cue) if item.cue is not None else None
    subject = item.subject
    if subject is None and item.cue is not None:
        subject = _name_after(analysis, item.cue)
    if subject is not None:
        mention = mention_at(analysis, subject)
        if mention is not None:
            if mention.kind == "author":
                return _AUTHOR
            return resolver.resolve(mention, gender, item.paragraph)
    if item.cue is not None and gender in ("masc", "femn"):
        # A subject the parse missed ("…, — добавил."): the verb's person, as a pronoun's.
        token = analysis.tokens[item.cue]
        pronoun = Mention(
            "pronoun", token.start, token.end, "он" if gender == "masc" else "она", item.cue
        )
        found = resolver.resolve(pronoun, gender, item.paragraph)
        if found is not None and found.person is not None:
            return Source(found.speaker, found.role, "person", None, 0.4, found.person)
    if item.continues:
        person = resolver.last_speaker(item.paragraph, _CONTINUE_REACH)
        if person is not None:
            return Source(person.name, person.role, "person", None, 0.4, person)
    return None


def _name_after(analysis: Analysis, verb: int) -> int | None:
    """The first name right after a verb with no parsed subject ("— сказал в беседе … X")."""
    tokens = analysis.tokens
    sentence = tokens[verb].sentence
    for i in range(verb + 1, min(verb + 15, len(tokens))):
        if tokens[i].sentence != sentence:
            break
        entity = analysis.entity_of(i)
        if entity is not None and entity.kind == "PER" and tokens[i].case in (None, "Nom"):
            return i
    return None
