"""Dates of happenings: date phrases resolved against the article's own date, with their precision; the
article's own date (published field or a date line in its text); the date of the lead's happening.

The words that date things ("last night", "the next day", "scheduled", "block") are data in
``data/date_words.json``; the rules here are the general ones of news English.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import dateparser
from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span, Token

from storyline.facts.lexicon import lexicon
from storyline.facts.quantity import parse_number
from storyline.facts.vocabulary import is_happening
from storyline.records import DateValue

WORDS = json.loads(resources.files("storyline.facts").joinpath("data", "date_words.json").read_text("utf-8"))
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A weekday, with the words news wraps around it ("late Saturday", "early Friday morning", "Tuesday night").
WEEKDAY_PHRASE = re.compile(
    rf"^(?:(?:{_alternation(WORDS['weekday_modifiers'])}) )*(?P<day>{'|'.join(WEEKDAYS)})(?:'s)?"
    rf"(?: (?:{_alternation(WORDS['parts_of_day'])}))*$"
)
# The same at the end of a longer phrase the model ran together ("Chattanooga Sunday", "the year late Sunday").
TRAILING_WEEKDAY = re.compile(
    rf"(?<!\S)(?:(?:{_alternation(WORDS['weekday_modifiers'])}) )*(?P<day>{'|'.join(WEEKDAYS)})(?:'s)?"
    rf"(?: (?:{_alternation(WORDS['parts_of_day'])}))*$"
)
# A named day of the year ("New Year's Eve", "Thanksgiving night", "the Fourth of July").
HOLIDAY_PHRASE = re.compile(
    rf"^(?:(?P<step>{_alternation(list(WORDS['holiday_steps']))}) )?(?:the )?"
    rf"(?P<name>{_alternation([*WORDS['fixed_holidays'], *WORDS['weekday_holidays'], *WORDS['bare_holidays']])})"
    rf"(?P<part>(?: (?:{_alternation(WORDS['parts_of_day'])}))*)$"
)
# "24-hour", "three-day": the length of something, not a date.
LENGTH_ADJECTIVE = re.compile(r"^(?:a |an |the )?[\w]+-(?:hour|day|week|month|year)\b")
LEADING_PREPOSITION = re.compile(r"^(?:on|in|during|by|from|until|as of|at)\s+", re.IGNORECASE)
# A time of day ("11:15 p.m.", "about 1 a.m.", "noon") says nothing of the day: removed before resolving.
CLOCK = re.compile(
    r"(?:\b(?:at|about|around|shortly|just|before|after|approximately|roughly)\s+)*"
    r"(?:\b\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)|\b\d{1,2}:\d\d\b|\b\d{4}\s*(?:gmt|bst|utc|hrs)\b"
    r"|\b\d{1,2}(?::\d\d)?\s+(?:o'clock\s+)?(?:in the (?:morning|afternoon|evening)|at night)\b|\b(?:noon|midnight)\b)",
    re.IGNORECASE,
)
# A length of time under a day ("24 hours", "a 40-minute drive") or a decade ("the 1990s", "her 40s", "'50s"):
# no day, though the date parser reads each as a moment just before the article's date.
CLOCK_LENGTH = re.compile(rf"\d[\d,.]*[- ]?(?:{_alternation(WORDS['clock_units'])})\b")
DECADE = re.compile(r"^(?:the |her |his |their |early |mid-?|late )*'?(?:\d\d)?\d0'?s$")
AGE = re.compile(r"\b(?:years?|yrs?|months?)[- ]old\b|\baged?\b|^\d{1,3}$", re.IGNORECASE)
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# Phrases that place a happening over a stretch of past time: context, not a dated event.
SPAN_WORDS = re.compile(
    r"\b(?:since|recent|past|over the|throughout|for the last|decades?|years|months|weeks)\b", re.IGNORECASE
)
SEQUENCE_STEP = re.compile(
    r"^(?:about |some |nearly |almost |just )?(an?|[\w-]+) (day|week|month|year)s? "
    rf"({_alternation(list(WORDS['sequence_directions']))})$"
)
PRECISION = {"day": "day", "time": "day", "part_of_day": "day", "week": "month", "month": "month", "year": "year"}

MONTH_NAME = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
FULL_DATE = re.compile(
    rf"\b{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAME},?\s+\d{{4}}\b"
    r"|\b\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{4}\b|\b\d{4}-\d\d-\d\d\b",
    re.IGNORECASE,
)
DATE_LINE_WORDS = frozenset(WORDS["date_line_words"]) | frozenset(WEEKDAYS)
# A weekday with the month and day it fell on ("Tuesday (Jan 6)", "Thursday, Dec. 18", "Sunday 4 January").
WEEKDAY_AND_DAY = re.compile(
    rf"\b(?P<weekday>{'|'.join(WEEKDAYS)})\b\W+(?:(?P<month>{MONTH_NAME})\s+(?P<day>\d{{1,2}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{MONTH_NAME}))(?:st|nd|rd|th)?\b(?!,?\s*\d)",
    re.IGNORECASE,
)
# What a phrase must hold to name a date: a digit, a month, a weekday, a day word ("last night"), a season or a
# unit of the calendar.
NAMES_A_DATE = re.compile(
    rf"\d|\b{MONTH_NAME}(?!\w)|\b(?:{_alternation([*WORDS['calendar_words'], *WEEKDAYS, *WORDS['relative_days']])})\b"
)
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class DateAnchor:
    """The article's own date and where it was read: ``published`` (the record's field), ``title`` or
    ``text`` (a date line such as "Updated: November 11, 2011"); ``text`` holds the words it came from."""

    day: dt.date
    source: str
    text: str

    @property
    def iso(self) -> str:
        return self.day.isoformat()


@lru_cache(maxsize=256)
def _parser(base: dt.date | None) -> DateDataParser:
    """One parser per base date: dateparser takes the relative base as a parser setting."""
    relative_base = dt.datetime.combine(base or dt.date(1900, 1, 1), dt.time())
    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True, "RELATIVE_BASE": relative_base}
    return DateDataParser(languages=["en"], settings=settings)


def published_date(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _cut(day: dt.date, precision: str) -> str:
    iso = day.isoformat()
    return {"day": iso, "month": iso[:7], "year": iso[:4]}[precision]


def _weekday(name: str, modifiers: str, base: dt.date, tense: str | None) -> dt.date:
    """News weekdays: the latest such day on or before the base ('last' excludes the base day itself);
    with a future verb, the next such day on or after it. A bare weekday ('Wednesday', 'early Wednesday')
    naming the day after the base is that next day: a page's date often lags the day it was written
    (a time zone, a first posting), and a report says 'last Wednesday' or gives the date of a day six days
    back. Dev (GVA, gold grouping): 0.859 -> 0.869 on half A, 0.832 -> 0.836 on half B."""
    target = WEEKDAYS.index(name)
    if tense == "future":
        return base + dt.timedelta(days=(target - base.weekday()) % 7)
    back = (base.weekday() - target) % 7
    if back == 0 and modifiers.startswith("last "):
        back = 7
    if back == 6 and all(word in WORDS["next_day_modifiers"] for word in modifiers[: modifiers.index(name)].split()):
        back = -1
    return base - dt.timedelta(days=back)


def _holiday_in(name: str, year: int) -> dt.date:
    """The day a named day of the year falls on in ``year``: a fixed date or the nth weekday of a month."""
    if name in WORDS["fixed_holidays"]:
        month, day = (int(part) for part in WORDS["fixed_holidays"][name].split("-"))
        return dt.date(year, month, day)
    month, weekday, which = WORDS["weekday_holidays"][name]
    if which > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (which - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holiday(name: str, base: dt.date, tense: str | None) -> dt.date:
    """A named day as news uses it, like a weekday: the latest on or before the base; with a future verb,
    the next on or after it."""
    if tense == "future":
        day = _holiday_in(name, base.year)
        return day if day >= base else _holiday_in(name, base.year + 1)
    day = _holiday_in(name, base.year)
    return day if day <= base else _holiday_in(name, base.year - 1)


def _week_days(offset_weeks: int, base: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of a week counted from the base's ('last week': -1), no later than the base."""
    monday = base - dt.timedelta(days=base.weekday() - 7 * offset_weeks)
    return monday, min(monday + dt.timedelta(days=6), base)


