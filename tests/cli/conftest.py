"""A ledger stored by hand (no spaCy) whose every text field is an attack on some reader: spreadsheet
formulas, Rich markup, terminal escape sequences, HTML and Markdown links. Invented for these tests."""

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
    IngestError,
    Mention,
    Party,
    Place,
    Quantity,
    Story,
)
from storyline.store import open_store

FORMULA = '=HYPERLINK("http://evil.example","x")'
TAB_FORMULA = "\t=1+1"
RICH_LINK = "[link=http://evil.example]Quay Herald[/link]"
OSC8_LINK = "\x1b]8;;http://evil.example\x1b\\Tide Wire\x1b]8;;\x1b\\"
CLEAR_SCREEN = "\x1b[2J\x1b[H"
SCRIPT = "<script>alert(1)</script>"
JS_LINK = "[details](javascript:alert(1))"
IMAGE = "![pixel](http://evil.example/p.png)"
RAW_HTML = '<img src=x onerror="alert(1)">'
STORED_ERROR = "corrupt WARC record [/x] at offset 4096 [bold]\x1b]0;pwned\x07"

HERALD_LEAD = f"Gunmen killed 12 people at the market in Vesk on Tuesday {SCRIPT} {JS_LINK}."
WIRE_LEAD = f"Fourteen people died in Vesk, police said {IMAGE}\rOVERWRITTEN\b\b."
TUESDAY = DateValue("2031-04-01", "day", "on Tuesday")


def _article(article_id: str, outlet: str, title: str, lead: str) -> Article:
    return Article(article_id, f"/corpus/{article_id}{CLEAR_SCREEN}.txt", lead, [], title=title,
                   published="2031-04-02", outlet=outlet)


def _fact(fact_id: str, article: Article, killed: Quantity, actor: str) -> Fact:
    return Fact(fact_id, article.article_id, "Conflict:Attack", "180", "ASSAULT", "killed",
                Evidence(article.article_id, article.body, 0, len(article.body)), actor=Party(actor),
                place=Place(f"Vesk {RAW_HTML}", "Vesk", None, "Norland"), date=TUESDAY, counts={"killed": killed})


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    herald = _article("a-herald", f"{RICH_LINK} {CLEAR_SCREEN}", TAB_FORMULA, HERALD_LEAD)
    wire = _article("a-wire", FORMULA, f"[bold]Market[/bold] {IMAGE} {OSC8_LINK}", WIRE_LEAD)
    gunman = Entity("person:x", "@SUM(1+1)", "PERSON", ["@SUM(1+1)", f"-2+3 {OSC8_LINK}"])
    store = open_store(tmp_path / "ledger.db")
    with store.transaction():
        for article, killed, actor in ((herald, Quantity("12", 12, 12, 12, "exact"), f"gunmen {RAW_HTML}"),
                                       (wire, Quantity("Fourteen", 14, 14, 14, "exact"), "[/x] gunmen")):
            store.put_article(article, None)
            mention = Mention("@SUM(1+1)", "PERSON", 0, 6, 0, gunman.entity_id)
            store.put_analysis(Analysis(article.article_id, [], [mention], [gunman]), [
                _fact(f"f-{article.article_id}", article, killed, actor)])
        store.put_entities([gunman])
        event = Event("ev-vesk", "st-vesk", ["a-wire", "a-herald"], "Conflict:Attack", TUESDAY, f"Attack {SCRIPT}")
        store.replace_events([event], [Story("st-vesk", ["ev-vesk"], f"Vesk {JS_LINK} [/x]")])
        store.put_error(IngestError(f"/corpus/broken{CLEAR_SCREEN}.warc", STORED_ERROR))
    store.close()
    return tmp_path / "ledger.db"
