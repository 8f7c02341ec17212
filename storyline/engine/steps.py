"""The per-document steps: each turns a stream of records into a stream of records.

They hold only settings (and, for cleaning, learned state), so an executor can ship them to another
process or machine and run them over a partition of the input. The pipeline ships ``AnalyzeStep`` (the
costly one) and runs ``CleanStep`` itself, because the boilerplate it learns depends on the order pages
arrive. Steps that need the whole ledger (duplicate folding, entity resolution, event grouping) are not
here: the pipeline runs them on the driver.

A document a step cannot process comes out as a ``Failed`` record in its place, never as an exception:
one hostile document must not take its neighbours (or a worker's whole partition) down with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from storyline.clean import Cleaner
from storyline.records import Analysis, Article, Fact, IngestError, RawDocument
from storyline.settings import Settings

_REASON_CHARS = 300  # an exception's message can quote a whole document: keep the line readable


@dataclass
class Failed:
    """A document that one step could not process: skipped with this reason, the rest goes on."""

    origin: str
    stage: str  # clean, nlp, facts, events
    reason: str  # "ExceptionType: message"
    article_id: str | None = None  # the article it had become, past cleaning

    @classmethod
    def of(cls, origin: str, stage: str, error: BaseException, article_id: str | None = None) -> Failed:
        message = " ".join(str(error).split())
        if len(message) > _REASON_CHARS:
            message = message[: _REASON_CHARS - 1] + "…"
        reason = f"{type(error).__name__}: {message}" if message else type(error).__name__
        return cls(origin, stage, reason, article_id)

    def error(self) -> IngestError:
        return IngestError(self.origin, f"could not be processed at the {self.stage} step: {self.reason}")


class CleanStep:
    """RawDocument -> Article (or Failed), learning each site's boilerplate as pages arrive."""

    def __init__(self, settings: Settings, state: dict[str, Any] | None = None):
        self.settings = settings
        self.state = state

    def __call__(self, docs: Iterable[RawDocument]) -> Iterator[Article | Failed]:
        cleaner = Cleaner(self.settings.clean, state=self.state)
        for doc in docs:
            try:
                yield cleaner.clean(doc)
            except Exception as error:  # noqa: BLE001 - any failure of one document skips that document
                yield Failed.of(doc.origin, "clean", error)
        self.state = cleaner.state()


@dataclass
class Analyzed:
    """One article's NLP analysis and facts, with entity ids still local to the article."""

    article: Article
    analysis: Analysis
    facts: list[Fact]


class AnalyzeStep:
    """Article -> Analyzed (or Failed): sentences, entities and facts. Loads the spaCy pipeline once per
    process."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, articles: Iterable[Article]) -> Iterator[Analyzed | Failed]:
        from storyline.facts import parse_needs
        from storyline.nlp import Analyzer

        pending = list(articles)
        analyzer = Analyzer(self.settings.nlp, parse_needs())
        size = max(1, self.settings.nlp.batch_size)
        for start in range(0, len(pending), size):
            yield from self._batch(analyzer, pending[start : start + size])

    def failed(self, article: Article, error: BaseException) -> Failed:
        """The record of an article whose worker failed as a whole (see ``executors.GuardedStep``)."""
        return Failed.of(article.origin, "nlp", error, article.article_id)

    def _batch(self, analyzer: Any, articles: list[Article]) -> Iterator[Analyzed | Failed]:
        """spaCy parses a batch at once and a failure ends the whole batch: then each article of it is
        parsed again alone, so that only the article at fault is lost."""
        from storyline.facts import extract_facts

        try:
            titles = analyzer.parse_titles(articles)
            parsed = list(analyzer.analyze(articles))
        except Exception as error:  # noqa: BLE001 - narrowed to the failing article below
            if len(articles) == 1:
                yield Failed.of(articles[0].origin, "nlp", error, articles[0].article_id)
            else:
                for article in articles:
                    yield from self._batch(analyzer, [article])
            return
        for article, (analysis, doc), title in zip(articles, parsed, titles):
            try:
                facts = extract_facts(article, analysis, doc, self.settings.facts, title)
            except Exception as error:  # noqa: BLE001 - one article's facts, not the batch's
                yield Failed.of(article.origin, "facts", error, article.article_id)
            else:
                yield Analyzed(article, analysis, facts)
