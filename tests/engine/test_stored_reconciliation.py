"""Reconciliation computed at build time and stored: the rows equal a fresh reconciliation, a build that
touches one event rewrites only its rows, reads never load an article body, reviews still apply, and a
killed build leaves rows consistent with its events.

The fast tests use an invented ledger stored through the store API (no spaCy): a landslide above the
fictional town of Brask whose toll rises from report to report, a ferry strike in the same story, and a
dam inspection in another story; articles carry background facts and an entity named as actor."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.engine import LocalExecutor, Pipeline
from storyline.engine.ledger import Ledger
from storyline.engine.summaries import summarise
from storyline.reconcile import reconcile_event, settle_event
from storyline.records import (
    Analysis,
    Article,
    DateValue,
    Event,
    Evidence,
    Fact,
    Party,
    Place,
    Quantity,
    Story,
)
from storyline.review import ReviewBook
from storyline.store import SqliteStore, open_store
from storyline.timeline import build_timeline

from .conftest import SAMPLE

BRASK = Place("Brask", "Brask", "Ostmark", "Norland")
SLIDE_DAY = DateValue("2034-03-11", "day", "on Saturday")
MAYOR = "person:ilse-varn"


def article(article_id: str, outlet: str | None, published: str, *sentences: str) -> Article:
    return Article(article_id, f"/inbox/{article_id}.txt", "\n\n".join(sentences), [], title=sentences[0][:48],
                   published=published, url=f"https://news.example/{article_id}", outlet=outlet)


def fact(source: Article, n: int, sentence: str, event_type: str, **fields) -> Fact:
    start = source.body.index(sentence)
    return Fact(f"{source.article_id}:{n}", source.article_id, event_type, "", "", fields.pop("trigger", "killed"),
                Evidence(source.article_id, sentence, start, start + len(sentence)), **fields)


def toll(text: str, value: int) -> dict[str, Quantity]:
    return {"killed": Quantity(text, value, value, value, "exact")}


SLIDE_1 = article("slide-a-0001", "Ostmark Radio", "2034-03-11",
                  "A landslide buried six houses in Brask on Saturday, killing four people.",
                  "The valley last flooded in 2019, when the old bridge was lost.")
SLIDE_2 = article("slide-b-0002", "Norland Wire", "2034-03-13",
                  "The death toll from Saturday's landslide in Brask rose to nine, mayor Ilse Varn said.",
                  "Nobody was held responsible for the 2019 flood.")
SLIDE_3 = article("slide-c-0003", None, "2034-03-20",
                  "Rescuers in Brask recovered the last bodies; twelve people died in the slide on Saturday.",
                  "The 2019 flood had spared the town.")
STRIKE_1 = article("strike-a-0004", "Norland Wire", "2034-03-15",
                   "Ferry crews in Brask walked out on Wednesday over pay, mayor Ilse Varn said.")
DAM_1 = article("dam-a-0005", "Ostmark Radio", "2034-04-02", "Inspectors passed the Kell dam on Monday.")

FACTS = {
    SLIDE_1.article_id: [fact(SLIDE_1, 0, SLIDE_1.body.split("\n\n")[0], "Disaster:Landslide", place=BRASK, date=SLIDE_DAY,
                   counts=toll("four", 4)),
              fact(SLIDE_1, 1, SLIDE_1.body.split("\n\n")[1], "Disaster:Flood", trigger="flooded", background=True,
                   date=DateValue("2019", "year", "in 2019"))],
    SLIDE_2.article_id: [fact(SLIDE_2, 0, SLIDE_2.body.split("\n\n")[0], "Disaster:Landslide", place=BRASK, date=SLIDE_DAY,
                   counts=toll("nine", 9), attribution="mayor Ilse Varn said"),
              fact(SLIDE_2, 1, SLIDE_2.body.split("\n\n")[1], "Disaster:Flood", trigger="flood", background=True,
                   date=DateValue("2019", "year", "2019"))],
    SLIDE_3.article_id: [fact(SLIDE_3, 0, SLIDE_3.body.split("\n\n")[0], "Disaster:Landslide", place=BRASK,
                              date=SLIDE_DAY, counts=toll("twelve", 12), trigger="died"),
                         fact(SLIDE_3, 1, SLIDE_3.body.split("\n\n")[1], "Disaster:Flood", trigger="flood",
                              background=True, date=DateValue("2019", "year", "2019"))],
    STRIKE_1.article_id: [fact(STRIKE_1, 0, STRIKE_1.body, "Conflict:Demonstrate", trigger="walked out", place=BRASK,
                    date=DateValue("2034-03-15", "day", "on Wednesday"), actor=Party("Ferry crews"),
                    target=Party("mayor Ilse Varn", MAYOR))],
    DAM_1.article_id: [fact(DAM_1, 0, DAM_1.body, "Government:Inspect", trigger="passed", actor=Party("Inspectors"),
                 date=DateValue("2034-04-02", "day", "on Monday"))],
}
ARTICLES = [SLIDE_1, SLIDE_2, SLIDE_3, STRIKE_1, DAM_1]

SLIDE = Event("ev-slide", "st-brask", [SLIDE_1.article_id, SLIDE_2.article_id], "Disaster:Landslide", SLIDE_DAY,
              "Brask landslide")
STRIKE = Event("ev-strike", "st-brask", [STRIKE_1.article_id], "Conflict:Demonstrate",
               DateValue("2034-03-15", "day"), "Ferry strike")
DAM = Event("ev-dam", "st-kell", [DAM_1.article_id], "Government:Inspect", DateValue("2034-04-02", "day"), "Dam")


def stories_of(events: list[Event]) -> list[Story]:
    members: dict[str, list[str]] = {}
    for event in events:
        members.setdefault(event.story_id, []).append(event.event_id)
    return [Story(story_id, ids, story_id) for story_id, ids in members.items()]


def store_events(store: SqliteStore, events: list[Event]) -> tuple[int, int]:
    """A build's last step: events replaced and the summaries they lack computed, in one transaction."""
    with store.transaction():
        store.replace_events(events, stories_of(events))
        return summarise(store)


