"""A short quote found through the sentence that prints it (real engine, real embeddings).

"…said the admiral's judgement is "beyond repair."": the quoted words alone share nothing with
a paraphrase of them; the passage around them does, and holds two attributed quotes, of which
the question's description ("Which European head of state") picks one. And a speaker whose role
the article gives only in the sentence before it names them, and one quoted by surname alone.
"""

from __future__ import annotations

import pytest

from retrieval import QAService
from tests.conftest import ingested_service

ARTICLE = """Feb 2, 2025

Blockade of the Varna strait draws protests

Warships under the command of Admiral Petar Ilchev closed the Varna strait to merchant traffic \
on Saturday, stranding forty cargo ships at anchor and halting grain exports for the season.

Shipping companies said the delays would cost them millions. Insurers raised their rates for \
every vessel still waiting outside the strait, and two ports stopped taking new bookings.

The Polish foreign ministry called the blockade "an act of piracy." Polish President Anna \
Kowalczyk said the admiral's grasp of reality was "beyond repair."

Dock workers in the port of Gdynia held a rally on Sunday, and the union said its members \
would refuse to load any ship bound for the strait until it reopens.

The head of the Gdynia Port Authority wrote to the shipowners on Monday. The closure is "a \
disaster for every family on this coast," Marek Nowak wrote in the letter.
"""

# Quoted by surname alone; the full name is written only where no quote is.
STRIKE = """Feb 3, 2025

Dock workers vote to strike

The dockers' union voted on Monday to stop loading ships bound for the strait. The motion was \
put by Tomasz Krol on behalf of the night shift.

"We will not load a single ship until the strait reopens," Krol said after the vote.

Harbour master Jan Lis said the strait blockade "is illegal, it is dangerous for every crew, and \
it will cost the coast the whole shipping season." Others went further: the blockade was \
"reckless, shameful," said Ewa Duda, who owns three of the stranded ships.

"No navy has the right to close a public strait," said Republican Rep. Mary Holt.
"""


@pytest.fixture(scope="module")
def strait(tmp_path_factory: pytest.TempPathFactory, real_embeddings) -> QAService:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("strait")
    articles = {"strait-2025-02-02.txt": ARTICLE, "strike-2025-02-03.txt": STRIKE}
    return ingested_service(tmp, articles, real_embeddings)


def test_a_short_quote_is_found_through_the_passage_that_prints_it(strait: QAService) -> None:
    answer = strait.ask(
        "Which European head of state said the admiral has lost touch with the real world?"
    )
    assert answer.quotes, answer.answer
    assert answer.quotes[0].speaker == "Anna Kowalczyk"
    assert "beyond repair" in answer.quotes[0].text


def test_a_role_given_the_sentence_before_the_name_describes_that_speaker(
    strait: QAService,
) -> None:
    answer = strait.ask("What did the head of the Gdynia Port Authority say about the closure?")
    assert answer.quotes, answer.answer
    assert answer.quotes[0].speaker == "Marek Nowak"


def test_a_full_name_meets_a_speaker_quoted_by_surname_alone(strait: QAService) -> None:
    answer = strait.ask("What did Tomasz Krol say about loading ships?")
    assert answer.quotes and answer.quotes[0].speaker == "Krol"
    # Another first name is somebody else, never Krol's words.
    other = strait.ask("What did Anna Krol say about loading ships?")
    assert not other.found and not other.quotes


def test_a_short_quote_the_question_repeats_outranks_a_longer_one_on_the_topic(
    strait: QAService,
) -> None:
    answer = strait.ask("Who called the blockade of the strait illegal, reckless and shameful?")
    assert answer.quotes and answer.quotes[0].speaker == "Ewa Duda"


def test_a_speaker_whose_recorded_role_fits_the_description_is_a_candidate(
    strait: QAService,
) -> None:
    # No passage says "GOP lawmaker"; the recorded role does ("Republican Rep.").
    from retrieval.rank import Ranker

    ranker = Ranker(strait.view, strait.settings)
    rows = ranker.described_rows("GOP lawmaker")
    assert {strait.view.rows[r].speaker for r in rows} >= {"Mary Holt"}
