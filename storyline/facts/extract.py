"""Event facts from one parsed article: typed trigger, arguments, counts, date, place, attribution, relations.

Triggers are typed by the lexicon (``lexicon.py``, rules in ``data/triggers.tsv``); arguments come from the
dependency parse around the trigger: the subject is the actor, the type's argument rule (``arguments.py``)
gives the target and object, and a count of the target counts the people in the role the type gives them.
A date belongs to the nearest trigger or verb above it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from storyline.facts.arguments import ARGUMENT_RULES, RELATION_CUES, ArgumentRule
from storyline.facts.counts import RoleCount, article_counts, sentence_counts, with_headline
from storyline.facts.dates import (
    article_anchor,
    clause_tense,
    dates_the_saying,
    duration_days,
    is_street_ordinal,
    latest_year_stated,
    lead_date,
    published_date,
    resolve_date,
)
from storyline.facts.lexicon import lexicon
from storyline.facts.places import article_context, article_place, resolve_place
from storyline.facts.quantity import parse_quantity, part_of
from storyline.facts.syntax import (
    SUBJECT_DEPS,
    arguments,
    clause_subject,
    is_irrealis,
    walks_free,
)
from storyline.facts.vocabulary import (
    STATEMENT,
    EventType,
    event_types,
    is_happening,
    is_tradeable,
)
from storyline.facts.vocabulary import event_type as event_type_of
from storyline.records import (
    Analysis,
    Article,
    DateValue,
    Evidence,
    Fact,
    Mention,
    Participant,
    Party,
    Place,
    Quantity,
    Relation,
    sentence_at,
)
from storyline.settings import FactsSettings

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "inside", "near", "outside"})
NOT_COUNT_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
VAGUE_COUNT_LEMMAS = frozenset(["dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores"])
# English pronouns (a closed class): they name no one by themselves.
PRONOUNS = frozenset(
    ["it", "they", "he", "she", "we", "i", "me", "them", "this", "that", "which", "who", "its", "their", "his", "her",
     "my", "our"]  # fmt: skip
)
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
# Words that mark a stretch of past time or completed past: such a fact is context, not the news.
SPAN_PREPOSITIONS = frozenset({"since", "throughout"})
LEAD_SENTENCES = 3  # the first sentences of an article, which say what happened
TITLE_SENTENCE = -1  # the sentence index of a headline's candidates
# Roles whose counts a trigger's own target gives ('freed 40 prisoners'); the article's toll gives the rest.
TARGET_ROLES = frozenset(kind.count_role for kind in event_types().values() if kind.count_role)


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


def extract_facts(
    article: Article, analysis: Analysis, doc: Doc, settings: FactsSettings, title: Doc | None = None
) -> list[Fact]:
    """Every typed event mention of the article (its headline's first, when ``title`` holds the parsed
    headline), in text order, with relations between them."""
    candidates: list[_Candidate] = []
    if title is not None and len(title):
        candidates.extend(_sentence_candidates(title[:], TITLE_SENTENCE, list(title.ents)))
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
    places = article_context(article.body, mentions, article.title, article.url, article.outlet)
    anchor = article_anchor(article.published, article.body, article.title)
    written = anchor.iso if anchor else None  # the day the article was written, when it says
    latest_year = None if written else latest_year_stated(doc)
    for number, candidate in enumerate(candidates):
        fact_id = f"{article.article_id}:{number}"
        in_title = candidate.sentence_index == TITLE_SENTENCE
        known = [] if in_title else mentions  # the headline's names are not the body's mentions
        candidate.fact = _build_fact(article, analysis, candidate, fact_id, known, written, latest_year, settings)
        if candidate.fact.place is not None:
            words = candidate.fact.place.text
            candidate.fact.place = resolve_place(words, places) or candidate.fact.place
    _inherit_context(candidates)
    _link_relations(candidates)
    facts = [c.fact for c in candidates]
    _background_through_sequence(facts)
    lead = lead_fact(facts, analysis)
    if lead is not None:
        spans = [span for s in analysis.sentences if (span := doc.char_span(s.start, s.end, alignment_mode="expand"))]
        place = article_place(article.body, mentions, analysis.sentences, places)
        _complete_lead(lead, place, lead_date(doc, spans, anchor))
        title_counts = sentence_counts(title[:]) if title is not None and len(title) else []
        tolls = with_headline(article_counts(doc, spans), title_counts)
        facts += _toll_facts(article, analysis, doc, lead, tolls, mentions, facts)
        facts += _headline_tolls(article, lead, title_counts, set(tolls), len(facts))
    elif title is not None and len(title) and (headline := _headline_lead(facts)) is not None:
        facts += _headline_tolls(article, headline, sentence_counts(title[:]), set(), len(facts))
    return facts


def _headline_lead(facts: list[Fact]) -> Fact | None:
    """The headline's happening, for an article whose body states none (a page of links, a teaser): its
    headline's toll ('Teen accidentally shot ...') is then all the article tells."""
    return next((f for f in facts if f.evidence.in_title and not f.background and is_happening(f.event_type)), None)


