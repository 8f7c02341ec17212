"""The ``storyline`` command.

Exit codes: 0 success; 1 a fatal error (unusable database, model that fails verification, unknown event);
2 wrong usage; 3 the build finished but some inputs were skipped (each is listed with its reason).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from storyline.sanitize import csv_safe, json_text, one_line, printable, terminal
from storyline.store import (
    DEFAULT_DB,
    SqliteStore,
    StoreError,
    ledger_errors,
    open_store,
)

if TYPE_CHECKING:
    from storyline.engine.ledger import Ledger
    from storyline.records import IngestError

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
    Path, typer.Option("--db", envvar="STORYLINE_DB", help="The ledger file (SQLite); build creates it if missing.")
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


def _fail(message: str) -> NoReturn:
    """One line on stderr, ``error: <what>: <reason>``, and exit 1. The message is data (it may quote a
    path or a stored error holding "[/x]"), so it is printed as text, never parsed as markup."""
    err.print(Text.assemble(("error:", "red"), " ", one_line(message)), soft_wrap=True, highlight=False)
    raise typer.Exit(EXIT_FATAL)


@contextmanager
def _ledger(db: Path, read_only: bool = True) -> Iterator[SqliteStore]:
    """The ledger, open for one command. Read commands open it read-only (it must exist, nothing is
    written); a ledger that cannot be used, or turns out damaged while read, ends the command with one
    line and exit 1."""
    try:
        store = open_store(db, read_only=read_only)
    except StoreError as error:
        _fail(str(error))
    try:
        with ledger_errors(db):
            yield store
    except StoreError as error:
        _fail(str(error))
    finally:
        store.close()


def _print_skipped(errors: list[IngestError]) -> None:
    """Each skipped input on one plain line: its origin and reason are data, never markup."""
    for error in errors:
        err.print(Text.assemble(("skipped", "yellow"), " ", one_line(f"{error.origin}: {error.reason}")),
                  soft_wrap=True, highlight=False)


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
    follow_symlinks: Annotated[bool, typer.Option(
        "--follow-symlinks", help="Follow symbolic links inside the given folders, even to files outside them "
                                  "(by default such links are listed as skipped).")] = False,
) -> None:
    """Ingest, clean, fold duplicates, extract facts, group events: add the inputs to the ledger.

    Building the same input twice changes nothing; new inputs extend the ledger. Unreadable inputs are
    listed with their reason and skipped (exit code 3); everything else is still built.
    """
    from storyline.engine import DaskExecutor, LocalExecutor, Pipeline
    from storyline.engine.executors import SchedulerUnreachable
    from storyline.nlp import ModelIntegrityError
    from storyline.settings import Settings

    missing = [p for p in paths if not p.exists()]
    if missing:
        err.print(Text("error: no such file or folder: " + one_line(", ".join(map(str, missing)))),
                  soft_wrap=True, highlight=False)
        raise typer.Exit(2)
    settings = Settings()
    settings.ingest.follow_symlinks = follow_symlinks
    executor = LocalExecutor()
    if dask:
        executor = DaskExecutor(address=None if dask == "local" else dask, workers=workers)
    with _ledger(db, read_only=False) as store:
        try:
            pipeline = Pipeline(store, settings=settings, executor=executor)
            columns = (TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
                       TimeElapsedColumn())
            with Progress(*columns, console=err, transient=False) as bar:
                report = pipeline.build(paths, progress=_RichProgress(bar))
        except (ModelIntegrityError, SchedulerUnreachable) as error:
            _fail(str(error))
    _print_skipped(report.errors)
    out.print(
        f"{report.files} inputs: {report.new} new, {report.unchanged} already in the ledger, "
        f"{len(report.errors)} skipped · {report.articles} new articles, {report.copies} copies folded, "
        f"{report.facts} facts · {report.events} events in {one_line(str(db))}",
        markup=False, highlight=False, soft_wrap=True,
    )
    if report.errors:
        reasons = ", ".join(f"{n} {kind}" for kind, n in report.error_summary().items())
        err.print(Text("skipped by reason: " + one_line(reasons)), soft_wrap=True, highlight=False)
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def timeline(
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[TimelineFormat, typer.Option("--format", "-f", help="Output format.")] = TimelineFormat.table,
) -> None:
    """The events in date order, with date precision, headline facts and sources; background marked.

    JSON and CSV give each entry typed fields, the columns of `storyline export --table events` (event id,
    type, date and precision, place fields, counts per role as numbers, actors, conflicts, reviewed), plus
    its kind, headline and sources.
    """
    from storyline.engine.ledger import Ledger
    from storyline.timeline import render_timeline, timeline_table

    with _ledger(db) as store:
        ledger = Ledger(store)
        entries, titles = ledger.timeline(), ledger.story_titles()
        rows = _event_rows(ledger) if format in (TimelineFormat.json, TimelineFormat.csv) else {}
    if format is TimelineFormat.table:
        out.print(timeline_table(entries, titles))
    else:
        _print_plain(render_timeline(entries, format.value, titles, rows))


def _event_rows(ledger: Ledger) -> dict[str, dict]:
    """Each event's row of the events export, by event id: the typed fields of the timeline's JSON and CSV."""
    from storyline.export import event_rows

    articles = {article.article_id: article for article in ledger.store.articles()}
    names = {entity.entity_id: entity.name for entity in ledger.store.entities()}
    return {row["event_id"]: row for row in event_rows(ledger.event_facts(), articles, names)}


@app.command()
def event(
    event_id: Annotated[str, typer.Argument(help="The event's id, or the start of it.")],
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[DetailFormat, typer.Option("--format", "-f", help="Output format.")] = DetailFormat.table,
) -> None:
    """One event: per attribute its values, status and sources; then each sentence once, with the facts it
    states (JSON: everything, every fact with its sentence and offsets)."""
    from storyline.engine.ledger import Ledger, UnknownEvent
    from storyline.timeline import event_panel, render_event

    with _ledger(db) as store:
        try:
            detail = Ledger(store).event(event_id)
        except UnknownEvent as error:
            _fail(f"{error} (see `storyline timeline`)")
    if format is DetailFormat.table:
        out.print(event_panel(detail))
    else:
        _print_plain(render_event(detail, format.value))


@app.command()
def sources(
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
) -> None:
    """Every article in the ledger: outlet, date, title, its folded copies, the inputs identical to it, and its
    event (inputs skipped are listed after the table)."""
    from storyline.engine.ledger import Ledger

    with _ledger(db) as store:
        rows = [dataclasses.asdict(r) for r in Ledger(store).sources()]
        errors = store.errors()
    _print_rows(rows, format, ["published", "outlet", "title", "origin", "copies", "identical", "event_id"], "Sources")
    if format is ListFormat.table:
        _print_skipped(errors)


@app.command()
def entities(
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
) -> None:
    """The people, organisations and places, one per real entity, with the spellings folded into it."""
    from storyline.engine.ledger import Ledger

    with _ledger(db) as store:
        rows = [
            {"entity_id": r.entity.entity_id, "name": r.entity.name, "label": r.entity.label,
             "aliases": sorted(set(r.entity.aliases) - {r.entity.name}), "articles": r.articles}
            for r in Ledger(store).entities()
        ]
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

    with _ledger(db) as store:
        if out_path is None:
            _export_to_stdout(Ledger(store), table.value, format.value)
            return
        try:
            with out_path.open("w", encoding="utf-8", newline="") as stream:
                written = export_table(Ledger(store), table.value, format.value, stream)
        except OSError as error:
            _fail(f"{out_path}: cannot write: {error.strerror or error}")
    err.print(Text(f"{written} {table.value} rows written to {one_line(str(out_path))}"), highlight=False)


def _export_to_stdout(ledger: Ledger, table: str, format: str) -> None:
    """Stream the table to standard output, row by row."""
    from storyline.export import export_table

    _write_stdout(lambda: export_table(ledger, table, format, sys.stdout))


def _write_stdout(write: Callable[[], object]) -> None:
    """Run ``write`` against standard output; a reader that stops early (``| head``) is not an error."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        # As the Python docs advise for SIGPIPE: point stdout at devnull so the interpreter's final
        # flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _print_plain(text: str) -> None:
    """Machine-readable output exactly as rendered, ended by one line break. Written past Rich, which
    would replace ":smile:" codes with emoji and drop carriage returns from CSV line ends."""
    _write_stdout(lambda: sys.stdout.write(printable(text) + ("" if text.endswith("\n") else "\n")))


