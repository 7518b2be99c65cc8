"""The people of one Russian article: each by their fullest name in the nominative.

natasha finds the names and writes each in the nominative ("Александра Брода" → "Александр
Брод"); where it cannot, pymorphy3's nominative forms of the surname are tried as well (a
feminine surname keeps its gender: "Набиуллиной" → "Набиуллина"). Every mention of a person
then names them by the fullest form the article gives: "Белов" is "Александр Белов". A first
name alone ("Алла") is the one person of the article with that first name, if only one.

Each person also keeps the role words printed before their name ("протоиерей Всеволод Чаплин",
"министр связи Игорь Щёголев"), so that "сказал протоиерей" or "министр заверил" later in the
article can be resolved to them, and their sex (from the first name or surname, or from a
verb they were the subject of), so that "сказала она" never reaches a man.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from corpus.attribution.ru.analysis import Analysis, Entity
from corpus.attribution.ru.morph import Gender, fold, lemma, name_gender, nominative_candidates

# How many words before a name are read for its role ("народный депутат Украины Мустафа …").
_ROLE_REACH = 8
_ROLE_POS = frozenset({"NOUN", "ADJ", "ADP", "PROPN", "NUM", "CCONJ"})


@dataclass(slots=True, eq=False)
class Person:
    """One person of the article."""

    name: str  # the fullest nominative form
    surname: str  # folded
    first: str | None = None  # the first name, folded, when the article gives it
    gender: Gender | None = None
    roles: set[str] = field(default_factory=set)  # role lemmas
    role: str | None = None  # the role phrase as printed next to the name, the first one


def _words(name: str) -> list[str]:
    return [w for w in name.replace("\xa0", " ").split() if any(c.isalpha() for c in w)]


def _clean(name: str) -> str:
    return " ".join(w.strip('.,;:()«»"') for w in _words(name)).strip()


class People:
    """Every person natasha found in the article, and who each mention may be.

    Two people may share a surname (a husband and wife): a full name is keyed by first name
    and surname, and a surname alone stands for every person of that surname, among whom
    the resolver chooses by sex and by who was spoken of last.
    """

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.persons: list[Person] = []
        self._by_entity: dict[int, list[Person]] = {}
        self._gather(analysis.entities)

    def _gather(self, entities: Iterable[Entity]) -> None:
        persons = [e for e in entities if e.kind == "PER" and _words(_clean(e.normal))]
        # Full names first, so that a surname or a first name alone joins its full name.
        persons.sort(key=lambda e: (-len(_words(_clean(e.normal))), e.start))
        for entity in persons:
            found = self._find(entity)
            if not found:
                found = [self._add(entity)]
            self._by_entity[entity.start] = found
            if len(found) == 1:
                self._note_role(entity, found[0])

    def _keys(self, entity: Entity) -> list[str]:
        """The folded surnames an entity may stand for: natasha's, printed, pymorphy3's."""
        normal = _words(_clean(entity.normal))
        printed = _words(_clean(entity.text))
        keys = [fold(normal[-1])] if normal else []
        if printed:
            keys.append(fold(printed[-1]))
            keys.extend(fold(c) for c in nominative_candidates(printed[-1]))
        return list(dict.fromkeys(keys))

    def _find(self, entity: Entity) -> list[Person]:
        keys = self._keys(entity)
        words = _words(_clean(entity.normal))
        namesakes = [p for p in self.persons if p.surname in keys]
        if len(words) > 1:
            first = fold(words[0])
            same = [p for p in namesakes if p.first is None or p.first == first]
            if same and len(words) > len(_words(same[0].name)):
                same[0].name = _clean(entity.normal)
            return same[:1]
        if namesakes:
            return namesakes
        # A first name alone: the people of that first name.
        first = fold(words[0])
        return [p for p in self.persons if p.first == first]

    def _add(self, entity: Entity) -> Person:
        name = _clean(entity.normal)
        words = _words(name)
        first = fold(words[0]) if len(words) > 1 else None
        # The nominative's sex: "Романа" printed is Роман's genitive, not the name Романа.
        gender = name_gender(words[0]) if first else None
        if gender is None:
            gender = name_gender(words[-1])
        person = Person(name, fold(words[-1]), first, gender)
        self.persons.append(person)
        return person

    def _note_role(self, entity: Entity, person: Person) -> None:
        """Record the nouns printed just before the name as the person's role words."""
        analysis = self.analysis
        tokens = analysis.tokens
        first = entity.first
        sentence_first = analysis.sentences[tokens[first].sentence].first
        i = first - 1
        role_tokens: list[int] = []
        while i >= max(sentence_first, first - _ROLE_REACH):
            token = tokens[i]
            other = analysis.entity_of(i)
            if other is not None and other.kind == "PER":
                break
            if other is None and token.pos not in _ROLE_POS:
                break
            role_tokens.append(i)
            i -= 1
        role_tokens.reverse()
        while role_tokens and tokens[role_tokens[0]].pos not in ("NOUN", "ADJ"):
            del role_tokens[0]
        nouns = [i for i in role_tokens if tokens[i].pos == "NOUN"]
        if not nouns or tokens[nouns[0]].case != tokens[first].case:
            return  # "мама Виктора Бута": a genitive name is no role's holder
        for i in role_tokens:
            if tokens[i].pos == "NOUN" and analysis.entity_of(i) is None:
                person.roles.add(tokens[i].lemma)
        if not role_tokens or person.role is not None:
            return
        head = tokens[role_tokens[0]]
        if head.text[:1].islower() and head.case == "Nom":
            person.role = analysis.text[head.start : tokens[role_tokens[-1]].end]

    def candidates(self, entity: Entity) -> list[Person]:
        """Return the people an entity may name (several for a shared surname)."""
        return self._by_entity.get(entity.start, [])

    def with_role(self, role_lemma: str) -> list[Person]:
        """Return the people introduced with a role word ("протоиерей"), spelling slips aside."""
        wanted = fold(role_lemma)
        found = [p for p in self.persons if wanted in p.roles]
        if found:
            return found
        return [
            p
            for p in self.persons
            if any(len(r) >= 6 and _one_letter_apart(r, wanted) for r in p.roles)
        ]

    def note_gender(self, person: Person, verb_gender: Gender | None) -> None:
        """Learn a person's sex from a verb they were the subject of ("сказала")."""
        if person.gender is None and verb_gender in ("masc", "femn"):
            person.gender = verb_gender


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether two words differ by one letter added, dropped or changed ("протоирей")."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def verb_gender(analysis: Analysis, verb: int) -> Gender | None:
    """Tell the sex a past-tense verb agrees with ("сказал", "сказала", "сказали")."""
    token = analysis.tokens[verb]
    if token.pos not in ("VERB", "AUX", "ADJ"):
        return None  # "по словам": a noun's number says nothing of its source
    feats = token.feats
    if feats.get("Number") == "Plur":
        return "plur"
    gender = feats.get("Gender")
    if gender == "Masc":
        return "masc"
    if gender == "Fem":
        return "femn"
    return None


def pronoun_gender(word: str) -> Gender | None:
    """Tell the sex a personal pronoun stands for, in any case ("его", "ей", "они")."""
    base = lemma(word, "PRON")
    if base == "она":
        return "femn"
    if base == "они":
        return "plur"
    if base == "он":
        return "masc"
    return None
