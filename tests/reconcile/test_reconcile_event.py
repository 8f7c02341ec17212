"""Agreement logic of reconcile_event on an invented story: the island state of Varnia freeing detained
reporters while the Coastal League lifts a shipping embargo, told by outlets that disagree."""

from __future__ import annotations

from storyline.reconcile import reconcile_event
from storyline.records import DateValue, Party, Quantity, Relation


def exact(text: str, number: int) -> Quantity:
    return Quantity(text, number, number, number, "exact")


def by_attribute(results):
    return {result.attribute: result for result in results}


def test_qualified_counts_agree_with_exact_ones(article, fact, event):
    articles = {a.article_id: a for a in (article("a", "Harbour Post"), article("b", "Tide Wire"))}
    facts = [
        fact("a", "Varnia freed more than 60 reporters.", count=Quantity("more than 60", 60, 61, None, "more_than")),
        fact("b", "Varnia freed 64 reporters on Friday.", count=exact("64", 64)),
    ]
    count = by_attribute(reconcile_event(event("a", "b"), facts, articles))["count.freed"]
    assert count.status == "agree"
    assert {claim.normalized for claim in count.claims} == {"61-", "64"}
    assert {outlet for claim in count.claims for outlet in claim.outlets} == {"Harbour Post", "Tide Wire"}


def test_dozens_and_number_words_agree(article, fact, event):
    articles = {a.article_id: a for a in (article("a", "Harbour Post"), article("b", "Tide Wire"))}
    facts = [
        fact("a", "Dozens of reporters walked free.", count=Quantity("Dozens", None, 12, 99, "dozens"), position=0),
        fact("a", "Thirty-one reporters were released.", count=exact("Thirty-one", 31), position=40),
        fact("b", "The 31 freed reporters crossed the strait.", count=exact("31", 31)),
    ]
    count = by_attribute(reconcile_event(event("a", "b"), facts, articles))["count.freed"]
    assert count.status == "agree"
    assert {claim.value for claim in count.claims} == {"Dozens", "Thirty-one", "31"}


def test_different_counts_from_different_outlets_conflict(article, fact, event):
    articles = {a.article_id: a for a in (article("a", "Harbour Post"), article("b", "Tide Wire"))}
    facts = [
        fact("a", "Varnia freed 240 reporters.", count=exact("240", 240)),
        fact("b", "Varnia freed 117 reporters.", count=exact("117", 117)),
    ]
    count = by_attribute(reconcile_event(event("a", "b"), facts, articles))["count.freed"]
    assert count.status == "conflict"
    assert "240" in count.note and "117" in count.note


def test_one_source_stating_one_value_is_single(article, fact, event):
    articles = {"a": article("a", "Harbour Post")}
    facts = [
        fact("a", "Forty were freed.", count=exact("Forty", 40)),
        fact("a", "In all 40 were freed.", count=exact("40", 40), position=30),
    ]
    count = by_attribute(reconcile_event(event("a"), facts, articles))["count.freed"]
    assert count.status == "single"
    assert [claim.value for claim in count.claims] == ["Forty", "40"]


def test_one_source_wording_a_count_several_ways_agrees_with_itself(article, fact, event):
    articles = {"a": article("a", "Harbour Post")}
    facts = [
        fact("a", "Dozens were freed.", count=Quantity("Dozens", None, 12, 99, "dozens")),
        fact("a", "In all 40 were freed.", count=exact("40", 40), position=30),
    ]
    count = by_attribute(reconcile_event(event("a"), facts, articles))["count.freed"]
    assert count.status == "agree" and count.note == "one source"
    assert len(count.claims) == 2


def test_an_earlier_round_recalled_in_the_article_is_set_aside(article, fact, event):
    articles = {a.article_id: a for a in (article("a", "Harbour Post"), article("b", "Tide Wire"))}
    may = DateValue("2031-02", "month", "in February")
    facts = [
        fact("a", "Varnia freed 40 reporters.", count=exact("40", 40)),
        fact("a", "Forty reporters left the jail.", count=exact("Forty", 40), position=50),
        fact("a", "Nine more had been freed earlier.", count=exact("Nine", 9), position=90),
        fact("a", "Another 7 were freed in February.", count=exact("7", 7), date=may, position=130),
        fact("b", "Varnia released 40 reporters.", count=exact("40", 40)),
    ]
    day = DateValue("2031-05-13", "day", "on Tuesday")
    count = by_attribute(reconcile_event(event("a", "b", date=day), facts, articles))["count.freed"]
    assert count.status == "agree"
    assert {claim.normalized for claim in count.claims} == {"40"}
    assert "Nine" in count.note  # set aside, and said so
    assert "7" not in {claim.value for claim in count.claims}  # dated outside the event: not its count


