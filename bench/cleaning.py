"""Run storyline's cleaner over a cleaning set and write predictions for the scorer.

    python bench/cleaning.py SET_DIR --input text|html --out PREDICTIONS.jsonl [--workers 2]

Reads only SET_DIR/pages/ (ID.txt for text, ID.html.gz for html), never the gold file, decodes each as
storyline's ingest does (mojibake repaired), cleans every page and prints pages per second (wall clock from
the first page to the last, worker start-up included; reading the files and loading the models are not) and
CPU milliseconds per page (this process and its workers: steadier than wall time when other work shares the
machine). With --workers N the pages are cut into N contiguous runs, each cleaned by its own Cleaner in a
forked process (site boilerplate is then learned within each run only); --workers 1 cleans them all with
one Cleaner in this process. With --engine trafilatura the HTML pages go through trafilatura alone instead
(``bare_extraction`` with its metadata, as its users run it), timed the same way: the reference
storyline's HTML speed is held to.
Score with: score_cleaning.py SET_DIR PREDICTIONS.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import multiprocessing
import resource
import time
from pathlib import Path

import trafilatura

from storyline.clean import Cleaner
from storyline.ingest.decoding import decode_bytes
from storyline.ingest.errors import Unreadable
from storyline.records import RawDocument
from storyline.settings import CleanSettings


def _decoded(raw: bytes) -> str:
    """The page's text as storyline's ingest decodes a file (charset, then mojibake repair)."""
    try:
        return decode_bytes(raw)
    except Unreadable:
        return raw.decode("utf-8", errors="replace")


def read_pages(pages_dir: Path, kind: str) -> list[RawDocument]:
    suffix = ".txt" if kind == "text" else ".html.gz"
    docs = []
    for path in sorted(pages_dir.glob(f"*{suffix}")):
        raw = path.read_bytes()
        if kind == "html":
            raw = gzip.decompress(raw)
        docs.append(
            RawDocument(
                content_hash=hashlib.sha256(raw).hexdigest(),
                origin=path.name.removesuffix(suffix),
                media_type=kind,
                content=_decoded(raw),
            )
        )
    return docs


_PAGES: list[RawDocument] = []  # set before the workers fork, so they read the pages without copying them
_ENGINE = ["storyline"]


def _trafilatura_predictions(span: tuple[int, int]) -> list[dict]:
    predictions = []
    for doc in _PAGES[span[0] : span[1]]:
        found = trafilatura.bare_extraction(doc.content, with_metadata=True)
        predictions.append({"id": doc.origin, "body": found.text if found else "", "title": found.title if found else None,
                            "published": found.date if found else None, "author": found.author if found else None})  # fmt: skip
    return predictions


def _predictions(span: tuple[int, int]) -> list[dict]:
    if _ENGINE[0] == "trafilatura":
        return _trafilatura_predictions(span)
    cleaner = Cleaner(CleanSettings())
    predictions = []
    for doc in _PAGES[span[0] : span[1]]:
        article = cleaner.clean(doc)
        predictions.append({"id": doc.origin, "body": article.body, "title": article.title,
                            "published": article.published, "author": article.author})  # fmt: skip
    return predictions


def clean_pages(docs: list[RawDocument], workers: int) -> list[dict]:
    """Predictions for ``docs`` in their order, from ``workers`` processes."""
    _PAGES[:] = docs
    if workers <= 1:
        return _predictions((0, len(docs)))
    bounds = [round(k * len(docs) / workers) for k in range(workers + 1)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        runs = pool.map(_predictions, list(itertools.pairwise(bounds)))
    return [prediction for run in runs for prediction in run]


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: steadier than wall time on a shared machine."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("--input", choices=["text", "html"], default="text")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2, help="processes (the machine has 2 cores)")
    parser.add_argument("--engine", choices=["storyline", "trafilatura"], default="storyline")
    args = parser.parse_args()
    if args.engine == "trafilatura" and args.input != "html":
        parser.error("--engine trafilatura reads HTML pages (--input html)")
    _ENGINE[0] = args.engine
    docs = read_pages(args.set_dir / "pages", args.input)
    Cleaner(CleanSettings())  # loads the models once, before the workers fork
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    predictions = clean_pages(docs, args.workers)
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    with open(args.out, "w", encoding="utf-8") as out:
        for record in predictions:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"pages={len(docs)} seconds={elapsed:.2f} pages_per_second={len(docs) / max(elapsed, 1e-9):.1f}",
          f"cpu_ms_per_page={1000 * cpu / max(len(docs), 1):.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
