"""Build the quote verifier's calibration claims over the PolNeAR dev articles and the seed.

The claims are made from PolNeAR's *gold* attributions (never from whosaid's own output): each
direct quote whose source is a person named in the article gives

- ``verbatim``: the quote as printed;
- ``altered`` in four ways: ``truncated`` (cut mid-sentence, or words dropped inside),
  ``swapped`` (one or two words replaced), ``number`` (a number changed, when it has one) and
  ``paraphrase`` (several rewordings at once: contractions, synonyms, function words);
- ``misattributed``: the same words given to another person named as a source;

and ``not_found`` claims are real quotes from other articles (the build half of PolNeAR train,
never the held-out half), so that they read like the corpus without being in it. A third of the
claims carry no speaker, and a fifth are written as a user would paste them
(``“…” — Name``), with the speaker only inside the text.

Deterministic (a fixed seed); the file it writes has the held-out claims' shape (``id``, ``claim``,
``speaker``, ``verdict``, ``article``, ``quote``, plus ``how``), so ``eval/score_claims.py`` and
``eval/calibrate_check.py`` read it.

Usage:
    python -m eval.build_claims [--out eval/claims_dev.yaml]
    python -m eval.build_claims --build-half --per-kind 200 --out eval/claims_build.yaml
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from eval.polnear_split import half_of

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "data" / "polnear" / "dev"
TRAIN = SHARED / "data" / "polnear" / "train"
SEED = SHARED / "corpus" / "kazakhstan-unrest-2022-01-06.txt"
OUT = Path(__file__).resolve().parent / "claims_dev.yaml"

MIN_WORDS = 6
OPENERS = {"“": "”", '"': '"', "«": "»"}
TITLES = {
    "mr", "mrs", "ms", "dr", "rep", "sen", "gov", "president", "vice", "secretary", "chief",
    "senator", "representative", "governor", "gen", "judge", "justice", "mayor", "rev", "prof",
    "former", "speaker", "attorney", "general", "police", "candidate", "nominee", "democratic",
    "republican", "gop", "sir", "lady", "lord", "u.s.", "us", "campaign", "spokesman",
    "spokeswoman", "press", "white", "house", "leader", "minority", "majority", "director",
}  # fmt: skip
# The seed has no gold file: its quotes, read by hand (speaker, first words, last words).
SEED_QUOTES = (
    ("Jennifer Psaki", "We have heard a number of insane", "behind this."),
    ("Jennifer Psaki", "I will take this opportunity", "disinformation instructions."),
    ("Alexander Shapkovsky", "On the eve of negotiations", "as much as possible."),
    ("Gennady Zyuganov", "the unrest in Kazakhstan, in fact", "doubled gas prices"),
    ("Gennady Zyuganov", "This time they are trying to crush", "more than 7500 km."),
    ("Gennady Zyuganov", "NATO members surrounded us", "from all sides."),
    ("Mikhail Aleksandrov", "Now in Kazakhstan there is a transit", "transit of power."),
    ("Mikhail Aleksandrov", "It’s good that the CSTO troops", "now brought in."),
    ("Konstantin Blokhin", "There is already Ukraine, an attempt", "begun in Kazakhstan."),
    ("Konstantin Blokhin", "A pro-American Kazakhstan, located", "is their goal."),
)

CONTRACTIONS = (
    ("do not", "don't"), ("does not", "doesn't"), ("did not", "didn't"), ("is not", "isn't"),
    ("are not", "aren't"), ("was not", "wasn't"), ("will not", "won't"), ("cannot", "can't"),
    ("I am", "I'm"), ("we are", "we're"), ("they are", "they're"), ("it is", "it's"),
    ("that is", "that's"), ("you are", "you're"), ("we have", "we've"), ("I have", "I've"),
    ("would not", "wouldn't"), ("could not", "couldn't"), ("have not", "haven't"),
    ("there is", "there's"), ("he is", "he's"), ("she is", "she's"), ("I will", "I'll"),
    ("we will", "we'll"), ("let us", "let's"),
)  # fmt: skip
SYNONYMS = {
    "very": "really", "big": "large", "large": "big", "think": "believe", "believe": "think",
    "people": "folks", "country": "nation", "nation": "country", "important": "crucial",
    "great": "tremendous", "bad": "terrible", "terrible": "awful", "want": "wish",
    "going": "about", "said": "stated", "say": "state", "tell": "inform", "help": "assist",
    "start": "begin", "begin": "start", "end": "finish", "get": "obtain", "got": "obtained",
    "make": "create", "made": "created", "show": "demonstrate", "shows": "demonstrates",
    "know": "understand", "knew": "understood", "need": "require", "needs": "requires",
    "many": "numerous", "lot": "great deal", "job": "work", "jobs": "positions",
    "really": "truly", "just": "simply", "also": "as well", "because": "since",
    "but": "yet", "problem": "issue", "problems": "issues", "kind": "sort", "things": "matters",
    "thing": "matter", "maybe": "perhaps", "fight": "battle", "happy": "glad", "sure": "certain",
    "clear": "obvious", "quickly": "rapidly", "hard": "difficult", "try": "attempt",
    "trying": "attempting", "children": "kids", "home": "house", "world": "globe",
    "president": "leader", "campaign": "race", "election": "vote", "america": "the US",
    "american": "US", "americans": "US citizens", "government": "administration",
    "everyone": "everybody", "nobody": "no one", "anything": "whatever", "should": "ought to",
    "must": "have to", "stop": "halt", "win": "prevail", "money": "funds", "plan": "proposal",
    "women": "ladies", "men": "gentlemen", "friend": "ally", "friends": "allies",
    "going to": "will", "will": "shall", "would": "might", "can": "may", "good": "fine",
    "little": "small", "right": "correct", "wrong": "mistaken",
    "talk": "speak", "talking": "speaking", "says": "claims", "feel": "sense", "hope": "wish",
    "like": "enjoy", "work": "labor",
    "years": "decades", "time": "moment", "way": "manner", "part": "portion", "look": "glance",
    "see": "notice", "seen": "noticed", "come": "arrive", "came": "arrived", "go": "head",
    "went": "headed", "give": "offer", "gave": "offered", "take": "grab", "took": "grabbed",
    "keep": "maintain", "put": "place", "mean": "intend", "different": "distinct",
    "whole": "entire", "real": "genuine", "new": "fresh",
    "old": "former", "never": "not ever", "always": "constantly", "often": "frequently",
    "now": "today", "here": "in this place", "there": "in that place", "about": "regarding",
}  # fmt: skip
ANTONYMS = {
    "will": "won't", "won't": "will", "can": "can't", "can't": "can", "never": "always",
    "always": "never", "more": "less", "less": "more", "good": "bad", "bad": "good",
    "support": "oppose", "supports": "opposes", "oppose": "support", "win": "lose",
    "lose": "win", "best": "worst", "worst": "best", "right": "wrong", "wrong": "right",
    "true": "false", "false": "true", "love": "hate", "hate": "love", "strong": "weak",
    "weak": "strong", "increase": "cut", "up": "down", "down": "up", "yes": "no",
    "high": "low", "low": "high", "all": "some", "everyone": "no one", "should": "shouldn't",
    "is": "isn't", "was": "wasn't", "are": "aren't", "would": "wouldn't", "do": "don't",
    "did": "didn't", "has": "hasn't", "have": "haven't", "great": "poor", "safe": "dangerous",
    "first": "last", "last": "first", "before": "after", "after": "before", "new": "old",
    "better": "worse", "worse": "better", "easy": "hard", "hard": "easy", "agree": "disagree",
}  # fmt: skip
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand million billion trillion"
).split()


@dataclass(frozen=True)
class Real:
    """A real quote: its words as printed, its speaker, its article (file name)."""

    text: str
    speaker: str
    article: str
    sources: tuple[str, ...]  # every person named as a source in the article


def _gold(ann: Path, text: str) -> list[tuple[str, str]]:
    """Return (content, source) of each attribution in a brat file, as printed."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, offsets = parts[1].split(" ", 1)
            spans[parts[0]] = [tuple(map(int, s.split())) for s in offsets.split(";")]  # type: ignore[misc]
        elif line.startswith("E"):
            events.append(dict(x.split(":") for x in parts[1].split() if ":" in x))
    out = []
    for event in events:
        content = spans.get(event.get("Content", ""), [])
        source = spans.get(event.get("Source", ""), [])
        if content and source:
            out.append(
                (text[content[0][0] : content[0][1]], " ".join(text[a:b] for a, b in source))
            )
    return out