def _week(offset_weeks: int, base: dt.date, phrase: str) -> DateValue:
    """A week as the finest precision that holds all of it: its month, else its year; never a made-up day."""
    monday, last = _week_days(offset_weeks, base)
    if (monday.year, monday.month) == (last.year, last.month):
        return DateValue(_cut(monday, "month"), "month", phrase)
    if monday.year == last.year:
        return DateValue(_cut(monday, "year"), "year", phrase)
    return DateValue(None, "unknown", phrase)


def _sequence(core: str, anchor: dt.date) -> DateValue | None:
    """'the next day', 'two days later': counted from the date the text was last about."""
    if core in WORDS["sequence_days"]:
        return DateValue((anchor + dt.timedelta(days=WORDS["sequence_days"][core])).isoformat(), "day", core)
    step = SEQUENCE_STEP.match(core)
    if not step:
        return None
    count = 1 if step.group(1) in {"a", "an"} else parse_number(step.group(1))
    if not count:
        return None
    sign, unit = WORDS["sequence_directions"][step.group(3)], step.group(2)
    if unit in WORDS["unit_days"]:
        return DateValue((anchor + dt.timedelta(days=sign * count * WORDS["unit_days"][unit])).isoformat(), "day", core)
    months = anchor.year * 12 + anchor.month - 1 + sign * count * WORDS["unit_months"][unit]
    day = dt.date(months // 12, months % 12 + 1, 1)
    return DateValue(_cut(day, "month" if unit == "month" else "year"), "month" if unit == "month" else "year", core)


def _trailing_weekday(core: str) -> re.Match[str] | None:
    """A weekday phrase ending a phrase whose other words are no date ('Chattanooga Sunday'); not one that
    another word makes a different day ('the next Sunday', 'every Sunday', 'the first Monday of May')."""
    match = TRAILING_WEEKDAY.search(core)
    if match is None or match.start() == 0:
        return None
    before = core[: match.start()].split()
    if before[-1] in WORDS["weekday_shifters"] or re.search(r"\d|\bof\b", core[: match.start()]):
        return None
    return match


def is_sequence_phrase(text: str) -> bool:
    """Whether the phrase counts from another happening ('the next day') rather than from the article's date."""
    core = " ".join(CLOCK.sub(" ", text.lower()).split()).strip(" ,.")
    return core in WORDS["sequence_days"] or bool(SEQUENCE_STEP.match(core))


def _core(phrase: str) -> str:
    """A date phrase as it is resolved: lower case, without its clock time or a leading 'on'."""
    core = " ".join(CLOCK.sub(" ", phrase.lower()).split()).strip(" ,.")
    return re.sub(r"^(?:on|at|from) ", "", core)


@lru_cache(maxsize=4096)  # the same phrases ("on Thursday") recur across a day's articles
def resolve_date(
    text: str,
    published: str | None,
    *,
    anchor: dt.date | None = None,
    tense: str | None = None,
    year_hint: int | None = None,
) -> DateValue | None:
    """Resolve a DATE phrase. Relative phrases ('Saturday night', 'yesterday', 'on Dec. 12') count from the
    publication date; sequence phrases ('two days later', 'the next day') from ``anchor``, the date the text
    was last about (unknown without one). ``tense`` "future" turns weekdays and yearless dates forward.
    None when the phrase states no date (a time of day, an age, a stretch of time, a number that is no year);
    precision "unknown" when it states one that nothing here can resolve. Without a publication date, a
    weekday with its month and day ('Tuesday (Jan 6)') is placed in the year of ``year_hint`` (the latest
    year the text states) or the first after it in which that day falls on that weekday."""
    phrase = " ".join(text.split()).strip(" ,.")
    lowered = phrase.lower()
    base = published_date(published)
    if AGE.search(lowered):
        return None  # "Roe, 51", "a 24-year-old": ages the model tags DATE
    core = _core(lowered)
    if not core or duration_days(core) or LENGTH_ADJECTIVE.match(core):
        return None  # a time of day alone, or a length of time ("two days")
    if CLOCK_LENGTH.search(core) or DECADE.match(core):
        return None  # "24 hours", "the 1990s": a length under a day or a decade
    if is_sequence_phrase(core):
        return _sequence(core, anchor) if anchor else DateValue(None, "unknown", phrase)
    if core in WORDS["relative_days"]:
        if base is None:
            return DateValue(None, "unknown", phrase)
        return DateValue((base + dt.timedelta(days=WORDS["relative_days"][core])).isoformat(), "day", phrase)
    if core in WORDS["week_phrases"]:
        return _week(WORDS["week_phrases"][core], base, phrase) if base else DateValue(None, "unknown", phrase)
    holiday = HOLIDAY_PHRASE.match(core.replace("’", "'"))
    if holiday and (holiday.group("step") or holiday.group("part") or holiday.group("name") not in WORDS["bare_holidays"]):
        if base is None:
            return DateValue(None, "unknown", phrase)
        name = WORDS["bare_holidays"].get(holiday.group("name"), holiday.group("name"))
        step = dt.timedelta(days=WORDS["holiday_steps"].get(holiday.group("step") or "", 0))
        return DateValue((_holiday(name, base, tense) + step).isoformat(), "day", phrase)
    calendar_day = _year_by_weekday(core, year_hint) if base is None and year_hint else None
    if calendar_day is not None:
        return DateValue(calendar_day.isoformat(), "day", phrase)
    weekday = WEEKDAY_PHRASE.match(core) or _trailing_weekday(core)
    if weekday:
        if base is None:
            return DateValue(None, "unknown", phrase)
        day = _weekday(weekday.group("day"), weekday.group(0), base, tense)
        return DateValue(day.isoformat(), "day", phrase)
    if re.fullmatch(r"\d+", core):
        # A bare number is a year only in the years news writes about; '6733' or '2500' never is.
        year = int(core)
        latest = (base.year if base else dt.date.today().year) + 5
        return DateValue(core, "year", phrase) if len(core) == 4 and 1800 <= year <= latest else None
    if SPAN_WORDS.search(core) and not YEAR.search(core):
        return None
    if not NAMES_A_DATE.search(core):
        return None  # "six, the hour": dateparser would read a month or "yesterday" into it
    data = _parser(base).get_date_data(LEADING_PREPOSITION.sub("", core))
    if data.date_obj is None:
        return None
    precision = PRECISION.get(data.period or "day", "day")
    has_year = bool(YEAR.search(core))
    if base is None and not has_year:
        return DateValue(None, "unknown", phrase)  # relative phrase and nothing to resolve it against
    day = data.date_obj.date()
    if not has_year and tense == "future" and base and _cut(day, precision) < _cut(base, precision):
        day = _next_year(day)  # "on Dec. 12" said of what will happen: the coming one
    return DateValue(_cut(day, precision), precision, phrase)


def _year_by_weekday(core: str, year_hint: int) -> dt.date | None:
    """The day a weekday-and-date phrase names, in the first year from ``year_hint`` where the calendar
    agrees (a month and day fall on each weekday within every run of a few years)."""
    match = WEEKDAY_AND_DAY.search(core)
    if match is None:
        return None
    month = MONTH_ABBREVIATIONS.index((match.group("month") or match.group("month2")).lower()[:3]) + 1
    day = int(match.group("day") or match.group("day2"))
    weekday = WEEKDAYS.index(match.group("weekday").lower())
    for year in range(year_hint, year_hint + WORDS["weekday_year_search"]):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate.weekday() == weekday:
            return candidate
    return None


def _next_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


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


# --- the article's own date -------------------------------------------------------------------------------


def _full_date(text: str) -> dt.date | None:
    """A date with day, month and year written out ("March 8, 2013", "14 / 09 / 2013"); US order when
    both numbers could be the month."""
    cleaned = re.sub(r"\s*([/.])\s*(?=\d)", r"\1", text)
    parsed = dateparser.parse(
        cleaned, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "MDY"}
    )
    return parsed.date() if parsed else None


