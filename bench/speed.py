#!/usr/bin/env python3
"""Build speed: a synthetic corpus made by varying the sample story, built from nothing.

    python bench/speed.py [--articles 2000] [--source examples/story] [--keep DIR]

Each synthetic article is one of the sample files (any format) with its numbers, names and paragraph
order varied, so that the corpus holds many distinct articles of several formats with some copies among
them. Prints articles/s for the whole build and for each stage (articles over the seconds that stage
took), and peak memory: the build process, its largest worker, and their upper-bound sum. Target (issue 2): >= 20 articles/s, peak < 2 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline.engine import STAGES, Pipeline  # noqa: E402
from storyline.store import open_store  # noqa: E402

SYLLABLES = ["ka", "ro", "vel", "mar", "ti", "sen", "do", "lu", "bra", "nik", "os", "ter", "vi", "an", "gor"]
_NUMBER = re.compile(r"(?<![\w/.-])\d{1,3}(?![\w/.-])")
_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}")


def invented_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def vary(text: str, rng: random.Random) -> str:
    """The same kind of article about other people and other numbers."""
    names: dict[str, str] = {}

    def rename(match: re.Match) -> str:
        word = match.group(0)
        if rng.random() < 0.5:
            names.setdefault(word, invented_name(rng))
            return names[word]
        return word

    text = _NUMBER.sub(lambda m: str(rng.randint(2, 400)), text)
    text = _NAME.sub(rename, text)
    blocks = text.split("\n\n")
    if len(blocks) > 4:
        middle = blocks[2:-1]
        rng.shuffle(middle)
        blocks = blocks[:2] + middle + blocks[-1:]
    return "\n\n".join(blocks)


def make_corpus(source: Path, count: int, folder: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    samples = sorted(p for p in source.iterdir() if p.is_file())
    for i in range(count):
        sample = samples[i % len(samples)]
        (folder / f"{i:05d}_{sample.name}").write_text(vary(sample.read_text(encoding="utf-8"), rng), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--source", type=Path, default=ROOT / "examples" / "story")
    parser.add_argument("--keep", type=Path, help="write the corpus and the ledger here instead of a temp dir")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        make_corpus(args.source, args.articles, corpus)
        store = open_store(work / "speed.db")
        started = time.perf_counter()
        report = Pipeline(store).build([corpus])
        elapsed = time.perf_counter() - started
        store.close()
    driver_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest worker
    print(f"inputs={report.files} articles={report.articles} copies={report.copies} facts={report.facts} "
          f"events={report.events} skipped={len(report.errors)}")
    for stage in STAGES:
        seconds = report.seconds.get(stage, 0.0)
        rate = report.files / seconds if seconds else float("inf")
        print(f"stage {stage:<10} {seconds:8.2f} s  {rate:10.1f} articles/s")
    workers = os.cpu_count() or 1
    print(f"peak_rss_mb driver={driver_mb:.0f} largest_worker={worker_mb:.0f} "
          f"upper_bound_total={driver_mb + workers * worker_mb:.0f}")
    print(f"articles_per_s={report.files / elapsed:.1f}")


if __name__ == "__main__":
    main()
