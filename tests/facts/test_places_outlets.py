"""Evidence of place beside the story's own words: a broadcaster's call sign, the region an outlet's part of the
headline names, and place names that are not where the happening was (a team's home, the hospital someone was
taken to, a list of states) (invented sentences)."""

from __future__ import annotations

from storyline.facts.places import (
    call_sign_states,
    city_state_phrases,
)
from tests.facts.place_helpers import place_of


def test_a_call_sign_tells_which_half_of_the_country_a_stations_bare_town_is_in():
    """Meridian is a town in Mississippi (east of the river: W stations) and a bigger one in Idaho (west: K)."""
    body = (
        "A 7-year-old was hurt Saturday when a bullet came through the wall of an apartment in Meridian. "
        "Officers said the shot was fired during a fight next door, and a man was taken into custody."
    )
    east = place_of(body, {"Meridian": "GPE"}, outlet="wqrs.com")
    west = place_of(body, {"Meridian": "GPE"}, outlet="kqrs5.com")
    assert (east.city, east.region) == ("Meridian", "Mississippi")
    assert (west.city, west.region) == ("Meridian", "Idaho")


def test_only_a_short_station_name_reads_as_a_call_sign():
    assert "Ohio" in call_sign_states("www.wqrstv.com") and "Texas" not in call_sign_states("wqrstv.com")
    assert "Texas" in call_sign_states("kqrs12.com")
    assert call_sign_states("weatherwatch.com") == frozenset()  # a word, not K/W and three letters
    assert call_sign_states("news.wqrs.com") == frozenset()  # a section of a bigger site
    assert call_sign_states("wqrs.co.uk") == frozenset()  # call signs of this kind are the United States'


def test_the_outlets_part_of_a_headline_names_its_home_state():
    """Williamson County is in several states; the headline's outlet part says which one the station covers."""
    body = (
        "Two teens were recovering Tuesday after a rifle went off inside a pickup on a rural road in Williamson "
        "County, deputies said. Neither injury was life-threatening."
    )
    title = "Two teens hurt when rifle fires in truck - Channel 3 Southern Illinois"
    place = place_of(body, {}, title=title)
    assert (place.city, place.region) == ("Williamson County", "Illinois")
    untitled = place_of(body, {}, title="Two teens hurt when rifle fires in truck")
    assert untitled.region != "Illinois"


def test_a_place_that_opens_a_teams_name_is_its_home_not_where_it_played():
    body = (
        "The Denver Broncos held on to beat the Dolphins 24-17 on Sunday. The Broncos, who have won four "
        "straight, scored twice in the fourth quarter of the game in Miami."
    )
    place = place_of(body, {"Denver": "GPE", "Miami": "GPE"})
    assert (place.city, place.region) == ("Miami", "Florida")
    # without the nickname written alone, "Denver Broncos" is not known for a team and the lead's Denver wins
    plain = place_of(body.replace("The Broncos,", "They,"), {"Denver": "GPE", "Miami": "GPE"})
    assert plain.city == "Denver"


def test_a_place_with_a_won_lost_record_is_a_team():
    body = (
        "Toledo (9-3) won its fifth straight game on Saturday night, beating the Zips 35-14 in Akron. "
        "Toledo (9-3) has not lost since September."
    )
    place = place_of(body, {"Toledo": "GPE", "Akron": "GPE"})
    assert place.city == "Akron"


def test_the_hospital_someone_was_taken_to_is_not_where_the_shooting_was():
    body = (
        "A woman was rushed to an Atlanta hospital late Friday after she was shot outside a bar, Kennesaw "
        "police said. Doctors at the Atlanta hospital said she was expected to recover."
    )
    place = place_of(body, {"Kennesaw": "GPE", "Atlanta": "GPE"})
    assert (place.city, place.region) == ("Kennesaw", "Georgia")
    headline = place_of(
        "Police said the woman was in stable condition Saturday.", {}, title="Woman airlifted to Atlanta hospital"
    )
    assert headline is None or headline.city != "Atlanta"


def test_a_sheriffs_office_typeset_with_a_curly_apostrophe_names_its_county():
    body = (
        "A 15-year-old was hurt Saturday evening, according to the Lake County Sheriff\u2019s Office. Deputies "
        "found him in an alley behind a house."
    )
    place = place_of(body, {"Lake County Sheriff\u2019s Office": "ORG"})
    assert place is not None and place.city == "Lake County"


def test_a_list_of_states_is_not_a_town_and_its_state():
    text = "The chain closed stores in Ohio, Missouri and Iowa, and a warehouse in Springfield, Missouri."
    assert [words for _, _, words in city_state_phrases(text)] == ["Springfield, Missouri"]
