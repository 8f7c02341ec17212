import pytest

from storyline.nlp.names import (
    acronym,
    clean_mention,
    gender_form,
    looks_like_person_name,
    same_name,
    same_person,
)
from storyline.settings import NlpSettings

THRESHOLD = NlpSettings.name_similarity


@pytest.mark.parametrize(
    "a, b",
    [
        ("Tatsiana Marozava", "Tatiana Morozova"),  # Belarusian vs Russian romanisation
        ("Aliaksei Kavalyou", "Alexei Kovalev"),
        ("Yulia Harbunova", "Julia Garbunova"),
        ("Paval Sakalouski", "Pavel Sokolovsky"),
        ("Irina Sokolovskaya", "Sokolovskaya"),  # surname alone
        ("J. Hale", "Jonathan Hale"),  # initial
    ],
)
def test_spelling_variants_are_one_person(a, b):
    assert same_person(a, b, THRESHOLD)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Irina Sokolovskaya", "Dmitry Sokolovsky"),  # wife and husband
        ("Sokolovskaya", "Sokolovsky"),
        ("Viktor Hale", "Daniel Hale"),  # father and son
        ("Maria Lenz", "Mario Lenz"),
        ("Anna Petrova", "Anna Pavlova"),
        ("Anna Smirnova", "Anna Semenova"),
    ],
)
def test_different_people_stay_apart(a, b):
    assert not same_person(a, b, THRESHOLD)


def test_gender_forms():
    assert gender_form("Marozava") == "f" and gender_form("Sokolovskaya") == "f"
    assert gender_form("Sokolovsky") == "m" and gender_form("Kovalev") == "m"
    assert gender_form("Hale") is None


def test_mentions_are_cut_to_the_name():
    assert clean_mention("President Ana Ruiz's") == "Ana Ruiz"
    assert clean_mention("the Northland'") == "Northland"
    assert clean_mention("Special Envoy Tom Reyes") == "Tom Reyes"


def test_headlines_are_not_person_names():
    assert looks_like_person_name("Ana Ruiz")
    assert not looks_like_person_name("Council Frees 40 Workers in Port")


def test_abbreviations_match_full_names():
    assert acronym("U.N.") == "UN" and same_name("U.N", "United Nations")
    assert not same_name("UK", "United Nations")


def test_close_place_names_stay_apart_and_transliterations_match():
    assert same_name("Kyiv", "Kiev")
    assert not same_name("Austria", "Australia") and not same_name("Slovenia", "Slovakia")


def test_latin_c_of_belarusian_spelling_matches_ts():
    assert same_person("Ales Cvirko", "Ales Tsvirko", THRESHOLD)
