"""storyline: a sourced event ledger from a pile of news articles."""

__version__ = "0.1.0"
