"""Reviews on a small hand-made ledger: stored, applied on read, kept across a rewrite of the events,
undone; and refused with a clear reason when they do not fit."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest

from storyline.engine.ledger import Ledger
from storyline.export import export_table
from storyline.review import ReviewBook, UnknownTarget, apply_reviews
from storyline.review.values import parse_count, parse_place
from storyline.store import StoreError, open_store
from tests.review.conftest import FIRE_A, FIRE_B, RESCUE_A, RESCUE_B, as_built, rebuild


def facts_of(store, event_id: str):
    return next(row for row in Ledger(store).event_facts() if row.event_id == event_id)


def export(store, table: str) -> list[dict]:
    stream = io.StringIO()
    export_table(Ledger(store), table, "jsonl", stream)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_corrected_count_is_the_settled_value_marked_reviewed(store):
    review = ReviewBook(store).add("ana", "correct", "ev-fire", "killed", "10")

    assert (review.attribute, review.old_value, review.new_value) == ("count.killed", "9", "10")
    settled = facts_of(store, "ev-fire")
    assert settled.counts["killed"].value == 10
    assert settled.reviewed == ["count.killed"]
    assert "count.killed" in settled.conflicts  # a correction leaves the sources' disagreement shown
    fire = next(entry for entry in Ledger(store).timeline() if entry.event_id == "ev-fire")
    assert "10 killed" in fire.headline and "9 vs 11" not in fire.headline
    assert "killed: 10 (corrected by ana; was 9)" in fire.facts


def test_exports_carry_reviews(store):
    ReviewBook(store).add("ana", "correct", "ev-fire", "count.killed", "more than 9")

    row = next(r for r in export(store, "events") if r["event_id"] == "ev-fire")
    assert (row["killed"], row["killed_low"], row["killed_qualifier"], row["reviewed"]) == (9, 10, "more_than",
                                                                                             ["count.killed"])
    claims = export(store, "claims")
    reviewed = [r for r in claims if r["status"] == "reviewed"]
    assert [(r["event_id"], r["attribute"], r["value"], r["low"], r["high"], r["reviewer"], r["review_action"])
            for r in reviewed] == [("ev-fire", "count.killed", "more than 9", 10, None, "ana", "correct")]
    assert all(r["reviewer"] is None for r in claims if r["status"] != "reviewed")


def test_a_review_survives_the_build_rewriting_events_even_under_a_new_id(store):
    ReviewBook(store).add("ana", "correct", "ev-fire", "count.killed", "10")
    # The grouper's ids come from the first article; a regrouping build may name the event anew.
    rebuild(store, *as_built(fire_id="ev-fire-renamed"))

    assert facts_of(store, "ev-fire-renamed").counts["killed"].value == 10
    assert ReviewBook(store).for_event("ev-fire-renamed")[0].new_value == "10"


def test_undo_brings_the_value_back_and_keeps_the_history(store):
    book = ReviewBook(store)
    first = book.add("ana", "correct", "ev-fire", "date", "2033-09-03")
    second = book.add("bo", "correct", "ev-fire", "date", "2033-09")
    assert facts_of(store, "ev-fire").date.key() == "2033-09"

    undo = book.undo(second.review_id, "cy")

    assert facts_of(store, "ev-fire").date.key() == "2033-09-03"  # the earlier review holds again
    book.undo(first.review_id, "cy")
    assert facts_of(store, "ev-fire").date.key() == "2033-09-04"  # the machine's
    assert facts_of(store, "ev-fire").reviewed == []
    history = book.all()
    assert [(r.action, r.undone) for r in history] == [("correct", True), ("correct", True), ("undo", False),
                                                       ("undo", False)]
    assert history[1].undone_by == undo.review_id and undo.target == str(second.review_id)
    with pytest.raises(ValueError, match="already undone"):
        book.undo(second.review_id, "cy")


def test_confirm_pins_the_value_and_resolve_ends_the_conflict(store):
    book = ReviewBook(store)
    book.add("ana", "confirm", "ev-fire", "place")
    book.add("ana", "resolve", "ev-fire", "count.killed", "11")

    settled = facts_of(store, "ev-fire")
    assert settled.place.city == "Halden" and settled.place.region == "Westmark"  # the gazetteer's levels kept
    assert settled.counts["killed"].value == 11
    assert settled.conflicts == []
    assert settled.reviewed == ["place", "count.killed"]


def test_merge_and_split_apply_to_the_grouping_on_read_and_after_a_rebuild(store):
    book = ReviewBook(store)
    book.add("ana", "split", "ev-fire", new_value=RESCUE_A.article_id[:10])
    groups = {e.event_id: e.article_ids for e in Ledger(store).store.events()}
    assert groups["ev-fire"] == [FIRE_A.article_id, FIRE_B.article_id]
    split_off = next(e for e, ids in groups.items() if ids == [RESCUE_A.article_id])

    book.add("ana", "merge", "ev-rescue", new_value=split_off)
    rebuild(store, *as_built())  # the build regroups as before: the reviews are replayed on its result

    events = Ledger(store).store.events()
    assert sorted(sorted(e.article_ids) for e in events) == [
        sorted([FIRE_A.article_id, FIRE_B.article_id]), sorted([RESCUE_A.article_id, RESCUE_B.article_id])]
    stories = Ledger(store).store.stories()
    assert sorted(stories[0].event_ids) == sorted(e.event_id for e in events)
    settled = {row.event_id: row for row in Ledger(store).event_facts()}
    assert settled["ev-fire"].counts["injured"].value == 0  # the rescue's four no longer count in the fire
    assert settled["ev-rescue"].counts["injured"].value == 4


def test_articles_get_their_reviewed_date_and_outlet(store):
    book = ReviewBook(store)
    dated = book.add("ana", "set_date", FIRE_B.article_id[:8], new_value="2033-09-04")
    book.add("ana", "set_outlet", FIRE_B.article_id, new_value="Coastline Wire Service")

    assert (dated.target, dated.attribute, dated.old_value) == (FIRE_B.article_id, "published", "2033-09-05")
    row = next(r for r in Ledger(store).sources() if r.article_id == FIRE_B.article_id)
    assert (row.published, row.outlet) == ("2033-09-04", "Coastline Wire Service")
    assert "Coastline Wire Service" in next(r for r in export(store, "events") if r["event_id"] == "ev-fire")["outlets"]


@pytest.mark.parametrize(("action", "target", "attribute", "value", "reason"), [
    ("correct", "ev-fire", "count.killed", "a dozen", "not a count"),
    ("correct", "ev-fire", "count.killed", "12-9", "runs backwards"),
    ("correct", "ev-fire", "date", "2033-02-30", "not a date"),
    ("correct", "ev-fire", "date", "next week", "not a date"),
    ("correct", "ev-fire", "colour", "red", "has no attribute 'colour'"),
    ("correct", "ev-fire", "actor", "  ", "value is needed"),
    ("correct", "ev-fire", "actor", "the\x1b]0;x\x07 blaze", "control characters"),
    ("correct", "ev-fire", "event_type", "Disaster:Meteor", "not an event type"),
    ("resolve", "ev-fire", "place", None, "do not conflict on 'place'"),
    ("confirm", "ev-fire", "count.killed", "12", "use correct"),
    ("confirm", "ev-rescue", "target", None, "no value is settled"),
    ("split", "ev-rescue", None, RESCUE_B.article_id, "left with no article"),
    ("merge", "ev-fire", None, "ev-fire", "cannot be merged with itself"),
    ("set_date", FIRE_A.article_id, None, "2033-09", "a day"),
    ("approve", "ev-fire", None, None, "unknown review action"),
])
def test_a_review_that_does_not_fit_is_refused_with_its_reason(store, action, target, attribute, value, reason):
    book = ReviewBook(store)
    with pytest.raises(ValueError, match=reason):
        book.add("ana", action, target, attribute, value)
    assert book.all() == []


@pytest.mark.parametrize(("action", "target", "value"), [
    ("correct", "ev-nothing", "10"),
    ("set_outlet", "0000000000", "Quay"),
    ("split", "ev-fire", RESCUE_B.article_id),  # an article of another event
    ("merge", "ev-fire", "ev-nothing"),
])
def test_an_unknown_event_or_article_is_named(store, action, target, value):
    with pytest.raises(UnknownTarget, match="no (event|article)"):
        ReviewBook(store).add("ana", action, target, "count.killed" if action == "correct" else None, value)


def test_an_exact_event_id_wins_over_a_prefix(store):
    rebuild(store, *as_built(fire_id="ev-fire", rescue_id="ev-fire+"))
    assert ReviewBook(store).add("ana", "confirm", "ev-fire", "date").target == "ev-fire"


def test_the_rebuild_leaves_the_reviews_table_alone(store, ledger_db):
    ReviewBook(store).add("ana", "correct", "ev-fire", "count.killed", "10")
    rebuild(store, *as_built())
    with sqlite3.connect(ledger_db) as db:
        assert db.execute("SELECT reviewer, old_value, new_value FROM reviews").fetchall() == [("ana", "9", "10")]


def test_a_read_only_ledger_shows_reviews_but_refuses_new_ones(store, ledger_db):
    ReviewBook(store).add("ana", "correct", "ev-fire", "count.killed", "10")
    reader = open_store(ledger_db, read_only=True)
    try:
        assert facts_of(reader, "ev-fire").counts["killed"].value == 10
        with pytest.raises(StoreError, match="read-only"):
            ReviewBook(reader).add("ana", "confirm", "ev-fire", "date")
    finally:
        reader.close()


def test_apply_reviews_on_its_own(store):
    review = ReviewBook(store).add("ana", "correct", "ev-fire", "place", "Halden, Norland")
    machine = Ledger(store).event_facts()[0]
    machine.reviewed = []
    assert machine.place.city == "Halden"
    placed = apply_reviews(machine, [review])
    assert (placed.place.city, placed.place.region, placed.place.country) == ("Halden", None, "Norland")
    assert placed.reviewed == ["place"]


def test_values_read_as_written():
    assert (parse_count("1,050").value, parse_count("at least 31").low, parse_count("30+").high) == (1050, 31, None)
    assert parse_count("12 to 15").low == 12 and parse_count("12 to 15").high == 15
    assert parse_place(", , Norland").country == "Norland" and parse_place(", , Norland").city is None
    with pytest.raises(ValueError, match="more than three parts"):
        parse_place("a, b, c, d")
