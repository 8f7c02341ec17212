#!/usr/bin/env python3
"""Group an events-* dev set into events with storyline and write the predictions for score_events.py.

    bench/events.py DOCS.jsonl --out PRED.jsonl [--mode stream|batch] [--words-only | --no-facts] [--set NAME=VALUE]

Reads only id, title, published, source and text of each record. Each record becomes an Article as it is
(the sets are already clean text), goes through storyline.nlp and storyline.facts, and the grouper: in stream
mode one article at a time in published order (undated last), in batch mode all at once. The NLP output (the
slow part) is cached under bench/out/ keyed by the file's hash, so re-runs while tuning take seconds (delete
bench/out/events-nlp-* after a change to storyline.nlp). ``--words-only``
skips NLP and facts and ``--no-facts`` skips facts, to measure what they add; ``--set threshold=0.2``
overrides an EventsSettings field, for tuning. Prints articles/s for analysis and for grouping.

Score: ../shared/bench/score_events.py DOCS.jsonl PRED.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.events import EventFeatures, EventGrouper, features_for, group_batch
from storyline.facts import parse_needs
from storyline.records import Article, Paragraph
from storyline.settings import Settings

CACHE = Path(__file__).resolve().parent / "out"


def with_events_settings(assignments: list[str]) -> Settings:
    """Default settings with ``--set NAME=VALUE`` overrides of EventsSettings fields (for tuning)."""
    settings = Settings()
    for assignment in assignments:
        name, value = assignment.split("=", 1)
        setattr(settings.events, name, type(getattr(settings.events, name))(value))
    return settings


def read_articles(path: Path) -> list[Article]:
    articles = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        record = json.loads(line)
        body = record["text"]
        paragraphs, offset = [], 0
        for text in body.split("\n"):
            if text.strip():
                paragraphs.append(Paragraph(text, offset, offset + len(text)))
            offset += len(text) + 1
        articles.append(
            Article(
                article_id=str(record["id"]),
                origin=f"{path}#{number}",
                body=body,
                paragraphs=paragraphs,
                title=record.get("title"),
                published=(record.get("published") or None) and record["published"][:10],
                outlet=record.get("source"),
            )
        )
    return articles


def cached_nlp(path: Path, articles: list[Article], settings: Settings):
    """NLP analyses (entities resolved over the set) and spaCy docs, from the cache when the file is known."""
    from spacy.tokens import DocBin

    from storyline.nlp import Analyzer, EntityResolver, load_pipeline

    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    cache = CACHE / f"events-nlp-{digest}.pkl"
    vocab = load_pipeline(settings.nlp).vocab
    if cache.exists():
        analyses, doc_bytes = pickle.loads(cache.read_bytes())
        return analyses, list(DocBin().from_bytes(doc_bytes).get_docs(vocab))
    started = time.perf_counter()
    analyses, docs = [], []
    resolver = EntityResolver()
    for analysis, doc in Analyzer(settings.nlp, parse_needs()).analyze(articles):
        analyses.append(resolver.resolve(analysis))
        docs.append(doc)
    print(f"nlp: {len(articles) / (time.perf_counter() - started):.1f} articles/s", file=sys.stderr)
    CACHE.mkdir(exist_ok=True)
    cache.write_bytes(pickle.dumps((analyses, DocBin(docs=docs, store_user_data=True).to_bytes())))
    return analyses, docs


def analysed_features(path: Path, articles: list[Article], settings: Settings, facts: bool) -> list[EventFeatures]:
    """Features of every article from NLP and, unless ``facts`` is off, the facts extracted from it."""
    analyses, docs = cached_nlp(path, articles, settings)
    if not facts:
        return [features_for(a, analysis, []) for a, analysis in zip(articles, analyses)]
    from storyline.facts import extract_facts

    started = time.perf_counter()
    features = [
        features_for(a, analysis, extract_facts(a, analysis, doc, settings.facts))
        for a, analysis, doc in zip(articles, analyses, docs)
    ]
    print(f"facts: {len(articles) / (time.perf_counter() - started):.1f} articles/s", file=sys.stderr)
    return features


def stream_order(articles: list[Article], features: list[EventFeatures]) -> list[EventFeatures]:
    """The records' published order, undated articles last (stable, so ties keep file order). The order
    comes from the records, not from the features, which may date an undated article by its dateline."""
    order = sorted(range(len(articles)), key=lambda n: (articles[n].published is None, articles[n].published or ""))
    return [features[n] for n in order]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("docs", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--mode", choices=["stream", "batch"], default="stream")
    parser.add_argument("--words-only", action="store_true", help="skip NLP and facts (words and dates only)")
    parser.add_argument("--no-facts", action="store_true", help="skip facts (words, dates and entities only)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override an events setting")
    args = parser.parse_args()

    settings = with_events_settings(args.set)
    articles = read_articles(args.docs)
    if args.words_only:
        features = [features_for(article, None, []) for article in articles]
    else:
        features = analysed_features(args.docs, articles, settings, facts=not args.no_facts)

    started = time.perf_counter()
    if args.mode == "batch":
        events = group_batch(features, settings.events)
        event_of = {article_id: event.event_id for event in events for article_id in event.article_ids}
    else:
        grouper = EventGrouper(settings.events)
        for item in stream_order(articles, features):
            grouper.add(item)
        # Read at the end: an undated report may have moved since it was added.
        event_of = {article_id: event.event_id for event in grouper.events() for article_id in event.article_ids}
    elapsed = time.perf_counter() - started
    print(f"grouping ({args.mode}): {len(features) / elapsed:.1f} articles/s", file=sys.stderr)

    with args.out.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps({"id": article.article_id, "event": event_of[article.article_id]}) + "\n")


if __name__ == "__main__":
    main()
