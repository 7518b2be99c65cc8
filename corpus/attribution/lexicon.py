"""Word lists the attribution rules are built from."""

from __future__ import annotations

_SPEECH_STEMS = {
    # base: irregular or extra inflections
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"),
    "think": ("thinks", "thought"),
    "add": (), "state": (), "ask": (), "explain": (), "note": (), "argue": (), "claim": (),
    "declare": (), "insist": (), "warn": (), "announce": (), "reply": ("replies", "replied"),
    "respond": (), "recall": (), "remark": (), "tweet": (), "post": (), "acknowledge": (),
    "admit": ("admits", "admitted"), "suggest": (), "observe": (), "conclude": (),
    "complain": (), "joke": (), "quip": ("quips", "quipped"), "shout": (), "yell": (),
    "urge": (), "believe": (), "predict": (), "promise": (), "vow": (), "pledge": (),
    "concede": (), "counter": (), "reiterate": (), "emphasize": (), "emphasise": (),
    "stress": ("stresses", "stressed"), "continue": (), "testify": ("testifies", "testified"),
    "confirm": (), "deny": ("denies", "denied"), "boast": (), "lament": (),
    "scoff": (), "muse": (), "assert": (), "contend": (), "maintain": (), "proclaim": (),
    "exclaim": (), "whisper": (), "caution": (), "agree": (), "recount": (), "report": (),
    "write in": (), "point out": (), "chide": (), "snap": ("snaps", "snapped"),
    "reply back": (), "wonder": (), "mutter": (), "sigh": (), "cry": ("cries", "cried"),
    "retort": (), "elaborate": (), "allege": (), "charge": (), "predicts": (), "summarize": (),
    "inform": (), "demand": (), "bark": (), "blast": (), "tout": (), "gush": (), "rant": (),
    "scream": (), "chant": (), "sing": ("sings", "sang", "singing"), "preach": (), "ridicule": (), "mock": (), "assure": (), "advise": (), "announces": (), "fume": (), "plead": ("pleads", "pleaded", "pled"),
    "interject": (), "opine": (), "rail": (), "ask rhetorically": (),
    "recalled": (), "reveal": (), "call": (), "explains": (), "mention": (), "clarify": ("clarifies", "clarified"),
}


def _inflect(base: str) -> set[str]:
    if " " in base:
        return set()
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith(("s", "sh", "ch", "x")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    return forms


def _build_verbs() -> frozenset[str]:
    verbs: set[str] = set()
    for base, extra in _SPEECH_STEMS.items():
        verbs |= _inflect(base)
        verbs |= set(extra)
    # Inflections the simple rule gets wrong.
    verbs -= {"sayed", "telled", "writed", "thinked", "replyed", "testifyed", "denyed", "cryed"}
    return frozenset(verbs)


# Phrasal cues matched as a whole ("points out", "shot back").
PHRASAL_VERBS = frozenset(
    """point out|points out|pointed out|went on|goes on|go on|shot back|fired back|fires back|
    wrote back|chimed in|chimes in|summed up|sums up|spoke up|weighed in|weighs in|
    went on to say|goes on to say|put it|puts it""".replace("\n", "").replace("    ", "").split("|")
)

SPEECH_VERBS = _build_verbs() | PHRASAL_VERBS

# Verbs that report a thought or a claim and introduce a clause, used for reported speech.
REPORTING_VERBS = frozenset(
    v
    for v in SPEECH_VERBS
    if not v.endswith("ing") and v not in {"post", "posts", "posted", "continue", "continued",
                                            "begin", "begins", "began", "ask", "asks", "asked",
                                            "mention", "mentions", "mentioned", "report",
                                            "reported", "reports", "tweet", "tweets", "tweeted"}
)

PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})
PERSON_PRONOUNS = frozenset({"he", "she"})

# Words that end a run of capitalised words before a name, or that mark an organisation.
ORG_WORDS = frozenset(
    """
    ministry department office house party committee council senate congress parliament
    agency bureau commission association foundation institute university college center
    centre school court administration government campaign council group union company corp
    inc news post times journal press network service services army navy police fund bank
    organization organisation federation league board authority league club alliance church
    coalition caucus cabinet kremlin pentagon commission chamber assembly secretariat
    foundation project society trust media magazine newspaper channel radio television tv
    cnn msnbc fox abc nbc cbs reuters ap afp tass bloomberg politico breitbart gop nato un
    eu fbi cia nsa dnc rnc isis state states nations forces academy research studies
    """.split()
)

# Capitalised words that are never part of a person's name.
NOT_NAME_WORDS = frozenset(
    """
    the a an and but or so yet however meanwhile also then when while although though if
    in on at of for from with by to as after before during since because this that these those
    it its he she they we i you his her their our my your who what which where why how there
    here not no yes monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december today yesterday
    tomorrow mr mrs ms dr sen rep gov gen lt col sgt prof president senator governor secretary
    speaker mayor minister chairman chairwoman chair director leader judge justice ambassador
    representative congressman congresswoman pope king queen prince general officer chief
    former late sir lord lady republican republicans democrat democrats democratic
    american americans russian russians ukrainian belarusian chinese british english french
    german according asked said says told added wrote recall recalls
    """.split()
)

# Titles that precede a name and belong to the role, not the name.
TITLES = frozenset(
    """
    mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. lt lt. col col. sgt sgt.
    prof prof. president senator governor secretary speaker mayor minister chairman chairwoman
    director leader judge justice ambassador representative congressman congresswoman pope
    king queen prince general chief sir lord lady vice deputy attorney candidate nominee
    premier chancellor commissioner sheriff pastor rev rev. father sister brother
    """.split()
)

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr sen rep gov gen lt col sgt prof st jr sr no vs inc corp co ltd jan feb mar apr
    jun jul aug sep sept oct nov dec u.s u.n u.k d.c a.m p.m e.g i.e etc rev ft mt ph.d
    """.split()
)

# Lowercase nouns that can describe a speaker ("the senator said", "officials said").
PERSON_NOUNS = frozenset(
    """
    politician expert analyst senator governor president spokesman spokeswoman spokesperson
    official officials source sources aide aides adviser advisor advisers advisors candidate
    nominee lawmaker lawmakers congressman congresswoman representative minister chairman
    chairwoman director leader leaders scientist researcher professor economist strategist
    pollster author writer reporter journalist columnist commentator observer critic critics
    supporter supporters voter voters resident residents man woman person people mother father
    son daughter wife husband friend lawyer attorney attorneys judge officer officers prosecutor
    prosecutors activist activists protester protesters organizer organizers member members
    manager executive ceo founder chief secretary ambassador diplomat diplomats mayor sheriff
    doctor doctors student students teacher worker workers campaigner insider insiders
    witness witnesses host anchor moderator billionaire mogul businessman businesswoman
    veteran veterans republican republicans democrat democrats conservative conservatives
    liberal liberals politicians experts analysts specialist historian director
    """.split()
)

ORG_NOUNS = frozenset(
    """
    campaign ministry department committee agency government administration company group
    party office statement report newspaper paper magazine network site website outlet board
    organization organisation team council commission white house police court union
    """.split()
)
