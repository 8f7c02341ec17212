"""Per event and attribute: what each source states, and whether the sources agree.

An article often states several values for one attribute: the lead's "dozens", the body's "Fifty-two",
and the count of an earlier round it recalls ("another 14 were freed in June"). So values are first
settled per article (the statements that agree with the article's best-supported, most specific one;
the rest are other happenings the article mentions and are set aside, and said so in the note), and only
then compared across articles: differing values from different sources are a conflict. A count of a state
("still held", "remain in jail") is a different quantity from the event's own count and is reconciled on
its own; when such counts differ only between statements made weeks apart, that is a change over time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyline.facts import dominant_type, is_happening
from storyline.reconcile.values import (
    COUNT,
    DATE,
    TEXT,
    ValueKind,
    Wording,
    count_range,
    normalized_range,
    normalized_text,
    wording_of,
)
from storyline.records import (
    Article,
    Claim,
    DateValue,
    Event,
    Fact,
    Party,
    Place,
    Reconciliation,
)

# Statements of a state this many days apart may differ because the state changed.
CHANGE_OVER_TIME_DAYS = 28
# CAMEO's quad classes "material cooperation" (roots 06-08) and "material conflict" (14-20): things done.
# Verbal events (statements, appeals, praise, meetings) are many voices, not one value to reconcile.
# Words that make a count describe a state that lasts ("1,000 remain in jail"), not a one-off happening.
# English grammar of persistence and custody, not knowledge of any story.
_STATE_CUES = re.compile(
    r"\b(still|remains?|remained|remaining|left (?:in|behind)|holds|holding|behind bars|in custody|"
    r"in detention|languish\w*|currently)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.,;:!?]")
_STATE_CUE_LOOKBACK = 25  # characters before a count searched for "still"/"holds"

# Quantity qualifiers of a count that is not the happening's total: "nine of the freed", "another 14".
_PARTIAL_QUALIFIERS = frozenset({"part_of", "another"})

ONGOING_COUNT = "count.held"  # the count of a lasting state: people still held
# Counts of a happening's toll, which later reports revise as the dead are found and the missing turn up:
# a figure revised one way from report to report is a change over time, not a conflict.
TOLL_ROLES = frozenset({"killed", "injured", "missing", "arrested", "evacuated", "displaced", "affected"})
EXCHANGE_RELATION = "in_exchange_for"


@dataclass(frozen=True)
class Statement:
    """One value as one fact states it."""

    fact: Fact
    value: str  # as stated
    normalized: str
    comparable: Any
    position: int  # offset of the fact's sentence: the lead comes first
    entity: str | None = None  # the entity a named value refers to


def source_name(article: Article | None, article_id: str) -> str:
    """The outlet, or failing one the file the article came from."""
    if article is None:
        return article_id
    if article.outlet:
        return article.outlet
    return Path(article.origin.split("#", 1)[0]).name


def describes_state(fact: Fact, role: str) -> bool:
    """True when the fact's count in a role is of something that lasts ("remain", "still held")."""
    count = fact.counts.get(role)
    if count is None or role in TOLL_ROLES:  # 'five remain missing' is still a count of the missing
        return False
    if role == "held" or _STATE_CUES.search(fact.trigger):
        return True
    sentence = fact.evidence.sentence
    at = sentence.find(count.text) if count.text else -1
    if at < 0:
        return False
    after = sentence[at + len(count.text) :]
    clause_end = _CLAUSE_END.search(after)
    window = sentence[max(0, at - _STATE_CUE_LOOKBACK) : at] + " " + after[: clause_end.start() if clause_end else None]
    return bool(_STATE_CUES.search(window))


def main_event_type(event: Event, facts: list[Fact]) -> str | None:
    """The event's own type, or the type most of its news facts have (verbal ones only as a last resort)."""
    if event.event_type:
        return event.event_type
    return dominant_type(Counter(fact.event_type for fact in facts if not fact.background))