def lead_fact(facts: list[Fact], analysis: Analysis) -> Fact | None:
    """The fact that states the article's own news: the weightiest happening of the lead (a news article
    says what happened first), else the article's first happening."""
    happenings = [f for f in facts if not f.background and is_happening(f.event_type) and not f.evidence.in_title]
    if not happenings:
        return None
    lead_end = analysis.sentences[LEAD_SENTENCES].start if len(analysis.sentences) > LEAD_SENTENCES else None
    in_lead = [f for f in happenings if lead_end is None or f.evidence.start < lead_end]
    if not in_lead:
        return happenings[0]
    return max(in_lead, key=lambda f: (event_type_of(f.event_type).weight, -f.evidence.start))


def _toll_facts(
    article: Article,
    analysis: Analysis,
    doc: Doc,
    lead: Fact,
    tolls: dict[str, RoleCount],
    mentions: list[Mention],
    facts: list[Fact],
) -> list[Fact]:
    """The article's toll (killed, injured, missing ...: roles no trigger's own target counts) put on the
    fact of the sentence that states it, or on a fact of the lead's type made for that sentence, so every
    count keeps its own sentence as evidence."""
    made: list[Fact] = []
    for role, toll in tolls.items():
        if role in TARGET_ROLES:
            continue
        sentence = analysis.sentences[sentence_at(analysis.sentences, toll.start)]
        if role == "held" and (
            parse_quantity(toll.quantity.text) is None  # 'his wife remains in prison': one person, not a tally
            or any("freed" in f.counts and f.evidence.start == sentence.start for f in facts)  # 'freed 31 held on'
        ):
            continue
        named = _toll_people(toll, doc, role, mentions)
        same = [f for f in [lead, *made] if f.evidence.start == sentence.start and not f.evidence.in_title]
        if same:
            same[0].counts[role] = _whole(toll.quantity)
            same[0].participants += named
            continue
        evidence = Evidence(article.article_id, sentence.text, sentence.start, sentence.end)
        fact = _toll_fact(f"{article.article_id}:{len(facts) + len(made)}", lead, toll, evidence, article.body)
        fact.participants = named
        made.append(fact)
    return made


def _whole(quantity: Quantity) -> Quantity:
    """'one fatally' of 'two shot' is the whole toll of its role, not a part of another count."""
    return replace(quantity, qualifier="exact") if quantity.qualifier == "part_of" else quantity


def _toll_fact(fact_id: str, lead: Fact, toll: RoleCount, evidence: Evidence, text: str) -> Fact:
    """A fact of the lead's happening stating one role of its toll, in the sentence (or headline) ``text``
    that ``evidence`` locates."""
    return Fact(
        fact_id=fact_id,
        article_id=lead.article_id,
        event_type=lead.event_type,
        cameo=lead.cameo,
        plover=lead.plover,
        trigger=text[toll.start : toll.end],
        evidence=evidence,
        counts={toll.role: _whole(toll.quantity)},
        date=lead.date,
    )


def _headline_tolls(article: Article, lead: Fact, tolls: list[RoleCount], stated: set[str], numbered: int) -> list[Fact]:
    """The toll a headline states for roles the body's lead does not ('2 dead, 3 hurt in ...')."""
    made = []
    for toll in tolls:
        if toll.role in TARGET_ROLES or toll.role in stated:
            continue
        stated.add(toll.role)
        title = article.title or ""
        evidence = Evidence(article.article_id, title, 0, len(title), in_title=True)
        made.append(_toll_fact(f"{article.article_id}:{numbered + len(made)}", lead, toll, evidence, title))
    return made


