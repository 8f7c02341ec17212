from dataclasses import replace

from storyline.reconcile import reconcile_event, settle_event
from storyline.reconcile.summary import claim_quantity, settled_claim
from storyline.records import Claim, Event, Quantity, Reconciliation


def claim(value, normalized, *articles):
    return Claim(value, normalized, list(articles), [f"outlet {a}" for a in articles], [])


def test_a_number_outweighs_a_vague_word_stated_as_often():
    result = Reconciliation("e", "count.injured", "agree", [claim("dozens", "24-99", "a", "b"), claim("50", "50", "c")])
    assert settled_claim(result, {}).value == "50"


def test_the_most_stated_number_wins_a_conflict():
    result = Reconciliation("e", "count.killed", "conflict", [claim("7", "7", "a", "b"), claim("9", "9", "c")])
    assert settled_claim(result, {}).value == "7"


def test_claim_ranges_read_back_as_quantities():
    assert (claim_quantity(claim("more than 100", "101-", "a")).low, claim_quantity(claim("x", "101-", "a")).high) == (101, None)
    exact = claim_quantity(claim("12", "12", "a"))
    assert (exact.value, exact.qualifier) == (12, "exact")


def test_reports_of_a_toll_without_injured_outvote_a_lone_injured_count(article, fact):
    """Three reports say a man was killed and name no one hurt; one reads 'he was shot' as an injury."""
    articles = {k: article(k, k.upper()) for k in "abcd"}

    def attack(article_id: str, sentence: str, role: str, words: str):
        stated = fact(article_id, sentence, event_type="Conflict:Attack", cameo="180", trigger="shot")
        stated.counts = {role: Quantity(words, 1, 1, 1, "exact")}
        return stated

    def settled(facts):
        ev = Event("e1", "s1", list("abcd"), "Conflict:Attack")
        return settle_event(ev, facts, articles, reconcile_event(ev, facts, articles)).counts

    facts = [attack(k, "A man was shot and killed on Pike Street.", "killed", "A man") for k in "abc"]
    facts.append(attack("d", "He was shot in the chest.", "injured", "He"))
    counts = settled(facts)
    assert (counts["killed"].value, counts["injured"].value, counts["injured"].qualifier) == (1, 0, "none_reported")
    facts += [attack(k, "A second man was wounded.", "injured", "A second man") for k in "bc"]
    assert settled(facts)["injured"].value == 1  # now three of the four reports state the injured man


def test_a_vague_count_settles_on_the_figure_inside_it_that_most_reports_allow():
    result = Reconciliation(
        "e", "count.injured", "conflict",
        [claim("dozens", "24-99", "a", "b", "c", "d"), claim("around 30", "27-33", "e"),
         claim("at least 50", "50-", "f"), claim("more than 200", "201-", "g"), claim("12", "12", "h")],
    )  # fmt: skip
    assert settled_claim(result, {}).value == "at least 50"


def toll_fact(fact, article_id: str, sentence: str, counts: dict[str, tuple[str, int]], **fields):
    stated = fact(article_id, sentence, event_type=fields.pop("event_type", "Conflict:Attack"), cameo="180", trigger="shot", **fields)
    stated.counts = {role: Quantity(words, n, n, n, "exact") for role, (words, n) in counts.items()}
    return stated


def settled_counts(facts, articles, event_type="Conflict:Attack"):
    ev = Event("e1", "s1", sorted({f.article_id for f in facts}), event_type)
    return settle_event(ev, facts, articles, reconcile_event(ev, facts, articles)).counts


def test_a_wound_told_under_an_arrest_still_accounts_for_the_dead(article, fact):
    """The main happening is the arrest; the shooting's toll names one wounded and no dead: none dead."""
    articles = {"a": article("a", "A")}
    arrest = fact("a", "Police arrested a man on Monday.", event_type="Justice:Arrest-Jail", cameo="173", trigger="arrested")
    wounded = toll_fact(fact, "a", "A boy was wounded in the arm.", {"injured": ("A boy", 1)}, event_type="Justice:Arrest-Jail")
    counts = settled_counts([arrest, wounded], articles, "Justice:Arrest-Jail")
    assert (counts["injured"].value, counts["killed"].value, counts["killed"].qualifier) == (1, 0, "none_reported")


def test_a_headline_that_only_describes_the_person_hit_retells_the_death(article, fact):
    """'Boy dies after shooting himself' beside a body that counts the dead: no one else was hurt."""
    articles = {"a": article("a", "A")}
    body = toll_fact(fact, "a", "A 14-year-old boy died on Saturday evening.", {"killed": ("A 14-year-old boy", 1)})
    headline = toll_fact(fact, "a", "Boy dies after shooting himself", {"injured": ("himself", 1)})
    headline.evidence = replace(headline.evidence, in_title=True)
    counts = settled_counts([body, headline], articles)
    assert (counts["killed"].value, counts["injured"].value) == (1, 0)
    counted = toll_fact(fact, "a", "1 dead, 1 hurt in shooting", {"injured": ("1", 1)})
    counted.evidence = replace(counted.evidence, in_title=True)
    assert settled_counts([body, counted], articles)["injured"].value == 1  # a headline's number is a count