def place_words(place: Place | None) -> str | None:
    """A place as its resolved levels ("Calder Fork, West Virginia, United States"), else as written."""
    if place is None:
        return None
    return ", ".join(level for level in (place.city, place.region, place.country) if level) or place.text


def count_roles(facts: list[Fact]) -> list[str]:
    """The roles the facts count people in, in the order first stated."""
    return list(dict.fromkeys(role for fact in facts for role in fact.counts))


# --- statements of each attribute ------------------------------------------------------------------------


def count_statement(fact: Fact, role: str) -> Statement | None:
    """The fact's count in a role, unless it counts only a part of the group or another group besides it."""
    count = fact.counts.get(role)
    if count is None or count.qualifier in _PARTIAL_QUALIFIERS:
        return None
    allowed = count_range(count)
    if allowed is None:
        return None
    return Statement(fact, count.text or normalized_range(allowed), normalized_range(allowed), allowed, fact.evidence.start)


def stated_date_statement(fact: Fact) -> Statement | None:
    """Only dates the text states; a date inherited from the publication date is no one's claim."""
    if fact.date is None or not fact.date.text:
        return None
    key = fact.date.key()
    if key is None:
        return None
    return Statement(fact, fact.date.text, key, key, fact.evidence.start)


def text_statement(fact: Fact, value: Party | str | None) -> Statement | None:
    """A named or described value; the fact's count is left out of it, being reconciled on its own. A
    party's entity is compared as that entity."""
    if not value:
        return None
    compared = wording_of(value, leave_out=" ".join(count.text for count in fact.counts.values()))
    if not compared.words:
        return None
    stated = value.text if isinstance(value, Party) else value
    key = compared.entity or compared.words
    return Statement(fact, stated, key, compared, fact.evidence.start, compared.entity)


def type_label(event_type: str) -> str:
    """A type as words: "Justice:Release-Parole" -> "justice release parole"."""
    return " ".join(event_type.replace(":", " ").replace("-", " ").replace("_", " ").lower().split())


def describe_fact(fact: Fact) -> str:
    """A short rendering of a fact: its type and what it acts on ("ease sanctions: embargo on tin")."""
    return f"{type_label(fact.event_type)}: {fact.object}" if fact.object else type_label(fact.event_type)


def exchange_statements(main_facts: list[Fact], all_facts: list[Fact]) -> list[Statement]:
    """What the text says was given in exchange for the event, in either direction of the relation."""
    by_id = {fact.fact_id: fact for fact in all_facts}
    main_ids = {fact.fact_id for fact in main_facts}
    counterparts: dict[str, Fact] = {}
    for fact in main_facts:
        for relation in fact.relations:
            other = by_id.get(relation.target_fact)
            if relation.kind == EXCHANGE_RELATION and other is not None and other.fact_id not in main_ids:
                counterparts[other.fact_id] = other
    for fact in all_facts:
        if fact.fact_id in main_ids:
            continue
        if any(r.kind == EXCHANGE_RELATION and r.target_fact in main_ids for r in fact.relations):
            counterparts[fact.fact_id] = fact
    statements = []
    for fact in counterparts.values():
        rendering = describe_fact(fact)
        words = normalized_text(rendering)
        statements.append(Statement(fact, rendering, words, Wording(words), fact.evidence.start))
    return statements


# --- settling and comparing ------------------------------------------------------------------------------


