from storyline.facts import extract_facts, parse_needs
from storyline.nlp import Analyzer
from storyline.settings import FactsSettings, NlpSettings
from tests.nlp.helpers import article

PUBLISHED = "2024-05-08"  # a Wednesday

STORY = """The government of Norland freed more than 40 jailed journalists on Tuesday in Port Avel, the rights group Clearwater reported.

Forty-three detainees were released, including two editors, but dozens remain behind bars.

In return, the Union said it would lift sanctions on Norland's state airline, two grain traders and the Central Bank.

A 61-year-old editor said he had served his full four-year sentence.

Norland had freed 12 prisoners in February 2023, according to Amnesty Watch.

Police arrested opposition leader Mara Quell in the capital last week."""


def facts_of(text, published=PUBLISHED):
    story = article("s1", text, published)
    ((analysis, doc),) = Analyzer(NlpSettings(), parse_needs()).analyze([story])
    return story, extract_facts(story, analysis, doc, FactsSettings())


def fact_with(facts, event_type, words):
    return next(f for f in facts if f.event_type == event_type and words in f.evidence.sentence)


def test_facts_are_typed_with_plover_and_cameo_and_keep_their_sentence():
    story, facts = facts_of(STORY)
    release = fact_with(facts, "Justice:Release-Parole", "more than 40")
    assert (release.plover, release.cameo) == ("RETREAT", "0841")
    assert story.body[release.evidence.start : release.evidence.end] == release.evidence.sentence
    assert fact_with(facts, "Sanctions:Ease", "lift").cameo == "085"
    assert fact_with(facts, "Justice:Arrest-Jail", "Police").plover == "COERCE"


def test_counts_with_qualifiers_and_number_words():
    _, facts = facts_of(STORY)
    first = fact_with(facts, "Justice:Release-Parole", "more than 40").counts["freed"]
    assert (first.low, first.high, first.qualifier) == (41, None, "more_than")
    assert fact_with(facts, "Justice:Release-Parole", "Forty-three").counts["freed"].value == 43


def test_ages_and_terms_are_not_counts():
    _, facts = facts_of(STORY)
    for fact in facts:
        if "61-year-old" in fact.evidence.sentence:
            assert not fact.counts


def test_date_relative_to_publication_and_place():
    _, facts = facts_of(STORY)
    release = fact_with(facts, "Justice:Release-Parole", "more than 40")
    assert (release.date.iso, release.date.precision, release.date.text) == ("2024-05-07", "day", "Tuesday")
    assert release.place.text == "Port Avel"


def test_attribution():
    _, facts = facts_of(STORY)
    assert fact_with(facts, "Justice:Release-Parole", "more than 40").attribution == "the rights group Clearwater reported"
    assert fact_with(facts, "Justice:Release-Parole", "February 2023").attribution == "according to Amnesty Watch"


def test_concession_object_keeps_the_whole_list_and_is_linked_in_exchange():
    _, facts = facts_of(STORY)
    easing = fact_with(facts, "Sanctions:Ease", "lift")
    assert "airline" in easing.object and "grain traders" in easing.object and "Central Bank" in easing.object
    assert "In return" not in easing.object
    (relation,) = easing.relations
    partner = next(f for f in facts if f.fact_id == relation.target_fact)
    assert relation.kind == "in_exchange_for" and partner.event_type == "Justice:Release-Parole"
    assert any(r.target_fact == easing.fact_id for r in partner.relations)


def test_earlier_releases_are_background_and_the_news_is_not():
    _, facts = facts_of(STORY)
    earlier = fact_with(facts, "Justice:Release-Parole", "February 2023")
    assert earlier.background and earlier.date.iso == "2023-02" and earlier.counts["freed"].value == 12
    assert not fact_with(facts, "Justice:Release-Parole", "more than 40").background


def test_exchange_stated_with_for_links_the_two_facts():
    _, facts = facts_of("Talvia released nine activists in exchange for the easing of sanctions on its potash mines.")
    release = fact_with(facts, "Justice:Release-Parole", "Talvia")
    easing = fact_with(facts, "Sanctions:Ease", "Talvia")
    assert [r.target_fact for r in release.relations] == [easing.fact_id]
    assert "potash" in easing.object


