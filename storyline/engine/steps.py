"""The per-document steps: each turns a stream of records into a stream of records.

They hold only settings (and, for cleaning, learned state), so an executor can ship them to another
process or machine and run them over a partition of the input. The pipeline ships ``AnalyzeStep`` (the
costly one) and runs ``CleanStep`` itself, because the boilerplate it learns depends on the order pages
arrive. Steps that need the whole ledger (duplicate folding, entity resolution, event grouping) are not
here: the pipeline runs them on the driver.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from storyline.clean import Cleaner
from storyline.records import Analysis, Article, Fact, RawDocument
from storyline.settings import Settings


class CleanStep:
    """RawDocument -> Article, learning each site's boilerplate as pages arrive."""

    def __init__(self, settings: Settings, state: dict[str, Any] | None = None):
        self.settings = settings
        self.state = state

    def __call__(self, docs: Iterable[RawDocument]) -> Iterator[Article]:
        cleaner = Cleaner(self.settings.clean, state=self.state)
        for doc in docs:
            yield cleaner.clean(doc)
        self.state = cleaner.state()


@dataclass
class Analyzed:
    """One article's NLP analysis and facts, with entity ids still local to the article."""

    article: Article
    analysis: Analysis
    facts: list[Fact]


class AnalyzeStep:
    """Article -> Analyzed: sentences, entities and facts. Loads the spaCy pipeline once per process."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, articles: Iterable[Article]) -> Iterator[Analyzed]:
        from storyline.facts import extract_facts, parse_needs
        from storyline.nlp import Analyzer

        pending = list(articles)
        analyzer = Analyzer(self.settings.nlp, parse_needs())
        titles = analyzer.parse_titles(pending)
        for article, (analysis, doc), title in zip(pending, analyzer.analyze(pending), titles):
            yield Analyzed(article, analysis, extract_facts(article, analysis, doc, self.settings.facts, title))
