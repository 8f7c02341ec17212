"""Facts of the real seed articles (read at run time; skipped when ../shared/seeds is absent)."""

import pytest

from storyline.facts import extract_facts, parse_needs
from storyline.nlp import Analyzer
from storyline.settings import FactsSettings, NlpSettings
from tests.nlp.helpers import seed_article

pytestmark = pytest.mark.seeds


def facts_of(prefix, published=None):
    article = seed_article(prefix, published)
    ((analysis, doc),) = Analyzer(NlpSettings(), parse_needs()).analyze([article])
    return extract_facts(article, analysis, doc, FactsSettings())


@pytest.mark.parametrize("prefix", ["000", "001"])  # the PDF-style copy and the web copy of one story
def test_release_of_250_on_publication_day_in_exchange_for_the_listed_sanctions(prefix):
    facts = facts_of(prefix, "2026-03-19")
    releases = [f for f in facts if f.event_type == "Justice:Release-Parole" and "freed" in f.counts and f.counts["freed"].value == 250]
    dated = [f for f in releases if f.date and f.date.iso == "2026-03-19"]
    assert dated and not any(f.background for f in dated)
    easings = [f for f in facts if f.event_type == "Sanctions:Ease" and f.object and "Finance Ministry" in f.object]
    assert len(easings) == 1
    easing = easings[0]
    assert "banks" in easing.object and "fertiliser producers" in easing.object
    partners = {r.target_fact for r in easing.relations if r.kind == "in_exchange_for"}
    assert any(f.fact_id in partners and f.event_type == "Justice:Release-Parole" for f in facts)
    assert any(r.kind == "in_exchange_for" for f in dated for r in f.relations)


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_the_123_articles_carry_potash(prefix):
    facts = facts_of(prefix)
    assert any(f.event_type == "Sanctions:Ease" and "potash" in (f.object or "") for f in facts)


def test_the_52_article_carries_belavia_and_both_counts():
    facts = facts_of("003")
    assert any(f.event_type == "Sanctions:Ease" and "Belavia" in (f.object or "") for f in facts)
    counts = [f.counts["freed"] for f in facts if f.event_type == "Justice:Release-Parole" and "freed" in f.counts]
    assert any(c.text == "Fifty-two" and c.value == 52 and c.qualifier == "exact" for c in counts)
    assert any(c.text.lower() == "dozens" and c.qualifier == "dozens" and c.low <= 52 <= c.high for c in counts)
    assert not any(c.value == 69 for c in counts)  # the philosopher's age
