"""Sentences, entity mentions and article-level entities of cleaned articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.nlp.model import load_pipeline
from storyline.nlp.names import clean_mention, looks_like_person_name, same_person
from storyline.records import (
    Analysis,
    Article,
    Entity,
    Mention,
    ParseNeeds,
    Sentence,
    sentence_at,
)
from storyline.settings import NlpSettings

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
# Labels under which the small model often tags a bare surname; such a mention may fold into a person.
SURNAME_SLIP_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT"})


@dataclass
class _RawMention:
    """A mention while entities are folded: ``text`` is the cleaned name, the offsets its place in the body."""

    text: str
    label: str
    start: int
    end: int
    sentence: int


class Analyzer:
    """Runs the verified spaCy pipeline over articles in batches and builds one Analysis per article."""

    def __init__(self, settings: NlpSettings | None = None, needs: ParseNeeds = ParseNeeds()):
        """``needs``: the sentences that get a dependency parse (see ``load_pipeline``)."""
        self.settings = settings or NlpSettings()
        self.nlp = load_pipeline(self.settings, needs)

    def analyze(self, articles: Iterable[Article]) -> Iterator[tuple[Analysis, Doc]]:
        """One (analysis, Doc) per article. An article longer than the model takes at once (spaCy's
        ``max_length``, E088: long reports and transcripts exist) is parsed in pieces cut between
        paragraphs (else sentences, else words), whose Docs are joined back into one holding the whole
        body, so every offset (and every fact's sentence) is the body's own."""
        limit = self.nlp.max_length

        def pieces() -> Iterator[tuple[str, tuple[Article, bool]]]:
            for article in articles:
                parts = split_text(article.body, min(limit, PIECE_CHARS)) if len(article.body) > limit else [article.body]
                for number, part in enumerate(parts):
                    yield part, (article, number == len(parts) - 1)

        parsed: list[Doc] = []
        for doc, (article, last) in self.nlp.pipe(
            pieces(), as_tuples=True, batch_size=self.settings.batch_size, n_process=self.settings.n_process
        ):
            parsed.append(doc)
            if last:
                whole = parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)
                parsed = []
                yield self.analysis_of(article, whole), whole

    def parse_titles(self, articles: list[Article]) -> list[Doc | None]:
        """Each headline parsed as a sentence of its own (a headline is its article's first lead sentence)."""
        titled = [a.title or "" for a in articles]
        parsed = iter(self.nlp.pipe([t for t in titled if t.strip()], batch_size=self.settings.batch_size))
        return [next(parsed) if t.strip() else None for t in titled]

    def analysis_of(self, article: Article, doc: Doc) -> Analysis:
        sentences = sentences_of(doc)
        raw = raw_mentions(doc, sentences)
        entities, entity_of = fold_article_entities(article.article_id, raw, self.settings.name_similarity)
        label_of = {entity.entity_id: entity.label for entity in entities}
        text = doc.text  # Doc.text joins every token on each access: read it once
        mentions = [
            Mention(text[m.start : m.end], label_of[entity_of[i]], m.start, m.end, m.sentence, entity_of[i])
            for i, m in enumerate(raw)
        ]
        return Analysis(article.article_id, sentences, mentions, entities)


PIECE_CHARS = 100_000  # piece of an over-long article: the model's memory grows with the text it is given
_BREAKS = ("\n\n", "\n", ". ", "? ", "! ", " ")  # where to cut, best first


def split_text(text: str, size: int) -> list[str]:
    """Consecutive pieces of at most ``size`` characters whose concatenation is ``text``, each cut after the
    last paragraph break it holds (else line break, sentence end, space; a text with none is cut at
    ``size``). Written out because spaCy has no splitter and a regex would rescan the text for each piece."""
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = next((window.rfind(mark) + len(mark) for mark in _BREAKS if window.rfind(mark) > 0), size)
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def sentences_of(doc: Doc) -> list[Sentence]:
    """Sentences with offsets trimmed of surrounding whitespace; blank ones dropped."""
    sentences = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        sentences.append(Sentence(start, start + len(stripped), stripped))
    return sentences



def raw_mentions(doc: Doc, sentences: list[Sentence]) -> list[_RawMention]:
    """NER spans cut to the name they contain (titles, possessives and punctuation removed)."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        name = clean_mention(ent.text)
        if not any(c.isupper() for c in name) or not any(c.isalpha() for c in name):
            continue
        first_word, last_word = name.split()[0], name.split()[-1]
        offset = ent.text.find(first_word)
        end_offset = ent.text.find(last_word, offset) + len(last_word)  # a nickname between stays in the span
        start, end = ent.start_char + offset, ent.start_char + end_offset
        label = ent.label_
        if label == "PERSON" and not looks_like_person_name(name):
            continue  # a title-case headline or caption taken for a name
        mentions.append(_RawMention(name, label, start, end, sentence_at(sentences, start)))
    return relabel_person_names(strip_place_prefixes(mentions))


def relabel_person_names(mentions: list[_RawMention]) -> list[_RawMention]:
    """Tag as PERSON a name-shaped multi-word mention (the small model's 'Jane Roe' ORG) whose last word the
    article also uses for a person."""
    person_words = {m.text.split()[-1] for m in mentions if m.label == "PERSON"}
    for mention in mentions:
        words = mention.text.split()
        if (
            mention.label != "PERSON"
            and 1 < len(words) <= 3
            and looks_like_person_name(mention.text)
            and words[-1] in person_words
        ):
            mention.label = "PERSON"
    return mentions


def strip_place_prefixes(mentions: list[_RawMention]) -> list[_RawMention]:
    """Cut leading words that the article names elsewhere as a non-person ("Belarus John Roe" -> "John Roe").

    The small model often runs a place or organisation into the person name that follows it.
    """
    other_names = {m.text for m in mentions if m.label != "PERSON"}
    for mention in mentions:
        words = mention.text.split()
        while mention.label == "PERSON" and len(words) > 2 and words[0] in other_names:
            cut = mention.text.index(words[1], len(words[0]))
            mention.text, mention.start = mention.text[cut:], mention.start + cut
            words = words[1:]
    return mentions


def fold_article_entities(
    article_id: str, mentions: list[_RawMention], threshold: float
) -> tuple[list[Entity], list[str]]:
    """Group one article's mentions into entities; returns the entities and each mention's entity id.

    Full person names that can name one person form one entity; a one-word mention that matches the surname
    of such a person (whatever label the model gave it) folds into the nearest one mentioned before it, or
    else the first one after it; every other name is grouped by its exact text, under its most frequent label.
    """
    groups: list[list[int]] = []
    group_of: dict[int, int] = {}

    def join(index: int, group: int | None) -> None:
        if group is None:
            groups.append([index])
            group_of[index] = len(groups) - 1
        else:
            groups[group].append(index)
            group_of[index] = group

    full_persons = [i for i, m in enumerate(mentions) if m.label == "PERSON" and len(m.text.split()) > 1]
    for i in full_persons:
        match = next(
            (
                group_of[j]
                for j in full_persons
                if j in group_of and same_person(mentions[j].text, mentions[i].text, threshold)
            ),
            None,
        )
        join(i, match)

    by_text: dict[str, int] = {mentions[i].text.lower(): group_of[i] for i in full_persons}
    for i, mention in enumerate(mentions):
        if i in group_of:
            continue
        group = None
        if len(mention.text.split()) == 1 and mention.label in SURNAME_SLIP_LABELS:
            group = _nearest_person_with_surname(mentions, full_persons, group_of, i, threshold)
        if group is None:
            group = by_text.get(mention.text.lower())
        join(i, group)
        by_text.setdefault(mention.text.lower(), group_of[i])

    entities: list[Entity] = []
    entity_of = [""] * len(mentions)
    for number, members in enumerate(groups):
        entity_id = f"{article_id}#{number}"
        labels = Counter("PERSON" if i in full_persons else mentions[i].label for i in members)
        label = (
            "PERSON" if labels["PERSON"] and any(i in full_persons for i in members) else labels.most_common(1)[0][0]
        )
        surfaces = Counter(mentions[i].text for i in members)
        name = max(surfaces, key=lambda s: (len(s.split()), surfaces[s], len(s)))
        entities.append(Entity(entity_id, name, label, sorted(surfaces)))
        for i in members:
            entity_of[i] = entity_id
    return entities, entity_of


def _nearest_person_with_surname(
    mentions: list[_RawMention],
    full_persons: list[int],
    group_of: dict[int, int],
    index: int,
    threshold: float,
) -> int | None:
    candidates = [j for j in full_persons if same_person(mentions[j].text, mentions[index].text, threshold)]
    if not candidates:
        return None
    before = [j for j in candidates if mentions[j].start < mentions[index].start]
    chosen = before[-1] if before else candidates[0]
    return group_of[chosen]
