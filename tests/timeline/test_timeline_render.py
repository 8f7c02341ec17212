"""Each timeline renderer, read back: JSON and CSV parsed, Markdown and the Rich table inspected."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console

from storyline.export import COUNT_ROLES, EVENT_COLUMNS, event_rows
from storyline.reconcile import reconcile_event, settle_event
from storyline.timeline import build_timeline, render_timeline, timeline_table


@pytest.fixture
def entries(corpus):
    return build_timeline(corpus.events, corpus.stories, corpus.facts, corpus.articles)


@pytest.fixture
def rows(corpus):
    """Each event's row of the events export, as the CLI hands them to the renderer."""
    settled = []
    for event in corpus.events:
        facts = [f for f in corpus.facts if f.article_id in event.article_ids]
        settled.append(settle_event(event, facts, corpus.articles, reconcile_event(event, facts, corpus.articles)))
    return {row["event_id"]: row for row in event_rows(settled, corpus.articles, {})}


def test_json_gives_typed_fields_not_packed_strings(entries, rows):
    text = render_timeline(entries, "json", rows=rows)
    records = json.loads(text)
    assert [r["date"] for r in records] == [e.date.key() for e in entries]
    first_event = next(r for r in records if r["kind"] == "event")
    assert first_event["event_id"] == "e9" and first_event["date_precision"] == "year"
    second = next(r for r in records if r["event_id"] == "e2")
    assert second["counts"] == {"freed": {"value": 240, "low": 240, "high": 240, "qualifier": "exact"},
                                "held": {"value": 270, "low": 270, "high": 330, "qualifier": "range"}}
    assert (second["event_type"], second["story_id"], second["date"], second["date_precision"]) == (
        "Justice:Release-Parole", "s1", "2031-05", "month")
    assert second["actors"] == ["Varnia"] and second["conflicts"] == ["count.freed"] and second["reviewed"] == []
    assert second["sources"] == ["Harbour Post", "a4.md"] and second["n_sources"] == 2
    assert "facts" not in second and not any(" (agree" in str(value) for value in second.values())
    # the export's columns, the per-role count columns nested under "counts"
    per_role = {c.name for c in EVENT_COLUMNS if c.name.split("_")[0] in COUNT_ROLES}
    exported = {c.name for c in EVENT_COLUMNS} - per_role - {"outlets"}
    assert exported <= set(second)
    background = [r for r in records if r["kind"] == "background"]
    assert len(background) == 3 and all(r["event_id"] is None and r["counts"] == {} for r in background)
    assert render_timeline(entries, "json", rows=rows) == text  # stable


def test_csv_is_rfc4180_one_row_per_entry_with_the_event_id(entries, rows):
    text = render_timeline(entries, "csv", rows=rows)
    assert text.endswith("\r\n") and "\r\n" in text.splitlines(keepends=True)[0]
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(records[0])[:4] == ["event_id", "story_id", "kind", "headline"]
    assert {"freed", "freed_low", "freed_high", "freed_qualifier", "city", "country", "date_precision"} <= set(records[0])
    assert len(records) == len(entries)
    consulate = next(row for row in records if row["headline"].startswith("diplomacy break relations"))
    assert consulate["headline"] == 'diplomacy break relations · Coastal League · consulate in Port Sel, "grey" flag'
    assert consulate["kind"] == "background" and consulate["date"] == "2027-04" and consulate["event_id"] == ""
    unknown = records[-1]
    assert unknown["date"] == "" and unknown["date_precision"] == "unknown" and unknown["story_id"] == "s1"
    assert unknown["event_id"] == "e3"
    first = next(row for row in records if row["date"] == "2031-02-06")
    assert first["sources"] == "Harbour Post; Tide Wire" and first["event_id"] == "e1"
    assert (first["freed"], first["held"], first["held_qualifier"]) == ("31", "501", "more_than")


def test_markdown_has_a_heading_per_story_and_marks_background(entries):
    text = render_timeline(entries, "md", story_titles={"s1": "Varnia reporters", "s2": "Salt strike"})
    assert text.startswith("# Timeline")
    assert text.count("\n## ") == 2
    assert text.index("## Varnia reporters") < text.index("## Salt strike")  # s1 has the earliest entry
    background_lines = [line for line in text.splitlines() if "*(background)*" in line]
    assert len(background_lines) == 3
    assert "- **date unknown** (unknown) — Varnia talks stall" in text


def test_unknown_format_is_refused(entries):
    with pytest.raises(ValueError, match="md, json or csv"):
        render_timeline(entries, "xml")  # type: ignore[arg-type]


def test_rich_table_shows_every_entry(entries):
    console = Console(record=True, width=200)
    console.print(timeline_table(entries, {"s1": "Varnia reporters", "s2": "Salt strike"}))
    text = console.export_text()
    assert text.index("Varnia reporters") < text.index("Salt strike")  # one table per story, titled
    assert "justice release parole · 240 vs 117 freed · Varnia" in text
    assert '"grey" flag' in text
    assert text.count("background") >= 3
