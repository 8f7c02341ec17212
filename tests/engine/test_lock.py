"""One build at a time per ledger: a second waits (saying for whom) or refuses; a killed holder frees it."""

import signal
import subprocess
import sys
import time

import pytest

from storyline.engine import LocalExecutor, Pipeline
from storyline.engine import lock as lock_module
from storyline.engine.lock import LedgerBusy, build_lock
from storyline.store import open_store

from .conftest import SAMPLE

# The lock module alone, loaded from its file: importing the package would load spaCy for nothing.
HOLD = f"""
import importlib.util, sys, time
spec = importlib.util.spec_from_file_location("lock", {str(lock_module.__file__)!r})
lock = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lock)
build_lock = lock.build_lock
with build_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold(db, seconds):
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_second_build_refuses_naming_the_holder(tmp_path):
    db = tmp_path / "ledger.db"
    holder = hold(db, 30)
    try:
        store = open_store(db)
        with pytest.raises(LedgerBusy, match=rf"ledger.db is being built by another process \(pid {holder.pid}\)"):
            Pipeline(store, executor=LocalExecutor(workers=1), wait_for_lock=False).build([SAMPLE])
        assert store.counts()["sources"] == 0
        store.close()
    finally:
        holder.kill()
        holder.wait()


def test_a_second_build_waits_for_the_first(tmp_path):
    db = tmp_path / "ledger.db"
    holder = hold(db, 1.0)
    told = []
    started = time.monotonic()
    with build_lock(str(db), tell=told.append):
        waited = time.monotonic() - started
    holder.wait()
    assert told == [f"{db} is being built by another process (pid {holder.pid}); waiting..."]
    assert waited > 0.5


def test_a_killed_build_leaves_no_stale_lock(tmp_path):
    db = tmp_path / "ledger.db"
    holder = hold(db, 60)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    told = []
    with build_lock(str(db), wait=False, tell=told.append):
        pass
    assert told == []


@pytest.mark.slow
def test_two_builds_at_once_leave_every_article_in_an_event(tmp_path):
    db = tmp_path / "ledger.db"
    build = ("import sys; from storyline.engine import Pipeline, LocalExecutor; from storyline.store import open_store;"
             "Pipeline(open_store(sys.argv[1]), executor=LocalExecutor(workers=1), chunk_size=2).build(sys.argv[2:])")
    flood = SAMPLE.parent / "flood"
    first = subprocess.Popen([sys.executable, "-c", build, str(db), str(SAMPLE)], stderr=subprocess.PIPE, text=True)
    while not (tmp_path / "ledger.db.lock").exists() or not (tmp_path / "ledger.db.lock").read_text():
        time.sleep(0.05)
    second = subprocess.run([sys.executable, "-c", build, str(db), str(flood), str(SAMPLE)],
                            capture_output=True, text=True)
    first.wait()
    assert first.returncode == second.returncode == 0
    assert f"is being built by another process (pid {first.pid}); waiting..." in second.stderr
    store = open_store(db)
    placed = {a for e in store.events() for a in e.article_ids}
    assert placed == {a.article_id for a in store.articles()}
    assert store.counts()["articles"] >= 18
    store.close()
