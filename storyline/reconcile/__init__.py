"""Reconcile what the sources of one event state: per attribute, the values, who states each, and
whether they agree, conflict, rest on a single source, or change over time."""

from storyline.reconcile.reconciler import reconcile_event, reconcile_story, source_name

__all__ = ["reconcile_event", "reconcile_story", "source_name"]
