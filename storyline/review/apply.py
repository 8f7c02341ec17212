"""Reviews applied on read, so a rebuild (which rewrites events, facts and their tables) never loses them.

The build knows nothing of reviews; every read of the ledger (``Ledger``, the exports, the web pages)
sees the store through ``ReviewedStore``, which lays the active reviews over what the build stored:

* **Grouping.** Event ids are derived from member articles and change when a build regroups (a later
  article can move an event's first member, a re-decided event gets a new id). So a merge is stored as
  *these articles belong together* and a split as *these articles are not in the same event as those*:
  each review keeps, in ``anchor``, the article ids of every event it names as they were when it was
  made. On read, starting from the build's events, the grouping reviews are replayed in the order they
  were made: a merge joins the events now holding its two anchors' articles (the first event's id is
  kept), a split takes its articles out of the event now holding them, into an event of their own (id
  ``ev-`` + the first split article's id, as the grouper names events). Articles a later build adds to
  an event follow it through the merge; a merge undone or a split undone simply stops being replayed.
* **Which event.** Any event review is found again as the event that now holds most of its anchor
  articles, its own id winning when that event still holds any of them.
* **Attributes.** Per event and attribute the latest active confirm / correct / resolve gives the settled
  value (``apply_reviews``); a resolve also takes the attribute off the event's conflicts (a correction
  leaves the conflict shown: the sources still disagree). The attribute is listed in
  ``EventFacts.reviewed``.
* **Articles.** An article's reviewed date and outlet replace the cleaner's in every read.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from typing import Any

from storyline.events import EventFeatures
from storyline.events.grouper import event_id_for, make_event
from storyline.reconcile import reconcile_event, settle_event
from storyline.records import (
    Article,
    Event,
    EventFacts,
    Reconciliation,
    Story,
    TimelineEntry,
)
from storyline.review.model import (
    ARTICLE_ACTIONS,
    ATTRIBUTE_ACTIONS,
    GROUPING_ACTIONS,
    Review,
)
from storyline.review.values import (
    COUNT_PREFIX,
    parse_count,
    parse_date,
    settled_value,
    with_value,
)
from storyline.store import SqliteStore
from storyline.store.codec import from_dict

FeatureLoader = Callable[[list[str]], dict[str, EventFeatures]]


@dataclass
class ReviewedView:
    """The ledger's grouping with the reviews replayed, and each review's event in it."""

    events: list[Event]
    stories: list[Story]
    reviews: list[Review]  # every row, undone ones and undo rows included, in the order made
    event_of_review: dict[int, str] = field(default_factory=dict)  # review id -> the event it is on now
    article_reviews: dict[str, dict[str, Review]] = field(default_factory=dict)  # article -> field -> latest

    def attribute_reviews(self, event_id: str) -> dict[str, Review]:
        """The active review settling each attribute of an event (the latest made wins)."""
        settled: dict[str, Review] = {}
        for review in self.reviews:
            if review.active and review.action in ATTRIBUTE_ACTIONS and self.event_of_review.get(review.review_id) == event_id:
                settled[review.attribute or ""] = review
        return settled

    def for_event(self, event_id: str) -> list[Review]:
        """Every review made on the event as it is now (undone ones too), and those of its articles."""
        event = next((e for e in self.events if e.event_id == event_id), None)
        members = set(event.article_ids) if event else set()
        return [
            review for review in self.reviews
            if self.event_of_review.get(review.review_id) == event_id
            or (review.action in ARTICLE_ACTIONS and review.target in members)
            or (review.action == "merge" and review.new_value == event_id)
        ]

    def article(self, article: Article | None) -> Article | None:
        """The article with its reviewed date and outlet."""
        if article is None or article.article_id not in self.article_reviews:
            return article
        changes = {name: review.new_value for name, review in self.article_reviews[article.article_id].items()}
        return replace(article, **changes)


def build_view(raw_events: list[Event], raw_stories: list[Story], reviews: list[Review],
               load_features: FeatureLoader) -> ReviewedView:
    """The build's events and stories with the reviews laid over them."""
    grouping = [r for r in reviews if r.active and r.action in GROUPING_ACTIONS]
    events, stories = (regroup(raw_events, raw_stories, grouping, load_features) if grouping
                       else (raw_events, raw_stories))
    view = ReviewedView(events, stories, reviews)
    holder = {article_id: event.event_id for event in events for article_id in event.article_ids}
    for review in reviews:
        if review.action in ARTICLE_ACTIONS:
            if review.active:
                view.article_reviews.setdefault(review.target, {})[review.attribute or ""] = review
        elif review.anchor:
            found = locate(review.anchor.get(review.target, []), review.target, holder)
            if found:
                view.event_of_review[review.review_id] = found
    return view


