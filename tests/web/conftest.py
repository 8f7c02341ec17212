"""A small ledger stored by hand (no spaCy), invented for the web tests: a harbour attack whose toll rises
from report to report, told by outlets that disagree and by one whose title, body and url are attacks on a
browser; a second event whose id is the first's plus '+'; an unrelated story."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.records import (
    Analysis,
    Article,
    DateValue,
    Entity,
    Event,
    Evidence,
    Fact,
    Paragraph,
    Party,
    Place,
    Quantity,
    Story,
)
from storyline.store import open_store
from storyline.web import create_app

SCRIPT = "<script>document.title='pwned'</script>"
ONERROR = '<img src=x onerror="document.title=\'pwned\'">'
JS_URL = "javascript:alert(1)"

ATTACK = "ev-quay"
ARREST = "ev-quay+"  # the grouper appends '+' to an id already taken: the exact id must still open
SALT = "ev-salt"
VEL = "person:vel-orsk"


@dataclass
class Spec:
    article_id: str
    outlet: str
    published: str
    title: str
    sentences: list[str]
    url: str | None = None


def article_of(spec: Spec) -> Article:
    body = "\n\n".join(spec.sentences)
    paragraphs, at = [], 0
    for sentence in spec.sentences:
        paragraphs.append(Paragraph(sentence, at, at + len(sentence)))
        at += len(sentence) + 2
    return Article(spec.article_id, f"/corpus/{spec.article_id}.txt", body, paragraphs, title=spec.title,
                   published=spec.published, url=spec.url, outlet=spec.outlet)


def fact(article: Article, n: int, sentence: str, event_type: str = "Conflict:Attack", **fields) -> Fact:
    start = article.body.index(sentence)
    return Fact(f"{article.article_id}:{n}", article.article_id, event_type, "180", "ASSAULT",
                fields.pop("trigger", "killed"), Evidence(article.article_id, sentence, start, start + len(sentence)),
                **fields)


def killed(text: str, value: int) -> dict[str, Quantity]:
    return {"killed": Quantity(text, value, value, value, "exact")}


QUAY = Place("the harbour of Quay", "Quay", "Lowmark", "Norland")
DAY = DateValue("2031-04-01", "day", "on Tuesday")


def store_ledger(path: Path) -> Path:
    herald = article_of(Spec(
        "a1-herald", "Harbour Herald", "2031-04-02", f"Twelve dead in Quay {SCRIPT}",
        ["Gunmen killed 12 people in the harbour of Quay on Tuesday, police said.",
         f"Witnesses described the scene {ONERROR} as chaos.",
         "Vel Orsk won the 2019 election."],
        url=JS_URL,
    ))
    wire = article_of(Spec(
        "a2-wire", "Tide Wire", "2031-04-03", "Quay toll rises to 20",
        ["The toll of Tuesday's attack in Quay rose to 20 dead, the coastguard said."],
        url="https://tidewire.example/quay-20",
    ))
    copy = article_of(Spec(
        "a2-copy", "Tide Wire", "2031-04-03", "Quay toll rises to 20",
        ["The toll of Tuesday's attack in Quay rose to 20 dead, the coastguard said."],
        url="https://reposter.example/quay-20",
    ))
    wire.copies = [copy.article_id]
    gull = article_of(Spec(
        "a3-gull", "Gull Daily", "2031-04-05", "Quay toll reaches 31",
        ["Thirty-one people are now known to have died in the Quay attack."],
    ))
    arrest = article_of(Spec(
        "a4-herald", "Harbour Herald", "2031-04-06", "Vel Orsk arrests three",
        ["Interior minister Vel Orsk had police arrest three suspects in Quay."],
    ))
    salt = article_of(Spec(
        "a5-salt", "Gull Daily", "2030-03-02", "Salt strike ends",
        ["The salt strike ended in Brine after forty days."],
    ))
    facts = {
        herald.article_id: [
            fact(herald, 0, herald.paragraphs[0].text, counts=killed("12", 12), actor=Party("Gunmen"), place=QUAY,
                 date=DAY, attribution="police said"),
            fact(herald, 1, herald.paragraphs[2].text, "Personnel:Elect", trigger="won", actor=Party("Vel Orsk", VEL),
                 date=DateValue("2019", "year", "2019"), background=True),
        ],
        wire.article_id: [fact(wire, 0, wire.body, counts=killed("20", 20), place=QUAY, date=DAY,
                               attribution="the coastguard said")],
        gull.article_id: [fact(gull, 0, gull.body, counts=killed("Thirty-one", 31), place=QUAY)],
        arrest.article_id: [fact(arrest, 0, arrest.body, "Justice:Arrest-Jail", trigger="arrest",
                                 actor=Party("Vel Orsk", VEL), counts={"arrested": Quantity("three", 3, 3, 3, "exact")},
                                 place=QUAY)],
        salt.article_id: [fact(salt, 0, salt.body, "Conflict:Demonstrate", trigger="strike",
                               place=Place("Brine", "Brine", None, "Norland"))],
    }
    vel = Entity(VEL, "Vel Orsk", "PERSON", ["Vel Orsk", "Velo Orsk", f"Orsk {SCRIPT}"])
    store = open_store(path)
    with store.transaction():
        for article in (herald, wire, gull, arrest, salt):
            store.put_article(article, None)
            store.put_analysis(Analysis(article.article_id, [], [], []), facts[article.article_id])
        store.put_article(copy, wire.article_id)
        store.put_entities([vel])
        events = [
            Event(ATTACK, "st-quay", [herald.article_id, wire.article_id, gull.article_id], "Conflict:Attack", DAY,
                  f"Attack in Quay {SCRIPT}"),
            Event(ARREST, "st-quay", [arrest.article_id], "Justice:Arrest-Jail", DateValue("2031-04-06", "day"),
                  "Arrests"),
            Event(SALT, "st-salt", [salt.article_id], "Conflict:Demonstrate", DateValue("2030-03", "month"),
                  "Salt strike"),
        ]
        store.replace_events(events, [Story("st-quay", [ATTACK, ARREST], f"Quay attack {ONERROR}"),
                                      Story("st-salt", [SALT], "Salt strike")])
    store.close()
    return path


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory) -> Path:
    return store_ledger(tmp_path_factory.mktemp("web") / "ledger.db")


@pytest.fixture(scope="module")
def client(ledger_path: Path) -> TestClient:
    return TestClient(create_app(ledger_path))


@contextmanager
def live_server(app) -> Iterator[str]:
    """``app`` served by uvicorn on a free local port in a thread, for browser tests; its base url."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
