"""How a question is read: every rule in one file, applied in the order written here.

Four things are decided separately, each once:

1. **Does it ask for a speaker?** "Who said …", "Who was it that …", "Which senator warned …",
   "Which former Obama strategist said …", "Name the official who …". The words between
   "which" and the verb are a *description* of the wanted speaker ("former Obama strategist"):
   they rank speakers (see ``retrieval.rank``), they never filter by the names inside them.
2. **Whose words does it ask about?** Only a name in the speaker's place is the speaker:
   "What did X say", "Did X comment", "quotes from X", "X's comments on", "according to X".
   A known name there is the speaker; a name nobody is quoted under is ``unknown_speaker``
   ("no quotes from X", never somebody else's words); a name several speakers share is
   ``ambiguous``; a description there ("the Tulsa police chief", "Sen. Warren's aide") is
   matched against the roles the articles record (titles such as Sen., Rep., Gov. understood)
   and, failing a clear match, read as a who-question whose answer must fit the description.
3. **Everything else is topic.** People and places named outside the speaker's place ("… said
   Clinton should …") are what the words are about; a who-question's answer is rarely one of
   them, so they are kept in ``mentioned`` for the ranking to discount.
4. **Words in quotation marks are a claim to check** (``claim``), not a topic: "Who said 'X'?"
   is answered by whoever said exactly X, or by "nobody in the corpus is quoted saying that".

A follow-up ("What else did he say?", "And about NATO?") leans on the conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from corpus.attribution import lexicon
from corpus.language import detect_language
from corpus.speakers import SpeakerMatch, SpeakerRegistry, person_names
from retrieval.filters import Scope, ScopeFacts, read_scope
from retrieval.lang import in_other_script, written_alike
from retrieval.lang.ru_words import ROLE_WORDS
from retrieval.lexical import tokenize

Form = Literal["who", "speaker", "followup", "open"]
# What the chain does with the question: search, or answer at once without searching.
Outcome = Literal["search", "unknown_speaker", "ambiguous", "needs_context"]

_PRONOUNS = r"(?:he|she|they|him|her|them|it)"
# Speech verbs, every inflection: the attribution lexicon's, and the few a *question* uses for
# speech that an article's attribution does not ("What does X think, feel, mean, want …").
# Never "state": "What did the Secretary of State say" has its verb after "State".
_QUESTION_VERBS = lexicon.words(
    "comment commented compare compared consider considered feel felt mean meant speak spoke "
    "talk talked want wanted stated"
)
# Lexicon verbs that in a question are nouns as often as verbs ("the Washington *Post*
# columnist", "a *question*", "in *charge*"): only their past tense counts as speech here.
_NOUN_LIKE = lexicon.words(
    "post posts tweet tweets question questions charge charges counter counters brand brands "
    "label labels cry cries sigh sighs snap snaps bark barks blast blasts attack attacks "
    "thunder thunders roar roars cheer cheers laugh laughs joke jokes quip quips shout shouts "
    "scream screams chant chants muse muses demand demands estimate estimates caution "
    "cautions praise praises hail hails riff riffs rant rants beam beams vow vows pledge "
    "pledges boast boasts lament laments remark remarks read reads cite cites mock mocks "
    "dub dubs sing sings rail rails fume fumes gush gushes tout touts continue continues "
    "interrupt interrupts react reacts reveal reveals recall recalls"
)
SPEECH_WORDS = (lexicon.SPEECH_VERBS - lexicon.PHRASAL_VERBS - _NOUN_LIKE) | _QUESTION_VERBS
# Longest first, so that "said" is never matched as "sai…" by a shorter alternative.
SPEECH_VERBS = (
    "(?:" + "|".join(re.escape(w) for w in sorted(SPEECH_WORDS, key=lambda w: (-len(w), w))) + ")"
)
# "What did X say", "How does X see", "Did X comment", "What has X said", "Why did X say"
_SUBJECT_SLOT = re.compile(
    r"^\s*(?:(?:what|how|why|when|where|which)\s+(?:else\s+)?|(?:who|whom)\s+(?=did|does|do)\b)?"
    r"(?P<aux>did|does|do|has|have|had|is|was|were|are|would|will|could)\s+"
    r"(?P<who>.+?)\s+(?:else\s+|also\s+|ever\s+|really\s+|actually\s+)?"
    r"(?:have\s+to\s+|got\s+to\s+)?(?P<verb>" + SPEECH_VERBS + r")\b",
    re.IGNORECASE,
)
# "Was X compared to …", "Is X called …": X is what was said about, in the passive; only
# "Was X asked about …" (and "quoted", not a speech verb here) keeps X as the one speaking.
_PASSIVE_AUX = frozenset({"is", "was", "were", "are"})
_SPEAKING_PASSIVES = frozenset({"asked", "told", "heard"})
# "… by whom?", "…: who said that?": the who-question comes last, after what was said.
_TRAILING_WHO = re.compile(
    r"(?:[,:;—–-]\s*|\s+)(?:by\s+whom|who\s+(?:said|says|wrote|did)(?:\s+(?:that|this|it|so))?)"
    r"\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# "quotes from X", "comments by X", "according to X"
_FROM_SLOT = re.compile(
    r"\b(?:(?:quotes?|statements?|words|comments?|remarks?)\s+(?:from|by|of)|according\s+to)"
    r"\s+(?P<who>[^?,.;]+)",
    re.IGNORECASE,
)
# "X's comments on …", "Psaki's remarks about …"
_POSSESSIVE_SLOT = re.compile(
    r"^\s*(?:what\s+(?:were|are|was|is)\s+)?(?P<who>[^?,.;]+?)['’]s\s+"
    r"(?:comments?|remarks?|words|statements?|quotes?|views?|reaction)\b",
    re.IGNORECASE,
)

# -- asking for a speaker ------------------------------------------------------------------
_WHO_LEAD = re.compile(
    r"^\s*(?:and\s+)?(?:who|whom)\b(?:\s+(?:was|is)\s+it\s+that\b|\s+exactly\b|\s+else\b)?",
    re.IGNORECASE,
)
# "Which senator warned …", "What official said …" (not "What did …", "Which is …").
_WHICH_LEAD = re.compile(
    r"^\s*(?:and\s+)?(?:which\s+(?!(?:did|does|do|has|have|had|is|was|were|are|would|will|can|"
    r"could|should)\b)|what\s+(?=(?:\w+\s+)?(?:person|people|official|expert|analyst|politician|"
    r"lawmaker|senator|congressman|congresswoman|leader|minister|economist|scientist|"
    r"spokesman|spokeswoman|aide|adviser|advisor|candidate|governor|mayor)s?\b))",
    re.IGNORECASE,
)
# "Name the official who …", "Identify the economist that …"
_NAME_THE = re.compile(
    r"^\s*(?:please\s+)?(?:name|identify|find)\s+(?:the\s+)?(?P<desc>.+?)\s+(?:who|that)\s+",
    re.IGNORECASE,
)
# Verbs that end a description ("Which Latino voter *joked* …"): speech verbs, the past tense
# of any verb, a few common irregular ones, and the auxiliaries.
_OTHER_VERB = re.compile(
    r"^(?:\w+ed|quit|went|led|made|gave|took|sent|put|left|came|"
    r"became|got|kept|ran|saw|knew|won|lost|held|sat|stood|broke|chose|drew|fought|"
    r"says|warns|argues|thinks|believes|claims|wants|calls|compares|predicts|insists|"
    # "Which Sierra Club lawyer *was* skeptical …", "Which senator *has* warned …"
    r"was|were|is|are|has|had|have|would|will)$",
    re.IGNORECASE,
)
# Participles used as adjectives in front of a role ("retired general", "elected official").
_PARTICIPLE_ADJECTIVES = frozenset(
    "retired elected appointed unnamed noted renowned celebrated distinguished acclaimed "
    "indicted disgraced embattled respected unidentified licensed certified qualified "
    "decorated failed talented seasoned experienced so-called self-described self-styled "
    "named based registered undecided unaffiliated conservative-leaning liberal-leaning".split()
)
# What may stand before a name that is whose words are meant, in a question of no other shape.
_NAME_LEADS = re.compile(
    r"^\s*(?:(?:and|so|now|what\s+about|how\s+about|who\s+(?:is|was|'s|are))\s+)?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_WHO_IS = re.compile(r"^\s*who\s+(?:is|was|'s|are)\b(?!\s+it\s+that)", re.IGNORECASE)

_FOLLOWUP = re.compile(
    r"^\s*(?:and|what\s+else|anything\s+else|more|else|also|what\s+about|how\s+about|and\s+on|"
    r"and\s+about)\b|\b(?:else|again|more)\b[^?]*\??\s*$",
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = re.compile(rf"^\s*{_PRONOUNS}\s*$", re.IGNORECASE)
_HAS_PRONOUN = re.compile(rf"\b{_PRONOUNS}\b", re.IGNORECASE)
_EXPLICIT_ABOUT = re.compile(r"\b(?:about|regarding|concerning)\s+\S", re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:about|on|regarding|concerning|of)\s+(?P<topic>[^?]+)", re.IGNORECASE)
# Frame words removed from the search text: they say how to ask, not what about.
_FRAME = re.compile(
    r"^\s*(?:and\s+)?(?:who|what|which|how|why|did|does|do|has|have|had|is|was|else|anything|"
    r"also|tell\s+me|show\s+me|give\s+me|please|said|says|say|told|was\s+quoted|quoted|"
    r"it\s+that|that)\b[\s,]*",
    re.IGNORECASE,
)
_STRIP_END = re.compile(r"[\s?!.]+$")
_SPACES = re.compile(r"\s+")
# Words in quotation marks: straight, curly or guillemets; single quotes only around 2+ words
# so that "Trump's" and "don't" are not taken for quotation marks.
_QUOTED = re.compile(r"[“\"«„]([^”\"»“]{3,}?)[”\"»“]|(?<![\w])['‘]([^'’]+?\s[^'’]+?)['’](?![\w])")
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
_COMMENT = re.compile(r"\b(?:comments?|reactions?|views?|opinions?|statements?|quotes?)\b", re.I)
_OPINION_HINT = re.compile(r"\bquot|\bview|\bopinion|\bposition", re.I)
_ROLE_STOPWORDS = frozenset(
    "the a an of from at in on for with and to his her their its this that who once".split()
)
# Titles in front of a name: never a first name ("Sen. Warren", "Mr. Holtz-Eakin"). The
# lexicon's, without their full stops (words are compared stripped), and a few it lacks.
TITLES = frozenset(t.rstrip(".") for t in lexicon.TITLES) | {"miss", "professor", "capt", "adm"}
_LETTERS = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# A person's name written in full: two or more capitalised words, particles allowed inside.
_FULL_NAME = re.compile(
    r"\b[A-Z][\w'’.-]+(?:\s+(?:(?:de|da|di|van|von|der|bin|al|el|la|le)\s+)?[A-Z][\w'’-]+)+"
)


@dataclass(frozen=True, slots=True)
class Query:
    """A question, analysed. ``outcome`` says whether to search at all."""

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
    description: str | None = None
    described_in_slot: bool = False
    claim: str | None = None
    mentioned: tuple[str, ...] = ()
    scope: Scope | None = None  # the dates and outlets the answer must come from

    @property
    def outcome(self) -> Outcome:
        """What the question leads to before any search."""
        if self.unknown_speaker is not None:
            return "unknown_speaker"
        if self.needs_context:
            return "needs_context"
        if self.ambiguous:
            return "ambiguous"
        return "search"


def analyse(
    question: str,
    registry: SpeakerRegistry,
    *,
    last_speaker: str | None = None,
    last_topic: str | None = None,
    facts: ScopeFacts | None = None,
) -> Query:
    """Analyse a question, using the conversation's last speaker and topic for follow-ups.

    Date and outlet phrases ("in January 2022", "according to Reuters") are read first, by
    ``retrieval.filters``, and taken out: the rest is analysed as if they were not there.
    """
    unscoped, scope = read_scope(question, facts)
    if detect_language(unscoped) == "ru":
        # A Russian question has its own reader (``retrieval.lang.ru``), giving the same Query.
        from retrieval.lang.ru import analyse_ru

        query = analyse_ru(unscoped, registry, last_speaker=last_speaker, last_topic=last_topic)
        return replace(query, question=question, scope=scope)
    text = _SPACES.sub(" ", unscoped).strip()
    text = _as_who_question(text) or text
    claim = quoted_claim(text)
    # The quoted words are the claim, never the question's frame: "Who said 'X, according
    # to our estimates'?" has no speaker slot. Blanked, so positions stay the same.
    unquoted = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    slot_text, slot_start, slot_end, verb_end = _speaker_slot(unquoted)
    if slot_text is not None and _ANYONE.match(slot_text):
        # "Did anyone mention Chechnya?" is "who mentioned Chechnya?" in disguise.
        text = f"Who {text[slot_end:].strip()}"
        slot_text = None
    asks, description, rest = _asks_for_speaker(text) if slot_text is None else (False, None, "")
    matches = registry.find_in(text)

    speaker: str | None = None
    unknown: str | None = None
    ambiguous: tuple[str, ...] = ()
    via_role: str | None = None
    described_in_slot = False
    if slot_text is not None and not _PRONOUN_SUBJECT.match(slot_text):
        readings = registry.readings(slot_text)
        speaker = readings[0] if len(readings) == 1 else None
        candidates = tuple(readings) if speaker is None else ()
        if speaker is None and not candidates:
            # A name of a speaker quoted in the other script ("Peskov": "Дмитрий Песков").
            candidates = tuple(in_other_script(registry, slot_text))
            if len(candidates) == 1:
                speaker, candidates = candidates[0], ()
        if speaker is None and not candidates:
            inside = [
                m
                for m in matches
                if slot_start <= m.start < slot_end
                and not _another_first_name(text[slot_start : m.start])
            ]
            named = _is_name(slot_text)
            if inside and named:
                speaker = inside[0].canonical
            elif not _DOCUMENT.match(slot_text):
                # "the communist leader", "the head of the Congressional Black Caucus": a
                # description; match it against the roles the articles gave their speakers.
                candidates = tuple(described(slot_text, registry))
                speaker = candidates[0] if len(candidates) == 1 else None
                if candidates and _names_a_body(slot_text):
                    # "the White House": nobody is quoted as the White House, but its
                    # spokesman is; answer with those who speak for it, and say so.
                    via_role = slot_text
                if not candidates and named:
                    # Somebody in the speaker's place whom nobody quotes ("Vladimir Putin"):
                    # say so, rather than offer what others said about them.
                    unknown = slot_text
                elif not candidates:
                    # No recorded role says it: look for the words anyway, and keep only a
                    # speaker whose role or surrounding sentence fits the description.
                    asks, description, described_in_slot = True, slot_text, True
                    rest = text[verb_end:]
        if len(candidates) > 1:
            # "Mayor Brandt" with a mayor and a baker named Brandt: the title settles it.
            titled = _titled(slot_text, candidates, registry)
            if len(titled) == 1:
                speaker, candidates = titled[0], ()
        if len(candidates) > 1:
            # "What did Clinton say?" with two Clintons quoted: ask which, never pick one.
            ambiguous = candidates
    who_shaped = asks or bool(_WHO_LEAD.match(text))
    if (
        speaker is None
        and unknown is None
        and not ambiguous
        and slot_text is None
        and matches
        and (not who_shaped or _WHO_IS.match(text))
        and _name_leads(text[: matches[0].start])
    ):
        # "Psaki on sanctions?": a name alone, with no other shape, is whose words are meant;
        # not one after other words ("Quotes about Psaki?" are about her).
        meant = tuple(registry.readings(matches[0].surface))
        if len(meant) > 1:
            ambiguous = meant
        else:
            speaker = matches[0].canonical
    elif (
        speaker is None and unknown is None and not ambiguous and not who_shaped and not slot_text
    ):
        unknown = _unknown_person(text, registry)

    followup = False
    pronoun_slot = slot_text is not None and bool(_PRONOUN_SUBJECT.match(slot_text))
    if speaker is None and unknown is None and not ambiguous and last_speaker and not asks:
        leans = _FOLLOWUP.search(text) or (_HAS_PRONOUN.search(text) and not who_shaped)
        if pronoun_slot or leans:
            speaker, followup = last_speaker, True

    # The topic is never the quoted words: those are the claim, checked on their own.
    frame = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    topic = _topic(frame, verb_end if slot_text is not None else None)
    if followup and topic is None and last_topic and not re.search(r"\belse\b", text, re.I):
        topic = last_topic
    form = form_of(
        followup=followup,
        named=speaker is not None or unknown is not None or bool(ambiguous),
        asks=who_shaped,
    )
    if form in ("speaker", "followup"):
        search = topic or claim or ""
    elif asks and rest:
        search = _search_text(rest)
    else:
        search = _search_text(text)
    mentioned: tuple[str, ...] = ()
    if form == "who":
        mentioned = _mentioned(registry, text, matches, speaker)
    elif topic:
        # "What did Pruitt say about Halvorsen?": whom the speaker's words are about.
        mentioned = _mentioned(registry, topic, registry.find_in(topic), speaker)
        mentioned += tuple(n for _, _, n in person_names(topic) if len(n.split()) > 1)
    return Query(
        question=question,
        scope=scope,
        form=form,
        search_text=search,
        speaker=speaker,
        unknown_speaker=unknown,
        topic=topic if form != "who" or described_in_slot else _topic(frame, None),
        followup=followup,
        # "What else did he say?" with nobody to refer to: ask back rather than guess.
        needs_context=speaker is None and unknown is None and pronoun_slot,
        ambiguous=ambiguous,
        via_role=via_role,
        # "Any comments on sanctions?", "What was said about rents?": quotes, not narrative.
        wants_quotes=form == "who" or _speech_hint(text) or bool(_COMMENT.search(text)),
        # Only "about X" makes X a condition; "What did Zyuganov write in his channel?" still
        # wants Zyuganov's words even if none of them mention the channel.
        explicit_topic=topic is not None and bool(_EXPLICIT_ABOUT.search(text)),
        description=description,
        described_in_slot=described_in_slot,
        claim=claim,
        mentioned=mentioned,
    )


def form_of(*, followup: bool, named: bool, asks: bool) -> Form:
    """The question's form, in every language: a follow-up, about a named speaker (known,
    unknown or ambiguous), asking who, or open."""
    if followup:
        return "followup"
    if named:
        return "speaker"
    return "who" if asks else "open"


def quoted_claim(text: str) -> str | None:
    """Return the words a question puts in quotation marks (two words or more), if any."""
    found = _QUOTED.search(text)
    if found is None:
        return None
    words = (found.group(1) or found.group(2) or "").strip(" ,.;:!?")
    return words if len(words.split()) >= 2 else None


def _speaker_slot(text: str) -> tuple[str | None, int, int, int]:
    """Return the words in the speaker's place, where they stand and where the verb ends."""
    for pattern in (_SUBJECT_SLOT, _POSSESSIVE_SLOT):
        slot = pattern.match(text)
        if slot is not None:
            break
    else:
        slot = _FROM_SLOT.search(text)
    if slot is None:
        return None, 0, 0, 0
    name = _clean_name(slot.group("who"))
    # "Who said Trump's remarks …": a speech verb inside is a clause, never a speaker's name.
    if not name or any(w.lower() in SPEECH_WORDS for w in _LETTERS.findall(name)):
        return None, 0, 0, 0
    return name, slot.start("who"), slot.end("who"), slot.end()