def date_line(line: str) -> tuple[dt.date, str] | None:
    """The date of a line that is a date line ("Updated: November 11, 2011 20:09 IST", "PUBLISHED FRIDAY,
    MARCH 8, 2013 AT 12:46 PM", "21 July 2013 Last updated at 11:11 GMT"): a full date whose other words are
    date-line words, times and at most a few more (a place, an outlet). The first date of the line counts
    (posted before updated)."""
    if not line or len(line.split()) > WORDS["date_line_max_words"]:
        return None
    dates = list(FULL_DATE.finditer(line))
    if not dates:
        return None
    rest = CLOCK.sub(" ", FULL_DATE.sub(" ", line)).lower()
    others = [w for w in re.findall(r"[a-z]+", rest) if w not in DATE_LINE_WORDS]
    if len(others) > WORDS["date_line_spare_words"]:
        return None
    for match in dates:
        day = _full_date(match.group(0))
        if day:
            return day, line.strip()
    return None


def article_anchor(published: str | None, body: str, title: str | None = None) -> DateAnchor | None:
    """The article's own date: the published field, else the first date line among the title and the first
    lines of the text (where sites print 'Updated: ...' or a byline date). None when there is none."""
    day = published_date(published)
    if day:
        return DateAnchor(day, "published", published or "")
    lines = [line for line in body.splitlines() if line.strip()][: WORDS["date_line_lines"]]
    for source, line in [("title", title or "")] + [("text", line) for line in lines]:
        found = date_line(line)
        if found:
            return DateAnchor(found[0], source, found[1])
    return None


