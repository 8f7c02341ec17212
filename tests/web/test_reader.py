"""The web reader reads the summaries the build stored, computes only what a ledger lacks, and notices a
rebuild that changes an article's facts under the same ids."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.engine.summaries import summarise
from storyline.records import Analysis, Quantity
from storyline.store import open_store
from storyline.web import reader as reader_module
from storyline.web.reader import LedgerReader

from .conftest import ARREST, ATTACK, VEL, store_ledger


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory) -> tuple[Path, Path]:
    """The same ledger twice: as stored by hand (no summaries), and with the build's summaries."""
    folder = tmp_path_factory.mktemp("reader")
    bare = store_ledger(folder / "bare.db")
    summarised = folder / "summarised.db"
    shutil.copy(bare, summarised)
    store = open_store(summarised)
    with store.transaction():
        assert summarise(store) != (0, 0)
    store.close()
    return bare, summarised


def shown(reader: LedgerReader) -> tuple:
    """Everything the pages show that reconciliation decides."""
    index = reader.index()
    events = {e: reader.event_view(e) for e in index.events}
    stories = {s: reader.story_rows(s) for s in index.stories}
    return ({e: (v.reconciliations, v.settled, v.entry) for e, v in events.items()}, stories,
            reader.entity_roles())


def test_stored_summaries_show_what_computing_them_on_read_shows(ledgers):
    bare, summarised = ledgers
    assert shown(LedgerReader(summarised)) == shown(LedgerReader(bare))
    assert LedgerReader(summarised).entity_roles()[VEL] == {ARREST: ["actor"]}  # his 2019 election is background


def test_a_summarised_ledger_is_never_reconciled_on_read(ledgers, monkeypatch):
    _, summarised = ledgers

    def reconciling(*_args, **_kwargs):
        raise AssertionError("reconciled on read")

    monkeypatch.setattr(reader_module, "event_summary", reconciling)
    monkeypatch.setattr(reader_module, "story_summary", reconciling)
    monkeypatch.setattr(reader_module, "entity_roles", reconciling)
    reader = LedgerReader(summarised)
    assert shown(reader)[0][ATTACK][1].event_id == ATTACK


def test_new_facts_under_the_same_article_ids_are_shown_after_a_rebuild(tmp_path):
    db = store_ledger(tmp_path / "ledger.db")
    store = open_store(db)
    with store.transaction():
        summarise(store)
    reader = LedgerReader(db)
    assert "40" not in {c.normalized for r in reader.event_view(ATTACK).reconciliations for c in r.claims}
    article_id = reader.event_view(ATTACK).event.article_ids[0]
    facts = store.facts([article_id])
    revised = [replace(f, counts={**f.counts, "killed": Quantity("forty", 40, 40, 40, "exact")})
               if "killed" in f.counts else f for f in facts]
    with store.transaction():
        store.put_analysis(Analysis(article_id, [], [], []), revised)
        summarise(store)
    store.close()
    after = reader.event_view(ATTACK)
    assert "40" in {c.normalized for r in after.reconciliations for c in r.claims}