def summary_rows(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as connection:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                for table in ("event_summaries", "story_summaries", "event_entities")}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    store = open_store(path)
    with store.transaction():
        for source in ARTICLES:
            if source is not SLIDE_3:  # arrives with a later build
                store.put_article(source, None)
                store.put_analysis(Analysis(source.article_id, [], [], []), FACTS[source.article_id])
    store_events(store, [SLIDE, STRIKE, DAM])
    store.close()
    return path


def fresh(store: SqliteStore, event: Event) -> tuple:
    """The event reconciled now, from its articles' facts in the order of its articles (as the timeline)."""
    articles = {a.article_id: a for a in store.articles()}
    facts = [fact for a in event.article_ids for fact in store.facts([a])]
    reconciliations = reconcile_event(event, facts, articles)
    return reconciliations, settle_event(event, facts, articles, reconciliations)


def test_stored_rows_equal_a_fresh_reconciliation(db):
    store = open_store(db)
    assert store.unsummarised() == ([], [])
    for event in store.events():
        summary = store.event_summary(event.event_id)
        assert summary is not None and summary.article_ids == event.article_ids
        assert (summary.reconciliations, summary.event_facts) == fresh(store, event)
    assert store.event_summary("ev-strike").roles == {MAYOR: ["target"]}
    assert store.entity_events(MAYOR) == {MAYOR: {"ev-strike": ["target"]}}
    every = {a.article_id: a for a in store.articles()}
    assert Ledger(store).timeline() == build_timeline(store.events(), store.stories(), store.facts(), every)


def test_a_build_touching_one_event_rewrites_only_its_rows(db):
    before = summary_rows(db)
    store = open_store(db)
    with store.transaction():
        store.put_article(SLIDE_3, None)
        store.put_analysis(Analysis(SLIDE_3.article_id, [], [], []), FACTS[SLIDE_3.article_id])
    grown = replace(SLIDE, article_ids=[*SLIDE.article_ids, SLIDE_3.article_id])
    assert store_events(store, [grown, STRIKE, DAM]) == (1, 1)  # the slide, and its story
    after = summary_rows(db)
    changed = {table: sorted({row[0] for row in set(before[table]) ^ set(after[table])}) for table in before}
    assert changed == {"event_summaries": ["ev-slide"], "story_summaries": ["st-brask"], "event_entities": []}
    slide = store.event_summary("ev-slide")
    assert slide.event_facts.counts["killed"].value == 12  # the toll rose: the latest report's figure
    assert (slide.reconciliations, slide.event_facts) == fresh(store, grown)


def test_storing_the_same_events_again_changes_nothing(db):
    before = summary_rows(db)
    store = open_store(db)
    assert store_events(store, [SLIDE, STRIKE, DAM]) == (0, 0)
    assert summary_rows(db) == before


def test_new_facts_for_an_article_drop_its_events_row_and_deleted_events_lose_theirs(db):
    store = open_store(db)
    revised = [replace(FACTS[SLIDE_2.article_id][0], counts=toll("ten", 10)), FACTS[SLIDE_2.article_id][1]]
    with store.transaction():
        store.put_analysis(Analysis(SLIDE_2.article_id, [], [], []), revised)
        assert store.unsummarised() == (["ev-slide"], ["st-brask"])
        assert store_events(store, [SLIDE, STRIKE]) == (1, 1)
    assert "10" in {c.normalized for r in store.event_summary("ev-slide").reconciliations for c in r.claims}
    assert store.event_summary("ev-dam") is None and store.story_summaries(["st-kell"]) == {}
    assert store.entity_events() == {MAYOR: {"ev-strike": ["target"]}}