def _toll_people(toll: RoleCount, doc: Doc, role: str, mentions: list[Mention]) -> list[Participant]:
    """The people a toll names ('the shooting killed A and injured B'), from the tokens it counted."""
    found: list[Participant] = []
    for index in toll.people:
        token = doc[index]
        found += _people_between(token.idx, token.idx + len(token), role, mentions)
    return list({p.entity: p for p in found}.values())



def _complete_lead(lead: Fact, place: Place | None, date: DateValue | None) -> None:
    """What the article as a whole says of its news (where and when it happened) completes the lead fact
    where its own sentence is silent or less precise."""
    if place is not None and (lead.place is None or (place.city and place.city != lead.place.city)):
        lead.place = place  # the article's votes (dateline, street, lead) outweigh one phrase of one sentence
    if place is not None and lead.place is not None:
        lead.place = replace(lead.place, article_wide=True)  # outvotes single sentences when reports are pooled
    if date is not None and date.iso and (lead.date is None or date.fineness() > lead.date.fineness()):
        lead.date = date


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
    return lexicon().type_of(token)


def _drop_attribution_statements(candidates: list[_Candidate]) -> list[_Candidate]:
    """A speech verb that attributes another fact of its sentence is that fact's attribution, not a fact."""
    attributing = set()
    for candidate in candidates:
        if candidate.event_type != STATEMENT:
            head = attribution_verb(candidate.trigger)
            if head is not None:
                candidate.attribution_head = head
                attributing.add(head.i)
    return [c for c in candidates if not (c.event_type == STATEMENT and c.trigger.i in attributing)]


# --- arguments ------------------------------------------------------------------------------------------


def _actor_of(token: Token, kind: EventType, rule: ArgumentRule) -> Token | None:
    if not rule.has_actor:
        return None
    actor = _actor(token, bool(kind.count_role))
    return actor if actor is not None or rule.implied_actor is None else rule.implied_actor(token)


def _actor(token: Token, acts_on_people: bool) -> Token | None:
    """Who does it: the subject, the 'by' agent, or a noun's possessor. The possessor of a noun that acts on
    people is the person it is done to when it is a person ('her release', 'Smith's arrest')."""
    if token.pos_ == "NOUN":
        owners = [c for c in token.children if c.dep_ == "poss"]
        if acts_on_people:
            owners = [o for o in owners if o.lower_ not in PRONOUNS and o.ent_type_ != "PERSON"]
        agents = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children]
        return (owners or agents or [None])[0]
    agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents:
        return agents[0]
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children) or token.dep_ in {"acl", "relcl"}:
        return None
    if walks_free(token) and not any(c.dep_ == "dobj" for c in token.children):
        return None  # those who walk free are the freed, not who frees them
    subject = clause_subject(token)
    if subject is not None and subject.lower_ in PRONOUNS - PERSONAL_PRONOUNS:
        speech = attribution_verb(token)
        speaker = clause_subject(speech) if speech is not None else None
        return speaker if speaker is not None and speaker.lower_ not in PRONOUNS else None
    return subject


def phrase(token: Token) -> str:
    """A noun's phrase up to the noun itself plus its 'of' complement: 'several Belarusian companies'."""
    end = token.i
    for child in token.children:
        if child.dep_ in {"prep", "appos"} and child.lower_ in {"of"} and child.i > token.i:
            end = max(end, child.right_edge.i)
        if child.dep_ == "compound" and child.i > token.i:
            end = max(end, child.i)
    return token.doc[token.left_edge.i : end + 1].text


def _party(token: Token | None, mentions: list[Mention]) -> Party | None:
    """The party a token names: the entity mention at the token with its words, else the noun phrase's
    words with no entity.

    'he'/'she' stands for the last person named before it: the usual reading in news prose, and the only
    coreference the small model allows without another library.
    """
    if token is None or token.ent_type_ in {"DATE", "TIME"}:
        return None
    if token.lower_ in PERSONAL_PRONOUNS:
        earlier = [m for m in mentions if m.label == "PERSON" and m.end <= token.idx]
        return Party(earlier[-1].text, earlier[-1].entity) if earlier else None
    if token.lower_ in PRONOUNS:
        return None
    start, end = token.left_edge.idx, token.idx + len(token.text)
    for mention in mentions:
        if mention.start <= token.idx < mention.end:
            return Party(mention.text, mention.entity)
    inside = [m for m in mentions if start <= m.start and m.end <= end and m.label != "NORP"]
    if len(inside) == 1 and token.pos_ == "PROPN":
        return Party(inside[0].text, inside[0].entity)
    return Party(phrase(token))


