"""Read who a clause is about: a speech verb's or a sentence's subject, with its role."""

from __future__ import annotations

import re

from corpus.attribution.marks import MASK
from corpus.attribution.mentions import Mention, parse
from corpus.attribution.sentences import phrase_end
from corpus.lang.en.pronouns import CLAUSE_OPENERS, NOT_SUBJECT_STARTS, PREPOSITIONS
from corpus.lang.en.verbs import IRREGULAR_PAST, SPEECH_VERBS

_PAREN = re.compile(r"\([^()]{0,40}\)")
_POST_NAME_CUT = re.compile(
    r"\s+(?:in|on|at|during|to|after|before|when|while|as|about|with|from|for|via|who|"
    r"referring|adding|according|told|said|says|of the|last|this|yesterday|today)\b.*$",
    re.S,
)


def _strip_article(words: str) -> str | None:
    role = re.sub(r"^\s*(?:the|a|an)\s+", "", words).strip()
    return role if role and len(role.split()) <= 12 else None


def _name_part(masked: str, lo: int, hi: int) -> Mention | None:
    """Parse a comma-separated part as a name, if little but titles precede the name."""
    mention = parse(masked, lo, hi)
    if mention is None or mention.kind != "name":
        return None
    before = masked[lo : mention.start].split()
    if len(before) > 4 or any(not w[:1].isupper() and w not in ("state",) for w in before):
        return None
    return mention


def _appositive(masked: str, lo: int, region: str) -> Mention | None:
    """Read "Smith, a spokesman, said" or "His manager, Jeff Weaver, said" before a verb."""
    parts = region.split(",")
    if len(parts) < 2:
        return None
    starts = [lo]
    for part in parts[:-1]:
        starts.append(starts[-1] + len(part) + 1)
    # "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said"
    first = _name_part(masked, starts[0], starts[0] + len(parts[0]))
    if first is not None:
        role = _strip_article(",".join(parts[1:]))
        return Mention(first.start, first.end, first.text, "name", first.name, role)
    described = parse(masked, starts[0], starts[0] + len(parts[0]))
    if (
        described is not None
        and described.kind == "description"
        and parts[1].split()[:1]
        in (
            ["who"],
            ["which"],
        )
    ):
        # "an intelligence source, who was not authorized to speak, told Fox News"
        return described
    # "Sanders's campaign manager, Jeff Weaver, said": role, name, verb.
    last = _name_part(masked, starts[-1], starts[-1] + len(parts[-1]))
    if last is not None:
        role = _strip_article(parts[-2])
        return Mention(last.start, last.end, last.text, "name", last.name, role or last.role)
    # "Yesterday, Smith, a spokesman, said": name, role, verb.
    named = parse(masked, starts[-2], starts[-2] + len(parts[-2]))
    if named is not None and named.kind == "name":
        role = _strip_article(parts[-1])
        return Mention(named.start, named.end, named.text, "name", named.name, role or named.role)
    return None


def subject_before(masked: str, lo: int, verb_start: int) -> Mention | None:
    """Read the words between ``lo`` and a speech verb as its subject."""
    # Blank "(D-Wis.)" and the like: their full stops and commas are not clause breaks.
    masked = (
        masked[:lo]
        + _PAREN.sub(lambda m: " " * len(m.group()), masked[lo:verb_start])
        + masked[verb_start:]
    )
    bracketed = _BRACKETED.fullmatch(masked, lo, verb_start)
    if bracketed is not None:
        # "Anna Ek (chief economist at the Centre for Studies) told": the brackets hold a role.
        mention = parse(masked, bracketed.start(1), bracketed.end(1))
        if mention is not None and mention.kind == "name" and mention.name:
            role = bracketed.group(2).strip()
            return Mention(
                mention.start, mention.end, mention.text, "name", mention.name, role or None
            )
    region = masked[lo:verb_start]
    stripped = region.rstrip()
    if stripped.endswith(","):
        return _appositive(masked, lo, stripped[:-1])
    lead = re.match(r"\s*((?:[A-Z][\w’'\-]*\.?\s+){1,3}[A-Z][\w’'\-]*)\s*,", region)
    if lead and region.count(",") >= 1:
        # "Mikhail Aleksandrov, leading expert of ..., MGIMO believes": a leading appositive.
        mention = parse(masked, lo + lead.start(1), lo + lead.end(1))
        if mention and mention.kind == "name" and len(region) < 220:
            role = region[lead.end() :].strip(" ,")
            return Mention(
                mention.start, mention.end, mention.text, "name", mention.name, role or None
            )
    cut = max(region.rfind(c) for c in ",;:!?" + MASK + '“”"«»„')
    for word in (" that ", " and ", " but ", " as ", " because ", " while "):
        cut = max(cut, region.rfind(word) + len(word) - 1 if word in region else -1)
    joined = _COORDINATED.search(region)
    if joined is not None and joined.start() >= cut - 4:
        # "he backed Obama over Clinton and said": the verb shares the clause's subject.
        return clause_subject(masked, lo, lo + joined.start())
    relative = _RELATIVE.search(masked, lo + cut + 1, verb_start)
    if relative is not None and not _CLAUSE_WORD.search(masked, relative.end(), verb_start):
        # "a White House official who spoke anonymously said": the head before "who".
        head = masked[lo + cut + 1 : relative.start()].split()
        mention = parse(masked, lo + cut + 1, relative.start())
        if (
            mention is not None
            and mention.kind != "pronoun"
            and not any(w.islower() and (_verb_like(w) or w in PREPOSITIONS) for w in head)
        ):
            return mention
    return parse(masked, lo + cut + 1, verb_start)


