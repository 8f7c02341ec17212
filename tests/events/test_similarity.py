"""Dates, counts, principal participants and the candidate index, each on its own."""

from __future__ import annotations

from storyline.events import EventFeatures
from storyline.events.index import CandidateIndex
from storyline.events.similarity import (
    Bounds,
    bounds_row,
    count_factor,
    date_factor,
    date_interval,
    participants_factor,
)
from storyline.settings import EventsSettings

SETTINGS = EventsSettings()


def features(
    article_id: str,
    published: str | None = None,
    count: list[int | None] | None = None,
    dates: list[str] | None = None,
    entities: dict[str, int] | None = None,
) -> EventFeatures:
    return EventFeatures(
        article_id=article_id,
        title=None,
        published=published,
        outlet=None,
        terms={"harbour": 1},
        entities=entities or {},
        headline_count=count,
        event_dates=dates or [],
    )


def bounds(*items: EventFeatures) -> Bounds:
    return Bounds.of([bounds_row(item, SETTINGS) for item in items])


def test_month_precision_covers_the_month():
    assert [day.isoformat() for day in date_interval("2031-12")] == ["2031-12-01", "2031-12-31"]


def test_dates_months_apart_weigh_far_less_than_days_apart():
    march = bounds(features("a", published="2031-03-04"))
    others = bounds(features("b", published="2031-03-06"), features("c", dates=["2031-09"]), features("d"))
    near, far, unknown = date_factor(march, others, SETTINGS)[0]
    assert near == unknown == 1.0
    assert far < 0.2


def test_open_counts_agree_with_near_values_only():
    more_than_100 = bounds(features("a", count=[101, None]))
    others = bounds(features("b", count=[123, 123]), features("c", count=[250, 250]), features("d"))
    assert list(count_factor(more_than_100, others, SETTINGS)[0]) == [1.0, SETTINGS.count_conflict_factor, 1.0]


def test_articles_about_different_participants_are_held_apart():
    reid = features("a", entities={"person:ann-reid": 5, "org:clinic": 2})
    same = features("b", entities={"person:ann-reid": 3, "gpe:malibu": 1})
    other = features("c", entities={"person:lea-lohr": 4, "gpe:venice": 2})
    unnamed = features("d")
    factors = participants_factor([reid], [same, other, unnamed], SETTINGS)[0]
    assert list(factors) == [1.0, SETTINGS.principal_conflict_factor, 1.0]


def test_index_reads_a_bounded_tail_of_each_posting():
    settings = EventsSettings(posting_tail=5, max_candidates=3)
    index = CandidateIndex(settings)
    for number in range(50):
        index.add(["harbour", f"word{number}"], f"event-{number:02d}")
    found = index.candidates({"harbour": 1.0, "word47": 0.5})
    assert found[0] == "event-47"
    assert len(found) == 3 and all(event >= "event-45" for event in found)