def _inner_quote(content: str) -> str | None:
    """Return the words inside the first pair of quotation marks of a gold content span."""
    stripped = content.lstrip()
    if not stripped or stripped[0] not in OPENERS:
        return None
    closer = OPENERS[stripped[0]]
    end = stripped.find(closer, 1)
    inner = stripped[1:end] if end > 0 else stripped[1:]
    if any(mark in inner for mark in '“”«»"'):
        return None  # a quote inside the quote: its extent is the annotator's guess
    inner = inner.strip().rstrip(",").strip()
    return inner if len(inner.split()) >= MIN_WORDS else None


_CAPITAL = re.compile(r"[A-Z][\w.'’-]*")
_INITIAL = re.compile(r"[A-Z]\.(?:[A-Z]\.)?")


def _name_words(mention: str) -> list[str]:
    """Return the name in a source mention ("Rep. Gwen Moore (D-Wis.)" -> Gwen Moore)."""
    mention = re.split(r"[(,]", mention)[0]
    run: list[str] = []
    for word in mention.split():
        run = [*run, word] if _CAPITAL.fullmatch(word) else []
    while run and run[0].lower().rstrip(".") in TITLES:
        run = run[1:]
    return run


def _people(text: str) -> list[list[str]]:
    """Return the names spaCy's NER tags as people in an article, as word lists."""
    from corpus.attribution.entities import load_pipeline

    global _NLP
    if _NLP is None:
        _NLP = load_pipeline()
    return [e.text.split() for e in _NLP(text).ents if e.label_ == "PERSON"]


