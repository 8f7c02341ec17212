"""Counts as stated ("more than 100", "dozens", "Fifty-two") turned into Quantity ranges."""

from __future__ import annotations

import re

from text_to_num import text2num

from storyline.records import Quantity

# Words before a number and what they say about the range; the longest match wins.
QUALIFIERS = (
    ("more than", "more_than"),
    ("over", "more_than"),
    ("upwards of", "more_than"),
    ("in excess of", "more_than"),
    ("at least", "at_least"),
    ("no fewer than", "at_least"),
    ("no less than", "at_least"),
    ("up to", "up_to"),
    ("as many as", "up_to"),
    ("at most", "up_to"),
    ("fewer than", "less_than"),
    ("less than", "less_than"),
    ("under", "less_than"),
    ("nearly", "almost"),
    ("almost", "almost"),
    ("about", "about"),
    ("around", "about"),
    ("approximately", "about"),
    ("roughly", "about"),
    ("some", "about"),
    ("an estimated", "about"),
    ("another", "another"),
)
# Vague plural counts: their range, by the scale word.
VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "several": (3, 9),
    "a few": (2, 5),
    "a dozen": (12, 12),
}
ABOUT_MARGIN = 0.1
# No count of people or things in the news comes near ten billion: a longer figure is an identifier, a
# garbled scrape or hostile input, and read as a number it would overflow the float arithmetic of ranges
# (400 digits) or Python's int parsing limit (over 4,300 digits). It is refused as a count, not as a document.
MAX_COUNT = 10**10


def parse_number(text: str) -> int | None:
    """'1,000' -> 1000; 'Fifty-two' -> 52 (text2num); '5' -> 5; anything else (or above MAX_COUNT) -> None."""
    cleaned = text.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+", cleaned):
        digits = cleaned.lstrip("0") or "0"
        return int(digits) if len(digits) <= len(str(MAX_COUNT)) and int(digits) <= MAX_COUNT else None
    try:
        value = text2num(cleaned.replace(" - ", "-"), "en")
    except (ValueError, OverflowError):
        return None
    return value if value is None or value <= MAX_COUNT else None


def parse_quantity(text: str) -> Quantity | None:
    """A Quantity from the words of a count, qualifier words included; None when no count is stated."""
    phrase = " ".join(text.split())
    lowered = phrase.lower()
    for word, (low, high) in VAGUE.items():
        if re.fullmatch(rf"(?:{word})(?: of)?", lowered):
            return Quantity(phrase, None, low, high, word.replace("a ", ""))
    qualifier, rest = "exact", lowered
    for words, name in sorted(QUALIFIERS, key=lambda q: -len(q[0])):
        if lowered.startswith(words + " "):
            qualifier, rest = name, lowered[len(words) + 1 :]
            break
    rest = re.sub(r"\s+of(?: the)?$", "", rest).strip()
    value = parse_number(rest)
    if value is None:
        return None
    low, high = {
        "exact": (value, value),
        "another": (value, value),
        "more_than": (value + 1, None),
        "at_least": (value, None),
        "up_to": (None, value),
        "less_than": (None, value - 1),
        "almost": (int(value * (1 - ABOUT_MARGIN)), value),
        "about": (int(value * (1 - ABOUT_MARGIN)), round(value * (1 + ABOUT_MARGIN))),
    }[qualifier]
    return Quantity(phrase, value, low, high, qualifier)


def part_of(quantity: Quantity) -> Quantity:
    """The same count marked as a part of a larger group ("nine of the freed")."""
    return Quantity(quantity.text, quantity.value, quantity.low, quantity.high, "part_of")
