"""The HTTP API over a hand-stored ledger: lists, filters, pages, one event in full, ids, malformed input."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from storyline.engine.ledger import Ledger
from storyline.export import CLAIM_COLUMNS, EVENT_COLUMNS
from storyline.records import DateValue, Event, Story
from storyline.store import open_store
from storyline.web import create_app
from tests.web.conftest import ARREST, ATTACK, JS_URL, SALT, VEL, Spec, article_of, store_ledger


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["event_id"] for item in response.json()["items"]]


def test_stories_list_every_story_with_its_dates(client: TestClient):
    stories = {s["story_id"]: s for s in client.get("/api/stories").json()}
    assert stories["st-quay"]["n_events"] == 2
    assert (stories["st-quay"]["first_date"], stories["st-quay"]["last_date"]) == ("2031-04-01", "2031-04-06")
    assert stories["st-salt"]["url"] == "/stories/st-salt"


def test_events_are_listed_in_date_order_and_paged(client: TestClient):
    page = client.get("/api/events").json()
    assert page["total"] == 3
    assert [e["event_id"] for e in page["items"]] == [SALT, ATTACK, ARREST]
    assert page["items"][0]["date"] == {"iso": "2030-03", "precision": "month", "text": ""}
    second = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert (second["total"], second["limit"], second["offset"]) == (3, 1, 1)
    assert [e["event_id"] for e in second["items"]] == [ATTACK]
    assert client.get("/api/events", params={"offset": 99}).json()["items"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "Justice"}, [ARREST]),
        ({"type": "conflict:attack"}, [ATTACK]),
        ({"outlet": "gull daily"}, [SALT, ATTACK]),
        ({"entity": VEL}, [ARREST]),  # the 2019 election is background: not a role in an event
        ({"q": "toll 31"}, [ATTACK]),
        ({"from": "2031", "to": "2031-04-03"}, [ATTACK]),
        ({"from": "2031-04-02"}, [ARREST]),
        ({"to": "2030"}, [SALT]),
        ({"story": "st-quay", "type": "Conflict"}, [ATTACK]),
        ({"entity": "person:nobody"}, []),
    ],
)
def test_events_filter(client: TestClient, params: dict, expected: list[str]):
    assert ids(client.get("/api/events", params=params)) == expected


def test_an_exact_id_wins_over_a_prefix_and_ids_travel_quoted(client: TestClient):
    assert client.get(f"/api/events/{quote(ATTACK, safe='')}").json()["event_id"] == ATTACK
    assert client.get(f"/api/events/{quote(ARREST, safe='')}").json()["event_id"] == ARREST
    assert client.get("/api/events/ev-sa").json()["event_id"] == SALT  # a unique prefix still opens
    ambiguous = client.get("/api/events/ev-q")
    assert ambiguous.status_code == 404 and "2 events" in ambiguous.json()["error"]
    listed = {e["event_id"]: e["url"] for e in client.get("/api/events").json()["items"]}
    assert listed[ARREST] == "/events/ev-quay%2B"


def test_the_ledger_opens_an_exact_id_that_is_also_a_prefix(ledger_path):
    store = open_store(ledger_path, read_only=True)
    try:
        assert Ledger(store).find_event(ATTACK).event_id == ATTACK
        assert Ledger(store).event(ATTACK)["event_id"] == ATTACK
    finally:
        store.close()


def test_one_event_has_typed_values_and_every_claim_with_its_sentence(client: TestClient):
    event = client.get(f"/api/events/{ATTACK}").json()
    assert event["date"] == {"iso": "2031-04-01", "precision": "day", "text": "on Tuesday"}
    assert event["place"] == {"text": "the harbour of Quay", "city": "Quay", "region": "Lowmark", "country": "Norland"}
    assert event["counts"]["killed"]["value"] == 31  # the toll's latest figure, a number
    assert event["row"]["killed"] == 31 and event["row"]["n_sources"] == 3 and event["row"]["city"] == "Quay"
    toll = next(a for a in event["attributes"] if a["attribute"] == "count.killed")
    assert toll["status"] == "change_over_time"
    assert sorted(v["low"] for v in toll["values"]) == [12, 20, 31]
    claims = [c for c in event["claims"] if c["attribute"] == "count.killed"]
    assert {(c["outlet"], c["value"], c["attribution"]) for c in claims} == {
        ("Harbour Herald", "12", "police said"), ("Tide Wire", "20", "the coastguard said"),
        ("Gull Daily", "Thirty-one", None)}
    for claim in claims:  # the span points at the sentence in the article's cleaned text
        body = client.get(f"/api/articles/{claim['article_id']}").json()["body"]
        assert body[claim["start"]:claim["end"]] == claim["sentence"]
        assert claim["sentence_url"] == f"/articles/{claim['article_id']}#s-{claim['start']}"
    wire = next(c for c in claims if c["outlet"] == "Tide Wire")
    assert wire["url"] == "https://tidewire.example/quay-20" and wire["published"] == "2031-04-03"
    assert {s["outlet"] for s in event["sources"]} == {"Harbour Herald", "Tide Wire", "Gull Daily"}


def test_event_and_claim_schemas_are_the_export_columns(client: TestClient):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert list(schemas["EventRow"]["properties"]) == [c.name for c in EVENT_COLUMNS]
    assert [c.name for c in CLAIM_COLUMNS] == list(schemas["ClaimOut"]["properties"])[: len(CLAIM_COLUMNS)]
    assert "/api/events/{event_id}" in client.get("/openapi.json").json()["paths"]


def test_an_article_has_its_text_spans_and_copies(client: TestClient):
    wire = client.get("/api/articles/a2-wire").json()
    assert wire["copies"] == [{"article_id": "a2-copy", "origin": "/corpus/a2-copy.txt", "outlet": "Tide Wire",
                               "url": "https://reposter.example/quay-20"}]
    assert wire["event_id"] == ATTACK and wire["spans"][0]["start"] == 0
    copy = client.get("/api/articles/a2-copy").json()
    assert copy["copy_of"] == "a2-wire" and copy["spans"] == [] and copy["event_id"] == ATTACK
    herald = client.get("/api/articles/a1-herald").json()
    assert herald["url"] == JS_URL  # data stays as stored in the API; pages never make it a link
    assert client.get("/api/articles/nope").status_code == 404


def test_sources_and_entities(client: TestClient):
    sources = client.get("/api/sources").json()
    assert sources["total"] == 5  # the copy is folded
    wire = next(s for s in sources["items"] if s["article_id"] == "a2-wire")
    assert wire["copies"] == ["/corpus/a2-copy.txt"] and wire["event_id"] == ATTACK
    assert client.get("/api/sources", params={"outlet": "Gull Daily", "limit": 1}).json()["total"] == 2
    entities = client.get("/api/entities", params={"q": "velo"}).json()
    assert entities["total"] == 1 and "Velo Orsk" in entities["items"][0]["spellings"]
    vel = client.get(f"/api/entities/{quote(VEL, safe='')}").json()
    assert [(e["event_id"], e["roles"]) for e in vel["events"]] == [(ARREST, ["actor"])]


MALFORMED = [
    "/api/events?limit=abc",
    "/api/events?limit=0",
    "/api/events?limit=100000",
    "/api/events?limit=-1",
    "/api/events?offset=-5",
    "/api/events?offset=1e3",
    "/api/events?from=yesterday",
    "/api/events?from=2031-02-30",
    "/api/events?to=2031-13",
    "/api/events?from=2031-05&to=2031-04",
    "/api/events?from=2031-04-01T00:00",
    "/api/events?q=" + "x" * 500,
    "/api/events?q=%00",
    "/api/events?type=%1b%5b2J",
    "/api/sources?limit=1.5",
    "/api/entities?offset=%F0%9F%92%A5",
    "/stories/st-quay?from=%27%3Bdrop",
    "/stories/st-quay?background=maybe",
]


@pytest.mark.parametrize("url", MALFORMED)
def test_malformed_query_parameters_get_a_clear_4xx(client: TestClient, url: str):
    response = client.get(url)
    assert 400 <= response.status_code < 500, response.text
    message = response.json()["error"]
    assert "parameter" in message and "'" in message  # names the parameter


def test_unknown_things_are_404_with_a_message(client: TestClient):
    for url in ("/api/events/ev-none", "/api/entities/nobody", "/stories/none", "/events/ev-none", "/nowhere"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["error"]


def test_a_rebuild_is_seen_without_restarting(tmp_path):
    path = store_ledger(tmp_path / "ledger.db")
    client = TestClient(create_app(path))
    assert client.get("/api/events").json()["total"] == 3
    store = open_store(path)
    with store.transaction():
        store.put_article(article_of(Spec("a6-new", "Gull Daily", "2031-06-02", "New", ["Brine flooded."])), None)
        events = store.events() + [Event("ev-new", "st-new", ["a6-new"], None, DateValue("2031-06", "month"), "New")]
        store.replace_events(events, store.stories() + [Story("st-new", ["ev-new"], "New")])
    store.close()
    assert client.get("/api/events").json()["total"] == 4
    assert client.get("/api/events/ev-new").json()["event_id"] == "ev-new"
