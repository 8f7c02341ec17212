import csv
import io
import json
import shutil

from typer.testing import CliRunner

from storyline.cli.main import app

from ..engine.conftest import SAMPLE

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_help_explains_every_command():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("build", "timeline", "event", "sources", "entities"):
        assert command in result.output


def test_build_then_read_the_ledger_in_every_format(tmp_path):
    db = tmp_path / "ledger.db"
    built = run("build", SAMPLE, "--db", db)
    assert built.exit_code == 0, built.output
    timeline = json.loads(run("timeline", "--db", db, "--format", "json").stdout)
    events = [e for e in timeline if e["kind"] == "event"]
    assert events and all(e["sources"] for e in events)
    rows = list(csv.DictReader(io.StringIO(run("timeline", "--db", db, "--format", "csv").stdout)))
    assert len(rows) == len(timeline)
    event_id = events[0]["event_id"]
    assert all(e["event_id"] and e["date_precision"] in ("day", "month", "year", "unknown") for e in events)
    counted = [e for e in events if e["counts"]]
    assert counted and all(isinstance(c["value"], int) for e in counted for c in e["counts"].values())
    assert [r["event_id"] for r in rows if r["kind"] == "event"] == [e["event_id"] for e in events]  # CSV keeps the id
    assert all(r["freed"] == "" or r["freed"].isdigit() for r in rows)
    detail = json.loads(run("event", event_id[:10], "--db", db, "--format", "json").stdout)
    assert detail["event_id"] == event_id and detail["facts"]
    readable = run("event", event_id, "--db", db, "--format", "md").stdout
    quoted = [line for line in readable.splitlines() if line.startswith("- ") and line.endswith('"')]
    assert len(quoted) == len(set(quoted)) == len({(f["article_id"], f["start"], f["sentence"]) for f in detail["facts"]})
    assert run("event", "no-such-event", "--db", db).exit_code == 1
    sources = json.loads(run("sources", "--db", db, "--format", "json").stdout)
    assert len(sources) == 10 and any(s["copies"] for s in sources)
    entities = json.loads(run("entities", "--db", db, "--format", "json").stdout)
    assert entities and all(e["articles"] >= 1 for e in entities)
    assert "Sources" in run("sources", "--db", db).stdout


def test_bad_inputs_are_named_skipped_and_nothing_stored_is_lost(tmp_path):
    db = tmp_path / "ledger.db"
    assert run("build", SAMPLE, "--db", db).exit_code == 0
    before = json.loads(run("sources", "--db", db, "--format", "json").stdout)
    bad = tmp_path / "incoming"
    bad.mkdir()
    (bad / "empty.txt").write_text("   \n")
    (bad / "photo.txt").write_bytes(bytes(range(256)) * 40)
    report = ("The district council voted on Monday evening to rebuild the old river bridge, ending a dispute "
              "that had split the town for two years.\n\nCouncillors approved the plan by nine votes to four. "
              "Work is due to start in the spring and to take eighteen months, the council said.")
    (bad / "records.jsonl").write_text(json.dumps({"text": report, "outlet": "Town Crier"}) + "\n{oops\n")
    shutil.copy(SAMPLE / "08_valley_gazette.txt", bad / "again.txt")
    result = run("build", bad, "--db", db)
    assert result.exit_code == 3
    assert "empty.txt" in result.output and "photo.txt" in result.output and "records.jsonl#2" in result.output
    after = json.loads(run("sources", "--db", db, "--format", "json").stdout)
    assert {s["article_id"] for s in before} <= {s["article_id"] for s in after}
    assert len(after) == len(before) + 1  # the good JSONL record; the copied file is a copy


def test_a_missing_path_is_a_usage_error(tmp_path):
    assert run("build", tmp_path / "nowhere", "--db", tmp_path / "l.db").exit_code == 2
