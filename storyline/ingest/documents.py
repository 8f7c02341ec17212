"""Turning decoded content into a RawDocument, with the checks every reader shares."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from storyline.ingest.errors import Unreadable
from storyline.records import RawDocument
from storyline.settings import IngestSettings

# A rough visible-text measure, used only to refuse near-empty pages; a full HTML parse would cost more
# than the whole check is worth, and trafilatura (in clean) does the real extraction.
_INVISIBLE_HTML = re.compile(r"(?is)<(script|style|template)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>")
_HTML_TAG = re.compile(
    r"(?i)<(?:html|body|p|div|br|article|section|span|a|h[1-6]|ul|ol|li|table|img|strong|em|b|i|blockquote)\b[^>]*>"
)


def looks_like_html(text: str) -> bool:
    """Whether a text field (of a JSON record or feed entry) carries HTML markup."""
    return _HTML_TAG.search(text) is not None


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def canonical_bytes(record: Any) -> bytes:
    """A record's serialization that does not depend on key order or spacing, so its hash is its identity."""
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def visible_length(content: str, media_type: str) -> int:
    text = _INVISIBLE_HTML.sub(" ", content) if media_type == "html" else content
    return len("".join(text.split()))


def make_document(
    raw: bytes, origin: str, media_type: str, content: str, settings: IngestSettings, **metadata: str | None
) -> RawDocument:
    """A RawDocument for ``content``, or ``Unreadable`` when it holds no or too little text."""
    if not content.strip():
        raise Unreadable("only whitespace, no text")
    length = visible_length(content, media_type)
    if length < settings.min_text_chars:
        raise Unreadable(f"too little text ({length} characters; at least {settings.min_text_chars} needed)")
    return RawDocument(
        content_hash=content_hash(raw), origin=origin, media_type=media_type, content=content, **metadata
    )