def _as_who_question(text: str) -> str | None:
    """Rewrite a question whose speaker is asked for in the passive or last, as "Who …".

    "Was Halvorsen compared to anything?" is "Who compared Halvorsen to anything?";
    "Halvorsen was called a weather vane by whom?" and "Halvorsen a weather vane: who said
    that?" ask who said it, about Halvorsen. None when the question is not of these shapes.
    """
    passive = _SUBJECT_SLOT.match(text)
    if (
        passive is not None
        and passive.group("aux").lower() in _PASSIVE_AUX
        and passive.group("verb").lower().endswith("ed")
        and passive.group("verb").lower() not in _SPEAKING_PASSIVES
    ):
        return f"Who {passive.group('verb')} {passive.group('who')}{text[passive.end() :]}"
    trailing = _TRAILING_WHO.search(text)
    if trailing is None or trailing.start() == 0:
        return None
    body = text[: trailing.start()].strip()
    # "Halvorsen was compared to a weather vane": the passive's object leads.
    body = re.sub(r"\b(?:was|were|is|are|has\s+been|have\s+been)\s+", "", body, count=1)
    return f"Who said {body}?"


def _asks_for_speaker(text: str) -> tuple[bool, str | None, str]:
    """Tell whether a question asks who spoke; return its description and what follows it."""
    lead = _WHO_LEAD.match(text)
    if lead is not None:
        return True, None, text[lead.end() :]
    named = _NAME_THE.match(text)
    if named is not None:
        return True, _clean_description(named.group("desc")), text[named.end() :]
    lead = _WHICH_LEAD.match(text)
    if lead is None:
        return False, None, ""
    words = list(re.finditer(r"\S+", text[lead.end() :]))
    in_clause = False
    for i, word in enumerate(words):
        token = word.group().strip(",;:").lower()
        if token in ("who", "that", "whose") and i > 0:
            in_clause = True  # "Which scholar who once mentored Obama compared …"
            continue
        if in_clause:
            in_clause = not _is_verb_word(token)  # the relative clause's own verb ("mentored")
            continue
        following = words[i + 1].group() if i + 1 < len(words) else ""
        previous = words[i - 1].group().lower() if i > 0 else ""
        if i == 0 or previous in _ROLE_STOPWORDS or not _is_verb(token, following):
            continue  # "head of *state*" is a noun
        start = lead.end()
        description = text[start : start + word.start()]
        return True, _clean_description(description), text[start + word.start() :]
    return False, None, ""


