"""The ``reviews`` table of the ledger: reviews added, checked, undone and read back.

The table lives in the ledger file beside the build's tables, which a build rewrites and this one it never
touches. Rows are only ever added: an undo is a new row, and the row it undoes gets ``undone_by``, so the
history stays whole. Each operation opens its own short connection to the ledger file (the store's
connection belongs to the thread that opened it, and a web server answers from several).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from storyline.records import Article, Event
from storyline.review.apply import (
    ReviewedStore,
    ReviewedView,
    build_view,
    load_features_from,
    settle_one,
)
from storyline.review.model import (
    ACTIONS,
    ARTICLE_ACTIONS,
    ARTICLE_ATTRIBUTE,
    UNDO,
    Review,
    UnknownTarget,
)
from storyline.review.values import (
    canonical_attribute,
    clean_text,
    known_attributes,
    normalize,
    parse_day,
    settled_value,
)
from storyline.store import SqliteStore, StoreError, ledger_errors

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    review_id INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    target TEXT NOT NULL,
    attribute TEXT,
    action TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    undone_by INTEGER REFERENCES reviews(review_id),
    anchor TEXT NOT NULL DEFAULT '{}'
)"""
_COLUMNS = "review_id, created, reviewer, target, attribute, action, old_value, new_value, undone_by, anchor"
MAX_REVIEWER_CHARS = 100
MIN_PREFIX = 6  # an id may be given by its start, as long as this and naming one thing only


