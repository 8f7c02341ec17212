"""Stories: two countries freeing prisoners in the same weeks, in the same words, are two stories; adding the
second never rewrites the first's events."""

from __future__ import annotations

from storyline.events import EventFeatures, EventGrouper, group_batch
from storyline.settings import EventsSettings

RELEASE_WORDS = {"freed": 2, "political": 2, "prisoners": 3, "sanctions": 2, "release": 2, "envoy": 1, "deal": 1}


def report(
    article_id: str,
    published: str,
    freed: int,
    story: tuple[str, str, str, str, str],
    extra: str,
) -> EventFeatures:
    """A report of a prisoner release in exchange for U.S. sanctions relief: shared wording, its own actors,
    places and details."""
    country, leader, place, envoy, details = story
    words = f"{country} {leader} {place} {envoy} {details} {extra} {freed}".lower().split()
    terms = {**RELEASE_WORDS, **{word: words.count(word) for word in words}}
    entities = {
        f"gpe:{country.lower()}": 5,
        f"person:{leader.lower().replace(' ', '-')}": 3,
        f"gpe:{place.lower()}": 2,
        f"person:{envoy.lower().replace(' ', '-')}": 2,
        "gpe:united-states": 3,
        "gpe:washington": 1,
    }
    return EventFeatures(
        article_id=article_id,
        title=f"{country} frees political prisoners after U.S. deal",
        published=published,
        outlet=f"outlet-{article_id}",
        terms=terms,
        entities=entities,
        event_types={"Justice:Release-Parole": 4.0},
        headline_count=[freed, freed],
        place=[place, None, country],
    )


def first_story() -> list[EventFeatures]:
    """Two rounds of releases by an invented Valdoria, weeks apart."""
    story = ("Valdoria", "Marek Dorn", "Stavel", "Ruth Penner", "opposition Lenka Brandt Stavel prison colony")
    return [
        report("val-1", "2031-04-02", 31, story, "buses crossed the border at dawn april families waited"),
        report("val-2", "2031-04-03", 31, story, "border crossing families embassy buses dawn"),
        report("val-3", "2031-05-20", 85, story, "second round potash exports airline fleet may"),
        report("val-4", "2031-05-21", 85, story, "round potash airline fleet exports lifted"),
    ]


def second_story() -> list[EventFeatures]:
    """An invented Korvenia's release in the same weeks: other country, leader, capital and envoy."""
    story = ("Korvenia", "Ilse Varga", "Molnarov", "Tom Hadley", "journalists bloggers Molnarov detention centre")
    return [
        report("kor-1", "2031-04-10", 14, story, "journalists activists flown to vienna"),
        report("kor-2", "2031-04-11", 14, story, "journalists lawyers vienna flight landed"),
    ]


def stories_of(events) -> dict[str, set[str]]:
    stories: dict[str, set[str]] = {}
    for event in events:
        stories.setdefault(event.story_id, set()).update(event.article_ids)
    return stories


def test_unrelated_releases_are_two_stories_in_stream_and_batch():
    expected = {frozenset(f.article_id for f in first_story()), frozenset(f.article_id for f in second_story())}
    features = sorted(first_story() + second_story(), key=lambda f: f.published)
    grouper = EventGrouper(EventsSettings())
    for item in features:
        grouper.add(item)
    assert {frozenset(group) for group in stories_of(grouper.events()).values()} == expected
    assert {frozenset(group) for group in stories_of(group_batch(features, EventsSettings())).values()} == expected


def test_rounds_of_one_release_story_stay_one_story_of_two_events():
    grouper = EventGrouper(EventsSettings())
    for item in first_story():
        grouper.add(item)
    events = grouper.events()
    assert {frozenset(e.article_ids) for e in events} == {frozenset({"val-1", "val-2"}), frozenset({"val-3", "val-4"})}
    assert len({e.story_id for e in events}) == 1


def test_a_later_build_never_rewrites_another_storys_settled_events():
    grouper = EventGrouper(EventsSettings())
    for item in first_story():
        grouper.add(item)
    grouper.checkpoint()
    settled = [(e.event_id, e.story_id, e.article_ids, e.title, e.date) for e in grouper.events()]
    for item in second_story():
        grouper.add(item)
    after = {e.event_id: (e.event_id, e.story_id, e.article_ids, e.title, e.date) for e in grouper.events()}
    assert [after.get(event_id) for event_id, *_ in settled] == settled
