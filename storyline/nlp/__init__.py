"""The nlp stage: verified spaCy model, sentences, entity mentions, and entities folded per article and corpus."""

from storyline.nlp.analyzer import Analyzer
from storyline.nlp.model import ModelIntegrityError, load_pipeline
from storyline.nlp.resolver import EntityResolver

__all__ = ["Analyzer", "EntityResolver", "ModelIntegrityError", "load_pipeline"]
