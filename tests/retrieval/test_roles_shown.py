"""The role shown with a quote describes the person (real engine, real embeddings).

The engine stores the words around a speaker's name as the quote's role: a party-state tag
("R-Ky.") or a clause ("appearing after Ortiz at the forum") is no description. What the answer
shows is the noun phrase, from this article if it has one, else the speaker's usual one.
"""

from __future__ import annotations

import pytest

from retrieval import QAService
from tests.conftest import ingested_service

ARTICLE = """Mar 1, 2025

Senators spar over the bridge toll

Sen. Walt Harlan, R-Ky., said the toll was "a tax on every commuter in the valley."

Lena Ortiz, the Democratic governor of Ohio, defended the plan on Tuesday. "The bridge pays \
for itself in ten years," she said.

"We were never asked," said Harlan, the senior senator from Kentucky.

Harlan, appearing after Ortiz at the forum, said "the valley cannot afford a toll."
"""


@pytest.fixture(scope="module")
def forum(tmp_path_factory: pytest.TempPathFactory, real_embeddings) -> QAService:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("forum")
    return ingested_service(tmp, {"forum-2025-03-01.txt": ARTICLE}, real_embeddings)


def test_a_fragment_stored_as_role_is_shown_as_the_speakers_description(
    forum: QAService,
) -> None:
    answer = forum.ask("What did Harlan say?")
    roles = {quote.text: quote.role for quote in answer.quotes}
    assert len(roles) == 3
    assert set(roles.values()) == {"senior senator from Kentucky"}


def test_a_description_in_the_quotes_own_article_is_kept(forum: QAService) -> None:
    answer = forum.ask("What did Ortiz say about the bridge?")
    assert answer.quotes[0].speaker == "Lena Ortiz"
    assert answer.quotes[0].role == "the Democratic governor of Ohio"