def settle_article(
    statements: list[Statement], kind: ValueKind, support_among_all: Callable[[Any], int]
) -> tuple[list[Statement], list[Statement]]:
    """Split one article's statements into the ones that agree with its best-supported, most specific
    value (kept) and the others (set aside: other happenings the article mentions, or other wordings).
    Support within the article comes first, so an article's own repeated value is never traded for one
    that only agrees with other sources; between equally supported values, agreeing with the other
    sources (``support_among_all``) decides ("Belarus" over "Lukashenko" as the actor when the others say
    "Belarus")."""
    support = support_among(statements, kind)
    ordered = sorted(
        statements,
        key=lambda s: (-support(s.comparable), -support_among_all(s.comparable), kind.width(s.comparable), s.position),
    )
    kept: list[Statement] = []
    set_aside: list[Statement] = []
    for statement in ordered:
        if all(kind.compatible(statement.comparable, other.comparable) for other in kept):
            kept.append(statement)
        else:
            set_aside.append(statement)
    by_position = lambda s: s.position
    return sorted(kept, key=by_position), sorted(set_aside, key=by_position)


def support_among(statements: list[Statement], kind: ValueKind) -> Callable[[Any], int]:
    """How many of the statements a value is compatible with. Counted once per distinct value: an event's
    sources repeat a few values many times, and comparing every pair of statements is quadratic."""
    counts = Counter(statement.comparable for statement in statements)
    known: dict[Any, int] = {}

    def support(value: Any) -> int:
        if value not in known:
            known[value] = sum(n for other, n in counts.items() if kind.compatible(value, other))
        return known[value]

    return support


def build_claims(statements: list[Statement], articles: dict[str, Article]) -> list[Claim]:
    """One claim per distinct wording of a value, listing every source that states it."""
    claims: dict[tuple[str, str], Claim] = {}
    for statement in statements:
        key = (statement.normalized, " ".join(statement.value.casefold().split()))
        claim = claims.setdefault(
            key, Claim(statement.value, statement.normalized, [], [], [], entity=statement.entity)
        )
        article_id = statement.fact.article_id
        if article_id not in claim.article_ids:
            claim.article_ids.append(article_id)
        outlet = source_name(articles.get(article_id), article_id)
        if outlet not in claim.outlets:
            claim.outlets.append(outlet)
        claim.evidence.append(statement.fact.evidence)
    return sorted(claims.values(), key=lambda claim: -len(claim.article_ids))


def statement_date(statement: Statement, articles: dict[str, Article]) -> date | None:
    """When a value was stated: the fact's own date (to the month at least) when the text gives one, else
    the publication date; None when neither is known or valid."""
    stated = statement.fact.date
    article = articles.get(statement.fact.article_id)
    if stated and stated.text and stated.key() and stated.precision in ("month", "day"):
        return stated.first_day()
    if article and article.published:
        return DateValue.of_iso(article.published[:10]).first_day()
    return None


def changes_over_time(
    statements: list[Statement], kind: ValueKind, articles: dict[str, Article], toll: bool = False
) -> str | None:
    """When statements made weeks apart each agree with their contemporaries but not across time, the
    values in date order ("2025-09-12: more than 1,000 -> 2026-03-19: hundreds"); else None. A toll
    (``toll``) changes from one day's reports to the next, one way: the dead are found, the missing too."""
    dated = [(_report_date(s, articles) if toll else statement_date(s, articles), s) for s in statements]
    if toll:  # an undated report cannot place its figure in the toll's history, nor contradict it
        dated = [(when, s) for when, s in dated if when is not None]
    if not dated or any(when is None for when, _ in dated):
        return None
    dated.sort(key=lambda pair: pair[0])
    gap = timedelta(days=0 if toll else CHANGE_OVER_TIME_DAYS)
    periods: list[list[tuple[date, Statement]]] = [[dated[0]]]
    for when, statement in dated[1:]:
        if when - periods[-1][-1][0] > gap:
            periods.append([])
        periods[-1].append((when, statement))
    if len(periods) < 2 or not all(all_agree([s for _, s in period], kind) for period in periods):
        return None
    merged = [periods[0]]
    for period in periods[1:]:  # reports that repeat the figure before them continue its period
        if all_agree([s for _, s in merged[-1] + period], kind):
            merged[-1] = merged[-1] + period
        else:
            merged.append(period)
    periods = merged
    if len(periods) < 2:
        return None
    if toll:
        floors = [max((s.comparable[0] or 0) for _, s in period) for period in periods]
        steps = [later - earlier for earlier, later in zip(floors, floors[1:])]
        if not (all(step >= 0 for step in steps) or all(step <= 0 for step in steps)):
            return None  # a toll revised up and down is in dispute, not being counted
    return " -> ".join(f"{period[0][0].isoformat()}: {period[0][1].value}" for period in periods)


