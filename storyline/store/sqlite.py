"""The embedded ledger: one SQLite file holding every stage's records.

Each record is kept as JSON (see codec) beside the few columns that queries need. Writes happen inside
transactions so that a failed build leaves what was stored before untouched, and every insert is keyed
by content so that storing the same thing twice changes nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storyline.records import (
    Analysis,
    Article,
    Entity,
    Event,
    Fact,
    IngestError,
    RawDocument,
    Story,
)
from storyline.store.codec import from_json, to_json

SCHEMA_VERSION = 2  # 2: a fact's actor and target are Party records (words + entity), not one string

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    content_hash TEXT PRIMARY KEY, origin TEXT NOT NULL, media_type TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY, canonical_id TEXT, published TEXT, outlet TEXT, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_canonical ON articles(canonical_id);
CREATE TABLE IF NOT EXISTS signatures (article_id TEXT PRIMARY KEY, minhash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS analyses (article_id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (entity_id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facts (fact_id TEXT PRIMARY KEY, article_id TEXT NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facts_article ON facts(article_id);
CREATE TABLE IF NOT EXISTS event_features (article_id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS article_events (
    article_id TEXT PRIMARY KEY, event_id TEXT NOT NULL, story_id TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (story_id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS errors (origin TEXT PRIMARY KEY, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class StoreError(Exception):
    """The ledger cannot be used: missing, not a storyline ledger, damaged, newer, or not writable. The
    message names the file and the reason in plain words."""


_REASONS = (  # SQLite's message -> what the user can do about it
    ("file is not a database", "not a storyline ledger (not an SQLite database, or its first page is damaged)"),
    ("malformed", ("the ledger file is damaged (SQLite: database disk image is malformed); restore a copy or "
                   "build a new ledger")),
    ("readonly database", ("the ledger is read-only; make the file and its folder writable, or build into "
                           "another --db")),
    ("unable to open database file", "cannot open the ledger (no permission, or its folder is missing)"),
    ("database is locked", "the ledger is locked by another storyline process; try again when it has finished"),
    ("disk is full", "the disk is full"),
    ("disk i/o error", "the disk could not be read or written (I/O error)"),
)


def describe(error: sqlite3.Error) -> str:
    """SQLite's error in the words a user acts on."""
    message = str(error)
    for cue, reason in _REASONS:
        if cue in message.lower():
            return reason
    return f"SQLite error: {message}"


@contextmanager
def ledger_errors(path: str | Path) -> Iterator[None]:
    """Turn an SQLite failure met while using the ledger (a damaged page is found only when read) into a
    StoreError naming the file."""
    try:
        yield
    except sqlite3.Error as error:
        raise StoreError(f"{path}: {describe(error)}") from error


