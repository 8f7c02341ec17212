"""The ``storyline`` command.

Exit codes: 0 success; 1 a fatal error (unusable database, model that fails verification, unknown event);
2 wrong usage; 3 the build finished but some inputs were skipped (each is listed with its reason).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from storyline.store import DEFAULT_DB, StoreError, open_store

if TYPE_CHECKING:
    from storyline.engine.ledger import Ledger

app = typer.Typer(
    help="Turn a pile of news articles into a sourced event ledger: build it, then read its timeline, "
    "events, sources and entities, or export it as tables. State lives in one SQLite file (--db, default "
    "./storyline.db).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console()
err = Console(stderr=True)

EXIT_FATAL, EXIT_PARTIAL = 1, 3

DbOption = Annotated[
    Path, typer.Option("--db", envvar="STORYLINE_DB", help="The ledger file (SQLite); created if missing.")
]


class TimelineFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"
    csv = "csv"


class DetailFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


class ExportTable(str, Enum):
    events = "events"
    claims = "claims"


def _open(db: Path):
    try:
        return open_store(db)
    except StoreError as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(EXIT_FATAL) from error


class _RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} docs/s" if speed else "-- docs/s", style="cyan")


class _RichProgress:
    """The engine's progress sink drawn as a Rich bar on stderr (counts, rate, elapsed)."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.task = None

    def begin(self, total: int | None) -> None:
        self.task = self.progress.add_task("building", total=total)

    def advance(self, done: int, stage: str) -> None:
        self.progress.update(self.task, completed=done, description=stage)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles (.txt .md .html .json .jsonl "
                                                     ".pdf, RSS/Atom feeds, WARC archives).")],
    db: DbOption = Path(DEFAULT_DB),
    dask: Annotated[str | None, typer.Option(help="Run the per-article steps on this Dask scheduler "
                                                  "(tcp://host:8786), or 'local' for local processes.")] = None,
    workers: Annotated[int, typer.Option(help="Processes for --dask local.")] = 2,
) -> None:
    """Ingest, clean, fold duplicates, extract facts, group events: add the inputs to the ledger.

    Building the same input twice changes nothing; new inputs extend the ledger. Unreadable inputs are
    listed with their reason and skipped (exit code 3); everything else is still built.
    """
    from storyline.engine import DaskExecutor, LocalExecutor, Pipeline
    from storyline.nlp import ModelIntegrityError

    missing = [p for p in paths if not p.exists()]
    if missing:
        err.print(f"[red]error:[/] no such file or folder: {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    executor = LocalExecutor()
    if dask:
        executor = DaskExecutor(address=None if dask == "local" else dask, workers=workers)
    store = _open(db)
    try:
        pipeline = Pipeline(store, executor=executor)
        columns = (TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, console=err, transient=False) as bar:
            report = pipeline.build(paths, progress=_RichProgress(bar))
    except ModelIntegrityError as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(EXIT_FATAL) from error
    finally:
        store.close()
    for error in report.errors:
        err.print(f"[yellow]skipped[/] {error.origin}: {error.reason}", soft_wrap=True, highlight=False)
    out.print(
        f"{report.files} inputs: {report.new} new, {report.unchanged} already in the ledger, "
        f"{len(report.errors)} skipped · {report.articles} new articles, {report.copies} copies folded, "
        f"{report.facts} facts · {report.events} events in {db}"
    )
    if report.errors:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(report.error_summary().items()))
        err.print(f"skipped by reason: {reasons}")
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def timeline(
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[TimelineFormat, typer.Option("--format", "-f", help="Output format.")] = TimelineFormat.table,
) -> None:
    """The events in date order, with date precision, headline facts and sources; background marked."""
    from storyline.engine.ledger import Ledger
    from storyline.timeline import render_timeline, timeline_table

    store = _open(db)
    ledger = Ledger(store)
    entries, titles = ledger.timeline(), ledger.story_titles()
    store.close()
    if format is TimelineFormat.table:
        out.print(timeline_table(entries, titles))
    else:
        _print_plain(render_timeline(entries, format.value, titles))


