"""English verbs of speech and belief, every inflection, and the classes the rules tell apart."""

from __future__ import annotations

from corpus.lang import words

# Speech and belief verbs, by base form; regular inflections are derived below.
_SPEECH_BASES = words(
    """
    say tell write think add state ask explain note argue claim declare insist warn announce
    reply respond recall remark tweet post acknowledge admit suggest observe conclude complain
    joke quip shout yell urge believe predict promise vow pledge concede counter reiterate
    emphasize emphasise stress continue testify confirm deny boast lament scoff muse assert
    contend maintain proclaim exclaim whisper caution agree recount report chide snap wonder
    mutter sigh cry retort elaborate allege charge summarize inform demand bark blast tout
    gush rant scream chant sing preach ridicule mock assure advise fume plead interject opine
    rail reveal call mention clarify beam laugh cheer label describe dub brand praise cite hail
    slam decry condemn accuse criticize criticise attack thunder roar gasp recommend question
    estimate answer demur react surmise remember riff interrupt affirm liken
    """
)
# Forms the simple inflection rule cannot derive.
_IRREGULAR = words(
    """
    says said saying tells told telling writes wrote writing written thinks thought replies
    replied admits admitted quips quipped stresses stressed testifies testified denies denied
    snaps snapped cries cried sings sang singing pleads pleaded pled read reads dubbed
    pressed demurred commented commenting
    """
)


def _inflect(base: str) -> set[str]:
    if " " in base:
        return set()
    forms = {base}
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith(("s", "sh", "ch", "x")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    return forms


def _build_verbs() -> frozenset[str]:
    verbs: set[str] = set()
    for base in _SPEECH_BASES:
        verbs |= _inflect(base)
    verbs |= _IRREGULAR
    # Inflections the simple rule gets wrong.
    # "states" and "state" are far more often nouns than the verb.
    verbs -= words("sayed telled writed thinked sayes telles state states")
    return frozenset(verbs)


# Phrasal cues matched as a whole ("points out", "shot back").
_PHRASAL = (
    "point out|points out|pointed out|went on|goes on|go on|shot back|fired back|"
    "fires back|wrote back|chimed in|chimes in|cut in|cuts in|summed up|sums up|spoke up|"
    "weighed in|weighs in|went on to say|goes on to say|put it|puts it"
)
PHRASAL_VERBS = frozenset(_PHRASAL.split("|"))

SPEECH_VERBS = _build_verbs() | PHRASAL_VERBS

# Verbs that report a thought or a claim and introduce a clause, used for reported speech.
_NOT_REPORTING = words(
    "post posts posted continue continued ask asks asked mention mentions mentioned report "
    "reported reports tweet tweets tweeted read reads beam beams beamed laugh laughs laughed "
    "cheer cheers cheered label labels labeled describe describes described dub dubs dubbed "
    "brand brands branded praise praises praised cite cites cited hail hails hailed slam slams "
    "slammed decry decries decried condemn condemns condemned accuse accuses accused criticize "
    "criticizes criticized criticise criticises criticised attack attacks attacked thunder "
    "thunders thundered roar roars roared gasp gasps gasped question questions questioned "
    "estimate estimates estimated react reacts reacted riff riffs riffed interrupt "
    "interrupts interrupted pressed answer answers answered liken likens likened"
)
REPORTING_VERBS = frozenset(
    v for v in SPEECH_VERBS if not v.endswith("ing") and v not in _NOT_REPORTING
)

# Capitalised forms seen in news copy ("Murphy ... Tweeted on Friday", "Continued Stone: ...").
CAPITALISED_VERBS = (
    "Said",
    "Says",
    "Tweeted",
    "Wrote",
    "Added",
    "Asked",
    "Continued",
    "Replied",
    "Told",
)
# Verbs whose object is the listener, never the speaker: 'told “Fox and Friends”', 'asked Lee'.
LISTENER_VERBS = words("told tells tell telling informed informs asked asks ask")
# Verbs of an outlet relaying others' words: "X said ..., Yahoo Finance reported".
RELAYING_VERBS = words("reported reports report")
# Verbs of an appeal, whose clause is "on X to do": "called on the protesters to ...".
APPEAL_VERBS = words("called calls call urged urges urge")
# Verbs that take a clause without "that" ("Smith said the plan was dead").
BARE_CLAUSE_VERBS = words("said says believes thinks argued argues insisted insists warned warns")
# Verbs that only report words; "workers demand", "officials warn" may be an answer's own claim.
TALK_VERBS = words(
    "say says said speak speaks spoke talk talks talked write writes wrote describe describes "
    "described refer refers referred"
)
# Irregular past forms: a capitalised word before one of these is a clause's subject.
IRREGULAR_PAST = words(
    "took made gave told said went came spoke wrote was is has had got put ran sat stood held "
    "kept left met saw heard felt thought brought bought sent began became"
)
