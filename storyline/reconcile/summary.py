"""An event's settled facts: one value per attribute, read from its reconciliations, as a ledger row."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from storyline.facts import event_type as type_of
from storyline.facts import event_types
from storyline.facts.counts import names_others, tells_a_death
from storyline.facts.places import (
    HOME_SOURCES,
    US,
    consensus_place,
    outlet_home,
    us_states_named,
)
from storyline.facts.quantity import parse_quantity
from storyline.facts.vocabulary import EventType
from storyline.reconcile.reconciler import ONGOING_COUNT, main_event_type
from storyline.records import (
    Article,
    Claim,
    Event,
    EventFacts,
    Fact,
    Party,
    Place,
    Quantity,
    Reconciliation,
)

DEATHS = "killed"  # the role of a toll's dead


def settle_event(
    event: Event, facts: list[Fact], articles: dict[str, Article], reconciliations: list[Reconciliation]
) -> EventFacts:
    """The event's type, date, place, counts by role, actors, targets and participants."""
    by_attribute = {result.attribute: result for result in reconciliations}
    own = [fact for fact in facts if fact.article_id in set(event.article_ids) and not fact.background]
    main_type = main_event_type(event, own)
    kind = type_of(main_type) if main_type else None
    counts = {}
    for result in reconciliations:
        if result.attribute.startswith("count.") and result.claims:
            role = "held" if result.attribute == ONGOING_COUNT else result.attribute.removeprefix("count.")
            counts[role] = claim_quantity(settled_claim(result, articles))
    tally = tally_of(kind, counts)
    for role in tally:
        if role not in counts or _outvoted_by_silence(role, tally, by_attribute, articles):
            counts[role] = Quantity("", 0, 0, 0, "none_reported")
    if _no_death_told(kind, counts, own):
        counts[DEATHS] = Quantity("", 0, 0, 0, "none_reported")
    main = [fact for fact in own if fact.event_type == main_type]
    participants = list({(p.role, p.entity or p.text): p for fact in main for p in fact.participants}.values())
    return EventFacts(
        event_id=event.event_id,
        story_id=event.story_id,
        event_type=main_type,
        cameo=kind.cameo if kind else "",
        plover=kind.plover if kind else "",
        date=event.date,
        place=settled_place(main, own, articles),
        counts=counts,
        actors=stated_parties(by_attribute.get("actor")),
        targets=stated_parties(by_attribute.get("target")),
        participants=participants,
        article_ids=list(event.article_ids),
        conflicts=[result.attribute for result in reconciliations if result.status == "conflict"],
    )


def tally_of(kind: EventType | None, counts: dict[str, Quantity]) -> tuple[str, ...]:
    """The roles the event's reports account for, an unstated one being none: the main type's tally when it
    counts a role of it, else the tally of a type that does ('a boy was wounded' told under an arrest or a
    theft is still a shooting's toll, with no one dead)."""
    tallies = [kind.tally] if kind else []
    tallies += [other.tally for other in event_types().values() if other.tally]
    return next((tally for tally in tallies if any(role in counts for role in tally)), ())


def _no_death_told(kind: EventType | None, counts: dict[str, Quantity], own: list[Fact]) -> bool:
    """Whether an attack or accident whose reports count no one is one with no death: a report leaves out
    who was hurt far more often than a death, so with no role counted at all the deaths are none reported,
    unless a fact of the event is itself a death ('a teen died Sunday')."""
    if counts or kind is None or DEATHS not in kind.tally:
        return False
    return not tells_a_death(fact.event_type for fact in own)


