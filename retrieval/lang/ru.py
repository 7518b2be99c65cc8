"""How a Russian question is read: the same four decisions as ``retrieval.question``, by syntax.

Russian orders its words freely ("Что сказал Песков?", "Что Песков сказал?", "Песков что
сказал?") and declines names ("слова Путина", "о Пескове"), so patterns over the word order, as
the English reader uses, would not do. natasha's parser (the vetted models the Russian quote
engine loads) gives each word its part of speech, case and head; the reader follows that
structure:

1. **Does it ask for a speaker?** The subject is "кто" ("Кто сказал …", "Кто из экспертов …":
   the words after "из" describe the speaker), a noun with "какой"/"который" ("Какой академик
   посмеялся …": the noun phrase is the description), "чей" ("Чьи слова: «…»?"), "кем"/"кому"
   ("Кем было сказано …", "Кому принадлежат слова …"), or "Назовите эксперта, который …".
2. **Whose words does it ask about?** The subject of the question's verb ("Что сказал/заявил/
   думает X", "Как X оценил …", "Чем X пригрозил …"), or the genitive of a noun for words
   ("слова/цитаты/заявления X о …"). A name there, in any case and either script, is matched
   against the registry (``corpus.speakers.speaker_candidates``); a person nobody is quoted
   under is ``unknown_speaker``; a description ("пресс-секретарь Белого дома") is matched
   against the recorded roles, as in English. He, she, they: the conversation's last speaker.
3. **Everything else is topic**: what the verb is about ("о переговорах", "про санкции",
   "насчёт НАТО", "по поводу …", "на приговор" after "отреагировал"), else the verb's other
   words. Names outside the speaker's place are ``mentioned``.
4. **Words in quotation marks are a claim**, unless they are a name («Единая Россия», газета
   «Труд»: all capitalised, or after a word for an organisation).

The result is the same typed :class:`~retrieval.question.Query` the English reader makes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from corpus.lang.ru.speech import ORGANISATION_NOUNS
from corpus.speakers import SpeakerRegistry, find_speakers, speaker_candidates
from retrieval.lang.ru_words import (
    ABOUT,
    ANYONE,
    DOCUMENT,
    FOLLOWUP_WORDS,
    FRAME_VERBS,
    NAME_THE,
    PRONOUNS,
    QUESTION_VERBS,
    QUESTION_WORDS,
    SHOW_VERBS,
    SURNAME_ENDINGS,
    WHICH_WORDS,
    WHO_WORDS,
    WORDS_NOUNS,
)
from retrieval.lexical import tokenize
from retrieval.question import Query, described, form_of

if TYPE_CHECKING:
    from threadpoolctl import ThreadpoolController

_SPACES = re.compile(r"\s+")
# Words in quotation marks, as the English reader takes them (guillemets, „…“, straight and
# curly double quotes).
_QUOTED = re.compile(r"[«„“\"]([^»“”\"]{2,}?)[»“”\"]")
# What may end a question and is no word of it.
_TRIM = " \t,.;:!?—–-"
# Verbs whose "на X" is what they answer ("Как X отреагировал на приговор?").
_REACT = frozenset({"отреагировать", "реагировать", "ответить", "отвечать", "откликнуться"})
# Dependency relations under a noun that are no part of a name or description: a relative
# clause ("эксперт, который …"), punctuation, a conjoined second subject.
_NOT_PART = frozenset({"acl:relcl", "acl", "punct", "conj", "cc", "parataxis"})
_SUBJECT = ("nsubj", "nsubj:pass")


@dataclass(frozen=True, slots=True)
class _Word:
    """One word of the question as the parser read it."""

    index: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    case: str | None
    head: int
    rel: str
    entity: str | None  # PER, ORG, LOC when natasha found a name here
    finite: bool  # a verb's finite form ("сказал", not "сказать" or "сказавший")
    imperative: bool  # "Расскажи", "Покажите"
    animate: bool  # a noun for a living being ("эксперт", not "заявление")
    gender: str | None  # Masc, Fem, Neut, as the parser reads it in context
    number: str | None  # Sing, Plur


class _Parse:
    """The question's words, their heads and their names, read once."""

    def __init__(self, text: str) -> None:
        from corpus.attribution.ru.analysis import analyse
        from corpus.models import Paragraph

        # natasha's models are shared with any ingest running in this process; its matrix
        # products on one BLAS thread: a question is a dozen words, and OpenBLAS's threads
        # spinning for them on a busy machine made a parse take 0.3 s instead of 10 ms.
        with _LOCK, _blas().limit(limits=1, user_api="blas"):
            analysis = analyse(text, [Paragraph(number=1, start=0, end=len(text))])
        entity_of: dict[int, str] = {}
        self.people: list[tuple[int, int, str]] = []  # PER spans and their nominative
        for entity in analysis.entities:
            for i in range(entity.first, entity.stop):
                entity_of[i] = entity.kind
            if entity.kind == "PER":
                self.people.append((entity.start, entity.end, entity.normal))
        self.words = [
            _Word(
                t.index,
                t.start,
                t.end,
                t.text,
                t.lemma,
                t.pos,
                t.case,
                t.head,
                t.rel,
                entity_of.get(t.index),
                t.feats.get("VerbForm") == "Fin",
                t.feats.get("Mood") == "Imp",
                t.feats.get("Animacy") == "Anim",
                t.feats.get("Gender"),
                t.feats.get("Number"),
            )
            for t in analysis.tokens
        ]
        self.children: dict[int, list[int]] = {}
        for word in self.words:
            if word.head >= 0:
                self.children.setdefault(word.head, []).append(word.index)
        roots = [w.index for w in self.words if w.head < 0 and w.pos != "PUNCT"]
        # A question of two sentences ("Слушай. Что сказал Песков?"): the one asking.
        asking = [r for r in roots if _sentence_asks(text, self.words, r)]
        self.root = (asking or roots or [-1])[-1 if asking else 0]
        self.request = -1  # "Расскажи, что …": the request around the question, if any
        self.verb = self._predicate()

    def _predicate(self) -> int:
        """The verb the question asks about: the one its question word depends on, else the
        sentence's root, else its first finite verb ("Кто предложил … о том, как …": the
        parser may hang the sentence on "том"; "предложил" is still what "Кто" asks)."""
        words = self.words
        first = next((w for w in words if w.pos != "PUNCT"), None)
        if first is not None and first.lemma in QUESTION_WORDS:
            index, steps = first.index, 0
            while index >= 0 and steps <= len(words):
                if words[index].pos in ("VERB", "AUX") and index != first.index:
                    return index
                index, steps = words[index].head, steps + 1
        if self.root >= 0 and words[self.root].pos in ("VERB", "AUX"):
            # "Расскажи, что говорил X о …": the question is the clause the request embeds.
            if words[self.root].imperative:
                for kid in self.children.get(self.root, []):
                    if words[kid].rel in ("ccomp", "xcomp") and words[kid].pos == "VERB":
                        self.request = self.root
                        return kid
            return self.root
        return next((w.index for w in words if w.pos == "VERB" and w.finite), self.root)

    def subtree(self, index: int, *, skip: frozenset[str] = _NOT_PART) -> list[int]:
        """Return a word and the words under it, leaving out branches by relation."""
        found, stack = [index], [index]
        while stack:
            for child in self.children.get(stack.pop(), []):
                if self.words[child].rel in skip:
                    continue
                found.append(child)
                stack.append(child)
        return sorted(found)

    def kids(self, index: int, *rels: str) -> list[int]:
        """Return a word's dependents, those of the given relations when any are given."""
        out = self.children.get(index, [])
        return [c for c in out if not rels or self.words[c].rel in rels]


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    """The process's BLAS libraries, found once (finding them takes a millisecond)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _sentence_asks(text: str, words: Sequence[_Word], root: int) -> bool:
    last = max((w.end for w in words if _root_of(words, w.index) == root), default=0)
    return "?" in text[last : last + 2]


def _root_of(words: Sequence[_Word], index: int) -> int:
    seen = 0
    while words[index].head >= 0 and seen < len(words):
        index = words[index].head
        seen += 1
    return index


def analyse_ru(
    question: str,
    registry: SpeakerRegistry,
    *,
    last_speaker: str | None = None,
    last_topic: str | None = None,
) -> Query:
    """Read a Russian question into a :class:`Query` (see the module docstring)."""
    text = _SPACES.sub(" ", question).strip()
    claim, parsed_text, blank = _claim(text)
    parse = _Parse(parsed_text)
    words = parse.words
    reader = _Reader(text, parse, registry, blank)
    if parse.verb < 0:
        return Query(question=question, form="open", search_text=text.strip(_TRIM))

    # 1. A speaker asked for, with the words that describe them.
    asks, description, frame = reader.asked_for()
    # 2. A speaker's place: the verb's subject, or the genitive of a noun for words.
    slot = None if asks else reader.speaker_slot()
    speaker: str | None = None
    unknown: str | None = None
    ambiguous: tuple[str, ...] = ()
    via_role: str | None = None
    described_in_slot = False
    pronoun = slot is not None and words[slot[0]].lemma in PRONOUNS and len(slot) == 1
    if slot is not None and not pronoun:
        if _lemmas(words, slot) & ANYONE and not reader.names_in(slot):
            asks, slot = True, None  # "Что говорят эксперты о …": who said it
        elif _lemmas(words, slot) & DOCUMENT:
            slot = None  # "Что пишет газета о …": what the articles report
    frame |= reader.frame
    if parse.request >= 0:
        frame.add(parse.request)
    if pronoun and slot is not None:
        frame |= set(slot)
    if slot is not None and not pronoun:
        who = reader.whose(slot)
        speaker, unknown, ambiguous, via_role = who.speaker, who.unknown, who.ambiguous, who.body
        if who.description is not None:
            asks, description, described_in_slot = True, who.description, True
        frame |= set(slot)
    matches = find_speakers(registry, text)
    if (
        not asks
        and slot is None
        and speaker is None
        and matches
        and reader.leads_with(matches[0].start)
    ):
        # "Путин о санкциях?": a name first, with no other shape, is whose words are meant.
        speaker = matches[0].canonical
        frame |= reader.words_within(matches[0].start, matches[0].end)

    followup = False
    free = speaker is None and unknown is None and not ambiguous and not asks
    if free and last_speaker and (pronoun or reader.leans_on_context()):
        speaker, followup = last_speaker, True

    topic, explicit = reader.topic(frame)
    if followup and topic is None and last_topic and not reader.asks_more():
        topic = last_topic
    form = form_of(
        followup=followup,
        named=speaker is not None or unknown is not None or bool(ambiguous),
        asks=asks,
    )
    # A named speaker's words are searched for the topic alone, as in English.
    named = form in ("speaker", "followup")
    search = (topic or claim or "") if named else reader.search_text(frame)
    if claim and not named:
        # The quoted words are searched for first ("Чьи это слова: «…»?" has nothing else).
        search = f"{claim} {search}" if len(tokenize(search)) > 1 else claim
    mentioned: tuple[str, ...] = ()
    if form == "who":
        # Everyone the names in the question could mean ("Трампу": any Trump quoted).
        names = [m.canonical for m in matches]
        names += [c for m in registry.ambiguous_in(text) for c in m.candidates]
        names += [c for name in reader.people_named() for c in speaker_candidates(registry, name)]
        mentioned = tuple(dict.fromkeys(names))
    return Query(
        question=question,
        form=form,
        search_text=search,
        speaker=speaker,
        unknown_speaker=unknown,
        topic=topic,
        followup=followup,
        needs_context=speaker is None and unknown is None and pronoun,
        ambiguous=ambiguous,
        via_role=via_role,
        wants_quotes=form == "who" or reader.about_speech(),
        explicit_topic=explicit,
        description=description,
        described_in_slot=described_in_slot,
        claim=claim,
        mentioned=mentioned,
    )


def _claim(text: str) -> tuple[str | None, str, tuple[int, int]]:
    """Return the words a question quotes, the question with them blanked for the parser, and
    where the blank is.

    A quoted name is no claim: «Единая Россия», газета «Труд» (every word capitalised, or a
    word for an organisation just before it).
    """
    for found in _QUOTED.finditer(text):
        words = found.group(1).strip(" ,.;:!?")
        before = text[: found.start()].split()
        named = all(w[:1].isupper() for w in words.split()) or (
            bool(before) and _folded(before[-1]) in ORGANISATION_NOUNS
        )
        if named or len(words.split()) < 2:
            continue
        # "это" keeps the sentence whole for the parser ("Кто сказал «…»?" is "Кто сказал это?").
        blank = "это".ljust(found.end() - found.start())
        return words, text[: found.start()] + blank + text[found.end() :], found.span()
    return None, text, (0, 0)


def _folded(word: str) -> str:
    from corpus.attribution.ru.morph import lemma

    return lemma(word.strip(_TRIM))


def _lemmas(words: Sequence[_Word], indexes: Iterable[int]) -> set[str]:
    return {words[i].lemma for i in indexes}


@dataclass(frozen=True, slots=True)
class _Whose:
    """Who the words in the speaker's place are."""

    speaker: str | None = None
    unknown: str | None = None
    ambiguous: tuple[str, ...] = ()
    body: str | None = None
    description: str | None = None