class ReviewBook:
    """Reviews of one ledger. Reading works on a read-only store; adding and undoing need a writable one."""

    def __init__(self, store: SqliteStore | ReviewedStore):
        self.store: SqliteStore = store.raw if isinstance(store, ReviewedStore) else store
        self.path = self.store.path
        if not self.store.read_only:
            with self._writing() as db:
                db.execute(_SCHEMA)

    # --- reading -----------------------------------------------------------------------------------------

    def all(self) -> list[Review]:
        """Every review in the order made, undo rows and undone reviews included."""
        with self._reading() as db:
            if not db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='reviews'").fetchone():
                return []
            rows = db.execute(f"SELECT {_COLUMNS} FROM reviews ORDER BY review_id").fetchall()
        return [_review(row) for row in rows]

    def revision(self) -> int:
        """How many review rows the ledger holds: every review and every undo adds one, so a reader that
        cached what the reviews change knows when to read them again."""
        with self._reading() as db:
            if not db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='reviews'").fetchone():
                return 0
            return db.execute("SELECT count(*) FROM reviews").fetchone()[0]

    def get(self, review_id: int) -> Review:
        found = next((review for review in self.all() if review.review_id == review_id), None)
        if found is None:
            raise UnknownTarget(f"no review {review_id} (see `storyline review list`)")
        return found

    def view(self) -> ReviewedView:
        """The ledger's events and stories with the reviews applied, and where each review is now."""
        return build_view(self.store.events(), self.store.stories(), self.all(), load_features_from(self._reading))

    def for_event(self, event_id: str) -> list[Review]:
        """The reviews of an event as it is now (undone ones too; its articles' date and outlet reviews)."""
        view = self.view()
        return view.for_event(find_event(view, event_id).event_id)

    # --- writing -----------------------------------------------------------------------------------------

    def add(self, reviewer: str, action: str, target: str, attribute: str | None = None,
            new_value: str | list[str] | None = None) -> Review:
        """Record one review after checking it: the event or article exists, the attribute is one of the
        event's, the value reads as one of the attribute's. ``old_value`` is the value it replaces, as
        the ledger shows it now. A split's ``new_value`` is the article ids (a list, or separated by
        commas or spaces); a merge's is the other event's id."""
        reviewer = clean_text(reviewer, "reviewer")[:MAX_REVIEWER_CHARS]
        if action not in ACTIONS:
            raise ValueError(f"unknown review action {action!r} (one of: {', '.join(ACTIONS)})")
        view = self.view()
        if action in ARTICLE_ACTIONS:
            return self._add_article_review(reviewer, action, target, attribute, new_value, view)
        event = find_event(view, target)
        anchor = {event.event_id: list(event.article_ids)}
        if action == "merge":
            other = find_event(view, _one_value(new_value, "merge: the other event's id"))
            if other.event_id == event.event_id:
                raise ValueError(f"merge: {event.event_id} cannot be merged with itself")
            anchor[other.event_id] = list(other.article_ids)
            return self._insert(reviewer, event.event_id, None, action, None, other.event_id, anchor)
        if action == "split":
            leaving = [find_article_in(event, ref) for ref in _many_values(new_value)]
            leaving = list(dict.fromkeys(leaving))
            if not leaving:
                raise ValueError("split: name the articles to take out of the event")
            if len(leaving) == len(event.article_ids):
                raise ValueError(f"split: {event.event_id} would be left with no article (leave at least one)")
            return self._insert(reviewer, event.event_id, None, action, ",".join(event.article_ids),
                                ",".join(leaving), anchor)
        return self._add_attribute_review(reviewer, action, event, attribute, new_value, view, anchor)

    def undo(self, review_id: int, reviewer: str) -> Review:
        """Undo a review: a new ``undo`` row (returned), and the review marked undone by it. The ledger
        shows again what it showed before the review (a later review of the same attribute, if any)."""
        reviewer = clean_text(reviewer, "reviewer")[:MAX_REVIEWER_CHARS]
        review = self.get(review_id)
        if review.action == UNDO:
            raise ValueError(f"review {review_id} is itself an undo; make the review again instead")
        if review.undone:
            raise ValueError(f"review {review_id} is already undone (by review {review.undone_by})")
        with self._writing() as db:
            undo = self._insert(reviewer, str(review_id), review.attribute, UNDO, review.new_value,
                                review.old_value, review.anchor, db)
            db.execute("UPDATE reviews SET undone_by=? WHERE review_id=?", (undo.review_id, review_id))
        return undo

    def _add_article_review(self, reviewer: str, action: str, target: str, attribute: str | None,
                            new_value: str | list[str] | None, view: ReviewedView) -> Review:
        field = ARTICLE_ATTRIBUTE[action]
        if attribute not in (None, field):
            raise ValueError(f"{action}: sets an article's {field!r}, not {attribute!r}")
        article = self.find_article(target)
        text = _one_value(new_value, f"{action}: the new {field}")
        value = parse_day(text) if action == "set_date" else clean_text(text, "outlet")
        shown = view.article(article)
        old = getattr(shown, field) if shown else None
        return self._insert(reviewer, article.article_id, field, action, old, value, {})

    def _add_attribute_review(self, reviewer: str, action: str, event: Event, attribute: str | None,
                              new_value: str | list[str] | None, view: ReviewedView,
                              anchor: dict[str, list[str]]) -> Review:
        if not attribute or not attribute.strip():
            raise ValueError(f"{action}: name the attribute (date, place, actor, target, count.killed, ...)")
        attribute = canonical_attribute(attribute)
        facts, reconciliations, articles = settle_one(self.store, view, event)
        known = known_attributes(reconciliations)
        if attribute not in known:
            raise ValueError(f"{event.event_id} has no attribute {attribute!r} (it has: {', '.join(known)})")
        earlier = view.attribute_reviews(event.event_id).get(attribute)
        old = earlier.new_value if earlier else settled_value(facts, reconciliations, attribute, articles)
        if action == "correct":
            value = normalize(attribute, _one_value(new_value, f"correct {attribute}: the value"))
        elif action == "resolve" and attribute not in facts.conflicts:
            raise ValueError(f"resolve: the sources of {event.event_id} do not conflict on {attribute!r} "
                             f"(conflicts: {', '.join(facts.conflicts) or 'none'})")
        elif new_value not in (None, "", []):
            value = normalize(attribute, _one_value(new_value, f"{action} {attribute}: the value"))
            if action == "confirm" and value != old:
                raise ValueError(f"confirm: {attribute!r} of {event.event_id} is {old!r}, not {value!r}; "
                                 "use correct to change it")
        elif old is None:
            raise ValueError(f"{action}: no value is settled for {attribute!r} of {event.event_id}; "
                             "correct it with a value instead")
        else:
            value = old
        return self._insert(reviewer, event.event_id, attribute, action, old, value, anchor)

    def _insert(self, reviewer: str, target: str, attribute: str | None, action: str, old: str | None,
                new: str | None, anchor: dict[str, list[str]], db: sqlite3.Connection | None = None) -> Review:
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        row = (created, reviewer, target, attribute, action, old, new, json.dumps(anchor, sort_keys=True))
        insert = ("INSERT INTO reviews (created, reviewer, target, attribute, action, old_value, new_value, anchor) "
                  "VALUES (?,?,?,?,?,?,?,?)")
        if db is None:
            with self._writing() as own:
                review_id = own.execute(insert, row).lastrowid
        else:
            review_id = db.execute(insert, row).lastrowid
        return Review(int(review_id or 0), created, reviewer, target, attribute, action, old, new, anchor=anchor)

    # --- ids -----------------------------------------------------------------------------------------------

    def find_article(self, ref: str) -> Article:
        """An article (canonical or copy) by its id or the unique start of it."""
        ref = ref.strip()
        article = self.store.article(ref)
        if article is not None:
            return article
        if len(ref) >= MIN_PREFIX:
            matches = [a for a in self.store.articles(canonical_only=False) if a.article_id.startswith(ref)]
            if len(matches) == 1:
                return matches[0]
            if matches:
                raise UnknownTarget(f"{len(matches)} articles have an id starting with {ref!r}; give more of it")
        raise UnknownTarget(f"no article with the id {ref!r} (see `storyline sources --format json`)")

    # --- connections ---------------------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with ledger_errors(self.path), closing(self._connect()) as db:
            yield db

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        if self.store.read_only:
            raise StoreError(f"{self.path}: opened read-only; reviews need a writable ledger")
        with ledger_errors(self.path), closing(self._connect()) as db, db:
            yield db

    def _connect(self) -> sqlite3.Connection:
        if not self.store.read_only:
            return sqlite3.connect(self.path, timeout=10)
        uri = Path(self.path).absolute().as_uri()
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        try:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:  # a read-only folder: read the file as it is, as the store does
            db.close()
            return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)


