"""Page and API latency of `storyline serve` over a 10,000-event ledger: p50/p95 per page and endpoint.

The ledger is synthesised through the store API (no spaCy: building 30,000 articles through the pipeline
would take an hour), with invented stories of prisoner releases whose counts differ between outlets and
rise over time, so every event reconciles for real; then, as a build does, the event and story summaries
are computed and stored (``storyline.engine.summaries``; its time is printed). Requests go through
FastAPI's TestClient (the app in-process, no network). The first request loads the ledger index; then:
- the first entity filter (the entity -> event index's first use) and the first open of a story;
- "cold" event and story requests each open one never opened before;
- "warm" requests open ones already opened (the reader's per-version cache).

    python bench/web_latency.py [--events 10000] [--requests 200] [--db /tmp/web_bench.db]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.engine.summaries import summarise
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

OUTLETS = ["Harbour Herald", "Tide Wire", "Gull Daily", "Quay Courier", "Northern Ledger", "Meridian Post"]
FILLER = ("Officials gave no further details on the negotiations, which have lasted several months. " * 12).strip()


def synthesise(path: Path, n_events: int, per_story: int = 50, per_event: int = 3) -> None:
    """Store n_events events of per_event articles each, three facts an article, per_story events a story."""
    rng = random.Random(13)
    store = open_store(path)
    entities = [Entity(f"person:official-{i}", f"Official {i}", "PERSON", [f"Official {i}", f"Offical {i}"])
                for i in range(200)]
    events, stories = [], []
    with store.transaction():
        store.put_entities(entities)
        for e in range(n_events):
            story_id = f"st-{e // per_story:05d}"
            day = DateValue(f"{2020 + e % 10}-{1 + e % 12:02d}-{1 + e % 28:02d}", "day", "on Monday")
            freed = 10 + e % 90
            article_ids = []
            for a in range(per_event):
                article_id = f"art-{e:05d}-{a}"
                lead = f"Country {e % 37} freed {freed + a * (e % 3)} prisoners on Monday, officials said."
                second = f"Official {e % 200} said about {freed * 10} people remain held."
                body = "\n\n".join([lead, second, FILLER])
                published = (day.first_day().toordinal() + a * 30)  # type: ignore[union-attr]
                article = Article(
                    article_id, f"/bench/{article_id}.txt", body,
                    [Paragraph(lead, 0, len(lead))], title=f"Country {e % 37} frees prisoners ({e})",
                    published=_iso(published), url=f"https://example.org/{article_id}",
                    outlet=OUTLETS[(e + a) % len(OUTLETS)],
                )
                store.put_article(article, None)
                second_at = body.index(second)
                facts = [
                    Fact(f"{article_id}:0", article_id, "Justice:Release-Parole", "0841", "RETREAT", "freed",
                         Evidence(article_id, lead, 0, len(lead)), actor=Party(f"Country {e % 37}"),
                         counts={"freed": Quantity(str(freed), freed, freed, freed, "exact")}, date=day,
                         place=Place(f"Country {e % 37}", None, None, f"Country {e % 37}"), attribution="officials said"),
                    Fact(f"{article_id}:1", article_id, "Justice:Arrest-Jail", "173", "ARREST", "held",
                         Evidence(article_id, second, second_at, second_at + len(second)),
                         actor=Party(f"Official {e % 200}", f"person:official-{e % 200}"),
                         counts={"held": Quantity(f"about {freed * 10 + a * 5}", None, freed * 9, freed * 11, "about")}),
                    Fact(f"{article_id}:2", article_id, "Personnel:Elect", "0", "OTHER", "elected",
                         Evidence(article_id, lead, 0, len(lead)), date=DateValue(str(2000 + e % 15), "year", "in"),
                         background=True),
                ]
                store.put_analysis(Analysis(article_id, [], [], []), facts)
                article_ids.append(article_id)
            events.append(Event(f"ev-{e:05d}" + ("+" if rng.random() < 0.01 else ""), story_id, article_ids,
                                "Justice:Release-Parole", day, f"Release {e}"))
        for s in range(0, n_events, per_story):
            members = [ev.event_id for ev in events[s:s + per_story]]
            stories.append(Story(events[s].story_id, members, f"Story {s // per_story}"))
        store.replace_events(events, stories)
    start = time.perf_counter()
    with store.transaction():
        summarised, stories_summarised = summarise(store)
    print(f"summaries of {summarised:,} events and {stories_summarised:,} stories: {time.perf_counter() - start:.1f} s")
    store.close()


def _iso(ordinal: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(ordinal).isoformat()


def timed(client: TestClient, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.text[:200])
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--db", type=Path, default=Path("/tmp/storyline_web_bench.db"))
    args = parser.parse_args()
    if not args.db.exists():
        start = time.perf_counter()
        synthesise(args.db, args.events)
        print(f"synthesised {args.events:,} events in {time.perf_counter() - start:.1f} s -> {args.db}")
    start = time.perf_counter()
    client = TestClient(create_app(args.db))
    client.get("/api/events?limit=1")
    print(f"app start and ledger index: {time.perf_counter() - start:.2f} s")
    firsts = {
        "first entity filter (entity index)": "/api/events?entity=person:official-7",
        "first story page": "/stories/st-00099",
        "first GET /api/entities": "/api/entities?limit=1",
    }
    for name, url in firsts.items():
        (took,) = timed(client, [url])
        print(f"{name}: {took:.0f} ms")

    rng = random.Random(7)
    event_ids = [e["event_id"] for e in client.get("/api/events?limit=500").json()["items"]]
    event_ids += [e["event_id"] for e in client.get("/api/events?limit=500&offset=5000").json()["items"]]
    stories = [s["url"] for s in client.get("/api/stories").json()]
    n = args.requests
    cold = rng.sample(event_ids, min(n * 2, len(event_ids)))
    cold_api, cold_page = cold[: len(cold) // 2], cold[len(cold) // 2:]
    plan = {
        "GET /api/stories": ["/api/stories"] * n,
        "GET /api/events (page of 50)": [f"/api/events?offset={rng.randrange(0, 9950)}" for _ in range(n)],
        "GET /api/events?q=&from=&to=": [f"/api/events?q=country+{rng.randrange(37)}&from=2023&to=2025-06"
                                         for _ in range(n)],
        "GET /api/events?entity=": [f"/api/events?entity=person:official-{rng.randrange(200)}" for _ in range(n)],
        "GET /api/events/{id} cold": [f"/api/events/{quote(e)}" for e in cold_api],
        "GET /api/events/{id} warm": [f"/api/events/{quote(rng.choice(cold_api))}" for _ in range(n)],
        "GET /events/{id} page cold": [f"/events/{quote(e)}" for e in cold_page],
        "GET /events/{id} page warm": [f"/events/{quote(rng.choice(cold_page))}" for _ in range(n)],
        "GET /api/articles/{id}": [f"/api/articles/art-{rng.randrange(args.events):05d}-0" for _ in range(n)],
        "GET /articles/{id} page": [f"/articles/art-{rng.randrange(args.events):05d}-1" for _ in range(n)],
        "GET /stories/{id} page cold (50 events)": stories[: min(n, 40)],
        "GET /stories/{id} page warm": [rng.choice(stories[: min(n, 40)]) for _ in range(n)],
        "GET /api/sources (page of 100)": [f"/api/sources?offset={rng.randrange(0, 29900)}" for _ in range(n)],
        "GET /api/entities": [f"/api/entities?offset={rng.randrange(0, 150)}&limit=50" for _ in range(n)],
        "GET /entities/{id} page": [f"/entities/person%3Aofficial-{rng.randrange(200)}" for _ in range(n)],
    }
    print(f"{'endpoint':42} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, urls in plan.items():
        times = sorted(timed(client, urls))
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(f"{name:42} {len(times):4} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}")


def quote(event_id: str) -> str:
    from urllib.parse import quote as url_quote

    return url_quote(event_id, safe="")


if __name__ == "__main__":
    main()
