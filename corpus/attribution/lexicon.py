"""Word lists the attribution rules are built from."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


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

PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})
PERSON_PRONOUNS = frozenset({"he", "she"})

# Words that end a run of capitalised words before a name, or that mark an organisation.
ORG_WORDS = words(
    """
    ministry department office house party committee council senate congress parliament
    agency bureau commission association foundation institute university college center
    centre school court administration government campaign council group union company corp
    inc news post times journal press network service services army navy police fund bank
    organization organisation federation league board authority league club alliance church
    coalition caucus cabinet kremlin pentagon commission chamber assembly secretariat
    foundation project society trust media magazine newspaper channel radio television tv
    hospital clinic
    cnn msnbc fox abc nbc cbs reuters ap afp tass bloomberg politico breitbart gop nato un
    eu fbi cia nsa dnc rnc isis state states nations forces academy research studies
    """
)

# Capitalised words that are never part of a person's name.
NOT_NAME_WORDS = words(
    """
    sens reps
    the a an and but or so yet however meanwhile also then when while although though if
    in on at of for from with by to as after before during since because this that these those
    it its he she they we i you his her their our my your who what which where why how there
    here not no yes monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december today yesterday
    tomorrow mr mrs ms dr sen rep gov gen lt col sgt prof president senator governor secretary
    speaker mayor minister chairman chairwoman chair director leader justice ambassador
    representative congressman congresswoman general officer chief
    former late sir lord lady republican republicans democrat democrats democratic
    american americans russian russians ukrainian belarusian chinese british english french
    german according asked said says told added wrote recall recalls
    one two three four five six seven eight nine ten eleven twelve twenty thirty hundreds
    thousands millions minutes hours days weeks months years decades more most many some
    several few nobody everybody somebody anybody everyone someone anyone nothing everything
    something anything none neither either each every
    """
)

# Countries and regions: a bare place name speaks only as an institution ("Russia said"),
# never as a person a pronoun could point back to.
PLACE_NAMES = words(
    """
    afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
    bahrain bangladesh belarus belgium bolivia bosnia brazil britain bulgaria cambodia cameroon
    canada chile china colombia congo croatia cuba cyprus czechia denmark ecuador egypt england
    eritrea estonia ethiopia europe finland france georgia germany ghana greece guatemala haiti
    honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan
    kazakhstan kenya korea kosovo kuwait kyrgyzstan laos latvia lebanon libya lithuania
    luxembourg macedonia malaysia mali malta mexico moldova mongolia montenegro morocco
    mozambique myanmar nepal netherlands nicaragua niger nigeria norway oman pakistan palestine
    panama paraguay peru philippines poland portugal qatar romania russia rwanda scotland
    senegal serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria
    taiwan tajikistan tanzania thailand tunisia turkey turkmenistan uganda ukraine uruguay
    uzbekistan venezuela vietnam wales yemen zambia zimbabwe africa asia america crimea
    donbass chechnya siberia caucasus balkans scandinavia washington moscow beijing kyiv kiev
    london paris berlin brussels tehran ankara minsk
    """
) | frozenset(
    {
        "united states", "united kingdom", "south korea", "north korea", "saudi arabia",
        "south africa", "new zealand", "czech republic", "latin america", "middle east",
        "central asia", "european union",
    }
)  # fmt: skip

# Titles that precede a name and belong to the role, not the name.
TITLES = words(
    """
    sens sens. reps reps.
    mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. lt lt. col col. sgt sgt.
    prof prof. president senator governor secretary speaker mayor minister chairman chairwoman
    director leader judge justice ambassador representative congressman congresswoman pope
    king queen prince general chief sir lord lady vice deputy attorney candidate nominee
    premier chancellor commissioner sheriff pastor rev rev. father sister brother
    """
)

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = words(
    """
    mr mrs ms dr sen rep gov gen lt col sgt prof st jr sr no vs inc corp co ltd jan feb mar apr
    jun jul aug sep sept oct nov dec u.s u.n u.k d.c a.m p.m e.g i.e etc rev ft mt ph.d
    """
)

# Lowercase nouns that can describe a speaker ("the senator said", "officials said").
PERSON_NOUNS = words(
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
    """
)

