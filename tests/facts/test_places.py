"""Place resolution against the GeoNames gazetteer, on invented sentences (mentions built by hand, no spaCy)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from storyline.facts.places import (
    PlaceContext,
    article_context,
    article_place,
    consensus_place,
    find_dateline,
    resolve_place,
    town_within,
)
from storyline.reconcile.summary import settled_place
from storyline.records import Evidence, Fact, Mention, Place, Sentence


def analyse(body: str, places: dict[str, str]) -> tuple[list[Mention], list[Sentence]]:
    """Sentences split at ". " and a mention for every occurrence of each given name with its label."""
    sentences, start = [], 0
    for match in re.finditer(r"[^.!?]+(?:[.!?]+|$)", body):
        text = match.group(0).strip()
        if text:
            begin = body.index(text, start)
            sentences.append(Sentence(begin, begin + len(text), text))
            start = begin + len(text)
    mentions = []
    for name, label in places.items():
        for match in re.finditer(re.escape(name), body):
            index = max(i for i, s in enumerate(sentences) if s.start <= match.start())
            mentions.append(Mention(name, label, match.start(), match.end(), index, name.lower()))
    return mentions, sentences


def place_of(body: str, places: dict[str, str], title: str | None = None):
    mentions, sentences = analyse(body, places)
    context = article_context(body, mentions, title=title)
    return article_place(body, mentions, sentences, context)


@pytest.mark.slow  # a fresh interpreter imports spaCy
def test_gazetteer_is_not_loaded_on_import():
    code = "import storyline.facts, storyline.facts.places as p; print(p.gazetteer.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"


@pytest.mark.parametrize(
    ("paragraph", "city", "region", "country"),
    [
        ("FLINT, Mich. (AP) — Two men were wounded early Sunday.", "Flint", "Michigan", "United States"),
        ("LONDON (Reuters) - A fire gutted a warehouse on Friday.", "London", "England", "United Kingdom"),
        ("NEW YORK — A subway passenger was hurt on Monday.", "New York City", "New York", "United States"),
        ("SAN ANGELO, Texas — Jurors returned a verdict.", "San Angelo", "Texas", "United States"),
        ("BOISE | Two hikers were rescued on Sunday.", "Boise", "Idaho", "United States"),
    ],
)
def test_datelines(paragraph, city, region, country):
    found = find_dateline("Menu\n\nSign in\n\n" + paragraph, PlaceContext())
    assert found is not None
    place = found[1]
    assert (place.city, place.region, place.country, place.source) == (city, region, country, "dateline")


def test_street_block_phrase_gives_the_town():
    body = (
        "A 19-year-old man was shot Tuesday night in the 300 block of North Street in Elgin, police said. "
        "He was taken to a hospital in Chicago and is expected to survive."
    )
    place = place_of(body, {"Elgin": "GPE", "Chicago": "GPE"})
    assert (place.city, place.region, place.source) == ("Elgin", "Illinois", "street")


def test_ambiguous_name_takes_the_state_named_elsewhere():
    body = (
        "Officers found the victim near Main and 5th streets in Springfield shortly after midnight. "
        "It was the third shooting this month in the city, the Illinois State Police said."
    )
    place = place_of(body, {"Springfield": "GPE", "Illinois": "GPE"})
    assert (place.city, place.region) == ("Springfield", "Illinois")
    context = PlaceContext()
    context.regions["Massachusetts"] += 1
    assert resolve_place("Springfield", context).region == "Massachusetts"


def test_city_state_pattern_with_ap_abbreviation():
    place = resolve_place("Flint, Mich.", PlaceContext())
    assert (place.city, place.region, place.country, place.source) == ("Flint", "Michigan", "United States", "pattern")
    small = resolve_place("Cold Hollow, Ky.", PlaceContext())  # not in the gazetteer: kept as written
    assert (small.city, small.region) == ("Cold Hollow", "Kentucky")


def test_foreign_city_has_region_and_country():
    body = "The champion defended his title before 14,000 fans in Mannheim on Saturday night, Germany's sports press said."
    place = place_of(body, {"Mannheim": "GPE", "Germany": "GPE"})
    assert (place.city, place.region, place.country) == ("Mannheim", "Baden-Württemberg", "Germany")


def test_sea_or_gulf_is_a_region_only():
    place = resolve_place("the Gulf of Aden", PlaceContext())
    assert (place.city, place.region, place.country) == (None, "Gulf of Aden", None)


def test_country_or_state_alone_has_no_city():
    assert resolve_place("Indonesia", PlaceContext()).city is None
    state = resolve_place("Michigan", PlaceContext())
    assert (state.city, state.region, state.country) == (None, "Michigan", "United States")


def test_county_is_a_city_key_in_its_state():
    context = PlaceContext()
    context.regions["Texas"] += 2
    place = resolve_place("Harris County", context)
    assert (place.city, place.region) == ("Harris County", "Texas")


def test_neighbourhood_in_a_city_article_goes_to_the_city_of_its_police():
    body = "Two teenagers were wounded in Englewood on Friday evening, Chicago police said. Illinois lawmakers reacted."
    place = place_of(body, {"Englewood": "GPE", "Chicago": "GPE", "Illinois": "GPE"})
    assert (place.city, place.region) == ("Chicago", "Illinois")


def test_town_beats_the_county_of_its_sheriff():
    body = (
        "Lake County sheriff's deputies were called to a house in Painesville late Sunday after a man was shot. "
        "Lake County investigators said the man was in stable condition. Lake County has seen three such cases."
    )
    place = place_of(body, {"Lake County": "GPE", "Painesville": "GPE"})
    assert (place.city, place.region) == ("Painesville", "Ohio")


def test_county_takes_the_state_its_article_s_towns_share():
    body = "A hunter was hurt near Painesville on Saturday, Lake County deputies said, and flown to Cleveland."
    mentions, _ = analyse(body, {"Painesville": "GPE", "Lake County": "GPE", "Cleveland": "GPE"})
    context = article_context(body, mentions)
    context.focus = None  # the county alone, not read as the article's town
    assert resolve_place("Lake County", context).region == "Ohio"
    assert resolve_place("Lake Co.", context).city == "Lake County"


def test_county_named_in_one_state_only_names_that_state():
    body = "Deputies said the boy was hurt near Oakdale on Sunday, according to Tuolumne County officials."
    mentions, _ = analyse(body, {"Oakdale": "GPE", "Tuolumne County": "GPE"})
    context = article_context(body, mentions)
    assert context.regions["California"] >= 1
    assert (context.focus.city, context.focus.region) == ("Oakdale", "California")


def test_coarse_phrase_holding_the_article_s_town_is_read_as_that_town():
    body = (
        "FARGO, N.D. (AP) — A man was shot outside a bar early Sunday. "
        "It was the second shooting in North Dakota this week."
    )
    mentions, _ = analyse(body, {"North Dakota": "GPE", "Minnesota": "GPE"})
    context = article_context(body, mentions)
    state = resolve_place("North Dakota", context)
    assert (state.text, state.city, state.region) == ("North Dakota", "Fargo", "North Dakota")
    assert resolve_place("Minnesota", context).city is None  # another state stays itself


def test_division_of_a_country_not_named_needs_support():
    body = "Officers were called to a home in Southwest on Monday, Texas authorities said."
    mentions, _ = analyse(body, {"Southwest": "LOC", "Texas": "GPE"})
    context = article_context(body, mentions)
    assert resolve_place("Southwest", context) is None


def test_headline_names_the_town_the_ner_missed():
    body = "A 16-year-old was wounded by a stray bullet on Saturday night. Officers in Kalispell are looking for a car."
    place = place_of(body, {}, title="Teen wounded in Kalispell shooting - Channel 9 News")
    assert (place.city, place.region, place.source) == ("Kalispell", "Montana", "headline")
    # after "in" the headline's town counts even where the body says only "the city"
    body = "Three people were hurt in two shootings on Sunday, city police said."
    place = place_of(body, {}, title="Three hurt in Kalamazoo shootings")
    assert (place.city, place.region) == ("Kalamazoo", "Michigan")
    # a headline word the body also writes in lower case is a common word, not a town
    body = "The spring storm brought down trees across the Spring district, the utility said."
    assert place_of(body, {}, title="Spring storm knocks out power") is None


def test_local_force_named_in_the_body():
    body = "Two men were hurt in a fight outside a bar early Sunday, Waukegan police said."
    place = place_of(body, {})
    assert (place.city, place.region) == ("Waukegan", "Illinois")


def test_common_word_or_name_is_not_a_place_without_support():
    body = "Detective Marion Cole said the victim was shot while walking home. The suspect remains at large."
    assert place_of(body, {"Marion Cole": "PERSON"}) is None
    assert resolve_place("police", PlaceContext()) is None
    assert resolve_place("Tuesday, Georgia", PlaceContext()) is None


def test_outlet_home_town_is_only_weak_evidence():
    body = "A man was shot Saturday in Oakland, California, police said."
    place = place_of(body, {"Oakland": "GPE", "California": "GPE"}, title="Local news for Tulsa, Okla.")
    assert (place.city, place.region) == ("Oakland", "California")


def test_neighbourhood_of_the_article_s_big_city_is_read_as_the_city():
    body = (
        "CHICAGO (AP) — A woman was wounded by gunfire late Friday, Chicago police said. "
        "The shooting in Hyde Park was the fourth in the city this weekend."
    )
    mentions, _ = analyse(body, {"Chicago": "GPE", "Hyde Park": "GPE"})
    context = article_context(body, mentions)
    assert (context.focus.city, context.focus.region) == ("Chicago", "Illinois")
    assert resolve_place("Hyde Park", context).city == "Chicago"
    assert resolve_place("Evanston", context).city == "Evanston"  # a town of its own, farther out


def test_page_furniture_is_not_a_dateline():
    assert find_dateline("DATE: March 3, 2016\n\nOfficers responded to a call.", PlaceContext()) is None


def test_big_city_name_does_not_back_its_own_state():
    body = "A man was shot at a home in Dallas on Sunday, Gaston County deputies said. North Carolina troopers helped."
    place = place_of(body, {"Dallas": "GPE", "Gaston County": "GPE", "North Carolina": "GPE"})
    assert (place.city, place.region) == ("Dallas", "North Carolina")


def test_a_neighbourhood_headlined_as_the_place_is_reported_as_its_big_city():
    """GeoNames files neighbourhoods as populated places; an article that names its big city keys the event
    to that city, however often it names the neighbourhood."""
    body = (
        "A man was shot in Dorchester late Saturday, Boston police said. "
        "The Dorchester shooting was the second there this week."
    )
    place = place_of(body, {"Dorchester": "GPE", "Boston": "GPE"}, title="Man shot in Dorchester")
    assert (place.city, place.region) == ("Boston", "Massachusetts")


def test_a_bare_county_name_takes_its_most_populous_county():
    """Twenty-odd states have a county of the name; with no state named, the big one is the likelier."""
    place = resolve_place("Harris County", PlaceContext())
    assert (place.city, place.region) == ("Harris County", "Texas")
    context = PlaceContext()
    context.regions["Georgia"] += 1  # a state the article names still wins over size
    assert resolve_place("Harris County", context).region == "Georgia"


def test_one_report_that_names_the_state_settles_the_others():
    guessed = Place("Cameron", "Cameron", "British Columbia", "Canada", "entity")
    stated = Place("CAMERON, W.Va. (AP)", "Cameron", "West Virginia", "United States", "dateline")
    place = consensus_place([guessed, guessed, stated])
    assert (place.city, place.region, place.text) == ("Cameron", "West Virginia", "CAMERON, W.Va. (AP)")
    # without a report that states it, the most reports win, and a tie goes to the town, then the first
    other = Place("Cameron", "Cameron", "Missouri", "United States", "entity")
    assert consensus_place([guessed, other, other]).region == "Missouri"
    state = Place("Missouri", None, "Missouri", "United States", "entity")
    assert consensus_place([state, other]).city == "Cameron"
    assert consensus_place([Place("somewhere")]) is None


def test_settled_place_reads_the_facts_places_together():
    def fact(place: Place | None) -> Fact:
        evidence = Evidence("a", "A boy was shot in Monroe.", 0, 25)
        return Fact("a:0", "a", "attack", "190", "ASSAULT", "shot", evidence, place=place)

    guessed = Place("Monroe", "Monroe", "Louisiana", "United States", "entity")
    stated = Place("Monroe, Conn.", "Monroe", "Connecticut", "United States", "pattern")
    assert settled_place([fact(guessed), fact(None), fact(guessed), fact(stated)]).region == "Connecticut"
    assert settled_place([fact(None)]) is None


def _fact_at(place: Place) -> Fact:
    evidence = Evidence("a", "Deputies found a man shot outside a store on Tuesday night.", 0, 58)
    return Fact("a:0", "a", "attack", "190", "ASSAULT", "shot", evidence, place=place)


def test_a_report_s_place_for_its_news_outweighs_places_its_sentences_give_in_passing():
    """Two reports elect Dayton; three sentences name the suspect's home town in passing."""
    dayton = Place("DAYTON, Ohio", "Dayton", "Ohio", "United States", "dateline", article_wide=True)
    home = Place("Springfield", "Springfield", "Ohio", "United States", "entity")
    place = settled_place([_fact_at(p) for p in (dayton, home, home, home, dayton)])
    assert place.city == "Dayton"
    # without the reports' own places, the sentences' town wins
    assert settled_place([_fact_at(p) for p in (home, home, home)]).city == "Springfield"
    # a report whose lead is of another type than the event's main facts still votes with its own place
    main, others = [_fact_at(home), _fact_at(dayton)], [_fact_at(dayton)]
    assert settled_place(main, main + others).city == "Dayton"
    assert settled_place([], [_fact_at(home)]).city == "Springfield"  # no main place: any fact's