def test_a_transaction_that_dies_after_the_summaries_leaves_the_rows_of_the_events_before(db):
    before = summary_rows(db)
    store = open_store(db)
    with pytest.raises(RuntimeError), store.transaction():
        store.put_article(SLIDE_3, None)
        store.replace_events([replace(SLIDE, article_ids=[SLIDE_3.article_id]), STRIKE], stories_of([SLIDE, STRIKE]))
        summarise(store)
        raise RuntimeError("killed mid-chunk")
    assert summary_rows(db) == before and store.unsummarised() == ([], [])


def test_reads_never_load_an_article_body(db, monkeypatch):
    def whole_article(*_args, **_kwargs):
        raise AssertionError("a read loaded whole articles")

    store = open_store(db)
    monkeypatch.setattr(SqliteStore, "articles", whole_article)
    monkeypatch.setattr(SqliteStore, "article", whole_article)
    ledger = Ledger(store)
    assert any(entry.event_id == "ev-slide" for entry in ledger.timeline())
    assert [row.event_id for row in ledger.event_facts()] == ["ev-dam", "ev-slide", "ev-strike"]
    assert {event_id for event_id, _ in ledger.claims()} == {"ev-dam", "ev-slide", "ev-strike"}
    assert ledger.event("ev-slide")["event_id"] == "ev-slide"
    assert {row.article_id for row in ledger.sources()} == {a.article_id for a in ARTICLES if a is not SLIDE_3}


def test_reviews_apply_over_the_stored_rows_and_regrouped_events_are_computed(db):
    store = open_store(db)
    book = ReviewBook(store)
    book.add("ana", "correct", "ev-slide", "count.killed", "11")
    book.add("ana", "merge", "ev-slide", new_value="ev-strike")
    ledger = Ledger(store)
    (merged,) = [row for row in ledger.event_facts() if row.event_id == "ev-slide"]
    assert merged.counts["killed"].value == 11 and "count.killed" in merged.reviewed
    assert merged.article_ids == [*SLIDE.article_ids, STRIKE_1.article_id]
    view = ledger.store.view()
    every = {a.article_id: a for a in store.articles()}
    unreviewed = build_timeline(view.events, view.stories, store.facts(), every)
    timeline = ledger.timeline()
    assert [e.event_id for e in timeline] == [e.event_id for e in sorted(unreviewed, key=_order(timeline))]
    slide = next(entry for entry in timeline if entry.event_id == "ev-slide")
    assert "killed: 11 (corrected by ana; was 9)" in slide.facts
    assert "ev-strike" not in {entry.event_id for entry in timeline}


def test_an_articles_reviewed_outlet_is_shown_though_its_event_has_a_stored_row(db):
    store = open_store(db)
    ReviewBook(store).add("ana", "set_outlet", SLIDE_1.article_id, new_value="Brask Courier")
    slide = next(entry for entry in Ledger(store).timeline() if entry.event_id == "ev-slide")
    assert "Brask Courier" in slide.sources and "Ostmark Radio" not in slide.sources


def _order(timeline):
    position = {entry.event_id: index for index, entry in enumerate(timeline) if entry.event_id}
    return lambda entry: position.get(entry.event_id, -1)


@pytest.mark.slow
def test_a_killed_build_leaves_rows_consistent_and_its_rerun_those_of_a_whole_build(tmp_path):
    class Killed(Exception):
        pass

    whole = tmp_path / "whole.db"
    Pipeline(open_store(whole), executor=LocalExecutor(workers=1), chunk_size=3).build([SAMPLE])
    interrupted = tmp_path / "interrupted.db"
    store = open_store(interrupted)
    pipeline = Pipeline(store, executor=LocalExecutor(workers=1), chunk_size=3)
    finish = pipeline._finish_chunk

    def finish_then_die(chunk, report):
        finish(chunk, report)
        raise Killed

    pipeline._finish_chunk = finish_then_die
    with pytest.raises(Killed):
        pipeline.build([SAMPLE])
    assert store.unsummarised() == ([], [])
    for event in store.events():
        summary = store.event_summary(event.event_id)
        assert (summary.reconciliations, summary.event_facts) == fresh(store, event)
    store.close()
    Pipeline(open_store(interrupted), executor=LocalExecutor(workers=1), chunk_size=3).build([SAMPLE])
    assert summary_rows(interrupted) == summary_rows(whole)
