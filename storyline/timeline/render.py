"""The timeline as Markdown, JSON, CSV (RFC 4180) or a Rich table.

JSON and CSV carry typed fields, the columns of the events export (numbers as numbers, the date with its
precision, places as fields, the event id); Markdown and the table are for reading. Headlines, facts and
outlet names come from scraped articles, so every rendering passes them through ``storyline.sanitize``:
CSV cells cannot start a formula, Markdown carries no live link or HTML, the terminal table gets no markup
or escape sequences.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Literal

from rich.console import Group
from rich.table import Table
from rich.text import Text

from storyline.export.rows import COUNT_ROLES, EVENT_COLUMNS, Column, Row
from storyline.export.writers import write_csv
from storyline.records import TimelineEntry
from storyline.sanitize import json_text, markdown_text, one_line, terminal

# The typed fields of an entry: an event's are the columns of `storyline export --table events` (a
# background entry has none of them but its date, story, headline and sources); "kind" and "headline" say
# what the row is, "sources" who reports it. JSON nests the counts by role (only the roles stated); CSV
# keeps the export's flat count columns, so a spreadsheet reads the same table either way.
_ENTRY_COLUMNS = (Column("kind", str), Column("headline", str))
_EXPORT_ONLY = {"outlets"}  # the timeline's own "sources" says who reports an entry
_COUNT_COLUMNS = {name for role in COUNT_ROLES for name in (role, f"{role}_low", f"{role}_high", f"{role}_qualifier")}
TIMELINE_COLUMNS: tuple[Column, ...] = (
    EVENT_COLUMNS[:2] + _ENTRY_COLUMNS
    + tuple(c for c in EVENT_COLUMNS[2:] if c.name not in _EXPORT_ONLY) + (Column("sources", list),)
)
CSV_COLUMNS = [column.name for column in TIMELINE_COLUMNS]


def entry_record(entry: TimelineEntry, row: Row | None = None) -> Row:
    """One entry's typed fields (``TIMELINE_COLUMNS``): ``row`` is the event's row of the events export
    (None for background). The date is the timeline's, which orders the entries."""
    record: Row = {column.name: (row or {}).get(column.name) for column in TIMELINE_COLUMNS}
    record.update(
        event_id=entry.event_id, story_id=entry.story_id, kind="background" if entry.background else "event",
        headline=entry.headline, date=entry.date.key(), date_precision=entry.date.precision,
        sources=list(entry.sources),
    )
    for name in ("actors", "targets", "participants", "urls", "article_ids", "conflicts", "reviewed"):
        record[name] = record[name] or []
    return record


def _json_record(record: Row) -> Row:
    """The record with its counts nested by role, numbers kept: ``{"freed": {"value": 85, "low": 85, ...}}``."""
    counts = {
        role: {"value": record[role], "low": record[f"{role}_low"], "high": record[f"{role}_high"],
               "qualifier": record[f"{role}_qualifier"]}
        for role in COUNT_ROLES if record[f"{role}_qualifier"] is not None
    }
    nested: Row = {}
    for name, value in record.items():
        if name in _COUNT_COLUMNS:
            if "counts" not in nested:
                nested["counts"] = counts
            continue
        nested[name] = value
    return nested


def render_timeline(
    entries: list[TimelineEntry],
    fmt: Literal["md", "json", "csv"],
    story_titles: dict[str, str] | None = None,
    rows: Mapping[str, Row] | None = None,
) -> str:
    """Render entries (already in date order); ``story_titles`` names the Markdown story headings, ``rows``
    are the events' rows of the events export by event id (the typed fields of JSON and CSV)."""
    rows = rows or {}
    records = (entry_record(entry, rows.get(entry.event_id or "")) for entry in entries)
    if fmt == "json":
        return json_text([_json_record(record) for record in records], indent=2)
    if fmt == "csv":
        out = io.StringIO()
        write_csv(records, TIMELINE_COLUMNS, out)
        return out.getvalue()
    if fmt == "md":
        return _markdown(entries, story_titles or {})
    raise ValueError(f"unknown timeline format {fmt!r}: use md, json or csv")


def date_label(entry: TimelineEntry) -> str:
    return entry.date.iso or "date unknown"


def _by_story(entries: list[TimelineEntry]) -> dict[str | None, list[TimelineEntry]]:
    """Entries per story, stories in the order of their first entry."""
    sections: dict[str | None, list[TimelineEntry]] = {}
    for entry in entries:
        sections.setdefault(entry.story_id, []).append(entry)
    return sections


def _markdown(entries: list[TimelineEntry], story_titles: dict[str, str]) -> str:
    """One section per story, stories in the order of their first entry; background in italics."""
    lines = ["# Timeline", ""]
    for story_id, story_entries in _by_story(entries).items():
        heading = story_titles.get(story_id, story_id) if story_id else "Other background"
        lines += [f"## {markdown_text(heading)}", ""]
        for entry in story_entries:
            marker = " *(background)*" if entry.background else ""
            lines.append(
                f"- **{markdown_text(date_label(entry))}** ({markdown_text(entry.date.precision)}) — "
                f"{markdown_text(entry.headline)}{marker}"
            )
            lines += [f"  - {markdown_text(fact)}" for fact in entry.facts]
            lines.append(f"  - sources: {markdown_text(', '.join(entry.sources))}")
        lines.append("")
    return "\n".join(lines)


def timeline_table(entries: list[TimelineEntry], story_titles: dict[str, str] | None = None) -> Group:
    """The timeline for the terminal: one table per story (as the Markdown sections), one row per entry,
    background rows dimmed and marked."""
    tables = []
    for story_id, story_entries in _by_story(entries).items():
        title = (story_titles or {}).get(story_id, story_id) if story_id else "Other background"
        table = Table(title=Text(one_line(title)), title_justify="left", title_style="bold", show_lines=True, expand=True)
        table.add_column("Date", style="bold", no_wrap=True)
        table.add_column("What happened", style="bold cyan", ratio=2, overflow="fold")
        table.add_column("Facts", ratio=3, overflow="fold")
        table.add_column("Sources", style="green", ratio=2, overflow="fold")
        for entry in story_entries:
            headline = terminal(entry.headline)
            if entry.background:
                headline.append("\n(background)", style="dim")
            table.add_row(
                Text.assemble(terminal(date_label(entry)), "\n", terminal(entry.date.precision, style="dim")),
                headline,
                terminal("\n".join(entry.facts)),
                terminal(", ".join(entry.sources)),
                style="dim italic" if entry.background else None,
            )
        tables.append(table)
    return Group(*tables)