def _report_date(statement: Statement, articles: dict[str, Article]) -> date | None:
    """The day a statement was published: tolls change between reports, whatever day they are about."""
    article = articles.get(statement.fact.article_id)
    return DateValue.of_iso(article.published[:10]).first_day() if article and article.published else None


def conflicting_values(statements: list[Statement], kind: ValueKind) -> list[Statement]:
    """The most specific values that exclude one another ("85 vs 87", leaving out "more than 80", which
    allows both), in the order they were stated."""
    picked: list[Statement] = []
    for statement in sorted(statements, key=lambda s: kind.width(s.comparable)):
        if all(not kind.compatible(statement.comparable, other.comparable) for other in picked):
            picked.append(statement)
    return [s for s in statements if s in picked]


def all_agree(statements: list[Statement], kind: ValueKind) -> bool:
    """Pairwise agreement; for count ranges this is the same as one count that all of them allow."""
    return all(
        kind.compatible(first.comparable, second.comparable)
        for index, first in enumerate(statements)
        for second in statements[index + 1 :]
    )


def reconcile_attribute(
    event_id: str,
    attribute: str,
    statements: list[Statement],
    kind: ValueKind,
    articles: dict[str, Article],
    state_like: bool = False,
    toll: bool = False,
) -> Reconciliation | None:
    if not statements:
        return None
    per_article: dict[str, list[Statement]] = {}
    for statement in statements:
        per_article.setdefault(statement.fact.article_id, []).append(statement)
    kept: list[Statement] = []
    set_aside: list[Statement] = []
    support_among_all = support_among(statements, kind)
    for article_statements in per_article.values():
        article_kept, article_set_aside = settle_article(article_statements, kind, support_among_all)
        kept += article_kept
        set_aside += article_set_aside
    claims = build_claims(kept, articles)
    notes = []
    if len(per_article) == 1 and len({statement.normalized for statement in kept}) == 1:
        status = "single"
    elif all_agree(kept, kind):
        # One source wording one count several ways ("dozens", "Fifty-two") agrees with itself: say so.
        status, notes = "agree", ["one source"] if len(per_article) == 1 else []
    else:
        history = changes_over_time(kept, kind, articles, toll) if state_like or toll else None
        if history:
            status, notes = "change_over_time", [history]
        else:
            status, notes = "conflict", [" vs ".join(s.value for s in conflicting_values(kept, kind))]
    if set_aside:
        aside = ", ".join(
            f"{s.value} ({source_name(articles.get(s.fact.article_id), s.fact.article_id)})" for s in set_aside
        )
        notes.append(f"set aside (other happenings or wordings in the same articles): {aside}")
    return Reconciliation(event_id, attribute, status, claims, "; ".join(notes))


# --- the event -------------------------------------------------------------------------------------------


def _news_of_event(facts: list[Fact], anchor: str | None) -> list[Fact]:
    """The event's news facts: not background, and not dated (by the text) outside the event's date. A toll
    is the article's whatever day its sentence names ('found dead Sunday' in a Saturday shooting)."""
    selected = []
    for fact in facts:
        stated = fact.date.key() if fact.date and fact.date.text else None
        elsewhen = anchor and stated and not DATE.compatible(anchor, stated)
        if fact.background or (elsewhen and not TOLL_ROLES & fact.counts.keys()):
            continue
        selected.append(fact)
    return selected


