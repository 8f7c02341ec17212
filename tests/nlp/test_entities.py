from storyline.nlp import Analyzer, EntityResolver
from storyline.settings import NlpSettings
from tests.nlp.helpers import article

FAMILY = """Opposition activist Dmitry Sokolovsky was freed on Monday, his wife Irina Sokolovskaya told reporters in Vilnius.

Sokolovskaya said her husband had lost weight.

Tatsiana Marozava, a former teacher, remains in prison, according to the rights group Libertas."""

VARIANTS = """The authorities released Tatiana Morozova on Tuesday. Morozova, 54, had been jailed since 2021.

Veteran broadcaster Viktor Hale and his son Daniel Hale were arrested in the capital. Daniel Hale declined to comment."""


def analyses(*articles):
    analyzer, resolver = Analyzer(NlpSettings()), EntityResolver()
    resolved = [resolver.resolve(analysis) for analysis, _ in analyzer.analyze(articles)]
    return resolved, resolver


def entity_of(analysis, text):
    return {m.entity for m in analysis.mentions if m.text == text}


def test_sentences_have_exact_offsets():
    family = article("a1", FAMILY)
    (analysis,), _ = analyses(family)
    assert len(analysis.sentences) == 3
    for sentence in analysis.sentences:
        assert family.body[sentence.start : sentence.end] == sentence.text
    for mention in analysis.mentions:
        assert family.body[mention.start : mention.end] == mention.text


def test_wife_and_husband_stay_two_people_and_surname_folds_into_the_wife():
    (analysis,), _ = analyses(article("a1", FAMILY))
    wife, husband = entity_of(analysis, "Irina Sokolovskaya"), entity_of(analysis, "Dmitry Sokolovsky")
    assert len(wife) == len(husband) == 1 and wife != husband
    assert entity_of(analysis, "Sokolovskaya") == wife
    assert next(e for e in analysis.entities if e.entity_id in wife).label == "PERSON"


def test_father_and_son_stay_two_people():
    (analysis,), _ = analyses(article("a2", VARIANTS))
    assert entity_of(analysis, "Viktor Hale") != entity_of(analysis, "Daniel Hale")


def test_transliteration_variants_fold_across_articles():
    (first, second), resolver = analyses(article("a1", FAMILY), article("a2", VARIANTS))
    marozava = entity_of(first, "Tatsiana Marozava")
    assert marozava == entity_of(second, "Tatiana Morozova") == entity_of(second, "Morozova")
    person = next(e for e in resolver.entities() if e.entity_id in marozava)
    assert {"Tatsiana Marozava", "Tatiana Morozova"} <= set(person.aliases)


def test_known_entities_keep_their_ids():
    (first,), resolver = analyses(article("a1", FAMILY))
    again = EntityResolver(resolver.entities())
    ((analysis, _),) = Analyzer(NlpSettings()).analyze([article("a2", VARIANTS)])
    resolved = again.resolve(analysis)
    assert entity_of(resolved, "Tatiana Morozova") == entity_of(first, "Tatsiana Marozava")
