"""A count written with hundreds or thousands of digits is refused as a count, never fails its article."""

import pytest

from storyline.facts import extract_facts, parse_needs
from storyline.facts.quantity import MAX_COUNT, parse_quantity
from storyline.nlp import Analyzer
from storyline.records import Article
from storyline.settings import Settings


@pytest.mark.parametrize("digits", [400, 5000])
def test_an_absurd_count_is_ignored_and_the_sentence_still_yields_its_fact(digits):
    body = (f"Gunmen killed {'7' * digits} people in Harwick on Tuesday, police said. "
            "The attack wounded 12 others near the market.")
    article = Article(article_id="odd", origin="odd.txt", body=body, paragraphs=[])
    analyzer = Analyzer(Settings().nlp, parse_needs())
    ((analysis, doc),) = analyzer.analyze([article])
    facts = extract_facts(article, analysis, doc, Settings().facts, None)
    values = [q.value for f in facts for q in f.counts.values()]
    assert facts and all(v is None or v <= MAX_COUNT for v in values)
    assert 12 in values


def test_counts_up_to_the_bound_are_kept():
    assert parse_quantity("about 2,500,000").value == 2_500_000
    assert parse_quantity("9" * 11) is None
    assert parse_quantity("about " + "9" * 400) is None