def test_a_county_that_wins_hands_over_to_the_town_named_inside_it():
    county = Place("Lee County", "Lee County", "Florida", "United States", "entity", article_wide=True)
    town = Place("Lehigh Acres", "Lehigh Acres", "Florida", "United States", "entity")
    elsewhere = Place("Macon", "Macon", "Georgia", "United States", "entity")
    assert town_within(county, [county, town, elsewhere]).city == "Lehigh Acres"
    assert settled_place([_fact_at(p) for p in (county, county, town)]).city == "Lehigh Acres"
    # a town of another state is no part of the county; a winning town stays
    assert town_within(county, [county, elsewhere]).city == "Lee County"
    assert town_within(town, [county, elsewhere]) == town
    assert town_within(None, [town]) is None


def test_a_state_agency_names_the_state():
    body = (
        "JEFFERSON — A child was killed Sunday in what appears to be an accidental shooting, police said. "
        "The Georgia Bureau of Investigation is leading the inquiry."
    )
    mentions, sentences = analyse(body, {"Georgia Bureau of Investigation": "ORG"})
    context = article_context(body, mentions)
    assert context.regions["Georgia"] >= 1
    assert article_place(body, mentions, sentences, context).region == "Georgia"


def test_a_county_inside_an_organisation_names_its_state():
    """ "Peoria County" exists in one state only; the NER tags the court, not the county."""
    body = "PEORIA — A man was held on bond Monday in Peoria County Circuit Court after a girl was shot in her bed."
    mentions, _ = analyse(body, {"Peoria County Circuit Court": "ORG"})
    context = article_context(body, mentions)
    assert (context.dateline.city, context.dateline.region) == ("Peoria", "Illinois")


