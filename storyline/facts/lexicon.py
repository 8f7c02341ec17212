"""The trigger lexicon: which word, in which use, states a happening of which type; loaded from data.

``data/triggers.tsv`` lists, per lemma, rows of (part of speech, type, conditions) tried in order;
``data/word_classes.tsv`` names the word classes the conditions test. The conditions are the few tests of a
dependency parse defined here (``CONDITIONS``); the words they test and the types they give are data, in the
way spaCy's span_ruler loads its patterns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from storyline.facts.syntax import arguments, clause_subject, walks_free
from storyline.facts.vocabulary import STATEMENT, data_rows, event_types

POS_OF = {"VERB": {"VERB"}, "NOUN": {"NOUN"}, "ADJ": {"ADJ"}, "ANY": {"VERB", "NOUN", "ADJ"}}
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "those", "you"})
FEW_OBJECT_WORDS = 12  # an argument class this small stands in for its verb when sentences are chosen for parsing
VAGUE_COUNTS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores"})


@dataclass(frozen=True)
class Condition:
    test: str
    argument: str
    negated: bool


@dataclass(frozen=True)
class TriggerRule:
    lemma: str
    pos: frozenset[str]
    event_type: str
    conditions: tuple[Condition, ...]


class Lexicon:
    """Types trigger tokens of a parsed sentence by the rules of the data files."""

    def __init__(self, rules: list[TriggerRule], classes: dict[str, frozenset[str]]):
        unknown = {rule.event_type for rule in rules} - set(event_types())
        if unknown:
            raise ValueError(f"triggers.tsv names types that event_types.tsv lacks: {sorted(unknown)}")
        self.classes = classes
        self.rules: dict[str, list[TriggerRule]] = {}
        for rule in rules:
            for condition in rule.conditions:
                if condition.test not in CONDITIONS:
                    raise ValueError(f"triggers.tsv: unknown condition {condition.test!r} for {rule.lemma!r}")
            self.rules.setdefault(rule.lemma, []).append(rule)
        self.speech_lemmas = frozenset(r.lemma for r in rules if r.event_type == STATEMENT)
        self.appeal_lemmas = frozenset(
            r.lemma for r in rules if event_types()[r.event_type].name == "Contact:Appeal"
        )

    def lemmas(self) -> frozenset[str]:
        """Words of which a sentence must hold one to hold a fact worth a parse: the trigger lemmas, except that
        a common verb which triggers only on a few object words ('closed its embassy', 'held power') is stood in
        for by those words, being far rarer, and speech verbs alone ('said') are not enough (the nlp stage
        parses only the sentences holding one, and those of the lead)."""
        words: set[str] = set()
        for lemma, rules in self.rules.items():
            if all(rule.event_type == STATEMENT for rule in rules):
                continue  # a bare quote is no happening: said in a sentence read for another reason, it counts
            objects = [self._object_words(rule) for rule in rules]
            if all(objects):
                words.update(*objects)
            else:
                words.add(lemma)
        return frozenset(words)

    def _object_words(self, rule: TriggerRule) -> frozenset[str]:
        """The few plain words one of a rule's required argument classes holds, or nothing."""
        for condition in rule.conditions:
            if condition.test in {"arg", "argtree"} and not condition.negated:
                words = self.classes[condition.argument]
                if len(words) <= FEW_OBJECT_WORDS and not any(w.startswith("@") for w in words):
                    return words
        return frozenset()

    def type_of(self, token: Token) -> str | None:
        """The event type the token triggers, or None. A word of a work's title ('the episode "The Fires of
        Pompeii"') names the work, not a happening."""
        if token.dep_ in {"compound"} or token.pos_ not in POS_OF["ANY"] or token.ent_type_ == "WORK_OF_ART":
            return None
        for rule in self.rules.get(token.lemma_.lower(), ()):
            if token.pos_ in rule.pos and all(self._holds(c, token) for c in rule.conditions):
                return rule.event_type
        return None

    def is_speech(self, token: Token) -> bool:
        return token.pos_ == "VERB" and token.lemma_.lower() in self.speech_lemmas

    def in_class(self, token: Token, name: str) -> bool:
        """Whether a token is a word of a class: by lemma, by entity label, or by the @ tests of the class."""
        words = self.classes[name]
        if token.lemma_.lower() in words or token.lower_ in words:
            return True
        if token.ent_type_ and "@" + token.ent_type_ in words:
            return True
        if "@PROPN" in words and token.pos_ == "PROPN" and not token.ent_type_:
            return True
        if "@PRONOUN" in words and token.lower_ in OBJECT_PRONOUNS:
            return True
        if "@NUMBER" in words and (token.like_num or token.pos_ == "NUM" or token.lemma_.lower() in VAGUE_COUNTS):
            counted = [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            return not counted or self.in_class(counted[0], name)  # 'dozens of prisoners', 'nine of the freed'
        return False

    def is_demanded(self, token: Token) -> bool:
        """'urged the release of ...': a happening asked for is not one that happened."""
        head = token.head.head if token.dep_ == "pobj" else token.head
        return token.dep_ in {"dobj", "pobj"} and head.lemma_.lower() in self.appeal_lemmas

    def _holds(self, condition: Condition, token: Token) -> bool:
        return CONDITIONS[condition.test](self, token, condition.argument) != condition.negated


def _subject(token: Token) -> list[Token]:
    if token.pos_ == "NOUN":
        owners = [c for c in token.children if c.dep_ == "poss"]
        agents = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children]
        return owners + agents
    subject = clause_subject(token)
    return [subject] if subject is not None else []


