"""`storyline review ...` on the small hand-made ledger: what each command prints, and its exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from storyline.cli.main import app
from tests.review.conftest import FIRE_B, RESCUE_A

runner = CliRunner()


def run(ledger_db, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["review", *args, "--db", str(ledger_db)], env=env)


def read(ledger_db, *args: str):
    return runner.invoke(app, [*args, "--db", str(ledger_db)])


def test_correct_shows_in_the_timeline_and_export_and_undo_takes_it_back(ledger_db):
    corrected = run(ledger_db, "correct", "ev-fire", "count.killed", "10", "--reviewer", "ana")
    assert corrected.exit_code == 0, corrected.output
    assert "review 1 by ana: correct count.killed of ev-fire: 9 -> 10" in corrected.output

    timeline = json.loads(read(ledger_db, "timeline", "--format", "json").stdout)
    fire = next(entry for entry in timeline if entry["event_id"] == "ev-fire")
    assert (fire["counts"]["killed"]["value"], fire["reviewed"]) == (10, ["count.killed"])
    exported = [json.loads(line) for line in read(ledger_db, "export").stdout.splitlines()]
    assert next(row for row in exported if row["event_id"] == "ev-fire")["reviewed"] == ["count.killed"]

    undone = run(ledger_db, "undo", "1", "--reviewer", "bo")
    assert undone.exit_code == 0 and "undid review 1" in undone.output
    exported = [json.loads(line) for line in read(ledger_db, "export").stdout.splitlines()]
    fire_row = next(row for row in exported if row["event_id"] == "ev-fire")
    assert (fire_row["killed"], fire_row["reviewed"]) == (9, [])


def test_list_in_json_with_the_reviewer_from_the_environment(ledger_db):
    assert run(ledger_db, "resolve", "ev-fire", "killed", "--value", "11", env={"USER": "dee"}).exit_code == 0
    assert run(ledger_db, "set-date", FIRE_B.article_id, "2033-09-04", env={"USER": "dee"}).exit_code == 0
    assert run(ledger_db, "set-outlet", FIRE_B.article_id[:10], "Coast Wire Daily", env={"USER": "dee"}).exit_code == 0

    listed = json.loads(run(ledger_db, "list", "--format", "json").stdout)
    assert [(r["action"], r["attribute"], r["new_value"], r["reviewer"]) for r in listed] == [
        ("resolve", "count.killed", "11", "dee"),
        ("set_date", "published", "2033-09-04", "dee"),
        ("set_outlet", "outlet", "Coast Wire Daily", "dee"),
    ]
    of_event = json.loads(run(ledger_db, "list", "--event", "ev-fire", "--format", "json").stdout)
    assert len(of_event) == 3  # its articles' date and outlet reviews belong to its history too
    table = run(ledger_db, "list").stdout
    assert "resolve" in table and "dee" in table


def test_merge_and_split_from_the_command_line(ledger_db):
    split = run(ledger_db, "split", "ev-fire", RESCUE_A.article_id[:8], "--reviewer", "ana")
    assert split.exit_code == 0, split.output
    sources = json.loads(read(ledger_db, "sources", "--format", "json").stdout)
    new_event = next(row["event_id"] for row in sources if row["article_id"] == RESCUE_A.article_id)
    assert new_event not in ("ev-fire", "ev-rescue")

    merged = run(ledger_db, "merge", "ev-rescue", new_event, "--reviewer", "ana")
    assert merged.exit_code == 0, merged.output
    sources = json.loads(read(ledger_db, "sources", "--format", "json").stdout)
    assert next(row["event_id"] for row in sources if row["article_id"] == RESCUE_A.article_id) == "ev-rescue"


@pytest.mark.parametrize(("args", "code", "message"), [
    (("correct", "ev-nothing", "date", "2033"), 1, "no event with the id 'ev-nothing'"),
    (("undo", "42"), 1, "no review 42"),
    (("set-date", "feedfacecafe", "2033-09-01"), 1, "no article"),
    (("correct", "ev-fire", "killed", "lots"), 2, "'lots' is not a count"),
    (("correct", "ev-fire", "date", "2033-13"), 2, "not a date"),
    (("resolve", "ev-fire", "place"), 2, "do not conflict"),
    (("correct", "ev-fire"), 2, "Missing argument"),
])
def test_errors_are_one_clear_line_with_their_exit_code(ledger_db, args, code, message):
    result = run(ledger_db, *args, "--reviewer", "ana")
    assert result.exit_code == code
    assert message in " ".join(result.output.split())


def test_a_missing_ledger_is_not_created(tmp_path):
    missing = tmp_path / "none.db"
    result = runner.invoke(app, ["review", "confirm", "ev-fire", "date", "--db", str(missing)])
    assert result.exit_code == 1 and "no such ledger" in result.output
    assert not missing.exists()
