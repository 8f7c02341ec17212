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
