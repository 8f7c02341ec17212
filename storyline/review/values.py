"""What a reviewer may type for an attribute, how it is checked, and how it becomes the settled value.

Every attribute value travels as one line of text (the ``reviews`` table keeps it as the reviewer's
words, normalised): a count as "14", "12-15", "more than 30" or "at least 31"; a date as ISO "2031",
"2031-04" or "2031-04-01"; a place as "City[, Country]" or "City, Region, Country"; an actor, a target or
any other attribute the sources state (object, exchange, ...) as words; an event type by its vocabulary
name ("Conflict:Attack"). The grammar is a handful of patterns, so it is written out here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from storyline.facts import event_type as type_of
from storyline.facts.counts import ROLES as COUNT_ROLES
from storyline.reconcile import settled_claim
from storyline.records import (
    Article,
    DateValue,
    EventFacts,
    Party,
    Place,
    Quantity,
    Reconciliation,
)

COUNT_PREFIX = "count."
EVENT_ATTRIBUTES = ("date", "place", "actor", "target", "event_type")  # fields of EventFacts besides counts
MAX_VALUE_CHARS = 500

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_EXACT = re.compile(r"\d+")
_RANGE = re.compile(r"(\d+)\s*(?:-|–|to)\s*(\d+)")
_MORE_THAN = re.compile(r"(?:more than|over|>)\s*(\d+)")
_AT_LEAST = re.compile(r"(?:at least|>=)\s*(\d+)|(\d+)\s*[+-]")


def canonical_attribute(attribute: str) -> str:
    """The attribute as stored: a count role alone ("killed") means its count ("count.killed")."""
    name = attribute.strip()
    return f"{COUNT_PREFIX}{name}" if name in COUNT_ROLES else name


def known_attributes(reconciliations: list[Reconciliation]) -> list[str]:
    """The attributes of an event a review may name: its settled fields, every count role, and every
    attribute its sources state."""
    counts = [f"{COUNT_PREFIX}{role}" for role in COUNT_ROLES]
    stated = [result.attribute for result in reconciliations]
    return list(dict.fromkeys([*EVENT_ATTRIBUTES, *counts, *stated]))


def clean_text(value: str | None, what: str) -> str:
    """A reviewer's words on one line: empty, over-long or control-character values are refused."""
    text = (value or "").strip()
    if not text:
        raise ValueError(f"{what}: a value is needed")
    if len(text) > MAX_VALUE_CHARS:
        raise ValueError(f"{what}: the value is longer than {MAX_VALUE_CHARS} characters")
    if _CONTROL.search(text):
        raise ValueError(f"{what}: the value holds control characters or line breaks")
    return text


def normalize(attribute: str, value: str | None) -> str:
    """The value as stored, after checking it reads as a value of this attribute (ValueError if not)."""
    text = clean_text(value, attribute)
    if attribute.startswith(COUNT_PREFIX):
        return count_text(parse_count(text))
    if attribute == "date":
        return parse_date(text).key() or text
    if attribute == "event_type" and type_of(text) is None:
        raise ValueError(f"event_type: {text!r} is not an event type of the vocabulary (e.g. Conflict:Attack)")
    if attribute == "place":
        return place_text(parse_place(text))
    return text


def parse_count(text: str) -> Quantity:
    """'14', '12-15', 'more than 30', 'at least 31' (also '31+'); thousands separators allowed."""
    words = text.lower().replace(",", "").strip()
    if _EXACT.fullmatch(words):
        number = int(words)
        return Quantity(text, number, number, number, "exact")
    if match := _RANGE.fullmatch(words):
        low, high = int(match[1]), int(match[2])
        if low > high:
            raise ValueError(f"count: the range {text!r} runs backwards (write the lower figure first)")
        return Quantity(text, None, low, high, "range") if low < high else Quantity(text, low, low, low, "exact")
    if match := _MORE_THAN.fullmatch(words):
        number = int(match[1])
        return Quantity(text, number, number + 1, None, "more_than")
    if match := _AT_LEAST.fullmatch(words):
        number = int(match[1] or match[2])
        return Quantity(text, number, number, None, "at_least")
    raise ValueError(
        f"count: {text!r} is not a count (write a whole number such as 14, a range such as 12-15, "
        "'more than 30' or 'at least 31')"
    )


