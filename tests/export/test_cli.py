"""``storyline export`` over a ledger stored by hand (see conftest): both tables, both formats."""

from __future__ import annotations

import csv
import json

from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.engine.ledger import Ledger
from storyline.export import CLAIM_COLUMNS, EVENT_COLUMNS
from storyline.store import open_store

from .conftest import FORMULA, HERALD_LEAD, WIRE_LEAD

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_events_as_jsonl_keep_types_and_show_names(ledger_db):
    result = run("export", "--db", ledger_db, "--table", "events", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    (row,) = map(json.loads, result.stdout.splitlines())
    assert list(row) == [column.name for column in EVENT_COLUMNS]
    assert row["killed"] in (12, 14) and isinstance(row["killed_low"], int)
    injured = (row["injured"], row["injured_low"], row["injured_high"], row["injured_qualifier"])
    assert injured == (31, 31, None, "more_than")
    assert row["arrested"] is None
    assert row["actors"] == ["Red Hand Front", "gunmen"] and row["participants"] == ["killed:Ilse Varro"]
    assert row["outlets"] == [FORMULA, "Quay Herald"] and row["n_sources"] == 2
    assert set(row["conflicts"]) >= {"count.killed"} and row["date"] == "2031-04-01"


def test_claims_as_csv_to_a_file_are_neutralised_and_carry_offsets(ledger_db, tmp_path):
    out = tmp_path / "claims.csv"
    result = run("export", "--db", ledger_db, "-t", "claims", "-f", "csv", "--out", out)
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        rows = list(reader)
    assert reader.fieldnames == [column.name for column in CLAIM_COLUMNS]
    killed = {row["value"]: row for row in rows if row["attribute"] == "count.killed"}
    assert killed["Fourteen"]["outlet"] == "'" + FORMULA and killed["Fourteen"]["low"] == "14"
    assert killed["12"]["status"] == "conflict" and killed["12"]["url"] == "https://quayherald.example/vesk"
    herald_lead = killed["12"]
    assert herald_lead["sentence"] == HERALD_LEAD
    assert (herald_lead["start"], herald_lead["end"]) == ("0", str(len(HERALD_LEAD)))
    assert killed["Fourteen"]["sentence"] == WIRE_LEAD
    assert f"{len(rows)} claims rows" in result.output


def test_ledger_claims_pair_each_reconciliation_with_its_event(ledger_db):
    store = open_store(ledger_db)
    pairs = list(Ledger(store).claims())
    store.close()
    assert {event_id for event_id, _ in pairs} == {"ev-vesk"}
    assert {result.attribute for _, result in pairs} >= {"date", "count.killed", "count.injured", "actor", "place"}


def test_an_unusable_ledger_is_a_fatal_error(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database " * 400)
    result = run("export", "--db", bogus)
    assert result.exit_code == 1 and "notes.db" in result.output
    assert "export" in run("--help").output
