"""Event facts from one parsed article: typed trigger, arguments, count, date, place, attribution, relations.

Triggers are found by lemma (``ontology``); arguments come from the dependency parse around the trigger:
the subject is the actor, the object (or passive subject, or the noun a participle modifies) is the target,
and the count is the number that counts the target. A date belongs to the nearest trigger or verb above it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.facts import ontology
from storyline.facts.dates import duration_days, latest_day, published_date, resolve_date
from storyline.facts.quantity import parse_quantity, part_of
from storyline.records import (
    Analysis,
    Article,
    DateValue,
    Evidence,
    Fact,
    Mention,
    Quantity,
    Relation,
)
from storyline.settings import FactsSettings

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "inside", "near", "outside"})
NOT_COUNT_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
# Nouns a number can measure without counting participants ("69-year-old", "three-year jail term").
MEASURE_NOUNS = frozenset(
    [
        "year",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "time",
        "term",
        "percent",
        "age",
        "old",
        "mile",
        "kilometre",
        "kilometer",
        "dollar",
        "euro",
    ]
)
VAGUE_COUNT_LEMMAS = frozenset(["dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores"])
PRONOUNS = frozenset(
    [
        "it",
        "they",
        "he",
        "she",
        "we",
        "i",
        "me",
        "them",
        "this",
        "that",
        "which",
        "who",
        "its",
        "their",
        "his",
        "her",
        "my",
        "our",
    ]
)
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
# Modal verbs and conjunctions that make a happening possible or conditional rather than real. 'will' and
# 'would' are left out: announced concessions ('said it would lift sanctions') are reported as facts.
MODALS = frozenset({"could", "may", "might", "can", "should", "must"})
CONDITIONS = frozenset({"if", "unless"})
CLAUSE_BOUNDARIES = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj"})
# Words that mark a stretch of past time or completed past: such a fact is context, not the news.
SPAN_PREPOSITIONS = frozenset({"since", "throughout"})


@dataclass
class _Candidate:
    """A fact while it is being built: its trigger token and sentence, and the record fields."""

    trigger: Token
    event_type: str
    sentence_index: int
    sentence: Span
    entities: list[Span]  # the sentence's named entities
    fact: Fact | None = None
    attribution_head: Token | None = None


def extract_facts(article: Article, analysis: Analysis, doc: Doc, settings: FactsSettings) -> list[Fact]:
    """Every typed event mention of the article, in text order, with relations between them."""
    candidates: list[_Candidate] = []
    entities = list(doc.ents)
    entity_starts = [e.start for e in entities]
    for index, sentence in enumerate(analysis.sentences):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is not None:
            first, last = (
                bisect.bisect_left(entity_starts, span.start),
                bisect.bisect_left(entity_starts, span.end),
            )
            candidates.extend(_sentence_candidates(span, index, entities[first:last]))
    candidates = _drop_attribution_statements([c for c in candidates if not is_irrealis(c.trigger)])
    mentions = sorted(analysis.mentions, key=lambda m: m.start)
    for number, candidate in enumerate(candidates):
        candidate.fact = _build_fact(article, analysis, candidate, f"{article.article_id}:{number}", mentions, settings)
    _inherit_context(candidates)
    _link_relations(candidates)
    facts = [c.fact for c in candidates]
    _background_through_sequence(facts)
    return facts


# --- triggers -------------------------------------------------------------------------------------------


def _sentence_candidates(span: Span, index: int, entities: list[Span]) -> list[_Candidate]:
    found = []
    for token in span:
        event_type = trigger_type(token)
        if event_type:
            found.append(_Candidate(token, event_type, index, span, entities))
    return found


def trigger_type(token: Token) -> str | None:
    """The event type a token triggers, or None."""
    if token.pos_ not in {"VERB", "NOUN"} or token.dep_ in {"amod", "compound"}:
        return None
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and (lemma in ontology.VERB_ONLY or _is_demanded(token)):
        return None
    if lemma in ontology.RELEASE_LEMMAS or (lemma in ontology.FREE_PREDICATES and _walks_free(token)):
        return "release_detainees" if _frees_people(token) else None
    if lemma in ontology.EASE_LEMMAS | ontology.IMPOSE_LEMMAS:
        if lemma == "sanction" and token.pos_ == "VERB":
            return "impose_sanctions"
        if _mentions_sanctions(token):
            return "ease_sanctions" if lemma in ontology.EASE_LEMMAS else "impose_sanctions"
        return None
    if lemma in ontology.OTHER_TRIGGERS:
        return ontology.OTHER_TRIGGERS[lemma]
    if lemma in ontology.CONDITIONED_TRIGGERS and token.pos_ == "VERB":
        event_type, objects = ontology.CONDITIONED_TRIGGERS[lemma]
        return event_type if {a.lemma_.lower() for a in _arguments(token)} & objects else None
    if lemma in ontology.SPEECH_LEMMAS and token.pos_ == "VERB":
        return "statement"
    return None


def _walks_free(verb: Token) -> bool:
    return any(c.lower_ == "free" and c.dep_ in {"acomp", "oprd"} for c in verb.children)


def _frees_people(token: Token) -> bool:
    """'release' also publishes things ('released the names', 'a news release') and discharges patients.

    A noun 'release' must say whose release it is ('the release of ...', 'her release', 'the prisoner
    release'); 'according to the release' is a document.
    """
    arguments = _arguments(token)
    if arguments and not any(_is_person_like(a) for a in arguments):
        return False
    if token.pos_ == "NOUN" and not arguments and not any(c.dep_ == "poss" for c in token.children):
        return False
    if {c.lemma_.lower() for c in token.conjuncts} & ontology.NON_CUSTODY_VERBS:
        return False
    modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in {"compound", "amod"}}
    if modifiers & ontology.PUBLICATION_MODIFIERS:
        return False
    origins = {g.lemma_.lower() for c in token.children if c.dep_ == "prep" for g in c.children}
    return not origins & ontology.NON_CUSTODY_PLACES


def _is_person_like(noun: Token) -> bool:
    """A person or group of people: a PERSON/NORP name, a personal pronoun, a count, or a people noun."""
    if noun.ent_type_ in {"PERSON", "NORP"} or (noun.pos_ == "PROPN" and not noun.ent_type_):
        return True
    if noun.pos_ == "NUM" or noun.like_num or noun.lemma_.lower() in VAGUE_COUNT_LEMMAS:
        counted = [g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return not counted or _is_person_like(counted[0])  # 'dozens of prisoners', 'nine of the freed'
    lemma = noun.lemma_.lower()
    return lemma in ontology.PERSON_NOUNS or noun.lower_ in {"him", "her", "them", "us", "me", "those", "you"}


def _is_demanded(noun: Token) -> bool:
    """'urged the release of ...': a happening asked for is not one that happened."""
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    return noun.dep_ in {"dobj", "pobj"} and ontology.OTHER_TRIGGERS.get(head.lemma_.lower()) == "appeal"


def _arguments(token: Token) -> list[Token]:
    """The nouns a trigger acts on: object or passive subject, the noun a participle modifies, 'of' objects."""
    args = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if token.pos_ == "VERB" and _walks_free(token):  # 'thirty prisoners walked free'
        args.extend(c for c in token.children if c.dep_ in SUBJECT_DEPS)
    if token.dep_ in {"acl", "relcl"} and token.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM", "DET"}:
        args.append(token.head)  # 'those released', 'prisoners pardoned on Thursday'
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "on", "against", "from"}:
            args.extend(c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ not in {"DATE", "TIME"})
    args.extend(c for c in token.children if c.dep_ == "compound")
    if not args and token.dep_ == "conj" and token.head.pos_ == token.pos_:  # 'pardoned and released'
        return _arguments(token.head)
    return args


def _mentions_sanctions(token: Token) -> bool:
    """A sanction word in what the verb acts on ('lifted sanctions', 'removed X from its sanctions list')."""
    for arg in _arguments(token):
        if any(t.lemma_.lower() in ontology.SANCTION_WORDS for t in arg.subtree):
            return True
    return token.head.lemma_.lower() in ontology.SANCTION_WORDS and token.dep_ == "compound"


def is_irrealis(token: Token) -> bool:
    """Whether the trigger's clause says the happening did not or may not happen: negated, modal, conditional
    or a purpose ('have not been released', 'could lead to the release', 'if X were to free', 'efforts to
    free')."""
    if token.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True
    current = token
    while True:
        if any(
            (c.dep_ == "aux" and c.lower_ in MODALS)
            or (c.dep_ == "mark" and c.lower_ in CONDITIONS)
            or (c.dep_ == "neg" and current.pos_ in {"VERB", "AUX"})
            or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children))
            for c in current.children
        ):
            return True
        if current.dep_ in CLAUSE_BOUNDARIES or current.head.i == current.i:
            return False
        current = current.head


