"""On the real seed articles: three rounds of one negotiation are three events of one story.

The seeds are read at run time from ../shared/seeds (never copied into the project); the test is skipped
where that folder is absent. Of the two copies of one wire story only the markdown scrape is fed, as dedup
would fold them before the events stage.
"""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

import pytest

from storyline.clean import Cleaner
from storyline.events import EventGrouper, features_for, group_batch, make_stories
from storyline.facts import extract_facts, parse_needs
from storyline.ingest import read_inputs
from storyline.nlp import Analyzer, EntityResolver
from storyline.records import DateValue
from storyline.settings import Settings

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
# Seed file prefix -> the round it reports, named by its count of freed prisoners.
ROUND_OF = {"001": 250, "002": 123, "003": 52, "004": 123}

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def seed_features():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not here")
    settings = Settings()
    files = [path for path in sorted(SEEDS.iterdir()) if path.name[:3] in ROUND_OF]
    cleaner = Cleaner(settings.clean)
    articles = [cleaner.clean(document) for document in read_inputs(files, settings.ingest)]
    resolver = EntityResolver()
    features = {}
    for article, (analysis, doc) in zip(articles, Analyzer(settings.nlp, parse_needs()).analyze(articles)):
        analysis = resolver.resolve(analysis)
        facts = extract_facts(article, analysis, doc, settings.facts)
        features[Path(article.origin).name[:3]] = features_for(article, analysis, facts)
    return features


def rounds_of(events, features) -> set[frozenset[int]]:
    prefix_of = {item.article_id: prefix for prefix, item in features.items()}
    return {frozenset(ROUND_OF[prefix_of[a]] for a in event.article_ids) for event in events}


def check_three_rounds_of_one_story(events, features):
    assert {len(event.article_ids) for event in events} == {1, 2}
    assert rounds_of(events, features) == {frozenset({52}), frozenset({123}), frozenset({250})}
    assert len({event.story_id for event in events}) == 1
    latest = next(event for event in events if features["001"].article_id in event.article_ids)
    assert latest.date == DateValue("2026-03-19", "day")


def test_stream_makes_three_events_of_one_story_in_any_arrival_order(seed_features):
    for order in permutations(sorted(seed_features)):
        grouper = EventGrouper(Settings().events)
        for prefix in order:
            grouper.add(seed_features[prefix])
        check_three_rounds_of_one_story(grouper.events(), seed_features)
        assert len(make_stories(grouper.events())) == 1


def test_batch_makes_three_events_of_one_story(seed_features):
    events = group_batch([seed_features[prefix] for prefix in sorted(seed_features)], Settings().events)
    check_three_rounds_of_one_story(events, seed_features)
