"""Who speaks when the nearest name is the wrong one: organisations, documents, outlets, clauses.

Each test is a small hand-written text pinning one failure class seen on real news pages.
"""

from __future__ import annotations

from corpus.attribution.roles import clean_role
from tests.auxil.engine import extract, quote_of


def test_the_airline_is_the_company_not_its_boss():
    quotes = extract(
        "A plane operated by SkyJet vanished over the sea. SkyJet said the search went on.\n\n"
        '"We are heartbroken," airline boss Karl Brandt tweeted.\n\n'
        'The airline said in a statement that families would get "a team assigned to each '
        'family to meet their needs".'
    )
    assert quote_of(quotes, "We are heartbroken").speaker == "Karl Brandt"
    statement = quote_of(quotes, "a team assigned")
    assert statement.speaker == "SkyJet"
    assert statement.source_kind == "organisation"


def test_the_report_speaks_for_itself_not_for_the_last_speaker():
    quotes = extract(
        'The Health Ministry ordered an inquiry. "It was thorough," the ministry said.\n\n'
        "The report was published on Tuesday. "
        '"Staff have worked tirelessly for the people they serve," the report said.'
    )
    report = quote_of(quotes, "Staff have worked")
    assert report.speaker == "the report"
    assert report.source_kind == "document"


def test_a_participle_belongs_to_the_main_clause_not_a_subordinate_speech_verb():
    quotes = extract(
        '"It was hard," Peter Marsh said of the meeting with his brother.\n\n'
        "When Mary Winters asked if he could name the relative, he declined, "
        'saying "I would rather not share that."'
    )
    assert quote_of(quotes, "I would rather not").speaker == "Peter Marsh"


def test_an_outlet_that_relays_a_memo_is_not_its_author():
    quotes = extract(
        "Grocer chief executive Dana Whitfield said in a memo that the "
        '"gap between our two brands has narrowed a great deal" as prices fell, '
        "Market Daily reported."
    )
    assert quote_of(quotes, "gap between our two").speaker == "Dana Whitfield"


def test_a_question_naming_a_player_gives_him_the_answer():
    quotes = extract(
        '"He stepped on me twice," Tom Reyes said after the game.\n\n'
        "What did Mike Carter say about the play?\n\n"
        '"I was running off the field and got tangled up with somebody, that is all."'
    )
    assert quote_of(quotes, "I was running off").speaker == "Mike Carter"


def test_the_person_opening_the_sentence_before_outranks_an_earlier_speaker():
    quotes = extract(
        "Dr. Alice Fournier, a doctor at the clinic, said the ward was full. "
        '"We cannot cope," she said.\n\n'
        "In Sarah Cohen’s case, she stayed by her son. "
        '"I am afraid of losing him," she continued.'
    )
    assert quote_of(quotes, "We cannot cope").speaker == "Alice Fournier"
    assert quote_of(quotes, "I am afraid").speaker == "Sarah Cohen"


def test_a_hospital_subject_is_no_antecedent_for_he():
    quotes = extract(
        "Things are dire, said Dr. Omar Khalil, director of the Bayt Hospital. "
        '"It is not enough for one day," he said.\n\n'
        "Half the aid that reached the Bayt Hospital was burial bags, he said.\n\n"
        '"They only want to help us with burial," he said.'
    )
    assert quote_of(quotes, "They only want").speaker == "Omar Khalil"


def test_the_answer_to_a_question_put_to_someone_is_theirs():
    quotes = extract(
        '"She is the best person for the job," Gov. Tarek Adler said.\n\n'
        'At the press conference, a reporter asked Judge Rivera, "What worries you most?"\n\n'
        '"Getting people to see their own biases," she replied.'
    )
    assert quote_of(quotes, "Getting people").speaker == "Rivera"


def test_a_quote_paragraph_after_reported_speech_continues_its_speaker():
    quotes = extract(
        'Finance minister Owen Price said, "The demand outstrips the supply."\n\n'
        "He reiterated that a devaluation was not the answer to the shortage.\n\n"
        '"What a devaluation does is raise the cost of everything we import from abroad."'
    )
    assert quote_of(quotes, "What a devaluation").speaker == "Owen Price"


def test_a_name_after_a_noun_for_a_person_is_a_person_whatever_the_ner_says():
    quotes = extract(
        "Some growers disagreed.\n\n"
        "In the hills, tomato farmer Lana Whitcombe said only eight workers showed up. "
        "Those who did were frightened.\n\n"
        '"We drive them to the store at night because they are afraid," she said.'
    )
    assert quote_of(quotes, "We drive them").speaker == "Lana Whitcombe"


def test_a_borrowed_noun_phrase_is_credited_to_no_one():
    quotes = extract(
        "The chemists Ann Lowe and Eva Marsh won the prize on Monday. "
        'They won for developing a "fast and general method" for editing genes.'
    )
    assert quote_of(quotes, "fast and general").speaker is None


def test_doubled_apostrophes_are_quotation_marks_and_the_text_stays_verbatim():
    text = (
        "The senator called the bill ''a disgrace to this chamber,'' and walked out.\n\n"
        "''We will fight it,'' said Sen. Ron Hale of Ohio. It's rock 'n' roll."
    )
    quotes = extract(text)
    fight = quote_of(quotes, "We will fight it")
    assert fight.speaker == "Ron Hale"
    assert quote_of(quotes, "a disgrace").text == "a disgrace to this chamber,"
    assert all(text[q.start : q.end] == q.text for q in quotes)


