"""A review as stored: who changed what, when, from which value to which."""

from __future__ import annotations

from dataclasses import dataclass, field

ATTRIBUTE_ACTIONS = ("confirm", "correct", "resolve")  # settle one attribute of an event
GROUPING_ACTIONS = ("merge", "split")  # change which articles form an event
ARTICLE_ACTIONS = ("set_date", "set_outlet")  # change an article's metadata
ACTIONS = (*ATTRIBUTE_ACTIONS, *GROUPING_ACTIONS, *ARTICLE_ACTIONS)
UNDO = "undo"  # the row that undoes another: target is the undone review's id
ARTICLE_ATTRIBUTE = {"set_date": "published", "set_outlet": "outlet"}


class UnknownTarget(ValueError):
    """No event, article or review with the id given (the CLI exits 1 on it; other refusals exit 2)."""


@dataclass
class Review:
    """One row of the ``reviews`` table.

    ``target`` is the event id (for an article action, the article id; for an undo, the undone review's
    id). ``anchor`` maps each event the review names to its article ids when the review was made: event
    ids are derived from member articles and may change when a build regroups, so a review is found again
    by its articles (see ``storyline.review.apply``).
    """

    review_id: int
    created: str  # ISO time, UTC
    reviewer: str
    target: str
    attribute: str | None
    action: str  # one of ACTIONS, or UNDO
    old_value: str | None
    new_value: str | None
    undone: bool = False
    undone_by: int | None = None
    anchor: dict[str, list[str]] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        """Applied on read: not undone, and not itself an undo row."""
        return not self.undone and self.action != UNDO

    def split_articles(self) -> list[str]:
        """The article ids a split takes out of its event."""
        return self.new_value.split(",") if self.action == "split" and self.new_value else []