def test_names_the_ner_left_untagged_agree_on_one_state():
    """ "Butler County deputies and Fairfield police": places named together are near each other, and of
    the states that hold all three names, the one where they are big places wins over a bigger namesake."""
    body = "A man was shot in Hamilton late Sunday, police said. Butler County deputies and Fairfield police helped."
    mentions, sentences = analyse(body, {"Hamilton": "GPE"})
    place = article_place(body, mentions, sentences, article_context(body, mentions))
    assert (place.city, place.region) == ("Hamilton", "Ohio")


def test_a_town_the_ner_missed_is_found_from_the_words_around_it():
    body = (
        "Troup County deputies are searching for a man in connection with a murder investigation in LaGrange. "
        "Deputies were called to the home late Saturday."
    )
    mentions, sentences = analyse(body, {"Troup County": "GPE"})
    place = article_place(body, mentions, sentences, article_context(body, mentions))
    assert (place.city, place.region) == ("LaGrange", "Georgia")
    # a name the text also writes in lower case is a word, not a town
    body = "Troup County deputies said the shooting happened in Spring, when the spring rains began."
    mentions, sentences = analyse(body, {"Troup County": "GPE"})
    assert article_place(body, mentions, sentences, article_context(body, mentions)).city == "Troup County"


def test_a_part_of_a_city_is_not_a_foreign_town_of_its_last_word():
    body = "A man was shot on the South Side on Saturday, a hospital spokesman said."
    mentions, sentences = analyse(body, {"South Side": "LOC"})
    assert article_place(body, mentions, sentences, article_context(body, mentions)) is None


