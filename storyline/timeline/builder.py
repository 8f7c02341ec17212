"""Events and the dated background their articles mention, in date order.

Each event's entry is built from its reconciliation (type, agreed count, actor, place; what was given in
exchange), so the headline says what the sources agree on and shows a conflict where they do not.
Background facts ("the election of 2019", "the consulate closed in April 2021") are stated again by many
articles; one entry per happening lists every source that recalls it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from storyline.reconcile import (
    ONGOING_COUNT,
    dates_agree,
    describe_fact,
    main_event_type,
    reconcile_event,
    reconcile_story,
    settled_claim,
    source_name,
    texts_agree,
    type_label,
    wording_of,
)
from storyline.records import (
    Article,
    DateValue,
    Event,
    Fact,
    Party,
    Reconciliation,
    Story,
    TimelineEntry,
)

_SEPARATOR = " · "
_MAX_VALUES_SHOWN = 3


def build_timeline(
    events: list[Event], stories: list[Story], facts: list[Fact], articles: dict[str, Article]
) -> list[TimelineEntry]:
    """Every event with its reconciled headline facts, plus the deduplicated dated background, in date
    order (unknown dates last, ties in input order)."""
    story_of_event = {event_id: story.story_id for story in stories for event_id in story.event_ids}
    facts_by_article: dict[str, list[Fact]] = {}
    for fact in facts:
        facts_by_article.setdefault(fact.article_id, []).append(fact)
    entries = []
    story_of_article: dict[str, str] = {}
    for event in events:
        story_id = story_of_event.get(event.event_id, event.story_id)
        event_facts = [fact for article_id in event.article_ids for fact in facts_by_article.get(article_id, [])]
        reconciliations = reconcile_event(event, event_facts, articles)
        entries.append(event_entry(event, story_id, event_facts, reconciliations, articles))
        for article_id in event.article_ids:
            story_of_article.setdefault(article_id, story_id)
    add_story_trends(entries, events, story_of_event, facts_by_article, articles)
    entries += background_entries(facts, story_of_article, articles)
    return sorted(entries, key=chronological_key)


def add_story_trends(
    entries: list[TimelineEntry],
    events: list[Event],
    story_of_event: dict[str, str],
    facts_by_article: dict[str, list[Fact]],
    articles: dict[str, Article],
) -> None:
    """Give each story's latest event the count of the lasting state ("still held") across the whole
    story, when more than one article states it: its rounds, months apart, show how it changed."""
    events_of_story: dict[str, list[Event]] = {}
    for event in events:
        events_of_story.setdefault(story_of_event.get(event.event_id, event.story_id), []).append(event)
    entry_of_event = {entry.event_id: entry for entry in entries}
    for story_id, story_events in events_of_story.items():
        story_entries = [entry_of_event[event.event_id] for event in story_events]
        found = story_trend(story_id, story_events, story_entries, facts_by_article, articles)
        if found is not None:
            latest, line = found
            latest.facts.append(line)


def story_trend(
    story_id: str,
    story_events: list[Event],
    story_entries: list[TimelineEntry],
    facts_by_article: dict[str, list[Fact]],
    articles: dict[str, Article],
) -> tuple[TimelineEntry, str] | None:
    """The entry of the story's latest event and the line of its lasting count, when the story has more
    than one event and more than one article states that count (``story_entries`` in event order)."""
    if len(story_events) < 2:
        return None
    story_facts = [fact for event in story_events for a in event.article_ids for fact in facts_by_article.get(a, [])]
    trend = reconcile_story(story_id, story_events, story_facts, articles)
    if trend is None or len({a for claim in trend.claims for a in claim.article_ids}) < 2:
        return None
    dated = [entry for entry in story_entries if entry.date.key()]
    latest = max(dated or story_entries, key=chronological_key)
    return latest, render_reconciliation(trend, label="ongoing count over the story")


def chronological_key(entry: TimelineEntry) -> tuple:
    """Unknown dates last; a coarser date sorts at the start of its period, before finer dates there."""
    start = entry.date.first_day()
    if start is None:
        return (1,)
    return (0, start, entry.date.fineness())


# --- events ----------------------------------------------------------------------------------------------


def event_entry(
    event: Event,
    story_id: str | None,
    facts: list[Fact],
    reconciliations: list[Reconciliation],
    articles: dict[str, Article],
) -> TimelineEntry:
    by_attribute = {result.attribute: result for result in reconciliations}
    date = event.date if event.date and event.date.key() else None
    if date is None and "date" in by_attribute:
        date = DateValue.of_iso(by_attribute["date"].claims[0].normalized)
    counts = [
        f"{shown} {attribute_label(result.attribute)}"
        for result in reconciliations
        if result.attribute.startswith("count.") and result.attribute != ONGOING_COUNT
        if (shown := count_display(result, articles))
    ]
    parts = [
        ", ".join(counts),
        values_display(by_attribute.get("actor")),
        values_display(by_attribute.get("place")),
    ]
    known = list(dict.fromkeys(part for part in parts if part))  # "Varnia" once when actor and place
    main_type = main_event_type(event, facts)
    if main_type and known:
        headline = _SEPARATOR.join([type_label(main_type), *known])
    else:
        headline = best_title(event, articles) or type_label(main_type or event.event_id)
    return TimelineEntry(
        event_id=event.event_id,
        story_id=story_id,
        date=date or DateValue(None, "unknown"),
        headline=headline,
        facts=[render_reconciliation(result) for result in reconciliations],
        sources=sorted({source_name(articles.get(a), a) for a in event.article_ids}),
    )


def count_display(result: Reconciliation | None, articles: dict[str, Article]) -> str:
    """The agreed count as a number when some source gives an exact one ("123", not "more than 100"); the
    latest figure of one that changed over time."""
    if result is None:
        return ""
    if result.status == "change_over_time":
        return settled_claim(result, articles).value
    exact = [claim.normalized for claim in result.claims if claim.normalized.isdigit()]
    if result.status == "conflict":
        return " vs ".join(dict.fromkeys(exact or [claim.value for claim in result.claims]))
    return exact[0] if exact else result.claims[0].value


def values_display(result: Reconciliation | None) -> str:
    """The most widely stated value; every value, separated, where sources conflict."""
    if result is None:
        return ""
    if result.status == "conflict":
        return " / ".join(dict.fromkeys(claim.value for claim in result.claims[:_MAX_VALUES_SHOWN]))
    return result.claims[0].value


def attribute_label(attribute: str) -> str:
    """An attribute as words: "count.killed" -> "killed", "count.held" -> "still held"."""
    if attribute == ONGOING_COUNT:
        return "still held"
    return attribute.removeprefix("count.").replace("_", " ")


def render_reconciliation(result: Reconciliation, label: str | None = None) -> str:
    """One line per attribute, e.g. `count: more than 100 / 123 (agree, 2 sources)`; a change over time
    shows its history, which the reconciler's note begins with (`2031-01-10: more than 500 -> ...`)."""
    # A date reads best resolved ("2031-02-06"); any other value as the sources word it.
    shown = [claim.normalized if result.attribute == "date" else claim.value for claim in result.claims]
    values = " / ".join(dict.fromkeys(shown[:_MAX_VALUES_SHOWN]))
    if len(result.claims) > _MAX_VALUES_SHOWN:
        values += " / …"
    if result.status == "change_over_time":
        values = result.note.split("; ", 1)[0]
    sources = {outlet for claim in result.claims for outlet in claim.outlets}
    label = label or attribute_label(result.attribute)
    return f"{label}: {values} ({result.status.replace('_', ' ')}, {len(sources)} source{'s' * (len(sources) != 1)})"


