"""An official and the state they act for name one actor: affiliations from the PETRARCH2 dictionary (real
leaders it lists, in invented sentences), and their use when the reconciler compares actors."""

from __future__ import annotations

import time

from storyline.reconcile import reconcile_event
from storyline.reconcile.affiliations import _load, acts_for, states_named
from storyline.reconcile.values import Wording, texts_agree
from storyline.records import Party


def test_the_data_file_loads_quickly():
    _load.cache_clear()
    started = time.perf_counter()
    _load()
    assert time.perf_counter() - started < 1.0


def test_a_leader_acts_for_his_state():
    assert acts_for("Hugo Chavez", "Venezuela")
    assert acts_for("Angela Merkel", "German government")
    assert acts_for("President Karzai", "Afghanistan")


def test_the_same_leader_does_not_act_for_another_state():
    assert not acts_for("Hugo Chavez", "Colombia")
    assert not acts_for("Angela Merkel", "France")


def test_an_unknown_person_acts_for_no_state():
    assert not acts_for("Jane Doe", "Germany")
    assert not acts_for("Marta Chavez", "Venezuela")  # the surname alone, with another given name


def test_spelling_variants_match():
    assert acts_for("Moammar Kadhafi", "Libya")  # dictionary: MUAMMAR_QADHAFI, MUAMMAR_GADDAFI ...
    assert acts_for("Viktor Yanukovich", "Ukraine")  # dictionary: VIKTOR_YANUKOVYCH
    assert acts_for("Mikheil Saakashvili", "Georgian authorities")


def test_state_wordings():
    assert states_named("government of Venezuela") == states_named("Venezuelan government") == {"VEN"}
    assert not states_named("Venezuelan opposition")


def test_texts_agree_across_entities_and_words():
    chavez, venezuela = Wording("hugo chavez", "person:hugo-chavez"), Wording("venezuela", "gpe:venezuela")
    colombia = Wording("colombia", "gpe:colombia")
    assert texts_agree(chavez, venezuela)
    assert texts_agree(venezuela, Wording("hugo chavez"))
    assert not texts_agree(colombia, chavez)
    assert not texts_agree(venezuela, colombia)
    assert texts_agree(Wording("chavez", "person:hugo-chavez"), chavez)  # one entity, however worded


def test_a_leader_and_his_state_do_not_conflict_as_actors(article, fact, event):
    articles = {k: article(k, k.upper()) for k in "abc"}
    facts = [
        fact("a", "Hugo Chavez freed the two journalists on Monday.", actor=Party("Hugo Chavez", "person:hugo-chavez")),
        fact("b", "Venezuela freed the two journalists.", actor=Party("Venezuela", "gpe:venezuela")),
    ]
    actor = {r.attribute: r for r in reconcile_event(event("a", "b"), facts, articles)}["actor"]
    assert actor.status == "agree"
    facts.append(fact("c", "Colombia freed the two journalists.", actor=Party("Colombia", "gpe:colombia")))
    actor = {r.attribute: r for r in reconcile_event(event("a", "b", "c"), facts, articles)}["actor"]
    assert actor.status == "conflict"