_NLP = None


def _full_name(mention: str, text: str, people: list[list[str]]) -> str | None:
    """Return the person's fullest name in the article (first name, initials, surname), or
    None when the mention names no person the NER knows or two people share the surname."""
    words = _name_words(mention)
    if not words or words[0].lower() in {"he", "she", "they", "it", "i", "we", "the"}:
        return None
    surname = words[-1].removesuffix("’s").removesuffix("'s")
    if len(surname) < 3 or surname.isupper():
        return None
    # Every person entity ending with this surname, cut to first name + initials + surname.
    fulls: Counter[str] = Counter()
    for person in people:
        if len(person) >= 2 and person[-1] == surname:
            name = [person[-1]]
            for word in reversed(person[:-1]):
                name.insert(0, word)
                if not _INITIAL.fullmatch(word):
                    break
            if name[0][:1].isupper() and not name[0].endswith("."):
                fulls[" ".join(name)] += 1
    if len(words) > 1 and not _INITIAL.fullmatch(words[-2]):
        wanted = words[-2]
        fulls = Counter({n: c for n, c in fulls.items() if n.split()[0] == wanted})
    firsts = {n.split()[0] for n in fulls}
    if len(firsts) != 1:
        return None  # no person by that name, or Hillary and Bill Clinton both
    return max(fulls, key=lambda n: (len(n), fulls[n]))


