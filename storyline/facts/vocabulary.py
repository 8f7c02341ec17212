"""The event vocabulary: every type a fact can have, with its CAMEO code and PLOVER type, loaded from data.

The table is ``data/event_types.tsv`` (ACE 2005 subtypes plus extensions; its header says where each column
comes from). A new type is a row there and trigger rows in ``data/triggers.tsv``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

STATEMENT = "Contact:Statement"  # the type of a bare speech act, which also attributes other facts


@dataclass(frozen=True)
class EventType:
    name: str
    cameo: str
    plover: str
    plover_mode: str
    kind: str  # happening, verbal or context
    weight: float  # how strongly a mention names the event it occurs in
    count_role: str  # the role a count of the type's target has (freed, arrested), or ""
    arguments: str  # the name of the rule that reads its target and object (see arguments.py)
    tally: tuple[str, ...]  # roles a report of the type accounts for (killed, injured): unstated means none
    sequel: bool  # follows the happening it is about by months or years (a trial): its date is the hearing's
    description: str


def data_rows(name: str) -> list[list[str]]:
    """The rows of a tab-separated data file of this package, comments and blank lines left out."""
    text = resources.files("storyline.facts").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [row for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


@cache
def event_types() -> dict[str, EventType]:
    types = {}
    for name, cameo, plover, mode, kind, weight, role, rule, tally, sequel, description in data_rows("event_types.tsv"):
        roles = tuple(r for r in tally.split(",") if r)
        types[name] = EventType(
            name, cameo, plover, mode, kind, float(weight), role, rule, roles, sequel == "sequel", description
        )
    return types


def event_type(name: str) -> EventType | None:
    return event_types().get(name)


def is_happening(name: str) -> bool:
    """A thing done or suffered (a release, a shooting, a merger), not a thing said or a lasting state."""
    kind = event_type(name)
    return kind is not None and kind.kind == "happening"


def is_context(name: str) -> bool:
    """A state over time (a ruler's years in office): background for the timeline, never an event's type."""
    kind = event_type(name)
    return kind is not None and kind.kind == "context"


def is_sequel(name: str) -> bool:
    """A legal sequel (a charge, a trial, a sentence), which follows the happening it is about by months or years."""
    kind = event_type(name)
    return kind is not None and kind.sequel


def is_tradeable(name: str) -> bool:
    """What a deal trades ('in return'): a concession (PLOVER RETREAT, CONCEDE, AID) or pressure (sanctions)."""
    kind = event_type(name)
    return kind is not None and (kind.plover in {"RETREAT", "CONCEDE", "AID"} or kind.cameo.startswith("16"))


def dominant_type(weights: Mapping[str, float]) -> str | None:
    """The type that names a happening: the largest sum of mention weights (each mention's place in the
    article times its type's weight), happenings before words. Ties go to the type seen first."""
    scored = {name: w * event_type(name).weight for name, w in weights.items() if event_type(name) and w > 0}
    happenings = {name: w for name, w in scored.items() if is_happening(name) and w > 0}
    pool = happenings or {name: w for name, w in scored.items() if w > 0 and not is_context(name)}
    pool = pool or {name: w for name, w in weights.items() if w > 0}
    return max(pool, key=lambda name: pool[name]) if pool else None
