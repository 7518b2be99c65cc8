"""Short, stable ids of quotes: for deep links (``t.me/<bot>?start=q_<id>``) and buttons.

An id is made from the article's id and where the quote starts in it, so any front end can
compute it from a :class:`QuoteResult` alone, and it stays the same across re-ingests of an
unchanged article. Twelve characters of ``A-Za-z0-9_``, well inside Telegram's 64 for a deep
link's payload and a button's data.
"""

from __future__ import annotations

import hashlib
import re
import weakref
from typing import TYPE_CHECKING

from retrieval.models import QuoteResult

if TYPE_CHECKING:
    from retrieval.chain import AnswerChain
    from retrieval.service import IndexService

PREFIX = "q_"
_ID = re.compile(r"^q_[0-9a-f]{10}$")


def make_id(doc_id: str, start: int) -> str:
    """Return the id of the quote starting at ``start`` in article ``doc_id``."""
    return PREFIX + hashlib.sha256(f"{doc_id}:{start}".encode()).hexdigest()[:10]


def quote_id(quote: QuoteResult) -> str | None:
    """Return a shown quote's id (None for a passage: it is nobody's quote)."""
    if quote.kind == "passage":
        return None
    return make_id(quote.source.doc_id, quote.start)


def is_quote_id(text: str | None) -> bool:
    """Whether a text is a quote id this module made (``q_`` and ten hex digits)."""
    return bool(_ID.match(text or ""))


_INDEX: weakref.WeakKeyDictionary[AnswerChain, dict[str, int]] = weakref.WeakKeyDictionary()


def row_of(chain: AnswerChain, qid: str) -> int | None:
    """Return the view row of a quote id, or None when no quote of the index has it."""
    index = _INDEX.get(chain)
    if index is None:
        index = _INDEX[chain] = {
            make_id(row.meta.doc_id, row.meta.start): number
            for number, row in enumerate(chain.view.rows)
            if row.is_quote
        }
    return index.get(qid)


def find_quote(service: IndexService, qid: str) -> QuoteResult | None:
    """Return the quote with this id, verified against its source, or None when it is gone."""
    from retrieval.chain import new_state

    if not is_quote_id(qid):
        return None
    chain = service.current_chain()
    row = row_of(chain, qid)
    if row is None:
        return None
    state = new_state(qid, None, 1)
    state.documents = [chain.row_document(row)]
    quotes = chain.verify(state).quotes
    return quotes[0] if quotes else None


__all__ = ["PREFIX", "find_quote", "is_quote_id", "make_id", "quote_id", "row_of"]