def test_a_city_named_after_a_state_does_not_name_the_state():
    body = "A man was shot near the river on Friday, the Kansas City Police Department said."
    mentions, _ = analyse(body, {"Kansas City Police Department": "ORG"})
    assert article_context(body, mentions).regions["Kansas"] == 0
    body = "Troopers of the Florida Highway Patrol closed the road after the shooting."
    mentions, _ = analyse(body, {"Florida Highway Patrol": "ORG"})
    assert article_context(body, mentions).regions["Florida"] == 1


def test_a_county_written_after_the_names_its_state():
    """A county of one state backs the towns of that state over a bigger namesake abroad."""
    body = "The Citrus County Sheriff's Office said a man was shot late Friday outside a store in Inverness."
    place = place_of(body, {"Citrus County Sheriff's Office": "LOC", "Inverness": "GPE"})
    assert (place.city, place.region) == ("Inverness", "Florida")


def test_a_headline_name_before_a_happenings_noun_is_the_town():
    """ "... in overnight Kokomo shooting": the name before "shooting" places the happening even where the body
    names no town, in lower or title case, after an adjective of the headline's."""
    body = "Officers found three men with gunshot wounds in the 400 block of Elm Street around 2 a.m. One died."
    place = place_of(body, {}, title="Several hurt, 1 dead in overnight Kokomo shooting")
    assert (place.city, place.region, place.source) == ("Kokomo", "Indiana", "headline")
    place = place_of(body, {}, title="Deadly Kokomo Shooting Under Investigation - Channel 4")
    assert (place.city, place.region) == ("Kokomo", "Indiana")
    # a person's name before the noun is no town
    body = "Family members of Marion Cole gathered Sunday. Cole, 19, was shot on Elm Street."
    assert place_of(body, {"Marion Cole": "PERSON"}, title="Vigil held after Marion Cole shooting") is None