def _drop_attribution_statements(candidates: list[_Candidate]) -> list[_Candidate]:
    """A speech verb that attributes another fact of its sentence is that fact's attribution, not a fact."""
    attributing = set()
    for candidate in candidates:
        if candidate.event_type != "statement":
            head = attribution_verb(candidate.trigger)
            if head is not None:
                candidate.attribution_head = head
                attributing.add(head.i)
    return [c for c in candidates if not (c.event_type == "statement" and c.trigger.i in attributing)]


# --- arguments ------------------------------------------------------------------------------------------


def _clause_subject(token: Token) -> Token | None:
    """The subject of the trigger, climbing through 'agreed to remove' / 'was released and forced'."""
    current = token
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects[0]
        if current.dep_ in {"xcomp", "conj"} and current.head.i != current.i:
            current = current.head
        else:
            return None
    return None


def _actor(token: Token) -> Token | None:
    if token.pos_ == "NOUN":
        owners = [c for c in token.children if c.dep_ == "poss"]
        agents = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children]
        return (owners or agents or [None])[0]
    agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents:
        return agents[0]
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children) or token.dep_ in {"acl", "relcl"}:
        return None
    if _walks_free(token) and not any(c.dep_ == "dobj" for c in token.children):
        return None  # those who walk free are the freed, not who frees them
    subject = _clause_subject(token)
    if subject is not None and subject.lower_ in PRONOUNS - PERSONAL_PRONOUNS:
        speech = attribution_verb(token)
        speaker = _clause_subject(speech) if speech is not None else None
        return speaker if speaker is not None and speaker.lower_ not in PRONOUNS else None
    return subject


