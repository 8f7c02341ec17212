"""An invented ledger stored through the store API (no spaCy): a market attack in the fictional town of
Vesk, reported by two outlets that disagree on the toll, one of them with a hostile outlet name."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.records import (
    Analysis,
    Article,
    DateValue,
    Entity,
    Event,
    Evidence,
    Fact,
    Participant,
    Party,
    Place,
    Quantity,
    Story,
)
from storyline.store import open_store

FORMULA = '=HYPERLINK("http://evil.example","x")'
HERALD_LEAD = "Gunmen killed 12 people and wounded more than 30 at the Tallow Street market in Vesk on Tuesday."
HERALD_VICTIM = "Among the dead was the grain trader Ilse Varro, her family said."
WIRE_LEAD = "Fourteen people died when gunmen of the Red Hand Front opened fire on the market in Vesk, police said."
TUESDAY = DateValue("2031-04-01", "day", "on Tuesday")
VESK = Place("the Tallow Street market in Vesk", "Vesk", "Ostmark", "Norland")


def _article(article_id: str, outlet: str, url: str | None, *sentences: str) -> Article:
    return Article(article_id, f"/corpus/{article_id}.txt", "\n\n".join(sentences), [], title="Market attack",
                   published="2031-04-02", url=url, outlet=outlet)


def _fact(fact_id: str, article: Article, sentence: str, **fields) -> Fact:
    start = article.body.index(sentence)
    return Fact(fact_id, article.article_id, "Conflict:Attack", "180", "ASSAULT", "killed",
                Evidence(article.article_id, sentence, start, start + len(sentence)), **fields)


@pytest.fixture
def ledger_db(tmp_path: Path) -> Path:
    herald = _article("a-herald", "Quay Herald", "https://quayherald.example/vesk", HERALD_LEAD, HERALD_VICTIM)
    wire = _article("a-wire", FORMULA, None, WIRE_LEAD)
    herald_facts = [
        _fact("f1", herald, HERALD_LEAD, actor=Party("gunmen"), place=VESK, date=TUESDAY,
              counts={"killed": Quantity("12", 12, 12, 12, "exact"),
                      "injured": Quantity("more than 30", 30, 31, None, "more_than")}),
        _fact("f2", herald, HERALD_VICTIM, participants=[Participant("killed", "Ilse Varro", "person:ilse-varro")]),
    ]
    wire_facts = [
        _fact("f3", wire, WIRE_LEAD, actor=Party("Red Hand Front", "org:red-hand-front"), place=Place("the market in Vesk", "Vesk"),
              counts={"killed": Quantity("Fourteen", 14, 14, 14, "exact")}),
    ]
    store = open_store(tmp_path / "ledger.db")
    with store.transaction():
        for article, facts in ((herald, herald_facts), (wire, wire_facts)):
            store.put_article(article, None)
            store.put_analysis(Analysis(article.article_id, [], [], []), facts)
        store.put_entities([Entity("org:red-hand-front", "Red Hand Front", "ORG"),
                            Entity("person:ilse-varro", "Ilse Varro", "PERSON")])
        event = Event("ev-vesk", "st-vesk", ["a-wire", "a-herald"], "Conflict:Attack", TUESDAY, "Market attack")
        store.replace_events([event], [Story("st-vesk", ["ev-vesk"], "Vesk")])
    store.close()
    return tmp_path / "ledger.db"
