"""Dates the facts of one article carry, and the lead date the article's events are dated by."""

from __future__ import annotations

import pytest

from storyline.events import features_for
from storyline.facts import extract_facts, parse_needs
from storyline.nlp import Analyzer
from storyline.settings import FactsSettings, NlpSettings
from tests.nlp.helpers import article

WEDNESDAY = "2021-10-20"


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(NlpSettings(), parse_needs())


def facts_and_features(analyzer, text: str, published: str = WEDNESDAY):
    story = article("s1", text, published)
    ((analysis, doc),) = analyzer.analyze([story])
    facts = extract_facts(story, analysis, doc, FactsSettings())
    return facts, features_for(story, analysis, facts)


def test_the_day_police_said_it_does_not_date_the_shooting(analyzer):
    text = (
        "A man was shot to death and two others were wounded near a taco stand, police said today. "
        "Officers found the victims in a parking lot after neighbours called 911."
    )
    facts, _ = facts_and_features(analyzer, text)
    shot = next(f for f in facts if f.trigger == "shot")
    assert shot.date is None or shot.date.text != "today"


def test_an_arrest_told_first_does_not_date_the_shooting_it_is_for(analyzer):
    """The lead's weightiest happening (the shooting, dated by the lead as a whole) dates the report, not the
    arrest the first sentence tells."""
    text = (
        "A 17-year-old was arrested Monday for shooting a delivery driver during a robbery, prosecutors said. "
        "The teen approached the driver outside an apartment building on Oct. 14 at about 9 p.m., "
        "prosecutors said."
    )
    _, features = facts_and_features(analyzer, text)
    assert features.lead_date == "2021-10-14"