def _target(token: Token, event_type: str) -> Token | None:
    if event_type in {"ease_sanctions", "impose_sanctions"}:
        sanction_nouns = [a for a in _arguments(token) if a.lemma_.lower() in ontology.SANCTION_WORDS]
        for noun in sanction_nouns:
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ in {"on", "against", "from"}:
                    return next((c for c in prep.children if c.dep_ == "pobj"), None)
        direct = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() not in ontology.SANCTION_WORDS]
        return direct[0] if direct else None
    if event_type in {"meet", "negotiate"}:
        partners = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
        return (partners or [c for c in token.children if c.dep_ == "dobj"] or [None])[0]
    args = _arguments(token)
    return args[0] if args else None


def _object(token: Token, event_type: str) -> str | None:
    """What is eased or imposed: the sanction phrase with every listed target ('as well as ...' included)."""
    if event_type not in {"ease_sanctions", "impose_sanctions"}:
        return None
    nouns = [a for a in _arguments(token) if a.lemma_.lower() in ontology.SANCTION_WORDS]
    if not nouns:
        return _removed_from_list(token)
    noun = nouns[0]
    start, end = noun.left_edge.i, _edge_before_apposition(noun)
    for child in token.children:
        listed = (
            (child.dep_ == "prep" and child.lower_ in {"on", "from", "against", "for"})
            or (child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN"})
            or (child.dep_ == "cc" and any(c.pos_ in {"NOUN", "PROPN"} for c in child.subtree))  # 'as well as X'
            or (child.dep_ == "dobj" and _follows_as_well_as(child))  # 'as well as X' misparsed as object
        )
        if child.i > noun.i and listed:
            end = max(end, _edge_before_apposition(child))
    text = token.doc[start : end + 1].text
    for cue, _ in ontology.RELATION_CUES[:4]:
        text = re.sub(rf"\s*\b{cue}\b", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+([,.;])", r"\1", " ".join(text.split())).strip(" ,;")


def _removed_from_list(token: Token) -> str | None:
    """'removed X and its Y from its sanctions list': what was taken off the list, and the list."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if not objects:
        return None
    end = _edge_before_apposition(objects[0])
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"from", "off"}:
            end = max(end, _edge_before_apposition(prep))
    return token.doc[objects[0].left_edge.i : end + 1].text


def _follows_as_well_as(token: Token) -> bool:
    start = token.left_edge.i
    return [t.lower_ for t in token.doc[max(start - 3, 0) : start]] == ["as", "well", "as"]


def _edge_before_apposition(token: Token) -> int:
    """The last token of a phrase, leaving out appositions ('on potash, a key fertiliser component')."""
    skipped = {t.i for a in token.subtree if a.dep_ == "appos" and a.i != token.i for t in a.subtree}
    kept = [t.i for t in token.subtree if t.i not in skipped and not t.is_punct and not t.is_space]
    return max(kept, default=token.i)


def phrase(token: Token) -> str:
    """A noun's phrase up to the noun itself plus its 'of' complement: 'several Belarusian companies'."""
    end = token.i
    for child in token.children:
        if child.dep_ in {"prep", "appos"} and child.lower_ in {"of"} and child.i > token.i:
            end = max(end, child.right_edge.i)
        if child.dep_ == "compound" and child.i > token.i:
            end = max(end, child.i)
    return token.doc[token.left_edge.i : end + 1].text


def _entity_or_words(token: Token | None, mentions: list[Mention]) -> str | None:
    """The corpus/article entity id of the mention at the token, else the noun phrase's words.

    'he'/'she' stands for the last person named before it: the usual reading in news prose, and the only
    coreference the small model allows without another library.
    """
    if token is None or token.ent_type_ in {"DATE", "TIME"}:
        return None
    if token.lower_ in PERSONAL_PRONOUNS:
        earlier = [m for m in mentions if m.label == "PERSON" and m.end <= token.idx]
        return earlier[-1].entity if earlier else None
    if token.lower_ in PRONOUNS:
        return None
    start, end = token.left_edge.idx, token.idx + len(token.text)
    for mention in mentions:
        if mention.start <= token.idx < mention.end:
            return mention.entity
    inside = [m for m in mentions if start <= m.start and m.end <= end and m.label != "NORP"]
    if len(inside) == 1 and token.pos_ == "PROPN":
        return inside[0].entity
    return phrase(token)


# --- counts ---------------------------------------------------------------------------------------------


def count_of(noun: Token) -> Quantity | None:
    """The count a noun phrase states for its noun ("more than 100 prisoners", "Dozens of ...", "nine of the")."""
    if noun.lemma_.lower() in MEASURE_NOUNS:
        return None
    if noun.like_num or noun.lemma_.lower() in VAGUE_COUNT_LEMMAS or noun.pos_ == "NUM":
        if noun.ent_type_ in NOT_COUNT_LABELS:
            return None
        quantity = parse_quantity(noun.doc[noun.left_edge.i : noun.i + 1].text)
        of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
        definite = any(d.lower_ in {"the", "those", "these"} for p in of for o in p.children for d in o.children)
        return part_of(quantity) if quantity and definite else quantity
    for child in noun.children:
        if (
            child.dep_ in {"nummod", "compound"}
            and (child.pos_ == "NUM" or child.like_num)
            and child.ent_type_ not in NOT_COUNT_LABELS
            and not _is_measure(child)
        ):
            return parse_quantity(noun.doc[child.left_edge.i : child.i + 1].text)
    return None


def _is_measure(number: Token) -> bool:
    """'69-year-old': the number measures an age or a time, not a group of people."""
    following = number.doc[number.i + 1 : number.i + 3]
    return any(t.lemma_.lower() in MEASURE_NOUNS for t in following if t.text != "-")


def _count(token: Token, event_type: str) -> Quantity | None:
    if event_type in {"statement", "ease_sanctions", "impose_sanctions"}:
        return None
    for arg in _arguments(token):
        quantity = count_of(arg)
        if quantity:
            return quantity
    return None


# --- date, place, attribution ---------------------------------------------------------------------------


def _governor(token: Token) -> Token:
    """The nearest trigger or verb above a token: the happening a date or place phrase belongs to."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in {"VERB", "AUX"} or trigger_type(current):
            return current
    return current


def _dates(token: Token, entities: list[Span]) -> list[Span]:
    """DATE phrases of the trigger's clause. Verbs joined by 'and' share them ('pardoned and released in
    June'); a noun trigger takes those of the verb describing it ('elections held in August 2020') or of the
    verb it is the subject of ('the election took place in May')."""
    joined = {token.i} | {c.i for c in token.conjuncts if c.pos_ == token.pos_}
    if token.pos_ == "NOUN":
        joined |= {c.i for c in token.children if c.dep_ == "acl"}
        if token.dep_ in SUBJECT_DEPS | {"nsubjpass"} and not trigger_type(token.head):
            joined.add(token.head.i)
    dates = [e for e in entities if e.label_ == "DATE"]
    own = [e for e in dates if _governor(e.root).i in joined]
    if own:
        return own
    # 'since June, when 31 were freed': a 'when' clause right after a date describes that date.
    if any(c.lower_ == "when" for c in token.children if c.dep_ == "advmod"):
        before = token.left_edge.i - 1
        while before >= 0 and token.doc[before].is_punct:
            before -= 1
        return [e for e in dates if e.start <= before < e.end]
    # 'freed 31 people held on political charges on Thursday': the small model often hangs the date on the
    # participle inside the object; with no date of its own, the trigger takes it.
    arguments = {a.i for a in _arguments(token)}
    return [e for e in dates if _governor(e.root).dep_ == "acl" and _governor(e.root).head.i in arguments]


def _place(token: Token, entities: list[Span]) -> str | None:
    for ent in entities:
        if (
            ent.label_ in PLACE_LABELS
            and ent.root.head.lower_ in PLACE_PREPOSITIONS
            and _governor(ent.root).i == token.i
        ):
            return re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE)
    return None


def attribution_verb(token: Token) -> Token | None:
    """The speech verb a fact is reported under: an ancestor ('X said that ... freed') or a parenthetical."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.lemma_.lower() in ontology.SPEECH_LEMMAS and current.pos_ == "VERB":
            return current
    for child in token.children:
        if child.dep_ in {"parataxis", "advcl"} and child.lemma_.lower() in ontology.SPEECH_LEMMAS:
            return child
    return None


def _attribution(token: Token, sentence: Span, speech: Token | None) -> str | None:
    for according in sentence:
        if (
            according.lower_ == "according"
            and according.i + 1 < len(token.doc)
            and token.doc[according.i + 1].lower_ == "to"
        ):
            return token.doc[according.i : according.right_edge.i + 1].text
    if speech is None:
        return None
    subject = _clause_subject(speech)
    if subject is None:
        return None
    start = min(subject.left_edge.i, speech.i)
    commas = [t.i for t in token.doc[start : subject.i] if t.text == ","]
    if commas:  # a list before the speaker ('activists A, B and C, group X reported') is not the speaker
        start = commas[-1] + 1
    words = token.doc[start : speech.i + 1]
    if subject.i > speech.i:  # inverted: 'said a U.S. official'
        words = token.doc[speech.i : subject.i + 1]
    return words.text


# --- building and linking -------------------------------------------------------------------------------


def _is_background(
    token: Token,
    date: DateValue | None,
    date_spans: list[Span],
    published: str | None,
    settings: FactsSettings,
) -> bool:
    """Dated context rather than the news: long before publication, a stretch of time, or past perfect."""
    for span in date_spans:
        if span.root.head.lower_ in SPAN_PREPOSITIONS or re.search(
            r"\b(?:recent|past|last few)\b", span.text, re.IGNORECASE
        ):
            return True
    if any(c.lower_ in SPAN_PREPOSITIONS for c in token.children if c.dep_ == "prep"):
        return True
    if _happened_long_before(token, settings):
        return True
    reported = attribution_verb(token) is not None  # reported speech shifts tenses back: 'said X had freed'
    if not reported and any(c.lower_ == "had" and c.dep_ == "aux" for c in token.children):
        return True
    base = published_date(published)
    last = latest_day(date) if date else None
    return bool(base and last and last < base - dt.timedelta(days=settings.background_after_days))


def _happened_long_before(token: Token, settings: FactsSettings) -> bool:
    """'(the release comes) four months after X freed 31': a clause introduced by 'after' with a length of
    time states how long before the main happening it took place."""
    if not any(c.dep_ == "mark" and c.lower_ == "after" for c in token.children):
        return False
    lengths = [duration_days(t.doc[t.left_edge.i : t.i + 1].text) for t in token.children if t.dep_ == "npadvmod"]
    return any(days and days > settings.background_after_days for days in lengths)


def _build_fact(
    article: Article,
    analysis: Analysis,
    candidate: _Candidate,
    fact_id: str,
    mentions: list[Mention],
    settings: FactsSettings,
) -> Fact:
    token, event_type = candidate.trigger, candidate.event_type
    kind = ontology.EVENT_TYPES[event_type]
    sentence = analysis.sentences[candidate.sentence_index]
    date_spans = _dates(token, candidate.entities)
    date = next((d for d in (resolve_date(s.text, article.published) for s in date_spans) if d), None)
    speech = candidate.attribution_head if event_type != "statement" else None
    return Fact(
        fact_id=fact_id,
        article_id=article.article_id,
        event_type=event_type,
        cameo=kind.cameo,
        plover=kind.plover,
        trigger=token.text,
        evidence=Evidence(article.article_id, sentence.text, sentence.start, sentence.end),
        actor=_entity_or_words(_actor(token), mentions),
        target=_entity_or_words(_target(token, event_type), mentions),
        object=_object(token, event_type),
        count=_count(token, event_type),
        date=date,
        place=_place(token, candidate.entities),
        attribution=_attribution(token, candidate.sentence, speech) if event_type != "statement" else None,
        background=_is_background(token, date, date_spans, article.published, settings),
    )


def _inherit_context(candidates: list[_Candidate]) -> None:
    """'Thirteen others were released' continues the fact before it: an undated count of 'others' or
    'another N' takes the date and background flag of the previous fact of its type."""
    previous: dict[str, Fact] = {}
    for candidate in candidates:
        fact = candidate.fact
        arguments = _arguments(candidate.trigger)
        continues = any(
            a.lemma_.lower() in {"other", "another"} or any(c.lower_ == "another" for c in a.children)
            for a in arguments
        )
        earlier = previous.get(fact.event_type)
        if continues and fact.date is None and earlier is not None:
            fact.date, fact.background = earlier.date, earlier.background
        previous[fact.event_type] = fact


def _background_through_sequence(facts: list[Fact]) -> None:
    """An undated fact that followed a background fact is background too ('arrested after the 2020
    election')."""
    by_id = {f.fact_id: f for f in facts}
    for fact in facts:
        if fact.date is None and any(r.kind == "follows" and by_id[r.target_fact].background for r in fact.relations):
            fact.background = True


def _cues(sentence: Span) -> list[tuple[Token, str, str]]:
    """Relation cues in a sentence: (first token, cue words, relation kind); longest cue first."""
    found, taken = [], set()
    words = [t.lower_ for t in sentence]
    for cue, kind in ontology.RELATION_CUES:
        cue_words = cue.split()
        for i in range(len(words) - len(cue_words) + 1):
            if words[i : i + len(cue_words)] == cue_words and i not in taken:
                taken.update(range(i, i + len(cue_words)))
                found.append((sentence[i], cue, kind))
    return found


def _link_relations(candidates: list[_Candidate]) -> None:
    by_token = {c.trigger.i: c for c in candidates}
    attributed = {c.attribution_head.i: c for c in candidates if c.attribution_head is not None}
    seen_sentences = set()
    for candidate in candidates:
        sentence = candidate.sentence
        if sentence.start in seen_sentences:
            continue
        seen_sentences.add(sentence.start)
        for cue_token, cue, kind in _cues(sentence):
            # 'after' may introduce a clause ('after X agreed to ...'): the clause is then the cue's head.
            anchor = cue_token.head if cue_token.dep_ == "mark" else cue_token
            governing = _governing_fact(anchor, by_token, attributed)
            if governing is None or governing.event_type == "statement":  # a statement trades nothing
                continue
            inside = [by_token[t.i] for t in anchor.subtree if t.i in by_token and by_token[t.i] is not governing]
            if inside:
                other = inside[0]
            elif kind == "in_exchange_for":  # 'in return', or 'in return for' something not typed as a fact
                other = _counterpart(governing, candidates)
            else:
                continue
            if other is None or other.fact is None:
                continue
            governing.fact.relations.append(Relation(kind, other.fact.fact_id, cue))
            if kind == "in_exchange_for":
                other.fact.relations.append(Relation(kind, governing.fact.fact_id, cue))


def _governing_fact(
    cue_token: Token, by_token: dict[int, _Candidate], attributed: dict[int, _Candidate]
) -> _Candidate | None:
    """The fact a cue phrase hangs from: the nearest trigger above it, the fact a speech verb above it
    reports ('In return, X said it will ...'), or the subject of a plain verb above it ('the release came
    after ...')."""
    current = cue_token
    while current.head.i != current.i:
        current = current.head
        if current.i in by_token:
            return by_token[current.i]
        if current.i in attributed:
            return attributed[current.i]
        if current.pos_ == "VERB":
            subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS and c.i in by_token]
            if subjects:
                return by_token[subjects[0].i]
    return None


def _counterpart(candidate: _Candidate, candidates: list[_Candidate]) -> _Candidate | None:
    """For a bare 'in return': the nearest other substantive fact of another type, in the sentence or before it."""

    def eligible(other: _Candidate) -> bool:
        return (
            other is not candidate
            and other.event_type in ontology.EXCHANGEABLE
            and other.event_type != candidate.event_type
            and other.fact is not None
            and not other.fact.background
        )

    same_sentence = [c for c in candidates if c.sentence_index == candidate.sentence_index and eligible(c)]
    if same_sentence:
        return min(same_sentence, key=lambda c: abs(c.trigger.i - candidate.trigger.i))
    earlier = [c for c in candidates if c.sentence_index < candidate.sentence_index and eligible(c)]
    return earlier[-1] if earlier else None