# --- the date of the lead's happening ---------------------------------------------------------------------

LEAD_SENTENCES_READ = WORDS["lead_sentences"]  # sentences of the lead lead_date reads
FUTURE_AUXILIARIES = frozenset(WORDS["future_auxiliaries"])
FUTURE_VERBS = frozenset(WORDS["future_verbs"])
BIRTH_WORDS = frozenset(WORDS["birth_words"])
YEAR_PREPOSITIONS = frozenset(WORDS["year_prepositions"])
YEAR_FOLLOWERS = frozenset(WORDS["year_followers"])
ADDRESS_FOLLOWERS = frozenset(WORDS["address_followers"])
DATE_LINE_KEYWORDS = frozenset(WORDS["date_line_keywords"])
REPORTING_VERBS = frozenset(WORDS["reporting_verbs"])
AFTERMATH_VERBS = frozenset(WORDS["aftermath_verbs"])
HAPPENING_NOUNS = frozenset(WORDS["happening_nouns"])
HAPPENING_VERBS = frozenset(WORDS["happening_verbs"])
HAPPENING_SUBJECTS = HAPPENING_NOUNS | frozenset(WORDS["happening_pronouns"])
EVENING_CLOCK = re.compile(r"\b(?P<hour>\d{1,2})(?:[:.]\d\d)?\s*p\.?\s?m\b", re.IGNORECASE)
EVENING_HOURS = range(WORDS["evening_pm_hours"][0], WORDS["evening_pm_hours"][1] + 1)
DAY_WORDS = frozenset(WEEKDAYS) | frozenset(w for w in WORDS["relative_days"] if " " not in w)
# A named day of the year the model may leave untagged ("during a New Year's Eve shooting"), with its step or
# part of the day; a bare "Christmas" is no day (see HOLIDAY_PHRASE).
UNTAGGED_HOLIDAY = re.compile(
    rf"(?<![\w'])(?:(?:{_alternation(list(WORDS['holiday_steps']))}) )?(?:the )?"
    rf"(?:{_alternation([*WORDS['fixed_holidays'], *WORDS['weekday_holidays']])})"
    rf"(?: (?:{_alternation(WORDS['parts_of_day'])}))*(?![\w'])",
    re.IGNORECASE,
)


