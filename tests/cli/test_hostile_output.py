"""Every output of a ledger whose text attacks its reader (see conftest): CSV that a spreadsheet would run,
Markdown that a viewer would turn into script or links, terminal tables that Rich or the terminal would
turn into hyperlinks, titles and cursor moves."""

from __future__ import annotations

import csv
import io
import json

import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from typer.testing import CliRunner

from storyline.cli import main
from storyline.cli.main import _csv_value, app

from .conftest import FORMULA, RICH_LINK, STORED_ERROR, TAB_FORMULA

runner = CliRunner()
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def csv_cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("command", [
    ["sources", "-f", "csv"], ["timeline", "-f", "csv"], ["entities", "-f", "csv"],
    ["export", "-f", "csv"], ["export", "-t", "claims", "-f", "csv"],
])
def test_no_csv_cell_starts_like_a_formula(hostile_db, command):
    result = run(*command, "--db", hostile_db)
    assert result.exit_code == 0, result.output
    rows = csv_cells(result.stdout)
    assert rows
    live = [cell for row in rows for cell in row.values() if cell.startswith(FORMULA_STARTS)]
    assert live == []
    assert any(cell.startswith(("'=", "'@")) for row in rows for cell in row.values())


def test_the_hostile_cells_are_kept_with_their_quote(hostile_db):
    sources = {row["article_id"]: row for row in csv_cells(run("sources", "-f", "csv", "--db", hostile_db).stdout)}
    assert sources["a-wire"]["outlet"] == "'" + FORMULA
    assert sources["a-herald"]["title"] == "'" + TAB_FORMULA  # the tab is kept, behind the quote
    (entity,) = csv_cells(run("entities", "-f", "csv", "--db", hostile_db).stdout)
    assert entity["name"] == "'@SUM(1+1)" and entity["aliases"].startswith("'-2+3")
    assert entity["articles"] == "2"


def test_numbers_stay_numbers_in_a_csv():
    assert _csv_value(-3) == -3 and _csv_value(2.5) == 2.5
    assert _csv_value("-3") == "'-3" and _csv_value(None) == "" and _csv_value(["=a", "b"]) == "'=a; b"


@pytest.mark.parametrize("command", [["timeline", "-f", "md"], ["event", "ev-vesk", "-f", "md"]])
def test_markdown_carries_no_script_link_image_or_html(hostile_db, command):
    result = run(*command, "--db", hostile_db)
    assert result.exit_code == 0, result.output
    html = MarkdownIt("commonmark", {"html": True}).render(result.stdout)
    for live in ("<script", "<img", "<a ", "javascript:alert(1)\"", "onerror=\"alert"):
        assert live not in html, live
    assert "&lt;" in html or "\\[" in result.stdout  # the text is shown, not dropped


def test_event_markdown_shows_the_hostile_sentence_as_text(hostile_db):
    html = MarkdownIt("commonmark", {"html": True}).render(run("event", "ev-vesk", "-f", "md", "--db", hostile_db).stdout)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[details](javascript:alert(1))" in html


@pytest.fixture
def terminal(monkeypatch):
    """The CLI's consoles as a real terminal would have them (colour, hyperlinks), recorded."""
    screen = io.StringIO()
    for name in ("out", "err"):
        monkeypatch.setattr(main, name, Console(file=screen, force_terminal=True, color_system="truecolor", width=160))
    return screen


@pytest.mark.parametrize("command", [["sources"], ["timeline"], ["event", "ev-vesk"], ["entities"]])
def test_terminal_tables_show_markup_and_escapes_as_inert_text(hostile_db, terminal, command):
    result = run(*command, "--db", hostile_db)
    assert result.exit_code == 0, result.output
    shown = terminal.getvalue()
    assert "\x1b]" not in shown  # no OSC: no hyperlink, no window title
    assert "\x1b[2J" not in shown and "\x1b[H" not in shown and "\r" not in shown and "\b" not in shown
    assert "\x07" not in shown


def test_rich_markup_in_data_is_printed_literally(hostile_db, terminal):
    assert run("sources", "--db", hostile_db).exit_code == 0
    shown = terminal.getvalue()
    assert "[link=http://evil.example]" in shown and "evil.example\x1b" not in shown
    assert RICH_LINK[:10] in shown


def test_a_stored_error_holding_markup_does_not_crash_sources(hostile_db):
    result = run("sources", "--db", hostile_db)
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert line == "skipped /corpus/broken.warc: corrupt WARC record [/x] at offset 4096 [bold]"
    assert STORED_ERROR.split(" [/x]")[0] in line


def test_json_outputs_round_trip_and_carry_no_raw_escape(hostile_db):
    for command in (["sources", "-f", "json"], ["timeline", "-f", "json"], ["event", "ev-vesk", "-f", "json"]):
        result = run(*command, "--db", hostile_db)
        assert result.exit_code == 0 and "\x1b" not in result.stdout
        json.loads(result.stdout)


def test_an_event_id_holding_markup_is_an_error_line_not_a_crash(hostile_db):
    result = run("event", "[/x]", "--db", hostile_db)
    assert result.exit_code == 1
    assert result.output.strip() == "error: no event with an id starting with '[/x]' (see `storyline timeline`)"