# --- counts ---------------------------------------------------------------------------------------------


def count_of(noun: Token) -> Quantity | None:
    """The count a noun phrase states for its noun ("more than 100 prisoners", "Dozens of ...", "nine of the")."""
    if lexicon().in_class(noun, "measure"):
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
    return any(lexicon().in_class(t, "measure") for t in following if t.text != "-")


def _counts(token: Token, event_type: str) -> dict[str, Quantity]:
    """The count of what the trigger acts on, in the role its type gives it ('freed 40': 40 freed)."""
    role = event_type_of(event_type).count_role
    if not role:
        return {}
    for arg in arguments(token):
        quantity = count_of(arg)
        if quantity:
            return {role: quantity}
    return {}


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
    """DATE phrases of the trigger's clause, not the day something was said ('police said today'). Verbs
    joined by 'and' share them ('pardoned and released in June'); a noun trigger takes those of the verb
    describing it ('elections held in August 2020') or of the verb it is the subject of ('the election took
    place in May')."""
    joined = {token.i} | {c.i for c in token.conjuncts if c.pos_ == token.pos_}
    if token.pos_ == "NOUN":
        joined |= {c.i for c in token.children if c.dep_ == "acl"}
        if token.dep_ in SUBJECT_DEPS | {"nsubjpass"} and not trigger_type(token.head):
            joined.add(token.head.i)
    dates = [e for e in entities if e.label_ == "DATE" and not dates_the_saying(e) and not is_street_ordinal(e)]
    # 'has ruled since 1998 and won a term in the September 2021 election': a noun under the trigger that names
    # the same happening dates it before a verb joined to it by 'and' does.
    kind = trigger_type(token)
    naming = [
        e for e in dates
        if (g := _governor(e.root)).i != token.i and g.pos_ == "NOUN" and g in token.subtree and trigger_type(g) == kind
    ]
    own = [e for e in dates if _governor(e.root).i in joined]
    if naming and not any(_governor(e.root).i == token.i for e in own):
        return naming
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
    acted_on = {a.i for a in arguments(token)}
    return [e for e in dates if _governor(e.root).dep_ == "acl" and _governor(e.root).head.i in acted_on]


def _place(token: Token, entities: list[Span]) -> Place | None:
    for ent in entities:
        if (
            ent.label_ in PLACE_LABELS
            and ent.root.head.lower_ in PLACE_PREPOSITIONS
            and _governor(ent.root).i == token.i
        ):
            return Place(re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE))
    return None