def locate(anchor: Iterable[str], event_id: str, holder: Mapping[str, str]) -> str | None:
    """The event now holding most of the anchor articles; ``event_id`` itself when it holds any."""
    anchor = list(anchor)
    held = Counter(holder[a] for a in anchor if a in holder)
    if not held:
        return None
    if event_id in held:
        return event_id
    first_seen = {holder[a]: index for index, a in reversed(list(enumerate(anchor))) if a in holder}
    return max(held, key=lambda e: (held[e], -first_seen[e]))


def regroup(raw_events: list[Event], raw_stories: list[Story], grouping: list[Review],
            load_features: FeatureLoader) -> tuple[list[Event], list[Story]]:
    """Replay merges and splits over the build's events; events whose members changed are made again from
    their articles' stored features, as the grouper makes them."""
    members: dict[str, list[str]] = {event.event_id: list(event.article_ids) for event in raw_events}
    story_of = {event.event_id: event.story_id for event in raw_events}
    base: dict[str, Event] = {event.event_id: event for event in raw_events}  # what a new group inherits
    holder = {a: event_id for event_id, ids in members.items() for a in ids}
    for review in grouping:
        kept = locate(review.anchor.get(review.target, []), review.target, holder)
        if kept is None:
            continue
        if review.action == "merge":
            other_id = review.new_value or ""
            other = locate(review.anchor.get(other_id, []), other_id, holder)
            if other is None or other == kept:
                continue
            for article_id in members.pop(other):
                members[kept].append(article_id)
                holder[article_id] = kept
        else:
            leaving = [a for a in review.split_articles() if holder.get(a) == kept]
            if not leaving or len(leaving) == len(members[kept]):
                continue
            new_id = event_id_for(leaving[0])
            if new_id in members:
                new_id = f"{new_id}-s{review.review_id}"
            members[kept] = [a for a in members[kept] if a not in leaving]
            members[new_id] = leaving
            story_of[new_id], base[new_id] = story_of[kept], base[kept]
            holder.update(dict.fromkeys(leaving, new_id))
    raw = {event.event_id: event for event in raw_events}
    changed = [e for e, ids in members.items() if e not in raw or ids != raw[e].article_ids]
    features = load_features([a for e in changed for a in members[e]])
    events = []
    for event_id in sorted(members):
        if event_id not in changed:
            events.append(raw[event_id])
        elif all(a in features for a in members[event_id]):
            events.append(make_event(event_id, story_of[event_id], [features[a] for a in members[event_id]]))
        else:  # a ledger stored without features (made through the store API): keep the base's type and date
            events.append(replace(base[event_id], event_id=event_id, article_ids=members[event_id]))
    return events, _restory(raw_stories, events)


def _restory(raw_stories: list[Story], events: list[Event]) -> list[Story]:
    """The build's stories holding the events as regrouped (a split-off event stays in its story)."""
    stories = [Story(story.story_id, [], story.title) for story in raw_stories]
    by_id = {story.story_id: story for story in stories}
    for event in events:
        story = by_id.get(event.story_id)
        if story is None:
            story = by_id[event.story_id] = Story(event.story_id, [], event.title)
            stories.append(story)
        story.event_ids.append(event.event_id)
    return [story for story in stories if story.event_ids]


def apply_reviews(facts: EventFacts, reviews: Mapping[str, Review] | Iterable[Review]) -> EventFacts:
    """An event's settled facts with its active attribute reviews laid over them (each attribute listed
    in ``reviewed``). A confirmation whose value is still the machine's keeps the machine's record (a
    confirmed place keeps its gazetteer levels); one the build has since changed brings the value back."""
    chosen = list(reviews.values()) if isinstance(reviews, Mapping) else list(reviews)
    result = replace(facts, counts=dict(facts.counts), conflicts=list(facts.conflicts), reviewed=list(facts.reviewed))
    for review in chosen:
        attribute, value = review.attribute or "", review.new_value
        if not review.active or review.action not in ATTRIBUTE_ACTIONS or value is None:
            continue
        if review.action == "correct" or settled_value(result, [], attribute, {}) != value:
            result = with_value(result, attribute, value)
        if review.action == "resolve" and attribute in result.conflicts:
            result.conflicts.remove(attribute)
        if attribute not in result.reviewed:
            result.reviewed.append(attribute)
    return result


