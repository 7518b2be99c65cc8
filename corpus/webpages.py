"""Fetched pages as article files: where one is kept, and the provenance line it starts with.

A page fetched from a link or a feed is kept in the corpus directory like any article file
(``web/<host>/<slug>-<hash>.html``), so ``whosaid ingest --rebuild`` rebuilds it with the
rest. Its first line is an HTML comment whosaid writes, read back by the HTML loader::

    <!-- whosaid-source {"url": "https://…", "charset": "…"} -->

``url`` is the page's canonical URL (its ``<link rel="canonical">`` when that is an http(s)
URL, else the URL it was fetched from after redirects): the link an answer cites. ``charset``
is the one the server declared, which a page does not always repeat in its markup. Nothing
else (no time of fetching): a page fetched again unchanged is the same file, and stays
"unchanged" for ingest.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from corpus.fetch import Fetched

MARKER = b"<!-- whosaid-source "
_MARKER_LINE = re.compile(rb"<!-- whosaid-source (\{.*?\}) -->\r?\n?")
_CANONICAL = re.compile(
    rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.IGNORECASE | re.DOTALL
)
_HREF = re.compile(rb"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_SLUG = re.compile(r"[^a-z0-9]+")
WEB_DIR = "web"


def canonical_url(fetched: Fetched) -> str:
    """Return the page's canonical URL, or the URL it came from when it names none."""
    head = fetched.content[:200_000]
    for tag in _CANONICAL.finditer(head):
        href = _HREF.search(tag.group(0))
        if href is None:
            continue
        raw = next(part for part in href.groups() if part is not None)
        value = raw.decode("utf-8", "replace").strip()
        absolute = str(urljoin(fetched.url, value))
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.hostname:
            return absolute
    return fetched.url


def page_path(articles_dir: Path, url: str) -> Path:
    """Return where the page of a canonical URL is kept (the same URL, the same file)."""
    parts = urlsplit(url)
    host = _SLUG.sub("-", (parts.hostname or "page").lower()).strip("-") or "page"
    slug = _SLUG.sub("-", parts.path.lower()).strip("-")[-60:].strip("-") or "index"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return articles_dir / WEB_DIR / host / f"{slug}-{digest}.html"


def page_bytes(fetched: Fetched, url: str) -> bytes:
    """Return the file's bytes: the provenance line, then the page as it was served."""
    meta: dict[str, str] = {"url": url}
    if fetched.charset:
        meta["charset"] = fetched.charset
    # ASCII only, and "--" never appears escaped this way, so the comment cannot end early.
    line = json.dumps(meta, ensure_ascii=True).replace("--", "-\\u002d")
    return MARKER + line.encode("ascii") + b" -->\n" + fetched.content


def read_provenance(raw: bytes) -> tuple[dict[str, str], bytes]:
    """Return the provenance a saved page starts with (empty if none) and the page itself."""
    match = _MARKER_LINE.match(raw)
    if match is None:
        return {}, raw
    try:
        meta = json.loads(match.group(1))
    except ValueError:
        return {}, raw
    if not isinstance(meta, dict):
        return {}, raw
    fields = {k: v for k, v in meta.items() if isinstance(k, str) and isinstance(v, str)}
    return fields, raw[match.end() :]


def write_atomically(path: Path, data: bytes) -> bytes | None:
    """Write a file whole (a temporary file renamed over it); return what it held before."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        previous: bytes | None = path.read_bytes()
    except FileNotFoundError:
        previous = None
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as handle:
        handle.write(data)
    os.replace(handle.name, path)
    return previous


def restore(path: Path, previous: bytes | None) -> None:
    """Put back what a file held before :func:`write_atomically` (remove it if nothing)."""
    if previous is None:
        path.unlink(missing_ok=True)
    else:
        write_atomically(path, previous)
