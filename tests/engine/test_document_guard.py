"""One document that fails at any step after reading is skipped with one plain line; the rest is built."""

import pytest

import storyline.clean
import storyline.events.features
import storyline.facts
from storyline.engine import LocalExecutor, Pipeline
from storyline.engine import pipeline as pipeline_module
from storyline.nlp import Analyzer
from storyline.store import open_store

from .conftest import SAMPLE

# One file of the sample per step, and the step at which it is made to fail.
FAILING = {"04_harbor_tribune": "clean", "08_valley_gazette": "nlp", "09_analysis": "facts", "10_profile": "events"}


def _fails(origin: str, stage: str) -> None:
    if any(name in origin and step == stage for name, step in FAILING.items()):
        raise RuntimeError(f"hostile bytes in {origin.rsplit('/', 1)[-1]}")


@pytest.fixture
def hostile_steps(monkeypatch):
    clean = storyline.clean.Cleaner.clean
    analysis_of = Analyzer.analysis_of
    extract = storyline.facts.extract_facts
    features_for = pipeline_module.features_for

    def cleaning(self, doc):
        _fails(doc.origin, "clean")
        return clean(self, doc)

    def analysing(self, article, doc):
        _fails(article.origin, "nlp")
        return analysis_of(self, article, doc)

    def extracting(article, *args, **kwargs):
        _fails(article.origin, "facts")
        return extract(article, *args, **kwargs)

    def grouping(article, *args, **kwargs):
        _fails(article.origin, "events")
        return features_for(article, *args, **kwargs)

    monkeypatch.setattr(storyline.clean.Cleaner, "clean", cleaning)
    monkeypatch.setattr(Analyzer, "analysis_of", analysing)
    monkeypatch.setattr(storyline.facts, "extract_facts", extracting)
    monkeypatch.setattr(pipeline_module, "features_for", grouping)


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "worker-processes"])
def test_each_failing_document_is_skipped_with_its_step_and_the_rest_is_built(tmp_path, hostile_steps, workers):
    store = open_store(tmp_path / "ledger.db")
    executor = LocalExecutor(workers=workers, min_items_per_worker=1, max_items_per_part=3)
    report = Pipeline(store, executor=executor, chunk_size=4).build([SAMPLE])

    lines = {e.origin.rsplit("/", 1)[-1].split(".")[0]: e.reason for e in report.errors}
    assert set(lines) == set(FAILING)
    for name, step in FAILING.items():
        assert lines[name].startswith(f"could not be processed at the {step} step: RuntimeError: hostile bytes in")
    stored = [a.origin.rsplit("/", 1)[-1].split(".")[0] for a in store.articles(canonical_only=False)]
    assert not set(stored) & set(FAILING)
    assert len(stored) == report.files - len(FAILING) == 7
    grouped = {a for e in store.events() for a in e.article_ids}
    assert grouped == {a.article_id for a in store.articles()}, "an article was left without an event"
    assert {e.origin for e in store.errors()} == {e.origin for e in report.errors}
    store.close()


def test_a_rerun_skips_the_failed_documents_as_already_seen(tmp_path, hostile_steps):
    store = open_store(tmp_path / "ledger.db")
    Pipeline(store, executor=LocalExecutor(workers=1), chunk_size=4).build([SAMPLE])
    events = [(e.event_id, e.article_ids) for e in store.events()]
    again = Pipeline(store, executor=LocalExecutor(workers=1), chunk_size=4).build([SAMPLE])
    assert (again.new, again.unchanged) == (0, again.files)
    assert [(e.event_id, e.article_ids) for e in store.events()] == events
    assert len(store.errors()) == len(FAILING)
    store.close()
