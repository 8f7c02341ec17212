"""The read side of the ledger: what the CLI and the API show, assembled from stored records.

Reads take each event's reconciliation, settled facts and timeline entry, and each story's trend and
background, from the summaries the build stored (``storyline.engine.summaries``), and never load article
bodies. The reviews are laid over them as before (``storyline.review``); an event the reviews regroup, or
whose article's date or outlet a review sets, is reconciled on read from its own articles and facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from storyline.engine.summaries import by_article, event_summary, story_summary
from storyline.reconcile import reconcile_event
from storyline.records import (
    Article,
    Entity,
    Event,
    EventFacts,
    Fact,
    Reconciliation,
    TimelineEntry,
)
from storyline.review.apply import (
    ReviewedStore,
    ReviewedView,
    review_detail,
    review_event_facts,
    review_timeline,
)
from storyline.store import SqliteStore
from storyline.timeline import event_detail
from storyline.timeline.builder import (
    background_entry,
    background_groups,
    chronological_key,
)

T = TypeVar("T")


class UnknownEvent(LookupError):
    """No event, or more than one, has an id starting with what was asked."""


@dataclass
class SourceRow:
    article_id: str
    origin: str
    outlet: str | None
    title: str | None
    published: str | None
    copies: list[str]  # origins of the copies folded into this article
    event_id: str | None
    identical: list[str] = field(default_factory=list)  # other inputs with the very same bytes as this one


@dataclass
class EntityRow:
    entity: Entity
    articles: int  # how many canonical articles mention it


class Ledger:
    def __init__(self, store: SqliteStore):
        self.store = ReviewedStore(store)  # every read sees the reviews (storyline.review)
        self.raw = self.store.raw

    def timeline(self) -> list[TimelineEntry]:
        """Every event's entry, each story's trend and dated background, in date order, reviews applied."""
        view = self.store.view()
        story_of_event = {e: story.story_id for story in view.stories for e in story.event_ids}
        stored = self.raw.stored_entries()
        entries: dict[str, TimelineEntry] = {}
        live: list[Event] = []
        for event in view.events:
            entry = _current(stored, event, view)
            if entry is None:
                live.append(event)
            else:
                entry.story_id = story_of_event.get(event.event_id, event.story_id)
                entries[event.event_id] = entry
        facts_of, articles = self._inputs(live, view)
        for event in live:
            summary = event_summary(event, story_of_event.get(event.event_id, event.story_id),
                                    _facts_of(event, facts_of), articles)
            entries[event.event_id] = summary.entry

        events_of_story: dict[str, list[Event]] = {}
        for event in view.events:
            events_of_story.setdefault(story_of_event.get(event.event_id, event.story_id), []).append(event)
        stored_stories = self.raw.story_summaries()
        recomputed = {event.event_id for event in live}
        live_stories = []
        summaries = []
        for story_id, story_events in events_of_story.items():
            found = stored_stories.get(story_id)
            ids = [event.event_id for event in story_events]
            if found is None or found.event_ids != ids or recomputed.intersection(ids):
                live_stories.append((story_id, story_events))
            else:
                summaries.append(found)
        facts_of, articles = self._inputs([e for _, story_events in live_stories for e in story_events], view)
        summaries += [story_summary(story_id, story_events, entries, facts_of, articles)
                      for story_id, story_events in live_stories]

        background = [(item.first_fact, item.entry) for summary in summaries for item in summary.background]
        for summary in summaries:
            if summary.trend and summary.trend_event in entries:
                entries[summary.trend_event].facts.append(summary.trend)
        outside = self.raw.facts_outside_events()  # no event holds their articles: no story either
        if outside:
            articles = self._articles_of([fact.article_id for fact in outside], view)
            background += [((group.members[0].article_id, group.members[0].fact_id), background_entry(group, articles))
                           for group in background_groups(outside, {})]
        background.sort(key=lambda item: item[0])  # the order of the facts they were first read from
        every = [entries[event.event_id] for event in view.events] + [entry for _, entry in background]
        return review_timeline(sorted(every, key=chronological_key), self.store)

    def _inputs(self, events: list[Event], view: ReviewedView) -> tuple[dict[str, list[Fact]], dict[str, Article]]:
        """The facts (by article) and the articles (bodiless, as reviewed) of some events."""
        if not events:
            return {}, {}
        article_ids = [a for event in events for a in event.article_ids]
        return by_article(self.raw.facts(article_ids)), self._articles_of(article_ids, view)

    def _articles_of(self, article_ids: list[str], view: ReviewedView) -> dict[str, Article]:
        return {a.article_id: view.article(a) for a in self.raw.article_summaries(article_ids)}  # type: ignore[misc]

    def story_titles(self) -> dict[str, str]:
        return {s.story_id: s.title for s in self.store.stories() if s.title}

    def find_event(self, prefix: str) -> Event:
        """The event with exactly this id, else the one event whose id starts with it: an exact id wins, so
        'ev-x' opens even when 'ev-x-2' exists too."""
        events = self.store.events()
        exact = next((e for e in events if e.event_id == prefix), None)
        if exact is not None:
            return exact
        matches = [e for e in events if e.event_id.startswith(prefix)]
        if len(matches) != 1:
            found = "no event" if not matches else f"{len(matches)} events"
            raise UnknownEvent(f"{found} with an id starting with {prefix!r}")
        return matches[0]

    def event(self, prefix: str) -> dict:
        event = self.find_event(prefix)
        view = self.store.view()
        facts = _facts_of(event, by_article(self.raw.facts(event.article_ids)))  # in its articles' order
        articles = self._articles_of(event.article_ids, view)
        reconciliations = _current(self.raw.stored_reconciliations([event.event_id]), event, view)
        if reconciliations is None:
            reconciliations = reconcile_event(event, facts, articles)
        return review_detail(event_detail(event, facts, articles, reconciliations), self.store)

    def event_facts(self) -> list[EventFacts]:
        """Every event's settled facts (type, date, place, counts by role, ...), in the order events are stored."""
        view = self.store.view()
        rows = self._per_event(view, self.raw.stored_event_facts(), lambda summary: summary.event_facts)
        return review_event_facts(rows, self.store)

    def claims(self) -> Iterator[tuple[str, Reconciliation]]:
        """Every event's reconciled attributes (each value stated, who states it, agree or conflict), as
        (event id, reconciliation) pairs, events in the order they are stored."""
        view = self.store.view()
        per_event = self._per_event(view, self.raw.stored_reconciliations(), lambda summary: summary.reconciliations)
        for event, results in zip(view.events, per_event):
            for result in results:
                yield event.event_id, result

    def _per_event(self, view: ReviewedView, stored: dict[str, tuple[list[str], T]], part) -> list[T]:
        """One stored part of each event's summary, in the view's event order; computed for the events
        whose stored one does not apply (regrouped or reviewed since, or a ledger stored by hand)."""
        found = {event.event_id: _current(stored, event, view) for event in view.events}
        live = [event for event in view.events if found[event.event_id] is None]
        facts_of, articles = self._inputs(live, view)
        for event in live:
            found[event.event_id] = part(event_summary(event, event.story_id, _facts_of(event, facts_of), articles))
        return [found[event.event_id] for event in view.events]  # type: ignore[misc]

    def sources(self) -> list[SourceRow]:
        view = self.store.view()
        every = {a.article_id: view.article(a) for a in self.raw.article_summaries()}
        event_of = {i: e.event_id for e in view.events for i in e.article_ids}
        identical = self.raw.identical_inputs()
        return [
            SourceRow(
                article_id=a.article_id,
                origin=a.origin,
                outlet=a.outlet,
                title=a.title,
                published=a.published,
                copies=[every[c].origin for c in a.copies if c in every],
                event_id=event_of.get(a.article_id),
                identical=identical.get(a.origin, []) + [o for c in a.copies if c in every for o in identical.get(every[c].origin, [])],
            )
            for a in sorted((view.article(a) for a in self.raw.article_summaries(canonical_only=True)),
                            key=lambda a: (a.published or "9999", a.origin))  # type: ignore[union-attr]
        ]

    def entities(self) -> list[EntityRow]:
        mentioned: Counter[str] = Counter()
        for article in self.store.articles():
            analysis = self.store.analysis(article.article_id)
            if analysis:
                mentioned.update({m.entity for m in analysis.mentions})
        rows = [EntityRow(e, mentioned[e.entity_id]) for e in self.store.entities() if mentioned[e.entity_id]]
        return sorted(rows, key=lambda r: (-r.articles, r.entity.name))


def _current(stored: dict[str, tuple[list[str], T]], event: Event, view: ReviewedView) -> T | None:
    """The stored part of an event's summary when it applies to the event as the reviews leave it: same
    articles (not regrouped), none of them with a reviewed date or outlet."""
    found = stored.get(event.event_id)
    if found is None or found[0] != event.article_ids or any(a in view.article_reviews for a in event.article_ids):
        return None
    return found[1]


def _facts_of(event: Event, facts_of: dict[str, list[Fact]]) -> list[Fact]:
    return [fact for article_id in event.article_ids for fact in facts_of.get(article_id, [])]
