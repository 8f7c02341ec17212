"""Candidate events for a new article, found without looking at the whole ledger.

An inverted index from distinctive keys (rare words, entities) to the events whose articles carry them. Only
the most recent ``posting_tail`` events of each key are read, so the cost of a lookup is bounded whatever the
size of the ledger, and recent events (where a new report most likely belongs) are preferred.

MinHash LSH (datasketch) was the other option: it finds near-copies well, but two outlets' reports of one
happening share only a small fraction of their words (Jaccard ~0.1), far below where LSH bands fire.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from storyline.settings import EventsSettings


class CandidateIndex:
    def __init__(self, settings: EventsSettings) -> None:
        self.settings = settings
        self._postings: dict[str, list[str]] = defaultdict(list)

    def add(self, keys: list[str], event_id: str) -> None:
        for key in keys:
            posting = self._postings[key]
            if not posting or posting[-1] != event_id:
                posting.append(event_id)

    def candidates(self, vector: dict[str, float], alive: Callable[[str], bool] = lambda _: True) -> list[str]:
        """Events sharing the article's most distinctive keys, best overlap first; events that ``alive``
        rejects (emptied since their articles were indexed) are passed over."""
        top_keys = sorted(vector, key=vector.__getitem__, reverse=True)[: self.settings.candidate_keys]
        overlap: dict[str, float] = defaultdict(float)
        for key in top_keys:
            # In posting order (not a set's), so that ties rank alike in every run.
            for event_id in dict.fromkeys(self._postings.get(key, ())[-self.settings.posting_tail :]):
                overlap[event_id] += vector[key]
        ranked = sorted(filter(alive, overlap), key=overlap.__getitem__, reverse=True)
        return ranked[: self.settings.max_candidates]