def polnear_quotes(folder: Path, *, half: str | None = None) -> list[Real]:
    """Return the named direct quotes of a PolNeAR folder (first annotator's file)."""
    out = []
    for path in sorted((folder / "text").glob("*.txt")):
        if half is not None and half_of(path.stem) != half:
            continue
        anns = sorted((folder / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        people = _people(text)
        found = []
        for content, source in _gold(anns[0], text):
            inner = _inner_quote(content)
            name = _full_name(source, text, people)
            if inner and name and inner in text:
                found.append((inner, name))
        names = tuple(dict.fromkeys(n for _, n in found))
        seen: set[str] = set()
        for inner, name in found:
            if inner not in seen:
                seen.add(inner)
                out.append(Real(inner, name, path.name, names))
    return out


def seed_quotes() -> list[Real]:
    """Return the seed article's quotes listed in ``SEED_QUOTES``."""
    text = SEED.read_text(encoding="utf-8")
    names = tuple(dict.fromkeys(s for s, _, _ in SEED_QUOTES))
    out = []
    for speaker, first, last in SEED_QUOTES:
        start = text.index(first)
        end = text.index(last, start) + len(last)
        out.append(Real(text[start:end], speaker, SEED.name, names))
    return out


# --- alterations ------------------------------------------------------------------------------

_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?;:]['’”\"»)]*$")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def truncated(text: str, rng: random.Random) -> str | None:
    """Cut the quote mid-sentence, or drop a few words inside it."""
    words = _words(text)
    if len(words) < 8:
        return None
    if rng.random() < 0.5:
        # The end cut: keep 50-75% of the words, never stopping at a sentence's end.
        for _ in range(10):
            keep = rng.randint(len(words) // 2, max(len(words) // 2, len(words) * 3 // 4))
            if not _SENTENCE_END.search(words[keep - 1].rstrip(",")):
                return " ".join(words[:keep]).rstrip(",;:")
        return None
    drop = rng.randint(2, min(5, len(words) // 3))
    at = rng.randint(1, len(words) - drop - 1)
    return " ".join(words[:at] + words[at + drop :])


def _replace_word(words: list[str], index: int, new: str) -> None:
    old = words[index]
    core = re.sub(r"^\W+|\W+$", "", old)
    if core[:1].isupper() and new[:1].islower():
        new = new[:1].upper() + new[1:]
    words[index] = old.replace(core, new, 1)


def swapped(text: str, rng: random.Random, pool: list[str]) -> str | None:
    """Replace one or two words: with an opposite where there is one, else a word of another
    quote."""
    words = _words(text)
    if len(words) < 5:
        return None
    spots = [i for i, w in enumerate(words) if re.sub(r"\W", "", w).lower() in ANTONYMS]
    content = [i for i, w in enumerate(words) if len(re.sub(r"\W", "", w)) >= 5]
    changes = 1 if len(words) < 15 or rng.random() < 0.6 else 2
    chosen = rng.sample(spots, min(changes, len(spots))) if spots else []
    while len(chosen) < changes and content:
        index = rng.choice(content)
        if index not in chosen:
            chosen.append(index)
        content.remove(index)
    if not chosen:
        return None
    for index in chosen:
        core = re.sub(r"\W", "", words[index]).lower()
        new = ANTONYMS.get(core) or rng.choice([p for p in pool if p.lower() != core])
        _replace_word(words, index, new)
    out = " ".join(words)
    return out if out != text else None


def number_changed(text: str, rng: random.Random) -> str | None:
    """Change one number (digits or a number word), when the quote has one."""
    digits = list(re.finditer(r"\d[\d,.]*\d|\d", text))
    if digits:
        match = rng.choice(digits)
        value = match.group()
        clean = value.replace(",", "")
        try:
            number = float(clean)
        except ValueError:
            return None
        factor = rng.choice([2, 3, 0.5, 10])
        new = number * factor if number > 1 else number + rng.randint(2, 9)
        shown = (
            f"{int(new):,}" if "," in value else (f"{new:g}" if "." in clean else str(int(new)))
        )
        if shown == value:
            shown = str(int(number) + 1)
        return text[: match.start()] + shown + text[match.end() :]
    spots = [m for m in re.finditer(r"\b\w+\b", text) if m.group().lower() in NUMBER_WORDS]
    if not spots:
        return None
    match = rng.choice(spots)
    others = [w for w in NUMBER_WORDS if w != match.group().lower()]
    return text[: match.start()] + rng.choice(others) + text[match.end() :]


def paraphrased(text: str, rng: random.Random) -> str | None:
    """Reword a quote in several places at once, keeping its sense: what "a paraphrase inside
    quotation marks" is. None when fewer than three changes apply."""
    out = text
    changes = 0
    for full, short in CONTRACTIONS:
        for a, b in ((full, short), (short, full)):
            pattern = re.compile(rf"\b{re.escape(a)}\b", re.IGNORECASE)
            if pattern.search(out) and changes < 6:
                out = pattern.sub(b, out, count=1)
                changes += 1
                break
    words = _words(out)
    spots = [i for i, w in enumerate(words) if re.sub(r"\W", "", w).lower() in SYNONYMS]
    rng.shuffle(spots)
    for index in spots[: max(2, len(words) // 6)]:
        _replace_word(words, index, SYNONYMS[re.sub(r"\W", "", words[index]).lower()])
        changes += 1
    # A function word dropped ("that", "the", "very") as people do when repeating a quote.
    for index, word in enumerate(words):
        if word.lower() in {"that", "very", "really", "just"} and index not in spots:
            del words[index]
            changes += 1
            break
    result = " ".join(words)
    return result if changes >= 3 and result != text else None


_FILLERS = frozenset("that very really just actually certainly so quite the".split())


def reworded(text: str, rng: random.Random) -> str | None:
    """Reword a quote more heavily, as a paraphrase that keeps the sense but few of the words:
    synonyms for up to two words in five, contractions, fillers and articles dropped."""
    light = paraphrased(text, rng) or text
    words = _words(light)
    spots = [i for i, w in enumerate(words) if re.sub(r"\W", "", w).lower() in SYNONYMS]
    rng.shuffle(spots)
    for index in spots[: max(3, 2 * len(words) // 5)]:
        _replace_word(words, index, SYNONYMS[re.sub(r"\W", "", words[index]).lower()])
    kept = [w for i, w in enumerate(words) if i == 0 or w.lower() not in _FILLERS]
    out = " ".join(kept)
    changed = 1 - len(set(out.lower().split()) & set(text.lower().split())) / max(
        1, len(set(text.lower().split()))
    )
    return out if changed >= 0.25 and len(kept) >= 5 else None


# --- the set ----------------------------------------------------------------------------------


def pasted(text: str, speaker: str) -> str:
    """Write a claim as a user pastes it, the speaker after a dash."""
    return f"“{text}” — {speaker}"


def build(rng: random.Random, *, build_half: bool = False) -> list[dict[str, object]]:
    """Return the claims: over PolNeAR dev and the seed, invented ones from the build half of
    train; or (``build_half``) over the build half, invented ones from dev."""
    if build_half:
        reals = polnear_quotes(TRAIN, half="build")
        texts = [p.read_text(encoding="utf-8") for p in (TRAIN / "text").glob("*.txt")
                 if half_of(p.stem) == "build"]  # fmt: skip
    else:
        reals = polnear_quotes(DEV) + seed_quotes()
        texts = [p.read_text(encoding="utf-8") for p in (DEV / "text").glob("*.txt")]
        texts.append(SEED.read_text(encoding="utf-8"))
    people = sorted({r.speaker for r in reals})
    folded = [" ".join(t.split()).lower() for t in texts]
    pool = sorted(
        {w.strip(".,;:!?“”\"'’") for r in reals for w in r.text.split() if len(w) >= 6} - {""}
    )
    claims: list[dict[str, object]] = []

    def add(kind: str, verdict: str, claim: str, real: Real | None, speaker: str | None) -> None:
        item: dict[str, object] = {"id": f"{kind}-{len(claims) + 1:04d}", "verdict": verdict}
        form = rng.random()
        if speaker and form < 0.2:
            item["claim"] = pasted(claim, speaker)  # the speaker only inside the text
        else:
            item["claim"] = claim
            if speaker and form < 0.8:
                item["speaker"] = speaker
        item["how"] = kind
        if real is not None:
            item["article"] = real.article
            item["quote"] = real.text
        claims.append(item)

    for real in reals:
        add("verbatim", "verbatim", real.text, real, real.speaker)
        for kind, make in (
            ("truncated", lambda t: truncated(t, rng)),
            ("swapped", lambda t: swapped(t, rng, pool)),
            ("number", lambda t: number_changed(t, rng)),
            ("paraphrase", lambda t: paraphrased(t, rng)),
            ("reworded", lambda t: reworded(t, rng)),
        ):
            changed = make(real.text)
            if (
                changed
                and " ".join(changed.split()).lower() not in " ".join(real.text.split()).lower()
            ):
                add(kind, "altered", changed, real, real.speaker)
        others = [s for s in real.sources if s.split()[-1] != real.speaker.split()[-1]]
        if not others:
            others = [p for p in people if p.split()[-1] != real.speaker.split()[-1]]
        wrong = rng.choice(others)
        # Misattributed needs a name: the claim says who, and it is someone else.
        item_form = rng.random()
        claims.append(
            {
                "id": f"reattributed-{len(claims) + 1:04d}",
                "claim": pasted(real.text, wrong) if item_form < 0.25 else real.text,
                **({} if item_form < 0.25 else {"speaker": wrong}),
                "verdict": "misattributed",
                "how": "reattributed",
                "article": real.article,
                "quote": real.text,
            }
        )
    others = polnear_quotes(DEV) if build_half else polnear_quotes(TRAIN, half="build")
    corpus = "\x1f".join(folded)
    invented = [r for r in others if " ".join(r.text.split()).lower() not in corpus]
    rng.shuffle(invented)
    for fake in invented[: len(reals)]:
        add("invented", "not_found", fake.text, None, rng.choice(people))
    return claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--build-half",
        action="store_true",
        help="claims over PolNeAR train's build half (invented ones from dev) instead",
    )
    parser.add_argument("--per-kind", type=int, help="at most this many claims of each kind")
    args = parser.parse_args()
    rng = random.Random(20)
    claims = build(rng, build_half=args.build_half)
    if args.per_kind:
        by_kind: dict[str, list[dict[str, object]]] = {}
        for claim in claims:
            by_kind.setdefault(str(claim["how"]), []).append(claim)
        kept = {
            id(c)
            for group in by_kind.values()
            for c in rng.sample(group, min(len(group), args.per_kind))
        }
        claims = [c for c in claims if id(c) in kept]
    counts = Counter(str(c["how"]) for c in claims)
    header = (
        "# Calibration claims for `whosaid check` (eval/build_claims.py; do not edit by hand).\n"
        "# Each item: id, claim (the text checked), speaker (optional: --speaker), verdict\n"
        "# (verbatim | altered | misattributed | not_found), how (the alteration), article and\n"
        "# quote (the real quote it was made from). "
        + (
            "Built from PolNeAR train's build half gold attributions;\n# invented claims are "
            "real quotes of PolNeAR dev.\n"
            if args.build_half
            else "Built from PolNeAR dev gold attributions and\n# the seed; invented claims "
            "are real quotes of PolNeAR train's build half.\n"
        )
        + f"# {len(claims)} claims: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        + "\n"
    )
    text = yaml.safe_dump(claims, allow_unicode=True, sort_keys=False, width=1000)
    args.out.write_text(header + text, encoding="utf-8")
    print(
        f"wrote {len(claims)} claims to {args.out}: {dict(sorted(counts.items()))}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
