"""English names: titles, first names by sex, particles, nicknames, words that are never names."""

from __future__ import annotations

from corpus.lang import words

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

# Titles that precede a name and belong to the role, not the name.
TITLES = words(
    """
    sens sens. reps reps.
    mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. lt lt. col col. sgt sgt.
    prof prof. president senator governor secretary speaker mayor minister chairman chairwoman
    director leader judge justice ambassador representative congressman congresswoman pope
    king queen prince general chief sir lord lady vice deputy attorney candidate nominee
    premier chancellor commissioner sheriff pastor rev rev. father sister brother
    councilman councilwoman councillor councilmember alderman alderwoman assemblyman
    assemblywoman
    """
)

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = words(
    """
    mr mrs ms dr sen rep gov gen lt col sgt prof st jr sr no vs inc corp co ltd jan feb mar apr
    jun jul aug sep sept oct nov dec u.s u.n u.k d.c a.m p.m e.g i.e etc rev ft mt ph.d
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

# Lowercase words inside names ("Ursula von der Leyen") and suffixes after them ("Jr.").
NAME_PARTICLES = words("von van der den de da di du la le bin ibn al el dos das del ter ten")

NAME_SUFFIXES = words("jr sr ii iii iv")

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

# Abbreviated titles a role is cut at when the engine stopped at their full stop ("senior
# aide to Mr").
CUT_TITLES = words("mr mrs ms dr st")
HONORIFICS = words("mr mrs ms dr miss")
# Abbreviated titles and the role word each stands for ("Gov. Tom Hale" is "the governor").
TITLE_ROLES = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
    "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "prof": "professor",
    "dr": "doctor", "pres": "president", "supt": "superintendent", "capt": "captain",
    "adm": "admiral", "amb": "ambassador", "atty": "attorney", "insp": "inspector",
}  # fmt: skip
