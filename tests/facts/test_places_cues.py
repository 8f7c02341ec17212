"""Words around a place name that change what it says: a team's or school's name, a company's home, a
country's own usage (invented sentences)."""

from __future__ import annotations

from storyline.facts.places import us_states_named
from tests.facts.place_helpers import place_of


def test_a_school_named_like_a_small_town_does_not_place_its_game() -> None:
    body = (
        "Marquette rallied late and Marquette fans stormed the court after the 71-64 win on Friday. "
        "Marquette's coach praised the bench. Marquette led by nine at the break. "
        "The tournament is held in Wichita, Kansas."
    )
    place = place_of(body, {"Marquette": "GPE", "Wichita": "GPE", "Kansas": "GPE"})
    assert place is not None and place.city == "Wichita"


def test_opponents_listed_after_games_against_are_teams() -> None:
    body = (
        "The club will miss its best guard for the final two games against Marquette and Elon. Marquette is "
        "next. Elon is last. He was hurt at practice in Durham."
    )
    place = place_of(body, {"Marquette": "GPE", "Elon": "GPE", "Durham": "GPE"})
    assert place is not None and place.city == "Durham"


def test_a_big_city_team_still_places_its_home_game() -> None:
    body = "Denver fans cheered as the Broncos won. Denver's coach praised the defense in the win over Oakland."
    place = place_of(body, {"Denver": "GPE", "Oakland": "GPE"})
    assert place is not None and place.city == "Denver"


def test_a_town_is_still_a_town_without_team_words() -> None:
    body = "Two men were shot in Marquette late Friday. Marquette police said the victims were taken to a hospital."
    place = place_of(body, {"Marquette": "GPE"})
    assert place is not None and place.city == "Marquette"


def test_a_company_home_does_not_place_its_launch() -> None:
    body = (
        "The Armonk, N.Y.-based company showed its new server on Tuesday at a trade show in Las Vegas. "
        "The firm, headquartered in Armonk, said the machines ship in May."
    )
    place = place_of(body, {"Armonk": "GPE", "Las Vegas": "GPE"})
    assert place is not None and place.city == "Las Vegas"


def test_a_us_phrase_picks_the_american_namesake() -> None:
    body = "A man was shot in the 300 block of Queen Street in York late Monday, police said."
    place = place_of(body, {"York": "GPE"})
    assert place is not None and (place.city, place.region) == ("York", "Pennsylvania")
    place = place_of("A man was shot on Queen Street in York late Monday, police said.", {"York": "GPE"})
    assert place is not None and place.region == "England"


def test_a_county_of_one_state_names_that_state() -> None:
    assert "Illinois" in us_states_named("He appeared in Peoria County Circuit Court on Monday.")
    assert us_states_named("He appeared in Jefferson County court on Monday.") == set()


def test_a_player_described_as_a_states_leader_is_not_a_town() -> None:
    body = (
        "Senior guard Marcus Warren hit two free throws with a minute left. The arena rose to its feet. "
        "Warren, Ohio's new career scoring leader, waved to the crowd in Columbus after the win."
    )
    place = place_of(body, {"Marcus Warren": "PERSON", "Ohio": "GPE", "Columbus": "GPE"})
    assert place is not None and place.city == "Columbus"
    # a town written the same way, with no person of that name, is still a town
    body = "Two men were shot in Warren, Ohio's oldest steel town, late Friday."
    place = place_of(body, {"Ohio": "GPE"})
    assert place is not None and place.city == "Warren"