def test_a_demanded_release_is_not_a_release():
    _, facts = facts_of("The senator urged the release of all remaining prisoners.")
    assert [f.event_type for f in facts] == ["Contact:Appeal"]


def test_part_of_a_group_and_follow_up_relation():
    _, facts = facts_of(
        "Talvia freed 30 activists on Monday following talks with the Union.\n\n"
        "Officials said nine of the detainees were released into exile."
    )
    release = fact_with(facts, "Justice:Release-Parole", "30 activists")
    talks = fact_with(facts, "Contact:Negotiate", "30 activists")
    assert [(r.kind, r.target_fact) for r in release.relations] == [("follows", talks.fact_id)]
    assert release.date.iso == "2024-05-06"
    nine = fact_with(facts, "Justice:Release-Parole", "nine of the").counts["freed"]
    assert (nine.value, nine.qualifier) == (9, "part_of")


def test_imposing_sanctions_meetings_and_statements():
    _, facts = facts_of(
        "The Union imposed sanctions on three Talvian refineries on Friday.\n\n"
        "The foreign minister met her Talvian counterpart in Geneva.\n\n"
        '"We will not bow to pressure," the Talvian government said.'
    )
    imposed = fact_with(facts, "Sanctions:Impose", "refineries")
    assert (imposed.plover, imposed.cameo) == ("COERCE", "163") and "refineries" in imposed.object
    assert not imposed.counts  # three refineries are not participants of a count of people freed
    meeting = fact_with(facts, "Contact:Meet", "Geneva")
    assert meeting.place.text == "Geneva" and meeting.cameo == "040"
    statement = fact_with(facts, "Contact:Statement", "pressure")
    assert statement.cameo == "010" and statement.actor.text == "the Talvian government"


def test_a_speech_verb_that_reports_a_fact_is_its_attribution_not_a_statement():
    _, facts = facts_of("Talvia released 12 prisoners, a Union official said.")
    assert [f.event_type for f in facts] == ["Justice:Release-Parole"]
    assert facts[0].attribution == "a Union official said"


def test_possible_and_conditional_happenings_are_not_facts():
    _, facts = facts_of(
        "Talks could lead to the release of up to 500 remaining prisoners.\n\n"
        "If Talvia were to free all detainees, sanctions could be lifted.\n\n"
        "The Union would ease sanctions if the prisoners were freed."
    )
    assert not [f for f in facts if f.event_type in {"Justice:Release-Parole", "Sanctions:Ease"}]


def test_others_released_continue_the_background_fact_before_them():
    _, facts = facts_of("Another 14 prisoners were pardoned in June 2022. Eleven others were released and sent abroad.")
    others = fact_with(facts, "Justice:Release-Parole", "Eleven others")
    assert others.counts["freed"].value == 11 and others.background and others.date.iso == "2022-06"


def test_object_leaves_out_appositions_and_purposes_are_not_facts():
    _, facts = facts_of(
        "The Union lifted its sanctions on timber, the country's main export.\n\n"
        "Both sides will continue their efforts to free remaining prisoners."
    )
    assert fact_with(facts, "Sanctions:Ease", "timber").object == "its sanctions on timber"
    assert not [f for f in facts if f.event_type == "Justice:Release-Parole"]


def test_releases_of_things_and_patients_are_not_releases_of_detainees():
    _, facts = facts_of(
        "The ministry said in a news release that the talks went well.\n\n"
        "The names of the victims have not been released.\n\n"
        "The driver was treated and released.\n\n"
        "The company released a new phone on Monday.\n\n"
        "Guards released 30 inmates on Monday."
    )
    releases = [f for f in facts if f.event_type == "Justice:Release-Parole"]
    assert [f.counts["freed"].value for f in releases] == [30]


