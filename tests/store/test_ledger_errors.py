"""Ledgers that cannot be used give one line, ``error: <path>: <reason>``, and exit 1; a read-only ledger
can still be read; read commands never create a ledger."""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.records import Article, Event, IngestError, Story
from storyline.store import StoreError, open_store

runner = CliRunner()
READ_COMMANDS = [["timeline"], ["event", "ev-1"], ["sources"], ["entities"], ["export"]]
NOBODY = 65534


def run(*args) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def make_ledger(path: Path, articles: int = 40) -> Path:
    """A small valid ledger: enough articles that their table spans several pages."""
    store = open_store(path)
    with store.transaction():
        for n in range(articles):
            body = f"Article {n} of the harbour strike in Port Sel, where dockers walked out on Monday. " * 20
            store.put_article(Article(f"a{n:03d}", f"/corpus/{n}.txt", body, [], title=f"Strike day {n}",
                                      published="2031-05-04", outlet="Harbour Post"), None)
        store.replace_events([Event("ev-1", "st-1", ["a000", "a001"], "Strike")], [Story("st-1", ["ev-1"], "Strike")])
        store.put_error(IngestError("/corpus/bad.pdf", "not a PDF"))
    store.close()
    return path


def assert_one_error_line(code: int, output: str, path: Path | str, reason: str) -> None:
    assert code == 1, output
    assert "Traceback" not in output
    (line,) = output.strip().splitlines()
    assert line.startswith(f"error: {path}: ") and reason in line, line


def corrupt_page(path: Path, table: str) -> None:
    """Write garbage over the root page of ``table``."""
    db = sqlite3.connect(path)
    (page_size,) = db.execute("PRAGMA page_size").fetchone()
    (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (table,)).fetchone()
    db.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(bytes((n * 37 + 11) % 256 for n in range(page_size)))


# --- damaged, foreign, newer ----------------------------------------------------------------------------


def test_a_damaged_page_is_one_line_for_every_read_command(tmp_path):
    db = make_ledger(tmp_path / "ledger.db")
    corrupt_page(db, "articles")
    for command in (["sources"], ["timeline"], ["entities"], ["export"]):
        assert_one_error_line(*run(*command, "--db", db), db, "damaged")


def test_a_damaged_first_page_is_one_line_for_build_and_read(tmp_path):
    db = make_ledger(tmp_path / "ledger.db")
    with db.open("r+b") as file:
        file.write(b"\xde\xad\xbe\xef" * 64)
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text("The council voted on Monday to rebuild the bridge over the river Avel.")
    assert_one_error_line(*run("build", article, "--db", db), db, "not a storyline ledger")
    assert_one_error_line(*run("timeline", "--db", db), db, "not a storyline ledger")


def test_a_foreign_database_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "shop.db"
    other = sqlite3.connect(db)
    other.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    other.execute("INSERT INTO customers VALUES (1, 'Ada')")
    other.commit()
    other.close()
    before = db.read_bytes()
    article = tmp_path / "a.txt"
    article.write_text("The council voted on Monday to rebuild the bridge over the river Avel.")
    assert_one_error_line(*run("build", article, "--db", db), db, "other tables: customers")
    for command in READ_COMMANDS:
        assert_one_error_line(*run(*command, "--db", db), db, "not a storyline ledger")
    assert db.read_bytes() == before and not Path(f"{db}-wal").exists()


def test_a_ledger_from_a_newer_storyline_is_refused(tmp_path):
    db = make_ledger(tmp_path / "ledger.db")
    raw = sqlite3.connect(db)
    with raw:
        raw.execute("UPDATE meta SET value='7' WHERE key='schema_version'")
    raw.close()
    assert_one_error_line(*run("sources", "--db", db), db, "newer storyline")
    assert_one_error_line(*run("build", tmp_path / "ledger.db", "--db", db), db, "upgrade storyline")


def test_a_folder_or_an_empty_database_is_not_a_ledger(tmp_path):
    assert_one_error_line(*run("timeline", "--db", tmp_path), tmp_path, "is a folder")
    empty = tmp_path / "empty.db"
    empty.touch()
    assert_one_error_line(*run("sources", "--db", empty), empty, "empty database")