def _governor(token: Token) -> Token:
    """The verb a date phrase hangs from (the sentence's root when the parse gives none)."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


def clause_tense(span: Span) -> str | None:
    """'future' for a scheduled or coming happening ('will be arraigned Monday', 'is scheduled for Dec. 12',
    'is expected to appear Friday'), 'past' for a past-tense clause, else None."""
    verb = _governor(span.root)
    for word in (verb, verb.head):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUXILIARIES for c in word.children):
            return "future"
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if infinitive and (verb.head.lemma_ in FUTURE_VERBS or verb.head.lower_ == "going"):
        return "future"
    if verb.lemma_ in FUTURE_VERBS and verb.tag_ == "VBN" and span.root.head.lower_ == "for":
        return "future"  # 'set for Monday', 'scheduled for Dec. 12'
    if verb.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" and c.dep_.startswith("aux") for c in verb.children):
        return "past"
    return None


def _is_birth(span: Span) -> bool:
    verb = _governor(span.root)
    return any(w.lemma_.lower() in BIRTH_WORDS or w.lower_ in BIRTH_WORDS for w in (verb, span.root.head))


def _bare_number_is_year(span: Span) -> bool:
    """'in 2019', "2019's election", 'the 2019 season' make a number a year; an address or count never."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and (after.lower_ in ADDRESS_FOLLOWERS or after.is_title or after.like_num):
        return after.lower_ in YEAR_FOLLOWERS
    return bool(
        (before is not None and before.lower_ in YEAR_PREPOSITIONS)
        or (after is not None and after.lower_ in YEAR_FOLLOWERS)
    )


def _date_phrases(sentence: Span) -> list[Span]:
    """DATE and TIME entities of the sentence, plus day words and named days the model left untagged, in text
    order."""
    phrases = [e for e in sentence.ents if e.label_ in ("DATE", "TIME")]
    covered = {t.i for e in phrases for t in e}
    for match in UNTAGGED_HOLIDAY.finditer(sentence.text.replace("’", "'")):
        start, end = sentence.start_char + match.start(), sentence.start_char + match.end()
        named = sentence.doc.char_span(start, end, alignment_mode="expand")
        if named is not None and not any(t.i in covered for t in named):
            phrases.append(named)
            covered.update(t.i for t in named)
    for token in sentence:
        if token.lower_ in DAY_WORDS and token.i not in covered:
            end = token.i + 1
            if end < sentence.end and sentence.doc[end].lower_ in WORDS["parts_of_day"]:
                end += 1
            phrases.append(sentence.doc[token.i : end])
    return sorted(phrases, key=lambda s: s.start)


def _lead(sentences: list[Span]) -> list[Span]:
    """The first sentences of the story proper, date lines left out. Fragments the sentencer cut off after an
    abbreviation ('at 11:42 a.m.' | 'Monday in the ...') stay in but do not count towards the length."""
    lead, counted = [], 0
    for sentence in sentences:
        if date_line(sentence.text) or not any(t.is_alpha for t in sentence):
            continue
        lead.append(sentence)
        counted += len(sentence) > 4
        if counted == LEAD_SENTENCES_READ:
            break
    return lead


def _dates_the_page(phrase: Span) -> bool:
    """'Posted: Monday, February 2, 2015': the page's own date inside a line of text, not a happening's."""
    before = [t for t in phrase.doc[max(phrase.start - 3, 0) : phrase.start] if not t.is_punct]
    return any(t.lower_ in DATE_LINE_KEYWORDS for t in before)


def _is_age(phrase: Span) -> bool:
    """'18-year old', '18-year-old' split by the tagger: the phrase runs into 'old'."""
    following = phrase.doc[phrase.end : phrase.end + 2]
    return any(t.lower_ in WORDS["age_words"] for t in following) and "year" in phrase.text.lower()


def dates_the_saying(phrase: Span) -> bool:
    """'police said Sunday': the day something was said. A phrase before the reporting verb of a sentence
    that reports a clause ('two men were shot late Saturday, police said') dates the clause, however the
    small model attaches it; so does a phrase after the start of the reported clause ('police said the boy
    was shot on May 6'). A day before a reporting verb in the present tense ('On Monday, his family says he
    was cleaning a rifle') is not the saying's: that is now."""
    verb = _governor(phrase.root)
    if verb.lemma_ not in REPORTING_VERBS:
        return False
    if phrase.start > verb.i:
        return not any(c.dep_ == "ccomp" and verb.i < c.i < phrase.start for c in verb.children)
    if verb.tag_ in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ == "ccomp" and c.i < phrase.start for c in verb.children)


