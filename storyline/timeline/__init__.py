"""The timeline: events in date order with their reconciled headline facts and sources, the dated
background the articles mention, and the full account of one event."""

from storyline.timeline.builder import build_timeline
from storyline.timeline.detail import event_detail, event_panel, render_event
from storyline.timeline.render import render_timeline, timeline_table

__all__ = ["build_timeline", "event_detail", "event_panel", "render_event", "render_timeline", "timeline_table"]
