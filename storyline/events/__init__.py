"""Events stage: group articles into the real-world happenings they report, and happenings into stories."""

from storyline.events.batch import group_batch
from storyline.events.features import EventFeatures, features_for
from storyline.events.grouper import EventGrouper, make_stories

__all__ = ["EventFeatures", "EventGrouper", "features_for", "group_batch", "make_stories"]