def is_street_ordinal(phrase: Span) -> bool:
    """'near 19th and Topping', 'on 35th Street': an ordinal alone names a day only as 'the 19th'."""
    if not re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", phrase.text.strip(), re.IGNORECASE):
        return False
    return phrase.start == 0 or phrase.doc[phrase.start - 1].lower_ != "the"


def _phrase_date(
    phrase: Span, base: str | None, previous: dt.date | None, year_hint: int | None = None
) -> DateValue | None:
    """What a phrase dates when it can date a past happening: not a scheduled date, a birth, an age, the
    page's own date, the day something was said, a number that is no year, or a street's ordinal."""
    text = phrase.text.strip()
    if re.fullmatch(r"\d+", text) and not _bare_number_is_year(phrase):
        return None
    if is_street_ordinal(phrase):
        return None
    if _dates_the_page(phrase) or _is_age(phrase):
        return None
    tense = clause_tense(phrase)
    if tense == "future" or _is_birth(phrase) or dates_the_saying(phrase):
        return None
    return resolve_date(text, base, anchor=previous, tense=tense, year_hint=year_hint)


def latest_year_stated(doc: Doc) -> int | None:
    """The latest year the text writes out: an undated article was written no earlier."""
    years = [int(y) for e in doc.ents if e.label_ == "DATE" for y in YEAR.findall(e.text)]
    return max(years) if years else None


def _is_background(value: DateValue, anchor: DateAnchor | None, latest_year: int | None) -> bool:
    """Long before the article's date, or after it (a past happening cannot be); or the article's own year
    ('this year', 'in 2017' of a 2017 report), which frames tallies and seasons rather than dating a happening.
    Without the article's date: a date from before the latest year the text states ('in 1999' in a story
    that also speaks of 2008) is background."""
    last, first = value.last_day(), value.first_day()
    if anchor is None:
        return latest_year is not None and last.year < latest_year
    if value.precision == "year" and first.year == anchor.day.year:
        return True
    return last < anchor.day - dt.timedelta(days=WORDS["background_days"]) or first > anchor.day


def _earlier_same_story(value: DateValue, found: DateValue, reach: int) -> bool:
    """'police on Monday identified the girl slain Sunday night': a sentence that dates both the news and,
    a few days earlier (at most ``reach``), the happening it is about; the happening is the earlier day."""
    if value.precision != "day" or found.precision != "day":
        return False
    days = (found.first_day() - value.first_day()).days
    return 0 < days <= reach


def _dates_aftermath(phrase: Span) -> bool:
    """'charged Tuesday', 'identified Friday', 'died Monday': the day of something that followed a happening."""
    return _governor(phrase.root).lemma_.lower() in AFTERMATH_VERBS


def _dates_happening(phrase: Span) -> bool:
    """'a May 25 shooting', 'his death on Aug. 25, 2014', 'the shooting happened on March 7', 'it happened the
    afternoon of Sept. 10': a day written on the happening itself, not on what followed it."""
    head = phrase.root.head
    if head.dep_ == "prep" and head.i != phrase.root.i:
        head = head.head
    if head.lemma_.lower() in HAPPENING_NOUNS:
        return True
    verb = _governor(phrase.root)
    if verb.lemma_.lower() not in HAPPENING_VERBS:
        return False
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in HAPPENING_NOUNS:
        return True  # 'a shooting that occurred Thursday'
    return any(c.dep_.startswith("nsubj") and c.lemma_.lower() in HAPPENING_SUBJECTS for c in verb.children)


def _dates_own_happening(phrase: Span) -> bool:
    """'wounding both early Friday', 'a shooting that occurred Thursday': a day on the happening itself (not on
    what followed it), which a day a little earlier in the lead (the quarrel before, a gun left out the day
    before) does not move."""
    verb = _governor(phrase.root)
    if verb.lemma_.lower() in AFTERMATH_VERBS:
        return False
    kind = lexicon().type_of(verb)
    return (kind is not None and is_happening(kind)) or _dates_happening(phrase)


def _holds(found: DateValue, day: dt.date, anchor: DateAnchor | None) -> bool:
    """Whether a day lies in a month or year the lead gave; for a week phrase (whose value is the month that
    holds it) not after the week: a Tuesday of this week does not refine 'last week'."""
    core = _core(found.text or "")
    last = found.last_day()
    if anchor is not None and core in WORDS["week_phrases"]:
        last = min(last, _week_days(WORDS["week_phrases"][core], anchor.day)[1])
    return found.first_day() <= day <= last