def _statements(facts: list[Fact], extract: Callable[[Fact], Statement | None]) -> list[Statement]:
    return [statement for statement in map(extract, facts) if statement is not None]


@dataclass
class _EventNews:
    main_type: str
    date: Reconciliation | None
    news: list[Fact]  # not background, not dated outside the event


def _event_news(event: Event, facts: list[Fact], articles: dict[str, Article]) -> _EventNews | None:
    """The event's main type, its reconciled date, and the news facts of its articles at that date."""
    members = set(event.article_ids)
    own = [fact for fact in facts if fact.article_id in members]
    main_type = main_event_type(event, own)
    if main_type is None:
        return None
    dated_main = [fact for fact in own if not fact.background and fact.event_type == main_type]
    date_result = reconcile_attribute(
        event.event_id, "date", _statements(dated_main, stated_date_statement), DATE, articles
    )
    anchor = (event.date.key() if event.date else None) or _best_claim_normalized(date_result)
    return _EventNews(main_type, date_result, _news_of_event(own, anchor))


def reconcile_event(event: Event, facts: list[Fact], articles: dict[str, Article]) -> list[Reconciliation]:
    """Reconcile every attribute of one event: date, the main fact's count, actor, target, place, object,
    what was given in exchange, the count of any lasting state, and count and object of each other type."""
    found = _event_news(event, facts, articles)
    if found is None:
        return []
    main_type, news = found.main_type, found.news
    main = [fact for fact in news if fact.event_type == main_type]
    results = [found.date]

    def add(attribute: str, statements: list[Statement], kind: ValueKind, **how: bool) -> None:
        results.append(reconcile_attribute(event.event_id, attribute, statements, kind, articles, **how))

    held = [(fact, role) for fact in news for role in fact.counts if describes_state(fact, role)]
    held_keys = {(fact.fact_id, role) for fact, role in held}
    for role in count_roles(news):
        if role == "held":
            continue
        counting = [f for f in news if role in f.counts and (f.fact_id, role) not in held_keys]
        add(f"count.{role}", [s for f in counting if (s := count_statement(f, role))], COUNT, toll=role in TOLL_ROLES)
    add("actor", _statements(main, lambda fact: text_statement(fact, fact.actor)), TEXT)
    add("target", _statements(main, lambda fact: text_statement(fact, fact.target)), TEXT)
    add("place", _statements(main, lambda fact: text_statement(fact, place_words(fact.place))), TEXT)
    add("object", _statements(main, lambda fact: text_statement(fact, fact.object)), TEXT)
    add("exchange", exchange_statements(main, news), TEXT)
    add(ONGOING_COUNT, [s for fact, role in held if (s := count_statement(fact, role))], COUNT, state_like=True)
    other_types = dict.fromkeys(f.event_type for f in news if f.event_type != main_type and is_happening(f.event_type))
    for other_type in other_types:
        of_type = [fact for fact in news if fact.event_type == other_type]
        add(f"{other_type}.object", _statements(of_type, lambda fact: text_statement(fact, fact.object)), TEXT)
    return [result for result in results if result is not None]


def _best_claim_normalized(result: Reconciliation | None) -> str | None:
    """The most widely stated value of a reconciliation (its first claim)."""
    return result.claims[0].normalized if result and result.claims else None


def reconcile_story(
    story_id: str, events: list[Event], facts: list[Fact], articles: dict[str, Article]
) -> Reconciliation | None:
    """The count of a lasting state ("still held") across all the events of one story: rounds months
    apart state it anew, so this is where a change over time shows. ``event_id`` holds the story's id."""
    statements: list[Statement] = []
    for event in events:
        found = _event_news(event, facts, articles)
        if found is not None:
            statements += [
                s for fact in found.news for role in fact.counts if describes_state(fact, role)
                if (s := count_statement(fact, role))
            ]
    return reconcile_attribute(story_id, ONGOING_COUNT, statements, COUNT, articles, state_like=True)