def test_counts_still_held_months_apart_change_over_time(article, fact, event):
    articles = {
        "a": article("a", "Harbour Post", published="2031-01-10"),
        "b": article("b", "Tide Wire", published="2031-05-14"),
    }
    facts = [
        fact("a", "Varnia freed 12 reporters.", count=exact("12", 12)),
        fact(
            "a",
            "More than 500 reporters remain in jail.",
            trigger="remain",
            count=Quantity("More than 500", 500, 501, None, "more_than"),
            position=40,
        ),
        fact("b", "Varnia freed 12 reporters.", count=exact("12", 12)),
        fact(
            "b",
            "Varnia still holds about 300 reporters.",
            trigger="holds",
            count=Quantity("about 300", 300, 270, 330, "about"),
            position=40,
        ),
    ]
    results = by_attribute(reconcile_event(event("a", "b"), facts, articles))
    assert results["count.freed"].status == "agree"  # the held counts are not the release count
    ongoing = results["count.held"]
    assert ongoing.status == "change_over_time"
    assert ongoing.note.index("2031-01-10") < ongoing.note.index("2031-05-14")


def test_held_counts_stated_the_same_day_conflict(article, fact, event):
    articles = {"a": article("a", "Harbour Post"), "b": article("b", "Tide Wire")}
    facts = [
        fact("a", "Some 500 reporters are still held.", trigger="held", count=exact("500", 500)),
        fact("b", "Around 300 reporters remain behind bars.", trigger="remain", count=exact("300", 300)),
    ]
    ongoing = by_attribute(reconcile_event(event("a", "b"), facts, articles))["count.held"]
    assert ongoing.status == "conflict"


def test_a_state_count_is_recognised_from_its_clause(article, fact, event):
    articles = {"a": article("a", "Harbour Post"), "b": article("b", "Tide Wire")}
    sentence = "Twelve reporters were freed, but more than 500 remain in jail."
    facts = [
        fact("a", sentence, count=exact("Twelve", 12)),
        fact("a", sentence, count=Quantity("more than 500", 500, 501, None, "more_than")),
        fact("b", "Twelve reporters left the jail at dawn.", count=exact("Twelve", 12)),
    ]
    results = by_attribute(reconcile_event(event("a", "b"), facts, articles))
    assert results["count.freed"].status == "agree"
    assert {claim.normalized for claim in results["count.freed"].claims} == {"12"}
    assert [claim.normalized for claim in results["count.held"].claims] == ["501-"]


def test_dates_agree_at_their_common_precision(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "abc"}
    facts = [
        fact("a", "On Tuesday Varnia freed them.", date=DateValue("2031-05-13", "day", "On Tuesday")),
        fact("b", "In May Varnia freed them.", date=DateValue("2031-05", "month", "In May")),
        fact("c", "Varnia freed them.", date=DateValue("2031-05-14", "day", "")),  # inherited: no claim
    ]
    date = by_attribute(reconcile_event(event("a", "b", "c"), facts, articles))["date"]
    assert date.status == "agree"
    assert {claim.normalized for claim in date.claims} == {"2031-05-13", "2031-05"}


def test_dates_one_day_apart_conflict(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "ab"}
    facts = [
        fact("a", "On Tuesday Varnia freed them.", date=DateValue("2031-05-13", "day", "On Tuesday")),
        fact("b", "On Wednesday Varnia freed them.", date=DateValue("2031-05-14", "day", "On Wednesday")),
    ]
    assert by_attribute(reconcile_event(event("a", "b"), facts, articles))["date"].status == "conflict"


def test_places_agree_across_wordings_and_actors_conflict(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "ab"}
    facts = [
        fact("a", "Varnia freed them in Port Sel.", place="Port Sel", actor=Party("Varnia")),
        fact("b", "They were freed in the capital Port Sel.", place="the capital Port Sel", actor=Party("Coastal League")),
    ]
    results = by_attribute(reconcile_event(event("a", "b"), facts, articles))
    assert results["place"].status == "agree"
    assert results["actor"].status == "conflict"


