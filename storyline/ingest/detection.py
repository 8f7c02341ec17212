"""Which reader a file needs: its extension first, its first bytes when the extension is missing or lies.

Web archives are recognised apart (``is_warc``) because they are streamed from disk, not read whole.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import PurePath
from typing import Literal

from storyline.ingest.documents import looks_like_html
from storyline.ingest.errors import Unreadable

Kind = Literal["text", "markdown", "html", "pdf", "json", "jsonl", "feed"]

EXTENSION_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
}
GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 4096
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


def sniff(data: bytes) -> Kind | None:
    """The kind the first bytes announce (the PDF magic number, feed roots, a page), or None.

    Only text that starts with markup and reads as a page (see ``looks_like_html``) is HTML: prose that
    mentions a tag, or starts with one inline tag, stays text.
    """
    if b"%PDF-" in data[:1024]:
        return "pdf"
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith(b"<"):
        return None
    if any(root in head for root in _FEED_ROOTS):
        return "feed"
    if looks_like_html(head.decode("latin-1")):
        return "html"
    return None


def detect_kind(name: str, data: bytes) -> Kind:
    """The reader for a file called ``name`` holding ``data``; raises ``Unreadable`` for unsupported kinds.

    Magic numbers beat the extension (a PDF saved as .html is still a PDF); plain-text names and names
    without an extension are sniffed for HTML and feeds, since scrapers often save pages as .txt.
    """
    sniffed = sniff(data)
    if sniffed == "pdf":
        return sniffed
    suffix = PurePath(name).suffix.lower()
    if suffix == ".xml":
        if sniffed is None:
            raise Unreadable("XML file that is neither an RSS/Atom feed nor an HTML page")
        return sniffed
    by_extension = EXTENSION_KINDS.get(suffix)
    if by_extension in ("text", None) and sniffed is not None:
        return sniffed
    if by_extension is not None:
        return by_extension
    if suffix == "":
        return "text"
    raise Unreadable(f"unsupported file kind '{suffix}'")


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress ``data``, refusing output over ``limit`` bytes (a gzip bomb is refused, not expanded)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            inflated = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise Unreadable(f"broken gzip file: {exc}") from exc
    if len(inflated) > limit:
        raise Unreadable(f"too large once decompressed: over the {limit:,}-byte limit")
    return inflated


def is_warc(name: str, head: bytes) -> bool:
    """A web archive, plain or gzipped per record (.warc.gz), by name or by its first record's header."""
    lowered = name.lower()
    if lowered.endswith((".warc", ".warc.gz")):
        return True
    if head.startswith(GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(head)) as stream:
                return stream.read(5) == b"WARC/"
        except (OSError, EOFError, zlib.error):
            return False
    return head.startswith(b"WARC/")
