"""Turning decoded content into a RawDocument, with the checks every reader shares."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from itertools import islice
from typing import Any

from storyline.ingest.decoding import remove_control_chars
from storyline.ingest.errors import Unreadable
from storyline.records import RawDocument
from storyline.settings import IngestSettings

logger = logging.getLogger(__name__)

# What makes a text a page rather than prose that mentions a tag ("use the <div> element", "<b>Breaking</b>"):
# a document-level tag near the start, or block structure (a block tag opened and one closed), or line
# breaks written as <br> again and again.
_PAGE_MARKERS = ("<!doctype html", "<html", "<head", "<body")
_BLOCK_NAMES = r"p|div|article|section|main|header|footer|nav|aside|h[1-6]|ul|ol|li|dl|table|tr|td|blockquote|figure"
_BLOCK_OPEN = re.compile(rf"(?i)<(?:{_BLOCK_NAMES})(?:\s[^<>]{{0,2000}})?>")
_BLOCK_CLOSE = re.compile(rf"(?i)</(?:{_BLOCK_NAMES})\s*>")
_LINE_BREAK_TAG = re.compile(r"(?i)<br\s*/?>")
_PAGE_SNIFF_CHARS = 4096
_LINE_BREAK_TAGS_OF_A_PAGE = 3

# Hidden parts of a page for the near-empty check: each found by a bounded pattern and the end of the part
# by str.find, so a hostile page (a million unclosed "<script" or "<") costs linear time, not quadratic.
_HIDDEN_OR_TAG = re.compile(r"(?i)<!--|<(script|style|template)\b|<[^<>]{0,4096}>")
_NON_SPACE = re.compile(r"\S")

# Published and fetched dates are read by the clean stage (dateparser); here only values that cannot be a
# news date are refused, so that no later stage meets year 1 or year 9999: exporters write "0001-01-01"
# for "no date" and "9999-12-31" for "never". Hand-written because it needs no parse, only the year.
_YEARS = range(1800, 2201)
_ISO_DATE = re.compile(r"\s*([+-]?\d+)-(\d{1,2})(?:-(\d{1,2}))?(?![\d])")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EPOCH_SECONDS = re.compile(r"\d{9,10}(?:\.\d+)?")
_EPOCH_MILLISECONDS = re.compile(r"\d{12,13}")
_DIGIT_RUN = re.compile(r"\d+")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?")
_LONGEST_DATE_TEXT = 80


def looks_like_html(text: str) -> bool:
    """Whether a text (a JSON record's field, a feed entry, a .txt file) is a page or page fragment.

    One tag is not enough: prose about markup, or a headline in <b>, stays plain text.
    """
    head = text[:_PAGE_SNIFF_CHARS].lower()
    if any(marker in head for marker in _PAGE_MARKERS):
        return True
    if _BLOCK_CLOSE.search(text) and _BLOCK_OPEN.search(text):
        return True
    return len(list(islice(_LINE_BREAK_TAG.finditer(text), _LINE_BREAK_TAGS_OF_A_PAGE))) >= _LINE_BREAK_TAGS_OF_A_PAGE


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def canonical_bytes(record: Any) -> bytes:
    """A record's serialization that does not depend on key order or spacing, so its hash is its identity."""
    serialized = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return serialized.encode("utf-8", "surrogatepass")  # a lone "\ud800" escape in a record is no reason to fail


def visible_length(content: str, media_type: str, enough: int) -> int:
    """Characters of visible, non-space text, counted up to ``enough`` (all that the emptiness check needs).

    A rough measure (no HTML parse, which would cost more than the whole check is worth; trafilatura in
    clean does the real extraction), made in one pass that stops as soon as ``enough`` is reached.
    """
    if media_type != "html":
        return sum(1 for _ in islice(_NON_SPACE.finditer(content), enough))
    count, position = 0, 0
    while count < enough and position < len(content):
        found = _HIDDEN_OR_TAG.search(content, position)
        end = found.start() if found else len(content)
        count += sum(1 for _ in islice(_NON_SPACE.finditer(content, position, end), enough - count))
        if found is None:
            break
        position = _end_of_hidden_part(content, found)
    return min(count, enough)


def _end_of_hidden_part(content: str, found: re.Match[str]) -> int:
    """Where the comment, script/style/template or tag that ``found`` opens ends (the text's end if never)."""
    if found.group() == "<!--":
        closing, closing_length = content.find("-->", found.end()), 3
    elif found.group(1):
        closer = re.compile(rf"(?i)</{found.group(1)}\s*>").search(content, found.end())
        return closer.end() if closer else len(content)
    else:
        return found.end()
    return closing + closing_length if closing >= 0 else len(content)


def news_date(value: str | None, origin: str, field: str) -> str | None:
    """``value`` when it can be a news date; None (with a warning) for year 1, year 9999, absurd numbers.

    A Unix timestamp (seconds or milliseconds, as APIs export them) is turned into its ISO date and time.
    """
    if value is None:
        return None
    checked = _checked_date(value.strip())
    if checked is None:
        logger.warning("%s: %s date %r is not a real date; left out", origin, field, value[:_LONGEST_DATE_TEXT])
    return checked


def _checked_date(text: str) -> str | None:
    if not text or len(text) > _LONGEST_DATE_TEXT:
        return None
    if _NUMBER.fullmatch(text):
        return _date_of_number(text)
    iso = _ISO_DATE.match(text)
    if iso:
        return text if _real_date(*iso.groups()) else None
    runs = _DIGIT_RUN.findall(text)
    if any(len(run) > 4 for run in runs):
        return None
    years = [int(run) for run in runs if len(run) == 4]
    if years and not any(year in _YEARS for year in years):
        return None
    return text


def _date_of_number(text: str) -> str | None:
    """A date written as a bare number: a year, a compact "20260319", or a Unix timestamp."""
    if _EPOCH_SECONDS.fullmatch(text) or _EPOCH_MILLISECONDS.fullmatch(text):
        seconds = float(text) / (1000 if _EPOCH_MILLISECONDS.fullmatch(text) else 1)
        moment = dt.datetime.fromtimestamp(seconds, dt.UTC)
        return moment.isoformat().replace("+00:00", "Z") if moment.year in _YEARS else None
    compact = _COMPACT_DATE.fullmatch(text)
    if compact:
        return text if _real_date(*compact.groups()) else None
    return text if len(text) == 4 and text.isdigit() and int(text) in _YEARS else None


def _real_date(year: str, month: str, day: str | None) -> bool:
    """Whether the parts name a day of the calendar, in a year a news date can have."""
    try:
        dt.date(int(year), int(month), int(day or 1))
    except ValueError:  # year 0 or over 9999, month 13, 30 February
        return False
    return int(year) in _YEARS


def make_document(
    raw: bytes, origin: str, media_type: str, content: str, settings: IngestSettings, **metadata: str | None
) -> RawDocument:
    """A RawDocument for ``content``, or ``Unreadable`` when it holds no or too little text.

    Control characters (NULs from a damaged export, stray escapes) are removed from the text and its
    metadata with a warning naming the file, instead of dropping the document; dates that cannot be
    news dates are left out (see ``news_date``).
    """
    content, removed = remove_control_chars(content)
    if removed:
        logger.warning("%s: removed %d control character(s) (NUL and the like) from the text", origin, removed)
    if not content.strip():
        raise Unreadable("only whitespace, no text")
    length = visible_length(content, media_type, settings.min_text_chars)
    if length < settings.min_text_chars:
        raise Unreadable(f"too little text ({length} characters; at least {settings.min_text_chars} needed)")
    metadata = {key: remove_control_chars(value)[0] if value else value for key, value in metadata.items()}
    metadata["published"] = news_date(metadata.get("published"), origin, "published")
    metadata["fetched"] = news_date(metadata.get("fetched"), origin, "fetched")
    return RawDocument(
        content_hash=content_hash(raw), origin=origin, media_type=media_type, content=content, **metadata
    )