# Heads of a description that names a document, not someone speaking ("the report states").
DOCUMENT_NOUNS = words(
    """
    report reports statement statements email emails letter letters release memo memos filing
    complaint lawsuit document documents study survey poll indictment affidavit ruling order
    tweet tweets post posts analysis transcript recording video message messages note notice
    guidance guidelines decision opinion brief petition proposal plan bill website
    """
)
ORG_NOUNS = words(
    """
    campaign ministry department committee agency government administration company group
    party office statement report newspaper paper magazine network site website outlet board
    organization organisation team council commission white house police court union
    airline carrier firm bank network association ministry embassy hospital university
    club league army military navy church charity chamber coalition alliance broadcaster
    """
)

# Common first names whose bearer's pronoun is near-certain, so that "she" never resolves to
# "Donald Trump" nor "he" to "Hillary Clinton". Names borne by both sexes are left out.
FEMALE_FIRST_NAMES = words(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma
    nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather
    diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
    megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn
    janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly
    isabella theresa diana natalie brittany charlotte marie kayla alexis lori hillary hilary
    chelsea carly michele melania ivanka nikki condoleezza sonia ruth elena huma donna debbie
    hope kellyanne katrina sheila tulsi jill kirsten kamala dianne barbara claire susana
    jeanne maxine nita tammy heidi lisa joni mazie amy olga irina natalia svetlana tatiana
    yulia anastasia ekaterina maria angela theresa marine ségolène ursula
    """
)
FEMALE_WORDS = words(
    """
    she her mrs mrs. ms ms. miss madam lady woman women wife mother daughter sister grandmother
    spokeswoman congresswoman chairwoman businesswoman actress queen princess duchess
    """
)
MALE_FIRST_NAMES = words(
    """
    james robert john michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter
    christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan
    jesse bryan billy bruce gabriel joe logan albert willie alan eugene russell vincent
    philip bobby johnny bradley barack bernie bernard ted marco jeb rand mitt mike chris
    newt rick ben reince harry mitch lindsey bill hugh vladimir sergei dmitry alexei mikhail
    ivan nikolai igor oleg yuri boris viktor emmanuel francois françois nicolas angelo
    tim bob jim tom dick steve dave ron ken greg rudy rudolph reince corey kellogg jared
    eric newt herman ralph orrin elijah adam hakeem xi recep benjamin
    """
)
MALE_WORDS = words(
    """
    he his him mr mr. sir lord man men husband father son brother grandfather spokesman
    congressman businessman actor king prince duke
    """
)


# ---------------------------------------------------------------------------------------------
# The speaker registry's words (corpus/speakers/): how names are told apart from the words
# around them and folded together across articles. Lists the attribution rules above already
# keep (TITLES, PERSON_NOUNS, ABBREVIATIONS, the first names) are used from there.
# ---------------------------------------------------------------------------------------------

ARTICLES = words("the a an")
# A "name" opening with these is a description ("an Iowa Republican"), whatever its kind.
INDEFINITE_OPENERS = words("a an another one some several")
# Lowercase words inside names ("Ursula von der Leyen") and suffixes after them ("Jr.").
NAME_PARTICLES = words("von van der den de da di du la le bin ibn al el dos das del ter ten")
NAME_SUFFIXES = words("jr sr ii iii iv")
# Lowercase words that join an organisation's name ("Ministry of Internal Affairs").
NAME_CONNECTORS = words("of for and on in at to de del und")
# Titles and roles written in front of a name ("President", "spokesman", "Leader of ..."):
# the attribution rules' TITLES and these.
ROLE_WORDS = TITLES | words(
    """
    president vice prime minister ministers secretary spokesman spokeswoman spokesperson
    press leader leaders chairman chairwoman chair head director chief senator sen rep
    representative governor mayor general gen colonel col captain capt lieutenant lt sergeant
    sgt officer ambassador deputy expert analyst researcher professor prof dr mr mrs ms miss
    sir dame lord lady king queen prince princess pope judge justice attorney lawyer
    chancellor premier commissioner envoy adviser advisor aide candidate nominee lawmaker
    congressman congresswoman politician scientist economist journalist correspondent editor
    founder ceo cfo coo executive manager official mp mep councillor councilman councilwoman
    patriarch bishop archbishop cardinal rabbi imam sheikh emir sultan ayatollah coach
    commander admiral marshal director-general secretary-general spokesperson former acting
    political senior junior leading well-known famous renowned first second member members
    representative head state speaker deputy-head researcher specialist activist blogger
    host presenter anchor author writer historian sociologist scholar fellow teacher student
    doctor nurse witness resident residents worker owner
    supervisor superintendent trustee alderman alderwoman assemblyman assemblywoman delegate
    treasurer comptroller clerk constable inspector detective trooper chaplain chairperson
    councilmember farmer
    """
)
# Role words that cannot head a description on their own ("famous", "senior").
ROLE_ADJECTIVES = words(
    "former acting political senior junior leading well-known famous renowned first second "
    "vice deputy press state"
)
# Words that make a phrase an organisation's name (or a part of one). Wider than ORG_WORDS
# above, which ends a run of capitalised words: ministries' and departments' own words too.
NAME_ORG_WORDS = words(
    """
    ministry ministries department office party committee council government administration
    agency service services embassy police army forces force navy court parliament duma senate
    congress kremlin commission union organization organisation association center centre
    institute university academy bank company corporation corp inc ltd llc plc group
    foundation fund federation authority authorities bureau network news times post journal
    channel newspaper tv radio house pentagon cabinet assembly secretariat directorate
    headquarters staff guard command movement front alliance coalition league club team
    board chamber mission delegation prosecutor's prosecutors procuracy inspectorate
    nato un eu csto cis cia fbi fsb kgb sco opec imf who osce tass reuters ria interfax afp
    state states defense defence interior internal foreign affairs justice health finance
    economy economic education agriculture energy treasury commerce labor labour homeland
    security military political research studies sciences communist democratic republican
    liberal social national federal public central international world european
    """
)
# Words that say nothing about which organisation is meant.
ORG_NOISE = words("affairs of for and the a an on in")
ORG_SYNONYMS = {"internal": "interior", "defence": "defense", "centre": "center"}
# Country adjectives fold to the country, so word order and form do not split organisations.
DEMONYMS = {
    "russian": "russia", "kazakh": "kazakhstan", "kazakhstani": "kazakhstan",
    "american": "us", "u.s": "us", "usa": "us", "ukrainian": "ukraine", "chinese": "china",
    "british": "uk", "britain": "uk", "french": "france", "german": "germany",
    "belarusian": "belarus", "turkish": "turkey", "iranian": "iran", "israeli": "israel",
    "japanese": "japan", "indian": "india", "polish": "poland", "georgian": "georgia",
    "armenian": "armenia", "azerbaijani": "azerbaijan", "kyrgyz": "kyrgyzstan",
    "uzbek": "uzbekistan", "tajik": "tajikistan", "syrian": "syria", "korean": "korea",
    "italian": "italy", "spanish": "spain", "canadian": "canada", "mexican": "mexico",
    "egyptian": "egypt", "european": "europe", "swedish": "sweden", "finnish": "finland",
    "lithuanian": "lithuania", "latvian": "latvia", "estonian": "estonia",
    "moldovan": "moldova", "afghan": "afghanistan", "iraqi": "iraq", "pakistani": "pakistan",
}  # fmt: skip
# Short forms of first names, folded to the full name a registry keys people by.
NICKNAMES = {
    "bill": "william", "will": "william", "billy": "william", "bob": "robert", "rob": "robert",
    "bobby": "robert", "jim": "james", "jimmy": "james", "mike": "michael", "mick": "michael",
    "joe": "joseph", "tom": "thomas", "tony": "anthony", "antony": "anthony", "dick": "richard",
    "rick": "richard", "dan": "daniel", "dave": "david", "steve": "steven", "stephen": "steven",
    "chris": "christopher", "nick": "nicholas", "pat": "patrick", "ed": "edward",
    "ted": "edward", "jen": "jennifer", "jenny": "jennifer", "liz": "elizabeth",
    "beth": "elizabeth", "kate": "katherine", "kathy": "katherine", "sasha": "alexander",
    "alex": "alexander", "aleksandr": "alexander", "alexandr": "alexander", "sergei": "sergey",
    "sergej": "sergey", "dima": "dmitry", "volodymyr": "vladimir",
    "len": "leonard", "lenny": "leonard", "larry": "lawrence", "chuck": "charles",
    "charlie": "charles", "hank": "henry", "andy": "andrew", "maury": "maurice",
    "bernie": "bernard", "peggy": "margaret", "jeff": "jeffrey", "greg": "gregory",
    "matt": "matthew", "tim": "timothy", "ken": "kenneth", "ron": "ronald", "don": "donald",
}  # fmt: skip
# Words no name of a person or organisation holds: function words, pronouns, auxiliaries,
# speech verbs. (Connectors such as "of", "on" and "and" do occur in organisations' names.)
NEVER_NAME_WORDS = words(
    """
    but or if then so as by with without from into against than because although though
    while when where why how what whom whose which whether is are was were be been has
    have had did does say said says saying told tells him her his hers them they he she it
    its we our you your me my this that these those there here even only also just still
    now not yes very every each according after before during since until
    """
)
# One word for a group of people or a party: a description of who spoke, never a name (as
# are PERSON_NOUNS alone, which hold more such words: "officials", "protesters").
GROUP_NOUNS = words(
    """
    demonstrators investigators militants opponents rebels soldiers troops
    democratic independent libertarian libertarians progressive progressives legislators
    scientists researchers economists volunteers employees parents firefighters paramedics
    """
)
# Adjectives that open an organisation's name ("International Space Station", "National
# Suicide Prevention Lifeline"): what follows them is no person's name.
ORG_ADJECTIVES = words("national international federal central global world royal united")
# One-word names that are also common words: in free text they count only when capitalised.
COMMON_WORD_NAMES = words(
    """
    may rice bush brown white black green young king long little case price hope will rich
    new best bird fox wolf lord page ward hill wood stone cook baker miller park chase grant
    frank march day love power law gay sharp strong swift rose summer winter spring fall
    bell gates jobs cash gold silver small short hall lamb mark bill pence penny wells
    banks ford close rush hunt cross field lane street west north south east say said
    """
)
# Capitalised words that begin questions or sentences but are not names.
QUESTION_NOT_NAMES = words(
    """
    what who whom whose which when where why how did does do is are was were has have had
    can could would should will shall may might must tell show give list find quote quotes
    any anything anyone anybody else and but or about on in of the a an i me my we our you
    your he she they it his her their its this that these those there here please hi hello
    thanks thank also yes no not if then so as at by for from to with without after before
    since during all some every each other another more most many much what's who's us
    let lets according said says say
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december
    """
)
# After these, one capitalised word is what a question is about, not who ("about Kazakhstan").
TOPIC_PREPOSITIONS = words(
    """
    about on in regarding concerning of at to for over against into from across near toward
    towards between within
    """
)
# Words a role never begins or ends with: it is then a clause or a fragment ("appearing
# after Clinton at the forum", "sort of difference between what", "chief of staff whom Mr").
NOT_ROLE_OPENERS = words(
    """
    of in at on from to by with for between about after before during since into over than
    his her their its our my your another other others some this that these those
    and but or so if then when while as also even just only still no not soon now later
    until
    """
)
NOT_ROLE_ENDINGS = NOT_ROLE_OPENERS | words(
    "the a an what who whom whose which where how why mr mrs ms dr all both said says say"
)
# A relative clause after a role is about something else ("historian who attended ...").
RELATIVE_PRONOUNS = words("who whom whose which that")
# Abbreviated titles a role is cut at when the engine stopped at their full stop ("senior
# aide to Mr").
CUT_TITLES = words("mr mrs ms dr st")
# US states as newspapers abbreviate them ("Calif. Gov. Jerry Brown"): no sentence ends there.
STATE_ABBREVIATIONS = words(
    """
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo
    """
)
