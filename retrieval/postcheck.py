"""Checking the quotes of a post: the words it puts in quotation marks, each looked up.

A post forwarded from a channel is not a question but a claim that people said things. For
now each quotation in it (three words or more) is asked as "Who said “…”?", which the
answering chain reads as a claim to check: it answers with whoever said exactly those words,
or says nobody in the corpus is quoted saying them. :func:`check_post` is the one place the
front ends call, so a dedicated verifier can take over here without touching them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrieval.models import Answer
    from retrieval.protocol import QAService

MAX_CLAIMS = 3
_MIN_WORDS = 3
_QUOTATION = re.compile(r"“([^”]+)”|«([^»]+)»|„([^“”]+)[“”]|\"([^\"]+)\"")


def quoted_claims(text: str) -> list[str]:
    """Return the post's quotations of three words or more, in order, each once."""
    found: list[str] = []
    for match in _QUOTATION.finditer(text):
        claim = " ".join(next(g for g in match.groups() if g is not None).split()).strip(" ,.")
        if len(claim.split()) >= _MIN_WORDS and claim not in found:
            found.append(claim)
    return found


def check_post(service: QAService, text: str) -> list[Answer]:
    """Check the quotations of a post against the corpus: one answer per quotation (at most
    ``MAX_CLAIMS``); none when the post quotes nobody."""
    limit = service.settings.max_question_chars - 20
    return [
        service.ask(f"Who said “{claim[:limit]}”?", limit=3)
        for claim in quoted_claims(text)[:MAX_CLAIMS]
    ]
