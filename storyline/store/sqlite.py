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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from storyline.records import (
    Analysis,
    Article,
    Entity,
    Event,
    EventFacts,
    Fact,
    IngestError,
    RawDocument,
    Reconciliation,
    Story,
    TimelineEntry,
)
from storyline.store.codec import from_json, to_json

# 2: a fact's actor and target are Party records (words + entity), not one string
# 3: event and story summaries (reconciliation computed at build time), the entity -> event index, and each
#    article's head (its record without body) beside the record
# 4: the origins of inputs that had the same bytes as a stored source (identical copies are listed too)
SCHEMA_VERSION = 4

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    content_hash TEXT PRIMARY KEY, origin TEXT NOT NULL, media_type TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY, canonical_id TEXT, published TEXT, outlet TEXT, head TEXT NOT NULL,
    record TEXT NOT NULL);
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
CREATE TABLE IF NOT EXISTS identical_inputs (origin TEXT PRIMARY KEY, content_hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS event_summaries (
    event_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, article_ids TEXT NOT NULL, event_facts TEXT NOT NULL,
    reconciliations TEXT NOT NULL, entry TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_summaries (story_id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS event_entities (
    entity_id TEXT NOT NULL, event_id TEXT NOT NULL, roles TEXT NOT NULL, PRIMARY KEY (entity_id, event_id));
CREATE INDEX IF NOT EXISTS event_entities_event ON event_entities(event_id);
"""


@dataclass
class EventSummary:
    """What the read side shows of one event, computed at build time from the event, its articles and
    their facts (``storyline.engine.summaries``): its settled facts, its reconciled attributes, its timeline
    entry, and the entities its news facts name with their roles there."""

    event_id: str
    story_id: str
    article_ids: list[str]
    event_facts: EventFacts
    reconciliations: list[Reconciliation]
    entry: TimelineEntry
    roles: dict[str, list[str]] = field(default_factory=dict)  # entity id -> roles (actor, target, ...)


@dataclass
class BackgroundItem:
    """A dated background happening of a story, with the (article id, fact id) of the first fact that
    states it: the whole ledger's background entries keep the order they had when made from every fact."""

    first_fact: tuple[str, str]
    entry: TimelineEntry


@dataclass
class StorySummary:
    """What the timeline shows of a story beyond its events' own entries: the count of a lasting state
    across its events (rendered, and the event whose entry shows it), and its dated background."""

    story_id: str
    event_ids: list[str]  # the events it was computed from, in stored order
    trend: str | None = None
    trend_event: str | None = None
    background: list[BackgroundItem] = field(default_factory=list)


_BATCH = 500  # ids per ``IN (...)``: under SQLite's bound-parameter limit on every build of it


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

    def put_identical(self, doc: RawDocument) -> None:
        """Record an input whose bytes are those of a source already stored (under another origin)."""
        self._db.execute(
            "INSERT OR IGNORE INTO identical_inputs SELECT ?, ? WHERE NOT EXISTS "
            "(SELECT 1 FROM sources WHERE content_hash=? AND origin=?)",
            (doc.origin, doc.content_hash, doc.content_hash, doc.origin),
        )

    def identical_inputs(self) -> dict[str, list[str]]:
        """Per stored source's origin, the other inputs that had the very same bytes."""
        rows = self._db.execute(
            "SELECT s.origin, i.origin FROM identical_inputs i JOIN sources s USING (content_hash) ORDER BY i.origin"
        )
        found: dict[str, list[str]] = {}
        for source, identical in rows:
            found.setdefault(source, []).append(identical)
        return found

    def put_error(self, error: IngestError) -> None:
        self._db.execute("INSERT OR REPLACE INTO errors VALUES (?,?)", (error.origin, error.reason))

    def clear_error(self, origin: str) -> None:
        self._db.execute("DELETE FROM errors WHERE origin=?", (origin,))

    def errors(self) -> list[IngestError]:
        return [IngestError(o, r) for o, r in self._db.execute("SELECT origin, reason FROM errors ORDER BY origin")]

    # --- articles and duplicates ------------------------------------------------------------------------

    def put_article(self, article: Article, canonical_id: str | None) -> None:
        """Store or replace an article; ``canonical_id`` names the copy it is folded into (None: itself).
        The summary of the event holding it is dropped (its outlet, date and title are read there)."""
        self._forget_summaries_of([article.article_id])
        self._db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?)",
            (article.article_id, canonical_id, article.published, article.outlet,
             to_json(replace(article, body="", paragraphs=[])), to_json(article)),
        )

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT record FROM articles WHERE article_id=?", (article_id,)).fetchone()
        return from_json(Article, row[0]) if row else None

    def article_summaries(self, article_ids: Iterable[str] | None = None, canonical_only: bool = False) -> list[Article]:
        """Articles with an empty body and no paragraphs, copies included unless ``canonical_only``: what
        lists, outlets and reconciliation read, at a fraction of the cost of whole articles (the ``head``
        column comes before the record, so SQLite does not even read the body's pages)."""
        where = "WHERE canonical_id IS NULL" if canonical_only else ""
        if article_ids is None:
            rows = self._db.execute(f"SELECT head FROM articles {where} ORDER BY article_id").fetchall()
        else:
            found = self._select_in(f"SELECT article_id, head FROM articles WHERE article_id IN ({{}}) "
                                    f"{where.replace('WHERE', 'AND')}", list(article_ids))
            rows = [(head,) for _, head in sorted(found)]
        return [from_json(Article, r[0]) for r in rows]

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
        """Replace what NLP and fact extraction said of one article (and drop its event's summary)."""
        self._forget_summaries_of([analysis.article_id])
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
            found = self._select_in("SELECT article_id, fact_id, record FROM facts WHERE article_id IN ({})",
                                    list(article_ids))
            rows = [(record,) for _, _, record in sorted(found)]
        return [from_json(Fact, r[0]) for r in rows]

    def facts_outside_events(self) -> list[Fact]:
        """Facts of articles no event holds (a ledger stored by hand; an article whose grouping failed)."""
        rows = self._db.execute(
            "SELECT record FROM facts WHERE article_id NOT IN (SELECT article_id FROM article_events) "
            "ORDER BY article_id, fact_id"
        )
        return [from_json(Fact, r[0]) for r in rows]

    def _select_in(self, query: str, values: list[str]) -> list[tuple]:
        """``query`` with its ``IN ({})`` filled, in batches under SQLite's bound-parameter limit."""
        rows: list[tuple] = []
        for start in range(0, len(values), _BATCH):
            batch = values[start:start + _BATCH]
            rows += self._db.execute(query.format(",".join("?" * len(batch))), batch).fetchall()
        return rows

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
        """Store the grouper's current events and stories (and each article's place in them). The summaries
        of events and stories that changed or went are dropped (``unsummarised`` names what they leave
        without one); those of the others are kept as they are."""
        known = dict(self._db.execute("SELECT article_id, position FROM article_events").fetchall())
        next_position = max(known.values(), default=-1) + 1
        old_events = {e: (s, r) for e, s, r in self._db.execute("SELECT event_id, story_id, record FROM events")}
        old_stories = dict(self._db.execute("SELECT story_id, record FROM stories").fetchall())
        new_events = {event.event_id: (event.story_id, to_json(event)) for event in events}
        new_stories = {story.story_id: to_json(story) for story in stories}
        changed = {e for e in old_events.keys() | new_events.keys() if old_events.get(e) != new_events.get(e)}
        story_ids = {s for s in old_stories.keys() | new_stories.keys() if old_stories.get(s) != new_stories.get(s)}
        story_ids |= {found[0] for e in changed for found in (old_events.get(e), new_events.get(e)) if found}
        self._forget_summaries(changed, story_ids)
        self._db.execute("DELETE FROM events")
        self._db.execute("DELETE FROM stories")
        self._db.execute("DELETE FROM article_events")
        for event in events:
            self._db.execute("INSERT INTO events VALUES (?,?,?)", (event.event_id, event.story_id,
                                                                   new_events[event.event_id][1]))
            for article_id in event.article_ids:
                position = known.get(article_id)
                if position is None:
                    position, next_position = next_position, next_position + 1
                self._db.execute(
                    "INSERT INTO article_events VALUES (?,?,?,?)",
                    (article_id, event.event_id, event.story_id, position),
                )
        self._db.executemany("INSERT INTO stories VALUES (?,?)", list(new_stories.items()))

    def events(self) -> list[Event]:
        return [from_json(Event, r[0]) for r in self._db.execute("SELECT record FROM events ORDER BY event_id")]

    def event(self, event_id: str) -> Event | None:
        row = self._db.execute("SELECT record FROM events WHERE event_id=?", (event_id,)).fetchone()
        return from_json(Event, row[0]) if row else None

    # --- summaries: what reads show, computed at build time (storyline.engine.summaries) ---------------------

    def _forget_summaries_of(self, article_ids: list[str]) -> None:
        """Drop the summaries of the events holding these articles, and of their stories."""
        rows = self._select_in("SELECT event_id, story_id FROM article_events WHERE article_id IN ({})", article_ids)
        if rows:
            self._forget_summaries({e for e, _ in rows}, {s for _, s in rows})

    def _forget_summaries(self, event_ids: Iterable[str], story_ids: Iterable[str]) -> None:
        events = [(e,) for e in event_ids]
        self._db.executemany("DELETE FROM event_summaries WHERE event_id=?", events)
        self._db.executemany("DELETE FROM event_entities WHERE event_id=?", events)
        self._db.executemany("DELETE FROM story_summaries WHERE story_id=?", [(s,) for s in story_ids])

    def unsummarised(self) -> tuple[list[str], list[str]]:
        """The events and the stories without a summary, ids in order: every summary stored is current,
        since whatever changes what it was computed from drops it in the same transaction."""
        events = self._db.execute(
            "SELECT event_id FROM events WHERE event_id NOT IN (SELECT event_id FROM event_summaries) "
            "ORDER BY event_id"
        )
        stories = self._db.execute(
            "SELECT story_id FROM stories WHERE story_id NOT IN (SELECT story_id FROM story_summaries) "
            "ORDER BY story_id"
        )
        return [e for (e,) in events], [s for (s,) in stories]

    def put_event_summary(self, summary: EventSummary) -> None:
        self._forget_summaries([summary.event_id], [])
        self._db.execute(
            "INSERT INTO event_summaries VALUES (?,?,?,?,?,?)",
            (summary.event_id, summary.story_id, to_json(summary.article_ids), to_json(summary.event_facts),
             to_json(summary.reconciliations), to_json(summary.entry)),
        )
        self._db.executemany(
            "INSERT INTO event_entities VALUES (?,?,?)",
            [(entity, summary.event_id, to_json(roles)) for entity, roles in sorted(summary.roles.items())],
        )

    def put_story_summary(self, summary: StorySummary) -> None:
        self._db.execute("INSERT OR REPLACE INTO story_summaries VALUES (?,?)", (summary.story_id, to_json(summary)))

    def event_summary(self, event_id: str) -> EventSummary | None:
        """One event's whole summary (roles included), or None when it has none."""
        row = self._db.execute(
            "SELECT story_id, article_ids, event_facts, reconciliations, entry FROM event_summaries WHERE event_id=?",
            (event_id,),
        ).fetchone()
        if row is None:
            return None
        story_id, article_ids, event_facts, reconciliations, entry = row
        roles = self._db.execute("SELECT entity_id, roles FROM event_entities WHERE event_id=? ORDER BY entity_id",
                                 (event_id,))
        return EventSummary(event_id, story_id, from_json(list[str], article_ids),
                            from_json(EventFacts, event_facts), from_json(list[Reconciliation], reconciliations),
                            from_json(TimelineEntry, entry), {e: from_json(list[str], r) for e, r in roles})

    def stored_entries(self, event_ids: Iterable[str] | None = None) -> dict[str, tuple[list[str], TimelineEntry]]:
        """Event id -> (the article ids it was computed from, its timeline entry)."""
        return self._summary_column("entry", TimelineEntry, event_ids)

    def stored_event_facts(self, event_ids: Iterable[str] | None = None) -> dict[str, tuple[list[str], EventFacts]]:
        return self._summary_column("event_facts", EventFacts, event_ids)

    def stored_reconciliations(
        self, event_ids: Iterable[str] | None = None
    ) -> dict[str, tuple[list[str], list[Reconciliation]]]:
        return self._summary_column("reconciliations", list[Reconciliation], event_ids)

    def _summary_column(self, column: str, kind: Any, event_ids: Iterable[str] | None) -> dict[str, tuple[list[str], Any]]:
        """One column of the event summaries (reading only it: an entry is a tenth of a reconciliation)."""
        query = f"SELECT event_id, article_ids, {column} FROM event_summaries"
        if event_ids is None:
            rows = self._db.execute(query).fetchall()
        else:
            rows = self._select_in(query + " WHERE event_id IN ({})", list(event_ids))
        return {event_id: (from_json(list[str], ids), from_json(kind, value)) for event_id, ids, value in rows}

    def story_summaries(self, story_ids: Iterable[str] | None = None) -> dict[str, StorySummary]:
        query = "SELECT story_id, record FROM story_summaries"
        if story_ids is None:
            rows = self._db.execute(query).fetchall()
        else:
            rows = self._select_in(query + " WHERE story_id IN ({})", list(story_ids))
        return {story_id: from_json(StorySummary, record) for story_id, record in rows}

    def entity_events(self, entity_id: str | None = None) -> dict[str, dict[str, list[str]]]:
        """Entity id -> event id -> the entity's roles in the event's news facts (actor, target, a
        participant's role), from the events' summaries; one entity's when ``entity_id`` is given."""
        query = "SELECT entity_id, event_id, roles FROM event_entities"
        rows = (self._db.execute(query + " WHERE entity_id=?", (entity_id,)) if entity_id is not None
                else self._db.execute(query))
        index: dict[str, dict[str, list[str]]] = {}
        for entity, event_id, roles in rows:
            index.setdefault(entity, {})[event_id] = from_json(list[str], roles)
        return index

    def stories(self) -> list[Story]:
        return [from_json(Story, r[0]) for r in self._db.execute("SELECT record FROM stories ORDER BY story_id")]

    def story(self, story_id: str) -> Story | None:
        row = self._db.execute("SELECT record FROM stories WHERE story_id=?", (story_id,)).fetchone()
        return from_json(Story, row[0]) if row else None

    # --- stage state ------------------------------------------------------------------------------------

    def put_state(self, key: str, value: Any) -> None:
        self._db.execute("INSERT OR REPLACE INTO state VALUES (?,?)", (key, json.dumps(value, sort_keys=True)))

    def state(self, key: str) -> Any:
        row = self._db.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        tables = ("sources", "articles", "entities", "facts", "events", "stories", "errors")
        return {t: self._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
