"""build_timeline on the invented story: order, precision, headlines, sources, background dedup."""

from __future__ import annotations

from dataclasses import replace

from storyline.records import DateValue, Event, Party, TimelineEntry
from storyline.timeline import build_timeline


def test_entries_in_date_order_with_mixed_precision_and_unknown_last(corpus):
    entries = build_timeline(corpus.events, corpus.stories, corpus.facts, corpus.articles)
    assert [(e.date.iso, e.date.precision) for e in entries] == [
        ("2019-08", "month"),
        ("2024", "year"),
        ("2027-04", "month"),
        ("2030", "year"),
        ("2031-02-06", "day"),
        ("2031-05", "month"),
        (None, "unknown"),
    ]
    assert [e.event_id for e in entries if not e.background] == ["e9", "e1", "e2", "e3"]


def test_a_coarse_date_sorts_before_finer_dates_in_its_period(corpus):
    month = Event("m", "s1", ["a3"], "Justice:Release-Parole", DateValue("2031-05", "month", "in May"))
    day = Event("d", "s1", ["a4"], "Justice:Release-Parole", DateValue("2031-05-01", "day", "on 1 May"))
    later = Event("l", "s1", ["a1"], "Justice:Release-Parole", DateValue("2031-05-02", "day", "on 2 May"))
    entries = build_timeline([later, day, month], [], [], corpus.articles)
    assert [e.event_id for e in entries] == ["m", "d", "l"]


def test_event_headline_is_built_from_the_reconciled_main_fact(corpus):
    entries = {e.event_id: e for e in build_timeline(corpus.events, corpus.stories, corpus.facts, corpus.articles)}
    first = entries["e1"]
    assert first.headline == "justice release parole · 31 freed · Varnia · Port Sel"
    assert first.sources == ["Harbour Post", "Tide Wire"]
    assert first.story_id == "s1"
    assert "freed: Dozens / Thirty-one / 31 (agree, 2 sources)" in first.facts
    assert "date: 2031-02-06 (single, 1 source)" in first.facts
    assert not any("Thirty-one" in fact for fact in first.facts if fact.startswith("still held"))
    assert any(fact.startswith("exchange: sanctions ease: embargo on tin exports") for fact in first.facts)
    second = entries["e2"]
    assert second.headline == "justice release parole · 240 vs 117 freed · Varnia"
    assert any("(conflict, 2 sources)" in fact for fact in second.facts)
    assert second.sources == ["Harbour Post", "a4.md"]  # no outlet known: the file's name


def test_event_without_reconciled_facts_falls_back_to_the_article_title(corpus):
    entries = {e.event_id: e for e in build_timeline(corpus.events, corpus.stories, corpus.facts, corpus.articles)}
    assert entries["e3"].headline == "Varnia talks stall"
    assert entries["e3"].date.precision == "unknown"


def test_background_stated_by_three_articles_is_one_entry(corpus):
    background = [
        e for e in build_timeline(corpus.events, corpus.stories, corpus.facts, corpus.articles) if e.background
    ]
    elections = [e for e in background if e.headline.startswith("personnel elect")]
    assert len(elections) == 2  # 2019 and 2024 are different elections
    earlier = next(e for e in elections if e.date.iso.startswith("2019"))
    assert earlier.date == DateValue("2019-08", "month")  # the most precise date any source gives
    assert earlier.sources == ["Harbour Post", "Tide Wire", "a4.md"]
    assert earlier.event_id is None and earlier.story_id == "s1"
    assert earlier.headline == "personnel elect · Varnia · presidential election"  # the entity id shown as worded
    assert "personnel elect: presidential election · 2019-08" in earlier.facts
    assert all(isinstance(e, TimelineEntry) and e.date.iso for e in background)  # undated background left out
    assert len(background) == 3


def test_background_by_different_actors_stays_apart(corpus):
    election = next(f for f in corpus.facts if f.event_type == "Personnel:Elect" and f.article_id == "a4")
    rival = replace(election, fact_id="rival", actor=Party("Coastal League"), article_id="a3")
    entries = build_timeline(corpus.events, corpus.stories, [*corpus.facts, rival], corpus.articles)
    in_2019 = [e for e in entries if e.background and e.date.iso.startswith("2019")]
    assert sorted(e.headline for e in in_2019) == [
        "personnel elect · Coastal League · presidential election",
        "personnel elect · Varnia · presidential election",
    ]


def test_the_latest_round_shows_how_the_count_still_held_changed(corpus):
    entries = {e.event_id: e for e in build_timeline(corpus.events, corpus.stories, corpus.facts, corpus.articles)}
    trend = "ongoing count over the story: 2031-02-07: More than 500 -> 2031-05-21: about 300"
    assert f"{trend} (change over time, 2 sources)" in entries["e2"].facts
    assert not any(fact.startswith("ongoing count over") for fact in entries["e1"].facts + entries["e3"].facts)
    assert "still held: More than 500 (single, 1 source)" in entries["e1"].facts
