#!/usr/bin/env python3
"""Stories over a mix of unrelated news built into one ledger, build after build.

    bench/stories.py [--bench ../shared/bench] [--seeds ../shared/seeds] [--topics 1,7,12,14] [--db PATH]

Builds, one after another into one fresh ledger (as a user adding to it would): the bundled sample story
(examples/story), the flood (examples/flood), the articles of a few ECB+ dev topics (each a JSONL file of
its records: id, title, published, source, text), then the seed articles. Gold story of an article: the
source it came from, and for ECB+ its topic (both seminal events of a topic count as one story: the figure
also printed with each seminal event as its own story, since the two are of other people and years).
Prints the stories B-cubed over the ledger's canonical articles, and how many events that stood before a
build were rewritten by it (other articles, another title or date) without any of that build's articles
joining them: a build must never do that.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.engine import LocalExecutor, Pipeline
from storyline.records import Event
from storyline.store import open_store

PROJECT = Path(__file__).resolve().parents[1]


def scorer(bench: Path):
    """``score`` of shared/bench/score_events.py (the scorer's own B-cubed)."""
    spec = importlib.util.spec_from_file_location("score_events", bench / "score_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def ecb_inputs(bench: Path, topics: list[str], folder: Path) -> dict[Path, list[dict]]:
    """One JSONL file per topic of unlabelled records (written to ``folder``), with its labelled records."""
    records = [json.loads(line) for line in (bench / "events-ecbplus-dev" / "docs.jsonl").read_text().splitlines()]
    files = {}
    for topic in topics:
        chosen = [r for r in records if str(r["topic"]) == topic]
        path = folder / f"ecb-topic-{topic}.jsonl"
        keys = ("id", "title", "published", "source", "text")
        path.write_text("".join(json.dumps({k: r[k] for k in keys}) + "\n" for r in chosen), encoding="utf-8")
        files[path] = chosen
    return files


def gold_stories(origin: str, build: str, ecb: dict[Path, list[dict]]) -> tuple[str, str]:
    """(story by topic, story by seminal event) of an article: its build, or its ECB+ record's labels
    (origin "path#N" is the N-th record of the file)."""
    path, _, number = origin.rpartition("#")
    records = ecb.get(Path(path))
    if records is None or not number.isdigit():
        return build, build
    record = records[int(number) - 1]
    return f"ecb-{record['topic']}", f"ecb-{record['event']}"


def snapshot(events: list[Event]) -> dict[str, tuple]:
    return {e.event_id: (tuple(e.article_ids), e.title, e.date, e.story_id) for e in events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=PROJECT.parent / "shared" / "bench")
    parser.add_argument("--seeds", type=Path, default=PROJECT.parent / "shared" / "seeds")
    parser.add_argument("--topics", default="1,7,12,14")
    parser.add_argument("--db", type=Path, help="the ledger to build (default: a temporary file)")
    args = parser.parse_args()
    score = scorer(args.bench)

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        db = args.db or folder / "stories.db"
        ecb = ecb_inputs(args.bench, args.topics.split(","), folder)
        builds = [
            ("sample", [PROJECT / "examples" / "story"]),
            ("flood", [PROJECT / "examples" / "flood"]),
            *((path.stem, [path]) for path in ecb),
            ("seeds", [args.seeds]),
        ]
        by_topic: dict[str, str] = {}  # ledger article id -> gold story
        by_event: dict[str, str] = {}
        rewritten = 0
        for name, paths in builds:
            store = open_store(db)
            before = snapshot(store.events())
            Pipeline(store, executor=LocalExecutor(workers=1)).build(paths)
            new = {a.article_id for a in store.articles()} - set(by_topic)
            for article in store.articles():
                if article.article_id in new:
                    by_topic[article.article_id], by_event[article.article_id] = gold_stories(
                        article.origin, name, ecb
                    )
            after = {e.event_id: e for e in store.events()}
            for event_id, stood in before.items():
                now = after.get(event_id)
                if now is not None and set(now.article_ids) & new:
                    continue  # the build's own articles joined it: its facts may change
                if now is None or snapshot([now])[event_id] != stood:
                    rewritten += 1
                    print(f"{name}: rewrote {event_id} ({stood[1]!r})", file=sys.stderr)
            events = store.events()
            store.close()

    predicted = {a: e.story_id for e in events for a in e.article_ids}
    for label, truth in (("gold story = source / ECB+ topic", by_topic), ("gold story = source / ECB+ event", by_event)):
        kept = {a: story for a, story in truth.items() if a in predicted}
        figures = score(kept, {a: predicted[a] for a in kept})
        print(
            f"{label}: stories B3 P/R/F1 {figures['bcubed_p']:.3f}/{figures['bcubed_r']:.3f}/"
            f"{figures['bcubed_f1']:.3f}, {figures['pred_clusters']} stories (gold {figures['gold_events']}),"
            f" {figures['articles']} articles"
        )
    print(f"settled events rewritten by a later build: {rewritten}")

if __name__ == "__main__":
    main()
