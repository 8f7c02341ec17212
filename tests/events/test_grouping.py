"""The grouper on an invented corpus: two strikes of one union months apart, and an unrelated wildfire."""

from __future__ import annotations

import json
import random
from dataclasses import asdict

import numpy as np
import pytest

from storyline.events import EventFeatures, EventGrouper, features_for, group_batch, make_stories
from storyline.events import grouper as grouper_module
from storyline.records import Article, DateValue, Evidence, Fact, Paragraph, Quantity
from storyline.settings import EventsSettings

STRIKE_MARCH = [
    (
        "Dockworkers walk out at Port Velmora",
        "2031-03-04",
        "Harbour Courier",
        (
            "Dockworkers at Port Velmora walked off the job on Monday, halting container traffic. The Velmora "
            "Dockers Union said the strike over night-shift pay would last until the port authority reopened talks. "
            "Union leader Ilsa Marrow told reporters that cranes would stay idle."
        ),
    ),
    (
        "Velmora port strike halts containers",
        "2031-03-04",
        "Coastal Ledger",
        (
            "A strike by the Velmora Dockers Union stopped container traffic at Port Velmora on Monday. Ilsa Marrow, "
            "who leads the union, said dockworkers want night-shift pay restored before the cranes move again. The "
            "port authority called the walkout unlawful."
        ),
    ),
    (
        "Port Velmora dockers strike over pay",
        "2031-03-05",
        "Northern Wire",
        (
            "Container ships waited outside Port Velmora on Tuesday as dockworkers kept up their strike over "
            "night-shift pay. The Velmora Dockers Union and its leader Ilsa Marrow rejected the port authority's "
            "call to return to work."
        ),
    ),
]
STRIKE_SEPTEMBER = [
    (
        "Velmora dockers strike again",
        "2031-09-15",
        "Harbour Courier",
        (
            "Dockworkers at Port Velmora walked out again on Monday, the Velmora Dockers Union said, accusing the "
            "port authority of breaking the night-shift pay deal. Ilsa Marrow said container cranes would stay idle "
            "until the pay is restored."
        ),
    ),
    (
        "New strike stops Port Velmora containers",
        "2031-09-16",
        "Coastal Ledger",
        (
            "Container traffic at Port Velmora stopped on Tuesday in a new strike by the Velmora Dockers Union. Its "
            "leader Ilsa Marrow said the port authority had not paid the night-shift rates it promised."
        ),
    ),
]
WILDFIRE = [
    (
        "Wildfire forces evacuations in Dunmere valley",
        "2031-03-05",
        "Northern Wire",
        (
            "A wildfire spread through pine forest in the Dunmere valley on Tuesday, forcing hundreds of residents "
            "to leave their homes. Firefighters said dry winds drove the flames toward the village of Ashcombe."
        ),
    ),
    (
        "Dunmere valley fire reaches Ashcombe",
        "2031-03-06",
        "Hill Country Post",
        (
            "Flames from the Dunmere valley wildfire reached the edge of Ashcombe on Wednesday. Firefighters "
            "evacuated residents as dry winds pushed the fire through the pine forest."
        ),
    ),
]


def article(number: int, title: str, published: str | None, outlet: str, body: str) -> Article:
    return Article(
        article_id=f"article-{number:02d}",
        origin=f"test#{number}",
        body=body,
        paragraphs=[Paragraph(body, 0, len(body))],
        title=title,
        published=published,
        outlet=outlet,
    )


def corpus() -> list[EventFeatures]:
    rows = STRIKE_MARCH + STRIKE_SEPTEMBER + WILDFIRE
    return [features_for(article(n, *row), None, []) for n, row in enumerate(rows)]