def test_dated_context_is_background_for_the_timeline():
    _, facts = facts_of(
        "Protests followed the disputed presidential election of October 2019.\n\n"
        "The Union closed its embassy in Port Avel in March 2021.\n\n"
        "Marek Dvorak has ruled Talvia since 2004."
    )
    election = fact_with(facts, "Personnel:Elect", "October 2019")
    closing = fact_with(facts, "Diplomacy:Break-Relations", "embassy")
    ruling = fact_with(facts, "Personnel:Hold-Office", "since 2004")
    assert (election.date.iso, closing.date.iso, ruling.date.iso) == ("2019-10", "2021-03", "2004")
    assert election.background and closing.background and ruling.background
    assert (closing.plover, closing.cameo) == ("SANCTION", "161")


def test_taken_off_a_sanctions_list():
    _, facts = facts_of("The Union removed the state miner Kolvat and its smelters from its sanctions list.")
    assert fact_with(facts, "Sanctions:Ease", "Kolvat").object == (
        "the state miner Kolvat and its smelters from its sanctions list"
    )


def test_walking_free_is_a_release_with_its_count():
    _, facts = facts_of("Thirty prisoners walked free in Port Avel on Monday. The guards set them free.")
    walked = fact_with(facts, "Justice:Release-Parole", "walked free")
    assert (walked.counts["freed"].value, walked.date.iso, walked.place.text, walked.actor) == (30, "2024-05-06", "Port Avel", None)
    assert fact_with(facts, "Justice:Release-Parole", "set them free").actor.text == "The guards"


def test_a_release_months_before_the_news_is_background():
    _, facts = facts_of("The release comes four months after Talvia freed 31 prisoners.")
    earlier = fact_with(facts, "Justice:Release-Parole", "31 prisoners")
    assert earlier.counts["freed"].value == 31 and earlier.background


def test_dates_reached_through_a_relative_clause_or_a_participle():
    _, facts = facts_of(
        "It was the second release since February, when 12 activists were freed.\n\n"
        "Talvia freed 20 people held on political charges on Monday."
    )
    assert fact_with(facts, "Justice:Release-Parole", "12 activists").date.iso == "2024-02"
    assert fact_with(facts, "Justice:Release-Parole", "20 people").date.iso == "2024-05-06"


SHOOTING = """ELGIN, Ill. (AP) — Two men were shot, one fatally, late Saturday in the 300 block of North Street, police said.

The wounded man, 24, was taken to a hospital in stable condition. No arrests have been made.

Officers were called to the block about 11:40 p.m. after neighbors reported hearing several gunshots."""


def test_a_shooting_has_its_toll_by_role_its_place_and_the_day_it_happened():
    _, facts = facts_of(SHOOTING, published="2024-05-05")  # a Sunday
    attack = next(f for f in facts if f.event_type == "Conflict:Attack" and "killed" in f.counts)
    assert (attack.counts["killed"].value, attack.counts["injured"].value) == (1, 1)
    assert (attack.place.city, attack.place.region, attack.place.country) == ("Elgin", "Illinois", "United States")
    assert (attack.date.iso, attack.date.precision) == ("2024-05-04", "day")  # 'late Saturday', not the Sunday report
    assert attack.cameo == "180" and attack.plover == "ASSAULT"


def test_other_kinds_of_news_get_their_own_types():
    _, facts = facts_of(
        "The club fired its head coach on Monday after a sixth straight defeat.\n\n"
        "Shares rose after the carmaker agreed to acquire a battery maker for $2 billion.\n\n"
        "A magnitude 6.1 earthquake struck the coast early Tuesday, and at least 12 people were killed."
    )
    types = {f.event_type for f in facts}
    assert {"Personnel:End-Position", "Transaction:Transfer-Ownership", "Disaster:Natural"} <= types
    assert not any(f.event_type == "Justice:Release-Parole" for f in facts)


def test_a_product_release_and_a_patient_released_free_no_one():
    _, facts = facts_of(
        "The company will release the new phone in March. The company released its quarterly results on Monday.\n\n"
        "The driver was treated and released from the hospital."
    )
    assert not any(f.event_type == "Justice:Release-Parole" for f in facts)


