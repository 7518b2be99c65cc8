"""English nouns for who speaks: people, organisations, documents, roles."""

from __future__ import annotations

from corpus.lang import words
from corpus.lang.en.names import TITLES

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
    city town county village municipality province district school
    """
)

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
# Nouns in -ly that end a description ("a Trump ally"), not adverbs to strip.
LY_NOUNS = words("ally family daily weekly monthly quarterly assembly rally reply supply italy")
# Nouns for a person that name no one the article names ("the woman said").
PLAIN_PEOPLE = words("woman man person resident girl boy lady")
# Documents that are also publishers: "the website said" is the site named before.
OUTLET_NOUNS = words("website site")
# Heads of "the airline" and the like, whose names the NER often takes for places.
BUSINESS_NOUNS = words("airline carrier company firm bank")
# People who speak for someone else: "the spokeswoman" is never the person named before.
PROXY_NOUNS = words(
    "spokesman spokeswoman spokesperson representative aide adviser advisor official staffer"
)
# Nouns for an organisation of any name ("the group said" after "Human Rights Watch ...").
GENERIC_ORG_NOUNS = BUSINESS_NOUNS | words("group organization organisation agency")
# Lower-case words in -er/-or/-ist that are no noun for a person.
NOT_AGENTS = words(
    "under over after former latter other rather never ever either neither whether together "
    "however later earlier sooner further mentor order border corridor sector factor"
)
# Nouns for what someone said or wrote: their possessor is the source ("in Bolton's view",
# "according to Farley's account", "Clinton's response was: ...").
SAYING_NOUNS = words(
    """
    account view views words response reply answer remarks remark comments comment speech
    interview testimony argument explanation message tweet tweets post statement letter
    assessment words claim claims
    """
)
