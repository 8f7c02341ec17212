"""Reading a dependency parse around a trigger: what it acts on, who does it, whether it really happened."""

from __future__ import annotations

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
# Modal verbs and conjunctions that make a happening possible or conditional rather than real. 'will' and
# 'would' are left out: announced concessions ('said it would lift sanctions') are reported as facts.
MODALS = frozenset({"could", "may", "might", "can", "should", "must"})
CONDITIONS = frozenset({"if", "unless"})
CLAUSE_BOUNDARIES = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj"})


def walks_free(verb: Token) -> bool:
    """'walked free', 'were set free': the adjective 'free' as the verb's complement."""
    return any(c.lower_ == "free" and c.dep_ in {"acomp", "oprd"} for c in verb.children)


def arguments(token: Token) -> list[Token]:
    """The nouns a trigger acts on: object or passive subject, the noun a participle modifies, 'of' objects."""
    args = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if token.pos_ in {"VERB", "ADJ"} and walks_free(token):  # 'thirty prisoners walked free'
        args.extend(c for c in token.children if c.dep_ in SUBJECT_DEPS)
    if token.dep_ in {"acl", "relcl", "amod"} and token.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM", "DET"}:
        args.append(token.head)  # 'those released', 'prisoners pardoned on Thursday'
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "on", "against", "from"}:
            args.extend(c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ not in {"DATE", "TIME"})
    args.extend(c for c in token.children if c.dep_ == "compound")
    if not args and token.dep_ == "conj" and token.head.pos_ == token.pos_:  # 'pardoned and released'
        return arguments(token.head)
    return args


def clause_subject(token: Token) -> Token | None:
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