def test_a_headline_tells_the_toll_when_the_body_states_no_happening():
    """A teaser page whose body is only links and sign-up text still gives its headline's toll."""
    analyzer = Analyzer(NlpSettings(), parse_needs())
    tolls = []
    for headline in ("Two hurt in shooting at Brookfield apartment complex", "Man dies after shooting at Brookfield apartment"):
        story = article("s1", "Sign in to read more.\n\nMore local stories: weather, traffic and sports.", PUBLISHED)
        story.title = headline
        ((analysis, doc),) = analyzer.analyze([story])
        (title,) = analyzer.parse_titles([story])
        facts = extract_facts(story, analysis, doc, FactsSettings(), title)
        tolls.append([(f.evidence.in_title, {r: q.value for r, q in f.counts.items()}) for f in facts if f.counts])
    assert tolls == [[(True, {"injured": 2})], [(True, {"killed": 1})]]


def test_a_products_release_named_by_its_possessor_is_the_lead_and_takes_the_place():
    _, facts = facts_of(
        "More details on the iPhone X's release in Canada are starting to emerge.\n\n"
        "The carrier said pricing would follow at a later date."
    )
    lead = fact_with(facts, "Business:Product", "release in Canada")
    assert lead.place is not None and lead.place.country == "Canada"
    assert not any(f.event_type == "Justice:Release-Parole" for f in facts)
    _, facts = facts_of("The reporter's release was welcomed by his family on Monday.")
    assert fact_with(facts, "Justice:Release-Parole", "reporter's release")


def test_a_person_unveiled_in_a_role_is_named_to_it_and_a_thing_unveiled_is_a_product():
    _, facts = facts_of(
        "The little-known actor was unveiled as the new host of the quiz show on Sunday.\n\n"
        "The carmaker unveiled its new electric car as a rival to the market leader on Tuesday."
    )
    assert fact_with(facts, "Personnel:Nominate", "unveiled as the new host")
    assert fact_with(facts, "Business:Product", "electric car")
    assert not any(f.event_type == "Business:Product" and "new host" in f.evidence.sentence for f in facts)
    _, facts = facts_of(
        "Veteran actress Maria Delgado was unveiled on Saturday's live special.\n\n"
        "Tom Hale was announced as the club's new manager on Friday."
    )
    assert fact_with(facts, "Personnel:Nominate", "Maria Delgado was unveiled")
    assert fact_with(facts, "Personnel:Nominate", "announced as the club's new manager")
    _, facts = facts_of("The airline announced 300 job cuts as part of its restructuring on Monday.")
    assert not any(f.event_type == "Personnel:Nominate" for f in facts)


def test_a_word_of_a_works_title_is_no_happening():
    _, facts = facts_of(
        'The retired teacher wrote the novel "Storms of the North" in 1998 and still lives in Elmwood.'
    )
    assert not any(f.event_type == "Disaster:Natural" for f in facts)
    _, facts = facts_of("A flood swept through the valley town of Elmwood on Monday.")
    assert fact_with(facts, "Disaster:Natural", "flood swept")


def test_winning_a_term_is_an_election_and_winning_a_final_a_result():
    _, facts = facts_of(
        "Governor Ilse Varn, in office since 2009, won a third term in the March vote, her rivals conceded.\n\n"
        "The Harbor Rovers won the cup final 2-1 on Sunday."
    )
    assert fact_with(facts, "Personnel:Elect", "third term").trigger == "won"
    assert fact_with(facts, "Sports:Result", "cup final").trigger == "won"
    assert not any(f.event_type == "Sports:Result" and "third term" in f.evidence.sentence for f in facts)



def test_a_noun_naming_the_same_happening_dates_the_trigger_before_a_joined_verb():
    _, facts = facts_of("Governor Ilse Varn has governed since 2009 and won a third term in the March 2021 election.")
    assert fact_with(facts, "Personnel:Elect", "third term").date.iso == "2021-03"
