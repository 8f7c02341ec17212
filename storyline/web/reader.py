"""The read model behind the web pages and the API: reads only what a request needs.

A ledger of 10,000 events cannot be re-reconciled on a request (a story of 50 events took half a second,
the entity index seconds). The build stores what reads show (``storyline.engine.summaries``), so:

- a small *index* (events, stories, entities, article metadata without bodies) is loaded once per
  ledger version and answers every list, filter and page of a list;
- an event's reconciliation, settled facts and timeline entry, a story's trend and dated background, and
  the entity -> event -> role index are read from the stored summaries. An event or story without one (a
  ledger stored by hand through the store API) is computed from its own articles and facts, and cached
  keyed by its article ids for the ledger version;
- a rebuild is noticed by the ledger file's size and time (and its WAL's), and the index is reloaded.

SQLite connections belong to the thread that opened them and FastAPI runs handlers in a thread pool, so
each thread opens its own read-only store.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.engine.summaries import (
    by_article,
    entity_roles,
    event_summary,
    story_summary,
)
from storyline.reconcile.reconciler import source_name
from storyline.review.apply import ReviewedStore, ReviewedView, apply_reviews, review_timeline
from storyline.review.book import ReviewBook
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
from storyline.timeline.builder import best_title, chronological_key

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
    source: str  # the outlet, else the file it came from (``source_name``)

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
    roles: dict[str, dict[str, list[str]]] | None = None  # entity -> event -> roles, read on first use
    derived: dict[str, Any] = field(default_factory=dict)  # other things built once per version, by name
    lock: threading.Lock = field(default_factory=threading.Lock)


class _ReviewsAsRead(ReviewedStore):
    """The store with the reviews the index was read with (not replayed again per page)."""

    def __init__(self, store: SqliteStore, view: ReviewedView):
        super().__init__(store)
        self._view = view

    def view(self) -> ReviewedView:
        return self._view


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
        self.index()  # at start-up, not on the first request; fails now, with the store's reason, if unreadable

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
        """Changes whenever a build writes to the ledger (to the file or to its write-ahead log) or a review
        is added or undone (counted apart: a small write may leave the files' size and time as they were)."""
        with self.reading() as store:
            version: list = [ReviewBook(store).revision()]
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
                self._event_view.cache_clear()  # an article's facts may have changed under the same ids
                self._story_rows.cache_clear()
                self._index = self._load_index()
                self._version = version
        return self._index

    def _load_index(self) -> Index:
        """The index, read with the cyclic garbage collector paused and then told to leave it alone: tens of
        thousands of small records would otherwise trigger collections that walk them all, doubling the
        load and adding a half-second pause to whichever later request happens to trigger a full one."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._read_index()
        finally:
            gc.freeze()  # what is live now (the index) is left out of every later collection
            if collecting:
                gc.enable()

    def _read_index(self) -> Index:
        with self.reading() as store:
            raw_events = {e.event_id: e for e in store.events()}
            reviews = ReviewedStore(store).view()  # merges, splits and article corrections, replayed on the build's
            events = {e.event_id: e for e in reviews.events}
            stories = {s.story_id: s for s in reviews.stories}
            entities = {e.entity_id: e for e in store.entities()}
            every = [reviews.article(a) or a for a in store.article_summaries()]
        canonical_of = {copy: a.article_id for a in every for copy in a.copies}
        articles = {
            a.article_id: ArticleMeta(a.article_id, a.origin, a.title, a.published, a.url, a.outlet, a.author,
                                      tuple(a.copies), canonical_of.get(a.article_id), source_name(a, a.article_id))
            for a in every
        }
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
                     search_text, outlets, derived={"reviews": reviews, "raw_events": raw_events})

    def raw_event(self, event_id: str) -> Event | None:
        """An event as the build made it, before reviews merged or split it."""
        return self.index().derived["raw_events"].get(event_id)

    def reviews(self) -> ReviewedView:
        """The ledger's reviews as replayed when the index was read."""
        return self.index().derived["reviews"]

    def entity_roles(self) -> dict[str, dict[str, list[str]]]:
        """Per entity, the events whose news facts name it and the roles it has there (actor, target, a
        count role): the build's stored index, and for events stored without a summary, read from their
        facts. Loaded once per ledger version, when an entity is first asked about."""
        index = self.index()
        with index.lock:
            if index.roles is None:
                with self.reading() as store:
                    roles = store.entity_events()
                    missing = [index.events[e] for e in store.unsummarised()[0] if e in index.events]
                    facts_of = by_article(store.facts([a for e in missing for a in e.article_ids]))
                for event in missing:
                    facts = [f for a in event.article_ids for f in facts_of.get(a, [])]
                    for entity, found in entity_roles(facts).items():
                        roles.setdefault(entity, {})[event.event_id] = found
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
        index = self.index()
        events = index.events
        if event_id in events:
            return events[event_id]
        merged = self.raw_event(event_id)  # merged away by a review: the event that holds its articles now
        holder = next((index.event_of_article[a] for a in merged.article_ids if a in index.event_of_article), None) if merged else None
        if holder is not None:
            return events[holder]
        matches = [e for e in events if e.startswith(event_id)] if event_id else []
        if len(matches) != 1:
            found = "no event" if not matches else f"{len(matches)} events"
            raise NotFound(f"{found} with an id starting with {event_id!r}")
        return events[matches[0]]

    def event_view(self, event_id: str) -> EventView:
        event = self.find_event(event_id)
        return self._event_view(event.event_id, tuple(event.article_ids))

    def _build_event_view(self, event_id: str, article_ids: tuple[str, ...]) -> EventView:
        """The stored summary when it is of these articles; else reconciled here."""
        index = self.index()
        event = index.events[event_id]
        with self.reading() as store:
            facts_of = by_article(store.facts(article_ids))
            summary = store.event_summary(event_id)
        facts = [fact for a in article_ids for fact in facts_of.get(a, [])]  # in the order of its articles
        if summary is None or summary.article_ids != list(article_ids):
            summary = event_summary(event, event.story_id, facts, self.light_articles(article_ids))
        settled = apply_reviews(summary.event_facts, self.reviews().attribute_reviews(event_id))
        return EventView(event, facts, summary.reconciliations, settled, summary.entry)

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
        ids = [event.event_id for event in events]
        with self.reading() as store:
            stored = store.stored_entries(ids)
            summary = store.story_summaries([story_id]).get(story_id)
        entries = {e: entry for e, (article_ids, entry) in stored.items() if article_ids == index.events[e].article_ids}
        all_stored = len(entries) == len(ids)
        for event_id, article_ids in key:
            if event_id not in entries:
                entries[event_id] = _copy_entry(self._event_view(event_id, article_ids).entry)
        if summary is None or summary.event_ids != ids or not all_stored:
            article_ids = [a for e in events for a in e.article_ids]
            with self.reading() as store:
                facts_of = by_article(store.facts(article_ids))
            summary = story_summary(story_id, events, entries, facts_of, self.light_articles(article_ids))
        if summary.trend and summary.trend_event in entries:
            entries[summary.trend_event].facts.append(summary.trend)
        for entry in entries.values():
            entry.story_id = story_id
        background = [item.entry for item in sorted(summary.background, key=lambda item: item.first_fact)]
        rows = [entries[e] for e in ids] + background
        if self.reviews().reviews:
            with self.reading() as store:
                rows = review_timeline(rows, _ReviewsAsRead(store, self.reviews()))
        return sorted(rows, key=chronological_key)

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
