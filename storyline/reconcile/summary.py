"""An event's settled facts: one value per attribute, read from its reconciliations, as a ledger row."""

from __future__ import annotations

from collections import Counter

from storyline.facts import event_type as type_of
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
    if kind and any(role in counts for role in kind.tally):
        for role in kind.tally:
            if role not in counts or _outvoted_by_silence(role, kind.tally, by_attribute, articles):
                counts[role] = Quantity("", 0, 0, 0, "none_reported")
    main = [fact for fact in own if fact.event_type == main_type]
    participants = list({(p.role, p.entity or p.text): p for fact in main for p in fact.participants}.values())
    return EventFacts(
        event_id=event.event_id,
        story_id=event.story_id,
        event_type=main_type,
        cameo=kind.cameo if kind else "",
        plover=kind.plover if kind else "",
        date=event.date,
        place=settled_place(main) or settled_place(own),
        counts=counts,
        actors=stated_parties(by_attribute.get("actor")),
        targets=stated_parties(by_attribute.get("target")),
        participants=participants,
        article_ids=list(event.article_ids),
        conflicts=[result.attribute for result in reconciliations if result.status == "conflict"],
    )


def _outvoted_by_silence(
    role: str, tally: tuple[str, ...], by_attribute: dict[str, Reconciliation], articles: dict[str, Article]
) -> bool:
    """Whether one injured person rests on fewer reports than give the event's toll without any injured.

    'He was shot in the chest' in one report of a man shot and killed is read as one injured, while the
    reports that tell the whole toll ('a man was shot and killed') name no one hurt: the one person shot is the
    one who died. A toll omits an injured person only then; larger figures (a quake's hundreds of injured that
    some reports leave out) and deaths (never left out of a toll) are not outvoted by silence.
    """
    result = by_attribute[f"count.{role}"]
    if role != "injured" or result.status == "change_over_time":
        return False
    settled = settled_claim(result, articles)
    if claim_quantity(settled).value != 1:
        return False
    tolling = {a for other in tally if (r := by_attribute.get(f"count.{other}")) for c in r.claims for a in c.article_ids}
    stating = {a for claim in result.claims for a in claim.article_ids}
    return len(tolling - stating) > _support(settled)


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
        # The most stated figure; a vague word ('dozens', 'hundreds') names no figure, so it weighs half a
        # source against a number; of equally supported counts the most precise.
        return max(result.claims, key=lambda claim: (_support(claim), -_width(claim)))

    def latest(claim: Claim) -> str:
        return max((articles[a].published or "" for a in claim.article_ids if a in articles), default="")

    return max(result.claims, key=latest)


def _support(claim: Claim) -> float:
    quantity = claim_quantity(claim)
    vague = quantity.low is not None and quantity.high is not None and quantity.high > quantity.low
    return len(claim.article_ids) * (0.5 if vague else 1.0)


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


def settled_place(facts: list[Fact]) -> Place | None:
    """The place most of the facts resolve to (to the finest level they agree on), the first named on a tie."""
    resolved = [fact.place for fact in facts if fact.place and (fact.place.city or fact.place.region or fact.place.country)]
    if not resolved:
        return None
    votes = Counter((p.city, p.region, p.country) for p in resolved)
    best = max(votes, key=lambda key: (votes[key], -[(p.city, p.region, p.country) for p in resolved].index(key)))
    return next(p for p in resolved if (p.city, p.region, p.country) == best)