def count_text(quantity: Quantity) -> str:
    """A settled count as a reviewer would write it (and ``parse_count`` reads back)."""
    if quantity.qualifier == "none_reported":
        return "0"
    if quantity.low is not None and quantity.low == quantity.high:
        return str(quantity.low)
    if quantity.qualifier == "more_than" and quantity.value is not None:
        return f"more than {quantity.value}"
    if quantity.low is not None and quantity.high is None:
        return f"at least {quantity.low}"
    if quantity.low is not None and quantity.high is not None:
        return f"{quantity.low}-{quantity.high}"
    return quantity.text


def parse_date(text: str) -> DateValue:
    date = DateValue.of_iso(text.strip())
    if date.first_day() is None:
        raise ValueError(f"date: {text!r} is not a date (write YYYY, YYYY-MM or YYYY-MM-DD, a day that exists)")
    return DateValue(date.iso, date.precision, text.strip())


def parse_day(text: str) -> str:
    """An article's publication day: YYYY-MM-DD only, as articles carry it."""
    date = parse_date(clean_text(text, "date"))
    if date.precision != "day":
        raise ValueError(f"date: an article's date is a day, YYYY-MM-DD (got {text!r})")
    return date.iso or text


def parse_place(text: str) -> Place:
    """'Vesk' is a city; 'Vesk, Norland' a city and its country; 'Vesk, Ostmark, Norland' city, region and
    country. An empty part leaves its level unknown (', , Norland' is a country alone)."""
    parts = [part.strip() or None for part in text.split(",")]
    if len(parts) > 3:
        raise ValueError(f"place: {text!r} has more than three parts (write City, Region, Country)")
    if len(parts) == 1:
        city, region, country = parts[0], None, None
    elif len(parts) == 2:
        city, region, country = parts[0], None, parts[1]
    else:
        city, region, country = parts
    if not (city or region or country):
        raise ValueError(f"place: {text!r} names no place")
    return Place(text, city, region, country, source="review")


def place_text(place: Place | None) -> str | None:
    """A place in the form ``parse_place`` reads: three parts whenever the region is known."""
    if place is None:
        return None
    if place.region:
        return ", ".join(part or "" for part in (place.city, place.region, place.country))
    if place.city and place.country:
        return f"{place.city}, {place.country}"
    if place.city:
        return place.city
    if place.country:
        return f", , {place.country}"
    return place.text or None


def settled_value(facts: EventFacts, reconciliations: list[Reconciliation], attribute: str,
                  articles: dict[str, Article]) -> str | None:
    """The value the ledger shows for an attribute now, as text (None when nothing is settled)."""
    if attribute.startswith(COUNT_PREFIX):
        quantity = facts.counts.get(attribute.removeprefix(COUNT_PREFIX))
        return count_text(quantity) if quantity else None
    if attribute == "date":
        return facts.date.key() if facts.date else None
    if attribute == "place":
        return place_text(facts.place)
    if attribute in ("actor", "target"):
        parties = facts.actors if attribute == "actor" else facts.targets
        return parties[0].text if parties else None
    if attribute == "event_type":
        return facts.event_type
    result = next((r for r in reconciliations if r.attribute == attribute and r.claims), None)
    return settled_claim(result, articles).value if result else None


def with_value(facts: EventFacts, attribute: str, value: str) -> EventFacts:
    """The event's facts with one attribute set to a reviewed value. An attribute EventFacts has no field
    for (object, exchange, ...) changes nothing here: the claims export and the timeline show it."""
    if attribute.startswith(COUNT_PREFIX):
        return replace(facts, counts={**facts.counts, attribute.removeprefix(COUNT_PREFIX): parse_count(value)})
    if attribute == "date":
        return replace(facts, date=parse_date(value))
    if attribute == "place":
        return replace(facts, place=parse_place(value))
    if attribute == "actor":
        return replace(facts, actors=[Party(value)])
    if attribute == "target":
        return replace(facts, targets=[Party(value)])
    if attribute == "event_type" and (kind := type_of(value)) is not None:
        return replace(facts, event_type=value, cameo=kind.cameo, plover=kind.plover)
    return facts
