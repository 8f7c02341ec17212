"""The build: files in, a sourced event ledger out, added to what the store already holds.

Input is processed in chunks; each chunk goes through every stage and is committed in one transaction, so
a crash loses at most the chunk in flight and never what was stored before. At its end the build stores
the summaries (reconciliation, settled facts, timeline entry) of the events and stories it changed, which
is what every read shows (``storyline.engine.summaries``). Sources already in the store
(same bytes) are skipped, which makes a re-run on the same input change nothing.

A build killed at any point and run again gives the ledger an uninterrupted build gives: after each
stored chunk the driver's state (the grouper, the entity resolver) is made exactly what reloading it from
the store would give, and the next chunks are cut the same way (stored sources are skipped). One build
at a time holds a ledger (``build_lock``); a document that fails at any step after reading is skipped
with its reason, and the rest of its chunk is stored.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from storyline.dedup import Deduplicator, FoldResult
from storyline.engine.executors import Executor, LocalExecutor
from storyline.engine.lock import build_lock
from storyline.engine.steps import Analyzed, AnalyzeStep, CleanStep, Failed
from storyline.engine.summaries import summarise
from storyline.events import EventFeatures, EventGrouper, features_for, make_stories
from storyline.ingest import read_inputs
from storyline.nlp import EntityResolver
from storyline.records import Article, IngestError, RawDocument
from storyline.settings import Settings
from storyline.store import SqliteStore
from storyline.store.codec import from_dict, to_dict

# As timed in BuildReport.seconds; "reconcile" computes the summaries reads show (storyline.engine.summaries).
STAGES = ("ingest", "clean", "dedup", "nlp+facts", "events", "reconcile", "store")


class ProgressSink(Protocol):
    """Where the build reports progress (the CLI draws a bar; tests and benchmarks pass nothing)."""

    def begin(self, total: int | None) -> None: ...
    def advance(self, done: int, stage: str) -> None: ...


@dataclass
class BuildReport:
    files: int = 0  # documents read (records inside multi-record files count one each)
    new: int = 0
    unchanged: int = 0
    articles: int = 0  # new canonical articles
    copies: int = 0  # new documents folded into another copy
    facts: int = 0
    events: int = 0  # events in the ledger after the build
    errors: list[IngestError] = field(default_factory=list)
    seconds: Counter = field(default_factory=Counter)  # per stage

    def error_summary(self) -> dict[str, int]:
        """How many inputs were skipped, by kind of reason (see ``reason_kind``), most frequent first."""
        counts = Counter(reason_kind(e.reason) for e in self.errors)
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


# A reason names its kind first, then its details after ":", " (" or ";" (an exception, a byte offset, a
# count); a JSON Lines reason starts with its line ("line 3: ..."). Numbers left in the kind become "N".
_LINE_PREFIX = re.compile(r"^(?:line|record) \d+: ")
_DETAILS = re.compile(r":| \(|;")
_NUMBER = re.compile(r"\d[\d,.]*")


def reason_kind(reason: str) -> str:
    """What a skip reason says without its details, so that the summary groups reasons of one kind:
    "could not be read (AttributeError: ...)" and "web archive damaged or cut short: record 3 at byte
    offset 1,024 (...)" become "could not be read" and "web archive damaged or cut short"."""
    kind = _DETAILS.split(_LINE_PREFIX.sub("", reason), maxsplit=1)[0]
    return _NUMBER.sub("N", kind).strip() or reason.strip()


class _StoredArticles(Mapping[str, Article]):
    """Canonical articles already folded (stored, or in flight to the store), read on demand: dedup only
    ever looks at the few it matched."""

    def __init__(self, store: SqliteStore, unsaved: dict[str, Article]):
        self._store = store
        self._unsaved = unsaved

    def __getitem__(self, article_id: str) -> Article:
        article = self._unsaved.get(article_id) or self._store.article(article_id)
        if article is None:
            raise KeyError(article_id)
        return article

    def __iter__(self) -> Iterator[str]:
        return (a.article_id for a in self._store.articles())

    def __len__(self) -> int:
        return self._store.counts()["articles"]


@dataclass
class _Chunk:
    """A chunk between its start (cleaned, folded, analysis under way) and its finish (stored)."""

    docs: list[RawDocument]
    errors: list[IngestError]  # documents of the chunk skipped so far (no text, failed cleaning)
    folded: FoldResult
    analyses: Iterator[Analyzed | Failed]
    clean_state: dict


