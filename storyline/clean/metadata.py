"""Publication date, byline, wire agency, outlet and source URL from a page's text.

dateparser reads the date strings; the rules here only decide *where* to look (the lines around the
headline, a dateline, an "original url" line, the URL path), which is what scraped text leaves us.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlparse

import dateparser

from storyline.clean.blocks import Block

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?[\s-]+(?:of\s+)?{_MONTH},?[\s-]+(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d[-/.]\d\d?[-/.]\d\d?\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d\b"
    r"|\b(?:\d+|an?|one)\s+(?:minute|hour|day|week)s?\s+ago\b",
    re.I,
)
_HAS_DATE_PART = re.compile(r"(?:19|20)\d\d|ago")  # cheap test before the full date pattern
_UPDATED = re.compile(r"\b(?:updated|modified|edited|revised)\b", re.I)
_PUBLISHED = re.compile(r"\b(?:published|posted|posted on|released|date)\b", re.I)
_URL = re.compile(r"https?://[^\s<>()\"']+")
_ORIGINAL_URL = re.compile(r"(?:(?:original|source|canonical)(?: (?:url|link|article))?|url|link)\s*:\s*(\S*)", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?:/|-|$)")
_BYLINE = re.compile(r"^(?:by|written by|words by|author:?|posted by|reporting by)\s+(.{2,80})$", re.I)
_BYLINE_WORD = re.compile(r"^(?:by|written by|author:?)$", re.I)
_NAME = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|da|del|bin|al|and|&))*(?:,\s*[A-Z][\w.]*)*$")
# Wire agencies, named the way bylines and photo credits credit them.
AGENCIES = {
    "AFP": re.compile(r"\b(?:AFP|Agence France[- ]Presse)\b"),
    "Reuters": re.compile(r"\bReuters\b"),
    "AP": re.compile(r"\b(?:AP|Associated Press)\b"),
    "Bloomberg": re.compile(r"\bBloomberg\b"),
    "dpa": re.compile(r"\b(?:dpa|Deutsche Presse-Agentur)\b"),
    "EFE": re.compile(r"\bEFE\b"),
    "ANSA": re.compile(r"\bANSA\b"),
    "Xinhua": re.compile(r"\bXinhua\b"),
    "UPI": re.compile(r"\b(?:UPI|United Press International)\b"),
    "PA": re.compile(r"\bPA Media\b"),
}


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_MONTH_DAY_YEAR = re.compile(r"([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$", re.I)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?([a-z]{3})[a-z]*\.?,?[\s-]+(\d{4})$", re.I)
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_ISO = re.compile(r"(\d{4})[-/.](\d\d?)[-/.](\d\d?)")


def _calendar_date(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def parse_date(text: str, relative_base: str | None = None) -> str | None:
    """ISO date of a date string; relative ones ("3 hours ago") only against a known fetch date.

    The common written forms are read directly (dateparser costs over a millisecond a string, which is
    most of a page's cleaning budget); dateparser reads everything else.
    """
    text = text.strip()
    for pattern, order in ((_MONTH_DAY_YEAR, (2, 0, 1)), (_DAY_MONTH_YEAR, (2, 1, 0))):
        match = pattern.match(text)
        if match and match.group(order[1] + 1)[:3].lower() in _MONTHS:
            groups = match.groups()
            month = _MONTHS[groups[order[1]][:3].lower()]
            return _calendar_date(int(groups[order[0]]), month, int(groups[order[2]]))
    match = _ISO.match(text)
    if match:
        return _calendar_date(*(int(g) for g in match.groups()))
    match = _NUMERIC.fullmatch(text)
    if match:  # 03/04/2025 is month first (as dateparser reads it) unless that cannot be; 03.04.2025 day first
        first, second, year = (int(g) for g in match.groups())
        day_first = "." in text or first > 12
        return _calendar_date(year, first if not day_first else second, second if not day_first else first)
    relative = "ago" in text.lower()
    if relative and not relative_base:
        return None
    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if relative_base:
        try:
            base = datetime.fromisoformat(relative_base)
            # A fetch known only to the day is taken at noon, so "3 hours ago" stays on that day.
            settings["RELATIVE_BASE"] = base.replace(hour=12) if len(relative_base) <= 10 else base.replace(tzinfo=None)
        except ValueError:
            if relative:
                return None
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


def date_from_url(url: str | None) -> str | None:
    match = _URL_DATE.search(urlparse(url).path) if url else None
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def find_date(blocks: list[Block], title_index: int | None, fetched: str | None) -> str | None:
    """The publication date: the date stated closest to the headline (a little after it is likeliest),
    preferring a "published" to an "updated" one; failing that, a date in a short line anywhere."""
    anchor = title_index or 0
    near_blocks = range(max(0, anchor - 15), min(len(blocks), anchor + 31))
    far_blocks = [i for i in range(len(blocks)) if i not in near_blocks]
    best: tuple[float, str] | None = None
    for i in [*near_blocks, -1, *far_blocks]:
        if i < 0:  # the near blocks are done: a date found there beats any far one
            if best:
                break
            continue
        text = blocks[i].text
        distance = i - anchor
        near = -15 <= distance <= 30
        if (not near and len(text) > 200) or len(text) > 600 or not _HAS_DATE_PART.search(text):
            continue
        match = _DATE.search(text)
        iso = parse_date(match.group(), fetched) if match else None
        if not iso:
            continue
        context = text[max(0, match.start() - 30) : match.start()]
        cost = distance if distance >= 0 else -1.5 * distance
        cost += (0 if near else 60) + (10 if len(text) > 200 else 0)
        cost += 30 if _UPDATED.search(context) else -5 if _PUBLISHED.search(context) else 0
        if best is None or cost < best[0]:
            best = (cost, iso)
    return best[1] if best else None


def find_byline(blocks: list[Block], title_index: int | None) -> tuple[str | None, int | None]:
    """The author named in a "By ..." line near the headline, and that block's index."""
    anchor = title_index or 0
    for i in range(max(0, anchor - 5), min(len(blocks), anchor + 15)):
        text = blocks[i].text.strip()
        match = _BYLINE.match(text)
        if match:
            name = re.split(r"\s+(?:\||-|–|—|on|published|updated)\s+|,\s*(?=\w+ \d)", match.group(1))[0].strip(" ,")
            return name, i
        if _BYLINE_WORD.match(text) and i + 1 < len(blocks) and _NAME.match(blocks[i + 1].text):
            return blocks[i + 1].text, i + 1
    return None, None


def find_agency(texts: list[str]) -> str | None:
    """The wire agency a byline or credit names (first match wins)."""
    for text in texts:
        for name, pattern in AGENCIES.items():
            if pattern.search(text):
                return name
    return None


def find_source_url(blocks: list[Block]) -> tuple[str | None, list[int]]:
    """A URL given in an "Original url:"-style line (or in the block just after one), and the blocks that
    state it."""
    for i, block in enumerate(blocks):
        if len(block.text) > 300:
            continue
        label = _ORIGINAL_URL.fullmatch(block.text)
        if not label:
            continue
        inline = _URL.match(label.group(1))
        if inline:
            return inline.group().rstrip(".,;"), [i]
        if not label.group(1) and i + 1 < len(blocks):
            following = _URL.fullmatch(blocks[i + 1].text.strip("<> "))
            if following:
                return following.group().rstrip(".,;>"), [i, i + 1]
    return None, []


def outlet_from_url(url: str | None) -> str | None:
    """The site's host without "www.", e.g. "news.example.com"."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None
