"""A quote is read with the sentence that introduces it: "Asked whether …, X said: '…'".

Fake embeddings (words hashed into a vector): the question shares most of its words with the
sentence that introduces the answer and one with the answer itself; another speaker's quote
shares a few more, so by its own words alone the answer loses.
"""

from __future__ import annotations

from pathlib import Path

from retrieval import open_service
from tests.auxil.fake_embeddings import FakeEmbeddings
from tests.conftest import make_settings

ARTICLES = {
    "water-board-2025-07-01.txt": """Jul 1, 2025

County braces for a dry season

The county water board met on Monday as the lake behind Carver Dam fell to its lowest level \
in a decade.

Asked whether the lake behind the dam would hold out until the autumn rains, the chair of the \
board, Lena Ortiz, shook her head. "We are running on fumes, and the rains may come too \
late," Ortiz said.

The board will vote next week on limits for lawn watering.
""",
    "farm-heat-2025-07-02.txt": """Jul 2, 2025

Farmers count the cost of the heat

"The lake is lovely in the autumn, but the heat has cut our harvest by a third," said Tom \
Reyes, who grows tomatoes near Linwood.
""",
}
QUESTION = "Who said the lake behind the dam would not hold out until the autumn rains?"


def test_a_quote_is_read_with_the_sentence_that_introduces_it(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    service = open_service(make_settings(tmp_path), embeddings=FakeEmbeddings())
    service.ingest()
    answer = service.ask(QUESTION)
    assert answer.found
    assert answer.quotes[0].speaker == "Lena Ortiz"
    assert answer.quotes[0].text.startswith("We are running on fumes")
