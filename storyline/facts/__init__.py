"""The facts stage: typed event mentions (ACE-style types with CAMEO/PLOVER codes), with their arguments,
counts by role, dates, places and relations."""

from storyline.facts.counts import count_words
from storyline.facts.extract import extract_facts
from storyline.facts.lexicon import lexicon
from storyline.facts.vocabulary import dominant_type, event_type, event_types, is_context, is_happening


def parse_words() -> frozenset[str]:
    """The lemmas whose sentences the facts stage reads the dependency parse of: the nlp stage parses only
    sentences holding one of them."""
    return lexicon().lemmas() | count_words()


__all__ = [
    "dominant_type",
    "event_type",
    "event_types",
    "extract_facts",
    "is_context",
    "is_happening",
    "parse_words",
]
