"""The facts stage: typed event mentions (PLOVER/CAMEO) with their arguments, counts, dates and relations."""

from storyline.facts.extract import extract_facts
from storyline.facts.ontology import EVENT_TYPES, dominant_type, is_material

__all__ = ["extract_facts", "EVENT_TYPES", "dominant_type", "is_material"]
