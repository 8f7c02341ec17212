"""The ledger as flat, typed rows, the shape GDELT and ACLED users load into pandas or a spreadsheet.

Each table declares its columns once, in order and with their type, so every row has every column (None
when absent) and the writers can format a cell by its column's type: integers stay integers, lists stay
lists until a format that cannot hold them joins them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from storyline.facts.counts import ROLES as COUNT_ROLES
from storyline.reconcile import source_name
from storyline.reconcile.summary import claim_quantity
from storyline.records import (
    Article,
    EventFacts,
    Participant,
    Party,
    Quantity,
    Reconciliation,
)

Row = dict[str, Any]
COUNT_PREFIX = "count."  # the attribute of a count reconciled per role: "count.killed"


@dataclass(frozen=True)
class Column:
    name: str
    kind: type  # int, str or list (of str); a cell may also be None


def _columns(*specs: tuple[str, type]) -> tuple[Column, ...]:
    return tuple(Column(name, kind) for name, kind in specs)


def _role_columns() -> tuple[Column, ...]:
    """Per count role: the count (exact, or the low bound), its range and its qualifier."""
    return tuple(
        column
        for role in COUNT_ROLES
        for column in _columns((role, int), (f"{role}_low", int), (f"{role}_high", int), (f"{role}_qualifier", str))
    )


EVENT_COLUMNS: tuple[Column, ...] = (
    _columns(
        ("event_id", str), ("story_id", str), ("event_type", str), ("cameo", str), ("plover", str),
        ("date", str), ("date_precision", str),
        ("place_text", str), ("city", str), ("region", str), ("country", str),
    )
    + _role_columns()
    + _columns(
        ("actors", list), ("targets", list), ("participants", list), ("outlets", list), ("urls", list),
        ("article_ids", list), ("conflicts", list), ("n_sources", int), ("reviewed", list),
    )
)

CLAIM_COLUMNS: tuple[Column, ...] = _columns(
    ("event_id", str), ("attribute", str), ("status", str), ("value", str), ("normalized", str),
    ("low", int), ("high", int), ("outlet", str), ("article_id", str), ("url", str), ("published", str),
    ("sentence", str), ("start", int), ("end", int),
    # Filled on the rows of status "reviewed", one per attribute a person settled (storyline.review).
    ("review_id", int), ("reviewer", str), ("review_action", str), ("reviewed_at", str),
)
NOT_REVIEWED: Row = {"review_id": None, "reviewer": None, "review_action": None, "reviewed_at": None}


def display_name(party: Party, names: Mapping[str, str]) -> str:
    """A party by its entity's name when it has one (``names`` maps entity ids to names), else its words."""
    return names.get(party.entity or "", party.text)


def event_rows(
    events: Iterable[EventFacts], articles: Mapping[str, Article], names: Mapping[str, str]
) -> Iterator[Row]:
    """One row per event (columns: ``EVENT_COLUMNS``). ``names`` maps entity ids to display names."""
    for facts in events:
        place = facts.place
        outlets = _distinct(source_name(articles.get(a), a) for a in facts.article_ids)
        row: Row = {
            "event_id": facts.event_id,
            "story_id": facts.story_id,
            "event_type": facts.event_type,
            "cameo": facts.cameo or None,
            "plover": facts.plover or None,
            "date": facts.date.key() if facts.date else None,
            "date_precision": facts.date.precision if facts.date else None,
            "place_text": place.text if place else None,
            "city": place.city if place else None,
            "region": place.region if place else None,
            "country": place.country if place else None,
        }
        for role in COUNT_ROLES:
            row.update(_count_cells(role, facts.counts.get(role)))
        row.update(
            actors=_distinct(display_name(actor, names) for actor in facts.actors),
            targets=_distinct(display_name(target, names) for target in facts.targets),
            participants=_distinct(_participant(p, names) for p in facts.participants),
            outlets=outlets,
            urls=_distinct(article.url for a in facts.article_ids if (article := articles.get(a)) and article.url),
            article_ids=list(facts.article_ids),
            conflicts=list(facts.conflicts),
            n_sources=len(outlets),
            reviewed=list(facts.reviewed),
        )
        yield row


def claim_rows(reconciliations: Iterable[tuple[str, Reconciliation]], articles: Mapping[str, Article]) -> Iterator[Row]:
    """One row per value stated for an attribute of an event and per sentence stating it (columns:
    ``CLAIM_COLUMNS``); ``low`` and ``high`` bound the values of count attributes."""
    for event_id, result in reconciliations:
        for claim in result.claims:
            bounds = claim_quantity(claim) if result.attribute.startswith(COUNT_PREFIX) else None
            for evidence in claim.evidence:
                article_id = evidence.article_id
                article = articles.get(article_id)
                yield {
                    "event_id": event_id,
                    "attribute": result.attribute,
                    "status": result.status,
                    "value": claim.value,
                    "normalized": claim.normalized,
                    "low": bounds.low if bounds else None,
                    "high": bounds.high if bounds else None,
                    "outlet": source_name(article, article_id),
                    "article_id": article_id,
                    "url": article.url if article else None,
                    "published": article.published if article else None,
                    "sentence": evidence.sentence,
                    "start": evidence.start,
                    "end": evidence.end,
                    **NOT_REVIEWED,
                }


def _count_cells(role: str, quantity: Quantity | None) -> Row:
    if quantity is None:
        return {role: None, f"{role}_low": None, f"{role}_high": None, f"{role}_qualifier": None}
    return {
        role: quantity.value if quantity.value is not None else quantity.low,
        f"{role}_low": quantity.low,
        f"{role}_high": quantity.high,
        f"{role}_qualifier": quantity.qualifier,
    }


def _participant(participant: Participant, names: Mapping[str, str]) -> str:
    return f"{participant.role}:{display_name(Party(participant.text, participant.entity), names)}"


def _distinct(values: Iterable[str]) -> list[str]:
    """In first-seen order: several wordings of one value (claims) show as one name."""
    return list(dict.fromkeys(values))