def attribution_verb(token: Token) -> Token | None:
    """The speech verb a fact is reported under: an ancestor ('X said that ... freed') or a parenthetical."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if lexicon().is_speech(current):
            return current
    for child in token.children:
        if child.dep_ in {"parataxis", "advcl"} and lexicon().is_speech(child):
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
    subject = clause_subject(speech)
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
    latest_year: int | None,
    settings: FactsSettings,
) -> bool:
    """Dated context rather than the news: long before publication (or, in an undated article, before the
    latest year it states), a stretch of time, or past perfect."""
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
    last = date.last_day() if date else None
    if base is None:  # an undated article was written no earlier than the latest year it states
        return bool(last and latest_year and last.year < latest_year)
    return bool(last and last < base - dt.timedelta(days=settings.background_after_days))


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
    written: str | None,
    latest_year: int | None,
    settings: FactsSettings,
) -> Fact:
    token, event_type = candidate.trigger, candidate.event_type
    kind = event_type_of(event_type)
    rule = ARGUMENT_RULES[kind.arguments]
    if candidate.sentence_index == TITLE_SENTENCE:
        title = article.title or ""
        evidence = Evidence(article.article_id, title, 0, len(title), in_title=True)
    else:
        sentence = analysis.sentences[candidate.sentence_index]
        evidence = Evidence(article.article_id, sentence.text, sentence.start, sentence.end)
    date_spans = _dates(token, candidate.entities)
    stated = (resolve_date(span.text, written, tense=clause_tense(span), year_hint=latest_year) for span in date_spans)
    date = next((d for d in stated if d), None)
    speech = candidate.attribution_head if event_type != STATEMENT else None
    target = rule.target(token)
    return Fact(
        fact_id=fact_id,
        article_id=article.article_id,
        event_type=event_type,
        cameo=kind.cameo,
        plover=kind.plover,
        trigger=token.text,
        evidence=evidence,
        actor=_party(_actor_of(token, kind, rule), mentions),
        target=_party(target, mentions),
        object=rule.object(token),
        counts=_counts(token, event_type),
        date=date,
        place=_place(token, candidate.entities),
        attribution=_attribution(token, candidate.sentence, speech) if event_type != STATEMENT else None,
        background=_is_background(token, date, date_spans, written, latest_year, settings),
        participants=_named_in(token, target, kind.count_role, mentions) if target is not None and kind.count_role else [],
    )


def _named_in(trigger: Token, target: Token, role: str, mentions: list[Mention]) -> list[Participant]:
    """The people named as what a trigger acts on, in its role: the target and the names listed with it
    ('freed A and B', 'freed 52 prisoners, including A and B', 'Among those freed were A, B and C'), not
    every name its phrase goes on to mention ('freed under a deal between X and Y')."""
    heads = [target, *target.conjuncts, *_listed(target), *_listed(trigger)]
    people: dict[str, Participant] = {}
    if trigger.dep_ in {"acl", "relcl"} and trigger.head.head.lower_ == "among":  # 'Among those freed were A'
        copula = trigger.head.head.head
        named = [c for c in copula.children if c.dep_ in {"nsubj", "attr"}]
        heads += named
        if not named:  # the small model often hangs the list on a later verb: the names after the copula
            people.update({p.entity: p for p in _people_between(copula.idx, trigger.sent.end_char, role, mentions)})
    for head in heads:
        for name in [head, *head.conjuncts, *(c for c in head.children if c.dep_ == "appos")]:
            end = name.idx + len(name)
            for person in _people_between(name.left_edge.idx, end, role, mentions):
                people.setdefault(person.entity, person)
    return list(people.values())


def _listed(token: Token) -> list[Token]:
    """The names an 'including' / 'among them' / 'such as' list hangs on a word."""
    lists = [c for c in token.children if c.dep_ == "prep" and c.lower_ in {"including", "among", "like"}]
    lists += [c for c in token.children if c.dep_ == "amod" and c.lower_ == "such"]
    return [g for c in lists for g in c.subtree if g.dep_ in {"pobj", "conj", "appos"}]


def _people_between(start: int, end: int, role: str, mentions: list[Mention]) -> list[Participant]:
    named = [m for m in mentions if m.label == "PERSON" and start <= m.start and m.end <= end]
    return list({m.entity: Participant(role, m.text, m.entity) for m in named}.values())


def _inherit_context(candidates: list[_Candidate]) -> None:
    """'Thirteen others were released' continues the fact before it: an undated count of 'others' or
    'another N' takes the date and background flag of the previous fact of its type."""
    previous: dict[str, Fact] = {}
    for candidate in candidates:
        fact = candidate.fact
        continues = any(
            a.lemma_.lower() in {"other", "another"} or any(c.lower_ == "another" for c in a.children)
            for a in arguments(candidate.trigger)
        )
        action = fact.cameo or fact.event_type  # 'pardoned' then 'others were released': one CAMEO action
        earlier = previous.get(action)
        if continues and fact.date is None and earlier is not None:
            fact.date, fact.background = earlier.date, earlier.background
        previous[action] = fact


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
    for cue, kind in RELATION_CUES:
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
            if governing is None or governing.event_type == STATEMENT:  # a statement trades nothing
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
            and is_tradeable(other.event_type)
            and other.event_type != candidate.event_type
            and other.fact is not None
            and not other.fact.background
        )

    same_sentence = [c for c in candidates if c.sentence_index == candidate.sentence_index and eligible(c)]
    if same_sentence:
        return min(same_sentence, key=lambda c: abs(c.trigger.i - candidate.trigger.i))
    earlier = [c for c in candidates if c.sentence_index < candidate.sentence_index and eligible(c)]
    return earlier[-1] if earlier else None
