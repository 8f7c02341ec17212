from storyline.records import Claim, Reconciliation
from storyline.reconcile.summary import claim_quantity, settled_claim


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
