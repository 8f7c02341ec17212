"""Entity folding on the real seed articles (read at run time; skipped when ../shared/seeds is absent)."""

import pytest

from storyline.nlp import Analyzer, EntityResolver
from storyline.settings import NlpSettings
from tests.nlp.helpers import seed_article

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def resolved():
    articles = [seed_article(prefix) for prefix in ("000", "001", "002", "003", "004")]
    resolver = EntityResolver()
    analyses = {a.article_id: resolver.resolve(a) for a, _ in Analyzer(NlpSettings()).analyze(articles)}
    return analyses, resolver


def entity_named(resolved, article_id, text):
    analyses, _ = resolved
    ids = {m.entity for m in analyses[article_id].mentions if m.text == text}
    assert len(ids) == 1, (text, ids)
    return ids.pop()


def test_transliterations_of_the_opposition_leader_are_one_person_and_her_husband_another(resolved):
    leader = entity_named(resolved, "000", "Sviatlana Tsikhanouskaya")
    assert entity_named(resolved, "003", "Svetlana Tikhanovskaya") == leader
    assert entity_named(resolved, "003", "Tikhanovskaya") == leader
    assert entity_named(resolved, "003", "Sergei Tikhanovsky") != leader


def test_two_spellings_of_the_released_activist_are_one_person(resolved):
    assert entity_named(resolved, "002", "Maria Kalesnikava") == entity_named(resolved, "004", "Maria Kolesnikova")


def test_surnames_fold_into_full_names_and_titles_are_cut(resolved):
    analyses, resolver = resolved
    president = entity_named(resolved, "000", "Alexander Lukashenko")
    assert entity_named(resolved, "000", "Lukashenko") == president
    names = {m.text for a in analyses.values() for m in a.mentions}
    assert not any(n.startswith("President ") or n.endswith("'s") for n in names)
    person = next(e for e in resolver.entities() if e.entity_id == president)
    assert person.label == "PERSON"
