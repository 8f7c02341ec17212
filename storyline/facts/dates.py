"""Date phrases resolved against the article's publication date, with their precision."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateparser.date import DateDataParser

from storyline.facts.quantity import parse_number
from storyline.records import DateValue

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A bare weekday ("on Thursday") in news means the latest such day on or before publication, the day of
# publication included. dateparser resolves it to the week before when publication falls on that weekday,
# so weekdays are resolved here.
BARE_WEEKDAY = re.compile(
    r"^(?:on |last |this |early |late )?(" + "|".join(WEEKDAYS) + r")(?:'s)?(?: (?:morning|afternoon|evening|night))?$"
)
LEADING_PREPOSITION = re.compile(r"^(?:on|in|during|by|from|until|as of|at)\s+", re.IGNORECASE)
# Phrases that place a happening over a stretch of past time: context, not a dated event.
SPAN_WORDS = re.compile(
    r"\b(?:since|recent|past|over the|throughout|for the last|decades?|years|months|weeks)\b", re.IGNORECASE
)
PRECISION = {"day": "day", "time": "day", "week": "month", "month": "month", "year": "year"}


@lru_cache(maxsize=256)
def _parser(base: dt.date | None) -> DateDataParser:
    """One parser per publication date: dateparser takes the relative base as a parser setting."""
    relative_base = dt.datetime.combine(base or dt.date(1900, 1, 1), dt.time())
    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True, "RELATIVE_BASE": relative_base}
    return DateDataParser(languages=["en"], settings=settings)


def published_date(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # the same phrases ("on Thursday") recur across a day's articles
def resolve_date(text: str, published: str | None) -> DateValue | None:
    """Resolve a DATE phrase; relative phrases need the publication date. None when nothing resolves."""
    phrase = " ".join(text.split()).strip(" ,.")
    lowered = phrase.lower()
    base = published_date(published)
    weekday = BARE_WEEKDAY.match(lowered)
    if weekday:
        if base is None:
            return DateValue(None, "unknown", phrase)
        back = (base.weekday() - WEEKDAYS.index(weekday.group(1))) % 7
        return DateValue((base - dt.timedelta(days=back)).isoformat(), "day", phrase)
    if re.fullmatch(r"\d{1,3}", phrase):
        return None  # "Roe, 51, was arrested": an age the model tags DATE, never a date on its own
    if SPAN_WORDS.search(lowered) and not re.search(r"\b(?:1[89]|20)\d\d\b", lowered):
        return None
    data = _parser(base).get_date_data(LEADING_PREPOSITION.sub("", phrase))
    if data.date_obj is None:
        return None
    precision = PRECISION.get(data.period or "day", "day")
    if base is None and not re.search(r"\b(?:1[89]|20)\d\d\b", phrase):
        return DateValue(None, "unknown", phrase)  # relative phrase and nothing to resolve it against
    iso = data.date_obj.date().isoformat()
    return DateValue({"day": iso, "month": iso[:7], "year": iso[:4]}[precision], precision, phrase)


def latest_day(value: DateValue) -> dt.date | None:
    """The last day a resolved date can mean ("2026-03" -> 2026-03-31)."""
    if not value.iso:
        return None
    parts = [int(p) for p in value.iso.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}
DURATION = re.compile(
    r"^(?:about |some |nearly |almost |more than )?(an?|[\w-]+)\s+(day|week|month|year|decade)s?$", re.IGNORECASE
)


def duration_days(text: str) -> int | None:
    """'four months' -> 120; 'a year' -> 365; None when the phrase is not a length of time."""
    match = DURATION.match(" ".join(text.split()))
    if not match:
        return None
    number = 1 if match.group(1).lower() in {"a", "an"} else parse_number(match.group(1))
    return number * UNIT_DAYS[match.group(2).lower()] if number else None
