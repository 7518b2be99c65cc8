"""Query analysis: what form a question takes, whom it asks about, and on what topic.

Forms:
- ``who``: "Who said …?", "Who was quoted about …?", "Who described himself as …?"
- ``speaker``: about a named speaker: "What did Blokhin say about Ukraine?"
- ``followup``: leans on the conversation: "What else did he say?", "And about NATO?"
- ``open``: anything else; answered from quotes first, then passages.

A question that names a person in the speaker slot ("What did Vladimir Putin say …?") who
is not a known speaker records that name in ``unknown_speaker``: the answer must then be
"no quotes from X", never somebody else's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from corpus.speakers import SpeakerMatch, SpeakerRegistry, person_names

Form = Literal["who", "speaker", "followup", "open"]

_PRONOUNS = r"(?:he|she|they|him|her|them|it)"
_SPEECH_VERBS = (
    r"(?:say|said|says|think|thinks|thought|tell|told|write|wrote|claim|claimed|believe|believes|"
    r"argue|argued|state|stated|mean|meant|call|called|describe|described|predict|predicted|"
    r"warn|warned|comment|commented|suggest|suggested|feel|felt|consider|considered|"
    r"add|added|explain|explained|stress|stressed|emphasi[sz]e|emphasi[sz]ed|note|noted|"
    r"mention|mentioned|announce|announced|deny|denied|accuse|accused|insist|insisted|"
    r"speak|spoke|talk|talked|answer|answered|reply|replied|respond|responded|report|reported)"
)
# "What did X say", "How does X see", "Did X comment", "What has X said"
_SUBJECT_SLOT = re.compile(
    r"^\s*(?:(?:what|how|why|when|where|which)\s+(?:else\s+)?)?"
    r"(?:did|does|do|has|have|had|is|was|would|will|could)\s+"
    r"(?P<who>.+?)\s+(?:else\s+|also\s+|ever\s+|really\s+|actually\s+)?"
    r"(?:have\s+to\s+|got\s+to\s+)?" + _SPEECH_VERBS + r"\b",
    re.IGNORECASE,
)
# "quotes from X", "X's view on", "according to X"
_FROM_SLOT = re.compile(
    r"\b(?:quotes?|statements?|words|comments?|remarks?)\s+(?:from|by|of)\s+(?P<who>[^?,.;]+)",
    re.IGNORECASE,
)
_WHO = re.compile(
    r"^\s*(?:and\s+)?(?:who|whom|which\s+(?:persons?|people|experts?|officials?|politicians?|"
    r"analysts?|scientists?|speakers?|leaders?|ministry|ministries|organi[sz]ations?))\b",
    re.I,
)
_FOLLOWUP = re.compile(
    r"^\s*(?:and|what\s+else|anything\s+else|more|else|also|what\s+about|how\s+about|and\s+on|"
    r"and\s+about)\b|\b(?:else|again|more)\b[^?]*\??\s*$",
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = re.compile(rf"^\s*{_PRONOUNS}\s*$", re.IGNORECASE)
_HAS_PRONOUN = re.compile(rf"\b{_PRONOUNS}\b", re.IGNORECASE)
_EXPLICIT_ABOUT = re.compile(r"\b(?:about|regarding|concerning)\s+\S", re.IGNORECASE)
_WHO_IS = re.compile(r"^\s*who\s+(?:is|was|'s|are)\b", re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:about|on|regarding|concerning|of)\s+(?P<topic>[^?]+)", re.IGNORECASE)
# Frame words removed from the search text: they say how to ask, not what about.
_FRAME = re.compile(
    r"^\s*(?:and\s+)?(?:who|what|which|how|why|did|does|do|has|have|had|is|was|else|anything|"
    r"also|tell\s+me|show\s+me|give\s+me|please|said|says|say|told|was\s+quoted|quoted)\b[\s,]*",
    re.IGNORECASE,
)
_STRIP_END = re.compile(r"[\s?!.]+$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Query:
    """A question, analysed."""

    question: str
    form: Form
    search_text: str
    speaker: str | None = None
    unknown_speaker: str | None = None
    topic: str | None = None
    followup: bool = False
    needs_context: bool = False
    ambiguous: tuple[str, ...] = ()
    explicit_topic: bool = False
    via_role: str | None = None
    wants_quotes: bool = False


def analyse(
    question: str,
    registry: SpeakerRegistry,
    *,
    last_speaker: str | None = None,
    last_topic: str | None = None,
) -> Query:
    """Analyse a question, using the conversation's last speaker and topic for follow-ups."""
    text = _SPACES.sub(" ", question).strip()
    matches = registry.find_in(text)
    slot = _SUBJECT_SLOT.match(text) or _FROM_SLOT.search(text)
    slot_name = _clean_name(slot.group("who")) if slot else None

    speaker: str | None = None
    unknown: str | None = None
    ambiguous: tuple[str, ...] = ()
    via_role: str | None = None
    if slot_name is not None and _ANYONE.match(slot_name):
        # "Did anyone mention Chechnya?" is "who mentioned Chechnya?" in disguise.
        text = f"Who {text[slot.end('who') :].strip()}"  # type: ignore[union-attr]
        matches = registry.find_in(text)
        slot = slot_name = None
    if slot_name is not None and not _PRONOUN_SUBJECT.match(slot_name):
        speaker = registry.canonical(slot_name)
        candidates = tuple(registry.candidates(slot_name)) if speaker is None else ()
        if speaker is None and not candidates:
            # "the communist leader", "the expert from MGIMO": a description; match it
            # against the roles the articles gave their speakers.
            candidates = tuple(_described(slot_name, registry))
            speaker = candidates[0] if len(candidates) == 1 else None
            if candidates and _names_a_body(slot_name):
                # "the White House": nobody is quoted as the White House, but its spokesman
                # is; answer with those who speak for it, and say that is what they are.
                via_role = slot_name
        if len(candidates) > 1:
            # "What did Clinton say?" with two Clintons quoted: ask which, never pick one.
            ambiguous = candidates
        elif speaker is None:
            inside = [
                m
                for m in matches
                if slot.start("who") <= m.start < slot.end("who")  # type: ignore[union-attr]
                and not _another_first_name(text[slot.start("who") : m.start])  # type: ignore[union-attr]
            ]
            if inside:
                speaker = inside[0].canonical
            elif not _DOCUMENT.match(slot_name):
                # Somebody in the speaker's place whom nobody quotes ("Vladimir Putin", "the
                # protesters"): say so, rather than offer what others said about them.
                unknown = slot_name
    undecided = speaker is None and unknown is None and not ambiguous
    if undecided and matches and (not _WHO.match(text) or _WHO_IS.match(text)):
        speaker = matches[0].canonical
    elif undecided and not _WHO.match(text):
        unknown = _unknown_person(text, registry)

    followup = False
    pronoun_slot = slot_name is not None and bool(_PRONOUN_SUBJECT.match(slot_name))
    if speaker is None and unknown is None and not ambiguous and last_speaker:
        leans = _FOLLOWUP.search(text) or (_HAS_PRONOUN.search(text) and not _WHO.match(text))
        if pronoun_slot or leans:
            speaker, followup = last_speaker, True

    topic = _topic(text, slot)
    if followup and topic is None and last_topic and not re.search(r"\belse\b", text, re.I):
        topic = last_topic
    form: Form
    if followup:
        form = "followup"
    elif speaker is not None or unknown is not None or ambiguous:
        form = "speaker"
    elif _WHO.match(text):
        form = "who"
    else:
        form = "open"
    search = topic if form in ("speaker", "followup") else _search_text(text, matches)
    return Query(
        question=question,
        form=form,
        search_text=search or "",
        speaker=speaker,
        unknown_speaker=unknown,
        topic=topic,
        followup=followup,
        # "What else did he say?" with nobody to refer to: ask back rather than guess.
        needs_context=speaker is None and unknown is None and pronoun_slot,
        ambiguous=ambiguous,
        via_role=via_role,
        # "Any comments on sanctions?", "What was said about rents?": quotes, not narrative.
        wants_quotes=form == "who" or bool(_SPEECH_HINT.search(text) or _COMMENT.search(text)),
        # Only "about X" makes X a condition; "What did Zyuganov write in his channel?" still
        # wants Zyuganov's words even if none of them mention the channel.
        explicit_topic=topic is not None and bool(_EXPLICIT_ABOUT.search(text)),
    )