def _words(argument: str) -> set[str]:
    return {w.strip() for w in argument.split(",")}


def _with_compounds(tokens: list[Token]) -> list[Token]:
    """Nouns with the nouns compounded into them: 'its sanctions list' is about sanctions, 'the iPhone X's
    release' about a product."""
    return tokens + [c for t in tokens for c in t.children if c.dep_ == "compound"]


CONDITIONS: dict[str, Callable[[Lexicon, Token, str], bool]] = {
    "arg": lambda lex, t, a: any(lex.in_class(x, a) for x in _with_compounds(arguments(t))),
    "argtree": lambda lex, t, a: any(lex.in_class(x, a) for arg in arguments(t) for x in arg.subtree),
    "noarg": lambda lex, t, a: not arguments(t),
    "subj": lambda lex, t, a: any(lex.in_class(x, a) for x in _with_compounds(_subject(t))),
    "mod": lambda lex, t, a: any(
        lex.in_class(c, a) for c in t.children if c.dep_ in {"compound", "amod", "advmod", "nmod", "npadvmod"}
    ),
    "conj": lambda lex, t, a: any(lex.in_class(c, a) for c in t.conjuncts),
    "prep": lambda lex, t, a: any(c.dep_ in {"prep", "prt"} and c.lower_ in _words(a) for c in t.children),
    "from": lambda lex, t, a: any(
        lex.in_class(g, a)
        for g in _with_compounds(
            [g for c in t.children if c.dep_ == "prep" and c.lower_ in {"from", "off"} for g in c.children]
        )
    ),
    "particle": lambda lex, t, a: any(c.dep_ in {"prt", "advmod"} and c.lower_ in _words(a) for c in t.children),
    "head": lambda lex, t, a: t.head.i != t.i and t.head.lemma_.lower() in _words(a),
    "sentence": lambda lex, t, a: any(lex.in_class(x, a) for x in t.sent if x.is_alpha),
    "walks_free": lambda lex, t, a: walks_free(t if t.pos_ != "ADJ" else t.head),
    "demanded": lambda lex, t, a: lex.is_demanded(t),
    "verb": lambda lex, t, a: t.pos_ == "VERB",
}


def _condition(text: str) -> Condition:
    text = text.strip()
    negated = text.startswith("not ")
    test, _, argument = text.removeprefix("not ").partition(":")
    return Condition(test.strip(), argument.strip(), negated)


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    classes = {row[0]: frozenset(row[1].split()) for row in data_rows("word_classes.tsv")}
    rules = []
    for row in data_rows("triggers.tsv"):
        lemma, pos, event_type = row[:3]
        conditions = tuple(_condition(c) for c in (row[3] if len(row) > 3 else "").split(";") if c.strip())
        rules.append(TriggerRule(lemma, frozenset(POS_OF[pos]), event_type, conditions))
    return Lexicon(rules, classes)
