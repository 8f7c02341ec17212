"""The five seed articles (read from ../shared/seeds at run time), end to end."""

import pytest

from storyline.engine.ledger import Ledger
from storyline.reconcile import reconcile_event

from .conftest import event_for_count, origin_name

pytestmark = pytest.mark.seeds

BOILERPLATE_SHAPES = ("Menu", "Search", "Read Entire Article", "Sign up", "Related article", "Photo by",
                      "Market Data", "Original url")


def test_five_files_make_four_articles_and_the_two_copies_are_one_dated_article(seed_ledger):
    store, report = seed_ledger
    assert (report.files, report.articles, report.copies, report.errors) == (5, 4, 1, [])
    (folded,) = [a for a in store.articles() if a.copies]
    assert folded.published == "2026-03-19"
    assert folded.url and folded.url.startswith("https://")


def test_three_events_of_one_story(seed_ledger):
    store, _ = seed_ledger
    events = {n: event_for_count(store, n) for n in (52, 123, 250)}
    assert len({e.event_id for e in events.values()}) == 3
    assert len({e.story_id for e in events.values()}) == 1
    sizes = {n: len(e.article_ids) for n, e in events.items()}
    assert sizes == {52: 1, 123: 2, 250: 1}
    assert events[250].date.iso == "2026-03-19" and events[250].date.precision == "day"
    for count in (52, 123):  # undated reports: the date of an older arrest or election is not the event's
        assert events[count].date.iso is None or events[count].date.iso >= "2025", events[count].date


def test_each_event_carries_its_concession(seed_ledger):
    store, _ = seed_ledger
    wanted = {250: ("bank", "fertili", "finance ministry"), 123: ("potash",), 52: ("belavia",)}
    for count, terms in wanted.items():
        event = event_for_count(store, count)
        objects = " ".join(f.object or "" for f in store.facts(event.article_ids)
                           if f.event_type == "Sanctions:Ease").lower()
        for term in terms:
            assert term in objects, (count, term, objects)


def test_counts_agree(seed_ledger):
    store, _ = seed_ledger
    for count in (123, 52):
        event = event_for_count(store, count)
        articles = {a: store.article(a) for a in event.article_ids}
        (result,) = [r for r in reconcile_event(event, store.facts(event.article_ids), articles)
                     if r.attribute == "count.freed"]
        assert result.status in ("agree", "single"), (count, result)
        if count == 52:
            stated = " ".join(c.value for c in result.claims).lower()
            assert "fifty-two" in stated or "52" in stated


def entity_ids(store, name):
    return {e.entity_id for e in store.entities() if name in {e.name, *e.aliases}}


def test_people_fold_across_spellings_and_stay_apart_from_relatives(seed_ledger):
    store, _ = seed_ledger
    assert len(entity_ids(store, "Maria Kalesnikava") | entity_ids(store, "Maria Kolesnikova")) == 1
    leader = entity_ids(store, "Sviatlana Tsikhanouskaya") | entity_ids(store, "Svetlana Tikhanovskaya")
    assert len(leader) == 1
    husband = entity_ids(store, "Sergei Tikhanovsky")
    assert len(husband) == 1 and not husband & leader


def test_no_boilerplate_line_in_any_cleaned_body(seed_ledger):
    store, _ = seed_ledger
    for article in store.articles(canonical_only=False):
        for line in article.body.splitlines():
            assert not any(line.strip().startswith(shape) for shape in BOILERPLATE_SHAPES), (
                origin_name(article.origin), line)
            letters = [c for c in line if c.isalpha()]
            assert not (len(letters) > 12 and all(c.isupper() for c in letters)), (origin_name(article.origin), line)


def test_each_release_has_its_state_or_leader_as_actor_and_lists_the_people_freed(seed_ledger):
    store, _ = seed_ledger
    rows = {row.counts["freed"].value: row for row in Ledger(store).event_facts() if "freed" in row.counts}
    assert {52, 123, 250} <= set(rows)
    for count in (52, 123, 250):
        actors = " ".join(actor.text for actor in rows[count].actors).lower()
        assert "belarus" in actors or "lukashenko" in actors, (count, rows[count].actors)
    named = {count: {p.text for p in rows[count].participants if p.role == "freed"} for count in (123, 250)}
    assert {"Ales Bialiatski", "Maria Kalesnikava"} <= named[123]
    assert "Valentin Stefanovich" in named[250]


def test_a_head_of_state_and_his_state_are_not_a_conflict(seed_ledger):
    store, _ = seed_ledger
    event = event_for_count(store, 123)
    articles = {a: store.article(a) for a in event.article_ids}
    (actor,) = [r for r in reconcile_event(event, store.facts(event.article_ids), articles) if r.attribute == "actor"]
    assert actor.status == "agree", actor


def test_dated_background_happenings_are_found(seed_ledger):
    store, _ = seed_ledger
    background = [entry for entry in Ledger(store).timeline() if entry.background and entry.date.iso]
    assert len(background) >= 6, [(e.date.iso, e.headline) for e in background]
    periods = [e for e in background if e.date.iso == "2023-07"]  # 'released since July 2023': a period, not a day
    assert periods and periods[0].date.precision == "month"