def _csv_value(value: object) -> object:
    """A CSV cell: numbers stay numbers (a negative count is not a formula), text is neutralised."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, list):
        return csv_safe("; ".join(map(str, value)))
    return csv_safe(str(value))


def _table_value(value: object) -> Text:
    return terminal("; ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value))


def _print_rows(rows: list[dict], format: ListFormat, columns: list[str], title: str) -> None:
    if format is ListFormat.json:
        _print_plain(json_text(rows, indent=2))
        return
    if format is ListFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _csv_value(value) for key, value in row.items()})
        _print_plain(buffer.getvalue())
        return
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(_table_value(row[column]) for column in columns))
    out.print(table)


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on; only this machine by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    review: Annotated[bool, typer.Option(
        "--review", help="Allow reviews (confirm, correct, resolve...): prints a token that every write must carry.")] = False,
    reviewer: Annotated[str | None, typer.Option(help="Name recorded with each review (default: your user name).")] = None,
) -> None:
    """Browse the ledger in a web browser and over an HTTP API (OpenAPI at /docs); read-only unless --review."""
    import getpass
    import secrets

    import uvicorn

    from storyline.web import create_app

    token = secrets.token_urlsafe(24) if review else None
    try:
        web_app = create_app(db, review=review, reviewer=(reviewer or getpass.getuser()) if review else None, token=token)
    except StoreError as error:
        _fail(str(error))
    shown_host = f"[{host}]" if ":" in host else host
    err.print(Text(f"storyline: serving {one_line(str(db))} at http://{shown_host}:{port}/ (API docs at /docs)"),
              highlight=False, soft_wrap=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(Text(f"warning: listening on {host}: other machines can read the ledger"), style="yellow",
                  highlight=False)
    if token:
        err.print(Text(f"review token: {token}\nto review, open http://{shown_host}:{port}/review/login?token={token} "
                       "once (or paste the token into the sign-in form of any event page)"),
                  highlight=False, soft_wrap=True)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


# --- review ------------------------------------------------------------------------------------------------

review_app = typer.Typer(
    help="Confirm or correct what the machine settled, resolve conflicts, merge and split events, set an "
    "article's date or outlet. Reviews are kept in the ledger with time, reviewer and the value they "
    "replace; builds never overwrite them; `review undo` takes one back (history is kept).",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(review_app, name="review")

EXIT_USAGE = 2
ReviewerOption = Annotated[str | None, typer.Option(
    "--reviewer", help="Your name, recorded with the review (default: $USER).")]


class ReviewListFormat(str, Enum):
    table = "table"
    json = "json"


def _reviewer(name: str | None) -> str:
    import getpass

    return name or os.environ.get("USER") or getpass.getuser()


def _add_review(db: Path, reviewer: str | None, action: str, target: str, attribute: str | None = None,
                value: str | list[str] | None = None) -> None:
    """Record one review and print what it changed. An unknown event, article or review exits 1; a value or
    attribute that does not fit exits 2; both with one line saying why."""
    from storyline.review import ReviewBook, UnknownTarget

    if not db.exists():
        _fail(f"{db}: no such ledger (build one with storyline build)")
    with _ledger(db, read_only=False) as store:
        try:
            review = ReviewBook(store).add(_reviewer(reviewer), action, target, attribute, value)
        except UnknownTarget as error:
            _fail(str(error))
        except ValueError as error:
            err.print(Text.assemble(("error:", "red"), " ", one_line(str(error))), soft_wrap=True, highlight=False)
            raise typer.Exit(EXIT_USAGE) from None
    _print_review(review)


def _print_review(review) -> None:
    what = " ".join(part for part in (review.action, review.attribute, "of" if review.attribute else "", review.target)
                    if part)
    change = f": {review.old_value} -> {review.new_value}" if review.old_value != review.new_value else (
        f": {review.new_value}" if review.new_value else "")
    out.print(Text(one_line(f"review {review.review_id} by {review.reviewer}: {what}{change}")), highlight=False,
              soft_wrap=True)


@review_app.command("list")
def review_list(
    db: DbOption = Path(DEFAULT_DB),
    event_id: Annotated[str | None, typer.Option("--event", help="Only the reviews of this event.")] = None,
    format: Annotated[ReviewListFormat, typer.Option("--format", "-f", help="Output format.")] = ReviewListFormat.table,
) -> None:
    """Every review in the order made (undone ones marked), or those of one event."""
    from storyline.review import ReviewBook, UnknownTarget

    with _ledger(db) as store:
        book = ReviewBook(store)
        view = book.view()
        try:
            reviews = book.for_event(event_id) if event_id else view.reviews
        except UnknownTarget as error:
            _fail(str(error))
    rows = [
        {"review_id": r.review_id, "created": r.created, "reviewer": r.reviewer, "action": r.action,
         "target": r.target, "event_id": view.event_of_review.get(r.review_id), "attribute": r.attribute,
         "old_value": r.old_value, "new_value": r.new_value, "undone": r.undone, "undone_by": r.undone_by}
        for r in reviews
    ]
    if format is ReviewListFormat.json:
        _print_plain(json_text(rows, indent=2))
        return
    table = Table(title="Reviews (newest last)")
    for column in ("id", "reviewer", "action", "target", "change"):
        table.add_column(column, no_wrap=column in ("id", "action"), overflow="fold")
    for row in rows:
        change = f"{row['attribute'] or ''}: {row['old_value'] or '-'} -> {row['new_value'] or '-'}".lstrip(": ")
        if row["undone_by"] is not None:
            change += f" (undone by {row['undone_by']})"
        table.add_row(*(_table_value(value) for value in (
            row["review_id"], f"{row['reviewer']} {row['created'][:16].replace('T', ' ')}", row["action"],
            row["target"], change)))
    out.print(table)


@review_app.command("confirm")
def review_confirm(
    event_id: Annotated[str, typer.Argument(help="The event's id (or its unique start).")],
    attribute: Annotated[str, typer.Argument(help="date, place, actor, target, event_type, count.ROLE (or ROLE), "
                                                  "or any attribute the event's sources state.")],
    reviewer: ReviewerOption = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Confirm the value the ledger shows for an attribute: it stays, marked reviewed, whatever later builds say."""
    _add_review(db, reviewer, "confirm", event_id, attribute)


