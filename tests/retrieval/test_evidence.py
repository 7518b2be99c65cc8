"""Names, roles and topics in a question are evidence weighed with the content, not gates.

Three hand-written articles, ingested together: a senator and her campaign spokesman, a critic
who compares her to a weather vane, two market analysts on different subjects, and a father
and son of one name, both quoted.
"""

from __future__ import annotations

import pytest

from corpus.settings import DEFAULT_MODEL, E5_MODEL
from retrieval import QAService
from tests.conftest import ingested_service

CAMPAIGN = """Jun 2, 2025

Halvorsen moves her rally indoors

Senator Greta Halvorsen said on Monday that her plan to cut the state sales tax would put \
money back in the pockets of working families. "Every family in this state will keep more of \
what it earns under my tax plan," Halvorsen said at a diner in Millbrook.

Her campaign spokesman, Leo Marsh, said the Saturday rally had been moved into the county \
fairground hall. "We moved the event inside because the forecast called for thunderstorms, \
and we will not put our supporters at risk," Marsh said.

State Rep. Dan Pruitt, a Democrat who has clashed with the senator for years, was asked about \
her record. "She is a weather vane that spins with every breeze in the capitol," Pruitt said. \
"Nobody knows where she will stand next month."

"Her plan hands the biggest savings to the wealthiest households, and working families will \
pay for it with larger school fees," Pruitt said.

Pruitt also spoke about the new stadium. "The stadium deal is a giveaway to billionaires, and \
the taxpayers will be paying for it for thirty years," he said.
"""

MARKETS = """Jun 3, 2025

Stocks slide for a third day

Shares fell for a third straight session on Tuesday as investors weighed weak factory data.

"The selloff tells you that traders have already priced in a recession for next year," said \
Nadia Kowalczyk, an analyst at Birchfield Securities.

Tomasz Lindqvist, a senior market analyst at Harlow Partners, pointed to a different worry. \
"Small investors are pulling their money out of technology funds at the fastest pace since \
2008," Lindqvist said.
"""

FAMILY = """Jun 4, 2025

A family business changes hands

Robert Vance, the founder of Vance Hardware, said he was ready to retire after forty years \
behind the counter. "I opened this store with a loan from my uncle and a truck I could barely \
drive," Robert Vance said.

His son, Robert Vance Jr., who takes over the business next month, said he would add an online \
shop. "Our customers want to order a hammer at midnight, and we are going to let them," Robert \
Vance Jr. said.
"""


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory, real_embeddings) -> QAService:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("evidence")
    articles = {
        "halvorsen-rally-2025-06-02.txt": CAMPAIGN,
        "stocks-slide-2025-06-03.txt": MARKETS,
        "vance-hardware-2025-06-04.txt": FAMILY,
    }
    return ingested_service(tmp, articles, real_embeddings)


def test_a_name_inside_a_role_description_is_not_the_speaker(news: QAService) -> None:
    # "Halvorsen" describes whom the spokesman works for; Halvorsen's own quote is not it.
    answer = news.ask("Which Halvorsen campaign spokesman said the event moved for the weather?")
    assert answer.found and answer.speaker is None
    assert answer.quotes[0].speaker == "Leo Marsh"


def test_a_person_the_question_is_about_is_not_its_answer(news: QAService) -> None:
    # Halvorsen's own words on her tax plan share most of the question's words; the question
    # is about her plan, asked of someone else.
    answer = news.ask("Who said Greta Halvorsen's tax plan would make working families pay?")
    assert answer.found and answer.speaker is None
    assert answer.quotes[0].speaker == "Dan Pruitt"
    assert "wealthiest" in answer.quotes[0].text


@pytest.mark.xfail(
    DEFAULT_MODEL == E5_MODEL,
    strict=True,
    reason="known with multilingual-e5-small: a short quote that answers is below the 'not "
    "found' threshold on the common scale (0.30 against MiniLM's 0.46; README, 'The embedding "
    "models')",
)
def test_the_object_of_compared_is_not_the_speaker(news: QAService) -> None:
    answer = news.ask("Who compared Halvorsen to a weather vane?")
    assert answer.found and answer.speaker is None
    assert answer.quotes[0].speaker == "Dan Pruitt"
    assert "weather vane" in answer.quotes[0].text


@pytest.mark.xfail(
    strict=True,
    reason="known: a full fit of the description (0.8) outweighs a clearly better content match; "
    "a head-noun fit, the learned weights and a fit counted in proportion to the content each "
    "fixed this and lowered the held-out figures",
)
def test_a_role_word_does_not_outrank_the_content(news: QAService) -> None:
    # Both are analysts and Lindqvist is the "market analyst"; only Kowalczyk said it.
    answer = news.ask("Which market analyst said investors expect an economic downturn next year?")
    assert answer.found
    assert answer.quotes[0].speaker == "Nadia Kowalczyk"


def test_a_father_and_son_of_one_name_stay_two_speakers(news: QAService) -> None:
    names = {s.name for s in news.speakers() if "Vance" in s.name}
    assert len(names) == 2 and "Robert Vance" in names
    (son_name,) = names - {"Robert Vance"}
    assert son_name.startswith("Robert Vance Jr")
    son = news.ask("What did Robert Vance Jr. say?")
    assert son.found and {q.speaker for q in son.quotes} == {son_name}
    father = news.ask("What did Robert Vance say about the store?")
    assert father.found and father.quotes[0].speaker == "Robert Vance"
    assert "uncle" in father.quotes[0].text


def test_what_x_said_about_y_keeps_quotes_that_do_not_name_y(news: QAService) -> None:
    # Pruitt's words on the senator say "she" and "her", never her name; the stadium is
    # another matter.
    answer = news.ask("What did Pruitt say about Halvorsen?")
    assert answer.found and answer.speaker == "Dan Pruitt"
    assert "stadium" not in answer.quotes[0].text
    assert any("weather vane" in q.text for q in answer.quotes[:3])
