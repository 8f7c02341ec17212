"""jusText's context-sensitive revision of paragraph classes, in linear time.

trafilatura falls back on jusText for short or unclean extractions. jusText 3.0.2 finds each short (and
near-good) paragraph's neighbours by scanning the run of such paragraphs around it, once per paragraph of
the run: a page of a few thousand short blocks (a generated listing) takes minutes. This module gives the
same classes (``revise_paragraph_classification`` below mirrors jusText's, step for step) with each
neighbour looked up in tables built in one pass; ``linear_justext`` installs it where trafilatura calls it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import trafilatura.external
from justext.core import MAX_HEADING_DISTANCE_DEFAULT

_GOOD_OR_BAD = frozenset({"good", "bad"})
_NOT_SHORT = frozenset({"good", "bad", "neargood"})


def _nearest(classes: Sequence[str], wanted: frozenset[str], reverse: bool) -> list[str]:
    """For each index, the first class in ``wanted`` strictly before it (``reverse``: after it), else "bad",
    as jusText's neighbour search returns at the edge of the page."""
    found, last = [""] * len(classes), "bad"
    order = range(len(classes) - 1, -1, -1) if reverse else range(len(classes))
    for i in order:
        found[i] = last
        if classes[i] in wanted:
            last = classes[i]
    return found


def _heading_near_good(paragraphs: list, i: int, max_heading_distance: int) -> bool:
    """jusText's heading rule: a good paragraph follows heading ``i`` within ``max_heading_distance`` chars."""
    j, distance = i + 1, 0
    while j < len(paragraphs) and distance <= max_heading_distance:
        if paragraphs[j].class_type == "good":
            return True
        distance += len(paragraphs[j].text)
        j += 1
    return False


def revise_paragraph_classification(paragraphs: list, max_heading_distance: int = MAX_HEADING_DISTANCE_DEFAULT) -> None:
    """jusText's ``revise_paragraph_classification``, with the same result in linear time."""
    # Short headings near a good paragraph. As in jusText, each class is copied just before its paragraph is
    # looked at: a heading looks ahead at classes not yet copied (as a previous revision left them).
    for i, paragraph in enumerate(paragraphs):
        paragraph.class_type = paragraph.cf_class
        if paragraph.heading and paragraph.class_type == "short":
            if _heading_near_good(paragraphs, i, max_heading_distance):
                paragraph.class_type = "neargood"

    # Short paragraphs take their class from their neighbours, all read before any changes.
    classes = [p.class_type for p in paragraphs]
    prev_decided, next_decided = _nearest(classes, _GOOD_OR_BAD, False), _nearest(classes, _GOOD_OR_BAD, True)
    prev_any, next_any = _nearest(classes, _NOT_SHORT, False), _nearest(classes, _NOT_SHORT, True)
    for i, paragraph in enumerate(paragraphs):
        if classes[i] != "short":
            continue
        before, after = prev_decided[i], next_decided[i]
        if before == "good" and after == "good":
            paragraph.class_type = "good"
        elif before == "bad" and after == "bad":
            paragraph.class_type = "bad"
        elif (before == "bad" and prev_any[i] == "neargood") or (after == "bad" and next_any[i] == "neargood"):
            paragraph.class_type = "good"
        else:
            paragraph.class_type = "bad"

    # Near-good paragraphs, in order: the one before is already decided, those after are as they stood.
    classes = [p.class_type for p in paragraphs]
    next_decided = _nearest(classes, _GOOD_OR_BAD, True)
    for i, paragraph in enumerate(paragraphs):
        if classes[i] != "neargood":
            continue
        before = paragraphs[i - 1].class_type if i > 0 else "bad"
        paragraph.class_type = "bad" if (before, next_decided[i]) == ("bad", "bad") else "good"

    # Headings judged bad for their neighbours (not for themselves) near a good paragraph.
    for i, paragraph in enumerate(paragraphs):
        if paragraph.heading and paragraph.class_type == "bad" and paragraph.cf_class != "bad":
            if _heading_near_good(paragraphs, i, max_heading_distance):
                paragraph.class_type = "good"


@contextmanager
def linear_justext() -> Iterator[None]:
    """trafilatura's jusText fallback uses the linear revision for the duration of the block."""
    original = trafilatura.external.revise_paragraph_classification
    trafilatura.external.revise_paragraph_classification = revise_paragraph_classification
    try:
        yield
    finally:
        trafilatura.external.revise_paragraph_classification = original