def _topic(text: str, slot: re.Match[str] | None) -> str | None:
    rest = text[slot.end() :] if slot is not None else text
    about = _ABOUT.search(rest)
    if about:
        topic = _STRIP_END.sub("", about.group("topic")).strip()
        return topic or None
    if slot is not None:
        topic = _STRIP_END.sub("", rest).strip()
        return topic or None
    return None


def _search_text(text: str, matches: list[SpeakerMatch]) -> str:
    for m in sorted(matches, key=lambda m: -m.start):
        text = text[: m.start] + " " + text[m.end :]
    previous = None
    while previous != text:
        previous = text
        text = _FRAME.sub("", text)
    return _STRIP_END.sub("", text).strip()


def _clean_name(name: str) -> str:
    name = re.sub(r"^(?:the\s+)?(?:people\s+like\s+)?", "", name.strip(), flags=re.I)
    return re.sub(r"['’]s$", "", name).strip(" ,")


def _unknown_person(text: str, registry: SpeakerRegistry) -> str | None:
    # A person named in full anywhere in a non-"who" question, who is no known speaker, is
    # what the question is about ("Was Vladimir Putin quoted?"). One capitalised word is
    # too often a place or a thing ("Chechnya") to conclude anything from.
    if not _SPEECH_HINT.search(text):
        return None
    for _, _, name in person_names(text):
        if len(name.split()) > 1 and registry.canonical(name) is None:
            return name
    return None


