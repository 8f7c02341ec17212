#!/usr/bin/env python3
"""Build a facts dev set with storyline end to end and write one line per event for score_facts.py.

    bench/facts.py DOCS.jsonl --out PRED.jsonl [--db LEDGER.db] [--workers N]
    python3 ../shared/bench/score_facts.py ../shared/bench/facts-gva-dev PRED.jsonl

DOCS.jsonl holds records {"id", "title", "published", "source", "text"} (as ../shared/bench/facts-*-dev/docs.jsonl).
The file is built as a user would build it (``storyline build DOCS.jsonl``: ingest, cleaning, copies folded,
nlp, facts, storyline's own event grouping, reconciliation) into a fresh ledger; then every event is written
with the ids of its documents (copies included), its main type, date, place and counts by role, in the format
of score_facts.py's docstring. Prints the build's figures (articles/s) and how many events were written.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.engine import Pipeline  # noqa: E402
from storyline.engine.ledger import Ledger  # noqa: E402
from storyline.engine.executors import LocalExecutor  # noqa: E402
from storyline.store import open_store  # noqa: E402


def record_ids(path: Path) -> dict[int, str]:
    """Line number (1-based, as ingest names records 'path#N') -> the record's id."""
    ids = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.strip():
            ids[number] = str(json.loads(line)["id"])
    return ids


def doc_id(origin: str, ids: dict[int, str]) -> str | None:
    _, _, number = origin.rpartition("#")
    return ids.get(int(number)) if number.isdigit() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("docs", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--db", type=Path, help="ledger to build (default: a fresh temporary one)")
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        db = options.db or Path(scratch) / "ledger.db"
        store = open_store(db)
        started = time.perf_counter()
        report = Pipeline(store, executor=LocalExecutor(workers=options.workers)).build([options.docs])
        seconds = time.perf_counter() - started
        print(f"built {report.files} documents in {seconds:.0f} s ({report.files / seconds:.1f} documents/s): "
              f"{report.articles} articles, {report.copies} copies, {report.facts} facts, {report.events} events, "
              f"{len(report.errors)} skipped", file=sys.stderr)
        ids = record_ids(options.docs)
        every = store.articles(canonical_only=False)
        docs_of: dict[str, list[str]] = {}
        for article in every:
            found = doc_id(article.origin, ids)
            if found:
                docs_of.setdefault(article.article_id, []).append(found)
        canonical_of = {a.article_id: a.article_id for a in store.articles()}
        for article in every:
            for copy in article.copies:
                canonical_of[copy] = article.article_id
        members: dict[str, list[str]] = {}
        for article_id, canonical in canonical_of.items():
            members.setdefault(canonical, []).append(article_id)

        lines = []
        for row in Ledger(store).event_facts():
            documents = [d for a in row.article_ids for m in members.get(a, [a]) for d in docs_of.get(m, [])]
            place = row.place
            lines.append(
                {
                    "event": row.event_id,
                    "articles": sorted(set(documents)),
                    "type": row.event_type,
                    "date": row.date.iso if row.date and row.date.precision != "unknown" else None,
                    "place": None if place is None else {"city": place.city, "region": place.region, "country": place.country},
                    "counts": {role: count.value if count.value is not None else count.low for role, count in row.counts.items()},
                }
            )
        store.close()
    options.out.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    print(f"wrote {len(lines)} events to {options.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
