"""JSON files (one record, a list, or an object wrapping a list) and JSON Lines files of article records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storyline.ingest.decoding import decode_bytes
from storyline.ingest.documents import canonical_bytes, looks_like_html, make_document
from storyline.ingest.errors import Unreadable
from storyline.records import IngestError, RawDocument
from storyline.settings import IngestSettings

# Field names in the order they are tried; keys are matched without regard to case.
TEXT_KEYS = ("text", "body", "content", "article", "article_text", "full_text", "maintext", "html", "raw_html")
URL_KEYS = ("url", "link", "source_url", "canonical_url")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = (
    "date",
    "published",
    "pubdate",
    "published_at",
    "publishedat",
    "date_published",
    "datepublished",
    "publish_date",
)
FETCHED_KEYS = ("fetched", "fetched_at", "date_download", "crawled", "crawled_at", "retrieved", "scraped_at")
OUTLET_KEYS = ("outlet", "source", "site", "publisher", "site_name", "source_domain")
AUTHOR_KEYS = ("author", "byline", "authors")
# Keys under which API dumps (news APIs, scraper exports) wrap their list of records.
LIST_KEYS = ("articles", "items", "records", "data", "results", "entries", "documents")
NO_TEXT_REASON = "record has no text field (text, body, content or article)"


def _as_text(value: Any) -> str | None:
    """A field's value as one string: names of nested objects, lists joined by commas."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return next((text for key in ("name", "title", "url") if (text := _as_text(value.get(key)))), None)
    if isinstance(value, list):
        parts = [text for item in value if (text := _as_text(item))]
        return ", ".join(parts) or None
    return None


def _field(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    lowered = {str(key).lower(): value for key, value in record.items()}
    return next((text for key in keys if (text := _as_text(lowered.get(key)))), None)


def _document(record: Any, origin: str, settings: IngestSettings) -> RawDocument:
    if not isinstance(record, dict):
        raise Unreadable(f"record is a JSON {type(record).__name__}, not an object")
    lowered = {str(key).lower(): value for key, value in record.items()}
    text = next((value for key in TEXT_KEYS if isinstance(value := lowered.get(key), str) and value.strip()), None)
    if text is None:
        raise Unreadable(NO_TEXT_REASON)
    return make_document(
        canonical_bytes(record),
        origin,
        "html" if looks_like_html(text) else "text",
        text,
        settings,
        url=_field(record, URL_KEYS),
        title=_field(record, TITLE_KEYS),
        published=_field(record, DATE_KEYS),
        fetched=_field(record, FETCHED_KEYS),
        outlet=_field(record, OUTLET_KEYS),
        author=_field(record, AUTHOR_KEYS),
    )


def _records(value: Any) -> list[Any] | None:
    """The list of records a JSON document holds, or None when it is a single record."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and not any(str(key).lower() in TEXT_KEYS for key in value):
        lowered = {str(key).lower(): item for key, item in value.items()}
        return next((lowered[key] for key in LIST_KEYS if isinstance(lowered.get(key), list)), None)
    return None


def read_json(data: bytes, origin: str, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    try:
        value = json.loads(decode_bytes(data))
    except json.JSONDecodeError as exc:
        raise Unreadable(f"not valid JSON on line {exc.lineno}: {exc.msg}") from exc
    records = _records(value)
    if records is None:
        yield _document(value, origin, settings)
        return
    if not records:
        raise Unreadable("JSON holds no records")
    for number, record in enumerate(records, start=1):
        yield _record_or_error(record, f"{origin}#{number}", settings)


def read_jsonl(data: bytes, origin: str, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    """One record per line; a bad line is reported as ``origin#LINE`` and the other lines still count."""
    found = False
    for number, line in enumerate(decode_bytes(data).split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(f"{origin}#{number}", f"not valid JSON on line {number}: {exc.msg}")
            continue
        yield _record_or_error(record, f"{origin}#{number}", settings)
    if not found:
        raise Unreadable("only whitespace, no records")


def _record_or_error(record: Any, origin: str, settings: IngestSettings) -> RawDocument | IngestError:
    try:
        return _document(record, origin, settings)
    except Unreadable as exc:
        return IngestError(origin, str(exc))