def _outvoted_by_silence(
    role: str, tally: tuple[str, ...], by_attribute: dict[str, Reconciliation], articles: dict[str, Article]
) -> bool:
    """Whether one injured person rests on fewer reports than give the event's toll without any injured.

    'He was shot in the chest' in one report of a man shot and killed is read as one injured, while the
    reports that tell the whole toll ('a man was shot and killed') name no one hurt: the one person shot is the
    one who died. So is one person hit whom only headlines describe ('Boy dies after shooting himself') beside
    a death the reports count. A toll omits an injured person only then; larger figures (a quake's hundreds of
    injured that some reports leave out) and deaths (never left out of a toll) are not outvoted by silence.
    """
    result = by_attribute[f"count.{role}"]
    if role != "injured" or result.status == "change_over_time":
        return False
    settled = settled_claim(result, articles)
    if claim_quantity(settled).value != 1 or any(names_others(claim.value) for claim in result.claims):
        return False  # 'another man was wounded': someone besides the dead, however few reports say so
    if _headline_echo(result) and any(_is_toll(by_attribute.get(f"count.{other}")) for other in tally if other != role):
        return True
    tolling = {a for other in tally if (r := by_attribute.get(f"count.{other}")) for c in r.claims for a in c.article_ids}
    stating = {a for claim in result.claims for a in claim.article_ids}
    silent = len(tolling - stating)
    return silent > _support(settled) or (silent == _support(settled) and _one_described(result))


def _one_described(result: Reconciliation) -> bool:
    """Whether every report describes the one person hit ('a boy', 'the toddler', 'her') rather than counting
    ('one', '1') or setting apart ('another man'): such a person is as likely the one the toll's reports count
    dead, so as many silent reports outweigh it."""
    return all(parse_quantity(claim.value) is None and not names_others(claim.value) for claim in result.claims)


def _headline_echo(result: Reconciliation) -> bool:
    """One person hit, told only by headlines that describe rather than count ('Boy dies after accidentally
    shooting himself', 'Teen shoots friend'): the headline retells the death the reports count."""
    evidence = [e for claim in result.claims for e in claim.evidence]
    described = all(parse_quantity(claim.value) is None for claim in result.claims)
    return described and all(e.in_title for e in evidence)


def _is_toll(result: Reconciliation | None) -> bool:
    """Whether a count's settled figure is someone (at least one)."""
    return bool(result and result.claims and (claim_quantity(result.claims[0]).low or 0) >= 1)


def stated_parties(result: Reconciliation | None) -> list[Party]:
    """An actor's or target's parties as the sources word them, most stated first, each entity once."""
    parties: dict[str, Party] = {}
    for claim in result.claims if result else []:
        parties.setdefault(claim.entity or claim.value, Party(claim.value, claim.entity))
    return list(parties.values())


def settled_claim(result: Reconciliation, articles: dict[str, Article]) -> Claim:
    """The value to report: the latest report's for a count that changed over time, else the most stated."""
    if not result.attribute.startswith("count."):
        return result.claims[0]  # the most stated
    if result.status != "change_over_time":
        # The most stated figure, its wordings ('six', '6') pooling their reports; a vague word ('dozens',
        # 'hundreds') names no figure, so it weighs half a source against a number; of equally supported
        # counts the most precise.
        best = max(result.claims, key=lambda c: (_figure_support(c, result.claims), -_width(c), _support(c)))
        return _figure_within(best, result.claims) or best

    def latest(claim: Claim) -> str:
        return max((articles[a].published or "" for a in claim.article_ids if a in articles), default="")

    described = [claim for claim in result.claims if _one_described_person(claim)]
    tolls = [claim for claim in result.claims if claim not in described]
    if sum(map(_support, tolls)) >= sum(map(_support, described)):
        return max(tolls, key=latest)
    return max(result.claims, key=latest)


def _one_described_person(claim: Claim) -> bool:
    """A claim of one person described, not counted ('a 16-year-old girl', 'herself'). Beside reports that
    count a toll and outweigh it, a later one is mostly a victim's story (or another happening), not a revised
    toll; where most reports tell of one person each, the toll may well be one."""
    return claim_quantity(claim).value == 1 and parse_quantity(claim.value) is None


def _figure_within(vague: Claim, claims: list[Claim]) -> Claim | None:
    """For a settled vague or approximate count ('dozens', 'about 30'), the stated figure inside its range that
    the most reports allow ('at least 50' beside 'dozens' and 'more than 200'): a toll names a number where
    some report gives one. None when the count is not vague or no stated figure fits."""
    quantity = claim_quantity(vague)
    if quantity.value is not None or quantity.low is None or quantity.high is None:
        return None
    inside = [c for c in claims if (v := _figure(c)) is not None and quantity.low <= v <= quantity.high]

    def allowing(claim: Claim) -> float:
        return sum(_support(other) for other in claims if _overlap(claim_quantity(claim), claim_quantity(other)))

    return max(inside, key=lambda claim: (allowing(claim), -_width(claim)), default=None)


