"""An invented ledger stored through the store API (no spaCy, fast): a ferry fire at the fictional port of
Halden, two outlets disagreeing on the dead; a rescue the grouper wrongly put in the fire's event; and the
same rescue reported alone in another event."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.records import (
    Analysis,
    Article,
    DateValue,
    Event,
    Evidence,
    Fact,
    Party,
    Place,
    Quantity,
    Story,
)
from storyline.store import SqliteStore, open_store

FIRE_ONE = "Nine people died when fire swept the ferry Morwen at Halden harbour on Sunday, the coastguard said."
FIRE_TWO = "Eleven passengers were killed in the blaze aboard the Morwen in Halden, port officials said."
RESCUE_ONE = "Divers pulled four crew from the capsized trawler Ebb off Halden on Monday."
RESCUE_TWO = "Four fishermen were rescued from the trawler Ebb near Halden, the harbour master said."
SUNDAY = DateValue("2033-09-04", "day", "on Sunday")
HALDEN = Place("Halden harbour", "Halden", "Westmark", "Norland")


def article(article_id: str, outlet: str, text: str, published: str = "2033-09-05") -> Article:
    return Article(article_id, f"/inbox/{article_id}.txt", text, [], title=text[:40], published=published,
                   url=f"https://{outlet.lower().replace(' ', '')}.example/{article_id}", outlet=outlet)


def fact(fact_id: str, source: Article, event_type: str, **fields) -> Fact:
    return Fact(fact_id, source.article_id, event_type, "", "", "died",
                Evidence(source.article_id, source.body, 0, len(source.body)), **fields)


FIRE_A = article("fire-herald-0001", "Halden Herald", FIRE_ONE)
FIRE_B = article("fire-wire-000002", "Coast Wire", FIRE_TWO)
RESCUE_A = article("rescue-post-0003", "Norland Post", RESCUE_ONE, "2033-09-06")
RESCUE_B = article("rescue-fm-00004", "Halden FM", RESCUE_TWO, "2033-09-06")

FACTS = [
    (FIRE_A, [fact("f1", FIRE_A, "Disaster:Accident", place=HALDEN, date=SUNDAY,
                  counts={"killed": Quantity("Nine", 9, 9, 9, "exact")})]),
    (FIRE_B, [fact("f2", FIRE_B, "Disaster:Accident", place=HALDEN, date=SUNDAY, actor=Party("the blaze"),
                  counts={"killed": Quantity("Eleven", 11, 11, 11, "exact")})]),
    (RESCUE_A, [fact("f3", RESCUE_A, "Disaster:Accident", place=HALDEN, date=DateValue("2033-09-05", "day"),
                    counts={"injured": Quantity("four", 4, 4, 4, "exact")})]),
    (RESCUE_B, [fact("f4", RESCUE_B, "Disaster:Accident", place=HALDEN, date=DateValue("2033-09-05", "day"),
                    counts={"injured": Quantity("Four", 4, 4, 4, "exact")})]),
]


def as_built(fire_id: str = "ev-fire", rescue_id: str = "ev-rescue") -> tuple[list[Event], list[Story]]:
    """What the grouper stored: the fire event holding one rescue report by mistake."""
    fire = Event(fire_id, "st-halden", [FIRE_A.article_id, FIRE_B.article_id, RESCUE_A.article_id],
                 "Disaster:Accident", SUNDAY, "Ferry fire")
    rescue = Event(rescue_id, "st-halden", [RESCUE_B.article_id], "Disaster:Accident",
                   DateValue("2033-09-05", "day"), "Trawler rescue")
    return [fire, rescue], [Story("st-halden", [fire_id, rescue_id], "Halden")]


def rebuild(store: SqliteStore, events: list[Event], stories: list[Story]) -> None:
    """A build's last step: the events and stories table rewritten."""
    with store.transaction():
        store.replace_events(events, stories)


def write_ledger(path: Path) -> Path:
    """The invented ferry-fire ledger, stored as a build would store it."""
    store = open_store(path)
    with store.transaction():
        for source, facts in FACTS:
            store.put_article(source, None)
            store.put_analysis(Analysis(source.article_id, [], [], []), facts)
    rebuild(store, *as_built())
    store.close()
    return path


@pytest.fixture
def ledger_db(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "ledger.db")


@pytest.fixture
def store(ledger_db: Path):
    opened = open_store(ledger_db)
    yield opened
    opened.close()
