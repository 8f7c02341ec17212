"""The facts stage: typed event mentions (ACE-style types with CAMEO/PLOVER codes), with their arguments,
counts by role, dates, places and relations."""

from storyline.facts.counts import count_words
from storyline.facts.dates import (
    LEAD_SENTENCES_READ,
    day_on_weekday,
    named_weekday,
    stamped_days,
    weekday_of,
    written_by,
    written_year,
    yearless_day,
)
from storyline.facts.extract import LEAD_SENTENCES, extract_facts, lead_fact
from storyline.facts.lexicon import lexicon
from storyline.facts.vocabulary import dominant_type, event_type, event_types, is_context, is_happening, is_sequel
from storyline.records import ParseNeeds


def parse_needs() -> ParseNeeds:
    """The sentences the facts stage reads the dependency parse of (the nlp stage parses only those): the
    lead, where the date of the happening is told, and every sentence holding a trigger or count word."""
    return ParseNeeds(lexicon().lemmas() | count_words(), LEAD_SENTENCES_READ)


__all__ = [
    "LEAD_SENTENCES",
    "day_on_weekday",
    "dominant_type",
    "event_type",
    "event_types",
    "extract_facts",
    "is_context",
    "is_happening",
    "is_sequel",
    "lead_fact",
    "named_weekday",
    "parse_needs",
    "stamped_days",
    "weekday_of",
    "written_by",
    "written_year",
    "yearless_day",
]
