"""Write a deterministic synthetic news corpus, with the truth of who said each quote.

The corpus imitates what the loaders meet in the wild: scraped plain text in the seed
article's shape (date line, debris, title, blank-line paragraphs, page furniture), Markdown
with YAML front matter, JSON Lines with many articles per file, and HTML pages with
navigation around the article. Quotes come in every mark style (“…”, "…", «…», the scraped
``, ”she said`` artefact), as reported speech, as dash-led interview answers (including
continuation paragraphs without a dash), and are attributed by full name, surname, a name
variant, a role ("the minister said") or a pronoun. People who are only mentioned are never
speakers, and scare-quoted terms are not quotes.

Generation is sequential from one ``random.Random(seed)``, so the corpus of N articles is the
first N articles of any larger corpus with the same seed. ``truth.json`` beside the articles
records every quote (speaker, kind, exact text, file) and a fixed question set.

Usage: ``python -m bench.generate OUT_DIR --articles 100 [--seed 0]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import logging
import random
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

JSONL_PER_FILE = 25
FORMAT_WEIGHTS = {"txt": 50, "md": 25, "jsonl": 15, "html": 10}


@dataclass(frozen=True, slots=True)
class Speaker:
    """A recurring speaker: name variants as printed, roles, and the pronoun used for them."""

    first: tuple[str, ...]
    last: tuple[str, ...]
    roles: tuple[str, ...]
    noun: str  # "the minister said"
    pronoun: str
    topics: tuple[str, ...]

    @property
    def name(self) -> str:
        """Return the canonical name (first spellings)."""
        return f"{self.first[0]} {self.last[0]}"

    @property
    def variants(self) -> list[str]:
        """Return every printed form of the name, surnames alone included."""
        full = [f"{f} {s}" for f in self.first for s in self.last]
        return [*full, *self.last]


def _sp(first: str, last: str, roles: str, noun: str, pronoun: str, topics: str) -> Speaker:
    return Speaker(
        tuple(first.split("|")),
        tuple(last.split("|")),
        tuple(roles.split("|")),
        noun,
        pronoun,
        tuple(topics.split()),
    )


# Surnames are unique across the pool (every variant), so a name maps back to one speaker.
SPEAKERS: tuple[Speaker, ...] = (
    _sp(
        "Aleksandr|Alexander",
        "Volkov",
        "Foreign Minister of Ruthenia|the Ruthenian foreign minister",
        "minister",
        "he",
        "sanctions nato gas",
    ),
    _sp(
        "Marina",
        "Kuznetsova|Kouznetsova",
        "spokeswoman for the Ministry of Energy|energy ministry spokeswoman",
        "spokeswoman",
        "she",
        "gas fuel inflation",
    ),
    _sp(
        "Jennifer|Jen",
        "Holloway",
        "White House press secretary|press secretary at the White House",
        "press secretary",
        "she",
        "sanctions nato migration",
    ),
    _sp(
        "Dmitry|Dmitri",
        "Sokolenko",
        "political scientist at the Institute of World Politics|political scientist",
        "political scientist",
        "he",
        "elections protests nato",
    ),
    _sp(
        "Gennady",
        "Zorin",
        "leader of the Workers' Party|Workers' Party leader",
        "politician",
        "he",
        "protests fuel elections",
    ),
    _sp(
        "Mikhail|Mikhael",
        "Pogrebin|Pogrebinsky",
        "director of the Centre for Political Studies|analyst",
        "analyst",
        "he",
        "nato elections cyber",
    ),
    _sp(
        "Olena|Elena",
        "Marchuk",
        "deputy prime minister|deputy head of government",
        "deputy prime minister",
        "she",
        "grain housing inflation",
    ),
    _sp(
        "Thomas|Tom",
        "Achterberg",
        "NATO deputy secretary general|deputy head of NATO",
        "diplomat",
        "he",
        "nato military cyber",
    ),
    _sp(
        "Aigerim",
        "Nurlanova",
        "mayor of Almaty|Almaty mayor",
        "mayor",
        "she",
        "protests transport housing",
    ),
    _sp(
        "Konstantin",
        "Blokhov",
        "leading researcher at the Centre for Security Studies|security researcher",
        "researcher",
        "he",
        "military nato border",
    ),
    _sp(
        "Sarah",
        "Lindqvist|Lindquist",
        "EU commissioner for energy|energy commissioner",
        "commissioner",
        "she",
        "gas climate sanctions",
    ),
    _sp(
        "Pierre",
        "Garnier",
        "French finance minister|finance minister of France",
        "minister",
        "he",
        "inflation rates sanctions",
    ),
    _sp(
        "Yusuf",
        "Demirel|Demirell",
        "Turkish deputy foreign minister|deputy foreign minister",
        "diplomat",
        "he",
        "grain migration border",
    ),
    _sp(
        "Anna",
        "Schreiber",
        "chair of the Bundestag defence committee|defence committee chair",
        "lawmaker",
        "she",
        "military nato cyber",
    ),
    _sp(
        "Rustam",
        "Ibragimov|Ibrahimov",
        "head of the national bank|central bank governor",
        "governor",
        "he",
        "rates inflation fuel",
    ),
    _sp(
        "Li",
        "Wenjun",
        "Chinese foreign ministry spokesman|foreign ministry spokesman",
        "spokesman",
        "he",
        "sanctions grain border",
    ),
    _sp(
        "Maria|Mariya",
        "Tkachenko",
        "head of the Red Cross mission|Red Cross mission chief",
        "aid worker",
        "she",
        "migration health housing",
    ),
    _sp(
        "David",
        "Okafor",
        "UN special rapporteur on housing|UN rapporteur",
        "rapporteur",
        "he",
        "housing migration health",
    ),
    _sp(
        "Nursultan",
        "Abenov",
        "chairman of the Senate|Senate chairman",
        "senator",
        "he",
        "elections protests border",
    ),
    _sp(
        "Helen",
        "Carrington",
        "British defence secretary|defence secretary of Britain",
        "minister",
        "she",
        "military cyber nato",
    ),
    _sp(
        "Viktor|Victor",
        "Shevchuk",
        "head of the railway workers' union|union leader",
        "union leader",
        "he",
        "transport fuel strikes",
    ),
    _sp(
        "Ingrid",
        "Solberg",
        "Norwegian climate minister|climate minister of Norway",
        "minister",
        "she",
        "climate gas fuel",
    ),
    _sp(
        "Omar",
        "Haddad",
        "spokesman for the World Food Programme|WFP spokesman",
        "spokesman",
        "he",
        "grain health migration",
    ),
    _sp(
        "Yelena|Elena",
        "Rudenko",
        "chief economist at Eastbank|economist",
        "economist",
        "she",
        "rates inflation housing",
    ),
    _sp(
        "Carlos",
        "Mendoza",
        "IMF mission chief|head of the IMF mission",
        "economist",
        "he",
        "inflation rates grain",
    ),
    _sp(
        "Tatiana|Tatyana",
        "Morozova",
        "chair of the Central Election Commission|election commission chair",
        "official",
        "she",
        "elections protests cyber",
    ),
    _sp(
        "James",
        "Whitaker",
        "US deputy secretary of state|deputy secretary of state",
        "diplomat",
        "he",
        "sanctions nato military",
    ),
    _sp(
        "Askar",
        "Mamin|Mamine",
        "prime minister|head of government",
        "prime minister",
        "he",
        "fuel protests gas",
    ),
    _sp(
        "Ruth",
        "Feldman",
        "director of the Cyber Defence Agency|cyber agency director",
        "official",
        "she",
        "cyber elections military",
    ),
    _sp(
        "Ahmed",
        "Karimov",
        "health minister|minister of health",
        "minister",
        "he",
        "health housing strikes",
    ),
    _sp(
        "Sofia|Sophia",
        "Esposito",
        "Italian transport minister|transport minister of Italy",
        "minister",
        "she",
        "transport strikes climate",
    ),
    _sp(
        "Pavel",
        "Durnovo",
        "opposition MP|member of parliament for the opposition",
        "lawmaker",
        "he",
        "elections protests rates",
    ),
)

TOPICS: dict[str, dict[str, Sequence[str]]] = {
    "sanctions": {
        "label": ["sanctions", "the sanctions", "new sanctions"],
        "templates": [
            "The new package of sanctions against {country} will hit {sector} within {num} weeks",
            "Nobody in {city} believes that sanctions on {sector} can change {country}",
            "We will answer every sanction on {sector} by {month}, and {country} knows it",
            "Sanctions on {sector} have cost {country} {num} billion dollars since {month}",
            "Lifting sanctions on {sector} is out of the question until {country} leaves {city}",
        ],
    },
    "nato": {
        "label": ["NATO", "the alliance", "NATO expansion"],
        "templates": [
            "NATO has moved {num} thousand troops towards {city} since {month}",
            "The alliance will not accept {country} into its ranks before {year}",
            "Any expansion of NATO towards {city} would be a direct threat to {country}",
            "Talks between NATO and {country} in {city} are scheduled for {month}",
            "The alliance must double its presence near {city} within {num} months",
        ],
    },
    "gas": {
        "label": ["gas", "gas supplies", "the gas pipeline"],
        "templates": [
            "Gas deliveries through {city} fell by {num} percent in {month}",
            "The pipeline to {country} will be repaired by {month} for {num} million euros",
            "We have stored enough gas in {city} for {num} days of a cold winter",
            "The price of gas for {country} will be fixed at {num} dollars per thousand metres",
            "Without gas from {country} the factories around {city} will stop in {month}",
        ],
    },
    "fuel": {
        "label": ["fuel prices", "fuel", "petrol prices"],
        "templates": [
            "Fuel prices in {city} doubled overnight to {num} tenge a litre",
            "The government will cap liquefied gas in {city} at {num} tenge until {month}",
            "Drivers in {city} queued for {num} hours because the fuel ran out",
            "Nobody warned {city} that fuel would cost {num} percent more in {month}",
            "We will import {num} thousand tonnes of fuel from {country} before {month}",
        ],
    },
    "inflation": {
        "label": ["inflation", "rising prices", "the cost of living"],
        "templates": [
            "Inflation reached {num} percent in {month}, the highest since {year}",
            "Food prices in {city} rose by {num} percent and pensions did not follow",
            "Inflation will fall below {num} percent by {month} if {country} keeps its promises",
            "Every family in {city} now spends {num} percent more on bread than in {year}",
            "The cost of living in {city} is the first concern of voters, far ahead of {sector}",
        ],
    },
    "elections": {
        "label": ["the elections", "the vote", "the election results"],
        "templates": [
            "The elections in {month} will be held on time in every district of {city}",
            "Turnout in {city} was only {num} percent, which says everything about the vote",
            "Observers from {country} found {num} violations at polling stations in {city}",
            "The vote count in {city} must be repeated before {month}",
            "No party will win more than {num} percent of the vote in {year}",
        ],
    },
    "protests": {
        "label": ["the protests", "the unrest", "the demonstrations"],
        "templates": [
            "About {num} thousand people marched through {city} on the night of {month} first",
            "The protests in {city} were organised from abroad, with money from {country}",
            "Police in {city} detained {num} protesters near the main square",
            "The demonstrations in {city} began because of {sector}, not because of politics",
            "The unrest spread from {city} to {num} other towns within two days",
        ],
    },
    "grain": {
        "label": ["grain exports", "the grain deal", "grain"],
        "templates": [
            "Grain exports through {city} will resume in {month} with {num} ships a week",
            "The grain deal with {country} has fed {num} million people since {year}",
            "Without the corridor to {city}, {num} million tonnes of grain will rot in silos",
            "Farmers near {city} lost {num} percent of the harvest to the drought",
            "The price of wheat in {country} jumped by {num} percent after the deal collapsed",
        ],
    },
    "cyber": {
        "label": ["cyber attacks", "the cyber attack", "hackers"],
        "templates": [
            "Hackers linked to {country} attacked {num} servers of the ministry in {city}",
            "The cyber attack on the power grid of {city} lasted {num} hours",
            "We traced the attack on {sector} to a group operating from {country}",
            "Banks in {city} repelled {num} thousand attacks in {month} alone",
            "A cyber attack on {sector} in {month} would paralyse {city} for days",
        ],
    },
    "military": {
        "label": ["the military exercises", "the troops", "the army"],
        "templates": [
            "The exercises near {city} involve {num} thousand soldiers and last until {month}",
            "Troops from {country} will leave {city} within {num} days",
            "The army has ordered {num} new tanks for the garrison in {city}",
            "Military spending of {country} will rise to {num} percent of output by {year}",
            "We saw {num} armoured columns moving towards {city} in {month}",
        ],
    },
    "border": {
        "label": ["the border", "border security", "the border crossing"],
        "templates": [
            "The border with {country} is more than {num} kilometres long and cannot be closed",
            "The crossing near {city} was shut for {num} days in {month}",
            "Guards at {city} turned back {num} trucks from {country} last week",
            "A new fence along the border with {country} will cost {num} million dollars",
            "Smugglers cross the border near {city} every night; {num} guards cannot stop them",
        ],
    },
    "migration": {
        "label": ["migration", "the refugees", "migrants"],
        "templates": [
            "More than {num} thousand refugees from {country} arrived in {city} in {month}",
            "The camps near {city} can shelter no more than {num} families",
            "Migrants from {country} must be able to apply for asylum in {city}",
            "We will resettle {num} thousand refugees by {month} with help from {country}",
            "The route through {city} is now used by {num} percent of all migrants",
        ],
    },
    "health": {
        "label": ["the hospitals", "healthcare", "the epidemic"],
        "templates": [
            "Hospitals in {city} are treating {num} patients a day, twice their capacity",
            "The epidemic in {city} has slowed, with {num} new cases in {month}",
            "Doctors in {city} have not been paid for {num} months",
            "We will open {num} new clinics in {country} before {month}",
            "The vaccine from {country} reached {city} only in {month}, {num} weeks late",
        ],
    },
    "housing": {
        "label": ["housing", "rents", "the housing crisis"],
        "templates": [
            "Rents in {city} rose by {num} percent in a single year",
            "The city will build {num} thousand flats in {city} before {year}",
            "Young families in {city} wait {num} years for social housing",
            "Mortgages in {country} now cost {num} percent, which no teacher can pay",
            "The housing crisis in {city} is the result of {num} years of neglect",
        ],
    },
    "rates": {
        "label": ["interest rates", "the key rate", "the central bank"],
        "templates": [
            "The key rate will stay at {num} percent until {month}",
            "Raising rates to {num} percent would ruin small businesses in {city}",
            "The central bank of {country} sold {num} billion dollars of reserves in {month}",
            "Rates in {country} must come down before {year}, or growth will stall",
            "The national currency lost {num} percent against the dollar in {month}",
        ],
    },
    "climate": {
        "label": ["climate policy", "emissions", "the climate targets"],
        "templates": [
            "Emissions in {country} must fall by {num} percent before {year}",
            "The coal plants near {city} will close in {month}, {num} years ahead of plan",
            "We will plant {num} million trees around {city} by {year}",
            "The floods in {city} cost {num} million euros and will happen again",
            "Nobody in {country} will meet the climate targets for {year} at this pace",
        ],
    },
    "transport": {
        "label": ["public transport", "the railways", "transport"],
        "templates": [
            "Trains between {city} and the capital will run every {num} minutes from {month}",
            "The new metro line in {city} will carry {num} thousand passengers a day",
            "Bus fares in {city} will rise by {num} percent in {month}",
            "The railway to {country} has been closed for {num} days because of the snow",
            "We ordered {num} electric buses for {city} from a factory in {country}",
        ],
    },
    "strikes": {
        "label": ["the strike", "the strikes", "the walkout"],
        "templates": [
            "The strike at the depots of {city} will continue for {num} more days",
            "Workers in {city} demand a raise of {num} percent before {month}",
            "The walkout has cost {country} {num} million dollars a day",
            "Nobody will be fired for striking in {city}, and the {num} dismissed workers return",
            "If the talks fail in {month}, {num} thousand workers will stop in {city}",
        ],
    },
}

CITIES = (
    "Almaty", "Astana", "Aktau", "Shymkent", "Karaganda", "Odesa", "Kharkiv", "Lviv", "Minsk",
    "Gdansk", "Riga", "Tallinn", "Vilnius", "Tbilisi", "Baku", "Yerevan", "Bishkek", "Tashkent",
    "Samarkand", "Warsaw", "Krakow", "Constanta", "Varna", "Izmir", "Mersin", "Trieste", "Hamburg",
    "Rotterdam", "Antwerp", "Marseille", "Lyon", "Turin", "Naples", "Seville", "Porto",
    "Thessaloniki", "Plovdiv", "Cluj", "Brno", "Kosice",
)  # fmt: skip
COUNTRIES = (
    "Ruthenia", "Moldavia", "Kazakhstan", "Turkey", "Poland", "Romania", "Georgia", "Armenia",
    "China", "Germany", "France", "Italy", "Norway", "Britain", "Ukraine", "Belarus",
    "Uzbekistan", "Latvia", "Greece", "Bulgaria",
)  # fmt: skip
SECTORS = (
    "banking", "the steel industry", "shipping", "aviation", "the fertiliser trade",
    "oil refining", "the coal mines", "agriculture", "telecoms", "the car industry",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
OUTLETS = (
    ("Svobodnaya Pressa", "SP", "svpressa.example"),
    ("The Steppe Herald", "SH", "steppeherald.example"),
    ("Baltic Wire", "BW", "balticwire.example"),
    ("Caspian Daily", "CD", "caspiandaily.example"),
    ("Danube Review", "DR", "danubereview.example"),
)
SCARE_TERMS = (
    "colour revolutions", "hybrid war", "soft underbelly", "special measures", "red lines",
    "economic miracle", "managed democracy", "energy weapon",
)  # fmt: skip
LEADS = (
    "Frankly, ", "Let me be clear: ", "As I told colleagues in {city}, ", "I repeat: ",
    "Whatever they say in {country}, ", "Honestly, ", "The figures are clear: ",
    "Everyone should understand that ", "I can confirm that ", "Believe me, ",
)  # fmt: skip
TAILS = (
    ", and that is why we act now", ", whatever the critics say", ", as the experts warned",
    ", and nobody should be surprised", ", according to our own estimates",
    ", which is a disgrace", ", and we will not back down", ", unless something changes",
    ", and the people deserve the truth", ", as everyone in {city} knows",
    ", and this is only the beginning", ", despite all the promises",
)  # fmt: skip
SAY = ("said", "told reporters", "stressed", "added", "noted", "told journalists")
OPENERS = (
    "{Full}, {role}, said: ",
    "{Full}, {role}, wrote on Telegram: ",
    "Speaking in {city}, {Full}, {role}, said: ",
)
INTERVIEW_QUESTIONS = (
    "So you do not agree that the crisis was inspired from the outside?",
    "What should the government do now?",
    "Is this tension in line with the interests of the West?",
    "How long will this last, in your opinion?",
    "Who benefits from this situation?",
)


@dataclass(slots=True)
class TruthQuote:
    """One quote as the generator wrote it: who said it, and the exact words (no marks)."""

    id: str
    file: str
    article: int  # index of the article in the whole corpus
    title: str
    speaker: str
    printed_as: str
    role: str
    kind: str
    topic: str
    text: str


@dataclass(slots=True)
class Question:
    """A generated question and the speakers an answer may name."""

    id: str
    type: str  # "who_said", "about", "open"
    question: str
    expected_speakers: list[str]
    topic: str | None = None
    quote_id: str | None = None
    fragment: str | None = None


@dataclass(slots=True)
class GeneratedCorpus:
    """Where the corpus was written and what it holds."""

    root: Path
    articles_dir: Path
    truth_path: Path
    files: list[str]
    quotes: list[TruthQuote]
    questions: list[Question] = field(default_factory=list)
    mentioned_only: list[str] = field(default_factory=list)

    @property
    def article_count(self) -> int:
        """Return how many articles were written."""
        return len({q.article for q in self.quotes}) if self.quotes else 0


@dataclass(slots=True)
class _Article:
    index: int
    title: str
    date: dt.date
    outlet: tuple[str, str, str]
    author: str
    paragraphs: list[str]
    quotes: list[TruthQuote]
    fmt: str


class _Writer:
    """Compose articles one after another from a single random stream."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seen: set[str] = set()
        self.quote_counter = 0

    # -- content --------------------------------------------------------------------------

    def sentence(self, topic: str, template: str | None = None) -> str:
        """Return a quotable sentence on a topic, unique in the corpus."""
        rng = self.rng
        for _ in range(50):
            template = template or rng.choice(TOPICS[topic]["templates"])
            opener = rng.choice(LEADS) if rng.random() < 0.3 else ""
            tail = rng.choice(TAILS) if rng.random() < 0.4 else ""
            body = _lower(template) if opener else template
            text = (opener + body + tail).format(
                city=rng.choice(CITIES),
                country=rng.choice(COUNTRIES),
                sector=rng.choice(SECTORS),
                month=rng.choice(MONTHS),
                num=rng.randint(2, 98),
                year=rng.randint(2023, 2035),
            )
            text = text[0].upper() + text[1:]
            if text not in self.seen:
                self.seen.add(text)
                return text
        raise RuntimeError("sentence space exhausted; add templates")

    def quote_body(self, topic: str, sentences: int) -> str:
        """Return one to three sentences; all but the last end with a full stop."""
        templates = self.rng.sample(TOPICS[topic]["templates"], sentences)
        return ". ".join(self.sentence(topic, t) for t in templates)

    def clause(self, topic: str) -> str:
        """Return a sentence usable after "said that": lower-case start, no full stop."""
        return _lower(self.sentence(topic))

    def _record(
        self, art: _Article, speaker: Speaker, printed: str, role: str, kind: str, topic: str,
        text: str,
    ) -> None:  # fmt: skip
        self.quote_counter += 1
        art.quotes.append(
            TruthQuote(
                id=f"q{self.quote_counter:07d}",
                file="",
                article=art.index,
                title=art.title,
                speaker=speaker.name,
                printed_as=printed,
                role=role,
                kind=kind,
                topic=topic,
                text=text,
            )
        )

    # -- paragraphs -----------------------------------------------------------------------

    def direct(self, art: _Article, sp: Speaker, topic: str, first: bool) -> list[str]:
        """Return paragraph(s) with a direct quote of ``sp`` in one of several styles."""
        rng = self.rng
        full = f"{rng.choice(sp.first)} {rng.choice(sp.last)}"
        surname = rng.choice(sp.last)
        role = rng.choice(sp.roles)
        body = self.quote_body(topic, rng.choice((1, 1, 2, 2, 3)))
        say = rng.choice(SAY)
        style = rng.randrange(8)
        if style == 0:
            # Closing comma inside the marks, attribution after: “…,” said X, the role.
            who = f"said {full}, {role}" if first else f"{surname} {say}"
            self._record(art, sp, full if first else surname, role, "direct", topic, body)
            return [f"“{body},” {who}."]
        if style == 1:
            opener = rng.choice(OPENERS).format(Full=full, role=role, city=rng.choice(CITIES))
            self._record(art, sp, full, role, "direct", topic, body + ".")
            return [f"{opener}“{body}.”"]
        if style == 2:
            # The scraped artefact of the seed: a space before the closing mark, then a pronoun.
            self._record(art, sp, sp.pronoun, role, "direct", topic, body + ".")
            if not first:
                return [f"“{body}. ”{sp.pronoun} said."]
            intro = f"{full}, {role}, spoke about {TOPICS[topic]['label'][0]} on Monday."
            return [intro, f"“{body}. ”{sp.pronoun} said."]
        if style == 3:
            self._record(art, sp, surname if not first else full, role, "direct", topic, body)
            name = full if first else surname
            return [f'"{body}," {name} {say}.']
        if style == 4:
            self._record(art, sp, full, role, "direct", topic, body)
            return [f"{full}, {role}, wrote on his page: «{body}»." if sp.pronoun == "he"
                    else f"{full}, {role}, wrote on her page: «{body}»."]  # fmt: skip
        if style == 5:
            self._record(art, sp, full, role, "direct", topic, body + ".")
            return [f"According to {full}, {role}, “{body}.”"]
        if style == 6:
            # A quote split by its attribution: two quotes, one speaker.
            part1 = self.sentence(topic)
            part2 = self.quote_body(topic, rng.choice((1, 2)))
            name = full if first else surname
            self._record(art, sp, name, role, "direct", topic, part1)
            self._record(art, sp, name, role, "direct", topic, part2 + ".")
            return [f"“{part1},” {name} {say}. “{part2}.”"]
        # style 7: the speaker named in one paragraph, the quote in the next, by role noun.
        if rng.random() < 0.5:
            clause = self.clause(topic)
            self._record(art, sp, full, role, "reported", topic, clause)
            intro = f"{full}, {role}, believes that {clause}."
        else:
            intro = f"{full}, {role}, commented on {TOPICS[topic]['label'][1]}."
        self._record(art, sp, f"the {sp.noun}", role, "direct", topic, body)
        verb = rng.choice(("wrote", "said", "added"))
        return [intro, f"“{body},” the {sp.noun} {verb}."]

    def reported(self, art: _Article, sp: Speaker, topic: str) -> str:
        """Return a paragraph of reported speech."""
        rng = self.rng
        full = f"{rng.choice(sp.first)} {rng.choice(sp.last)}"
        role = rng.choice(sp.roles)
        lowered = self.clause(topic)
        style = rng.randrange(3)
        self._record(art, sp, full, role, "reported", topic, lowered)
        if style == 0:
            return f"{full}, {role}, said that {lowered}."
        if style == 1:
            return f"According to {full}, {role}, {lowered}."
        return f"{full} ({role}) told the parliament on Tuesday that {lowered}."

    def interview(self, art: _Article, sp: Speaker, topic: str) -> list[str]:
        """Return an interview: an introduction, then dash-led answers and a question."""
        rng = self.rng
        full = f"{rng.choice(sp.first)} {rng.choice(sp.last)}"
        role = rng.choice(sp.roles)
        lowered = self.clause(topic)
        out = [f"{full}, {role}, believes that {lowered}."]
        self._record(art, sp, full, role, "reported", topic, lowered)
        answers = rng.randint(2, 4)
        asked = False
        for n in range(answers):
            body = self.quote_body(topic, rng.choice((2, 3))) + "."
            if n == 0:
                out.append(f"– {body}")
            elif not asked and rng.random() < 0.6:
                asked = True
                out.append(f"“{art.outlet[1]}”: – {rng.choice(INTERVIEW_QUESTIONS)}")
                out.append(f"– {body}")
            else:
                out.append(body)  # a continuation paragraph of the same answer, no dash
            self._record(art, sp, full, role, "interview", topic, body)
        return out

    def filler(self, topic: str) -> str:
        """Return a background paragraph with a scare-quoted term and no quote."""
        rng = self.rng
        term = rng.choice(SCARE_TERMS)
        return (
            f"The situation around {TOPICS[topic]['label'][0]} has worsened since "
            f"{rng.choice(MONTHS)}. Commentators in {rng.choice(CITIES)} speak of the so-called "
            f"“{term}”, a phrase that has become common in {rng.choice(COUNTRIES)}. "
            f"Officials have published figures on {rng.choice(SECTORS)} for {rng.randint(2, 12)} "
            "regions, but the data remain incomplete."
        )

    def mention(self, speakers: Sequence[Speaker]) -> str:
        """Return a paragraph naming people who say nothing in it."""
        a, b = speakers
        return (
            f"The statement followed a telephone call between {a.name} and {b.name} on "
            f"{self.rng.choice(MONTHS)} {self.rng.randint(1, 28)}. Neither side published details "
            "of the conversation."
        )

    # -- whole articles -------------------------------------------------------------------

    def article(self, index: int) -> tuple[_Article, list[str]]:
        """Compose one article; also return the names mentioned in it without speaking."""
        rng = self.rng
        topic = rng.choice(sorted(TOPICS))
        cast = rng.sample(SPEAKERS, rng.randint(2, 4))
        day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
        outlet = rng.choice(OUTLETS)
        city = rng.choice(CITIES)
        label = rng.choice(TOPICS[topic]["label"])
        title = f"{label[0].upper()}{label[1:]}: what {city} is saying"
        title = f"{title} ({index + 1})"
        fmt = rng.choices(list(FORMAT_WEIGHTS), weights=list(FORMAT_WEIGHTS.values()))[0]
        art = _Article(index, title, day, outlet, f"Staff writer {index % 17 + 1}", [], [], fmt)
        paragraphs = art.paragraphs
        paragraphs.append(
            f"In {city} on {day:%B} {day.day}, {TOPICS[topic]['label'][0]} dominated the day. "
            f"Officials from {rng.choice(COUNTRIES)} and {rng.choice(COUNTRIES)} exchanged "
            "statements, and the markets reacted within hours."
        )
        mentioned: list[str] = []
        if rng.random() < 0.4:
            others = [s for s in SPEAKERS if s not in cast]
            pair = rng.sample(others, 2)
            paragraphs.append(self.mention(pair))
            mentioned.extend(s.name for s in pair)
        for n, sp in enumerate(cast):
            sp_topic = topic if rng.random() < 0.6 else rng.choice(sp.topics)
            if n == len(cast) - 1 and rng.random() < 0.35:
                paragraphs.extend(self.interview(art, sp, sp_topic))
                continue
            paragraphs.extend(self.direct(art, sp, sp_topic, first=True))
            if rng.random() < 0.5:
                paragraphs.extend(self.direct(art, sp, sp_topic, first=False))
            if rng.random() < 0.3:
                paragraphs.append(self.reported(art, sp, sp_topic))
            if rng.random() < 0.3:
                paragraphs.append(self.filler(topic))
        if rng.random() < 0.5:
            paragraphs.append(self.filler(topic))
        return art, mentioned


