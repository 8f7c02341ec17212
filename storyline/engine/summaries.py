"""What the read side shows of each event and story, computed at build time and stored.

Reconciling an event reads its articles and facts and is the costly part of every read; a ledger of 10,000
events cannot be re-reconciled on each page or ``storyline timeline``. So the build stores, in the same
transaction as its events, one summary per event (settled facts, reconciled attributes, timeline entry,
the entities it names and their roles) and one per story (the trend of a lasting count, the dated
background). The store drops a summary whenever what it was computed from changes (the event's record,
its members, their articles or facts), so a summary that exists is current; ``summarise`` computes the
missing ones, and only those: an event the build did not touch keeps its row byte for byte.

The same functions compute the summary of an event that the reviews regroup, on read (``Ledger``).
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.reconcile import reconcile_event, settle_event
from storyline.records import Article, Event, Fact, TimelineEntry
from storyline.store import SqliteStore
from storyline.store.sqlite import BackgroundItem, EventSummary, StorySummary
from storyline.timeline.builder import (
    background_entry,
    background_groups,
    event_entry,
    story_trend,
)


def event_summary(event: Event, story_id: str | None, facts: list[Fact], articles: dict[str, Article]) -> EventSummary:
    """One event reconciled: ``facts`` and ``articles`` are (at least) those of its own articles."""
    reconciliations = reconcile_event(event, facts, articles)
    return EventSummary(
        event_id=event.event_id,
        story_id=event.story_id,
        article_ids=list(event.article_ids),
        event_facts=settle_event(event, facts, articles, reconciliations),
        reconciliations=reconciliations,
        entry=event_entry(event, story_id, facts, reconciliations, articles),
        roles=entity_roles(facts),
    )


def entity_roles(facts: Iterable[Fact]) -> dict[str, list[str]]:
    """The entities the news facts name (actor, target, participants) and their roles there."""
    roles: dict[str, set[str]] = {}
    for fact in facts:
        if fact.background:
            continue
        named = [(fact.actor, "actor"), (fact.target, "target"), *((p, p.role) for p in fact.participants)]
        for party, role in named:
            if party is not None and party.entity:
                roles.setdefault(party.entity, set()).add(role)
    return {entity: sorted(found) for entity, found in sorted(roles.items())}


def story_summary(
    story_id: str,
    events: list[Event],
    entries: dict[str, TimelineEntry],
    facts_by_article: dict[str, list[Fact]],
    articles: dict[str, Article],
) -> StorySummary:
    """A story's trend and background from its events (in stored order) and their timeline entries."""
    found = story_trend(story_id, events, [entries[event.event_id] for event in events], facts_by_article, articles)
    article_ids = [a for event in events for a in event.article_ids]
    # As ``build_timeline`` reads them: every fact in (article id, fact id) order.
    facts = sorted((f for a in article_ids for f in facts_by_article.get(a, [])), key=lambda f: (f.article_id, f.fact_id))
    groups = background_groups(facts, dict.fromkeys(article_ids, story_id))
    return StorySummary(
        story_id=story_id,
        event_ids=[event.event_id for event in events],
        trend=found[1] if found else None,
        trend_event=found[0].event_id if found else None,
        background=[
            BackgroundItem((group.members[0].article_id, group.members[0].fact_id), background_entry(group, articles))
            for group in groups
        ],
    )


def by_article(facts: Iterable[Fact]) -> dict[str, list[Fact]]:
    facts_of: dict[str, list[Fact]] = {}
    for fact in facts:
        facts_of.setdefault(fact.article_id, []).append(fact)
    return facts_of


def summarise(store: SqliteStore) -> tuple[int, int]:
    """Compute and store the summaries the ledger lacks (inside the caller's transaction); how many event
    and story summaries were written."""
    event_ids, story_ids = store.unsummarised()
    if not event_ids and not story_ids:
        return 0, 0
    stories = [story for story_id in story_ids if (story := store.story(story_id)) is not None]
    wanted = set(event_ids) | {e for story in stories for e in story.event_ids}
    events = {event_id: event for event_id in sorted(wanted) if (event := store.event(event_id)) is not None}
    article_ids = [a for event in events.values() for a in event.article_ids]
    facts_of = by_article(store.facts(article_ids))
    articles = {a.article_id: a for a in store.article_summaries(article_ids)}
    entries = {e: entry for e, (_, entry) in store.stored_entries(wanted - set(event_ids)).items()}
    for event_id in event_ids:
        event = events[event_id]
        facts = [fact for a in event.article_ids for fact in facts_of.get(a, [])]
        summary = event_summary(event, event.story_id, facts, articles)  # a read sets the entry's story
        store.put_event_summary(summary)
        entries[event_id] = summary.entry
    for story in stories:
        members = [events[e] for e in sorted(story.event_ids) if e in events]
        store.put_story_summary(story_summary(story.story_id, members, entries, facts_of, articles))
    return len(event_ids), len(stories)
