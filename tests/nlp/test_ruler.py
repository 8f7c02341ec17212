from pathlib import Path

import numpy
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from storyline.nlp import load_pipeline
from storyline.nlp.pipeline import standalone
from storyline.nlp.ruler import ArrayAttributeRuler
from storyline.settings import NlpSettings

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "story"
RARE_PATTERNS = """Y'all ain't gonna believe it, she said.  Let's go, c'mon.
We gotta leave now, and I told them it was over; they did, but this one stayed.
There is a queue, and there were two more behind it. Do you know what I did? I did what you asked."""
ANNOTATIONS = [HEAD, DEP, TAG, POS, MORPH, LEMMA]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(NlpSettings())


def parsed_sentences(nlp, texts):
    """Every sentence as its own tagged and parsed doc, as the trigger parser hands them to the ruler."""
    with nlp.select_pipes(enable=["senter", "storyline_paragraph_breaks"]):
        docs = list(nlp.pipe(texts))
    sentences = [standalone(sent) for doc in docs for sent in doc.sents]
    for name in ("tok2vec", "tagger", "parser"):
        sentences = list(nlp.get_pipe(name).pipe(sentences))
    return sentences


def test_array_ruler_gives_exactly_the_annotations_of_spacys_ruler(nlp):
    texts = [RARE_PATTERNS] + [p.read_text(encoding="utf-8")[:6000] for p in sorted(SAMPLE.iterdir())]
    by_spacy = list(nlp.get_pipe("attribute_ruler").pipe(parsed_sentences(nlp, texts)))
    by_arrays = list(ArrayAttributeRuler(nlp.get_pipe("attribute_ruler")).pipe(parsed_sentences(nlp, texts)))
    assert len(by_spacy) > 100
    changed = 0
    for expected, got in zip(by_spacy, by_arrays, strict=True):
        assert [t.text for t in expected] == [t.text for t in got]
        assert numpy.array_equal(expected.to_array(ANNOTATIONS), got.to_array(ANNOTATIONS)), expected.text
        changed += sum(t.pos_ == "AUX" or t.lemma_ != "" for t in got)
    assert changed  # the rules did set something
    rare = {t.lower_: t for doc in by_arrays[:8] for t in doc}
    assert rare["gon"].lemma_ == "go" and rare["ai"].lemma_ == "be"


def test_a_pattern_of_another_shape_is_refused(nlp):
    from spacy.pipeline import AttributeRuler

    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "x", "OP": "+"}]], {"POS": "X"})
    with pytest.raises(ValueError, match="not supported"):
        ArrayAttributeRuler(ruler)
