"""The spaCy pipeline as the stage runs it: entities everywhere, the dependency parse only where facts can be.

The parse (with the tagger and lemmatizer it needs) costs about as much as entity recognition, and only
sentences with a word the facts stage declares (its trigger words) can yield a fact. So sentences come from the fast
``senter``, entities from ``ner`` over the whole text, and ``storyline_trigger_parser`` runs tok2vec, tagger,
parser, the attribute rules (see ruler.py) and lemmatizer, in the model's order, on the trigger sentences alone
and writes their annotations back.
Sentences without a trigger word keep their boundaries through a flat placeholder tree (every token
attached to the first, label ``dep``) and carry no tags or lemmas.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from storyline.nlp.ruler import ArrayAttributeRuler
from storyline.records import ParseNeeds

PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")  # the model's own order
COPIED_ATTRIBUTES = [HEAD, DEP, TAG, POS, LEMMA]
PLACEHOLDER_DEP = "dep"


@Language.component("storyline_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: a paragraph or heading never runs into the next one.

    spaCy makes every run of whitespace other than one space a token of its own, so only those tokens
    (found through one array read, not a Python loop over every token) can hold a line break.
    """
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist():
        if "\n" in doc[i].text and i + 1 < len(doc):
            doc[i + 1].is_sent_start = True
    return doc


def word_forms(nlp: Language, lemmas: Iterable[str]) -> frozenset[str]:
    """Surface forms of lemmas: regular English inflections plus the irregular ones in the model's lemmatizer
    exception tables ('said' for 'say', 'met' for 'meet'). Over-generation only parses a few more sentences."""
    lemmas = set(lemmas)
    forms = set()
    for lemma in lemmas:
        stem = lemma.removesuffix("e")
        forms.update({lemma, lemma + "s", lemma + "es", lemma + "d", lemma + "ed", stem + "ing", stem + "ed"})
        forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})  # doubled final consonant
        if lemma.endswith("y"):
            forms.update({lemma[:-1] + "ied", lemma[:-1] + "ies"})
    exceptions = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    for pos in ("verb", "noun"):
        for form, lemma_list in exceptions.get(pos, {}).items():
            if lemmas.intersection(lemma_list):
                forms.add(form)
    return frozenset(forms)


@Language.factory("storyline_trigger_parser", default_config={"trigger_forms": [], "lead_sentences": 0})
def make_trigger_parser(nlp: Language, name: str, trigger_forms: list[str], lead_sentences: int) -> TriggerParser:
    return TriggerParser(nlp, frozenset(trigger_forms), lead_sentences)


class TriggerParser:
    """Parses the sentences that contain a trigger form; see the module docstring."""

    def __init__(self, nlp: Language, trigger_forms: frozenset[str], lead_sentences: int = 0):
        self.nlp = nlp
        self.trigger_forms = trigger_forms
        self.lead_sentences = lead_sentences  # the first sentences are parsed whatever words they hold
        self._trigger_hashes = numpy.array(sorted(nlp.vocab.strings.add(f) for f in trigger_forms), dtype="uint64")
        self._components = [
            ArrayAttributeRuler(nlp.get_pipe(name)) if name == "attribute_ruler" else nlp.get_pipe(name)
            for name in PARSE_COMPONENTS
        ]

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            yield from self._parse_batch(list(batch))

    def _parse_batch(self, docs: list[Doc]) -> list[Doc]:
        chosen = [(doc, without_edge_space(sent)) for doc in docs for sent in self._trigger_sentences(doc)]
        sentence_docs = [standalone(sent) for _, sent in chosen]
        for component in self._components:
            sentence_docs = list(component.pipe(sentence_docs))
        parsed: dict[int, list] = {}
        for (doc, sent), sentence_doc in zip(chosen, sentence_docs):
            parsed.setdefault(id(doc), []).append((sent.start, sentence_doc))
        for doc in docs:
            self._write_back(doc, parsed.get(id(doc), []))
        return docs

    def _trigger_sentences(self, doc: Doc) -> list[Span]:
        """The lead's sentences and those holding a trigger form (found on the token array rather than token by
        token)."""
        sentences = list(doc.sents)
        if not sentences:
            return []
        is_trigger = numpy.isin(doc.to_array(LOWER), self._trigger_hashes)
        counts = numpy.add.reduceat(is_trigger, [sent.start for sent in sentences])
        lead = self._lead(sentences)
        return [sent for index, (sent, count) in enumerate(zip(sentences, counts)) if count or index < lead]

    def _lead(self, sentences: list[Span]) -> int:
        """How many first sentences make the lead: blank and one-word lines (headings, datelines) not counted."""
        counted = 0
        for index, sentence in enumerate(sentences):
            if counted == self.lead_sentences:
                return index
            if sum(not t.is_space and not t.is_punct for t in sentence) > 1:
                counted += 1
        return len(sentences)

    def _write_back(self, doc: Doc, parsed: list[tuple[int, Doc]]) -> None:
        values = numpy.zeros((len(doc), len(COPIED_ATTRIBUTES)), dtype="int64")
        placeholder = doc.vocab.strings.add(PLACEHOLDER_DEP)
        root = doc.vocab.strings.add("ROOT")
        for sent in doc.sents:
            values[sent.start : sent.end, 0] = sent.start - numpy.arange(sent.start, sent.end)
            values[sent.start : sent.end, 1] = placeholder
            values[sent.start, 1] = root
        for start, sentence_doc in parsed:
            values[start : start + len(sentence_doc)] = sentence_doc.to_array(COPIED_ATTRIBUTES).astype("int64")
        doc.from_array(COPIED_ATTRIBUTES, values.astype("uint64"))


def standalone(sent: Span) -> Doc:
    """A new Doc of the sentence's tokens alone. It parses exactly as ``Span.as_doc`` does, at a tenth of
    the cost: as_doc also copies every annotation and looks up a vector for each token."""
    return Doc(sent.doc.vocab, words=[t.text for t in sent], spaces=[bool(t.whitespace_) for t in sent])


def without_edge_space(sent: Span) -> Span:
    """The sentence without leading or trailing whitespace tokens, which change the small model's parse."""
    start, end = sent.start, sent.end
    while start < end - 1 and sent.doc[start].is_space:
        start += 1
    while end > start + 1 and sent.doc[end - 1].is_space:
        end -= 1
    return sent.doc[start:end]


def build_pipeline(nlp: Language, parse_all_sentences: bool, needs: ParseNeeds) -> Language:
    """Arrange a freshly loaded model the way the stage runs it: the sentences ``needs`` names (declared by
    the downstream stage that reads the parse) get a dependency parse."""
    if parse_all_sentences:
        nlp.add_pipe("storyline_paragraph_breaks", before="parser")
        return nlp
    nlp.enable_pipe("senter")
    nlp.add_pipe("storyline_paragraph_breaks", after="senter")
    forms = sorted(word_forms(nlp, needs.words))
    config = {"trigger_forms": forms, "lead_sentences": needs.lead}
    nlp.add_pipe("storyline_trigger_parser", last=True, config=config)
    for component in PARSE_COMPONENTS:
        nlp.disable_pipe(component)
    return nlp
