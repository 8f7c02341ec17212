#!/usr/bin/env python3
"""Time to add one article to a ledger that already holds 100,000 (target: under 20 ms).

    bench/event_latency.py [--ledger 100000] [--adds 300] [--seed 7]

Builds a synthetic ledger: articles of ~100 distinct content words drawn from a Zipf-like vocabulary of the
50,000 most frequent English words, a few entities from 20,000, publication dates over three years, grouped
into events of 1-4 articles that share most of their words. The ledger is loaded with ``restore`` (as a build
that reopens a stored ledger does), then ``add`` is timed for new articles, half of them reports of existing
events and half new happenings. Prints the median and 95th percentile of the wall time and of the CPU time (on
a machine shared with other work, the CPU time is the figure that says what the grouper costs).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import wordfreq

from storyline.events import EventFeatures, EventGrouper
from storyline.events.grouper import event_id_for, story_id_for
from storyline.settings import EventsSettings

# Real English words in frequency order, so that each article's meaning view (word vectors) is computed as
# on news.
VOCABULARY = [word for word in wordfreq.top_n_list("en", 60_000) if word.isalpha()][:50_000]
ENTITIES = [f"entity{n}" for n in range(20_000)]
# Zipf: a few words are everywhere. Cumulative, so that each draw does not re-add 50,000 weights.
CUMULATIVE = list(accumulate(1.0 / (rank + 1) for rank in range(len(VOCABULARY))))
FIRST_DAY = date(2023, 1, 1)


def happening(rng: random.Random) -> tuple[list[str], list[str], date]:
    """The words, entities and day that the reports of one synthetic event share."""
    words = list(dict.fromkeys(rng.choices(VOCABULARY, cum_weights=CUMULATIVE, k=140)))[:100]
    return words, rng.sample(ENTITIES, 4), FIRST_DAY + timedelta(days=rng.randrange(3 * 365))


def report(rng: random.Random, article_id: str, event: tuple[list[str], list[str], date]) -> EventFeatures:
    """One outlet's article on a happening: most of its words, some of its own, a day or two later."""
    words, entities, day = event
    own = rng.choices(VOCABULARY, cum_weights=CUMULATIVE, k=30)
    terms = {word: rng.randint(1, 3) for word in rng.sample(words, 75) + own}
    published = (day + timedelta(days=rng.randrange(3))).isoformat()
    return EventFeatures(
        article_id=article_id,
        title=None,
        published=published,
        outlet=f"outlet{rng.randrange(300)}",
        terms=terms,
        entities={entity: rng.randint(1, 4) for entity in entities},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ledger", type=int, default=100_000)
    parser.add_argument("--adds", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    grouper = EventGrouper(EventsSettings())

    started = time.perf_counter()
    events, loaded = [], 0
    while loaded < args.ledger:
        event = happening(rng)
        events.append(event)
        event_id = event_id_for(f"a{loaded:08d}")
        for _ in range(min(rng.randint(1, 4), args.ledger - loaded)):
            grouper.restore(report(rng, f"a{loaded:08d}", event), event_id, story_id_for(event_id))
            loaded += 1
    print(f"ledger: {loaded} articles in {len(events)} events, loaded in {time.perf_counter() - started:.1f} s")

    timings, cpu = [], []
    for n in range(args.adds):
        event = rng.choice(events) if n % 2 == 0 else happening(rng)
        features = report(rng, f"new{n:06d}", event)
        started, cpu_started = time.perf_counter(), time.process_time()
        grouper.add(features)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    for name, values in (("add one article", timings), ("CPU time of one add", cpu)):
        values.sort()
        p95 = values[int(0.95 * (len(values) - 1))]
        print(f"{name}: median {statistics.median(values):.2f} ms, p95 {p95:.2f} ms over {len(values)} adds")


if __name__ == "__main__":
    main()
