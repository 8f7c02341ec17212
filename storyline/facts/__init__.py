"""The facts stage: typed event mentions (PLOVER/CAMEO) with their arguments, counts, dates and relations."""

from storyline.facts.extract import extract_facts

__all__ = ["extract_facts"]