def settle_one(store: SqliteStore, view: ReviewedView, event: Event) -> tuple[EventFacts, list[Reconciliation],
                                                                              dict[str, Article]]:
    """One event's settled facts (reviews applied), its reconciliations and its articles (as reviewed)."""
    articles = {a: article for a in event.article_ids if (article := view.article(store.article(a))) is not None}
    facts = store.facts(event.article_ids)
    reconciliations = reconcile_event(event, facts, articles)
    settled = settle_event(event, facts, articles, reconciliations)
    return apply_reviews(settled, view.attribute_reviews(event.event_id)), reconciliations, articles


# --- timeline and claims ---------------------------------------------------------------------------------

_VERB = {"confirm": "confirmed", "correct": "corrected", "resolve": "resolved"}
_SEPARATOR = " · "


def review_line(label: str, review: Review) -> str:
    """A reviewed attribute as a timeline fact: ``killed: 14 (corrected by ana; was 12)``."""
    was = f"; was {review.old_value}" if review.old_value not in (None, review.new_value) else ""
    return f"{label}: {review.new_value} ({_VERB[review.action]} by {review.reviewer}{was})"


def review_timeline(entries: list[TimelineEntry], store: ReviewedStore) -> list[TimelineEntry]:
    """The timeline with reviewed values: the date, the headline's counts, actor and place, and the
    attribute's fact line (marked with who reviewed it), in date order again."""
    from storyline.timeline.builder import (
        attribute_label,
        chronological_key,
        values_display,
    )

    view = store.view()
    events = {event.event_id: event for event in view.events}
    for entry in entries:
        reviews = view.attribute_reviews(entry.event_id) if entry.event_id in events else {}
        if not reviews:
            continue
        _, reconciliations, _ = settle_one(store.raw, view, events[entry.event_id or ""])
        by_attribute = {result.attribute: result for result in reconciliations}
        for attribute, review in reviews.items():
            label = attribute_label(attribute)
            line = review_line(label, review)
            at = next((i for i, fact in enumerate(entry.facts) if fact.startswith(f"{label}: ")), None)
            if at is None:
                entry.facts.insert(0, line)
            else:
                entry.facts[at] = line
            if attribute == "date" and review.new_value:
                entry.date = parse_date(review.new_value)
            elif attribute.startswith(COUNT_PREFIX):
                entry.headline = _with_count(entry.headline, label, review.new_value or "")
            elif attribute in ("actor", "place") and (shown := values_display(by_attribute.get(attribute))):
                parts = entry.headline.split(_SEPARATOR)
                entry.headline = _SEPARATOR.join(review.new_value or "" if p == shown else p for p in parts)
    return sorted(entries, key=chronological_key)


def review_event_facts(rows: list[EventFacts], store: ReviewedStore) -> list[EventFacts]:
    """Every event's settled facts with its reviews applied."""
    view = store.view()
    return [apply_reviews(row, view.attribute_reviews(row.event_id)) for row in rows]


def review_detail(detail: dict[str, Any], store: ReviewedStore) -> dict[str, Any]:
    """An event's detail (``Ledger.event``) with its reviews: ``reviewed`` maps each reviewed attribute to
    its settled value and who settled it; ``reviews`` lists every review of the event, undone ones too."""
    view = store.view()
    settled = view.attribute_reviews(detail["event_id"])
    detail["reviewed"] = {
        attribute: {"value": r.new_value, "was": r.old_value, "action": r.action, "reviewer": r.reviewer,
                    "review_id": r.review_id, "created": r.created}
        for attribute, r in settled.items()
    }
    detail["reviews"] = [
        {key: value for key, value in vars(r).items() if key != "anchor"} for r in view.for_event(detail["event_id"])
    ]
    resolved = {attribute for attribute, review in settled.items() if review.action == "resolve"}
    detail["conflicts"] = [a for a in detail.get("conflicts", []) if a not in resolved]
    return detail