_ROLE_STOPWORDS = frozenset(
    "the a an of from at in on for with and to his her their its this that".split()
)


_TITLES = frozenset(
    "mr mrs ms miss dr prof professor president minister senator gov governor rep "
    "general gen sir lord lady mayor chancellor premier secretary ambassador".split()
)


def _another_first_name(before: str) -> bool:
    """Whether a capitalised word other than a title stands right before a matched surname.

    "Daniela Ortega" must not become Daniel Ortega through "Ortega"; "Mr. Blokhin" and
    "professor Aleksandrov" are still Blokhin and Aleksandrov.
    """
    words = before.split()
    if not words:
        return False
    last = words[-1].strip(".,")
    return last[:1].isupper() and last.lower() not in _TITLES


def _described(description: str, registry: SpeakerRegistry) -> list[str]:
    wanted = {w for w in _WORD.findall(description.lower()) if w not in _ROLE_STOPWORDS}
    if not wanted:
        return []
    out = []
    for name in registry.names():
        for role in registry.roles(name):
            if wanted <= set(_WORD.findall(role.lower())):
                out.append(name)
                break
    return out


_WORD = re.compile(r"[^\W_]+")
_ANYONE = re.compile(
    r"^(?:(?:any|some|every)\s*(?:one|body)|(?:any|some)\s+\w+|people|others|experts|analysts|"
    r"officials|politicians|observers|critics|commentators|sources|scientists)$",
    re.IGNORECASE,
)
# The article itself in the speaker's place: an open question about what it reports.
_DOCUMENT = re.compile(
    r"^(?:(?:this|that|the)\s+)?(?:article|articles|report|reports|story|piece|text|news|"
    r"corpus|press|media|paper|newspaper|statement|document)$",
    re.IGNORECASE,
)


def _names_a_body(description: str) -> bool:
    words = [w for w in description.split() if w.lower() not in _ROLE_STOPWORDS]
    return bool(words) and all(w[:1].isupper() for w in words)


_COMMENT = re.compile(r"\b(?:comments?|reactions?|views?|opinions?|statements?|quotes?)\b", re.I)
_SPEECH_HINT = re.compile(r"\b" + _SPEECH_VERBS + r"\b|\bquot|\bview|\bopinion|\bposition", re.I)