def partition(event_of: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article_id, event_id in event_of.items():
        groups.setdefault(event_id, set()).add(article_id)
    return {frozenset(group) for group in groups.values()}


def stream(features: list[EventFeatures]) -> EventGrouper:
    grouper = EventGrouper(EventsSettings())
    for item in features:
        grouper.add(item)
    return grouper


EXPECTED = {
    frozenset({"article-00", "article-01", "article-02"}),
    frozenset({"article-03", "article-04"}),
    frozenset({"article-05", "article-06"}),
}


def test_stream_finds_the_three_happenings():
    grouper = stream(corpus())
    assert partition({a: e.event_id for e in grouper.events() for a in e.article_ids}) == EXPECTED


def test_batch_agrees_with_stream():
    events = group_batch(corpus(), EventsSettings())
    assert partition({a: e.event_id for e in events for a in e.article_ids}) == EXPECTED


def test_arrival_order_does_not_change_the_events():
    features = corpus()
    for seed in range(5):
        shuffled = features[:]
        random.Random(seed).shuffle(shuffled)
        grouper = stream(shuffled)
        assert partition({a: e.event_id for e in grouper.events() for a in e.article_ids}) == EXPECTED


def test_cached_pair_scores_are_the_ones_a_recomputation_gives(monkeypatch):
    """Re-decisions read pair scores from a cache: it must hold exactly what scoring the pairs anew gives,
    and a cache that keeps almost nothing must reach the same events."""
    features = corpus()
    grouper = stream(features)
    placed = [grouper._placed[item.article_id] for item in features]
    cached, _ = grouper._pair_probabilities([item.article_id for item in features])
    _, fresh = grouper._scored_pairs(placed, placed)
    assert np.array_equal(cached, fresh)
    monkeypatch.setattr(grouper_module, "_PAIR_CACHE_SIZE", 1)
    forgetful = stream(features)
    assert [(e.event_id, e.article_ids) for e in forgetful.events()] == [
        (e.event_id, e.article_ids) for e in grouper.events()
    ]


def test_same_kind_months_apart_are_two_events_of_one_story():
    events = {frozenset(e.article_ids): e for e in stream(corpus()).events()}
    march = events[frozenset({"article-00", "article-01", "article-02"})]
    september = events[frozenset({"article-03", "article-04"})]
    wildfire = events[frozenset({"article-05", "article-06"})]
    assert march.story_id == september.story_id != wildfire.story_id
    assert march.date == DateValue("2031-03-04", "day")


def test_stories_list_their_events():
    grouper = stream(corpus())
    stories = {frozenset(story.event_ids) for story in make_stories(grouper.events())}
    assert len(stories) == 2 and sum(len(story) for story in stories) == 3


def test_event_ids_are_stable_and_restore_keeps_assignments():
    features = corpus()
    first = stream(features)
    assert [e.event_id for e in first.events()] == [e.event_id for e in stream(features).events()]
    reopened = EventGrouper(EventsSettings())
    for event in first.events():
        by_id = {f.article_id: f for f in features}
        for article_id in event.article_ids:
            reopened.restore(by_id[article_id], event.event_id, event.story_id)
    late = features_for(
        article(
            99,
            "Port Velmora strike enters third day",
            "2031-09-17",
            "Northern Wire",
            "Dockworkers of the Velmora Dockers Union kept Port Velmora closed for a third "
            "day over night-shift pay, Ilsa Marrow said.",
        ),
        None,
        [],
    )
    september = next(e for e in first.events() if "article-03" in e.article_ids)
    assert reopened.add(late) == september.event_id


def test_features_survive_json():
    features = corpus()[0]
    assert EventFeatures.from_dict(json.loads(json.dumps(asdict(features)))) == features


def release_fact(article_id: str, count: int, day: str | None) -> Fact:
    return Fact(
        fact_id=f"{article_id}-f0",
        article_id=article_id,
        event_type="Justice:Release-Parole",
        cameo="",
        plover="",
        trigger="freed",
        evidence=Evidence(article_id, "", 0, 10),
        counts={"freed": Quantity(str(count), count, count, count, "exact")},
        date=DateValue(day, "day") if day else None,
    )


def test_mentioned_days_are_the_stated_days_of_news_and_background():
    """Days a sentence states count, a recalled older happening's too; a date inherited from the day of
    writing is no day the text mentions, nor is a month."""
    body = "Norland freed 40 detainees on Thursday, two months after the raid of March 2 on Karsk."
    item = article(0, "Norland frees 40 detainees", "2031-05-09", "Harbour Courier", body)
    stated = release_fact(item.article_id, 40, None)
    stated.date = DateValue("2031-05-08", "day", "on Thursday")
    raid = release_fact(item.article_id, 40, None)
    raid.event_type, raid.background = "Conflict:Attack", True
    raid.date = DateValue("2031-03-02", "day", "March 2")
    inherited = release_fact(item.article_id, 40, "2031-05-09")
    month = release_fact(item.article_id, 40, None)
    month.date = DateValue("2031-03", "month", "in March")
    features = features_for(item, None, [inherited, stated, raid, month])
    assert features.mentioned_days == ["2031-03-02", "2031-05-08"]


def test_the_lead_day_is_stated_only_when_the_text_writes_it():
    """A lead "freed on Thursday" states its day; a fact dated by the day of writing alone does not, nor
    does a month."""
    body = "Norland freed 40 detainees from Karsk prison, officials said, after weeks of talks in the capital."
    item = article(0, "Norland frees 40 detainees", "2031-05-09", "Harbour Courier", body)
    written = release_fact(item.article_id, 40, None)
    written.date = DateValue("2031-05-08", "day", "on Thursday")
    inherited = release_fact(item.article_id, 40, "2031-05-09")
    month = release_fact(item.article_id, 40, None)
    month.date = DateValue("2031-05", "month", "in May")
    assert features_for(item, None, [written]).lead_day_stated
    assert not features_for(item, None, [inherited]).lead_day_stated
    assert not features_for(item, None, [month]).lead_day_stated


@pytest.mark.parametrize("counts, expected_events", [((40, 40), 1), ((40, 95), 2)])
def test_different_lead_counts_of_undated_reports_split_them(counts, expected_events):
    body = (
        "The government of Norland freed {n} detainees from Karsk prison after talks with envoy Pell Arden, "
        "who said the release opened the way to lifting trade penalties on Norland's timber exports."
    )
    grouper = EventGrouper(EventsSettings())
    for number, count in enumerate(counts):
        item = article(number, f"Norland frees {count} detainees", None, f"Outlet {number}", body.format(n=count))
        grouper.add(features_for(item, None, [release_fact(item.article_id, count, None)]))
    events = grouper.events()
    assert len(events) == expected_events
    assert all(event.event_type == "Justice:Release-Parole" for event in events)
    assert len({event.story_id for event in events}) == 1


def test_event_date_is_the_best_supported_fact_date():
    grouper = EventGrouper(EventsSettings())
    body = "Norland freed 40 detainees from Karsk prison on Thursday after talks with envoy Pell Arden."
    for number, day in enumerate(["2031-05-08", "2031-05-08", "2031-05-09"]):
        item = article(number, "Norland frees 40 detainees", "2031-05-09", f"Outlet {number}", body)
        grouper.add(features_for(item, None, [release_fact(item.article_id, 40, day)]))
    (event,) = grouper.events()
    assert event.date == DateValue("2031-05-08", "day")


@pytest.mark.parametrize(
    "title, body, published, expected",
    [
        ("Posted 12/19/2031 3:36 PM", "Dockworkers at Port Velmora walked out.", None, "2031-12-19"),
        ("Dockers strike at Port Velmora", "Updated: November 11, 2031\nDockworkers walked out.", None, "2031-11-11"),
        # A date in a sentence of the story is what the story talks about, not when it was printed.
        (
            "Dockers strike at Port Velmora",
            "Dockworkers said on Monday that the pay deal signed on March 4, 2030 had been broken by the port.",
            None,
            None,
        ),
        ("Posted 12/19/2031 3:36 PM", "Dockworkers at Port Velmora walked out.", "2031-12-20", "2031-12-20"),
    ],
)
def test_an_undated_article_is_dated_by_its_dateline(title, body, published, expected):
    assert features_for(article(0, title, published, "Harbour Courier", body), None, []).published == expected


@pytest.mark.parametrize("days, expected_events", [(("2031-05-08", "2031-05-10"), 1), (("2031-05-08", "2031-05-22"), 2)])
def test_the_same_kind_of_happening_in_one_place_on_days_two_weeks_apart_is_two_events(days, expected_events):
    """Two shootings on one street told in the same words: where both reports write the day, two weeks apart
    is two events; two days apart is one event reported late."""
    body = (
        "Two men were shot outside a bar on Harrow Street in Velmora on {day}, police said, and one of them "
        "died at Velmora General Hospital; detectives have made no arrest."
    )
    grouper = EventGrouper(EventsSettings())
    for number, day in enumerate(days):
        item = article(number, "Two shot outside Velmora bar", day, f"Outlet {number}", body.format(day="Thursday"))
        shooting = release_fact(item.article_id, 2, None)
        shooting.event_type, shooting.counts = "Conflict:Attack", {}
        shooting.date = DateValue(day, "day", "on Thursday")
        grouper.add(features_for(item, None, [shooting]))
    assert len(grouper.events()) == expected_events