def test_as_many_silent_reports_outweigh_one_person_only_described_as_hit(article, fact):
    """One report counts a death and no one hurt; another calls the same child 'the toddler' it says was shot
    and never says died: the toddler is the one dead. A counted or set-apart person is not outweighed."""
    articles = {k: article(k, k.upper()) for k in "ab"}
    dead = toll_fact(fact, "a", "A toddler was killed in a shooting at a home on Vine Lane.", {"killed": ("A toddler", 1)})
    shot = toll_fact(fact, "b", "Deputies said the toddler was shot in the chest inside the house.", {"injured": ("the toddler", 1)})
    also = toll_fact(fact, "b", "Deputies said another man was shot in the leg inside the house.", {"injured": ("another man", 1)})
    counted = toll_fact(fact, "b", "One person was shot near the house on Vine Lane.", {"injured": ("One", 1)})
    assert settled_counts([dead, shot], articles)["injured"].value == 0
    assert settled_counts([dead, also], articles)["injured"].value == 1
    assert settled_counts([dead, counted], articles)["injured"].value == 1


def test_an_attack_whose_reports_count_no_one_has_no_dead_reported(article, fact):
    """Reports of a shooting that count nobody: a death is not left untold, so none is; a death's own report
    ('a man died') is not read so."""
    articles = {"a": article("a", "A")}
    sentence = "Shots were fired at a house on Birch Lane overnight."
    attack = fact("a", sentence, event_type="Conflict:Attack", cameo="180", trigger="fired")
    killed = settled_counts([attack], articles)["killed"]
    assert (killed.value, killed.qualifier) == (0, "none_reported")
    assert "injured" not in settled_counts([attack], articles)
    death = fact("a", "A man died at the house on Birch Lane.", event_type="Life:Die", cameo="", trigger="died")
    assert "killed" not in settled_counts([attack, death], articles)


def test_a_toll_that_changed_is_not_undone_by_a_later_report_about_one_victim(article, fact):
    """Two reports count four wounded; a later one tells one wounded girl's story: the toll stays four. Where
    most reports each tell of one person, the latest one stands."""
    articles = {k: article(k, k.upper(), published=f"2031-05-1{n}") for n, k in enumerate("abcde")}
    four = [toll_fact(fact, k, "Four people were wounded at the park.", {"injured": ("four", 4)}) for k in "ab"]
    story = "A 16-year-old girl who was wounded spoke to reporters."
    girl = toll_fact(fact, "c", story, {"injured": ("A 16-year-old girl", 1)})
    assert settled_counts([*four, girl], articles)["injured"].value == 4
    people = [toll_fact(fact, k, "A climber was hurt on the ridge.", {"injured": ("A climber", 1)}) for k in "cde"]
    assert settled_counts([four[0], *people], articles)["injured"].value == 1


def test_someone_set_apart_as_hurt_is_not_outvoted_by_reports_of_the_dead_alone(article, fact):
    """Three reports count a baby killed and no one hurt; one adds that another person was injured: a person
    set apart from the dead ('another', 'a fourth') is someone besides them, however few reports say so."""
    articles = {k: article(k, k.upper()) for k in "abc"}
    dead = [toll_fact(fact, k, "A baby was killed when gunmen fired at a parked car.", {"killed": ("A baby", 1)}) for k in "abc"]
    another = toll_fact(fact, "c", "Another person was injured in the shooting on Deer Lane.", {"injured": ("Another person", 1)})
    fourth = toll_fact(fact, "c", "A fourth person was critically wounded in the house.", {"injured": ("A fourth person", 1)})
    described = toll_fact(fact, "c", "The baby was hit in the chest.", {"injured": ("The baby", 1)})
    assert settled_counts([*dead, another], articles)["injured"].value == 1
    assert settled_counts([*dead, fourth], articles)["injured"].value == 1
    assert settled_counts([*dead, described], articles)["injured"].value == 0


def test_a_figure_worded_two_ways_pools_its_reports():
    """'six' in two reports and '6' in a headline outweigh 'three' in two reports."""
    claims = [claim("three", "3", "c", "d"), claim("six", "6", "a", "b"), claim("6", "6", "e")]
    result = Reconciliation("e", "count.injured", "conflict", claims)
    assert settled_claim(result, {}).normalized == "6"

