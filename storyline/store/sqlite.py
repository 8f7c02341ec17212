"""The embedded ledger: one SQLite file holding every stage's records.

Each record is kept as JSON (see codec) beside the few columns that queries need. Writes happen inside
transactions so that a failed build leaves what was stored before untouched, and every insert is keyed
by content so that storing the same thing twice changes nothing.
"""

from __future__ import annotations

import json
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

SCHEMA_VERSION = 1

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
    """The database file cannot be used (not SQLite, or written by an incompatible version)."""


class SqliteStore:
    """All reads and writes of the ledger. Obtain one with ``storyline.store.open_store``."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a storyline database ({error})") from error
        found = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if found is None:
            with self._db:
                self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(found[0]) != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {found[0]}, this storyline reads {SCHEMA_VERSION}")

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