_BRACKETED = re.compile(
    r"\s*((?:(?:[A-Z][a-z]{0,3}\.|[A-Z][\w’'\-]*)\s+){1,4}[A-Z][\w’'\-]*)"
    r"\s*\(([^()\x00]{2,120})\)\s*(?:(?:also|then|later|[a-z]{3,}ly)\s+)?"
)
_RELATIVE = re.compile(r"\s(?:who|which)\s")
# A relative clause holding these has a clause of its own ("who ... when he yelled").
_CLAUSE_WORD = re.compile(r"\b(?:he|she|they|we|I|when|as|after|while|because|that)\b")


_COORDINATED = re.compile(r"\s(?:and|but)\s+(?:(?:then|later|also|[a-z]{3,}ly)\s+)?$")


def subject_after(masked: str, verb_end: int, hi: int) -> Mention | None:
    """Read the words after a speech verb ("said Smith, a spokesman") as its subject."""
    m = re.match(r"\s+", masked[verb_end:hi])
    if not m:
        return None
    lo = verb_end + m.end()
    end = phrase_end(masked, lo, hi)
    phrase = masked[lo:end]
    first = phrase.split()[0].lower() if phrase.split() else ""
    if first in NOT_SUBJECT_STARTS:
        return None
    phrase = _POST_NAME_CUT.sub("", phrase)
    mention = parse(masked, lo, lo + len(phrase.rstrip()))
    if mention is None:
        return None
    article = re.match(r",\s*(?:the|a|an)\s+", masked[end:hi]) or _ROLE_NOUN_LEAD.match(
        masked, end, hi
    )
    if mention.kind == "name" and article and not mention.role:
        # "said Richard Roe, president of the A.F.L.-C.I.O.": the role runs past the full
        # stops of abbreviations and initials, to the phrase's end.
        role_lo = article.end() if article.re is _ROLE_NOUN_LEAD else end + article.end()
        role = masked[role_lo : phrase_end(masked, role_lo, hi)].strip()
        if role:
            return Mention(mention.start, mention.end, mention.text, "name", mention.name, role)
    return mention


# ", president of ...", ", senior adviser to ...": a role with no article before it.
_ROLE_NOUN_LEAD = re.compile(
    r",\s*(?=(?:former|senior|chief|deputy|vice|assistant|executive|president|spokesman|"
    r"spokeswoman|spokesperson|director|chairman|chairwoman|founder|professor)\b)"
)


def leading_name(masked: str, lo: int, hi: int) -> Mention | None:
    """Read a name or pronoun opening a sentence ("Silverman, a Sanders supporter, ...")."""
    run = re.match(
        r"\s*((?:(?:[A-Z][a-z]{0,3}\.|[A-Z][\w’'\-]*)\s+){0,4}[A-Z][\w’'\-]*)", masked[lo:hi]
    )
    if run is None:
        return None
    mention = parse(masked, lo + run.start(1), lo + run.end(1))
    # "The Oklahoma Sheriffs' Association Board ... opposes it, arguing": an organisation too.
    if mention is not None and mention.kind in ("name", "pronoun", "org"):
        return mention
    return None