def _with_count(headline: str, label: str, value: str) -> str:
    """The headline's "<figure> <label>" item (in the comma-separated counts part) set to the value."""
    parts = headline.split(_SEPARATOR)
    for index, part in enumerate(parts):
        items = part.split(", ")
        for position, item in enumerate(items):
            if item.endswith(f" {label}"):
                items[position] = f"{value} {label}"
                parts[index] = ", ".join(items)
                return _SEPARATOR.join(parts)
    return headline


REVIEW_STATUS = "reviewed"  # the status of a claims-export row that is a review


def with_review_rows(rows: Iterable[dict[str, Any]], view: ReviewedView) -> Iterator[dict[str, Any]]:
    """The claims table with one row per active attribute review after each event's claims: status
    ``reviewed``, the reviewed value (a count's bounds in ``low`` and ``high``), no outlet or sentence,
    and the review's id, reviewer, action and time (None on the claims the sources state)."""
    shown: set[str] = set()
    current: str | None = None
    for row in rows:
        if row["event_id"] != current and current is not None:
            yield from _review_rows(current, view, shown)
        current = row["event_id"]
        yield row
    if current is not None:
        yield from _review_rows(current, view, shown)
    for event in view.events:  # reviewed events no source states a claim for
        yield from _review_rows(event.event_id, view, shown)


def _review_rows(event_id: str, view: ReviewedView, shown: set[str]) -> Iterator[dict[str, Any]]:
    if event_id in shown:
        return
    shown.add(event_id)
    for attribute, review in view.attribute_reviews(event_id).items():
        count = parse_count(review.new_value) if attribute.startswith(COUNT_PREFIX) and review.new_value else None
        yield {
            "event_id": event_id, "attribute": attribute, "status": REVIEW_STATUS,
            "value": review.new_value, "normalized": review.new_value,
            "low": count.low if count else None, "high": count.high if count else None,
            "outlet": None, "article_id": None, "url": None, "published": None, "sentence": None,
            "start": None, "end": None, "review_id": review.review_id, "reviewer": review.reviewer,
            "review_action": review.action, "reviewed_at": review.created,
        }


# --- the store as reads see it ---------------------------------------------------------------------------


class ReviewedStore:
    """The store with the reviews applied to what reads take from it: events and stories regrouped,
    articles with their reviewed date and outlet. Everything else is the store's own (delegated), so the
    read side (``Ledger``) needs no other change; builds use the bare store and never see reviews."""

    def __init__(self, store: SqliteStore | ReviewedStore):
        from storyline.review.book import ReviewBook

        self.raw: SqliteStore = store.raw if isinstance(store, ReviewedStore) else store
        self.book = ReviewBook(self.raw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)

    def view(self) -> ReviewedView:
        return self.book.view()

    def events(self) -> list[Event]:
        return self.view().events

    def stories(self) -> list[Story]:
        return self.view().stories

    def article(self, article_id: str) -> Article | None:
        return self.view().article(self.raw.article(article_id))

    def articles(self, canonical_only: bool = True) -> list[Article]:
        view = self.view()
        return [view.article(a) for a in self.raw.articles(canonical_only)]  # type: ignore[misc]


def load_features_from(reading: Callable[[], AbstractContextManager[sqlite3.Connection]]) -> FeatureLoader:
    """Stored event features of some articles (what the grouper made events from), read through
    ``reading`` (a connection to the ledger, closed after use)."""

    def load(article_ids: list[str]) -> dict[str, EventFeatures]:
        if not article_ids:
            return {}
        found: dict[str, EventFeatures] = {}
        with reading() as db:
            for start in range(0, len(article_ids), 500):  # SQLite's bound-parameter limit
                chunk = article_ids[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for article_id, record in db.execute(
                    f"SELECT article_id, record FROM event_features WHERE article_id IN ({marks})", chunk
                ):
                    found[article_id] = from_dict(EventFeatures, json.loads(record))
        return found

    return load


__all__ = [
    "REVIEW_STATUS",
    "ReviewedStore",
    "ReviewedView",
    "apply_reviews",
    "build_view",
    "locate",
    "regroup",
    "review_detail",
    "review_event_facts",
    "review_timeline",
    "settle_one",
    "with_review_rows",
]
