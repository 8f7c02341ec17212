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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            (
                "A 24-year-old man was sentenced Tuesday to 30 years in prison for the March 16, 2019 shooting "
                "that killed his cousin outside a bar on Elm Street."
            ),
            "2019-03-16",
        ),
        (
            (
                "Detectives arrested a second man Monday in connection with a shooting that left a teenager dead. "
                "It happened the afternoon of June 2 near the basketball courts at Lincoln Park."
            ),
            "2021-06-02",
        ),
        (
            (
                "Prosecutors charged a Dayton man Friday in the death of his roommate. The woman was found shot "
                "in their apartment, and her death on April 9 was ruled a homicide."
            ),
            "2021-04-09",
        ),
    ],
)
def test_court_news_is_dated_by_the_day_it_writes_on_the_shooting_however_long_ago(analyzer, text, expected):
    """A charge or sentence months after a shooting: the day written on the shooting itself dates the
    report, though it lies further back than any other date of the lead may."""
    _, features = facts_and_features(analyzer, text)
    assert features.lead_date == expected


def test_a_street_ordinal_is_no_day(analyzer):
    """'near 19th and Topping' names a corner; the shooting is dated by 'Thursday morning'."""
    text = (
        "Police are investigating after a boy was shot inside an apartment at a complex near 19th and Topping "
        "Thursday morning at about 10:30 a.m."
    )
    _, features = facts_and_features(analyzer, text, published="2021-10-21")
    assert features.lead_date == "2021-10-21"


def test_an_older_shooting_recalled_by_a_fresh_report_does_not_date_it(analyzer):
    """A report of a new shooting that recalls an older one at the same place keeps the new one's day."""
    text = (
        "Two men were shot late Sunday outside a bar on Main Street, police said. "
        "It was the second shooting at the bar since the May 3 shooting that killed a bouncer."
    )
    _, features = facts_and_features(analyzer, text)
    assert features.lead_date == "2021-10-17"
