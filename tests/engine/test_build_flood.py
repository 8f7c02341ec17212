"""The second bundled sample, a flood whose toll rises from report to report: what examples/EXPECTED-flood.md
says a correct ledger holds, for the facts a general event ledger must get right on a story of another kind."""

import json
import re

import pytest

from storyline.engine.ledger import Ledger
from storyline.reconcile import reconcile_event

from .conftest import REPO, build, origin_name

FLOOD = REPO / "examples" / "flood"


def expected_flood() -> dict:
    text = (REPO / "examples" / "EXPECTED-flood.md").read_text(encoding="utf-8")
    return json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))


@pytest.fixture(scope="module")
def flood_ledger(tmp_path_factory):
    store, report = build([FLOOD], tmp_path_factory.mktemp("flood") / "ledger.db")
    yield store, report
    store.close()


def flood_event(store):
    truth = expected_flood()["events"][0]
    events = [e for e in Ledger(store).event_facts() if e.event_type == truth["type"]]
    assert events, "no flood event"
    return max(events, key=lambda e: len(e.article_ids)), truth


def test_copies_fold_and_every_report_joins_the_flood(flood_ledger):
    store, report = flood_ledger
    expected = expected_flood()
    assert (report.files, report.articles, report.copies) == (expected["documents"], expected["articles"], 1)
    event, truth = flood_event(store)
    origins = {origin_name(store.article(a).origin) for a in event.article_ids}
    assert set(truth["reports"]) <= origins


def test_the_flood_is_typed_dated_and_placed(flood_ledger):
    store, _ = flood_ledger
    event, truth = flood_event(store)
    assert event.date.iso == truth["date"] and event.date.precision == truth["precision"]
    assert (event.place.city, event.place.region, event.place.country) == tuple(truth["place"].values())
    assert event.place.city not in expected_flood()["not_the_place"]
    assert event.actors == []  # a flood is no one's act; the officials quoted about it are not its actors


def test_a_rising_toll_is_a_change_over_time_and_the_ledger_gives_its_latest_figure(flood_ledger):
    store, _ = flood_ledger
    event, truth = flood_event(store)
    assert event.counts["killed"].value == truth["counts"]["killed"]
    assert event.counts["missing"].value == truth["counts"]["missing"]  # the missing are found: it falls
    assert event.counts["evacuated"].low >= truth["counts"]["evacuated"]
    results = {r.attribute: r for r in reconcile_event(_stored(store, event), store.facts(event.article_ids), _articles(store))}
    assert results["count.killed"].status == "change_over_time"
    assert results["count.missing"].status == "change_over_time"


def test_two_outlets_disagreeing_on_one_day_are_a_conflict(flood_ledger):
    store, _ = flood_ledger
    event, truth = flood_event(store)
    results = {r.attribute: r for r in reconcile_event(_stored(store, event), store.facts(event.article_ids), _articles(store))}
    (conflict,) = truth["conflicts"]
    injured = results[f"count.{conflict['role']}"]
    assert injured.status == "conflict"
    stated = {claim.normalized for claim in injured.claims}
    assert {"23", "41-"} <= stated  # '23' against 'more than 40'


def test_the_earlier_flood_is_dated_background(flood_ledger):
    store, _ = flood_ledger
    years = {entry.date.iso for entry in Ledger(store).timeline() if entry.background}
    assert {b["date"] for b in expected_flood()["background"]} & years


def _stored(store, row):
    return next(e for e in store.events() if e.event_id == row.event_id)


def _articles(store):
    return {a.article_id: a for a in store.articles()}