def subjects_in(masked: str, lo: int, hi: int, pronouns: bool = False) -> list[Mention]:
    """List the words in ``masked[lo:hi]`` that read as a clause's subject, in text order.

    A subject is a name, an organisation or (with ``pronouns``) a personal pronoun followed by
    a verb-like word ("Kasich resisted", "he demurred", "the Board of Elections was").
    """
    found: list[tuple[int, Mention]] = []
    for run in _SUBJECT_RUN.finditer(masked, lo, hi):
        after = _VERB_AFTER.match(masked, run.end(), hi)
        if not after or not _verb_like(after.group(1)):
            continue
        before = masked[lo : run.start()].split()
        if before and before[-1].lower() in PREPOSITIONS:
            continue
        mention = parse(masked, run.start(), run.end())
        if mention is not None and mention.kind in ("name", "pronoun", "org"):
            found.append((mention.start, mention))
    if pronouns:
        for pron in _LOWER_PRONOUN.finditer(masked, lo, hi):
            after = _VERB_AFTER.match(masked, pron.end(), hi)
            if after and _verb_like(after.group(1)):
                found.append(
                    (pron.start(), Mention(pron.start(), pron.end(), pron.group(), "pronoun"))
                )
    return [m for _, m in sorted(found, key=lambda f: f[0])]


_SUBJECT_RUN = re.compile(r"(?:(?:[A-Z][a-z]{0,3}\.|[A-Z][\w’'\-]*)\s+){0,3}[A-Z][\w’'\-]*")
_VERB_AFTER = re.compile(r"\s+(?:also\s+|then\s+|later\s+|[a-z]{3,}ly\s+)?([a-z]+)\b")
_LOWER_PRONOUN = re.compile(r"\b(?:he|she|they|we|it)\b")


def _verb_like(word: str) -> bool:
    return word.endswith(("ed", "s")) or word in IRREGULAR_PAST


def sentence_subject(masked: str, lo: int, hi: int) -> Mention | None:
    """Find the subject of a sentence: a name or pronoun followed by a verb-like word."""
    apposed = _apposed_subject(masked, lo, hi)
    if apposed is not None:
        return apposed
    subjects = subjects_in(masked, lo, hi)
    return subjects[0] if subjects else None


# "Sophia Esposito, the trade commissioner, spoke ...", "Anna Ek (economist) commented ...":
# a name opening its sentence, a description set off by commas or brackets, then the verb.
_APPOSED = re.compile(
    r"\s*((?:(?:[A-Z][a-z]{0,3}\.|[A-Z][\w’'\-]*)\s+){0,4}[A-Z][\w’'\-]*)"
    r"(?:\s*,\s*([^,;:!?()\x00“”\"«»„]{2,90}?)\s*,|\s*\(([^()\x00]{2,90})\))"
    r"\s+(?:(?:also|then|later|[a-z]{3,}ly)\s+)?([a-z]+)\b"
)


def _apposed_subject(masked: str, lo: int, hi: int) -> Mention | None:
    """Read a sentence-opening name with an appositive description as the subject."""
    m = _APPOSED.match(masked, lo, hi)
    if m is None or not _verb_like(m.group(4)) or m.group(4) in CLAUSE_OPENERS:
        return None
    mention = parse(masked, m.start(1), m.end(1))
    if mention is None or mention.kind != "name" or not mention.name:
        return None
    role = (m.group(2) or m.group(3) or "").strip()
    return Mention(
        mention.start, mention.end, mention.text, "name", mention.name, mention.role or role
    )


def clause_subject(masked: str, lo: int, hi: int) -> Mention | None:
    """Find the subject nearest before ``hi``: "Eight years ago, he backed X and said"."""
    # A quote in between closes the clause: its words are not this sentence's narrative.
    lo = max([lo] + [masked.rfind(ch, lo, hi) + 1 for ch in MASK + '“”"«»„'])
    subjects = [
        m
        for m in subjects_in(masked, lo, hi, pronouns=True)
        # "Lazar said he welcomed ... and added": a reported clause's subject is not the one
        # the conjunction shares.
        if not (masked[lo : m.start].split()[-1:] and _embeds(masked[lo : m.start].split()[-1]))
    ]
    return subjects[-1] if subjects else None


def _embeds(word: str) -> bool:
    return word.lower() == "that" or word in SPEECH_VERBS
