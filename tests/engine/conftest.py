"""Shared helpers for tests that build a whole ledger."""

import json
import re
from pathlib import Path

import pytest

from storyline.engine import Pipeline
from storyline.records import Event, Fact
from storyline.store import open_store

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "story"
SEEDS = REPO.parent / "shared" / "seeds"


def build(paths, db_path):
    store = open_store(db_path)
    report = Pipeline(store).build(paths)
    return store, report


def expected_sample() -> dict:
    text = (SAMPLE.parent / "EXPECTED.md").read_text(encoding="utf-8")
    return json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))


def origin_name(origin: str) -> str:
    """'…/examples/story/02_x.jsonl#1' -> '02_x.jsonl#1'"""
    return Path(origin).name


def release_counts(facts: list[Fact]) -> set[int]:
    return {f.counts["freed"].value for f in facts
            if f.event_type == "Justice:Release-Parole" and "freed" in f.counts and f.counts["freed"].value
            and not f.background}


def event_for_count(store, count: int) -> Event:
    """The one event whose articles state this release count."""
    found = [e for e in store.events() if count in release_counts(store.facts(e.article_ids))]
    assert len(found) == 1, f"{len(found)} events state {count} freed: {[e.article_ids for e in found]}"
    return found[0]


@pytest.fixture(scope="session")
def sample_ledger(tmp_path_factory):
    store, report = build([SAMPLE], tmp_path_factory.mktemp("sample") / "ledger.db")
    yield store, report
    store.close()


@pytest.fixture(scope="session")
def seed_ledger(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not here")
    store, report = build([SEEDS], tmp_path_factory.mktemp("seeds") / "ledger.db")
    yield store, report
    store.close()
