"""Per-type rules that read a fact's target and object from the parse, registered by name.

``data/event_types.tsv`` names each type's rule in its ``arguments`` column; a type whose arguments read
like most ('X freed Y': Y is the target) uses ``default``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from storyline.facts.lexicon import lexicon
from storyline.facts.syntax import arguments

# Cues of a stated relation between two facts, and the relation they state.
RELATION_CUES = (
    ("in exchange for", "in_exchange_for"),
    ("in return for", "in_exchange_for"),
    ("in exchange", "in_exchange_for"),
    ("in return", "in_exchange_for"),
    ("following", "follows"),
    ("after", "follows"),
)


@dataclass(frozen=True)
class ArgumentRule:
    target: Callable[[Token], Token | None]
    object: Callable[[Token], str | None]
    has_actor: bool = True  # a natural hazard has no agent: 'the river flooded the town' names none
    implied_actor: Callable[[Token], Token | None] | None = None  # who acts when no subject or agent says


def _first_argument(token: Token) -> Token | None:
    args = arguments(token)
    return args[0] if args else None


def _no_object(token: Token) -> str | None:
    return None


def _partner(token: Token) -> Token | None:
    """'met with X', 'talks with X': the partner is the target."""
    partners = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
    return (partners or [c for c in token.children if c.dep_ == "dobj"] or [None])[0]


def _is_sanction(token: Token) -> bool:
    return lexicon().in_class(token, "sanction")


def _sanction_target(token: Token) -> Token | None:
    """Whom sanctions hit: 'sanctions on X', else the verb's own object ('lifted X's sanctions')."""
    for noun in (a for a in arguments(token) if _is_sanction(a)):
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in {"on", "against", "from"}:
                return next((c for c in prep.children if c.dep_ == "pobj"), None)
    direct = [c for c in token.children if c.dep_ == "dobj" and not _is_sanction(c)]
    return direct[0] if direct else None


def _sanction_object(token: Token) -> str | None:
    """What is eased or imposed: the sanction phrase with every listed target ('as well as ...' included)."""
    nouns = [a for a in arguments(token) if _is_sanction(a)]
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
    for cue, kind in RELATION_CUES:
        if kind == "in_exchange_for":
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


def _custodian(token: Token) -> Token | None:
    """Who holds what is let go: 'freed from Norland's prisons', 'released from Norlandian jails'. A state
    or its people named as the holder of the custody the release ends is the state that released."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"from", "out"}):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            holders = [c for c in place.children if c.dep_ in {"poss", "amod", "compound"}]
            named = [h for h in holders if h.ent_type_ in {"GPE", "NORP", "ORG"}]
            if named:
                return named[0]
    return None


ARGUMENT_RULES: dict[str, ArgumentRule] = {
    "default": ArgumentRule(_first_argument, _no_object),
    "partner": ArgumentRule(_partner, _no_object),
    "hazard": ArgumentRule(_first_argument, _no_object, has_actor=False),
    "custody": ArgumentRule(_first_argument, _no_object, implied_actor=_custodian),
    "sanctions": ArgumentRule(_sanction_target, _sanction_object),
}
