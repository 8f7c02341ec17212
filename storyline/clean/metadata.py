"""Publication date, byline, wire agency, outlet and source URL from a page's text.

The rules here decide *where* to look (the lines around the headline, a dateline, an "original url"
line, the URL path), which is what scraped text leaves us. The common written date forms are read by one
pattern (dateparser costs over a millisecond a string); dateparser reads relative dates and rare forms.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlparse

import dateparser
from dateparser.languages import default_loader

from storyline.clean.blocks import Block

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_SEPARATOR = r"(?:\s*[-/.•·]\s*|\s+[-–—]\s+)"
# The written forms of a date, each with named parts: n/d/y (month name first), d2/n2/y2 (day first),
# y3/m3/d3 (year first, any separator; an ISO time may follow), a4/s4/b4/y4 (numbers: day and month in the
# page's order; "12/19 — 2031" too), d5/w5/y5 (day first, the month a word of another language: "04-ago-2031",
# "4. August 2031", "4 de agosto de 2031"), rel (ago).
_DATE = re.compile(
    rf"\b(?P<n>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[,.]?\s+(?P<y>(?:19|20)\d\d)\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?(?P<n2>{_MONTH}),?[\s-]+(?P<y2>(?:19|20)\d\d)\b"
    rf"|\b(?P<y3>(?:19|20)\d\d){_SEPARATOR}(?P<m3>\d\d?){_SEPARATOR}(?P<d3>\d\d?)(?:\b|(?=T\d))"
    r"|\b(?P<a4>\d{1,2})(?P<s4>[/.])(?P<b4>\d{1,2})"
    r"(?:(?P=s4)(?P<y4>(?:19|20)\d\d|\d\d)|\s*[–—]\s*(?P<y4b>(?:19|20)\d\d))\b(?![./]\d)"
    r"|\b(?P<d5>\d{1,2})(?:[-.](?P<w5>[^\W\d_]{3,10})\.?-|\.?\s+(?:de\s+)?(?P<v5>[^\W\d_]{3,10})\.?,?\s+(?:de\s+)?)"
    r"(?P<y5>(?:19|20)\d\d)\b(?![-/.]\d)"
    r"|\b(?P<rel>(?:\d+|an?|one)\s+(?:minute|hour|day|week)s?\s+ago)\b",
    re.I,
)
# Languages whose month words the d5 form reads (dateparser's names; the pattern itself knows English only).
_MONTH_LANGUAGES = ("en", "es", "pt", "fr", "it", "de", "nl", "ca", "ro", "sv", "da", "nb", "pl", "id", "tr")
_HAS_DATE_PART = re.compile(r"(?:19|20)\d\d|[/.]\d\d\b|ago")  # a year or "ago": cheap test before _DATE
_PROSE_WORDS = 12
_LEAD_IN_WORDS = 4  # a longer line ending in a colon leads into a quote or list: a sentence, not a label
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_YEARLESS = re.compile(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?", re.I)
_BYLINE_OR_READING_TIME = re.compile(r"^(?:by|written by)\b|\b\d+\s*min(?:ute)?s?\.?\s+read\b", re.I)
_YEARLESS_AFTER = 15  # blocks after the headline where a yearless byline date may stand
_NEAR_BEFORE, _NEAR_AFTER = -15, 30  # blocks around the headline where its date stands
_LABEL_CHARS = 30  # a line this short just above a date standing alone is its label ("Last update:")
_UPDATED = re.compile(r"\b(?:updated?|modified|edited|revised)\b", re.I)
_PUBLISHED = re.compile(r"\b(?:published|posted|posted on|released|date)\b", re.I)
_URL = re.compile(r"https?://[^\s<>()\"']+")
_ORIGINAL_URL = re.compile(r"(?:(?:original|source|canonical)(?: (?:url|link|article))?|url|link)\s*:\s*(\S*)", re.I)
# A date in a URL path, its month as a number or a name ("/2031/07/11/", "/2031/july/11/").
_MONTH_IN_URL = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?"
)
_URL_DATE = re.compile(rf"/((?:19|20)\d\d)[/-](\d\d?|{_MONTH_IN_URL})[/-](\d\d?)(?:/|-|$)", re.I)
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


@functools.cache
def _month_names() -> dict[str, int]:
    """Month names and abbreviations in the common languages written in Latin letters, from dateparser's
    locale data (read on first need: most pages write their dates in forms the pattern reads directly)."""
    names: dict[str, int] = {}
    for language in _MONTH_LANGUAGES:
        info = default_loader.get_locale(language).info
        for number, month in enumerate(calendar.month_name[1:], 1):
            for name in info.get(month.lower(), []):
                names.setdefault(name.lower().rstrip("."), number)
    return names


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
    year, month, day = match.groups()
    month_number = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
    return _calendar_date(int(year), month_number, int(day))


def _numeric_day_first(matches: list[re.Match], blocks: list[Block]) -> dict[str, bool]:
    """Whether the page writes all-number dates day first, per separator ("/" or "."), as its unambiguous
    ones show (a first number over 12 is a day, a second one over 12 is one too); when none does, as the
    page's dates with the month as a word do ("3 October" is written where 03/10 is the 3rd of October);
    month first when nothing says."""
    votes: dict[str, int] = {}
    for match in matches:
        if match.group("a4"):
            first, second = int(match.group("a4")), int(match.group("b4"))
            votes[match.group("s4")] = votes.get(match.group("s4"), 0) + (first > 12) - (second > 12)
    if 0 in votes.values():
        word_order = sum(
            bool(match.group("d2") or match.group("d5")) - bool(match.group("n"))
            for block in blocks
            if len(block.text) <= 600 and _HAS_DATE_PART.search(block.text)
            for match in _DATE.finditer(block.text)
        )
        return {separator: vote > 0 or (vote == 0 and word_order > 0) for separator, vote in votes.items()}
    return {separator: vote > 0 for separator, vote in votes.items()}


def _match_date(match: re.Match, day_first: dict[str, bool], fetched: str | None) -> str | None:
    """The ISO date a ``_DATE`` match states."""
    part = match.group
    if part("n"):
        return _calendar_date(int(part("y")), _MONTHS[part("n")[:3].lower()], int(part("d")))
    if part("n2"):
        return _calendar_date(int(part("y2")), _MONTHS[part("n2")[:3].lower()], int(part("d2")))
    if part("y3"):
        return _calendar_date(int(part("y3")), int(part("m3")), int(part("d3")))
    if part("a4"):
        month, day, year = int(part("a4")), int(part("b4")), int(part("y4") or part("y4b"))
        if month > 12 or (day <= 12 and day_first.get(part("s4"), False)):
            month, day = day, month
        return _calendar_date(year + 2000 if year < 100 else year, month, day)
    if part("d5"):
        month = _month_names().get((part("w5") or part("v5")).lower())
        return _calendar_date(int(part("y5")), month, int(part("d5"))) if month else None
    return parse_date(part("rel"), fetched)


def _is_prose(text: str) -> bool:
    """A sentence of the article: the dates it states are what the story talks about, not its dateline. A
    sentence that leads into a quote ("On Tuesday, Oct. 10, 1972, the capital awoke to this news:") is one
    too, however short; a label ("Last updated:") is shorter."""
    words, end = len(text.split()), text.rstrip()[-1:]
    return (words > _PROSE_WORDS and end in ".!?") or (words > _LEAD_IN_WORDS and end == ":")


def written_date(text: str) -> str | None:
    """The first absolute date written in ``text`` ("July 17, 2025", "17.07.2025"), as an ISO date."""
    match = _DATE.search(text) if _HAS_DATE_PART.search(text) else None
    return _match_date(match, {}, None) if match and not match.group("rel") else None


def _best_date(
    blocks: list[Block], indices: Iterable[int], anchor: int, fetched: str | None, max_chars: int
) -> tuple[float, str] | None:
    """The cheapest (cost, date) stated in ``blocks[indices]`` (lines up to ``max_chars`` long). A sentence of
    prose is never read: the dates it states are those of what the story tells, often long past ("born
    Aug. 17, 1913"), and an undated page is better left undated than dated by its background."""
    found = [
        (i, match)
        for i in indices
        if len(blocks[i].text) <= max_chars and _HAS_DATE_PART.search(blocks[i].text)
        for match in _DATE.finditer(blocks[i].text)
    ]
    day_first = _numeric_day_first([match for _, match in found], blocks)
    dated = [(i, match, _match_date(match, day_first, fetched)) for i, match in found]
    oldest_in_line: dict[int, str] = {}
    for i, _, iso in dated:
        if iso and iso < oldest_in_line.get(i, "9999"):
            oldest_in_line[i] = iso
    best: tuple[float, str] | None = None
    previous_end = (-1, 0)
    for i, match, iso in dated:
        text = blocks[i].text
        label_start = previous_end[1] if previous_end[0] == i else 0
        previous_end = (i, match.end())
        if not iso or _is_prose(text):
            continue
        distance = i - anchor
        context = text[max(label_start, match.start() - 30) : match.start()]
        if not context.strip() and i > 0 and len(blocks[i - 1].text) <= _LABEL_CHARS:  # "Updated:" on its own line
            context = blocks[i - 1].text
        cost = distance if distance >= 0 else -1.5 * distance
        cost += (0 if _NEAR_BEFORE <= distance <= _NEAR_AFTER else 60) + (10 if len(text) > 200 else 0)
        cost += 30 if _UPDATED.search(context) else -5 if _PUBLISHED.search(context) else 0
        cost += 3 if oldest_in_line[i] < iso else 0  # of two dates side by side, the later one is an update
        if best is None or cost < best[0]:
            best = (cost, iso)
    return best


def _yearless_date(blocks: list[Block], anchor: int) -> str | None:
    """A "Mon D" date standing alone by the byline or the reading time just under the headline, as blog
    platforms print it, in the one year the headline names ("... Trends for 2031"). A December date is left
    alone: a headline naming a year is as often written in the December before it (dev set: 15 of 29).
    """
    years = set(_YEAR.findall(blocks[anchor].text))
    if len(years) != 1:
        return None
    for i in range(anchor + 1, min(len(blocks), anchor + _YEARLESS_AFTER + 1)):
        match = _YEARLESS.fullmatch(blocks[i].text.strip())
        beside = blocks[max(0, i - 2) : i + 3]
        if match and any(_BYLINE_OR_READING_TIME.search(block.text) for block in beside):
            month = _MONTHS[match.group(1)[:3].lower()]
            return _calendar_date(int(years.pop()), month, int(match.group(2))) if month != 12 else None
    return None


def find_date(blocks: list[Block], title_index: int | None, fetched: str | None) -> str | None:
    """The publication date: the date stated closest to the headline (a little after it is likeliest),
    preferring a "published" to an "updated" one; failing that, a date in a short line anywhere; never a
    date in a sentence of prose.

    Every date a line states counts, each with the words just before it (so in "Updated <date>, first
    published <date>" the second one is the published date); of unlabelled dates side by side, the
    older one (a page is published before it is updated).
    """
    anchor = title_index or 0
    near = range(max(0, anchor + _NEAR_BEFORE), min(len(blocks), anchor + _NEAR_AFTER + 1))
    best = _best_date(blocks, near, anchor, fetched, 600)
    if best is None:  # only then can a line far from the headline give it
        far = [i for i in range(len(blocks)) if i not in near]
        best = _best_date(blocks, far, anchor, fetched, 200)
    if best is None and title_index is not None:
        return _yearless_date(blocks, title_index)
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