def test_a_town_no_other_place_shares_its_name_with_needs_no_named_state():
    """A small town is read without its state named when no namesake exists anywhere and the article names
    no region that would make it a neighbourhood elsewhere."""
    body = "Bayou La Batre police said a man was shot outside a bait shop on Saturday. He is expected to recover."
    place = place_of(body, {"Bayou La Batre": "GPE"})
    assert (place.city, place.region) == ("Bayou La Batre", "Alabama")
    # with another region named, it still needs its own
    body = "Bayou La Batre police said a man from Texas was shot outside a bait shop on Saturday."
    assert place_of(body, {"Bayou La Batre": "GPE", "Texas": "GPE"}).region != "Alabama"


def test_reports_tied_on_two_towns_take_the_one_a_dateline_gives():
    """Two reports each give their own town as often: the one whose town comes from a dateline, not from a
    passing mention, settles the tie."""
    mention = Place("Riverton", "Riverton", "Wyoming", "United States", "entity", article_wide=True)
    dateline = Place("LANDER (KCWY)", "Lander", "Wyoming", "United States", "dateline", article_wide=True)
    assert consensus_place([mention, mention, dateline, dateline]).city == "Lander"


def test_a_state_agency_inside_a_longer_organisation_names_the_state():
    """ "the Oak Hill detachment of the West Virginia State Police": the state's agency names the state though
    the NER tags the whole as one organisation, so the small town is that state's, not a bigger namesake's."""
    body = (
        "A woman was shot Friday outside a home near Fayetteville, according to the Oak Hill detachment "
        "of the West Virginia State Police. Troopers said she is expected to recover."
    )
    place = place_of(
        body, {"Fayetteville": "GPE", "the Oak Hill detachment of the West Virginia State Police": "ORG"}
    )
    assert (place.city, place.region) == ("Fayetteville", "West Virginia")