def _may_move_earlier(phrase: Span, own: bool) -> bool:
    """Whether an earlier day of the lead may take over from the day found. Over a day on the happening itself
    (``own``) only a day the lead also writes on the happening ('the shooting happened Sunday') or with its
    month ('officers responded on Friday, March 10') does: a day on anything else is of what led up to it."""
    return not own or _dates_happening(phrase) or yearless_day(phrase.text) is not None


def _recalls_happening(value: DateValue, phrase: Span, anchor: DateAnchor | None) -> bool:
    """A day the lead writes on its happening, up to ``recalled_happening_days`` before the article's date."""
    if anchor is None or value.precision != "day" or not _dates_happening(phrase):
        return False
    return 0 <= (anchor.day - value.first_day()).days <= WORDS["recalled_happening_days"]


def lead_date(doc: Doc, sentences: list[Span], anchor: DateAnchor | None) -> DateValue | None:
    """The date of the article's main happening: the first date phrase of the lead that dates what happened
    (not a scheduled or future date, a birth, an age, or a background date more than ``background_days``
    before the article's date). A month or year is refined by a later day of the lead within it. A lead that
    dates its news first ('identified Monday', 'arrested Monday') and, in the same or the next
    ``same_story_sentences`` sentences, a day at most ``same_story_days`` earlier ('slain Saturday night') is
    about that earlier happening; so is a lead whose first day dates what followed a happening ('charged
    Tuesday', 'died Monday': ``aftermath_verbs``) and that states a day at most ``aftermath_days`` earlier
    further on (an arrest weeks after a shooting: 'arrested Wednesday ... was shot on November 13'). Such a
    lead, or one that dates nothing of its own, is dated by a day it writes on the happening itself however
    long ago (court news: 'was sentenced Tuesday for the March 16, 2014 shooting'; ``_recalls_happening``).
    A first day on the happening itself ('wounded early Friday') gives way only to an earlier one also on it
    or with its month (``_may_move_earlier``).
    Sequence phrases ('two days later') count from the last date the lead stated. ``doc`` is the sentences'
    Doc.

    A first phrase that cannot be placed (a weekday in an undated article) gives precision "unknown" rather
    than a later, likely background, date of the lead. With no date phrase at all, the anchor's day is taken
    when the lead tells a past happening (a past-tense verb): a report with no date of its own is most often
    about the day it was written (about half the time on news of shootings; text "" marks the inherited
    date). A lead whose past happening has an evening clock time and no day ('at about 9 p.m.') is about the
    evening before the anchor's day: such reports are dated when they go out, the next day. A lead in the
    present or future tense, or an article with no date of its own, gives None."""
    base = anchor.iso if anchor else None
    previous: dt.date | None = None
    found: DateValue | None = None
    unknown: DateValue | None = None
    latest_year = latest_year_stated(doc) if anchor is None else None
    lead = _lead(sentences or list(doc.sents))
    settled: int | None = None  # the sentence that gave the day; a few more may give its happening's earlier day
    aftermath = False  # whether the day found dates what followed the happening ('charged Tuesday')
    own = False  # whether the day found dates the happening itself ('wounded early Friday')
    recalled: DateValue | None = None  # the first day the lead writes on the happening itself
    for number, sentence in enumerate(lead):
        if settled is not None and number > settled + WORDS["same_story_sentences"] and not aftermath:
            break  # a day that dates what followed (an arrest) lets the whole lead give the happening's day
        for phrase in _date_phrases(sentence):
            value = _phrase_date(phrase, base, previous, latest_year)
            if value is None:
                continue
            if value.iso is None:  # 'on Saturday' in an undated article: the happening's date is unknown,
                unknown = unknown or value  # and a later date of the lead is more likely background
                continue
            previous = value.first_day() if value.precision == "day" else previous
            if recalled is None and _recalls_happening(value, phrase, anchor):
                recalled = value
            if _is_background(value, anchor, latest_year):
                continue
            reach = WORDS["aftermath_days"] if aftermath else WORDS["same_story_days"]
            if found is None or (_may_move_earlier(phrase, own) and _earlier_same_story(value, found, reach)):
                found, aftermath, own = value, _dates_aftermath(phrase), _dates_own_happening(phrase)
            elif settled is None and value.precision == "day" and _holds(found, value.first_day(), anchor):
                return value  # a month or year the lead goes on to give the day of
        if found is not None and found.precision == "day":
            settled = number if settled is None else settled
            continue
        if unknown is not None:
            return found or unknown
    if recalled is not None and (found is None or (aftermath and recalled.first_day() < found.first_day())):
        return recalled
    if found is not None:
        return found
    if anchor is not None and any(_evening_past(phrase) for sentence in lead for phrase in _date_phrases(sentence)):
        return DateValue((anchor.day - dt.timedelta(days=1)).isoformat(), "day", "")
    past = any(t.tag_ == "VBD" or (t.tag_ == "VBN" and t.dep_ != "amod") for s in lead[:2] for t in s)
    return DateValue(anchor.iso, "day", "") if anchor is not None and past else None


