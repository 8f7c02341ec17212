"""RSS and Atom feeds through feedparser: each entry one article with its link, title and date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.parsers import expat
from xml.sax import SAXParseException

import feedparser

from storyline.ingest.documents import canonical_bytes, looks_like_html, make_document
from storyline.ingest.errors import Unreadable
from storyline.records import IngestError, RawDocument
from storyline.settings import IngestSettings

# No feed nests its elements this deep (an Atom entry with XHTML content reaches a few dozen levels); a
# document that does is a nesting bomb, refused before feedparser spends seconds walking it.
_MAX_FEED_DEPTH = 256


def _text(value: Any) -> str | None:
    """A field's value when it is text: a damaged feed leaves some fields None."""
    return value if isinstance(value, str) and value.strip() else None


def _body(entry: Any) -> tuple[str, str] | None:
    """The fullest text an entry carries (its content, else its summary) and its media type.

    The media type comes from the text itself: feedparser declares every RSS description "text/html"
    even when it is plain text, which an HTML extractor would then mishandle.
    """
    candidates = [part.get("value") for part in entry.get("content") or []] + [entry.get("summary")]
    candidates = [value for value in candidates if _text(value)]
    if not candidates:
        return None
    value = max(candidates, key=len)
    return value, "html" if looks_like_html(value) else "text"


class _TooDeep(Exception):
    pass


def _nested_too_deep(data: bytes, limit: int) -> bool:
    """Whether the elements of ``data`` nest deeper than ``limit``, found by expat in one streaming pass.

    feedparser has no depth limit, and neither of its parsers (expat, then its loose fallback) fails on a
    deep nesting: they walk it, slowly, and find no entries. Damaged XML ends the check where it breaks.
    """
    parser = expat.ParserCreate()
    depth = 0

    def start(_name: str, _attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > limit:
            raise _TooDeep

    def end(_name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        parser.Parse(data, True)
    except _TooDeep:
        return True
    except expat.ExpatError:
        pass
    return False


def read_feed(data: bytes, origin: str, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    if _nested_too_deep(data, _MAX_FEED_DEPTH):
        raise Unreadable(f"feed could not be parsed: elements nested over {_MAX_FEED_DEPTH} levels deep")
    parsed = feedparser.parse(data)
    damage = parsed.get("bozo_exception") if parsed.bozo else None
    if not parsed.entries:
        if damage is not None:
            raise Unreadable(f"feed is damaged: {_plain(damage)}")
        raise Unreadable("feed has no entries")
    outlet = _text(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        entry_origin = f"{origin}#{number}"
        body = _body(entry)
        if body is None:
            reason = "feed entry has neither content nor summary"
            yield IngestError(entry_origin, f"{reason} (feed is damaged: {_plain(damage)})" if damage else reason)
            continue
        content, media_type = body
        metadata = {
            "url": _text(entry.get("link")),
            "title": _text(entry.get("title")),
            "published": _text(entry.get("published")) or _text(entry.get("updated")),
            "author": _text(entry.get("author")),
        }
        # Feed entries have no bytes of their own once parsed: their identity is what storyline keeps.
        identity = canonical_bytes({"id": entry.get("id"), "content": content, **metadata})
        try:
            yield make_document(identity, entry_origin, media_type, content, settings, outlet=outlet, **metadata)
        except Unreadable as exc:
            yield IngestError(entry_origin, str(exc))


def _plain(error: object) -> str:
    """A parser's complaint on one printable line (expat's: "mismatched tag at line 1, column 93")."""
    if isinstance(error, SAXParseException):
        text = f"{error.getMessage()} at line {error.getLineNumber()}, column {error.getColumnNumber()}"
    else:
        text = " ".join(str(error).split())
    return "".join(character for character in text[:160] if character.isprintable()) or type(error).__name__