def best_title(event: Event, articles: dict[str, Article]) -> str | None:
    """The title most of the event's articles carry, else the event's own."""
    titles = [articles[a].title for a in event.article_ids if a in articles and articles[a].title]
    if titles:
        return Counter(titles).most_common(1)[0][0]
    return event.title


# --- background ------------------------------------------------------------------------------------------


@dataclass
class _BackgroundGroup:
    """Background facts taken for one happening: same story and type, agreeing dates, and no disagreement
    on who acted or on what (the people targeted are worded too variously to tell happenings apart)."""

    story_id: str | None
    event_type: str
    date_iso: str
    members: list[Fact] = field(default_factory=list)

    def admits(self, fact: Fact, story_id: str | None, iso: str) -> bool:
        return (
            story_id == self.story_id
            and fact.event_type == self.event_type
            and dates_agree(iso, self.date_iso)
            and all(
                _may_agree(fact.actor, member.actor) and _may_agree(fact.object, member.object)
                for member in self.members
            )
        )


def _may_agree(first: Party | str | None, second: Party | str | None) -> bool:
    """Unstated on either side, or stated alike."""
    return not first or not second or texts_agree(wording_of(first), wording_of(second))


def background_entries(
    facts: list[Fact], story_of_article: dict[str, str], articles: dict[str, Article]
) -> list[TimelineEntry]:
    """One entry per dated background happening, listing every source that mentions it."""
    return [background_entry(group, articles) for group in background_groups(facts, story_of_article)]


def background_groups(facts: list[Fact], story_of_article: dict[str, str]) -> list[_BackgroundGroup]:
    """The dated background facts taken together by happening, in the order each was first stated."""
    groups: list[_BackgroundGroup] = []
    # Only groups of the same story, type and year can admit a fact: look only there.
    candidates: dict[tuple[str | None, str, str], list[_BackgroundGroup]] = {}
    for fact in facts:
        iso = fact.date.key() if fact.date else None
        if not fact.background or iso is None:
            continue
        story_id = story_of_article.get(fact.article_id)
        same_year = candidates.setdefault((story_id, fact.event_type, iso[:4]), [])
        group = next((g for g in same_year if g.admits(fact, story_id, iso)), None)
        if group is None:
            group = _BackgroundGroup(story_id, fact.event_type, iso)
            groups.append(group)
            same_year.append(group)
        group.members.append(fact)
        if len(iso) > len(group.date_iso):
            group.date_iso = iso  # the most precise date any source gives
    return groups


def background_entry(group: _BackgroundGroup, articles: dict[str, Article]) -> TimelineEntry:
    renderings = list(dict.fromkeys(background_summary(fact) for fact in group.members))
    with_actor = next((fact for fact in group.members if fact.actor), None)
    actor = with_actor.actor.text if with_actor and with_actor.actor else ""
    acted_on = next((fact.object for fact in group.members if fact.object), "")
    headline = _SEPARATOR.join(part for part in (type_label(group.event_type), actor, acted_on) if part)
    return TimelineEntry(
        event_id=None,
        story_id=group.story_id,
        date=DateValue.of_iso(group.date_iso),
        headline=headline,
        facts=renderings,
        sources=sorted({source_name(articles.get(fact.article_id), fact.article_id) for fact in group.members}),
        background=True,
    )


def background_summary(fact: Fact) -> str:
    """What one source says of a background happening: "release detainees · 14 · in June"."""
    counts = " ".join(f"{count.text} {role}" for role, count in fact.counts.items() if count.text)
    parts = [describe_fact(fact), counts, fact.date.text if fact.date else ""]
    return _SEPARATOR.join(part for part in parts if part)
