"""Reconcile what the sources of one event state: per attribute, the values, who states each, and
whether they agree, conflict, rest on a single source, or change over time."""

from storyline.reconcile.reconciler import (
    ONGOING_COUNT,
    describe_fact,
    main_event_type,
    reconcile_event,
    reconcile_story,
    source_name,
    type_label,
)
from storyline.reconcile.summary import settle_event, settled_claim
from storyline.reconcile.values import (
    dates_agree,
    texts_agree,
    wording_of,
)

__all__ = [
    "ONGOING_COUNT",
    "dates_agree",
    "describe_fact",
    "main_event_type",
    "reconcile_event",
    "reconcile_story",
    "settle_event",
    "settled_claim",
    "source_name",
    "texts_agree",
    "wording_of",
    "type_label",
]