def _is_verb_word(token: str) -> bool:
    return token.lower() in SPEECH_WORDS or _OTHER_VERB.match(token) is not None


def _speech_hint(text: str) -> bool:
    """Whether a question is about what was said: a speech verb, "quote", "view", "opinion"."""
    words = (w.lower() for w in _LETTERS.findall(text))
    return any(w in SPEECH_WORDS for w in words) or _OPINION_HINT.search(text) is not None


def _is_verb(token: str, following: str) -> bool:
    if not _is_verb_word(token) or token in _PARTICIPLE_ADJECTIVES:
        return False
    # "retired Air Force general": a participle right before a name is an adjective; before a
    # title it is the verb ("criticized Dr. Oz"), and a speech verb is one before anybody
    # ("Which Democrat compared Halvorsen to …": Halvorsen is its object).
    if following.lower().strip(".,") in TITLES or token in SPEECH_WORDS:
        return True
    return not (token.endswith("ed") and following[:1].isupper())


def _clean_description(description: str) -> str | None:
    words = description.strip(" ,").split()
    while words and words[0].lower() in ("of", "the", "a", "an", "one"):
        words = words[1:]
    return " ".join(words) or None


def _topic(text: str, slot_end: int | None) -> str | None:
    rest = text[slot_end:] if slot_end is not None else text
    about = _ABOUT.search(rest)
    if about:
        topic = _STRIP_END.sub("", about.group("topic")).strip()
        return topic or None
    if slot_end is not None:
        # "According to Tanner, what would …": the comma after the slot is not the topic's.
        rest = rest.lstrip(" ,;:")
        topic = _STRIP_END.sub("", re.sub(r"^\s*(?:say|said)?\s*(?:to\s+)?", "", rest)).strip()
        return topic or None
    return None


