"""Options after a command's argument: ``/quotes Psaki --since 2022-01-01 --outlet Reuters``."""

from __future__ import annotations

import re

SCOPE_OPTIONS = ("since", "until", "outlet")
_OPTION = re.compile(r"(?:^|\s)--(?P<name>since|until|outlet)(?:=|\s+)(?P<value>.+?)(?=\s--|$)")

SCOPE_KEY = "quotes_scope"


def split_scope_options(argument: str) -> tuple[str, dict[str, str]]:
    """Return the argument without its ``--since/--until/--outlet`` options, and the options."""
    options: dict[str, str] = {}
    for match in _OPTION.finditer(argument):
        options[match["name"]] = match["value"].strip()
    rest = _OPTION.sub(" ", argument)
    return " ".join(rest.split()), options
