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
    normalized_text,
    stated_form,
    texts_agree,
)

__all__ = [
    "ONGOING_COUNT",
    "dates_agree",
    "describe_fact",
    "main_event_type",
    "normalized_text",
    "reconcile_event",
    "reconcile_story",
    "settle_event",
    "settled_claim",
    "source_name",
    "stated_form",
    "texts_agree",
    "type_label",
]