def test_a_role_runs_past_abbreviations_and_loses_a_dangling_tail():
    quotes = extract(
        '"Never," said Rita Vance, president of the A.F.L.-C.I.O., on Tuesday.\n\n'
        '"It was over," said Jane Roe, a senior aide to Mr. Clinton.'
    )
    assert quote_of(quotes, "Never").role == "president of the A.F.L.-C.I.O."
    assert quote_of(quotes, "It was over").role == "senior aide to Mr. Clinton"


def test_clean_role_keeps_noun_phrases_only():
    assert clean_role("senior aide to Mr") == "senior aide"
    assert clean_role("spokesman recently") == "spokesman"
    assert clean_role("82") is None
    assert clean_role("a Trump ally") == "a Trump ally"


def test_transcript_labels_name_their_speakers():
    quotes = extract(
        "Senators Ann Pryor and Bo Keane met for a debate in Ohio.\n\n"
        "PRYOR: We will cut taxes for every family in this state.\n\n"
        "KEANE: That plan has been tried, and it failed the middle class.\n\n"
        "Update: This story was changed to add the moderator's name."
    )
    assert quote_of(quotes, "We will cut").speaker == "Ann Pryor"
    assert quote_of(quotes, "That plan has").speaker == "Bo Keane"
    assert not [q for q in quotes if q.text.startswith("This story")]


def test_a_transcript_printed_as_one_long_quote_keeps_its_labels():
    # Each paragraph opens a quotation mark that never closes; the label is inside it.
    quotes = extract(
        "Senator Ann Pryor spoke to the host, Dan Mercer, on Sunday. Partial transcript:\n\n"
        '"MERCER: Will you vote for the bill on Tuesday, Senator?\n\n'
        '"PRYOR: No. It cuts the school budget in every county of this state.\n\n'
        '"MERCER: Even with the changes made last week?'
    )
    answer = quote_of(quotes, "No. It cuts")
    assert (answer.speaker, answer.kind) == ("Ann Pryor", "interview")
    assert quote_of(quotes, "Will you vote").speaker == "Dan Mercer"
    assert not [q for q in quotes if q.text.lstrip('"').startswith(("PRYOR", "MERCER"))]


def test_round_up_lines_name_the_writer_and_the_outlet():
    quotes = extract(
        "Commentators John Carver and Mary Lind weighed in overnight.\n\n"
        "John Carver, The Daily Ledger: The debate showed a candidate who had not prepared.\n\n"
        "Mary Lind, Capital Review: It was the best night of her campaign so far."
    )
    carver = quote_of(quotes, "The debate showed")
    assert (carver.speaker, carver.role) == ("John Carver", "The Daily Ledger")
    assert quote_of(quotes, "It was the best").speaker == "Mary Lind"


def test_a_pull_quote_signed_inside_its_marks_is_the_signers_and_ends_at_the_dash():
    quotes = extract(
        "The mayor spoke to residents on Monday about the flood.\n\n"
        "“We will rebuild every home on this street. — Jane Roe, mayor of Dunmore”\n\n"
        '"I was there — we all were," Tom Hale said.'
    )
    pull = quote_of(quotes, "We will rebuild")
    assert (pull.text, pull.speaker) == ("We will rebuild every home on this street.", "Jane Roe")
    assert pull.role == "mayor of Dunmore"
    assert quote_of(quotes, "I was there").speaker == "Tom Hale"


def test_a_thing_in_a_that_clause_is_no_speaker_the_organisation_arguing_is():
    quotes = extract(
        "Assistant prosecutor Dan Pell said the change would hurt trials.\n\n"
        "The Ohio Nurses' Association Board also opposes the rule, arguing in its letter "
        'that the data now available assures nurses "they are treating the right patient."'
    )
    nurses = quote_of(quotes, "they are treating")
    assert nurses.speaker is not None and "Nurses' Association" in nurses.speaker
    assert nurses.source_kind == "organisation"


def test_a_relative_speaking_is_described_never_the_person_and_the_next_verb_is_not_a_cue():
    quotes = extract(
        'Nora Vale grew up in Ohio. "It was quiet," Vale says. When she tells her family '
        'about a film, her mother will say, "Is that something we can see?" Vale laughs and '
        'says, "They are still getting used to it."'
    )
    question = quote_of(quotes, "Is that something")
    assert (question.speaker, question.source_kind) == ("her mother", "anonymous")
    assert quote_of(quotes, "They are still").speaker == "Nora Vale"


def test_the_woman_is_an_unnamed_source_not_the_most_named_person():
    quotes = extract(
        "The layoffs hit Maria Ortiz in May; the plant let Ortiz go first, and she has not "
        "worked since.\n\n"
        "A neighbour who did not want to be named said people stay indoors.\n\n"
        '"Nobody goes to work any more," the woman said.'
    )
    nobody = quote_of(quotes, "Nobody goes")
    assert (nobody.speaker, nobody.source_kind) == ("the woman", "anonymous")
