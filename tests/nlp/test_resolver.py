from storyline.nlp import EntityResolver
from storyline.records import Analysis, Entity, Mention, Sentence


def analysis_of(article_id, *names_and_labels):
    entities = [Entity(f"{article_id}#{i}", name, label, [name]) for i, (name, label) in enumerate(names_and_labels)]
    mentions = [Mention(e.name, e.label, 0, len(e.name), 0, e.entity_id) for e in entities]
    return Analysis(article_id, [Sentence(0, 10, "x")], mentions, entities)


def ids(analysis):
    return {m.text: m.entity for m in analysis.mentions}


def test_bare_surname_shared_by_two_known_people_is_not_guessed():
    resolver = EntityResolver()
    family = ids(resolver.resolve(analysis_of("a", ("Viktor Hale", "PERSON"), ("Daniel Hale", "PERSON"))))
    bare = ids(resolver.resolve(analysis_of("b", ("Hale", "PERSON"))))
    assert family["Viktor Hale"] != family["Daniel Hale"]
    assert bare["Hale"] not in family.values()


def test_bare_surname_with_one_known_bearer_joins_that_person():
    resolver = EntityResolver()
    known = ids(resolver.resolve(analysis_of("a", ("Irina Sokolovskaya", "PERSON"), ("Dmitry Sokolovsky", "PERSON"))))
    later = ids(resolver.resolve(analysis_of("b", ("Sokolovskaya", "PERSON"), ("Sokolouski", "PERSON"))))
    assert later["Sokolovskaya"] == known["Irina Sokolovskaya"]
    assert later["Sokolouski"] == known["Dmitry Sokolovsky"]  # Belarusian spelling of the husband's name


def test_organisations_fold_abbreviations_and_label_slips():
    resolver = EntityResolver()
    first = ids(resolver.resolve(analysis_of("a", ("United Nations", "ORG"), ("Norland", "GPE"))))
    second = ids(resolver.resolve(analysis_of("b", ("U.N", "ORG"), ("Norland", "ORG"), ("Nordland", "GPE"))))
    assert second["U.N"] == first["United Nations"] and second["Norland"] == first["Norland"]
    assert second["Nordland"] != first["Norland"]  # a short name differing by a letter is another place
    assert {e.entity_id for e in resolver.entities()} >= set(first.values())


def test_surname_spellings_differing_in_their_first_letters_fold():
    resolver = EntityResolver()
    first = ids(resolver.resolve(analysis_of("a", ("Olga Oleksandrova", "PERSON"))))
    second = ids(resolver.resolve(analysis_of("b", ("Olga Aleksandrova", "PERSON"), ("Olga Aleksandrenko", "PERSON"))))
    assert second["Olga Aleksandrova"] == first["Olga Oleksandrova"]  # Ukrainian and Russian spellings
    assert second["Olga Aleksandrenko"] != first["Olga Oleksandrova"]


def test_a_lookup_meets_only_names_that_could_match():
    """Hundreds of known people whose surnames share their first letters do not all get compared."""
    resolver = EntityResolver()
    letters = "bdfklmnprst"
    for first in letters:
        for second in letters:
            resolver.resolve(analysis_of(f"{first}{second}", (f"Anna Kov{first}a{second}ski", "PERSON")))
    assert resolver._candidates("PERSON", "Kovzazski") == []
    assert 0 < len(resolver._candidates("PERSON", "Kovbadski")) <= 2 * len(letters)  # one letter off, of 121


def test_only_entities_added_or_updated_since_the_last_save_are_handed_out():
    resolver = EntityResolver([Entity("person:ada-roe", "Ada Roe", "PERSON", ["Ada Roe"])])
    assert resolver.take_changed() == []
    resolver.resolve(analysis_of("a", ("Ada Roe", "PERSON"), ("Port Avel", "GPE")))
    assert sorted(e.entity_id for e in resolver.take_changed()) == ["gpe:port-avel", "person:ada-roe"]
    resolver.resolve(analysis_of("b", ("Port Avel", "GPE")))
    assert [e.entity_id for e in resolver.take_changed()] == ["gpe:port-avel"]
    assert resolver.take_changed() == []