class SqliteStore:
    """All reads and writes of the ledger. Obtain one with ``storyline.store.open_store``.

    ``read_only`` opens an existing ledger without writing anything to it (no WAL switch, no tables
    created), so a ledger whose file or folder is read-only can still be read.
    """

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        with ledger_errors(self.path):
            self._db = self._connect_read_only() if read_only else self._connect_for_writing()
            try:
                self._check_schema()
                if not read_only:
                    self._db.execute("PRAGMA journal_mode=WAL")
                    self._db.execute("PRAGMA synchronous=NORMAL")
            except BaseException:
                self._db.close()
                raise

    def _connect_for_writing(self) -> sqlite3.Connection:
        """A read-only ledger is refused up front: SQLite would open it anyway and fail at the first write,
        after the build had done its work."""
        file = Path(self.path)
        if file.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a ledger file")
        folder = file.parent
        if not folder.is_dir():
            raise StoreError(f"{self.path}: no such folder {str(folder)!r}")
        if file.exists() and not os.access(file, os.R_OK):
            raise StoreError(f"{self.path}: no permission to read the ledger file")
        if file.exists() and not os.access(file, os.W_OK):
            raise StoreError(f"{self.path}: the ledger file is read-only; make it writable or build into another --db")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreError(
                f"{self.path}: its folder is read-only, and SQLite writes its journal beside the ledger; "
                "build into a writable folder"
            )
        return sqlite3.connect(self.path)

    def _connect_read_only(self) -> sqlite3.Connection:
        """``mode=ro`` reads a ledger even while a build writes to it. In WAL mode it needs the -shm file;
        when that cannot be created (read-only folder) and no -wal file holds unsaved pages, ``immutable=1``
        reads the file as it is."""
        file = Path(self.path)
        if file.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a ledger file")
        if not file.exists():
            raise StoreError(f"{self.path}: no such ledger (build one with storyline build)")
        uri = file.absolute().as_uri()
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        try:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:
            db.close()
            wal = Path(f"{self.path}-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise StoreError(
                    f"{self.path}: the ledger has changes not yet merged into it ({wal.name}) and its folder is "
                    "read-only; open it once where the folder is writable"
                ) from None
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)

    def _check_schema(self) -> None:
        """Refuse a database that is not a storyline ledger (its tables are left untouched) or is of another
        schema version; create the tables in a new one (in one transaction: a crash cannot leave half a
        schema that would later pass for a foreign database)."""
        tables = sorted(name for (name,) in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'"))
        if "meta" not in tables:
            if tables:
                shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
                raise StoreError(f"{self.path}: not a storyline ledger (an SQLite database with other tables: {shown})")
            if self.read_only:
                raise StoreError(f"{self.path}: an empty database, not a ledger (build one with storyline build)")
            self._db.executescript(
                f"BEGIN; {_SCHEMA} INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}'); COMMIT;"
            )
            return
        found = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = found[0] if found else None
        if version is None or not str(version).isdigit():
            raise StoreError(f"{self.path}: not a storyline ledger (no schema version in its meta table)")
        if int(version) > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer storyline (ledger schema {version}, this one reads "
                f"{SCHEMA_VERSION}); upgrade storyline"
            )
        if int(version) < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: ledger schema {version} is older than this storyline reads ({SCHEMA_VERSION}); "
                "build it again into a new ledger file"
            )
        if not self.read_only:
            self._db.executescript(f"BEGIN; {_SCHEMA} COMMIT;")  # tables and indexes added since, if any

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything written inside is stored together or not at all."""
        with self._db:
            yield

    # --- sources and errors ---------------------------------------------------------------------------

    def has_source(self, content_hash: str) -> bool:
        return self._db.execute("SELECT 1 FROM sources WHERE content_hash=?", (content_hash,)).fetchone() is not None

    def put_source(self, doc: RawDocument) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO sources VALUES (?,?,?,?)",
            (doc.content_hash, doc.origin, doc.media_type, to_json(doc)),
        )

    def sources(self) -> list[RawDocument]:
        rows = self._db.execute("SELECT record FROM sources ORDER BY origin")
        return [from_json(RawDocument, r[0]) for r in rows]

    def put_error(self, error: IngestError) -> None:
        self._db.execute("INSERT OR REPLACE INTO errors VALUES (?,?)", (error.origin, error.reason))

    def clear_error(self, origin: str) -> None:
        self._db.execute("DELETE FROM errors WHERE origin=?", (origin,))

    def errors(self) -> list[IngestError]:
        return [IngestError(o, r) for o, r in self._db.execute("SELECT origin, reason FROM errors ORDER BY origin")]

    # --- articles and duplicates ------------------------------------------------------------------------

    def put_article(self, article: Article, canonical_id: str | None) -> None:
        """Store or replace an article; ``canonical_id`` names the copy it is folded into (None: itself)."""
        self._db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?)",
            (article.article_id, canonical_id, article.published, article.outlet, to_json(article)),
        )

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT record FROM articles WHERE article_id=?", (article_id,)).fetchone()
        return from_json(Article, row[0]) if row else None

    def articles(self, canonical_only: bool = True) -> list[Article]:
        where = "WHERE canonical_id IS NULL" if canonical_only else ""
        rows = self._db.execute(f"SELECT record FROM articles {where} ORDER BY article_id")
        return [from_json(Article, r[0]) for r in rows]

    def put_signature(self, article_id: str, minhash: bytes) -> None:
        self._db.execute("INSERT OR REPLACE INTO signatures VALUES (?,?)", (article_id, minhash))

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self._db.execute("SELECT article_id, minhash FROM signatures ORDER BY article_id")

    # --- analysis, entities, facts ----------------------------------------------------------------------

    def put_analysis(self, analysis: Analysis, facts: list[Fact]) -> None:
        """Replace what NLP and fact extraction said of one article."""
        self._db.execute("INSERT OR REPLACE INTO analyses VALUES (?,?)", (analysis.article_id, to_json(analysis)))
        self._db.execute("DELETE FROM facts WHERE article_id=?", (analysis.article_id,))
        self._db.executemany(
            "INSERT OR REPLACE INTO facts VALUES (?,?,?)", [(f.fact_id, f.article_id, to_json(f)) for f in facts]
        )

    def analysis(self, article_id: str) -> Analysis | None:
        row = self._db.execute("SELECT record FROM analyses WHERE article_id=?", (article_id,)).fetchone()
        return from_json(Analysis, row[0]) if row else None

    def put_entities(self, entities: Iterable[Entity]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO entities VALUES (?,?)", [(e.entity_id, to_json(e)) for e in entities]
        )

    def entities(self) -> list[Entity]:
        return [from_json(Entity, r[0]) for r in self._db.execute("SELECT record FROM entities ORDER BY entity_id")]

    def facts(self, article_ids: Iterable[str] | None = None) -> list[Fact]:
        if article_ids is None:
            rows = self._db.execute("SELECT record FROM facts ORDER BY article_id, fact_id").fetchall()
        else:
            ids = list(article_ids)
            marks = ",".join("?" * len(ids))
            rows = self._db.execute(
                f"SELECT record FROM facts WHERE article_id IN ({marks}) ORDER BY article_id, fact_id", ids
            ).fetchall()
        return [from_json(Fact, r[0]) for r in rows]

    # --- events -----------------------------------------------------------------------------------------

    def put_event_features(self, article_id: str, features: dict[str, Any]) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO event_features VALUES (?,?)", (article_id, json.dumps(features, sort_keys=True))
        )

    def assignments(self) -> list[tuple[dict[str, Any], str, str]]:
        """Stored (features, event id, story id) in the order articles joined, for restoring a grouper."""
        rows = self._db.execute(
            "SELECT f.record, a.event_id, a.story_id FROM article_events a "
            "JOIN event_features f ON f.article_id = a.article_id ORDER BY a.position"
        )
        return [(json.loads(r), e, s) for r, e, s in rows]

    def replace_events(self, events: list[Event], stories: list[Story]) -> None:
        """Store the grouper's current events and stories (and each article's place in them)."""
        known = dict(self._db.execute("SELECT article_id, position FROM article_events").fetchall())
        next_position = max(known.values(), default=-1) + 1
        self._db.execute("DELETE FROM events")
        self._db.execute("DELETE FROM stories")
        self._db.execute("DELETE FROM article_events")
        for event in events:
            self._db.execute("INSERT INTO events VALUES (?,?,?)", (event.event_id, event.story_id, to_json(event)))
            for article_id in event.article_ids:
                position = known.get(article_id)
                if position is None:
                    position, next_position = next_position, next_position + 1
                self._db.execute(
                    "INSERT INTO article_events VALUES (?,?,?,?)",
                    (article_id, event.event_id, event.story_id, position),
                )
        self._db.executemany(
            "INSERT INTO stories VALUES (?,?)", [(s.story_id, to_json(s)) for s in stories]
        )

    def events(self) -> list[Event]:
        return [from_json(Event, r[0]) for r in self._db.execute("SELECT record FROM events ORDER BY event_id")]

    def stories(self) -> list[Story]:
        return [from_json(Story, r[0]) for r in self._db.execute("SELECT record FROM stories ORDER BY story_id")]

    # --- stage state ------------------------------------------------------------------------------------

    def put_state(self, key: str, value: Any) -> None:
        self._db.execute("INSERT OR REPLACE INTO state VALUES (?,?)", (key, json.dumps(value, sort_keys=True)))

    def state(self, key: str) -> Any:
        row = self._db.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        tables = ("sources", "articles", "entities", "facts", "events", "stories", "errors")
        return {t: self._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
