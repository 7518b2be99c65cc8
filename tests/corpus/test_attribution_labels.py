"""Labelled layouts: interviews and transcripts whose paragraphs open with a speaker's label."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.ingest import parse_article
from corpus.loaders import load_file
from corpus.models import Quote
from tests.auxil.engine import extract


def _turns(quotes: list[Quote]) -> list[tuple[str, str | None, str]]:
    return [(q.kind, q.speaker, q.text.split()[0]) for q in quotes if q.kind != "reported"]


WIKINEWS_STYLE = """\
Wikinews interviewed Odile Marchetti, the independent candidate for mayor of Port Alder, about \
her plans for the waterfront.

Wikinews: Why are you running as an independent rather than for a party?

Odile Marchetti: Because the parties have run this town for thirty years and the waterfront is \
still empty.

I want the harbour open to the public again, with the market back where it used to be.

Wikinews: How would you pay for it?

Odile Marchetti: With the rents from the market stalls, and a grant the province has already \
promised us."""


def test_a_wikinews_style_interview_gives_questions_to_the_outlet_and_answers_to_the_candidate():
    quotes = extract(WIKINEWS_STYLE)
    assert _turns(quotes) == [
        ("question", "Wikinews", "Why"),
        ("interview", "Odile Marchetti", "Because"),
        ("interview", "Odile Marchetti", "I"),
        ("question", "Wikinews", "How"),
        ("interview", "Odile Marchetti", "With"),
    ]


QA_TRANSCRIPT = """\
Harbour master Pieter Vos spoke to us about the storm that closed the port last week.

Q: How long was the port closed?

A: Four days. We could not let a single boat out until the swell went down on Friday.

Q: Was anyone hurt?

A: No one, thank God. Two boats broke their moorings, but the crews were ashore."""


def test_a_q_and_a_transcript_gives_the_answers_to_the_person_the_introduction_names():
    quotes = extract(QA_TRANSCRIPT)
    assert _turns(quotes) == [
        ("question", None, "How"),
        ("interview", "Pieter Vos", "Four"),
        ("question", None, "Was"),
        ("interview", "Pieter Vos", "No"),
    ]


SHORT_LABELS = """\
Greta Holm, who has coached the national rowing team for a decade, talked to the Riverside \
Courier before the final.

Courier: Is the crew ready?

Holm: They are fitter than they have ever been. The question is the weather.

Courier: And if the wind picks up?