def _search_text(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _FRAME.sub("", text)
    return _STRIP_END.sub("", text).strip()


def _clean_name(name: str) -> str:
    name = re.sub(r"^(?:the\s+)?(?:people\s+like\s+)?", "", name.strip(), flags=re.I)
    return re.sub(r"['’]s$", "", name).strip(" ,")


def _is_name(words: str) -> bool:
    """Whether the words name someone ("Vladimir Putin", "Sen. Warren"), not describe them.

    Titles may stand in front of a name; a role word after it ("the Ohio Democratic Party
    chairman") makes it a description.
    """
    tokens = [w for w in _WORD.findall(words) if w.lower() not in lexicon.NAME_PARTICLES]
    while tokens and tokens[0].lower().strip(".") in TITLES:
        tokens = tokens[1:]
    return bool(tokens) and all(t[:1].isupper() for t in tokens) and len(tokens) <= 4


def _name_leads(before: str) -> bool:
    """Whether the words before a name leave it in the speaker's place ("And Sen. …")."""
    words = before.split()
    while words and words[-1].lower().strip(".") in TITLES:
        words.pop()
    return _NAME_LEADS.match(" ".join(words) + " ") is not None


def _unknown_person(text: str, registry: SpeakerRegistry) -> str | None:
    # A person named in full anywhere in a speech question, who is no known speaker, is what
    # the question is about ("Was Vladimir Putin quoted?"). One capitalised word is too often
    # a place or a thing ("Chechnya") to conclude anything from.
    if not _speech_hint(text):
        return None
    for found in _FULL_NAME.finditer(text):
        words = found.group().split()
        while words and (words[0].lower() in _QUESTION_WORDS or words[0].lower() in TITLES):
            words = words[1:]
        name = " ".join(words)
        if len(words) > 1 and registry.canonical(name) is None and not registry.candidates(name):
            return name
    return None


_QUESTION_WORDS = frozenset(
    "was is were did does has have what who whom whose which why how when where and".split()
)


def _mentioned(
    registry: SpeakerRegistry, text: str, matches: list[SpeakerMatch], speaker: str | None
) -> tuple[str, ...]:
    names = [m.canonical for m in matches]
    names += [c for m in registry.ambiguous_in(text) for c in m.candidates]
    return tuple(dict.fromkeys(n for n in names if n != speaker))


def _another_first_name(before: str) -> bool:
    """Whether a capitalised word other than a title stands right before a matched surname.

    "Daniela Ortega" must not become Daniel Ortega through "Ortega"; "Mr. Blokhin" and
    "professor Aleksandrov" are still Blokhin and Aleksandrov.
    """
    words = before.split()
    if not words:
        return False
    last = words[-1].strip(".,")
    return last[:1].isupper() and last.lower() not in TITLES


def description_terms(description: str) -> set[str]:
    """Return a description's content words as role terms (stemmed, synonyms folded)."""
    words = [w for w in re.split(r"['’]s\b", _HEAD_OF_STATE.sub("head", description)) if w]
    return {role_term(t) for t in tokenize(" ".join(words)) if t not in _ROLE_STOP_STEMS}


def role_terms(text: str) -> set[str]:
    """Return the role terms of a role or a sentence about a speaker."""
    text = _HEAD_OF_STATE.sub("head", _PARTY_TAG.sub(_spell_party_tag, text))
    terms = {role_term(t) for t in tokenize(text)}
    return terms | {_REGION_OF[t] for t in terms if t in _REGION_OF}


# "head of state" is one office (a president, a prime minister), not a head and a state.
_HEAD_OF_STATE = re.compile(r"\bheads?\s+of\s+(?:state|government)\b", re.IGNORECASE)
# A region's adjective covers its nations' ("Which Asian head of state …" is South Korea's
# president): a nation's adjective in a role also yields its region's. General geography.
_REGIONS = {
    "asian": "chinese japanese korean indian pakistani vietnamese thai indonesian filipino "
    "malaysian taiwanese afghan bangladeshi mongolian kazakh",
    "european": "british english french german italian spanish polish dutch swedish norwegian "
    "danish finnish belgian austrian swiss greek portuguese irish hungarian czech romanian "
    "ukrainian",
    "african": "nigerian kenyan egyptian ethiopian ghanaian senegalese ugandan rwandan",
}
_REGION_OF = {
    nation: tokenize(region)[0]
    for region, nations in _REGIONS.items()
    for nation in tokenize(nations)
}


# "(D-Wis.)", "R-S.C.": the party and state tag US papers put after a legislator's name.
_PARTY_TAG = re.compile(r"\b([RDI])-([A-Z][A-Za-z.]{0,5})(?![\w])")
_PARTIES = {"R": "Republican", "D": "Democrat", "I": "independent"}
# The Associated Press's state abbreviations (general US usage, as in the party tag).
_STATES = dict(
    pair.split("=")
    for pair in (
        "Ala=Alabama Ariz=Arizona Ark=Arkansas Calif=California Colo=Colorado "
        "Conn=Connecticut Del=Delaware Fla=Florida Ga=Georgia Ill=Illinois Ind=Indiana "
        "Kan=Kansas Ky=Kentucky La=Louisiana Md=Maryland Mass=Massachusetts Mich=Michigan "
        "Minn=Minnesota Miss=Mississippi Mo=Missouri Mont=Montana Neb=Nebraska Nev=Nevada "
        "N.H=New_Hampshire N.J=New_Jersey N.M=New_Mexico N.Y=New_York N.C=North_Carolina "
        "N.D=North_Dakota Okla=Oklahoma Ore=Oregon Pa=Pennsylvania R.I=Rhode_Island "
        "S.C=South_Carolina S.D=South_Dakota Tenn=Tennessee Tex=Texas Vt=Vermont Va=Virginia "
        "Wash=Washington W.Va=West_Virginia Wis=Wisconsin Wyo=Wyoming"
    ).split()
)


def _spell_party_tag(tag: re.Match[str]) -> str:
    state = tag.group(2).rstrip(".")
    spelt = _STATES.get(state, state).replace("_", " ")
    return f"{_PARTIES[tag.group(1)]} {spelt}"


# Words that name the same office or standing, folded to one term: a user's "head of" is an
# article's "chairman of", "Sen." is "senator". General English, not taken from any corpus.
_ROLE_SYNONYMS = {
    "head": "head",
    "chief": "head",
    "chair": "head",
    "chairman": "head",
    "chairwoman": "head",
    "chairperson": "head",
    "leader": "head",
    "director": "head",
    "presid": "head",
    "boss": "head",
    "top": "top",
    "rank": "top",
    "senior": "top",
    "sen": "senat",
    "senat": "senat",
    "rep": "congress",
    "repres": "congress",
    "congressman": "congress",
    "congresswoman": "congress",
    "congression": "congress",
    "lawmak": "congress",
    "gov": "governor",
    "governor": "governor",
    "gen": "general",
    "dr": "doctor",
    "doctor": "doctor",
    "prof": "professor",
    "professor": "professor",
    "spokesman": "spokes",
    "spokeswoman": "spokes",
    "spokesperson": "spokes",
    "spokespeopl": "spokes",
    "minist": "minist",
    "secretari": "minist",
    "democrat": "democrat",
    "dem": "democrat",
    "republican": "republican",
    "gop": "republican",
    "aid": "advis",
    "advis": "advis",
    "advisor": "advis",
    "advisori": "advis",
    "strategist": "advis",
    "economi": "econom",
    "econom": "econom",
    "economist": "economist",
}
# Russian office words in the same terms, through their English counterparts: a Russian
# description ("мэр Нью-Йорка") meets a role recorded in either language.
_ROLE_SYNONYMS.update(
    (stem, _ROLE_SYNONYMS.get(english, english))
    for russian, word in ROLE_WORDS.items()
    for english in tokenize(word)[:1]
    for stem in tokenize(russian)
)
_ROLE_STOP_STEMS = frozenset(tokenize(" ".join(_ROLE_STOPWORDS)))


def role_term(stem: str) -> str:
    """Fold one stemmed word to its role term."""
    return _ROLE_SYNONYMS.get(stem, stem)


def described(description: str, registry: SpeakerRegistry) -> list[str]:
    """Return the speakers whose recorded roles contain every word of the description."""
    wanted = description_terms(description)
    if not wanted:
        return []
    out = []
    for name in registry.names():
        for role in registry.roles(name):
            terms = role_terms(role)
            if wanted <= terms or written_alike(wanted, terms):
                out.append(name)
                break
    return out


def _titled(name: str, candidates: tuple[str, ...], registry: SpeakerRegistry) -> list[str]:
    """Return the candidates whose recorded roles include the title in front of a name."""
    titles = [w for w in _WORD.findall(name) if w.lower().strip(".") in TITLES]
    if not titles:
        return []
    wanted = description_terms(" ".join(titles))
    return [c for c in candidates if any(wanted <= role_terms(role) for role in registry.roles(c))]


def _names_a_body(description: str) -> bool:
    """Whether a description names an institution ("the White House"), not an office held by a
    person ("the Secretary of State", "Police Chief")."""
    words = [w for w in description.split() if w.lower() not in _ROLE_STOPWORDS]
    if any(w.lower().strip(".") in TITLES or w.lower() in lexicon.PERSON_NOUNS for w in words):
        return False
    return bool(words) and all(w[:1].isupper() for w in words)
