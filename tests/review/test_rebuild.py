"""Reviews on the ledger of the sample story survive building it again and building another story into it
(slow: two builds with spaCy)."""

from __future__ import annotations

import pytest

from storyline.engine import Pipeline
from storyline.engine.ledger import Ledger
from storyline.review import ReviewBook
from storyline.store import open_store
from tests.engine.conftest import SAMPLE

FLOOD = SAMPLE.parent / "flood"

pytestmark = pytest.mark.slow


def freed(store, count: int):
    """The settled facts of the one event whose freed count is this."""
    found = [row for row in Ledger(store).event_facts() if (q := row.counts.get("freed")) and q.value == count]
    assert len(found) == 1, [(row.event_id, row.counts.get("freed")) for row in found]
    return found[0]


def grouping(store) -> set[frozenset[str]]:
    return {frozenset(event.article_ids) for event in Ledger(store).store.events()}


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """The sample built, then reviewed: a count corrected, two rounds merged, one report split off its event,
    an article redated."""
    store = open_store(tmp_path_factory.mktemp("review") / "ledger.db")
    Pipeline(store).build([SAMPLE])
    book = ReviewBook(store)
    second, first, third = freed(store, 85), freed(store, 31), freed(store, 140)
    corrected = book.add("ana", "correct", second.event_id, "count.freed", "86")
    book.add("ana", "merge", first.event_id, new_value=third.event_id)
    leaving = second.article_ids[-1]
    book.add("ana", "split", second.event_id, new_value=leaving)
    redated = first.article_ids[0]
    book.add("ana", "set_date", redated, new_value="2025-06-13")
    expected = {
        "grouping": grouping(store),
        "merged": frozenset(first.article_ids + third.article_ids),
        "split": frozenset([leaving]),
        "redated": redated,
        "corrected": corrected,
        "machine": second.counts["freed"].value,
    }
    assert expected["merged"] in expected["grouping"] and expected["split"] in expected["grouping"]
    yield store, expected
    store.close()


def check(store, expected) -> None:
    assert freed(store, 86).reviewed == ["count.freed"]
    assert {expected["merged"], expected["split"]} <= grouping(store)
    source = next(row for row in Ledger(store).sources() if row.article_id == expected["redated"])
    assert source.published == "2025-06-13"
    entry = next(e for e in Ledger(store).timeline() if e.event_id == freed(store, 86).event_id)
    assert "86 freed" in entry.headline and "freed: 86 (corrected by ana; was 85)" in entry.facts


def test_reviews_show_once_made(reviewed):
    check(*reviewed)


def test_reviews_survive_building_the_same_input_again(reviewed):
    store, expected = reviewed
    report = Pipeline(store).build([SAMPLE])
    assert report.new == 0
    check(store, expected)
    assert grouping(store) == expected["grouping"]


def test_reviews_survive_a_build_that_adds_another_story_and_undo_still_works(reviewed):
    store, expected = reviewed
    report = Pipeline(store).build([FLOOD])
    assert report.new > 0
    check(store, expected)
    ReviewBook(store).undo(expected["corrected"].review_id, "bo")
    assert freed(store, expected["machine"]).reviewed == []
