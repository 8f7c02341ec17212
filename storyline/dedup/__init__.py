"""Fold exact and near-duplicate copies (syndication, one story in two formats) into one article."""

from storyline.dedup.minhash import Deduplicator, FoldResult, completeness

__all__ = ["Deduplicator", "FoldResult", "completeness"]
