import pytest

from storyline.records import (
    Analysis,
    Article,
    DateValue,
    Event,
    Evidence,
    Fact,
    IngestError,
    Paragraph,
    Place,
    Quantity,
    RawDocument,
    Story,
)
from storyline.store import StoreError, open_store


def fact(fact_id="f1"):
    return Fact(fact_id=fact_id, article_id="a1", event_type="release", cameo="0841", plover="RELEASE",
                trigger="freed", evidence=Evidence("a1", "Officials freed 40 fishermen.", 0, 29),
                counts={"freed": Quantity("40", 40, 40, 40, "exact")}, place=Place("Port Avel", "Port Avel", None, "Norland"), date=DateValue("2026-01-05", "day", "on Monday"))


def test_records_round_trip_with_their_nested_types(tmp_path):
    store = open_store(tmp_path / "ledger.db")
    article = Article("a1", "a.txt", "Officials freed 40 fishermen.", [Paragraph("Officials freed 40 fishermen.", 3, 32)],
                      published="2026-01-06")
    with store.transaction():
        store.put_article(article, None)
        store.put_analysis(Analysis("a1", [], [], []), [fact()])
    store.close()
    store = open_store(tmp_path / "ledger.db")
    assert store.article("a1") == article
    (loaded,) = store.facts(["a1"])
    assert loaded == fact() and isinstance(loaded.counts["freed"], Quantity) and isinstance(loaded.place, Place) and isinstance(loaded.evidence, Evidence)


def test_storing_twice_changes_nothing(tmp_path):
    store = open_store(tmp_path / "ledger.db")
    doc = RawDocument("h1", "a.txt", "text", "body text here")
    for _ in range(2):
        with store.transaction():
            store.put_source(doc)
            store.put_error(IngestError("bad.bin", "binary file"))
    assert store.counts()["sources"] == 1 and store.counts()["errors"] == 1
    assert store.has_source("h1") and not store.has_source("h2")


def test_a_failed_transaction_keeps_what_was_stored(tmp_path):
    store = open_store(tmp_path / "ledger.db")
    with store.transaction():
        store.put_source(RawDocument("h1", "a.txt", "text", "first"))
    with pytest.raises(RuntimeError), store.transaction():
        store.put_source(RawDocument("h2", "b.txt", "text", "second"))
        raise RuntimeError("crash mid-build")
    assert [d.content_hash for d in store.sources()] == ["h1"]


def test_events_keep_the_order_articles_joined(tmp_path):
    store = open_store(tmp_path / "ledger.db")
    with store.transaction():
        store.put_event_features("a1", {"x": 1})
        store.put_event_features("a2", {"x": 2})
        store.replace_events([Event("e1", "s1", ["a1"])], [Story("s1", ["e1"])])
        store.replace_events([Event("e1", "s1", ["a2", "a1"])], [Story("s1", ["e1"])])
    assert [f["x"] for f, _, _ in store.assignments()] == [1, 2]


def test_a_file_that_is_not_a_ledger_is_refused_clearly(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database " * 50)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(bogus)
