"""RSS and Atom feeds through feedparser: each entry one article with its link, title and date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from storyline.ingest.documents import canonical_bytes, looks_like_html, make_document
from storyline.ingest.errors import Unreadable
from storyline.records import IngestError, RawDocument
from storyline.settings import IngestSettings


def _body(entry: Any) -> tuple[str, str] | None:
    """The fullest text an entry carries (its content, else its summary) and its media type.

    The media type comes from the text itself: feedparser declares every RSS description "text/html"
    even when it is plain text, which an HTML extractor would then mishandle.
    """
    candidates = [part.get("value", "") for part in entry.get("content", [])] + [entry.get("summary", "")]
    candidates = [value for value in candidates if value.strip()]
    if not candidates:
        return None
    value = max(candidates, key=len)
    return value, "html" if looks_like_html(value) else "text"


def read_feed(data: bytes, origin: str, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.bozo:
            raise Unreadable(f"not a readable feed: {parsed.get('bozo_exception')}")
        raise Unreadable("feed has no entries")
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        entry_origin = f"{origin}#{number}"
        body = _body(entry)
        if body is None:
            yield IngestError(entry_origin, "feed entry has neither content nor summary")
            continue
        content, media_type = body
        metadata = {
            "url": entry.get("link") or None,
            "title": entry.get("title") or None,
            "published": entry.get("published") or entry.get("updated") or None,
            "author": entry.get("author") or None,
        }
        # Feed entries have no bytes of their own once parsed: their identity is what storyline keeps.
        identity = canonical_bytes({"id": entry.get("id"), "content": content, **metadata})
        try:
            yield make_document(identity, entry_origin, media_type, content, settings, outlet=outlet, **metadata)
        except Unreadable as exc:
            yield IngestError(entry_origin, str(exc))