def generate(root: Path, articles: int, *, seed: int = 0, questions: int = 60) -> GeneratedCorpus:
    """Write ``articles`` articles under ``root/articles`` and ``root/truth.json``.

    Args:
        root: Directory to write into (created; an existing corpus there is replaced).
        articles: How many articles to write.
        seed: The random seed; the same seed and size always give the same bytes.
        questions: How many "who said" questions to draw (plus a third as many of each
            other kind).

    Returns:
        The corpus, its ground truth and its questions.
    """
    writer = _Writer(seed)
    articles_dir = root / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)
    for old in articles_dir.iterdir():
        if old.is_file():
            old.unlink()
    files: list[str] = []
    quotes: list[TruthQuote] = []
    mentioned_only: set[str] = set()
    jsonl: list[_Article] = []
    jsonl_file = 0
    for index in range(articles):
        art, mentioned = writer.article(index)
        mentioned_only.update(mentioned)
        if art.fmt == "jsonl":
            jsonl.append(art)
            if len(jsonl) == JSONL_PER_FILE:
                files.append(_write_jsonl(articles_dir, jsonl_file, jsonl))
                jsonl_file += 1
                jsonl = []
        else:
            name = f"{index + 1:06d}-{_slug(art.title)}.{art.fmt}"
            (articles_dir / name).write_text(_render(art), encoding="utf-8", newline="")
            for q in art.quotes:
                q.file = name
            files.append(name)
        quotes.extend(art.quotes)
    if jsonl:
        files.append(_write_jsonl(articles_dir, jsonl_file, jsonl))
    corpus = GeneratedCorpus(
        root=root,
        articles_dir=articles_dir,
        truth_path=root / "truth.json",
        files=files,
        quotes=quotes,
        mentioned_only=sorted(mentioned_only),
    )
    corpus.questions = make_questions(corpus, questions, seed=seed)
    corpus.truth_path.write_text(
        json.dumps(
            {
                "seed": seed,
                "articles": articles,
                "speakers": [
                    {"name": s.name, "variants": s.variants, "roles": list(s.roles)}
                    for s in SPEAKERS
                ],
                "quotes": [asdict(q) for q in quotes],
                "questions": [asdict(q) for q in corpus.questions],
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    logger.info("wrote %d articles, %d quotes in %d files", articles, len(quotes), len(files))
    return corpus


def make_questions(corpus: GeneratedCorpus, count: int, *, seed: int = 0) -> list[Question]:
    """Draw a fixed question set from the corpus: "who said", "what did X say about", open.

    "Who said" questions quote a fragment of a direct quote or interview answer that occurs
    once in the whole corpus, half of them in quotation marks and half as "who said that …".
    """
    rng = random.Random(seed * 7919 + 17)
    quotable = [q for q in corpus.quotes if q.kind in ("direct", "interview")]
    # Uniqueness is checked against every quote, reported ones included, ignoring case:
    # "the camps near Riga" after "Frankly, " is the same words as "The camps near Riga".
    haystack = "\n".join(q.text for q in corpus.quotes).lower()
    out: list[Question] = []
    order = list(range(len(quotable)))
    rng.shuffle(order)
    for i in order:
        if len(out) >= count:
            break
        quote = quotable[i]
        n = len(out)
        fragment = _fragment(rng, quote.text, from_start=n % 2 == 1)
        if fragment is None or haystack.count(fragment.lower()) != 1:
            continue
        # Half quote the words, half ask in the user's own sentence.
        quoted = n % 2 == 0
        text = f"Who said “{fragment}”?" if quoted else f"Who said that {_lower(fragment)}?"
        out.append(Question(f"w{n:04d}", "who_said", text, [quote.speaker], quote.topic,
                            quote.id, fragment))  # fmt: skip
    by_topic: dict[str, set[str]] = {}
    for q in corpus.quotes:
        by_topic.setdefault(q.topic, set()).add(q.speaker)
    pairs = sorted({(q.speaker, q.topic) for q in corpus.quotes if q.kind != "reported"})
    rng.shuffle(pairs)
    names = {s.name: s for s in SPEAKERS}
    extra = max(1, count // 3)
    for speaker, topic in pairs[:extra]:
        printed = rng.choice(names[speaker].variants)
        label = rng.choice(TOPICS[topic]["label"])
        out.append(Question(f"a{len(out):04d}", "about", f"What did {printed} say about {label}?",
                            [speaker], topic))  # fmt: skip
    topics = sorted(by_topic)
    rng.shuffle(topics)
    for topic in (topics * (extra // max(1, len(topics)) + 1))[:extra]:
        label = rng.choice(TOPICS[topic]["label"])
        phrasing = rng.choice(
            ("What was said about {}?", "What do officials say about {}?", "Any comments on {}?")
        )
        out.append(Question(f"o{len(out):04d}", "open", phrasing.format(label),
                            sorted(by_topic[topic]), topic))  # fmt: skip
    return out


def touch_directory(articles_dir: Path, fraction: float, *, seed: int = 0) -> list[str]:
    """Change ``fraction`` of the files (at least one) without touching any quote.

    Each chosen file gets one more background paragraph, as a correction or an update would.

    Returns:
        The names of the changed files.
    """
    files = sorted(p.name for p in articles_dir.iterdir() if p.is_file())
    rng = random.Random(seed + 101)
    count = max(1, round(len(files) * fraction))
    chosen = sorted(rng.sample(files, min(count, len(files))))
    addition = (
        "Update: this article was amended after publication to correct the figures for the "
        "regions."
    )
    for name in chosen:
        path = articles_dir / name
        text = path.read_text(encoding="utf-8")
        if name.endswith(".jsonl"):
            lines = text.splitlines()
            record = json.loads(lines[-1])
            record["text"] += "\n\n" + addition
            lines[-1] = json.dumps(record, ensure_ascii=False)
            text = "\n".join(lines) + "\n"
        elif name.endswith(".html"):
            text = text.replace("</article>", f"<p>{addition}</p>\n</article>", 1)
        else:
            text = text.rstrip("\n") + f"\n\n{addition}\n"
        path.write_text(text, encoding="utf-8", newline="")
    return chosen


_LEAD = re.compile(
    "^(?:" + "|".join(re.escape(lead).replace(r"\{city\}", r"\w+").replace(r"\{country\}", r"\w+")
                      for lead in LEADS) + ")"
)  # fmt: skip


def _lower(sentence: str) -> str:
    # Acronyms and names keep their capital ("NATO has moved", "Inflation" does not).
    first = sentence.split(" ", 1)[0]
    if first.isupper() or first in CITIES or first in COUNTRIES:
        return sentence
    return sentence[0].lower() + sentence[1:]


def _fragment(rng: random.Random, text: str, *, from_start: bool) -> str | None:
    """Return 7 to 11 consecutive words of one sentence of ``text`` (its start if asked)."""
    sentences = [s.strip(" .") for s in re.split(r"(?<=\.)\s+", text) if len(s.split()) >= 6]
    if not sentences:
        return None
    sentence = rng.choice(sentences)
    if from_start:
        sentence = _LEAD.sub("", sentence, count=1)
    words = sentence.split()
    size = min(len(words), rng.randint(7, 11))
    start = 0 if from_start else rng.randint(0, len(words) - size)
    return " ".join(words[start : start + size]).strip(",")


def _render(art: _Article) -> str:
    body = "\n\n".join(art.paragraphs)
    if art.fmt == "txt":
        furniture = "\n\nArticle Categories:\n\nLeave a Reply." if art.index % 3 == 0 else ""
        dateline = f"{art.date:%b} {art.date.day}, {art.date.year}"
        return f"{dateline}\n0 0\n\n{art.title}\n\n{body}{furniture}\n"
    if art.fmt == "md":
        name, _, domain = art.outlet
        return (
            "---\n"
            f'title: "{art.title}"\n'
            f"date: {art.date.isoformat()}\n"
            f"outlet: {name}\n"
            f"url: https://{domain}/news/{art.index + 1}\n"
            f"author: {art.author}\n"
            "---\n\n"
            f"# {art.title}\n\n{body}\n"
        )
    name, _, domain = art.outlet
    paragraphs = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in art.paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(art.title)} | {html.escape(name)}</title>"
        f'<meta property="article:published_time" content="{art.date.isoformat()}T09:00:00Z">'
        f'<link rel="canonical" href="https://{domain}/news/{art.index + 1}">'
        '</head><body>\n<nav><a href="/">Home</a> <a href="/world">World</a> '
        '<a href="/economy">Economy</a></nav>\n'
        f"<article>\n<h1>{html.escape(art.title)}</h1>\n"
        f'<time datetime="{art.date.isoformat()}">{art.date:%d %B %Y}</time>\n'
        f"{paragraphs}\n</article>\n"
        '<footer><p>© Media group. All rights reserved.</p><a href="/share">Share</a></footer>\n'
        "</body></html>\n"
    )


def _write_jsonl(directory: Path, number: int, batch: Sequence[_Article]) -> str:
    name = f"feed-{number:04d}.jsonl"
    lines = []
    for art in batch:
        outlet, _, domain = art.outlet
        record = {
            "title": art.title,
            "date": art.date.isoformat(),
            "url": f"https://{domain}/news/{art.index + 1}",
            "outlet": outlet,
            "author": art.author,
            "text": "\n\n".join(art.paragraphs),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
        for q in art.quotes:
            q.file = name
    (directory / name).write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    return name


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40]


def main(argv: Sequence[str] | None = None) -> int:
    """Write a corpus from the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("out", type=Path, help="directory to write (articles/ and truth.json)")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--questions", type=int, default=60)
    args = parser.parse_args(argv)
    corpus = generate(args.out, args.articles, seed=args.seed, questions=args.questions)
    print(
        f"{args.articles} articles, {len(corpus.quotes)} quotes, {len(corpus.files)} files, "
        f"{len(corpus.questions)} questions -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
