"""Each timeline renderer, read back: JSON and CSV parsed, Markdown and the Rich table inspected."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console

from storyline.timeline import build_timeline, render_timeline, timeline_table


@pytest.fixture
def entries(corpus):
    return build_timeline(corpus.events, corpus.stories, corpus.facts, corpus.articles)


def test_json_round_trips_every_entry(entries):
    text = render_timeline(entries, "json")
    records = json.loads(text)
    assert [r["date"] for r in records] == [e.date.iso for e in entries]
    first_event = next(r for r in records if r["kind"] == "event")
    assert set(first_event) == {"date", "precision", "kind", "event_id", "story", "headline", "facts", "sources"}
    assert first_event["event_id"] == "e9" and first_event["precision"] == "year"
    assert sum(r["kind"] == "background" for r in records) == 3
    assert render_timeline(entries, "json") == text  # stable


def test_csv_is_rfc4180_one_row_per_entry(entries):
    text = render_timeline(entries, "csv")
    assert text.endswith("\r\n") and "\r\n" in text.splitlines(keepends=True)[0]
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == ["date", "precision", "kind", "story", "headline", "facts", "sources"]
    assert len(rows) == len(entries)
    consulate = next(row for row in rows if row["headline"].startswith("diplomacy break relations"))
    assert consulate["headline"] == 'diplomacy break relations · Coastal League · consulate in Port Sel, "grey" flag'
    assert consulate["kind"] == "background" and consulate["date"] == "2027-04"
    unknown = rows[-1]
    assert unknown["date"] == "" and unknown["precision"] == "unknown" and unknown["story"] == "s1"
    assert next(row for row in rows if row["date"] == "2031-02-06")["sources"] == "Harbour Post; Tide Wire"


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
