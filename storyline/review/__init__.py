"""Human review of the ledger: confirm or correct an event's attribute, resolve a conflict, merge and split
events, set an article's date or outlet; stored in the ledger's ``reviews`` table, applied on every read,
never touched by a build, undone by a new row. See ``storyline.review.apply`` for how reviews survive a
rebuild that regroups events."""

from storyline.review.apply import (
    REVIEW_STATUS,
    ReviewedStore,
    ReviewedView,
    apply_reviews,
    review_timeline,
    settle_one,
    with_review_rows,
)
from storyline.review.book import ReviewBook, find_event
from storyline.review.model import ACTIONS, UNDO, Review, UnknownTarget
from storyline.review.values import canonical_attribute, known_attributes

__all__ = [
    "ACTIONS",
    "REVIEW_STATUS",
    "UNDO",
    "Review",
    "ReviewBook",
    "ReviewedStore",
    "ReviewedView",
    "UnknownTarget",
    "apply_reviews",
    "canonical_attribute",
    "find_event",
    "known_attributes",
    "review_timeline",
    "settle_one",
    "with_review_rows",
]
