"""The speaker registry: one canonical name for every way articles and users name a speaker.

Articles name one speaker many ways: "Jennifer Psaki", "Psaki", "White House spokesman
Jennifer Psaki"; "Mikhail Aleksandrov" here, "Mikhail Alexandrov" there; "the Russian Foreign
Ministry", "Russian Foreign Ministry"; "Kazakhstan's Ministry of Internal Affairs", "the
Ministry of Internal Affairs of Kazakhstan". Users ask with any of these, in any letter case.

    registry = SpeakerRegistry.build([(name, role), ...])   # names as the engine gave them
    registry.canonical("psaki")             -> "Jennifer Psaki"   (None if unknown/ambiguous)
    registry.candidates("Clinton")          -> every speaker the name could mean
    registry.find_in("What did psaki say?") -> [SpeakerMatch("Jennifer Psaki", 9, 14, "psaki")]
    registry.ambiguous_in(text)             -> mentions that could mean several speakers
    registry.aliases(c); registry.roles(c); registry.names()
    name_key(name)                          -> the normalised key names are matched by
    person_names(text)                      -> person-like names in free text, known or not

How names are matched:

* Role words in front are not part of a name ("Leader of the Communist Party Gennady
  Zyuganov" is Gennady Zyuganov, with that role); neither are articles or a possessive 's.
* Spelling variants fold together: ks/x, a final i/iy/yi/ii/y (Yuri, Yury, Yuriy; -ski,
  -sky), doubled letters, "y" between vowels (Nazarbayev, Nazarbaev), accents.
* Transliterations of one person's name merge across articles, found by bucket (never by
  comparing every pair of names): a surname's French ou and final e (Kouznetsova, Mamine),
  y/i before a vowel (Vasilyeva, Vasilieva); a first name's -er/-r (Alexander, Aleksandr) and
  Ukrainian initial O (Olena/Elena, Oleksandr/Aleksandr); and one letter inside a long first
  name or surname (Mikhail/Mikhael; Kuznetsova/Kuznetzova, with the same first name). A
  different last letter is a different person (Daniel/Daniela, Petrov/Petrova), so are first
  names of opposite sexes, and short names never match fuzzily (John/Joan, Mark/Mary). A
  spelling no article used is found too ("Mikhael Pogrebin").
* People are keyed by first name and surname; common nicknames fold (Bill/William, Larry/
  Lawrence), middle initials and a party-state tag ("Paul Ryan R-Wis.") are no part of the key,
  and an initial ("J. Psaki") joins the one person it can mean. A short first name joins the
  one fuller name of that surname it begins ("Len Burman" is "Leonard E. Burman"), unless two
  could be meant or the fuller one is a woman's form (Paul/Paula). Different first names are
  different people: "Hillary Clinton" and "Bill Clinton" stay apart, and "Clinton" alone then
  means neither (it is ambiguous) unless an article quotes someone named just "Clinton", who
  is a speaker of their own. A surname alone joins a person only when one person has it.
* A generational suffix (Jr., Sr., II, III, IV) is part of the key: "Robert Vance Jr." is
  not "Robert Vance Sr.", and "Vance" alone may be either. A name without the suffix joins
  the one suffixed form of it ("Joseph R. Biden Jr." and the engine's "Joseph R. Biden" for a
  later "Biden") unless an article writes both in full, as a story about a father and his son
  does (``mentions`` of :meth:`SpeakerRegistry.build`).
* Organisations are keyed by their words regardless of order, with country adjectives folded
  to the country ("Russian" -> "russia") and a few synonyms ("internal" -> "interior"), so
  "Kazakhstan's Ministry of Internal Affairs" is "the Ministry of Internal Affairs of
  Kazakhstan" and "the Kazakh Interior Ministry". An acronym joins the one organisation it
  spells ("IMF", "International Monetary Fund").
* Words that are no name are no speaker: a name holding a function word ("Railing Against
  Trump"), one word for a group ("Demonstrators", "Democrats"), digits ("EB-5"), a sentence
  end inside ("Tina Fey. Wiig"); a sentence's capitalised first word is left out ("Even
  China" is China).
* The canonical name is the fullest form as printed, full stops and inner capitals kept
  ("Loretta E. Lynch", "PolitiFact"); roles are the noun phrases describing the person
  (:mod:`corpus.speakers.roles`), the most often given first.
* Matching in free text is case-insensitive, except that a one-word name that is also a
  common English word ("May", "Rice") must be capitalised there.

Across scripts (:mod:`~corpus.speakers.scripts`): a person named in Cyrillic in Russian
articles and in Latin letters in English ones is one speaker (transliteration, a consonant
skeleton and Jaro-Winkler, first names agreeing); ``find_speakers(registry, text)`` and
``speaker_candidates(registry, name)`` match a question's name in any grammatical case and
either script, and ``name_in_script(registry, canonical, "ru")`` shows it in the question's.

Speakers the engine could only describe ("a source", "the politician") have no name and are
not registered: the registry never guesses who they are.

Modules: :mod:`~corpus.speakers.names` (folding and parsing one name),
:mod:`~corpus.speakers.variants` (spellings of one name across articles),
:mod:`~corpus.speakers.groups` (one speaker being assembled, its canonical name),
:mod:`~corpus.speakers.roles`, :mod:`~corpus.speakers.registry` (the registry and its scan of
a question) and :mod:`~corpus.speakers.scan` (names in free text). Their word lists are in
:mod:`corpus.attribution.lexicon`.
"""

from corpus.speakers.names import Kind, name_key
from corpus.speakers.registry import AmbiguousMention, SpeakerMatch, SpeakerRegistry
from corpus.speakers.roles import clean_role
from corpus.speakers.scan import person_names
from corpus.speakers.scripts import find_speakers, name_in_script, speaker_candidates

__all__ = [
    "AmbiguousMention",
    "Kind",
    "SpeakerMatch",
    "SpeakerRegistry",
    "clean_role",
    "find_speakers",
    "name_in_script",
    "name_key",
    "person_names",
    "speaker_candidates",
]
