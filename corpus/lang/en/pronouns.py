"""English pronouns and the closed-class words around mentions."""

from __future__ import annotations

from corpus.lang import words

PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})

PERSON_PRONOUNS = frozenset({"he", "she"})

ARTICLES = words("the a an")

# A "name" opening with these is a description ("an Iowa Republican"), whatever its kind.
INDEFINITE_OPENERS = words("a an another one some several")

# A relative clause after a role is about something else ("historian who attended ...").
RELATIVE_PRONOUNS = words("who whom whose which that")

# After these, one capitalised word is what a question is about, not who ("about Kazakhstan").
TOPIC_PREPOSITIONS = words(
    """
    about on in regarding concerning of at to for over against into from across near toward
    towards between within
    """
)
REFLEXIVES = words("himself herself themselves itself myself ourselves")
POSSESSIVES = words("his her their")
# Determiners of a description that names nobody in particular ("a source", "some aides").
GENERIC_DETERMINERS = words("a an one another some several two three many")
PREPOSITIONS = words("in at of from to for with by on into about like near")
# Words that open a subordinate clause: its verb is not the main clause's.
SUBORDINATORS = words("when while as because after before if since until unless")
# Words that open a short adjunct after a speech verb ("said in a statement", "on Monday").
ADJUNCT_STARTS = words("in on at during to with from via through by later again today yesterday")
# Words after "said" that start a phrase, not a speaker ("said in a statement").
NOT_SUBJECT_STARTS = words(
    "in on at during to of about that this after before when while as with from by for into via "
    "if because than so and but or it there"
)
# Lower-case words in -s that open a clause rather than being its verb.
CLAUSE_OPENERS = words("his its this thus as")
# Words that show a verb phrase, not a speaker, around a would-be subject.
CLAUSE_WORDS = words(
    "he she they it i we was were is are has have had will would could can be been that "
    "what who which"
)
# Words a mention is trimmed of at its start ("and Smith said") ...
LEADING_JUNK = words(
    "and but so then also as while when where which who that because although though if now yet "
    "still meanwhile however instead later earlier finally"
)
# ... and at its end, next to the cue ("Smith also said", "Smith has said").
TRAILING_JUNK = words(
    "also later then previously once again recently repeatedly reportedly simply flatly further "
    "earlier today yesterday tonight now only just even has had have had would will could can "
    "may might must should did does do not never always often told"
)
# Words of a time phrase a mention is trimmed of ("Smith said on Tuesday", "last week").
TIME_WORDS = words(
    "monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night "
    "week month year"
)
# A capitalised run after these words is a place or an organisation inside a description.
NAME_BLOCKERS = words("of for & from in at with to by on")
# Function words a title's significant words are told from ("Meet the Press").
MINOR_WORDS = words("a an and the of in on for to at by with or vs from")
# Words before a quotation that make it a title: 'the show "Meet the Press"', 'titled "..."'.
TITLE_LEADS = words(
    "of on in at titled called named dubbed nicknamed the a an 's ’s show program book film"
)
# A role opening with one of these is a clause or a circumstance, not a description.
NOT_ROLE_STARTS = words(
    "who which that whose what when where while after before shortly in on at as like "
    "people she he they it we i says said according"
)
# After a word in -ing these show a verb with its object ("speaking to a veterans group").
OBJECT_STARTS = words("the a an to his her their its in on at about with for")
# Words that never end a description: "senior aide to", "the director of".
DANGLING_WORDS = words("to of for at in on with the a an and from by")
# Adverbs a role is cut of at its end ("spokesman recently").
ROLE_ADVERBS = words("also now then later still currently previously recently")
# Prepositions a description's head comes before: "a spokeswoman for Norchem", "the head of".
HEAD_ENDS = words("of for at with from in on to who which that")
