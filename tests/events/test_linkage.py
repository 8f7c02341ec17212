"""Average linkage with dates, and the stream's re-decision of undated and recent reports, on hand-set pair scores."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from storyline.events import EventFeatures, EventGrouper
from storyline.events.grouper import event_id_for
from storyline.events.linkage import agglomerate
from storyline.settings import EventsSettings


def test_an_undated_article_does_not_lift_the_date_penalty_between_two_groups():
    """Two dated groups months apart (date factor 0.1) and an undated report that fits both: it joins one,
    and the two stay apart."""
    sums = np.array([[0.0, 0.9, 0.9], [0.9, 0.0, 0.9], [0.9, 0.9, 0.0]])
    dates = np.array([[1.0, 0.1, np.nan], [0.1, 1.0, np.nan], [np.nan, np.nan, np.nan]])
    labels = agglomerate(sums, np.ones(3), dates, threshold=0.5)
    assert labels[0] != labels[1]
    assert labels[2] in (labels[0], labels[1])


def test_an_undated_article_joins_by_words_alone():
    sums = np.array([[0.0, 0.8], [0.8, 0.0]])
    assert len(set(agglomerate(sums, np.ones(2), np.full((2, 2), np.nan), threshold=0.5))) == 1


PROBABILITY = {("A", "A"): 0.95, ("B", "B"): 0.9, ("A", "B"): 0.45}
FIRST_UNDATED_WITH_A = 0.6  # the first undated report of B happens to read like A's reports


class ScriptedGrouper(EventGrouper):
    """The grouper with pair scores set by hand (the happening is the id's first letter), so that the test
    is about how scores become events, not about the pair model."""

    def _score(self, left: str, right: str) -> float:
        if {left, right} & {"B1"} and {left[0], right[0]} == {"A", "B"}:
            return FIRST_UNDATED_WITH_A
        return PROBABILITY[tuple(sorted((left[0], right[0])))]

    def _pair_probabilities(self, article_ids):
        probabilities = np.array([[self._score(a, b) for b in article_ids] for a in article_ids])
        dated = np.array([self._placed[a].features.published is not None for a in article_ids])
        return probabilities, np.where(np.outer(dated, dated), 1.0, np.nan)

    def _candidate_scores(self, placed):
        new = placed.features.article_id
        return {
            event_id: (float(np.mean([self._score(new, a) for a in state.members])), 0.5)
            for event_id, state in self._events.items()
        }


def report(article_id: str, published: str | None) -> EventFeatures:
    return EventFeatures(article_id=article_id, title=None, published=published, outlet=None, terms={"x": 1})


def test_undated_reports_of_a_twin_leave_the_event_they_first_joined_together():
    grouper = ScriptedGrouper(EventsSettings())
    for article_id in ("A1", "A2", "A3"):
        grouper.add(report(article_id, "2031-03-04"))
    placed = [grouper.add(report(article_id, None)) for article_id in ("B1", "B2", "B3", "B4")]
    assert placed[0] == event_id_for("A1")  # on its own, the first undated report fits A
    events = {event.event_id: set(event.article_ids) for event in grouper.events()}
    assert events == {event_id_for("A1"): {"A1", "A2", "A3"}, event_id_for("B1"): {"B1", "B2", "B3", "B4"}}
    assert len({event.story_id for event in grouper.events()}) == 1


def test_dated_reports_are_never_moved_away_from_their_event():
    grouper = ScriptedGrouper(EventsSettings())
    for article_id in ("A1", "A2", "B1", "B2", "B3", "B4"):
        grouper.add(report(article_id, "2031-03-04" if article_id.startswith("A") else None))
    grouper.add(report("A3", "2031-03-05"))
    (a_event,) = [event for event in grouper.events() if "A1" in event.article_ids]
    assert a_event.event_id == event_id_for("A1") and {"A1", "A2", "A3"} <= set(a_event.article_ids)


class PairTableGrouper(ScriptedGrouper):
    """Scripted scores per pair of articles (``PAIRS``), 0.3 for any other pair: dates are left to the test."""

    PAIRS: ClassVar[dict[frozenset[str], float]] = {}

    def _score(self, left: str, right: str) -> float:
        return 1.0 if left == right else self.PAIRS.get(frozenset((left, right)), 0.3)


class SecondIncident(PairTableGrouper):
    """B1 alone reads like A1 (0.6); B's reports are far more alike (0.9)."""

    PAIRS: ClassVar[dict[frozenset[str], float]] = {
        frozenset(pair): 0.9 for pair in (("B1", "B2"), ("B1", "B3"), ("B2", "B3"))
    } | {frozenset(("A1", "B1")): 0.6}


def partition_of(grouper: EventGrouper) -> dict[str, set[str]]:
    return {event.event_id: set(event.article_ids) for event in grouper.events()}


def test_the_first_report_of_another_incident_leaves_the_one_report_event_it_joined():
    grouper = SecondIncident(EventsSettings())
    grouper.add(report("A1", "2031-03-12"))
    assert grouper.add(report("B1", "2031-03-20")) == event_id_for("A1")  # one pair decides: it joins
    for article_id in ("B2", "B3"):
        grouper.add(report(article_id, "2031-03-20"))
    assert partition_of(grouper) == {
        event_id_for("A1"): {"A1"},
        event_id_for("B1"): {"B1", "B2", "B3"},
    }


def test_reports_of_older_days_stay_where_they_are():
    grouper = SecondIncident(EventsSettings(reopened_days=5))
    grouper.add(report("A1", "2031-03-12"))
    grouper.add(report("B1", "2031-03-14"))
    for article_id in ("B2", "B3"):
        grouper.add(report(article_id, "2031-03-20"))
    assert partition_of(grouper)[event_id_for("A1")] >= {"A1", "B1"}


class LateFollowUps(PairTableGrouper):
    """A follow-up weeks later (A2) falls short of the first report on its own (0.45); with the next one
    (A3, 0.6 with A1, 0.95 with A2) the two reach it on average."""

    PAIRS: ClassVar[dict[frozenset[str], float]] = {
        frozenset(("A1", "A2")): 0.45,
        frozenset(("A1", "A3")): 0.6,
        frozenset(("A2", "A3")): 0.95,
    }


def test_follow_ups_that_reach_an_event_together_join_it():
    grouper = LateFollowUps(EventsSettings())
    grouper.add(report("A1", "2031-03-01"))
    assert grouper.add(report("A2", "2031-03-22")) == event_id_for("A2")
    grouper.add(report("A3", "2031-03-22"))
    assert partition_of(grouper) == {event_id_for("A1"): {"A1", "A2", "A3"}}
