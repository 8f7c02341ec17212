"""A local report's bare names are places at home: a neighbourhood of its city, not a namesake town in another
state or abroad; an outlet whose web name holds a town settles which namesake its report means (invented
sentences)."""

from __future__ import annotations

from storyline.reconcile.summary import settled_place
from storyline.records import Article, Evidence, Fact, Place
from tests.facts.place_helpers import place_of


def test_a_neighbourhood_of_the_article_s_city_is_not_a_namesake_town_in_another_state():
    """A Chicago outlet's report: Austin is one of its city's neighbourhoods, not the big Texas city."""
    body = (
        "A teenager was wounded Thursday night in a shooting in the Austin neighborhood on the West Side. "
        "He was on a porch in the 100 block of North Pine Avenue when a gray sedan drove by and someone inside "
        "fired, police said."
    )
    place = place_of(body, {"Austin": "GPE"}, outlet="chicago.examplenews.com")
    assert (place.city, place.region) == ("Chicago", "Illinois")
    # the same report without the neighbourhood cue reads Austin as the Texas city
    plain = place_of(body.replace("the Austin neighborhood", "Austin"), {"Austin": "GPE"},
                     outlet="chicago.examplenews.com")
    assert (plain.city, plain.region) == ("Austin", "Texas")


def test_a_town_called_a_neighbourhood_stays_itself_when_the_article_places_nothing_elsewhere():
    body = (
        "A woman was shot late Friday in South Bend. Neighbors in the quiet South Bend neighborhood said they "
        "heard a dozen shots just after midnight."
    )
    place = place_of(body, {"South Bend": "GPE"})
    assert (place.city, place.region) == ("South Bend", "Indiana")


def test_a_local_report_s_bare_name_is_not_a_big_namesake_abroad():
    """Algiers is a big city abroad and a part of New Orleans; a report written in US local usage means the
    part of its own city."""
    body = (
        "NEW ORLEANS -- A man was shot in Algiers late Tuesday and taken to a hospital in serious condition. "
        "It happened around 9 p.m. in the 2100 block of Sandra Drive, police said."
    )
    place = place_of(body, {"NEW ORLEANS": "GPE", "Algiers": "GPE"})
    assert (place.city, place.region) == ("New Orleans", "Louisiana")
    # a report that names the country abroad keeps the city there
    abroad = "A bomb went off in Algiers on Tuesday, Algeria's interior ministry said, wounding six people."
    place = place_of(abroad, {"Algiers": "GPE", "Algeria": "GPE"})
    assert (place.city, place.country) == ("Algiers", "Algeria")


def test_an_outlet_at_home_in_the_us_reads_a_bare_name_there_not_abroad():
    """Colchester is a big English town and a small one in Vermont: a Vermont outlet means the latter."""
    body = "A man was shot and wounded outside a bar in Colchester early Saturday, according to police."
    place = place_of(body, {"Colchester": "GPE"}, outlet="vermontnews.com")
    assert (place.city, place.region) == ("Colchester", "Vermont")
    # an outlet abroad keeps the English town
    assert place_of(body, {"Colchester": "GPE"}, outlet="eastnews.co.uk").country == "United Kingdom"


def test_towns_named_together_do_not_make_a_region_abroad_for_an_outlet_at_home():
    """Colchester and Marlborough are both English towns; an American outlet's report of them still means
    towns at home, not a region abroad the two names share."""
    body = (
        "A man was wounded in a shooting in Colchester on Saturday night, and a second man was found hurt "
        "in Marlborough, police said."
    )
    place = place_of(body, {"Colchester": "GPE", "Marlborough": "GPE"}, outlet="vermontnews.com")
    assert place.country == "United States"


def _fact(article_id: str, place: Place) -> Fact:
    evidence = Evidence(article_id, "A man was shot on Elm Street on Sunday.", 0, 38)
    return Fact(f"{article_id}:0", article_id, "attack", "190", "ASSAULT", "shot", evidence, place=place)


def _article(article_id: str, outlet: str) -> Article:
    return Article(article_id, f"/corpus/{article_id}.txt", "A man was shot on Elm Street on Sunday.", [],
                   outlet=outlet)


def test_an_outlet_named_after_a_town_settles_which_namesake_its_reports_mean():
    """One report's town resolved to a namesake elsewhere; the other comes from an outlet named after the town
    in Georgia, which tells the event's reports which Augusta they mean."""
    guessed = Place("Augusta", "Augusta", "Maine", "United States", "entity", article_wide=True)
    home = Place("news.augusta.com", "Augusta", "Georgia", "United States", "web_name", article_wide=True)
    facts = [_fact("a", guessed), _fact("b", home)]
    articles = {"a": _article("a", "wxyz.com"), "b": _article("b", "news.augusta.com")}
    assert settled_place(facts, facts, articles).region == "Georgia"
    # without the outlets the guessed report's two votes win
    assert settled_place(facts, facts, {}).region == "Maine"
