"""The read model behind the web pages and the API: reads only what a request needs, and keeps what is
costly to recompute in memory.

A ledger of 10,000 events cannot be re-reconciled on every request (``Ledger.timeline`` does that, and
loads every article body). So:

- a small *index* (events, stories, entities, article metadata without bodies) is loaded once per
  ledger version and answers every list, filter and page of a list;
- an event's reconciliation is computed from its own articles and facts only, and cached keyed by the
  event's article ids (an event that gains an article is reconciled anew; ids are content hashes, so the
  same ids mean the same facts);
- a rebuild is noticed by the ledger file's size and time (and its WAL's), and the index is reloaded.

SQLite connections belong to the thread that opened them and FastAPI runs handlers in a thread pool, so
each thread opens its own read-only store.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.reconcile import reconcile_event, reconcile_story, settle_event
from storyline.reconcile.reconciler import source_name
from storyline.records import (
    Article,
    DateValue,
    Entity,
    Event,
    EventFacts,
    Fact,
    Reconciliation,
    Story,
    TimelineEntry,
)
from storyline.store import SqliteStore, ledger_errors, open_store
from storyline.timeline.builder import (
    background_entries,
    best_title,
    chronological_key,
    event_entry,
    render_reconciliation,
)

_EVENT_CACHE_SIZE = 20_000
_STORY_CACHE_SIZE = 256


class NotFound(LookupError):
    """No such event, article, story or entity; the message says which."""


@dataclass(frozen=True)
class ArticleMeta:
    """An article without its body: what lists, outlets and reconciliation need."""

    article_id: str
    origin: str
    title: str | None
    published: str | None
    url: str | None
    outlet: str | None
    author: str | None
    copies: tuple[str, ...]
    canonical_id: str | None  # the article this one is a copy of; None when canonical

    @property
    def source(self) -> str:
        return source_name(self.light(), self.article_id)

    def light(self) -> Article:
        """An Article without body: reconciliation reads only outlet, origin and published date."""
        return Article(
            article_id=self.article_id, origin=self.origin, body="", paragraphs=[], title=self.title,
            published=self.published, url=self.url, outlet=self.outlet, author=self.author,
            copies=list(self.copies),
        )


@dataclass
class EventView:
    """One event as the pages and the API show it, built from its own articles and facts only."""

    event: Event
    facts: list[Fact]
    reconciliations: list[Reconciliation]
    settled: EventFacts
    entry: TimelineEntry


@dataclass
class Index:
    """What lists and filters read, loaded once per ledger version."""

    events: dict[str, Event]
    chronological: list[str]  # event ids, date order, unknown dates last
    stories: dict[str, Story]
    articles: dict[str, ArticleMeta]  # copies included
    event_of_article: dict[str, str]
    entities: dict[str, Entity]
    search_text: dict[str, str]  # per event: lower-cased title, type, article titles and outlets
    outlets: dict[str, frozenset[str]]  # per event: lower-cased source names
    roles: dict[str, dict[str, set[str]]] | None = None  # entity -> event -> roles, built on first use
    derived: dict[str, Any] = field(default_factory=dict)  # other things built once per version, by name
    lock: threading.Lock = field(default_factory=threading.Lock)


def event_date(event: Event) -> DateValue:
    return event.date if event.date and event.date.key() else DateValue(None, "unknown")


class LedgerReader:
    """Reads one ledger file for the web app; safe to share between the server's threads."""

    def __init__(self, db: str | Path):
        self.db = Path(db)
        self._local = threading.local()
        self._index: Index | None = None
        self._version: tuple | None = None
        self._index_lock = threading.Lock()
        self._event_view = lru_cache(maxsize=_EVENT_CACHE_SIZE)(self._build_event_view)
        self._story_rows = lru_cache(maxsize=_STORY_CACHE_SIZE)(self._build_story_rows)
        with self.reading():
            pass  # fail now, with the store's one-line reason, if the ledger cannot be read

    # --- storage ---------------------------------------------------------------------------------------

    @property
    def store(self) -> SqliteStore:
        """This thread's read-only store."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.db, read_only=True)
        return store

    @contextmanager
    def reading(self) -> Iterator[SqliteStore]:
        """The store, with an SQLite failure turned into a StoreError naming the file."""
        with ledger_errors(self.db):
            yield self.store

    def _file_version(self) -> tuple:
        """Changes whenever a build writes to the ledger (to the file or to its write-ahead log)."""
        version = []
        for path in (self.db, Path(f"{self.db}-wal")):
            try:
                stat = os.stat(path)
                version.append((stat.st_mtime_ns, stat.st_size))
            except FileNotFoundError:
                version.append(None)
        return tuple(version)

    def index(self) -> Index:
        version = self._file_version()
        if self._index is not None and version == self._version:
            return self._index
        with self._index_lock:
            if self._index is None or version != self._version:
                self._index = self._load_index()
                self._version = version
        return self._index

    def _load_index(self) -> Index:
        with self.reading() as store:
            events = {e.event_id: e for e in store.events()}
            stories = {s.story_id: s for s in store.stories()}
            entities = {e.entity_id: e for e in store.entities()}
            every = store.articles(canonical_only=False)
        canonical_of = {copy: a.article_id for a in every for copy in a.copies}
        articles = {
            a.article_id: ArticleMeta(a.article_id, a.origin, a.title, a.published, a.url, a.outlet, a.author,
                                      tuple(a.copies), canonical_of.get(a.article_id))
            for a in every
        }
        del every  # the bodies are not kept
        event_of_article = {a: e.event_id for e in events.values() for a in e.article_ids}
        search_text, outlets = {}, {}
        for event in events.values():
            metas = [articles[a] for a in event.article_ids if a in articles]
            names = {m.source for m in metas}
            outlets[event.event_id] = frozenset(name.lower() for name in names)
            words = [event.title or "", event.event_type or "", *names, *(m.title or "" for m in metas)]
            search_text[event.event_id] = " ".join(words).lower()
        order = sorted(events.values(), key=lambda e: _date_key(event_date(e)))
        return Index(events, [e.event_id for e in order], stories, articles, event_of_article, entities,
                     search_text, outlets)

    def entity_roles(self) -> dict[str, dict[str, set[str]]]:
        """Per entity, the events whose facts name it and the roles it has there (actor, target, a count
        role). Read from every fact once per ledger version, when an entity is first asked about."""
        index = self.index()
        with index.lock:
            if index.roles is None:
                roles: dict[str, dict[str, set[str]]] = {}
                with self.reading() as store:
                    for fact in store.facts():
                        event_id = index.event_of_article.get(fact.article_id)
                        if event_id is None or fact.background:
                            continue
                        named = [(fact.actor, "actor"), (fact.target, "target")]
                        named += [(p, p.role) for p in fact.participants]
                        for party, role in named:
                            if party is not None and party.entity:
                                roles.setdefault(party.entity, {}).setdefault(event_id, set()).add(role)
                index.roles = roles
        return index.roles

    def derived(self, name: str, build: Callable[[], Any]) -> Any:
        """What ``build`` returns, built once per ledger version (the reviews' view, for one)."""
        index = self.index()
        with index.lock:
            if name not in index.derived:
                index.derived[name] = build()
        return index.derived[name]

    # --- events ----------------------------------------------------------------------------------------

    def find_event(self, event_id: str) -> Event:
        """The event with this id; else the one whose id starts with it (an exact id always wins)."""
        events = self.index().events
        if event_id in events:
            return events[event_id]
        matches = [e for e in events if e.startswith(event_id)] if event_id else []
        if len(matches) != 1:
            found = "no event" if not matches else f"{len(matches)} events"
            raise NotFound(f"{found} with an id starting with {event_id!r}")
        return events[matches[0]]

    def event_view(self, event_id: str) -> EventView:
        event = self.find_event(event_id)
        return self._event_view(event.event_id, tuple(event.article_ids))

    def _build_event_view(self, event_id: str, article_ids: tuple[str, ...]) -> EventView:
        index = self.index()
        event = index.events[event_id]
        articles = {a: index.articles[a].light() for a in article_ids if a in index.articles}
        with self.reading() as store:
            facts = store.facts(article_ids)
        reconciliations = reconcile_event(event, facts, articles)
        settled = settle_event(event, facts, articles, reconciliations)
        entry = event_entry(event, event.story_id, facts, reconciliations, articles)
        return EventView(event, facts, reconciliations, settled, entry)

    def light_articles(self, article_ids: list[str] | tuple[str, ...]) -> dict[str, Article]:
        metas = self.index().articles
        return {a: metas[a].light() for a in article_ids if a in metas}

    # --- stories ---------------------------------------------------------------------------------------

    def story_rows(self, story_id: str) -> list[TimelineEntry]:
        """A story's timeline: its events, the trend of a lasting count, and the dated background its
        articles recall, in date order. Cached keyed by the story's events and their articles."""
        index = self.index()
        story = index.stories.get(story_id)
        if story is None:
            raise NotFound(f"no story {story_id!r}")
        key = tuple((e, tuple(index.events[e].article_ids)) for e in story.event_ids if e in index.events)
        return self._story_rows(story_id, key)

    def _build_story_rows(self, story_id: str, key: tuple) -> list[TimelineEntry]:
        index = self.index()
        events = [index.events[event_id] for event_id, _ in key]
        views = [self._event_view(event_id, article_ids) for event_id, article_ids in key]
        entries = [_copy_entry(view.entry) for view in views]
        article_ids = [a for e in events for a in e.article_ids]
        articles = self.light_articles(article_ids)
        with self.reading() as store:
            facts = store.facts(article_ids)
        if len(events) > 1:
            trend = reconcile_story(story_id, events, facts, articles)
            if trend is not None and len({a for c in trend.claims for a in c.article_ids}) >= 2:
                dated = [entry for entry in entries if entry.date.key()]
                latest = max(dated or entries, key=chronological_key)
                latest.facts.append(render_reconciliation(trend, label="ongoing count over the story"))
        story_of_article = dict.fromkeys(article_ids, story_id)
        entries += background_entries(facts, story_of_article, articles)
        return sorted(entries, key=chronological_key)

    def story_title(self, story_id: str) -> str:
        index = self.index()
        story = index.stories.get(story_id)
        if story is None:
            raise NotFound(f"no story {story_id!r}")
        if story.title:
            return story.title
        first = next((index.events[e] for e in story.event_ids if e in index.events), None)
        return (first and best_title(first, self.light_articles(first.article_ids))) or story_id

    # --- articles --------------------------------------------------------------------------------------

    def article(self, article_id: str) -> tuple[Article, list[Fact]]:
        """One article in full (its body) and the facts stated in it. A folded copy states none itself:
        its facts were read from the canonical article, whose offsets do not fit the copy's text."""
        with self.reading() as store:
            article = store.article(article_id)
            if article is None:
                raise NotFound(f"no article {article_id!r}")
            meta = self.index().articles.get(article_id)
            facts = [] if meta and meta.canonical_id else store.facts([article_id])
        return article, facts


def _date_key(date: DateValue) -> tuple:
    start = date.first_day()
    return (1,) if start is None else (0, start, date.fineness())


def _copy_entry(entry: TimelineEntry) -> TimelineEntry:
    """The cached entry stays as built: a story's trend line is added to a copy."""
    return TimelineEntry(entry.event_id, entry.story_id, entry.date, entry.headline, list(entry.facts),
                         list(entry.sources), entry.background)
