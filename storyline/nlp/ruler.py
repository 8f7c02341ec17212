"""The model's attribute rules (tag map, lemma and morphology exceptions) applied as array operations.

spaCy's ``attribute_ruler`` runs a Matcher with the model's 179 patterns over each token of each doc, which
costs half as much as the tok2vec layer on the sentences storyline parses. Every pattern of the pinned
en_core_web_sm is a fixed run of one or two tokens, each constrained by equality, IN, NOT_IN or REGEX on
TAG, LOWER, DEP or IS_SPACE. So this module evaluates the same rules over the token arrays of a whole batch
of docs at once and writes the ruler's own normalised values back. As in spaCy, every rule matches on the
annotations as they were before any rule applied, and a later rule overrides an earlier one. The
tests in tests/nlp check that the output equals spaCy's. A pattern of any other shape is refused when the
pipeline is built, so a changed model cannot silently get different annotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG, intify_attr
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.util import minibatch

MATCHED_ATTRIBUTES = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
SET_ATTRIBUTES = (TAG, POS, MORPH, LEMMA, DEP)
WRITTEN = [HEAD, *SET_ATTRIBUTES]  # HEAD goes back unchanged: from_array needs it beside DEP
READ = [*WRITTEN, LOWER, IS_SPACE]
COLUMN = {attr: i for i, attr in enumerate(READ)}


@dataclass(frozen=True)
class _Constraint:
    column: int
    kind: str  # "==", "IN", "NOT_IN" or "REGEX"
    values: tuple


@dataclass(frozen=True)
class _Rule:
    tokens: tuple[tuple[_Constraint, ...], ...]  # one constraint set per token of the pattern
    target: int  # which token of the pattern gets the attributes
    attributes: tuple[tuple[int, int], ...]  # (column, value) as the ruler normalised them


class ArrayAttributeRuler:
    """Drop-in for the model's ``attribute_ruler`` in ``pipe``: the same annotations, computed per batch."""

    def __init__(self, ruler: AttributeRuler):
        self.strings = ruler.vocab.strings
        self.rules = [
            _Rule(tuple(_constraints(token, self.strings) for token in pattern), entry["index"], _attributes(normalised))
            for entry, normalised in zip(ruler.patterns, ruler.attrs, strict=True)
            for pattern in entry["patterns"]
        ]
        for rule in self.rules:
            if not 0 <= rule.target < len(rule.tokens):
                raise ValueError(f"attribute rule targets token {rule.target} of a {len(rule.tokens)}-token pattern")

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            yield from self._apply(list(batch))

    def _apply(self, docs: list[Doc]) -> list[Doc]:
        parts = [doc.to_array(READ).astype("uint64") for doc in docs]
        before = numpy.concatenate(parts)
        after = before.copy()
        last_of_doc = numpy.zeros(len(before), dtype=bool)
        last_of_doc[numpy.cumsum([len(p) for p in parts]) - 1] = True
        for rule in self.rules:  # in the ruler's order: a later rule overrides an earlier one
            starts = self._matches(rule, before, last_of_doc)
            for column, value in rule.attributes:
                after[starts + rule.target, column] = value
        offset = 0
        for doc, part in zip(docs, parts):
            doc.from_array(WRITTEN, after[offset : offset + len(part), : len(WRITTEN)])
            offset += len(part)
        return docs

    def _matches(self, rule: _Rule, table: numpy.ndarray, last_of_doc: numpy.ndarray) -> numpy.ndarray:
        """Start positions where every token of the rule's pattern meets its constraints, inside one doc."""
        length = len(rule.tokens)
        possible = len(table) - length + 1
        if possible <= 0:
            return numpy.zeros(0, dtype=int)
        mask = numpy.ones(possible, dtype=bool)
        for offset, constraints in enumerate(rule.tokens):
            rows = table[offset : offset + possible]
            for constraint in constraints:
                mask &= self._meets(constraint, rows[:, constraint.column])
            if offset < length - 1:
                mask &= ~last_of_doc[offset : offset + possible]  # the pattern may not run into the next doc
        return numpy.flatnonzero(mask)

    def _meets(self, constraint: _Constraint, column: numpy.ndarray) -> numpy.ndarray:
        if constraint.kind == "==":
            return column == constraint.values[0]
        if constraint.kind == "REGEX":
            unique = numpy.unique(column)
            pattern = re.compile(constraint.values[0])
            return numpy.isin(column, [v for v in unique.tolist() if pattern.search(self.strings[v])])
        inside = numpy.isin(column, numpy.array(constraint.values, dtype="uint64"))
        return inside if constraint.kind == "IN" else ~inside


def _constraints(token: dict, strings: StringStore) -> tuple[_Constraint, ...]:
    constraints = []
    for name, condition in token.items():
        if name not in MATCHED_ATTRIBUTES:
            raise ValueError(f"attribute rule on {name} is not supported: {token}")
        column = COLUMN[MATCHED_ATTRIBUTES[name]]
        if not isinstance(condition, dict):
            constraints.append(_Constraint(column, "==", (_value(condition, strings),)))
            continue
        ((kind, values),) = condition.items()
        if kind == "REGEX":
            constraints.append(_Constraint(column, kind, (values,)))
        elif kind in ("IN", "NOT_IN"):
            constraints.append(_Constraint(column, kind, tuple(_value(v, strings) for v in values)))
        else:
            raise ValueError(f"attribute rule operator {kind} is not supported: {token}")
    return tuple(constraints)


def _value(value: str | bool, strings: StringStore) -> int:
    """A pattern value as the token array holds it: a string's hash ('' is 0, a missing label), a flag 0/1."""
    return int(value) if isinstance(value, bool) else strings.add(value) if value else 0


def _attributes(normalised: dict) -> tuple[tuple[int, int], ...]:
    attributes = []
    for attr, value in normalised.items():
        attr = intify_attr(attr)
        if attr not in SET_ATTRIBUTES:
            raise ValueError(f"attribute rule setting {attr} is not supported")
        attributes.append((COLUMN[attr], int(value)))
    return tuple(attributes)
