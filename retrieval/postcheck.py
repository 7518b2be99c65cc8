"""Checking the quotes of a post: each quotation in it gets the quote verifier's verdict.

A post forwarded from a channel is not a question but a claim that people said things: the
words it puts in quotation marks (three words or more) are checked one by one
(``QAService.check`` with ``post=True``), each with the name the post puts
beside them. Kept as the news-in side's entry point; the verifier does the work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval.claims import parse_claims

if TYPE_CHECKING:
    from retrieval.protocol import QAService
    from retrieval.verdicts import Verdict


def quoted_claims(text: str) -> list[str]:
    """Return the post's quotations of three words or more, in order, each once."""
    return [claim.text for claim in parse_claims(text, post=True)]


def check_post(service: QAService, text: str) -> list[Verdict]:
    """Check the quotations of a post: one verdict each; none when the post quotes nobody."""
    return service.check(text, post=True)
