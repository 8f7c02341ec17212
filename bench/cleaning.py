"""Run storyline's cleaner over a cleaning set and write predictions for the scorer.

    python bench/cleaning.py SET_DIR --input text|html --out PREDICTIONS.jsonl

Reads only SET_DIR/pages/ (ID.txt for text, ID.html.gz for html), never the gold file, cleans every
page with one Cleaner (so site boilerplate is learned as the pages go by) and prints pages per second.
Score with: score_cleaning.py SET_DIR PREDICTIONS.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import time
from pathlib import Path

from storyline.clean import Cleaner
from storyline.records import RawDocument
from storyline.settings import CleanSettings


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
                content=raw.decode("utf-8", errors="replace"),
            )
        )
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("--input", choices=["text", "html"], default="text")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    docs = read_pages(args.set_dir / "pages", args.input)
    cleaner = Cleaner(CleanSettings())
    started = time.perf_counter()
    articles = [cleaner.clean(doc) for doc in docs]
    elapsed = time.perf_counter() - started
    with open(args.out, "w", encoding="utf-8") as out:
        for doc, article in zip(docs, articles):
            record = {"id": doc.origin, "body": article.body, "title": article.title,
                      "published": article.published, "author": article.author}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"pages={len(docs)} seconds={elapsed:.2f} pages_per_second={len(docs) / max(elapsed, 1e-9):.1f}")


if __name__ == "__main__":
    main()
