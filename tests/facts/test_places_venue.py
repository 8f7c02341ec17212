"""Where a happening was held: the venue's town of a gathering or a trial, and a writer's or speaker's "here in"
town, beat the company's home, the crime scene and the outlet's home town (invented sentences)."""

from __future__ import annotations

from tests.facts.place_helpers import place_of


def test_a_product_shown_at_a_trade_show_is_placed_at_the_show_not_the_company_s_town() -> None:
    body = (
        "Brightline Inc. showed off a thinner laptop on Tuesday at the annual Gadget Expo in Las Vegas, its "
        "first new machine in two years. Engineers in Portland spent two years on the design. "
        "The laptop ships in March, the Portland company said. Portland analysts were unimpressed."
    )
    place = place_of(body, {"Las Vegas": "GPE", "Portland": "GPE"})
    assert place is not None and place.city == "Las Vegas"


def test_a_conviction_is_placed_at_the_trial_s_town_not_the_crime_scene() -> None:
    body = (
        "A former camp counselor was convicted Thursday of assaulting two girls at a lake camp outside Eldridge. "
        "Jurors deliberated for four hours after the week-long trial in Davenport. The girls told Eldridge "
        "police about the assaults in 2019, and Eldridge parents have since closed the camp."
    )
    place = place_of(body, {"Eldridge": "GPE", "Davenport": "GPE"})
    assert place is not None and place.city == "Davenport"


def test_a_speaker_s_here_in_places_the_game_over_the_outlet_s_home_town() -> None:
    """A home-town paper's game story: the team played away, which only a quote deep in the story says."""
    body = (
        "Marcus Hale scored 21 points and the Hornets beat the Rams 70-61 on Friday in the conference "
        "quarterfinals. Hale hit four straight free throws late. The Hornets shot 48 percent. The Rams lost "
        "their third game in a row. Coach Dana Pruitt rested two starters. The Hornets play again on "
        "Saturday. \"It was special to do it in front of a big crowd here in Memphis,\" Hale said."
    )
    place = place_of(body, {"Memphis": "GPE"}, outlet="daytonsportsdesk.com")
    assert place is not None and place.city == "Memphis"


def test_the_court_a_shooting_suspect_is_to_be_arraigned_at_does_not_place_the_shooting() -> None:
    body = (
        "A teenager was shot and killed Friday night at an apartment in Copley, police said. "
        "A friend was handling the gun when it went off, according to police. He was charged with manslaughter "
        "and is to be arraigned at First District Court in Akron on Saturday."
    )
    place = place_of(body, {"Copley": "GPE", "Akron": "GPE"})
    assert place is not None and place.city == "Copley"