@app.command()
def event(
    event_id: Annotated[str, typer.Argument(help="The event's id, or the start of it.")],
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[DetailFormat, typer.Option("--format", "-f", help="Output format.")] = DetailFormat.table,
) -> None:
    """One event: its facts, who states each (outlet and sentence), where sources agree or conflict."""
    from storyline.engine.ledger import Ledger, UnknownEvent
    from storyline.timeline import event_panel, render_event

    store = _open(db)
    try:
        detail = Ledger(store).event(event_id)
    except UnknownEvent as error:
        err.print(f"[red]error:[/] {error} (see `storyline timeline`)")
        raise typer.Exit(EXIT_FATAL) from error
    finally:
        store.close()
    if format is DetailFormat.table:
        out.print(event_panel(detail))
    else:
        _print_plain(render_event(detail, format.value))


@app.command()
def sources(
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
) -> None:
    """Every article in the ledger: outlet, date, title, its folded copies and its event."""
    from storyline.engine.ledger import Ledger

    store = _open(db)
    rows = [dataclasses.asdict(r) for r in Ledger(store).sources()]
    errors = store.errors()
    store.close()
    _print_rows(rows, format, ["published", "outlet", "title", "origin", "copies", "event_id"], "Sources")
    if format is ListFormat.table and errors:
        for error in errors:
            err.print(f"[yellow]skipped[/] {error.origin}: {error.reason}", soft_wrap=True, highlight=False)


@app.command()
def entities(
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
) -> None:
    """The people, organisations and places, one per real entity, with the spellings folded into it."""
    from storyline.engine.ledger import Ledger

    store = _open(db)
    rows = [
        {"entity_id": r.entity.entity_id, "name": r.entity.name, "label": r.entity.label,
         "aliases": sorted(set(r.entity.aliases) - {r.entity.name}), "articles": r.articles}
        for r in Ledger(store).entities()
    ]
    store.close()
    _print_rows(rows, format, ["name", "label", "aliases", "articles"], "Entities")


@app.command()
def export(
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="jsonl: one JSON object a line, integers and lists kept, null when absent; "
                               "csv: RFC 4180 with a header, lists joined by '; ', empty when absent.")
    ] = ExportFormat.jsonl,
    table: Annotated[ExportTable, typer.Option(
        "--table", "-t", help="events: one row per event (type, date, place, counts per role, actors, "
                              "sources); claims: one row per value stated for an event's attribute and per "
                              "sentence stating it (status, outlet, sentence and its offsets).")
    ] = ExportTable.events,
    out_path: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write to this file (UTF-8) instead of standard output.")] = None,
) -> None:
    """Export the ledger as a typed table for pandas or a spreadsheet, as GDELT and ACLED users load them.

    CSV text cells that a spreadsheet would run as a formula start with an apostrophe.
    """
    from storyline.engine.ledger import Ledger
    from storyline.export import export_table

    store = _open(db)
    try:
        if out_path is None:
            _export_to_stdout(Ledger(store), table.value, format.value)
            return
        with out_path.open("w", encoding="utf-8", newline="") as stream:
            written = export_table(Ledger(store), table.value, format.value, stream)
    except OSError as error:
        err.print(f"[red]error:[/] cannot write {out_path}: {error.strerror or error}", highlight=False)
        raise typer.Exit(EXIT_FATAL) from error
    finally:
        store.close()
    err.print(f"{written} {table.value} rows written to {out_path}", highlight=False)


def _export_to_stdout(ledger: Ledger, table: str, format: str) -> None:
    """Stream the table to standard output; a reader that stops early (``| head``) is not an error."""
    from storyline.export import export_table

    try:
        export_table(ledger, table, format, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        # As the Python docs advise for SIGPIPE: point stdout at devnull so the interpreter's final
        # flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _print_plain(text: str, end: str = "\n") -> None:
    """Machine-readable output as it is: no Rich markup, highlighting or wrapping."""
    out.print(text, markup=False, highlight=False, soft_wrap=True, end=end)


def _print_rows(rows: list[dict], format: ListFormat, columns: list[str], title: str) -> None:
    if format is ListFormat.json:
        _print_plain(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if format is ListFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
        _print_plain(buffer.getvalue(), end="")
        return
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("; ".join(v) if isinstance(v, list) else str(v or "") for v in (row[c] for c in columns)))
    out.print(table)