class _Reader:
    """The questions asked of one parsed question."""

    def __init__(
        self, text: str, parse: _Parse, registry: SpeakerRegistry, blank: tuple[int, int]
    ) -> None:
        self.text = text
        self.parse = parse
        self.words = parse.words
        self.registry = registry
        self.blank = blank  # where the claim stood: its stand-in is no word of the question
        self.frame: set[int] = set()  # words of the question's frame found while reading it

    # -- spans ---------------------------------------------------------------------------

    def span(self, indexes: Sequence[int]) -> str:
        """The words as printed, from the first to the last."""
        if not indexes:
            return ""
        return self.text[self.words[min(indexes)].start : self.words[max(indexes)].end].strip(
            _TRIM
        )

    def words_within(self, start: int, end: int) -> set[int]:
        return {w.index for w in self.words if w.start >= start and w.end <= end}

    def content(self) -> list[int]:
        """The question's words, less punctuation and the stand-in for its quoted claim."""
        start, end = self.blank
        return [w.index for w in self.words if w.pos != "PUNCT" and not (start <= w.start < end)]

    # -- 1. asking for a speaker -----------------------------------------------------------

    def asked_for(self) -> tuple[bool, str | None, set[int]]:
        """Whether a speaker is asked for; the description of them; the frame's words."""
        words, parse = self.words, self.parse
        for word in words:
            if word.lemma in WHO_WORDS:
                frame = {word.index}
                description = None
                if word.lemma == "кто":
                    # "Кто из экспертов …": the words after "из" describe the speaker.
                    for kid in parse.kids(word.index, "nmod", "obl"):
                        if any(words[c].lemma == "из" for c in parse.kids(kid, "case")):
                            part = parse.subtree(kid)
                            frame |= set(part)
                            description = self.span([i for i in part if words[i].lemma != "из"])
                elif word.head >= 0:
                    # "Чьи слова", "Чья это цитата": the noun is the words, not a description.
                    frame.add(word.head)
                return True, description, frame
        for word in words:
            if word.lemma in WHICH_WORDS and word.head >= 0 and word.rel in ("det", "amod"):
                noun = word.head
                if words[noun].lemma in WORDS_NOUNS or not words[noun].animate:
                    continue  # "Какие заявления сделал X": which words, not which person
                part = [i for i in self.parse.subtree(noun) if i != word.index]
                return True, self.span(part) or None, {word.index, *part}
        first = next((w for w in words if w.pos != "PUNCT"), None)
        if first is not None and first.lemma in NAME_THE and first.pos == "VERB":
            # "Назовите эксперта, который …": the object, less its relative clause.
            for kid in parse.kids(first.index, "obj"):
                part = parse.subtree(kid)
                return True, self.span(part) or None, {first.index, *part}
        return False, None, set()

    # -- 2. the speaker's place --------------------------------------------------------------

    def speaker_slot(self) -> list[int] | None:
        """The words in the speaker's place: the verb's subject, or whose words are meant."""
        words, parse = self.words, self.parse
        root = words[parse.verb]
        if root.pos in ("VERB", "AUX", "ADJ") and not (
            root.lemma in SHOW_VERBS and parse.kids(root.index, "obj")
        ):
            for kid in parse.kids(root.index, *_SUBJECT):
                word = words[kid]
                if word.lemma in QUESTION_WORDS or word.pos in ("SCONJ", "ADV", "DET"):
                    continue  # "Что" read as the subject
                return self.phrase(kid)
            person = self._nominative_person_near(root.index)
            if person is not None:
                return person
        # "Слова Путина о НАТО", "Покажи цитаты Пескова", "Что известно о заявлении Лаврова".
        for word in words:
            if word.lemma not in WORDS_NOUNS or word.pos != "NOUN":
                continue
            for kid in parse.kids(word.index, "nmod"):
                if words[kid].case == "Gen" and not parse.kids(kid, "case"):
                    # The noun for words is frame too: "о высказываниях Лаврова" is no topic.
                    self.frame |= {word.index, *parse.kids(word.index, "case")}
                    return self.phrase(kid)
        if root.pos == "PROPN" or root.entity == "PER":
            # "Путин о санкциях?": a name standing alone, with what it is about.
            return [i for i in parse.subtree(root.index) if not self._in_topic(i)] or None
        return None

    def phrase(self, head: int) -> list[int]:
        """A noun phrase in the speaker's place, less what it says is talked about: "главный
        тренер сборной о выборе вратаря" is the coach; "о выборе вратаря" is the topic."""
        parse, words = self.parse, self.words
        found, stack = [head], [head]
        while stack:
            for child in parse.kids(stack.pop()):
                if (
                    words[child].rel in _NOT_PART
                    or words[child].lemma in QUESTION_WORDS
                    or self._opens_topic(child)
                ):
                    continue
                found.append(child)
                stack.append(child)
        return sorted(found)

    def _opens_topic(self, index: int) -> bool:
        """Whether a word heads a phrase of what is talked about ("о …", "по поводу …")."""
        preposition = {self.words[c].lemma for c in self.parse.kids(index, "case")}
        return bool(preposition & ABOUT) or (
            self.words[index].lemma == "повод" and "по" in preposition
        )

    def _nominative_person_near(self, verb: int) -> list[int] | None:
        """A person's name beside a verb the parser gave no subject: in the nominative, or in
        a case the tagger guessed for a name that does not decline ("Гамбарян" read as a
        dative), when no preposition governs it and its gender agrees with the verb's."""
        words = self.words
        said = words[verb]
        for start, end, _normal in self.parse.people:
            inside = sorted(self.words_within(start, end))
            if not inside or abs(inside[0] - verb) > 3:
                continue
            first = words[inside[0]]
            if first.case == "Nom":
                return inside
            governed = any(self.parse.kids(i, "case") for i in inside)
            agrees = said.gender is None or first.gender == said.gender
            alone = said.finite and said.number == "Sing"  # "Что сказали Путину?" has none
            if not governed and agrees and alone and first.rel in ("iobj", "obj", "nmod"):
                return inside
        return None

    def _in_topic(self, index: int) -> bool:
        """Whether a word is inside a phrase of what is talked about."""
        while index >= 0:
            if self._opens_topic(index):
                return True
            index = self.words[index].head
        return False

    def people_named(self) -> list[str]:
        """The people the question names, each in the nominative."""
        return [normal for _start, _end, normal in self.parse.people]

    def names_in(self, indexes: Sequence[int]) -> bool:
        return any(self.words[i].entity == "PER" or self.words[i].pos == "PROPN" for i in indexes)

    def whose(self, slot: list[int]) -> _Whose:
        """Match the words in the speaker's place to a speaker, or a description of one."""
        words, registry = self.words, self.registry
        slot_text = self.span(slot)
        name = [i for i in slot if words[i].entity == "PER"] or [
            i for i in slot if words[i].pos == "PROPN" and words[i].entity is None
        ]
        if name:
            surface = self.span(name)
            found = speaker_candidates(registry, surface) or speaker_candidates(
                registry, self._nominative(name)
            )
            for guess in [] if found else self._declined_back(name):
                found = speaker_candidates(registry, guess)
                if found:
                    break
            if len(found) > 1:
                # "министр Иванов" with a minister and a banker named Иванов: the role decides.
                rest = [i for i in slot if i not in name]
                titled = [c for c in found if rest and c in described(self.span(rest), registry)]
                found = titled if len(titled) == 1 else found
            if len(found) == 1:
                return _Whose(speaker=found[0])
            if found:
                return _Whose(ambiguous=tuple(found))
            if not [i for i in slot if i not in name] or words[name[0]].entity == "PER":
                # Somebody named in the speaker's place whom nobody quotes: say so, in the
                # nominative ("Мнение Франгуляна": Франгулян).
                nominative = self._nominative(name)
                if nominative == surface:
                    nominative = next(iter(self._declined_back(name)), surface)
                return _Whose(unknown=nominative)
        known = find_speakers(registry, slot_text)
        if len(known) == 1:
            return _Whose(speaker=known[0].canonical)
        candidates = described(slot_text, registry)
        body = slot_text if candidates and self._body(slot) else None
        if len(candidates) == 1:
            return _Whose(speaker=candidates[0], body=body)
        if len(candidates) > 1:
            return _Whose(ambiguous=tuple(candidates), body=body)
        # No recorded role says it: look for the words, and keep only a speaker whose role or
        # surrounding sentence fits the description.
        return _Whose(description=slot_text)

    def _nominative(self, name: Sequence[int]) -> str:
        """A name as the question printed it, in the nominative (natasha's normal form)."""
        start, end = self.words[name[0]].start, self.words[name[-1]].end
        for p_start, p_end, normal in self.parse.people:
            if p_start <= start and end <= p_end:
                return normal
        return self.span(name)

    def _declined_back(self, name: Sequence[int]) -> list[str]:
        """The name with its surname put back in the nominative by its case ending, for a
        surname the dictionary does not know ("Франгуляна", read as genitive masculine)."""
        last = self.words[name[-1]]
        if last.case in (None, "Nom") or last.gender not in ("Masc", "Fem"):
            return []
        from corpus.attribution.ru.morph import nominative_candidates

        before = " ".join(nominative_candidates(self.words[i].text)[0] for i in name[:-1])
        guesses = []
        for ending, nominative in SURNAME_ENDINGS.get((last.gender, last.case), ()):
            if last.text.lower().endswith(ending) and len(last.text) > len(ending) + 2:
                guess = last.text[: len(last.text) - len(ending)] + nominative
                guesses.append(f"{before} {guess}".strip())
        return list(dict.fromkeys(guesses))

    def _body(self, slot: Sequence[int]) -> bool:
        """Whether the place names an institution ("МИД России"), not a person's office."""
        head = min(slot, key=lambda i: 0 if self.words[i].head not in slot else 1)
        word = self.words[head]
        return word.entity in ("ORG", "LOC") or word.lemma in ORGANISATION_NOUNS

    def leads_with(self, offset: int) -> bool:
        """Whether only a conjunction or particle comes before this offset ("А Путин о …")."""
        before = [w for w in self.words if w.end <= offset and w.pos != "PUNCT"]
        return all(w.lemma in FOLLOWUP_WORDS for w in before)

    # -- follow-ups ----------------------------------------------------------------------

    def leans_on_context(self) -> bool:
        """ "А о НАТО?", "Что ещё?", "И про санкции?": the question continues the last one."""
        content = [self.words[i] for i in self.content()]
        return bool(content) and (
            content[0].lemma in ("а", "и") or any(w.lemma in ("еще", "также") for w in content)
        )

    def asks_more(self) -> bool:
        return any(self.words[i].lemma == "еще" for i in self.content())

    # -- 3. topic --------------------------------------------------------------------------

    def topic(self, frame: set[int]) -> tuple[str | None, bool]:
        """What the words are about, and whether a preposition said so explicitly.

        The first phrase opened by "о", "про", "насчёт", "по поводу" (or "на" after
        "отреагировал") outside the speaker's place; else the verb's other words.
        """
        words, parse = self.words, self.parse
        content = set(self.content())
        for word in words:
            if word.index in frame or word.index not in content or word.lemma in QUESTION_WORDS:
                continue  # "О чём говорил X?" asks for the topic; it names none
            cases = {words[c].lemma for c in parse.kids(word.index, "case")}
            react = cases == {"на"} and words[parse.verb].lemma in _REACT
            if (self._opens_topic(word.index) and not self._in_topic(word.head)) or (
                react and word.head == parse.verb
            ):
                # "о переговорах", "на приговор", "по поводу санкций"; inside the verb's
                # object, the whole object: "оценил заявления премьера о Курилах" is about the
                # premier's statements on the Kurils. The preposition stays: a Russian topic
                # is in the case it governs, and an answer writes it as asked ("3 цитаты о
                # переговорах").
                top = word.index
                while (
                    words[top].head not in (parse.verb, -1)
                    and words[top].head not in frame
                    and words[words[top].head].pos in ("NOUN", "PROPN")
                ):
                    top = words[top].head
                part = parse.subtree(top, skip=frozenset({"punct"}))
                kept = [i for i in part if i not in frame and not self._frame_word(i)]
                return self.span(kept) or None, True
        rest = [
            i
            for i in content
            if i not in frame and i != parse.verb and not self._frame_word(i) and not self._asks(i)
        ]
        return (self.span(rest) or None), False

    def _asks(self, index: int) -> bool:
        """A word of how a question asks for its topic: a question word with its preposition
        ("О чём говорил X?"), a noun for words ("Какие заявления сделал X?")."""
        word = self.words[index]
        if word.lemma in QUESTION_WORDS or word.lemma in WORDS_NOUNS:
            return True
        head = self.words[word.head] if word.head >= 0 else None
        return word.rel == "case" and head is not None and head.lemma in QUESTION_WORDS

    def _frame_word(self, index: int) -> bool:
        word = self.words[index]
        return (
            word.lemma in ("еще", "также", "тоже", "ли", "же")
            or (
                word.lemma in ("что", "как", "чем", "почему", "зачем", "а", "и")
                and word.head in (self.parse.verb, self.parse.root, -1)
            )
            or (word.lemma in ("что", "как", "чем", "а", "и") and index == self.content()[0])
        )

    def about_speech(self) -> bool:
        """Whether the question is about what was said (a speech verb, a noun for words)."""
        lemmas = _lemmas(self.words, self.content())
        return bool(lemmas & (QUESTION_VERBS | WORDS_NOUNS))

    # -- search text -------------------------------------------------------------------------

    def search_text(self, frame: set[int]) -> str:
        """The question less its frame: question words, a mere "said", the description."""
        words, parse = self.words, self.parse
        drop = set(frame)
        if words[parse.verb].lemma in FRAME_VERBS:
            drop.add(parse.verb)
        # "Кто сказал, что …": the conjunction opening what was said.
        drop |= {w.index for w in words if w.pos == "SCONJ" and w.lemma in ("что", "будто")}
        kept = [i for i in self.content() if i not in drop and not self._frame_word(i)]
        return " ".join(self.text[words[i].start : words[i].end] for i in kept).strip(_TRIM)