class Pipeline:
    def __init__(
        self,
        store: SqliteStore,
        settings: Settings | None = None,
        executor: Executor | None = None,
        chunk_size: int = 256,
        wait_for_lock: bool = True,
    ):
        """``wait_for_lock``: when another process is building the same ledger, wait for it (False: raise
        ``LedgerBusy``)."""
        self.store = store
        self.settings = settings or Settings()
        self.executor = executor or LocalExecutor(workers=os.cpu_count() or 1)
        self.chunk_size = chunk_size
        self.wait_for_lock = wait_for_lock

    def _load(self) -> None:
        """Read what the ledger holds, under the build lock (a build that held it before may have added)."""
        self._dedup = Deduplicator(self.settings.dedup, self.store.signatures())
        self._clean_state = self.store.state("clean")
        self._unsaved: dict[str, Article] = {}  # folded canonical articles not yet stored
        self._resolver = EntityResolver(self.store.entities())
        self._grouper = EventGrouper(self.settings.events)
        self._grouper.rebuild(
            (from_dict(EventFeatures, features), event_id, story_id)
            for features, event_id, story_id in self.store.assignments()
        )

    def build(self, paths: Iterable[str | Path], progress: ProgressSink | None = None) -> BuildReport:
        report = BuildReport()
        try:
            with build_lock(self.store.path, wait=self.wait_for_lock):
                self._load()
                with _timed(report.seconds, "ingest"):
                    inputs = list(read_inputs(paths, self.settings.ingest))
                if progress:
                    progress.begin(len(inputs))
                self._build_all(inputs, report, progress)
        finally:
            self.executor.close()
        report.events = self.store.counts()["events"]
        return report

    def _build_all(self, inputs: list[RawDocument | IngestError], report: BuildReport, progress: ProgressSink | None):
        """Chunk by chunk, with the analysis of one chunk running on the workers while the driver folds
        the previous chunk into events and stores it."""
        pending: list[RawDocument] = []
        identical: list[RawDocument] = []
        seen: set[str] = set()
        in_flight: _Chunk | None = None
        for item in inputs:
            report.files += 1
            if isinstance(item, IngestError):
                report.errors.append(item)
                with self.store.transaction():
                    self.store.put_error(item)
            elif item.content_hash in seen or self.store.has_source(item.content_hash):
                report.unchanged += 1
                identical.append(item)  # listed by `sources` beside the input it repeats
            else:
                seen.add(item.content_hash)
                pending.append(item)
            if len(pending) >= self.chunk_size:
                in_flight = self._start_chunk(pending, report, in_flight)
                pending = []
            if progress:
                progress.advance(report.files - len(pending), "building")
        if pending:
            in_flight = self._start_chunk(pending, report, in_flight)
        if in_flight:
            self._finish_chunk(in_flight, report)
        with self.store.transaction():  # after their sources are stored
            for item in identical:
                self.store.put_identical(item)
        # The events and stories the build changed, reconciled once at its end rather than after every chunk
        # that touches them (a read computes any summary a killed build left missing; the next build stores it).
        with _timed(report.seconds, "reconcile"), self.store.transaction():
            summarise(self.store)
        if progress:
            progress.advance(report.files, "done")

    def _start_chunk(self, docs: list[RawDocument], report: BuildReport, previous: _Chunk | None) -> _Chunk:
        """Clean and fold a chunk and hand its analysis to the executor; then finish the previous chunk."""
        report.new += len(docs)
        with _timed(report.seconds, "clean"):
            # On the driver: the cleaner learns each site's boilerplate from the pages before, in order.
            clean_step = CleanStep(self.settings, self._clean_state)
            cleaned = list(clean_step(docs))
            self._clean_state = clean_step.state
        kept: list[Article] = []
        errors: list[IngestError] = []
        for doc, article in zip(docs, cleaned):
            if isinstance(article, Failed):
                errors.append(article.error())
            elif len(article.body.strip()) < self.settings.ingest.min_text_chars:
                errors.append(IngestError(doc.origin, "no article text found after cleaning"))
            else:
                kept.append(article)
        report.errors.extend(errors)

        with _timed(report.seconds, "dedup"):
            folded = self._dedup.fold(kept, _StoredArticles(self.store, self._unsaved))
            self._unsaved.update((a.article_id, a) for a in folded.canonical + folded.updated)
        report.articles += len(folded.canonical)
        report.copies += len(folded.copies)

        to_analyze = folded.canonical + folded.updated
        analyses = self.executor.map(AnalyzeStep(self.settings), to_analyze)  # a process pool starts at once
        chunk = _Chunk(docs, errors, folded, analyses, dict(self._clean_state or {}))
        if previous:
            self._finish_chunk(previous, report)
        return chunk

    def _finish_chunk(self, chunk: _Chunk, report: BuildReport) -> None:
        """Resolve entities, group events and store the chunk in one transaction; then bring the driver's
        state to what a build started afresh from the store would read (see ``EventGrouper.checkpoint``)."""
        folded = chunk.folded
        with _timed(report.seconds, "nlp+facts"):
            results = list(chunk.analyses)
            failed = {r.article_id or r.origin: r for r in results if isinstance(r, Failed)}
            analyzed = [self._resolve(r) for r in results if isinstance(r, Analyzed)]

        with _timed(report.seconds, "events"):
            features, grouped = self._group(analyzed, folded, failed)
        analyzed = [item for item in analyzed if item.article.article_id not in failed]
        report.facts += sum(len(a.facts) for a in analyzed)
        errors = chunk.errors + self._skip_failed(folded, failed, report)
        events = self._grouper.events()
        stories = make_stories(events)

        with self.store.transaction():
            with _timed(report.seconds, "store"):
                self.store.put_state("clean", chunk.clean_state)
                for doc in chunk.docs:
                    self.store.put_source(doc)
                    self.store.clear_error(doc.origin)
                for error in errors:
                    self.store.put_error(error)
                for article in folded.canonical + folded.updated:
                    self.store.put_article(article, None)
                for copy, canonical_id in folded.copies:
                    self.store.put_article(copy, canonical_id)
                for article_id, signature in folded.signatures.items():
                    self.store.put_signature(article_id, signature)
                for item in analyzed:
                    self.store.put_analysis(item.analysis, item.facts)
                self.store.put_entities(self._resolver.take_changed())
                for article_id, item in features.items():
                    self.store.put_event_features(article_id, to_dict(item))
                self.store.replace_events(events, stories)
        for article in folded.canonical + folded.updated:
            if self._unsaved.get(article.article_id) is article:
                del self._unsaved[article.article_id]
        for article_id in failed:
            self._unsaved.pop(article_id, None)
        self._grouper.checkpoint(revised=[item for article_id, item in features.items() if article_id not in grouped])
        # As reloaded: entities in the store's order, each with the label it has now.
        self._resolver = EntityResolver(sorted(self._resolver.entities(), key=lambda entity: entity.entity_id))

    def _group(
        self, analyzed: list[Analyzed], folded: FoldResult, failed: dict[str, Failed]
    ) -> tuple[dict[str, EventFeatures], set[str]]:
        """Event features of every analysed article, and the new articles placed in events (an updated
        article keeps its place). An article that fails here joins ``failed``: the grouper goes back to
        its last checkpoint and places the others again, so a half-done placement leaves no trace."""
        known = {a.article_id for a in folded.updated if self._grouper.knows(a.article_id)}
        origin_of = {item.article.article_id: item.article.origin for item in analyzed}
        features: dict[str, EventFeatures] = {}
        for item in sorted(analyzed, key=lambda a: (a.article.published or "9999", a.article.article_id)):
            try:
                # As the store gives it back (dict keys sorted), so a reloaded grouper reads the same.
                features[item.article.article_id] = from_dict(
                    EventFeatures, to_dict(features_for(item.article, item.analysis, item.facts))
                )
            except Exception as error:  # noqa: BLE001 - this article only
                failed[item.article.article_id] = Failed.of(item.article.origin, "events", error, item.article.article_id)
        grouped: list[str] = []
        for article_id, item in features.items():
            if article_id in known:
                continue
            try:
                self._grouper.add(item)
            except Exception as error:  # noqa: BLE001 - this article only
                failed[article_id] = Failed.of(origin_of[article_id], "events", error, article_id)
                self._grouper.rollback()
                for earlier in grouped:
                    self._grouper.add(features[earlier])
            else:
                grouped.append(article_id)
        return {a: f for a, f in features.items() if a not in failed}, set(grouped)

    def _skip_failed(self, folded: FoldResult, failed: dict[str, Failed], report: BuildReport) -> list[IngestError]:
        """Take the articles that failed (and the copies folded into them) out of the chunk; their lines."""
        if not failed:
            return []
        errors = [failure.error() for article_id, failure in failed.items()
                  if article_id not in {a.article_id for a in folded.updated}]
        for copy, canonical_id in folded.copies:
            if canonical_id in failed:
                failure = failed[canonical_id]
                errors.append(IngestError(
                    copy.origin,
                    f"could not be processed at the {failure.stage} step (as a copy of {failure.origin}): "
                    f"{failure.reason}",
                ))
        report.articles -= sum(a.article_id in failed for a in folded.canonical)
        report.copies -= sum(canonical_id in failed for _, canonical_id in folded.copies)
        folded.canonical = [a for a in folded.canonical if a.article_id not in failed]
        folded.updated = [a for a in folded.updated if a.article_id not in failed]
        folded.copies = [(copy, canonical_id) for copy, canonical_id in folded.copies if canonical_id not in failed]
        for article_id in failed:
            if folded.signatures.pop(article_id, None) is not None:
                self._dedup.forget(article_id)
        report.errors.extend(errors)
        return errors

    def _resolve(self, item: Analyzed) -> Analyzed:
        """Give the article's entities their corpus-level ids, in the analysis and in its facts."""
        resolved = self._resolver.resolve(item.analysis)
        mapping = {old.entity: new.entity for old, new in zip(item.analysis.mentions, resolved.mentions)}
        for fact in item.facts:
            fact.resolve_entities(mapping)
        return Analyzed(item.article, resolved, item.facts)


@contextmanager
def _timed(seconds: Counter, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] += time.perf_counter() - started


