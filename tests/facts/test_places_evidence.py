"""Where the happening is when the article's evidence points two ways: a station's dateline, an outlet's web
name, a town the NER took for a person, reports that disagree on a town's state (invented sentences)."""

from __future__ import annotations

import pytest

from storyline.facts.places import (
    PlaceContext,
    article_context,
    outlet_home,
    resolve_place,
    us_states_named,
)
from storyline.reconcile.summary import settled_place
from storyline.records import Article, Evidence, Fact, Place
from tests.facts.place_helpers import analyse, place_of


def test_a_station_dateline_gives_way_to_the_town_where_it_happened():
    """The station datelines its home city and never names it again; the lead says where the shooting was."""
    body = (
        "SPOKANE, Wash. (KXLY) — Deputies are investigating a shooting in Cheney that left a man hurt. "
        "He was taken to a hospital, a sheriff's spokesman said."
    )
    place = place_of(body, {"SPOKANE": "GPE", "Cheney": "GPE"})
    assert (place.city, place.region) == ("Cheney", "Washington")
    # a dateline whose city the story names again is where the story is
    body = (
        "SPOKANE, Wash. (KXLY) — Spokane police are investigating after a man was shot downtown. "
        "The suspect, a man from Cheney, was arrested."
    )
    place = place_of(body, {"SPOKANE": "GPE", "Spokane": "GPE", "Cheney": "GPE"})
    assert (place.city, place.region) == ("Spokane", "Washington")


def test_a_headline_town_after_in_counts_though_the_ner_took_it_for_a_person():
    body = "Cook County deputies said the father was found Sunday morning. Hazel Crest neighbours heard shots."
    mentions, _ = analyse(body, {"Cook County": "GPE", "Hazel Crest": "PERSON"})
    context = article_context(body, mentions, title="Father shot to death in Hazel Crest")
    assert [(p.city, p.region) for p in context.headline] == [("Hazel Crest", "Illinois")]
    # a person's full name elsewhere in a headline is still no town
    body = "Officers said Hazel Crest was hurt in the crash. Police in Joliet are investigating."
    mentions, _ = analyse(body, {"Hazel Crest": "PERSON", "Joliet": "GPE"})
    assert article_context(body, mentions, title="Hazel Crest hurt in crash").headline == []


@pytest.mark.parametrize(
    ("host", "city", "region"),
    [
        ("nbcphiladelphia.com", "Philadelphia", "Pennsylvania"),
        ("www.delawareonline.com", None, "Delaware"),
        ("bradenton.com", "Bradenton", "Florida"),  # the longest name, not the "Denton" inside it
        ("beaumontenterprise.com", "Beaumont", "Texas"),  # a newspaper word is no town
        ("washingtonpost.com", "Washington", "District of Columbia"),  # the capital, not the state
        ("chronicle.augusta.com", "Augusta", "Georgia"),
    ],
)
def test_an_outlet_s_web_name_holds_its_home(host, city, region):
    home = outlet_home(host)
    assert (home.city, home.region, home.source) == (city, region, "web_name")


@pytest.mark.parametrize("host", ["wtok.com", "stuff.co.nz", "localhost", "example.org"])
def test_a_web_name_without_a_place_gives_no_home(host):
    assert outlet_home(host) is None


def test_the_outlet_s_web_name_picks_among_same_named_towns_but_never_outvotes_the_story():
    body = "Wilmington police said a man was shot on Market Street late Tuesday."
    place = place_of(body, {"Wilmington": "GPE"}, outlet="delawareonline.com")
    assert (place.city, place.region) == ("Wilmington", "Delaware")
    assert place_of(body, {"Wilmington": "GPE"}).region == "North Carolina"  # the bigger namesake
    body = "A man was shot Saturday in Oakland, California, police said."
    place = place_of(body, {"Oakland": "GPE", "California": "GPE"}, outlet="nbcphiladelphia.com")
    assert (place.city, place.region) == ("Oakland", "California")


def test_a_county_the_story_names_does_not_hand_over_to_the_outlet_s_home_town():
    body = "A teen was killed Thursday when a gun went off on a boat ramp, Oglethorpe County deputies said."
    place = place_of(body, {"Oglethorpe County": "GPE"}, outlet="onlineathens.com")
    assert (place.city, place.region) == ("Oglethorpe County", "Georgia")


def test_a_direction_before_a_qualified_city_is_not_part_of_its_name():
    place = resolve_place("Southeast Washington, D.C.", PlaceContext())
    assert (place.city, place.region) == ("Washington", "District of Columbia")


def test_the_states_a_text_names():
    text = "Shot in Wilmington, Delaware. A man from Dover, Del., and one from Salem, OR were hurt."
    assert us_states_named(text) == {"Delaware", "Oregon"}
    assert us_states_named("ORegon trail; a Delawarean; OR else") == set()


def _article(article_id: str, body: str) -> Article:
    return Article(article_id, f"{article_id}.txt", body, [])


def _fact(article_id: str, place: Place) -> Fact:
    evidence = Evidence(article_id, "A man was shot in Wilmington.", 0, 30)
    return Fact(f"{article_id}:0", article_id, "attack", "190", "ASSAULT", "shot", evidence, place=place)


def test_a_report_that_names_the_state_tells_the_others_which_town_it_is():
    """Two reports guess the bigger Wilmington; the third resolved it from the state its text names."""
    guessed = Place("Wilmington", "Wilmington", "North Carolina", "United States", "entity", article_wide=True)
    read = Place("Wilmington", "Wilmington", "Delaware", "United States", "entity", article_wide=True)
    articles = {
        "a": _article("a", "Wilmington police said five people were shot."),
        "b": _article("b", "Officers found the victims near Elm Street in Wilmington."),
        "c": _article("c", "Four teens were hurt in a shooting in Wilmington, a city of Delaware's north."),
    }
    facts = [_fact("a", guessed), _fact("b", guessed), _fact("c", read)]
    assert settled_place(facts, facts, articles).region == "Delaware"
    assert settled_place(facts, facts).region == "North Carolina"  # without the texts, the most reports


def test_an_outlet_s_home_weighs_less_than_a_place_a_report_states():
    home = Place("denverpost.com", "Denver", "Colorado", "United States", "web_name", article_wide=True)
    stated = Place("Yuma", "Yuma", "Colorado", "United States", "entity", article_wide=True)
    lead = _fact("a", home)
    assert settled_place([lead], [lead, _fact("b", stated)]).city == "Yuma"
    assert settled_place([lead]).city == "Denver"  # where no report states a place, the home stands in