def test_a_new_ledger_is_created_whole(tmp_path):
    store = open_store(tmp_path / "new.db")
    store.close()
    tables = {name for (name,) in sqlite3.connect(tmp_path / "new.db").execute("SELECT name FROM sqlite_master")}
    assert {"meta", "sources", "articles", "events", "errors", "state"} <= tables


# --- missing ledgers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_read_commands_refuse_a_missing_ledger_and_do_not_create_it(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    code, output = run(*command, "--db", "typo.db")
    assert code == 1
    assert output.strip() == "error: typo.db: no such ledger (build one with storyline build)"
    assert list(tmp_path.iterdir()) == []


def test_opening_a_missing_ledger_read_only_raises(tmp_path):
    with pytest.raises(StoreError, match="no such ledger"):
        open_store(tmp_path / "typo.db", read_only=True)
    assert not (tmp_path / "typo.db").exists()


# --- read-only ledgers ----------------------------------------------------------------------------------


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder outside pytest's private tmp tree, so that an unprivileged child can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="storyline-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        path.chmod(stat.S_IRWXU | path.stat().st_mode)
    shutil.rmtree(folder)


def unprivileged(call: Callable[[], Any]) -> Any:
    """``call()`` where file permissions hold: as it is for a normal user; as root (who may write anything),
    in a forked child running as nobody, its result sent back through a pipe."""
    if os.geteuid() != 0:
        return call()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            payload = pickle.dumps(("ok", call()))
        except BaseException as error:  # noqa: BLE001 - whatever happens in the child, the parent reports it
            payload = pickle.dumps(("raised", repr(error)))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        status, value = pickle.loads(pipe.read())
    os.waitpid(pid, 0)
    assert status == "ok", value
    return value


def read_everything(db: Path) -> dict[str, tuple[int, str]]:
    return {command[0]: run(*command, "--db", db, "-f", "json" if command[0] != "export" else "jsonl")
            for command in READ_COMMANDS}


def assert_readable(results: dict[str, tuple[int, str]]) -> None:
    for command, (code, output) in results.items():
        assert code == 0, (command, output)
    assert results["sources"][1].count('"article_id"') == 40
    assert '"ev-1"' in results["event"][1]


def test_a_read_only_ledger_file_is_read_but_not_built_into(shared_dir):
    folder = shared_dir / "writable"
    folder.mkdir()
    folder.chmod(0o777)
    db = make_ledger(folder / "ledger.db")
    db.chmod(0o444)
    article = shared_dir / "a.txt"
    article.write_text("The council voted on Monday to rebuild the bridge over the river Avel.")
    article.chmod(0o644)
    built = unprivileged(lambda: run("build", article, "--db", db))
    assert_one_error_line(*built, db, "read-only")
    assert_readable(unprivileged(lambda: read_everything(db)))


def test_a_ledger_in_a_read_only_folder_is_read_but_not_built_into(shared_dir):
    db = make_ledger(shared_dir / "ledger.db")  # closed cleanly: no -wal or -shm beside it
    db.chmod(0o666)  # the file itself is writable: only the folder is not
    shared_dir.chmod(0o555)
    assert sorted(p.name for p in shared_dir.iterdir()) == ["ledger.db"]
    built = unprivileged(lambda: run("build", shared_dir, "--db", db))
    assert_one_error_line(*built, db, "folder is read-only")
    assert_readable(unprivileged(lambda: read_everything(db)))
    assert sorted(p.name for p in shared_dir.iterdir()) == ["ledger.db"]


def test_a_ledger_left_mid_write_in_a_read_only_folder_is_read_with_its_last_commit(shared_dir):
    db = shared_dir / "ledger.db"
    pid = os.fork()
    if pid == 0:  # a build that dies without closing: its last transaction lives in ledger.db-wal
        store = open_store(db)
        with store.transaction():
            store.put_article(Article("a-last", "/corpus/last.txt", "The last article.", [], title="Last"), None)
        os._exit(0)
    os.waitpid(pid, 0)
    assert Path(f"{db}-wal").stat().st_size > 0
    for path in shared_dir.iterdir():
        path.chmod(0o644)
    shared_dir.chmod(0o555)
    code, output = unprivileged(lambda: run("sources", "--db", db, "-f", "json"))
    assert code == 0, output
    assert '"a-last"' in output