def _evening_past(phrase: Span) -> bool:
    """'shot at about 9:30 p.m.' with no day named: an evening that a report dated the next day tells of."""
    match = EVENING_CLOCK.search(phrase.text)
    return match is not None and int(match.group("hour")) in EVENING_HOURS and clause_tense(phrase) == "past"


# A month and day written without a year ("Jan. 4", "4th of January"): a report writes the current year's days so.
YEARLESS_DAY = re.compile(
    rf"\b(?:(?P<month>{MONTH_NAME})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<month2>{MONTH_NAME}))(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})(?!\s*(?:st|nd|rd|th)?,?\s*(?:1[89]|20)\d\d)",
    re.IGNORECASE,
)
# A page's time stamp: a yearless day followed by the clock time it was posted ("Dec. 18-11:14 pm et").
TIME_STAMP = re.compile(rf"{YEARLESS_DAY.pattern}\s*[-–,|]?\s*\d{{1,2}}:\d\d\s*[ap]\.?m\b", re.IGNORECASE)
WEEKDAY_WORD = re.compile(rf"\b(?P<weekday>{'|'.join(WEEKDAYS)})\b", re.IGNORECASE)


def yearless_day(text: str) -> str | None:
    """The month and day ("MM-DD") a phrase states without a year, if it states one."""
    match = YEARLESS_DAY.search(text)
    if match is None:
        return None
    month = MONTH_ABBREVIATIONS.index((match.group("month") or match.group("month2")).lower()[:3]) + 1
    day = int(match.group("day") or match.group("day2"))
    return f"{month:02d}-{day:02d}" if 1 <= day <= 31 else None


def stamped_days(text: str) -> list[str]:
    """The yearless days ("MM-DD") a text's time stamps print: the day a page was posted."""
    return [day for match in TIME_STAMP.finditer(text) if (day := yearless_day(match.group(0)))]


def named_weekday(text: str) -> str | None:
    """The weekday a phrase names ('on Sunday night' -> 'sunday')."""
    match = WEEKDAY_WORD.search(text)
    return match.group("weekday").lower() if match else None


def weekday_of(iso_day: str) -> str:
    """The weekday an ISO day ("YYYY-MM-DD") fell on ('thursday')."""
    return WEEKDAYS[dt.date.fromisoformat(iso_day).weekday()]


def day_on_weekday(month_day: str, weekday: str, from_year: int) -> dt.date | None:
    """The first day ``month_day`` ("MM-DD") falls on ``weekday`` from ``from_year`` on, within the years where
    every month-day meets every weekday: a yearless date one report gives and the weekday another gives."""
    month, day = (int(part) for part in month_day.split("-"))
    wanted = WEEKDAYS.index(weekday)
    for year in range(from_year, from_year + WORDS["weekday_year_search"]):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue  # 29 February outside a leap year
        if candidate.weekday() == wanted:
            return candidate
    return None


YEARS_AGO = re.compile(r"\b([\w-]+) years? ago\b", re.IGNORECASE)
_YEARS_AGO_REACH = 300  # characters before 'four years ago' where the year it counts from is written
# A year a clause about what is to come gives as the time of its happening: 'Smith will make his debut in 2010',
# 'the plant is set to close by the end of 2009'. The clause runs back to the nearest comma or sentence end.
FUTURE_YEAR = re.compile(
    rf"\b(?:{_alternation(WORDS['future_year_markers'])})\b[^.;:!?,\n]*?"
    rf"\b(?:{_alternation(WORDS['future_year_prepositions'])})[\s-]+(?P<year>(?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)


def _future_year_spans(text: str) -> set[int]:
    """Where the years of clauses about the future start: a year a report announces is still to come."""
    return {match.start("year") for match in FUTURE_YEAR.finditer(text)}


def written_year(text: str) -> int | None:
    """The year a text was written at the earliest: the latest year it states, or a year it states plus the
    years it says have passed since ('a repeat of the 2004 tsunami. The catastrophe four years ago'). A year
    a clause about the future gives ('will make his debut in 2010') is not one: a report comes before the
    future it announces."""
    future = _future_year_spans(text)
    years = [int(match.group(0)) for match in YEAR.finditer(text) if match.start() not in future]
    for match in YEARS_AGO.finditer(text):
        since = [int(y) for y in YEAR.findall(text[max(0, match.start() - _YEARS_AGO_REACH) : match.start()])]
        passed = parse_number(match.group(1))
        if since and passed:
            years.append(since[-1] + passed)
    return max(years, default=None)


def written_by(text: str) -> int | None:
    """The year a text was written at the latest: the earliest year a clause of it about the future gives
    ('will not leave until the end of 2009'), when no year it states as past is later."""
    future = sorted(int(text[start : start + 4]) for start in _future_year_spans(text))
    earliest = future[0] if future else None
    return earliest if earliest is not None and earliest >= (written_year(text) or 0) else None
