"""What pymorphy3 tells the engine about one word: its lemma, gender and animacy."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from corpus.attribution.ru.models import analyzer

Gender = Literal["masc", "femn", "plur"]

# natasha's (UD) part of speech -> the OpenCorpora parts of speech that may stand for it.
_OC_OF_UD = {
    "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"},
    "NOUN": {"NOUN"},
    "PROPN": {"NOUN"},
    "ADJ": {"ADJF", "ADJS", "PRTF", "PRTS", "COMP"},
    "PRON": {"NPRO", "ADJF"},
    "DET": {"ADJF", "NPRO"},
    "ADV": {"ADVB", "PRED", "COMP"},
}


def fold(word: str) -> str:
    """Lowercase a word and write ё as е, as the lexicon does."""
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=65536)
def lemma(word: str, pos: str = "") -> str:
    """Return the word's lemma, from the parse that agrees with natasha's part of speech."""
    parses = analyzer().parse(word)
    if not parses:
        return fold(word)
    wanted = _OC_OF_UD.get(pos)
    chosen = next((p for p in parses if wanted and p.tag.POS in wanted), parses[0])
    if chosen.tag.POS in {"ADJS", "PRTS"} and pos not in {"VERB"}:
        # "уверен" -> "уверенный": the full adjective, as the lexicon lists it.
        full = chosen.inflect({"ADJF", "sing", "nomn", "masc"})
        if full is not None:
            return fold(full.word)
    return fold(chosen.normal_form)


@lru_cache(maxsize=65536)
def is_animate_noun(word: str) -> bool:
    """Whether the word's likeliest noun reading names a living being ("министр", "экологи")."""
    for parse in analyzer().parse(word):
        if parse.tag.POS == "NOUN":
            return "anim" in parse.tag
    return False


@lru_cache(maxsize=65536)
def name_gender(word: str) -> Gender | None:
    """Tell the sex of a first name or surname in the nominative (Name/Surn readings)."""
    parses = analyzer().parse(word)
    for parse in sorted(parses, key=lambda p: p.tag.case != "nomn"):
        tag = parse.tag
        if ("Name" in tag or "Surn" in tag) and tag.gender in ("masc", "femn"):
            return "masc" if tag.gender == "masc" else "femn"
    return None


@lru_cache(maxsize=65536)
def nominative_candidates(word: str) -> tuple[str, ...]:
    """Return the nominative forms a word of a name may stand for, likeliest first.

    "Набиуллиной" -> ("Набиуллина", ...): a surname keeps its gender, unlike pymorphy3's
    masculine lemma. The word itself comes last, as printed (a foreign name often does not
    decline: "Псаки").
    """
    found: list[str] = []
    for parse in analyzer().parse(word):
        tag = parse.tag
        if tag.POS != "NOUN":
            continue
        form = None
        if tag.gender in ("masc", "femn") and tag.number != "plur":
            form = parse.inflect({"nomn", "sing", tag.gender})
        if form is None:
            form = parse.inflect({"nomn"})
        text = form.word if form is not None else parse.normal_form
        if text not in found:
            found.append(text)
    if fold(word) not in found:
        found.append(fold(word))
    return tuple(_shape(text, word) for text in found)


def _shape(text: str, like: str) -> str:
    """Write ``text`` in the letter case of ``like`` (capitalised or upper)."""
    if like.isupper() and len(like) > 1:
        return text.upper()
    if like[:1].isupper():
        return "-".join(part[:1].upper() + part[1:] for part in text.split("-"))
    return text
