"""The timeline as Markdown, JSON, CSV (RFC 4180) or a Rich table.

Headlines, facts and outlet names come from scraped articles, so every rendering passes them through
``storyline.sanitize``: CSV cells cannot start a formula, Markdown carries no live link or HTML, the
terminal table gets no markup or escape sequences.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Literal

from rich.console import Group
from rich.table import Table
from rich.text import Text

from storyline.records import TimelineEntry
from storyline.sanitize import csv_safe, json_text, markdown_text, one_line, terminal

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
        return json_text([entry_record(entry) for entry in entries], indent=2, sort_keys=True)
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
        writer.writerow({key: "" if value is None else csv_safe(value) for key, value in record.items()})
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
