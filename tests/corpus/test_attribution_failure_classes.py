"""The attribution failures seen on news nobody tuned on, each pinned by a hand-written article."""

from __future__ import annotations

from corpus.models import Quote
from tests.auxil.engine import extract, quote_of


def _who(quotes: list[Quote], words: str) -> tuple[str | None, str]:
    quote = quote_of(quotes, words)
    return quote.speaker, quote.source_kind


def test_a_quote_opening_a_paragraph_is_the_person_the_narrative_just_introduced():
    # Not the previous paragraph's speaker: the sentence after her quote turns to him.
    text = (
        "“We have waited three years for this bridge,” said Anna Kovacs, who runs the ferry. "
        "The county engineer, Jorge Ruiz, disagreed with her at the meeting.\n\n"
        "“They always start these projects and never finish them. I will believe it when I "
        "drive across.”"
    )
    assert _who(extract(text), "They always start")[0] == "Jorge Ruiz"


def test_a_quote_opening_a_paragraph_after_an_introduction_paragraph():
    text = (
        "“We have waited three years for this bridge,” said Anna Kovacs.\n\n"
        "Her neighbour Jorge Ruiz, a retired engineer, is less sure the money will last.\n\n"
        "“They always start these projects and never finish them.”"
    )
    assert _who(extract(text), "They always start")[0] == "Jorge Ruiz"


def test_a_quote_continuing_the_previous_speaker_with_no_one_new_in_between():
    text = (
        "“We have waited three years for this bridge,” said Anna Kovacs. She has run the "
        "ferry since 1990.\n\n"
        "“Every winter the crossing gets worse, and every winter they promise it is the last.”"
    )
    assert _who(extract(text), "Every winter")[0] == "Anna Kovacs"


def test_a_split_quote_is_the_speakers_not_the_person_the_speaker_mentions():
    text = (
        "“The mayor is wrong,” said Councilman Brian Teller, referring to Lena Ortiz, “and "
        "she knows it.”\n\n"
        "“Lena Ortiz,” Teller said, “is the worst mayor this town has had.”"
    )
    quotes = extract(text)
    for words in ("The mayor is wrong", "and she knows it", "Lena Ortiz", "is the worst"):
        assert _who(quotes, words)[0] == "Brian Teller"
    assert quote_of(quotes, "The mayor is wrong").role == "Councilman"


def test_a_sentence_opening_word_or_a_place_is_never_a_speaker():
    text = (
        "Meanwhile, “the roads are a mess and we are asking everyone to stay home,” said Fire "
        "Chief Rosa Delgado.\n\n"
        "Ohio “has never seen a storm like this in March,” Governor Tom Hale told reporters.\n\n"
        "Meanwhile Delgado warned residents: “Stay off the roads until the plows are through.”"
    )
    quotes = extract(text)
    assert _who(quotes, "the roads are a mess")[0] == "Rosa Delgado"
    assert _who(quotes, "has never seen")[0] == "Tom Hale"
    assert _who(quotes, "Stay off the roads")[0] == "Rosa Delgado"
    assert not {q.speaker for q in quotes} & {"Meanwhile", "Ohio"}


def test_a_spokespersons_statement_is_never_the_person_named_before():
    text = (
        "Former plant manager Victor Stahl was dismissed on Friday after the chemical leak.\n\n"
        "Stahl could not be reached, but “the company regrets the incident,” the spokeswoman "
        "said.\n\n"
        "“The company is cooperating fully with investigators,” a spokeswoman for Norchem said "
        "in a statement.\n\n"
        "Stahl had worked at the plant for twenty years. “We wish him well,” the company said."
    )
    quotes = extract(text)
    assert _who(quotes, "the company regrets") == ("the spokeswoman", "anonymous")
    assert _who(quotes, "The company is cooperating") == (
        "a spokeswoman for Norchem",
        "anonymous",
    )
    assert _who(quotes, "We wish him well") == ("Norchem", "organisation")
    assert all(q.speaker != "Victor Stahl" for q in quotes)


def test_a_role_resolves_to_the_person_the_article_gives_it():
    text = (
        "Gov. Tom Hale toured the flooded towns on Monday with Fire Chief Rosa Delgado.\n\n"
        "“We will rebuild every house,” the governor said."
    )
    assert _who(extract(text), "We will rebuild")[0] == "Tom Hale"


def test_a_quote_introduced_without_a_speech_verb_has_the_clauses_subject():
    text = (
        "Council member Priya Nair posted a response on Wednesday, stating: “This budget "
        "abandons the families who need the library most.”\n\n"
        "The city reasoned, “A smaller library is better than no library at all.”"
    )
    quotes = extract(text)
    assert _who(quotes, "This budget abandons")[0] == "Priya Nair"
    assert _who(quotes, "A smaller library") == ("The city", "organisation")


def test_paragraphs_that_continue_a_quote_without_an_opening_mark_are_the_same_quote():
    text = (
        "Dr. Helen Marsh, who led the study, said the results surprised her team.\n\n"
        "“We expected a small effect at best. What we found was a drop of almost forty "
        "percent in hospital visits.\n\n"
        "The effect held in every age group, and it lasted for the whole two years we "
        "followed the patients.\n\n"
        "We now want to see whether it holds in other countries,” Marsh said.\n\n"
        "Other researchers were more cautious."
    )
    quotes = [q for q in extract(text) if q.kind == "direct"]
    assert [q.text.split()[0] for q in quotes] == ["We", "The", "We"]
    assert {q.speaker for q in quotes} == {"Helen Marsh"}
    assert all(q.text == text[q.start : q.end] for q in quotes)


def test_an_unclosed_quote_does_not_swallow_the_paragraphs_after_it():
    text = (
        "“We expected a small effect at best, said Marsh.\n\n"
        "Other researchers were more cautious about the drop in hospital visits.\n\n"
        "“It is one study,” said Omar Haddad, a statistician."
    )
    quotes = extract(text)
    assert all(not q.text.startswith("Other researchers") for q in quotes)


def test_the_nearest_name_is_not_the_speaker_when_the_sentence_says_whose_words_they_are():
    text = (
        "Economist Farah Qureshi has studied the port for a decade. Her colleague at the "
        "institute, Martin Ebbe, wrote the first report on its debts in 2019, and Governor "
        "Lisa Crane cited it last year.\n\n"
        "Qureshi is blunt about the next step: “The port has to be sold before the debt "
        "doubles again.”"
    )
    assert _who(extract(text), "The port has to be sold")[0] == "Farah Qureshi"