@review_app.command("correct")
def review_correct(
    event_id: Annotated[str, typer.Argument(help="The event's id (or its unique start).")],
    attribute: Annotated[str, typer.Argument(help="date, place, actor, target, event_type, count.ROLE (or ROLE), "
                                                  "or any attribute the event's sources state.")],
    value: Annotated[str, typer.Argument(help="A count: 14, 12-15, 'more than 30', 'at least 31'; a date: "
                                              "YYYY[-MM[-DD]]; a place: 'City[, Region], Country'; else words.")],
    reviewer: ReviewerOption = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Correct an attribute of an event: the value replaces the machine's, marked reviewed."""
    _add_review(db, reviewer, "correct", event_id, attribute, value)


@review_app.command("resolve")
def review_resolve(
    event_id: Annotated[str, typer.Argument(help="The event's id (or its unique start).")],
    attribute: Annotated[str, typer.Argument(help="An attribute the event's sources conflict on.")],
    value: Annotated[str | None, typer.Option("--value", help="The value that settles it (default: the one shown).")]
    = None,
    reviewer: ReviewerOption = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Mark a conflict between sources resolved: the attribute leaves the event's conflicts."""
    _add_review(db, reviewer, "resolve", event_id, attribute, value)


@review_app.command("merge")
def review_merge(
    event_id: Annotated[str, typer.Argument(help="The event that stays (its id is kept).")],
    other_event_id: Annotated[str, typer.Argument(help="The event merged into it.")],
    reviewer: ReviewerOption = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Merge two events that report one happening; later builds keep them merged."""
    _add_review(db, reviewer, "merge", event_id, None, other_event_id)


@review_app.command("split")
def review_split(
    event_id: Annotated[str, typer.Argument(help="The event to split.")],
    article_ids: Annotated[list[str], typer.Argument(help="The articles (ids or their unique start) that report "
                                                          "another happening; they form an event of their own.")],
    reviewer: ReviewerOption = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Take articles out of an event into an event of their own; later builds keep them apart."""
    _add_review(db, reviewer, "split", event_id, None, article_ids)


@review_app.command("set-date")
def review_set_date(
    article_id: Annotated[str, typer.Argument(help="The article's id (or its unique start).")],
    date: Annotated[str, typer.Argument(help="Its publication day, YYYY-MM-DD.")],
    reviewer: ReviewerOption = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Set the day an article was published."""
    _add_review(db, reviewer, "set_date", article_id, None, date)


@review_app.command("set-outlet")
def review_set_outlet(
    article_id: Annotated[str, typer.Argument(help="The article's id (or its unique start).")],
    outlet: Annotated[str, typer.Argument(help="The outlet that published it.")],
    reviewer: ReviewerOption = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Set the outlet an article comes from."""
    _add_review(db, reviewer, "set_outlet", article_id, None, outlet)


@review_app.command("undo")
def review_undo(
    review_id: Annotated[int, typer.Argument(help="The review to undo (see `storyline review list`).")],
    reviewer: ReviewerOption = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Undo a review: the ledger shows again what it showed before; the review stays in the history."""
    from storyline.review import ReviewBook, UnknownTarget

    if not db.exists():
        _fail(f"{db}: no such ledger (build one with storyline build)")
    with _ledger(db, read_only=False) as store:
        try:
            undo = ReviewBook(store).undo(review_id, _reviewer(reviewer))
        except UnknownTarget as error:
            _fail(str(error))
        except ValueError as error:
            err.print(Text.assemble(("error:", "red"), " ", one_line(str(error))), soft_wrap=True, highlight=False)
            raise typer.Exit(EXIT_USAGE) from None
    out.print(Text(one_line(f"review {undo.review_id} by {undo.reviewer}: undid review {review_id}")), highlight=False)
