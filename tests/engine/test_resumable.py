"""A ledger that does not depend on history: kills and reruns, and hash seeds, change nothing."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.engine import LocalExecutor, Pipeline
from storyline.store import open_store

from .conftest import REPO, SAMPLE
from .corpus import write_corpus

BUILD = """
import sys
from storyline.engine import LocalExecutor, Pipeline
from storyline.store import open_store
store = open_store(sys.argv[1])
report = Pipeline(store, executor=LocalExecutor(workers=int(sys.argv[3])), chunk_size=int(sys.argv[2])).build(sys.argv[4:])
print(report.events)
"""


class Killed(Exception):
    """Stands for kill -9 right after a chunk was stored (a kill inside its transaction loses the chunk)."""


def ledger(db: Path) -> list[tuple]:
    """The grouping as stored: every event's rows, and every article's event."""
    with sqlite3.connect(db) as connection:
        events = connection.execute("SELECT event_id, story_id, record FROM events ORDER BY event_id").fetchall()
        placed = connection.execute(
            "SELECT json_extract(a.record, '$.origin'), e.event_id FROM article_events e "
            "JOIN articles a USING (article_id) ORDER BY 1"
        ).fetchall()
    return events + placed


def partition(db: Path) -> set[frozenset[str]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT e.event_id, json_extract(a.record, '$.origin') FROM article_events e JOIN articles a USING (article_id)"
        ).fetchall()
    groups: dict[str, set[str]] = {}
    for event_id, origin in rows:
        groups.setdefault(event_id, set()).add(Path(origin).name)
    return {frozenset(group) for group in groups.values()}


def build_in_process(db: Path, folder: Path, chunk_size: int, kill_after: int | None = None) -> None:
    store = open_store(db)
    pipeline = Pipeline(store, executor=LocalExecutor(workers=1), chunk_size=chunk_size)
    if kill_after is not None:
        finish, done = pipeline._finish_chunk, []

        def finish_then_die(chunk, report):
            finish(chunk, report)
            done.append(chunk)
            if len(done) == kill_after:
                raise Killed

        pipeline._finish_chunk = finish_then_die
    try:
        pipeline.build([folder])
    except Killed:
        pass
    finally:
        store.close()


@pytest.mark.slow
def test_builds_interrupted_after_any_chunk_end_with_the_ledger_of_an_uninterrupted_one(tmp_path):
    folder = tmp_path / "corpus"
    write_corpus(folder, 16)
    build_in_process(tmp_path / "whole.db", folder, chunk_size=2)
    interrupted = tmp_path / "interrupted.db"
    for kill_after in (2, 3):  # after chunks 2 and 5 of 8
        build_in_process(interrupted, folder, chunk_size=2, kill_after=kill_after)
    build_in_process(interrupted, folder, chunk_size=2)
    assert len(partition(tmp_path / "whole.db")) > 2
    assert ledger(interrupted) == ledger(tmp_path / "whole.db")


def _stored_sources(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=0.1) as connection:
            return connection.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_builds_killed_at_several_points_and_rerun_group_as_an_uninterrupted_build(tmp_path):
    """kill -9 of a build in worker processes, at moments chosen by how far it got, then reruns."""
    folder = tmp_path / "corpus"
    write_corpus(folder, 240)
    command = [sys.executable, "-c", BUILD]
    args = ["8", "2", str(folder)]
    whole = subprocess.run([*command, str(tmp_path / "whole.db"), *args], capture_output=True, text=True, check=True)
    killed_db = tmp_path / "killed.db"
    for sources in (20, 90, 170):
        process = subprocess.Popen([*command, str(killed_db), *args], stdout=subprocess.DEVNULL)
        while _stored_sources(killed_db) < sources and process.poll() is None:
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    rerun = subprocess.run([*command, str(killed_db), *args], capture_output=True, text=True, check=True)
    assert whole.stdout == rerun.stdout
    assert partition(killed_db) == partition(tmp_path / "whole.db")
    assert ledger(killed_db) == ledger(tmp_path / "whole.db")


@pytest.mark.slow
def test_builds_are_byte_identical_under_any_hash_seed(tmp_path):
    dumps = []
    for seed in ("1", "2"):
        db = tmp_path / f"seed{seed}.db"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", BUILD, str(db), "4", "1", str(SAMPLE), str(REPO / "examples" / "flood")],
                       env=env, check=True, capture_output=True)
        with sqlite3.connect(db) as connection:
            dumps.append({table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                          for table in ("events", "article_events", "stories", "entities", "facts", "event_features")})
    assert dumps[0] == dumps[1]
