"""Who a speech verb's subject is: the phrase that names the source, read from the syntax tree.

A speech verb's subject ("nsubj" in the parse) is the source of the words it reports. The
subject phrase is read as one of:

- a name: a person natasha found, possibly behind role words ("лидер ДПНИ Александр Белов");
- a pronoun: "он", "она", "они" (the author's "мы", "я" are no source);
- a role: a singular noun for a person with no name ("протоиерей", "глава Минсвязи");
- a group: a plural noun for people ("экологи", "жители посёлка");
- an organisation: a name natasha found as one, a noun for one ("пресс-служба", "газета
  «Труд»"), a place speaking for its government ("Минск"), or an outlet written in Latin
  letters ("NEWSru.com").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from corpus.attribution.ru.analysis import Analysis, Entity, Token
from corpus.attribution.ru.morph import fold, is_animate_noun
from corpus.lang.ru.speech import (
    ANONYMOUS_NOUNS,
    AUTHOR_PRONOUNS,
    IMPERSONAL_VERBS,
    ORGANISATION_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    QUOTING_VERBS,
    SOURCE_NOUNS,
)

MentionKind = Literal["name", "pronoun", "role", "group", "org", "author"]

# Relations that join a name to the noun it stands beside ("министр Игорь Щёголев").
_NAME_LINKS = frozenset({"appos", "flat", "flat:name", "flat:foreign", "nmod"})
# Branches that are not part of a subject phrase: clauses about it, and punctuation.
_NOT_PHRASE = frozenset(
    {"acl", "acl:relcl", "punct", "parataxis", "conj", "cc", "advcl", "ccomp", "xcomp"}
)
_SUBJECTS = ("nsubj", "nsubj:pass")
_OWNERS = frozenset({"он", "она", "они", "его", "ее", "их"})


@dataclass(frozen=True, slots=True)
class Mention:
    """The words naming a source and what they are."""

    kind: MentionKind
    start: int
    end: int
    text: str
    head: int  # the phrase's head token
    entity: Entity | None = None  # the person or organisation natasha found, if any
    role: str | None = None  # role words before a name, as printed
    plural: bool = False


def subject_of(analysis: Analysis, verb: int) -> int | None:
    """Return the head token of a speech verb's source, or None.

    The subject, or the subject of the verb it is coordinated with ("вспомнил о … и сказал,
    что") or of the verb a gerund hangs on ("…, заявив, что"); for "цитирует слова X" the
    quoted person X, not who quotes. Where the parse gives the verb no subject, the nearest
    nominative that agrees with the verb in number, before it in its clause, or a person or
    a living being after it; failing that, for a plural verb, "в X" ("в милиции пояснили").
    """
    tokens = analysis.tokens
    if tokens[verb].lemma in QUOTING_VERBS:
        for child in analysis.children(verb):
            if tokens[child].rel == "obj":
                named = _genitive_of_words(analysis, child)
                return named if named is not None else child
    current = verb
    for _ in range(3):
        for child in analysis.children(current):
            if tokens[child].rel in _SUBJECTS:
                return child
        token = tokens[current]
        if token.rel in ("conj", "xcomp", "advcl") and token.head >= 0:
            current = token.head
            continue
        break
    return _agreeing(analysis, verb)


# Tokens that end the clause a fallback subject is looked for in.
_CLAUSE_BREAKS = frozenset({",", ":", ";", "—", "–", "«", "»", "(", ")", '"'})


def _agreeing(analysis: Analysis, verb: int) -> int | None:
    tokens = analysis.tokens
    token = tokens[verb]
    sentence = analysis.sentences[token.sentence]
    number = token.feats.get("Number")

    def agrees(t: Token) -> bool:
        if t.case != "Nom" or t.pos not in ("NOUN", "PROPN", "PRON"):
            return False
        return number is None or t.feats.get("Number") in (None, number)

    for i in range(verb - 1, max(sentence.first, verb - 9) - 1, -1):
        if tokens[i].text in _CLAUSE_BREAKS:
            break
        if agrees(tokens[i]):
            return i
    for i in range(verb + 1, min(sentence.stop, verb + 12)):
        t = tokens[i]
        if t.text in _CLAUSE_BREAKS and i > verb + 1:
            break
        entity = analysis.entity_of(i)
        if agrees(t) and (entity is not None or t.feats.get("Animacy") == "Anim"):
            return i
    if number == "Plur" or token.lemma in IMPERSONAL_VERBS:
        for child in analysis.children(verb):
            owner = tokens[child]
            cases = [tokens[c] for c in analysis.children(child) if tokens[c].rel == "case"]
            inside = owner.rel == "obl" and cases and fold(cases[0].text) in ("в", "во")
            if inside:
                found = mention_at(analysis, child)
                if found is not None and found.kind == "org":
                    return child
    return None


def _genitive_of_words(analysis: Analysis, noun: int) -> int | None:
    """For "слова X" return X (the genitive after a noun of words), else None."""
    if analysis.tokens[noun].lemma not in SOURCE_NOUNS:
        return None
    for child in analysis.children(noun):
        token = analysis.tokens[child]
        # "слова X", and "по его словам" (a possessive pronoun: "его", "её", "их").
        if token.rel in ("nmod", "nmod:poss") or (token.rel == "det" and token.lemma in _OWNERS):
            return child
    return None


def source_noun_owner(analysis: Analysis, noun: int) -> int | None:
    """For "по словам X" / "слова X" return the head token of X."""
    return _genitive_of_words(analysis, noun)


def mention_at(analysis: Analysis, head: int) -> Mention | None:
    """Read the phrase headed by a token as a source (see the module docstring)."""
    tokens = analysis.tokens
    token = tokens[head]
    lemma = token.lemma
    if token.pos == "PRON" or lemma in PERSON_PRONOUNS | PLURAL_PRONOUNS | AUTHOR_PRONOUNS:
        if lemma in AUTHOR_PRONOUNS:
            return Mention("author", token.start, token.end, token.text, head)
        if lemma in PERSON_PRONOUNS or lemma in PLURAL_PRONOUNS:
            plural = lemma in PLURAL_PRONOUNS
            return Mention("pronoun", token.start, token.end, token.text, head, plural=plural)
        return None
    entity = analysis.entity_of(head)
    if entity is None or entity.kind != "PER":
        named = _linked_person(analysis, head)
        if named is not None:
            phrase = _phrase(analysis, head)
            role_end = named.start
            role = analysis.text[phrase[0] : role_end].strip(" ,–—-")
            return Mention(
                "name",
                named.start,
                named.end,
                named.text,
                head,
                named,
                role=role if role and role[:1].islower() else None,
            )
    if entity is not None and entity.kind == "PER":
        phrase = _phrase(analysis, head)
        role = (
            analysis.text[phrase[0] : entity.start].strip(" ,–—-")
            if phrase[0] < entity.start
            else ""
        )
        return Mention(
            "name",
            entity.start,
            entity.end,
            entity.text,
            head,
            entity,
            role=role if role and role[:1].islower() else None,
        )
    start, end = _phrase(analysis, head)
    text = analysis.text[start:end]
    if entity is not None:  # an organisation, or a place speaking for its government
        return Mention("org", start, end, text, head, entity)
    if token.pos in ("NOUN", "PROPN") and fold(lemma) in ORGANISATION_NOUNS:
        return Mention("org", start, end, text, head)
    if token.text.isascii() and token.text[:1].isalpha():
        # An outlet or company written in Latin letters: "NEWSru.com", "Business NZ".
        return Mention("org", start, end, text, head)
    if token.pos == "NOUN" and lemma in ANONYMOUS_NOUNS:
        # "источник в правительстве": a source that keeps its name to itself.
        return Mention("group", start, end, text, head)
    if token.pos in ("NOUN", "PROPN") and is_animate_noun(token.text):
        plural = token.feats.get("Number") == "Plur"
        return Mention("group" if plural else "role", start, end, text, head, plural=plural)
    if token.pos == "PROPN":
        return Mention("org", start, end, text, head)
    if token.pos == "NOUN":
        # "делегация ОБСЕ", "отчёт Guardian", "в заявлении мэрии": a body or a document of
        # an organisation.
        inside = list(analysis.tokens_between(start, end))
        entities = [analysis.entity_of(i) for i in inside]
        named = next((e for e in entities if e is not None and e.kind != "PER"), None)
        if named is not None:
            return Mention("org", start, end, text, head, named)
        body = next((i for i in inside if analysis.tokens[i].lemma in ORGANISATION_NOUNS), None)
        if body is not None:
            return Mention(
                "org",
                analysis.tokens[body].start,
                end,
                text[analysis.tokens[body].start - start :],
                head,
            )
    return None


def _linked_person(analysis: Analysis, head: int) -> Entity | None:
    """Return the person named beside a role noun ("министр … Игорь Щёголев"), if any.

    Only names joined to the noun itself count: "помощник Хиллари Клинтон Фил Гордон" is
    Gordon (the name in the subject's own case), not Clinton (a genitive, whose aide he is).
    """
    head_case = analysis.tokens[head].case
    for child in analysis.subtree(head, skip=_NOT_PHRASE):
        if child == head:
            continue
        entity = analysis.entity_of(child)
        if entity is None or entity.kind != "PER":
            continue
        token = analysis.tokens[child]
        if token.rel not in _NAME_LINKS and analysis.tokens[token.head].rel not in _NAME_LINKS:
            continue
        if token.rel == "nmod" and token.case != head_case:
            continue
        if head_case and token.case and token.case != head_case and token.case != "Nom":
            continue
        return entity
    return None


def _phrase(analysis: Analysis, head: int) -> tuple[int, int]:
    """Return the character span of a noun phrase, without clauses about it."""
    tokens = analysis.tokens
    members = [i for i in analysis.subtree(head, skip=_NOT_PHRASE) if tokens[i].is_word]
    # Keep the phrase contiguous around its head: a parse that attaches a far word is ignored.
    members.sort()
    at = members.index(head)
    left = at
    while left > 0 and members[left - 1] == members[left] - 1:
        left -= 1
    right = at
    while right + 1 < len(members) and members[right + 1] <= members[right] + 2:
        right += 1
    first: Token = tokens[members[left]]
    last: Token = tokens[members[right]]
    return first.start, last.end
