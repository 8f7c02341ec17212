"""JSON files (one record, a list, or an object wrapping a list) and JSON Lines files of article records."""

from __future__ import annotations

import codecs
import json
import math
from collections.abc import Iterator
from typing import Any

from storyline.ingest.decoding import LineDecoder, decode_bytes
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
_LONGEST_INTEGER = 100  # digits; a longer integer is no count or id an exporter writes, and is kept as text
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_WIDE_SNIFF_BYTES = 64  # UTF-16/32 text without a byte-order mark has NUL bytes within its first characters


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


def _field(lowered: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first of ``keys`` with a usable value, in a record whose keys are lower-cased."""
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
        url=_field(lowered, URL_KEYS),
        title=_field(lowered, TITLE_KEYS),
        published=_field(lowered, DATE_KEYS),
        fetched=_field(lowered, FETCHED_KEYS),
        outlet=_field(lowered, OUTLET_KEYS),
        author=_field(lowered, AUTHOR_KEYS),
    )


def _records(value: Any) -> list[Any] | None:
    """The list of records a JSON document holds, or None when it is a single record."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and not any(str(key).lower() in TEXT_KEYS for key in value):
        lowered = {str(key).lower(): item for key, item in value.items()}
        return next((lowered[key] for key in LIST_KEYS if isinstance(lowered.get(key), list)), None)
    return None


def _parse(text: str) -> Any:
    """``json.loads`` that keeps absurd numbers as their digits instead of failing on them.

    An integer of over 4,300 digits raises ValueError in ``int``, and ``1e400`` becomes infinity; both are
    kept as the text they were written as, so the record survives and nothing is lost. Control characters
    inside strings are allowed here (``strict=False``) and removed when the document is made.
    """
    return json.loads(text, parse_int=_bounded_int, parse_float=_finite_float, strict=False)


def _bounded_int(digits: str) -> int | str:
    return int(digits) if len(digits) <= _LONGEST_INTEGER else digits


def _finite_float(digits: str) -> float | str:
    value = float(digits)
    return value if math.isfinite(value) else digits


def _json_error(exc: ValueError | RecursionError, line: int | None = None) -> str:
    """The reason a JSON text failed, with the line (``line`` for a JSON Lines file) and column it stopped at."""
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: line {line or exc.lineno}, column {exc.colno}: {exc.msg}"
    if isinstance(exc, RecursionError):
        return "not valid JSON: nested too deeply"
    return f"not valid JSON: {str(exc)[:120]}"


def read_json(data: bytes, origin: str, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    """A JSON file's records; a file of one record per line saved as .json is read as JSON Lines."""
    try:
        value = _parse(decode_bytes(data))
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and exc.lineno > 1:
            yield from read_jsonl(data, origin, settings)
            return
        raise Unreadable(_json_error(exc)) from exc
    except (ValueError, RecursionError) as exc:
        raise Unreadable(_json_error(exc)) from exc
    records = _records(value)
    if records is None:
        yield _document(value, origin, settings)
        return
    if not records:
        raise Unreadable("JSON holds no records")
    for number, record in enumerate(records, start=1):
        yield _record_or_error(record, f"{origin}#{number}", settings)


def read_jsonl(data: bytes, origin: str, settings: IngestSettings) -> Iterator[RawDocument | IngestError]:
    """One record per line; a bad line is reported as ``origin#LINE`` and every other line still counts."""
    found = False
    for number, line in _numbered_lines(data):
        if isinstance(line, str) and not line.strip():
            continue
        found = True
        line_origin = f"{origin}#{number}"
        if isinstance(line, Unreadable):
            yield IngestError(line_origin, f"line {number}: {line}")
            continue
        try:
            record = _parse(line)
        except (ValueError, RecursionError) as exc:
            yield IngestError(line_origin, _json_error(exc, number))
            continue
        yield _record_or_error(record, line_origin, settings)
    if not found:
        raise Unreadable("only whitespace, no records")


def _numbered_lines(data: bytes) -> Iterator[tuple[int, str | Unreadable]]:
    """The lines of a JSON Lines file numbered from 1, each decoded alone (or the reason it cannot be).

    Decoding line by line means a line of broken bytes costs that line only, and a large file is never
    held as text twice; UTF-16/32 files, whose line feeds are not single bytes, are decoded whole. Lines
    are split at line feeds only, not ``splitlines``: U+2028 may stand unescaped inside a JSON string.
    """
    if data.startswith(_WIDE_BOMS) or b"\x00" in data[:_WIDE_SNIFF_BYTES]:
        yield from enumerate(decode_bytes(data).split("\n"), start=1)
        return
    decoder = LineDecoder(data)
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    number = 1
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        try:
            yield number, decoder.decode(data[start:end], start)
        except Unreadable as exc:
            yield number, exc
        start, number = end + 1, number + 1


def _record_or_error(record: Any, origin: str, settings: IngestSettings) -> RawDocument | IngestError:
    """The record's document, or its error line; a record that trips anything else costs itself only."""
    try:
        return _document(record, origin, settings)
    except Unreadable as exc:
        return IngestError(origin, str(exc))
    except RecursionError:
        return IngestError(origin, "record nested too deeply")
    except Exception as exc:  # noqa: BLE001 -- one odd record of thousands must not end the file
        return IngestError(origin, f"could not be read ({type(exc).__name__}: {str(exc)[:120]})")
