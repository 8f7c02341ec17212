"""The bundled sample story, end to end: what examples/story/EXPECTED.md says a correct ledger holds."""

from storyline.engine import LocalExecutor, Pipeline
from storyline.engine.ledger import Ledger
from storyline.reconcile import reconcile_event
from storyline.store import open_store

from .conftest import SAMPLE, event_for_count, expected_sample, origin_name


def test_documents_fold_into_articles(sample_ledger):
    store, report = sample_ledger
    expected = expected_sample()
    assert (report.files, report.articles, report.copies, report.errors) == (
        expected["documents"], expected["articles"], 1, [])
    (copy_pair,) = expected["copies"]
    canonical = {origin_name(a.origin): a for a in store.articles()}
    assert expected["canonical_copy"] in canonical
    web = canonical[expected["canonical_copy"]]
    assert [origin_name(store.article(c).origin) for c in web.copies] == [n for n in copy_pair if n != expected["canonical_copy"]]


def test_three_events_of_one_story_with_their_sources(sample_ledger):
    store, _ = sample_ledger
    expected = expected_sample()
    events = [event_for_count(store, e["count"]) for e in expected["events"]]
    assert len({e.event_id for e in events}) == 3
    assert len({e.story_id for e in events}) == 1
    for event, truth in zip(events, expected["events"]):
        origins = {origin_name(store.article(a).origin) for a in event.article_ids}
        assert origins == set(truth["reports"]), truth["count"]
        assert event.date is not None and event.date.iso == truth["date"], truth["count"]


def test_each_event_carries_its_concession(sample_ledger):
    store, _ = sample_ledger
    for truth in expected_sample()["events"]:
        event = event_for_count(store, truth["count"])
        objects = " ".join(f.object or "" for f in store.facts(event.article_ids) if f.event_type == "Sanctions:Ease")
        for term in truth["concession_terms"]:
            assert term.lower() in objects.lower(), (truth["count"], term, objects)


def test_counts_agree_and_conflict_as_stated(sample_ledger):
    store, _ = sample_ledger
    truth = next(e for e in expected_sample()["events"] if e["counts_conflicting"])
    event = event_for_count(store, truth["count"])
    articles = {a: store.article(a) for a in event.article_ids}
    (count,) = [r for r in reconcile_event(event, store.facts(event.article_ids), articles) if r.attribute == "count.freed"]
    assert count.status == "conflict"
    stated = {c.value for c in count.claims}
    assert set(truth["counts_conflicting"]) <= stated


def test_name_variants_fold_and_different_people_stay_apart(sample_ledger):
    store, _ = sample_ledger
    expected = expected_sample()
    owner = {}
    for entity in store.entities():
        for alias in {entity.name, *entity.aliases}:
            owner.setdefault(alias, set()).add(entity.entity_id)
    for variants in expected["fold"]:
        ids = set().union(*(owner.get(v, set()) for v in variants))
        assert len(ids) == 1, (variants, ids)
    for names in expected["apart"]:
        ids = [owner.get(n, set()) for n in names]
        assert all(ids), names
        assert not set.intersection(*ids), names


def test_no_boilerplate_in_any_body(sample_ledger):
    store, _ = sample_ledger
    for article in store.articles(canonical_only=False):
        for line in expected_sample()["boilerplate_never_in_body"]:
            assert line not in article.body, (origin_name(article.origin), line)


def test_the_timeline_lists_the_events_in_date_order_with_background(sample_ledger):
    store, _ = sample_ledger
    entries = Ledger(store).timeline()
    events = [e for e in entries if not e.background]
    dates = [e.date.iso for e in events if e.date.iso]
    assert dates == sorted(dates) and len(events) >= 3
    background = {e.date.iso for e in entries if e.background}
    for item in expected_sample()["background"]:
        assert any(d and d.startswith(item["date"]) for d in background), item


def test_building_again_changes_nothing(tmp_path):
    db = tmp_path / "ledger.db"
    store = open_store(db)
    Pipeline(store).build([SAMPLE])
    before = (store.counts(), [(e.event_id, sorted(e.article_ids)) for e in store.events()])
    store.close()
    store = open_store(db)
    report = Pipeline(store).build([SAMPLE])
    after = (store.counts(), [(e.event_id, sorted(e.article_ids)) for e in store.events()])
    assert report.new == 0 and report.unchanged == report.files
    assert after == before


def test_small_chunks_on_a_process_pool_build_the_same_ledger(sample_ledger, tmp_path):
    """Chunks overlap (one analysed by the workers while the previous one is stored), and copies of one
    article land in different chunks: the ledger must come out as the single in-process build's."""
    store, _ = sample_ledger
    pooled = open_store(tmp_path / "pooled.db")
    report = Pipeline(pooled, executor=LocalExecutor(workers=2, min_items_per_worker=1), chunk_size=3).build([SAMPLE])
    assert (report.articles, report.copies) == (10, 1)

    def shape(ledger):
        origin = {a.article_id: origin_name(a.origin) for a in ledger.articles(canonical_only=False)}
        return sorted(sorted(origin[i] for i in e.article_ids) for e in ledger.events())

    assert shape(pooled) == shape(store)
