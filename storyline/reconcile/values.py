"""Comparable forms of stated values, and when two of them can describe the same thing.

Three kinds of value are reconciled: counts (ranges that agree when they overlap), dates (that agree at
their common precision) and words (names, places, objects: that agree when one says what the other says,
possibly with more words). Each kind gives a ``compatible`` test and a ``width`` (how much a value leaves
open), so the reconciler can prefer the most specific of several agreeing statements.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz

from storyline.reconcile.affiliations import acts_for
from storyline.records import Party, Quantity

Comparable = TypeVar("Comparable")

# Below this rapidfuzz token-set score two wordings name different things ("sanctions on potash" vs
# "sanctions on an airline" score about 70; "Minsk" vs "the capital Minsk" scores 100).
TEXT_AGREEMENT_SCORE = 85.0
# Words that name people without saying which ("31 people"): such a wording allows any more specific one
# ("31 political prisoners"), as "more than 80" allows 85.
GENERIC_PERSON_WORDS = frozenset({"people", "persons", "person", "individuals", "others", "ones", "those"})

# Determiners and possessives say nothing about which thing is meant ("its sanctions on potash").
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "this",
        "that",
        "these",
        "those",
        "some",
        "several",
        "all",
        "most",
        "any",
    ]
)
_NON_WORD = re.compile(r"[^\w\s-]+")


@dataclass(frozen=True)
class ValueKind(Generic[Comparable]):
    """How values of one kind are compared."""

    name: str
    compatible: Callable[[Comparable, Comparable], bool]
    width: Callable[[Comparable], float]


# --- counts ---------------------------------------------------------------------------------------------

CountRange = tuple[int | None, int | None]  # (low, high); None is unbounded on that side


def count_range(quantity: Quantity) -> CountRange | None:
    """The range a stated count allows; a bare number is exact. None when the count says nothing."""
    if quantity.low is not None or quantity.high is not None:
        return (quantity.low, quantity.high)
    if quantity.value is not None:
        return (quantity.value, quantity.value)
    return None


def ranges_overlap(first: CountRange, second: CountRange) -> bool:
    lows = [bound for bound in (first[0], second[0]) if bound is not None]
    highs = [bound for bound in (first[1], second[1]) if bound is not None]
    return not lows or not highs or max(lows) <= min(highs)


def range_width(count: CountRange) -> float:
    low, high = count
    if low is None or high is None:
        return float("inf")
    return float(high - low)


def normalized_range(count: CountRange) -> str:
    """The comparable form: "123" exact, "101-" for "more than 100", "-1000" for "up to 1,000", "12-99"."""
    low, high = count
    if low is not None and low == high:
        return str(low)
    return f"{'' if low is None else low}-{'' if high is None else high}"


COUNT = ValueKind[CountRange]("count", ranges_overlap, range_width)


# --- dates ----------------------------------------------------------------------------------------------


def dates_agree(first: str, second: str) -> bool:
    """Two ISO prefixes agree when they are equal at the coarser one's precision."""
    common = min(len(first), len(second))
    return first[:common] == second[:common]


def date_width(iso: str) -> float:
    return {10: 1.0, 7: 31.0, 4: 366.0}.get(len(iso), float("inf"))


DATE = ValueKind[str]("date", dates_agree, date_width)


# --- words ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Wording:
    """A named or described value as it is compared: its normalised words, and the entity they name when
    nlp resolved one (two resolved entities are the same only when they are one entity, or one acts for
    the other)."""

    words: str
    entity: str | None = None


def normalized_text(text: str, leave_out: str = "") -> str:
    """The form two wordings are compared in: the phrase before any appositive or trailing clause (the
    first ", "), lower case, without punctuation, function words or the words ``leave_out`` (a count
    inside "123 political prisoners")."""
    if leave_out:
        text = text.replace(leave_out, " ")
    head = text.split(", ", 1)[0]  # ", " and not ",": "1,000" stays whole
    words = _NON_WORD.sub(" ", head.casefold()).split()
    return " ".join(word for word in words if word not in _FUNCTION_WORDS)


def wording_of(value: Party | str, leave_out: str = "") -> Wording:
    """How a party (with its entity) or plain words are compared."""
    if isinstance(value, Party):
        return Wording(normalized_text(value.text, leave_out), value.entity)
    return Wording(normalized_text(value, leave_out))


@functools.lru_cache(maxsize=1 << 16)  # an article's statements are compared pairwise, at every build
def texts_agree(first: Wording, second: Wording) -> bool:
    """The same entity, or one wording contained in the other up to small spelling differences, or one of
    them only says 'people', or one names an official of the state the other names (a head of state acts
    for it). Two different entities agree only when so affiliated; an entity against plain words by the
    words."""
    if first == second or (first.entity is not None and first.entity == second.entity):
        return True
    if acts_for(first.words, second.words) or acts_for(second.words, first.words):  # "Lukashenko" / "Belarus"
        return True
    if first.entity and second.entity:
        return False
    if not (first.entity or second.entity) and (is_generic(first.words) or is_generic(second.words)):
        return True
    return fuzz.token_set_ratio(first.words, second.words) >= TEXT_AGREEMENT_SCORE


def is_generic(text: str) -> bool:
    """Whether a compared wording only says 'people' (its count and function words already left out)."""
    words = text.split()
    return bool(words) and all(word in GENERIC_PERSON_WORDS for word in words)


TEXT = ValueKind[Wording]("text", texts_agree, lambda wording: -float(len(wording.words.split())))