def find_event(view: ReviewedView, ref: str) -> Event:
    """An event as the ledger shows it now, by its exact id (which wins) or the unique start of it."""
    ref = ref.strip()
    exact = next((event for event in view.events if event.event_id == ref), None)
    if exact is not None:
        return exact
    matches = [event for event in view.events if event.event_id.startswith(ref)] if len(ref) >= MIN_PREFIX else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownTarget(f"{len(matches)} events have an id starting with {ref!r}; give the whole id")
    raise UnknownTarget(f"no event with the id {ref!r} (see `storyline timeline`)")


def find_article_in(event: Event, ref: str) -> str:
    """One of the event's article ids, by the id or the unique start of it."""
    matches = [a for a in event.article_ids if a == ref or (len(ref) >= MIN_PREFIX and a.startswith(ref))]
    if ref in matches:
        return ref
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownTarget(f"split: {len(matches)} articles of {event.event_id} start with {ref!r}; give more of it")
    raise UnknownTarget(f"split: no article {ref!r} in {event.event_id} (its articles: {', '.join(event.article_ids)})")


def _one_value(value: str | list[str] | None, what: str) -> str:
    if isinstance(value, list):
        if len(value) != 1:
            raise ValueError(f"{what}: one value is needed")
        value = value[0]
    if value is None or not str(value).strip():
        raise ValueError(f"{what} is needed")
    return str(value).strip()


def _many_values(value: str | list[str] | None) -> list[str]:
    items = value if isinstance(value, list) else (value or "").replace(",", " ").split()
    return [item.strip() for item in items if item.strip()]


def _review(row: tuple) -> Review:
    review_id, created, reviewer, target, attribute, action, old, new, undone_by, anchor = row
    return Review(review_id, created, reviewer, target, attribute, action, old, new,
                  undone=undone_by is not None, undone_by=undone_by, anchor=json.loads(anchor or "{}"))
