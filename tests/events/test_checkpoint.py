"""The grouper after a checkpoint is the grouper a restore from the store gives, so that a build stopped
after any chunk and run again places the later articles as an uninterrupted build does."""

from __future__ import annotations

from test_grouping import corpus

from storyline.events import EventFeatures, EventGrouper
from storyline.settings import EventsSettings
from storyline.store.codec import from_dict, to_dict


def chunks(features: list[EventFeatures], size: int) -> list[list[EventFeatures]]:
    return [features[start : start + size] for start in range(0, len(features), size)]


def as_stored(assignments):
    """What the store gives back: features through JSON, in the same order."""
    return [(from_dict(EventFeatures, to_dict(f)), e, s) for f, e, s in assignments]


def grouped(grouper: EventGrouper) -> list[tuple[str, str, list[str]]]:
    return [(e.event_id, e.story_id, e.article_ids) for e in grouper.events()]


def test_a_restored_grouper_goes_on_as_the_live_one_after_any_chunk():
    features = [from_dict(EventFeatures, to_dict(f)) for f in corpus()]
    for size in (1, 2, 3):
        live = EventGrouper(EventsSettings())
        steps = []
        for chunk in chunks(features, size):
            for item in chunk:
                live.add(item)
            steps.append(grouped(live))
            live.checkpoint()
        for stop in range(1, len(steps)):
            resumed = EventGrouper(EventsSettings())
            for chunk in chunks(features, size)[:stop]:
                for item in chunk:
                    resumed.add(item)
                resumed.checkpoint()
            resumed.rebuild(as_stored(resumed.assignments()))  # the process dies; a new one reloads
            for number, chunk in enumerate(chunks(features, size)[stop:], start=stop):
                for item in chunk:
                    resumed.add(item)
                assert grouped(resumed) == steps[number], (size, stop, number)
                resumed.checkpoint()


def test_rollback_forgets_the_articles_added_since_the_checkpoint():
    features = corpus()
    grouper = EventGrouper(EventsSettings())
    for item in features[:4]:
        grouper.add(item)
    grouper.checkpoint()
    before = grouped(grouper)
    for item in features[4:]:
        grouper.add(item)
    grouper.rollback()
    assert grouped(grouper) == before
    assert not grouper.knows(features[-1].article_id)