def test_exchange_and_other_types_are_reconciled(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "ab"}
    lift_a = fact(
        "a",
        "The League lifted its embargo on tin exports.",
        event_type="Sanctions:Ease",
        cameo="081",
        object="embargo on tin exports",
        position=60,
    )
    lift_b = fact(
        "b",
        "In return the embargo on tin exports ends.",
        event_type="Sanctions:Ease",
        cameo="081",
        object="the embargo on tin exports",
        position=60,
    )
    said = fact("b", "The envoy said it was a fair trade.", event_type="Contact:Statement", cameo="010", object="a fair trade")
    release_a = fact(
        "a",
        "Varnia freed 12.",
        count=exact("12", 12),
        relations=[Relation("in_exchange_for", lift_a.fact_id, "in exchange for")],
    )
    release_b = fact("b", "Varnia freed 12.", count=exact("12", 12))
    lift_b.relations.append(Relation("in_exchange_for", release_b.fact_id, "In return"))
    results = by_attribute(reconcile_event(event("a", "b"), [release_a, lift_a, release_b, lift_b, said], articles))
    assert results["exchange"].status == "agree"
    assert results["exchange"].claims[0].value.startswith("sanctions ease: ")
    assert results["Sanctions:Ease.object"].status == "agree"
    assert not any(attribute.startswith("Contact:Statement") for attribute in results)


def test_background_facts_do_not_count_and_outlet_falls_back_to_file(article, fact, event):
    articles = {"a": article("a", None, origin="/corpus/wire_copy.txt#3"), "b": article("b", "Tide Wire")}
    facts = [
        fact("a", "Varnia freed 12.", count=exact("12", 12)),
        fact("b", "Varnia freed 12.", count=exact("12", 12)),
        fact(
            "b",
            "Varnia freed 300 in 2024.",
            count=exact("300", 300),
            background=True,
            date=DateValue("2024", "year", "in 2024"),
        ),
    ]
    count = by_attribute(reconcile_event(event("a", "b"), facts, articles))["count.freed"]
    assert count.status == "agree"
    assert set(count.claims[0].outlets) == {"wire_copy.txt", "Tide Wire"}


def test_no_facts_no_reconciliations(article, event):
    assert reconcile_event(event("a"), [], {"a": article("a")}) == []


def test_resolved_entities_compare_as_entities_and_show_the_sentence_wording(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "abc"}
    facts = [
        fact("a", "Premier Jana Dorn freed them in Port Sel.", actor=Party("Jana Dorn", "person:jana-dorn"), place="Port Sel"),
        fact("b", "Premier Yana Dorne freed them.", actor=Party("Yana Dorne", "person:jana-dorn"), place="Port Sel harbour"),
        fact("c", "Jana Dorn, her niece, freed them.", actor=Party("Jana Dorn", "person:jana-dorn-2")),
    ]
    results = by_attribute(reconcile_event(event("a", "b", "c"), facts, articles))
    actor = results["actor"]
    assert actor.status == "conflict"  # a different person of the same name
    same_person = [claim for claim in actor.claims if claim.normalized == "person:jana-dorn"]
    assert {claim.value for claim in same_person} == {"Jana Dorn", "Yana Dorne"}
    assert results["place"].status == "agree"
    assert results["place"].claims[0].value in {"Port Sel", "Port Sel harbour"}


def test_main_type_is_the_most_stated_thing_done_not_the_most_said(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "ab"}
    facts = [
        fact("a", "The envoy said talks went well.", event_type="Contact:Statement", cameo="010", count=exact("3", 3)),
        fact("a", "The minister said so too.", event_type="Contact:Statement", cameo="010", count=exact("2", 2)),
        fact("b", "An aide said more.", event_type="Contact:Statement", cameo="010"),
        fact("a", "Varnia freed 12.", count=exact("12", 12)),
        fact("b", "Varnia freed 12.", count=exact("12", 12)),
    ]
    untyped = event("a", "b")
    untyped.event_type = None
    count = by_attribute(reconcile_event(untyped, facts, articles))["count.freed"]
    assert {claim.normalized for claim in count.claims} == {"12"} and count.status == "agree"


