"""Hand-written articles for the quote verifier's tests: one quote printed by two outlets,
changed by a third and given to someone else there, and a few other speakers."""

from __future__ import annotations

GAZETTE = (
    "---\ntitle: Council approves the bridge budget\ndate: 2022-01-12\noutlet: Gazette\n"
    "url: https://gazette.example/bridge\n---\n\n"
    "The town council met on Tuesday to discuss the old bridge over the river.\n\n"
    "“The bridge will be ready by spring, and the repairs will cost 4 million dollars,” said "
    "Mayor Jane Holt after the vote. “We will never close it again.”\n\n"
    "Council member Tom Reed said that the plan was rushed and badly costed.\n\n"
    "Residents have waited two years for the bridge to reopen after the floods.\n"
)
COURIER = (
    "---\ntitle: Bridge to reopen in spring\ndate: 2022-01-14\noutlet: Courier\n---\n\n"
    "The mayor spoke after Tuesday's council meeting.\n\n"
    "“The bridge will be ready by spring, and the repairs will cost 4 million dollars,” said "
    "Mayor Jane Holt.\n\n"
    "Shops near the river expect more customers.\n"
)
HERALD = (
    "---\ntitle: Treasurer rules out new taxes\ndate: 2022-01-20\noutlet: Herald\n---\n\n"
    "“Taxes will not rise this year, whatever the council decides about the bridge,” said "
    "Treasurer Ann Cole on Thursday.\n\n"
    "“The bridge will be ready by summer, and the repairs will cost 4 million dollars,” said "
    "Tom Reed, quoting the plan.\n"
)
ARTICLES = {"gazette.md": GAZETTE, "courier.md": COURIER, "herald.md": HERALD}
REAL = "The bridge will be ready by spring, and the repairs will cost 4 million dollars"
