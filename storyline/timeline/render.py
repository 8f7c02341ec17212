"""The timeline as Markdown, JSON, CSV (RFC 4180) or a Rich table."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

from rich.console import Group
from rich.markup import escape
from rich.table import Table

from storyline.records import TimelineEntry

CSV_COLUMNS = ["date", "precision", "kind", "story", "headline", "facts", "sources"]
_LIST_SEPARATOR = "; "


def entry_record(entry: TimelineEntry) -> dict[str, Any]:
    """The plain form of one entry shared by the JSON and CSV renderings."""
    return {
        "date": entry.date.iso,
        "precision": entry.date.precision,
        "kind": "background" if entry.background else "event",
        "event_id": entry.event_id,
        "story": entry.story_id,
        "headline": entry.headline,
        "facts": list(entry.facts),
        "sources": list(entry.sources),
    }


def render_timeline(
    entries: list[TimelineEntry],
    fmt: Literal["md", "json", "csv"],
    story_titles: dict[str, str] | None = None,
) -> str:
    """Render entries (already in date order); ``story_titles`` names the Markdown story headings."""
    if fmt == "json":
        return json.dumps([entry_record(entry) for entry in entries], indent=2, sort_keys=True, ensure_ascii=False)
    if fmt == "csv":
        return _csv(entries)
    if fmt == "md":
        return _markdown(entries, story_titles or {})
    raise ValueError(f"unknown timeline format {fmt!r}: use md, json or csv")


def _csv(entries: list[TimelineEntry]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        record = entry_record(entry)
        record["facts"] = _LIST_SEPARATOR.join(record["facts"])
        record["sources"] = _LIST_SEPARATOR.join(record["sources"])
        writer.writerow({key: "" if value is None else value for key, value in record.items()})
    return out.getvalue()


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
        lines += [f"## {heading}", ""]
        for entry in story_entries:
            marker = " *(background)*" if entry.background else ""
            lines.append(f"- **{date_label(entry)}** ({entry.date.precision}) — {entry.headline}{marker}")
            lines += [f"  - {fact}" for fact in entry.facts]
            lines.append(f"  - sources: {', '.join(entry.sources)}")
        lines.append("")
    return "\n".join(lines)


def timeline_table(entries: list[TimelineEntry], story_titles: dict[str, str] | None = None) -> Group:
    """The timeline for the terminal: one table per story (as the Markdown sections), one row per entry,
    background rows dimmed and marked."""
    tables = []
    for story_id, story_entries in _by_story(entries).items():
        title = (story_titles or {}).get(story_id, story_id) if story_id else "Other background"
        table = Table(title=escape(title), title_justify="left", title_style="bold", show_lines=True, expand=True)
        table.add_column("Date", style="bold", no_wrap=True)
        table.add_column("What happened", style="bold cyan", ratio=2, overflow="fold")
        table.add_column("Facts", ratio=3, overflow="fold")
        table.add_column("Sources", style="green", ratio=2, overflow="fold")
        for entry in story_entries:
            headline = f"{escape(entry.headline)}\n[dim](background)[/dim]" if entry.background else escape(entry.headline)
            table.add_row(
                f"{escape(date_label(entry))}\n[dim]{entry.date.precision}[/dim]",
                headline,
                escape("\n".join(entry.facts)),
                escape(", ".join(entry.sources)),
                style="dim italic" if entry.background else None,
            )
        tables.append(table)
    return Group(*tables)