def test_a_part_of_the_group_or_another_group_is_not_the_count(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "ab"}
    facts = [
        fact("a", "Varnia freed 40 reporters.", count=exact("40", 40)),
        fact("a", "Nine of the freed flew north.", count=Quantity("Nine of the freed", 9, 9, 9, "part_of")),
        fact("b", "Another 14 were freed.", count=Quantity("Another 14", 14, 14, 14, "another")),
        fact("b", "Varnia freed 40 reporters.", count=exact("40", 40)),
    ]
    count = by_attribute(reconcile_event(event("a", "b"), facts, articles))["count.freed"]
    assert count.status == "agree" and count.note == ""
    assert [claim.normalized for claim in count.claims] == ["40"]


def test_wordings_compare_without_their_count_appositive_or_determiners(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "ab"}
    facts = [
        fact("a", "Varnia freed 64 jailed reporters.", count=exact("64", 64), target=Party("64 jailed reporters")),
        fact(
            "b",
            "Varnia freed more than 60 jailed reporters.",
            target=Party("more than 60 jailed reporters"),
            count=Quantity("more than 60", 60, 61, None, "more_than"),
        ),
        fact(
            "a",
            "The League lifted its embargo on tin, a mainstay of the island, in return.",
            event_type="Sanctions:Ease",
            cameo="085",
            object="its embargo on tin, a mainstay of the island",
        ),
        fact(
            "b",
            "The League ended the embargo on Varnian tin exports.",
            event_type="Sanctions:Ease",
            cameo="085",
            object="the embargo on Varnian tin exports",
        ),
    ]
    results = by_attribute(reconcile_event(event("a", "b"), facts, articles))
    assert results["target"].status == "agree"
    assert results["Sanctions:Ease.object"].status == "agree"
    assert results["Sanctions:Ease.object"].claims[0].value == "its embargo on tin, a mainstay of the island"


def test_an_article_torn_between_two_wordings_takes_the_one_others_state(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "ab"}
    facts = [
        fact("a", "Premier Dorn freed them.", actor=Party("Premier Dorn")),
        fact("a", "Varnia freed them.", actor=Party("Varnia"), position=40),
        fact("b", "Varnia freed them.", actor=Party("Varnia")),
    ]
    actor = by_attribute(reconcile_event(event("a", "b"), facts, articles))["actor"]
    assert actor.status == "agree"
    assert [claim.value for claim in actor.claims] == ["Varnia"]
    assert "Premier Dorn (A)" in actor.note


def test_invalid_or_missing_statement_dates_leave_a_conflict(article, fact, event):
    articles = {"a": article("a", "A", published="2031-13-40"), "b": article("b", "B", published=None)}
    facts = [
        fact("a", "Some 500 reporters are still held.", count=exact("500", 500)),
        fact("b", "Around 300 reporters remain behind bars.", count=exact("300", 300)),
    ]
    assert by_attribute(reconcile_event(event("a", "b"), facts, articles))["count.held"].status == "conflict"


def test_a_conflict_names_the_values_that_exclude_each_other(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "abcd"}
    facts = [
        fact("a", "Varnia freed 85.", count=exact("85", 85)),
        fact("b", "Varnia freed more than 80.", count=Quantity("more than 80", 80, 81, None, "more_than")),
        fact("c", "Nearly 90 were freed.", count=Quantity("Nearly 90", 90, 81, 90, "almost")),
        fact("d", "Varnia freed 87.", count=exact("87", 87)),
    ]
    count = by_attribute(reconcile_event(event("a", "b", "c", "d"), facts, articles))["count.freed"]
    assert count.status == "conflict"
    assert count.note == "85 vs 87"
    assert {claim.value for claim in count.claims} == {"85", "more than 80", "Nearly 90", "87"}


def test_a_wording_that_only_says_people_allows_a_specific_one(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "abc"}
    facts = [
        fact("a", "Varnia freed 64 people.", count=exact("64", 64), target=Party("64 people")),
        fact("b", "Varnia freed 64 jailed reporters.", count=exact("64", 64), target=Party("64 jailed reporters")),
        fact("c", "Varnia freed 64 striking miners.", count=exact("64", 64), target=Party("64 striking miners")),
    ]
    results = by_attribute(reconcile_event(event("a", "b", "c"), facts, articles))
    assert results["target"].status == "conflict"  # reporters and miners still exclude each other
    assert "people" not in results["target"].note.split(";")[0]
    agreeing = by_attribute(reconcile_event(event("a", "b"), facts[:2], articles))
    assert agreeing["target"].status == "agree"
