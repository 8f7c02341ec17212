"""An invented story for the timeline tests: the island state of Varnia frees detained reporters in rounds
while the Coastal League eases an embargo; fictional outlets disagree; a second, unrelated story."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from storyline.records import (
    Article,
    DateValue,
    Event,
    Evidence,
    Fact,
    Party,
    Place,
    Quantity,
    Relation,
    Story,
)


@dataclass
class Corpus:
    articles: dict[str, Article]
    facts: list[Fact]
    events: list[Event]
    stories: list[Story]


def _article(article_id: str, outlet: str | None, published: str, title: str) -> Article:
    return Article(
        article_id=article_id,
        origin=f"/corpus/{article_id}.md",
        body="",
        paragraphs=[],
        title=title,
        published=published,
        outlet=outlet,
    )


class _Facts:
    def __init__(self) -> None:
        self.facts: list[Fact] = []

    def add(
        self,
        article_id: str,
        sentence: str,
        event_type: str = "Justice:Release-Parole",
        position: int = 0,
        count: tuple[str, int | None, int | None] | None = None,
        **fields,
    ) -> Fact:
        quantity = None
        if count is not None:
            text, low, high = count
            quantity = Quantity(text, low if low == high else None, low, high, "exact" if low == high else "range")
        if isinstance(fields.get("place"), str):
            fields["place"] = Place(fields["place"])
        fact = Fact(
            fact_id=f"f{len(self.facts)}",
            article_id=article_id,
            event_type=event_type,
            cameo={"Justice:Release-Parole": "0841", "Sanctions:Ease": "081", "Justice:Arrest-Jail": "173"}.get(event_type, "0"),
            plover="RETREAT",
            trigger=fields.pop("trigger", event_type),
            evidence=Evidence(article_id, sentence, position, position + len(sentence)),
            counts={"freed": quantity} if quantity else {},
            **fields,
        )
        self.facts.append(fact)
        return fact


@pytest.fixture
def corpus() -> Corpus:
    articles = {
        a.article_id: a
        for a in [
            _article("a1", "Harbour Post", "2031-02-06", "Varnia frees reporters"),
            _article("a2", "Tide Wire", "2031-02-07", "Reporters freed in Varnia"),
            _article("a3", "Harbour Post", "2031-05-21", "Second release in Varnia"),
            _article("a4", None, "2031-05-22", "Varnia frees more reporters"),
            _article("a5", "Tide Wire", "2031-07-01", "Varnia talks stall"),
            _article("b1", "Gull Daily", "2030-03-02", "Salt strike ends"),
        ]
    }
    day = DateValue("2031-02-06", "day", "on Thursday")
    f = _Facts()
    lift = f.add(
        "a1",
        "The League eased its embargo on tin exports in exchange.",
        "Sanctions:Ease",
        80,
        object="embargo on tin exports",
    )
    f.add(
        "a1",
        "Dozens of reporters were freed on Thursday.",
        count=("Dozens", 12, 99),
        date=day,
        actor=Party("Varnia", "gpe:varnia"),
        place="Port Sel",
        relations=[Relation("in_exchange_for", lift.fact_id, "in exchange")],
    )
    f.add(
        "a1", "Thirty-one reporters walked out of the jail.", position=40, count=("Thirty-one", 31, 31), actor=Party("Varnia")
    )
    f.add(
        "a2",
        "Varnia freed 31 reporters in the capital Port Sel.",
        count=("31", 31, 31),
        actor=Party("Varnia"),
        place="the capital Port Sel",
    )
    f.add("a3", "Varnia freed 240 reporters.", count=("240", 240, 240), actor=Party("Varnia"))
    f.add("a4", "Varnia freed 117 reporters.", count=("117", 117, 117), actor=Party("Varnia"))
    f.add("b1", "The strikers were released.", count=("40", 40, 40), actor=Party("Salt Union"))
    # How many are still held, stated by the rounds months apart.
    f.add("a2", "More than 500 reporters remain in jail.", "Justice:Arrest-Jail", 120, count=("More than 500", 501, None))
    f.add("a3", "Varnia still holds about 300 reporters.", "Justice:Arrest-Jail", 120, count=("about 300", 270, 330))
    # Background, stated again and again with differing precision.
    for article_id, iso, precision in (("a1", "2019", "year"), ("a2", "2019-08", "month"), ("a4", "2019", "year")):
        f.add(
            article_id,
            "Varnia held a disputed election.",
            "Personnel:Elect",
            300,
            actor=Party("Varnia", "gpe:varnia"),
            object="presidential election",
            background=True,
            date=DateValue(iso, precision, iso),
        )
    f.add(
        "a2",
        'The League shut its consulate, with "grey" flags, in April 2027.',
        "Diplomacy:Break-Relations",
        200,
        actor=Party("Coastal League"),
        object='consulate in Port Sel, "grey" flag',
        background=True,
        date=DateValue("2027-04", "month", "in April 2027"),
    )
    f.add(
        "a5",
        "Varnia held another election.",
        "Personnel:Elect",
        100,
        actor=Party("Varnia"),
        object="presidential election",
        background=True,
        date=DateValue("2024", "year", "in 2024"),
    )
    f.add("a5", "Unrest long preceded the vote.", "Conflict:Demonstrate", 150, background=True)  # undated: not on the timeline
    events = [
        Event("e3", "s1", ["a5"], "Justice:Release-Parole", None, "Varnia talks stall"),
        Event("e2", "s1", ["a3", "a4"], "Justice:Release-Parole", DateValue("2031-05", "month", "in May"), "Second round"),
        Event("e1", "s1", ["a1", "a2"], "Justice:Release-Parole", day, "First round"),
        Event("e9", "s2", ["b1"], "Justice:Release-Parole", DateValue("2030", "year", "in 2030"), "Salt strike"),
    ]
    stories = [Story("s1", ["e1", "e2", "e3"], "Varnia reporters"), Story("s2", ["e9"], "Salt strike")]
    return Corpus(articles, f.facts, events, stories)
