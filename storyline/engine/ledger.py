"""The read side of the ledger: what the CLI and the API show, assembled from stored records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from storyline.reconcile import reconcile_event, settle_event
from storyline.records import (
    Article,
    Entity,
    Event,
    EventFacts,
    Fact,
    Reconciliation,
    TimelineEntry,
)
from storyline.review.apply import ReviewedStore, review_detail, review_event_facts, review_timeline
from storyline.store import SqliteStore
from storyline.timeline import build_timeline, event_detail


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


@dataclass
class EntityRow:
    entity: Entity
    articles: int  # how many canonical articles mention it


class Ledger:
    def __init__(self, store: SqliteStore):
        self.store = ReviewedStore(store)  # every read sees the reviews (storyline.review)

    def _articles(self) -> dict[str, Article]:
        return {a.article_id: a for a in self.store.articles()}

    def timeline(self) -> list[TimelineEntry]:
        entries = build_timeline(self.store.events(), self.store.stories(), self.store.facts(), self._articles())
        return review_timeline(entries, self.store)

    def story_titles(self) -> dict[str, str]:
        return {s.story_id: s.title for s in self.store.stories() if s.title}

    def find_event(self, prefix: str) -> Event:
        """The event with exactly this id, else the one event whose id starts with it: an exact id wins, so
        'ev-x' opens even when 'ev-x+' exists too."""
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
        articles = {i: a for i in event.article_ids if (a := self.store.article(i)) is not None}
        facts: list[Fact] = self.store.facts(event.article_ids)
        return review_detail(event_detail(event, facts, articles, reconcile_event(event, facts, articles)), self.store)

    def event_facts(self) -> list[EventFacts]:
        """Every event's settled facts (type, date, place, counts by role, ...), in the order events are stored."""
        articles = self._articles()
        facts_of: dict[str, list[Fact]] = {}
        for fact in self.store.facts():
            facts_of.setdefault(fact.article_id, []).append(fact)
        rows = []
        for event in self.store.events():
            facts = [fact for article_id in event.article_ids for fact in facts_of.get(article_id, [])]
            rows.append(settle_event(event, facts, articles, reconcile_event(event, facts, articles)))
        return review_event_facts(rows, self.store)

    def claims(self) -> Iterator[tuple[str, Reconciliation]]:
        """Every event's reconciled attributes (each value stated, who states it, agree or conflict), as
        (event id, reconciliation) pairs, events in the order they are stored."""
        articles = self._articles()
        facts_of = self._facts_by_article()
        for event in self.store.events():
            facts = [fact for article_id in event.article_ids for fact in facts_of.get(article_id, [])]
            for result in reconcile_event(event, facts, articles):
                yield event.event_id, result

    def _facts_by_article(self) -> dict[str, list[Fact]]:
        facts_of: dict[str, list[Fact]] = {}
        for fact in self.store.facts():
            facts_of.setdefault(fact.article_id, []).append(fact)
        return facts_of

    def sources(self) -> list[SourceRow]:
        every = {a.article_id: a for a in self.store.articles(canonical_only=False)}
        event_of = {i: e.event_id for e in self.store.events() for i in e.article_ids}
        return [
            SourceRow(
                article_id=a.article_id,
                origin=a.origin,
                outlet=a.outlet,
                title=a.title,
                published=a.published,
                copies=[every[c].origin for c in a.copies if c in every],
                event_id=event_of.get(a.article_id),
            )
            for a in sorted(self.store.articles(), key=lambda a: (a.published or "9999", a.origin))
        ]

    def entities(self) -> list[EntityRow]:
        mentioned: Counter[str] = Counter()
        for article in self.store.articles():
            analysis = self.store.analysis(article.article_id)
            if analysis:
                mentioned.update({m.entity for m in analysis.mentions})
        rows = [EntityRow(e, mentioned[e.entity_id]) for e in self.store.entities() if mentioned[e.entity_id]]
        return sorted(rows, key=lambda r: (-r.articles, r.entity.name))