Holm: Then we row anyway. We have trained in worse than anything the forecast shows."""


def test_short_labels_are_the_interviewees_full_name_from_the_introduction():
    quotes = extract(SHORT_LABELS)
    answers = [q for q in quotes if q.kind == "interview"]
    assert [q.speaker for q in answers] == ["Greta Holm", "Greta Holm"]
    # The interviewer's label asks: its turns are questions, never an interviewee's answers.
    assert [q.kind for q in quotes if q.text.endswith("?")] == ["question", "question"]


def test_a_label_alone_above_a_paragraph_gives_it_to_that_speaker():
    text = (
        "The bakery's owner Tomas Berg answered our readers' questions.\n\n"
        "Q: Will prices go up again?\n\n"
        "A: I hope not, but the mills keep raising theirs every month.\n\n"
        "Tomas Berg:\n\n"
        "And thank you to everyone who queued in the rain last week, it meant a lot."
    )
    quotes = extract(text)
    last = [q for q in quotes if q.text.startswith("And thank you")]
    assert [(q.kind, q.speaker) for q in last] == [("interview", "Tomas Berg")]


def test_one_labelled_paragraph_in_running_prose_is_no_layout():
    text = (
        "The council met on Monday to discuss the harbour.\n\n"
        "Update: The vote has been moved to Thursday because two members were ill.\n\n"
        "The harbour plan would close the old pier by the spring."
    )
    assert all(q.kind not in ("interview", "question") for q in extract(text))


BOLD_LABELS_PAGE = """\
<!DOCTYPE html><html lang="en"><head><title>Mara Lind on the harbour plan</title></head><body>
<article><h1>Mara Lind on the harbour plan</h1>
<p>Mara Lind, the harbour master of Eastport, spoke to the Coastal Times about the plan to close
the old pier after forty years of service to the fishing fleet.</p>
<p><strong>Coastal Times:</strong> Why close the pier now, after so many years?</p>
<p><strong>Lind:</strong> Because the pilings are rotten and the insurers will no longer cover
it. We looked at every option before deciding.</p>
<p>The repair would cost more than a new pier, and it would take longer to build as well.</p>
<p><strong>Coastal Times:</strong> What happens to the boats that moor there today?</p>
<p><strong>Lind</strong>: They move to the north basin in the spring, and the council pays for
the new berths.</p>
</article></body></html>
"""


def test_an_html_page_with_bold_labels_is_read_as_an_interview(tmp_path: Path):
    page = tmp_path / "interview.html"
    page.write_text(BOLD_LABELS_PAGE, encoding="utf-8")
    article = load_file(page)[0]
    quotes = parse_article(article).quotes
    assert _turns(quotes) == [
        ("question", "Coastal Times", "Why"),
        ("interview", "Mara Lind", "Because"),
        ("interview", "Mara Lind", "The"),
        ("question", "Coastal Times", "What"),
        ("interview", "Mara Lind", "They"),
    ]
    assert all(article.text[q.start : q.end] == q.text for q in quotes)


def test_a_markdown_interview_reads_the_same_as_plain_text(tmp_path: Path):
    page = tmp_path / "interview.md"
    page.write_text(
        "---\ntitle: Harbour storm\ndate: 2024-03-02\n---\n\n" + QA_TRANSCRIPT, encoding="utf-8"
    )
    quotes = parse_article(load_file(page)[0]).quotes
    assert [q.speaker for q in quotes if q.kind == "interview"] == ["Pieter Vos", "Pieter Vos"]


def test_a_press_conference_transcript_gives_each_speaker_their_turns():
    text = (
        "Transcript of the briefing by Health Minister Anouk Peeters on Tuesday.\n\n"
        "PEETERS: Good morning. The new clinic opens on the first of May.\n\n"
        "REPORTER: Will it take patients from outside the district?\n\n"
        "PEETERS: Yes, from the whole province, as long as they are referred by a doctor.\n\n"
        "It is the largest clinic we have opened in ten years."
    )
    quotes = extract(text)
    assert _turns(quotes) == [
        ("interview", "Anouk Peeters", "Good"),
        ("question", None, "Will"),
        ("interview", "Anouk Peeters", "Yes,"),
        ("interview", "Anouk Peeters", "It"),
    ]


@pytest.mark.parametrize(
    "introduction",
    [
        "Our reporter Sam Birch talked to Jana Novak, who keeps two hundred hives outside Brno.",
        "Sam Birch interviewed the beekeeper Jana Novak for this issue.",
        "Jana Novak keeps two hundred hives. She spoke to Sam Birch about the bad winter.",
        "Petr Svoboda lost half his hives, and Svoboda blames the weather. We sat down with "
        "Jana Novak, who lost a third.",
        "Sam Birch spoke to Jana Novak about the winter.",
    ],
)
def test_the_answers_are_the_interviewees_not_the_interviewers_or_anyone_else_named(
    introduction: str,
):
    text = (
        f"{introduction}\n\n"
        "Q: How many hives did you lose?\n\n"
        "A: About a third. It was the worst winter since I started.\n\n"
        "Q: What went wrong?\n\n"
        "A: The autumn was too warm, so the bees kept flying and ate their stores."
    )
    assert [q.speaker for q in extract(text) if q.kind == "interview"] == ["Jana Novak"] * 2


def test_a_note_or_a_paragraph_about_the_speaker_ends_the_turn():
    text = (
        "Harbour master Pieter Vos spoke to us about the storm.\n\n"
        "Q: How long was the port closed?\n\n"
        "A: Four days. We could not let a single boat out until the swell went down.\n\n"
        "Vos has been harbour master since 2009 and will retire next spring.\n\n"
        "Editor's note: This interview has been edited for length and clarity."
    )
    quotes = extract(text)
    assert [q.text.split()[0] for q in quotes if q.kind == "interview"] == ["Four"]


def test_an_introduction_naming_only_the_interviewer_names_no_interviewee():
    text = (
        "The beekeeper, who keeps two hundred hives, spoke to Sam Birch about the winter.\n\n"
        "Q: How many hives did you lose?\n\n"
        "A: About a third. It was the worst winter since I started."
    )
    assert [q.speaker for q in extract(text) if q.kind == "interview"] == [None]


@pytest.mark.parametrize("label", ["Jana", "JN", "NOVAK", "Dr. Novak"])
def test_a_short_label_is_the_full_name_of_the_one_person_it_fits(label: str):
    text = (
        "Sam Birch interviewed the beekeeper Jana Novak, who keeps hives outside Brno.\n\n"
        "Sam: How many hives did you lose?\n\n"
        f"{label}: About a third. It was the worst winter since I started.\n\n"
        "Sam: What went wrong?\n\n"
        f"{label}: The autumn was too warm, so the bees kept flying."
    )
    turns = _turns(extract(text))
    assert [speaker for _, speaker, _ in turns] == ["Sam Birch", "Jana Novak"] * 2


def test_a_tally_by_name_is_no_interview():
    text = (
        "The delegate count as of Saturday.\n\n"
        "Odile Marchetti: 1,769.\n\n"
        "Tom Gale: 1,501.\n\n"
        "Odile Marchetti: 547.\n\n"
        "Tom Gale: 46.\n\n"
        "Marchetti needs 67 more delegates to win the nomination."
    )
    assert all(q.kind not in ("interview", "question") for q in extract(text))


def test_narration_after_the_last_label_is_the_writers():
    text = (
        "A panel of reporters discussed the harbour plan on Saturday.\n\n"
        "Dan Mercer: I think the plan is dead. Nobody on the council will vote for it.\n\n"
        "Ruth Adler: We heard the same thing last year, and it passed.\n\n"
        "Dan Mercer: This time the money is not there.\n\n"
        "The plan would cost about 40 million dollars over ten years, according to the city."
    )
    quotes = extract(text)
    assert [q.text.split()[0] for q in quotes if q.kind == "interview"] == ["I", "We", "This"]