def _figure(claim: Claim) -> int | None:
    """The number a claim states as worded ('at least 50' states 50), None for a vague word."""
    stated = parse_quantity(claim.value)
    return stated.value if stated else None


def _overlap(first: Quantity, second: Quantity) -> bool:
    """Whether two count ranges allow a common figure (an open end allows any)."""
    low = max(first.low or 0, second.low or 0)
    highs = [high for high in (first.high, second.high) if high is not None]
    return not highs or low <= min(highs)


def _support(claim: Claim) -> float:
    return len(claim.article_ids) * _weight(claim)


def _figure_support(claim: Claim, claims: list[Claim]) -> float:
    """How many reports state a claim's figure, however worded (a headline's '6' and its body's 'six' are one
    report): the reports of every claim of the same count range."""
    reports = {a for other in claims if other.normalized == claim.normalized for a in other.article_ids}
    return len(reports) * _weight(claim)


def _weight(claim: Claim) -> float:
    """A vague word ('dozens') names no figure: half a report."""
    quantity = claim_quantity(claim)
    vague = quantity.low is not None and quantity.high is not None and quantity.high > quantity.low
    return 0.5 if vague else 1.0


def _width(claim: Claim) -> float:
    quantity = claim_quantity(claim)
    if quantity.low is None or quantity.high is None:
        return float("inf")
    return quantity.high - quantity.low


def claim_quantity(claim: Claim) -> Quantity:
    """A count claim's range as a Quantity: "12" exact, "101-" more than 100, "12-99" a range."""
    low_text, dash, high_text = claim.normalized.partition("-")
    low = int(low_text) if low_text.isdigit() else None
    high = (int(high_text) if high_text.isdigit() else None) if dash else low
    qualifier = "exact" if low is not None and low == high else ("more_than" if high is None else "range")
    return Quantity(claim.value, low if qualifier == "exact" else None, low, high, qualifier)


# How many votes a report's own place for its news (Place.article_wide) has against a place one sentence states.
ARTICLE_WIDE_VOTES = 2


def settled_place(
    main: list[Fact], others: Sequence[Fact] = (), articles: dict[str, Article] | None = None
) -> Place | None:
    """The place most of the main facts resolve to, a town's region taken from the reports that state it (one
    report's "Cameron, W.Va." settles the "Cameron" another resolved to a namesake elsewhere, as does a report
    that names the state anywhere). Each report's own place for its news votes too, whatever its lead's type,
    and outweighs a place one sentence gives in passing (a suspect's home town, an earlier case); with no
    place among these, any of the others'. An outlet's home counts as a passing place."""
    chosen = {id(fact) for fact in main}
    voting = main + [f for f in others if f.place and f.place.article_wide and id(f) not in chosen]
    if not any(fact.place for fact in voting):
        voting = list(others)
    places = [p for fact in voting if (p := fact.place) for _ in range(_votes_of(p))]
    return consensus_place(places, _states_stated(voting, articles or {}))


def _votes_of(place: Place) -> int:
    """A report's own place for its news outweighs one sentence's, unless it is only the outlet's home (the
    report names no place), which a place any report states outweighs."""
    return ARTICLE_WIDE_VOTES if place.article_wide and place.source not in HOME_SOURCES else 1


def _states_stated(facts: Sequence[Fact], articles: dict[str, Article]) -> Counter[str]:
    """US state -> how many of the facts' reports name it, read only where the facts' towns disagree on their
    region (so the texts are scanned for the events that need it). An outlet whose web name holds a state or
    town ("nbcriverton.com") states that state for its report: a local outlet's bare town is its own namesake."""
    regions: dict[str, set[str | None]] = {}
    for fact in facts:
        if fact.place and fact.place.city:
            regions.setdefault(fact.place.city, set()).add(fact.place.region)
    stated: Counter[str] = Counter()
    if all(len(found) < 2 for found in regions.values()):
        return stated
    for article_id in {fact.article_id for fact in facts}:
        article = articles.get(article_id)
        if article is not None:
            named = us_states_named(f"{article.title or ''}\n{article.body}")
            home = outlet_home(article.outlet) if article.outlet else None
            stated.update(named | ({home.region} if home and home.region and home.country == US else set()))
    return stated
