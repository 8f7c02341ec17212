"""How alike two articles are as reports of one happening.

Word and entity overlap (TF-IDF cosine, the established baseline for news event detection) says whether two
articles speak of the same things; dates, counts and principal participants then say whether they can be the
same occurrence of it: two releases months apart, of 52 and of 123 people, or two rehab stays of two different
celebrities, are two happenings whatever their shared words.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from scipy import sparse

from storyline.events.features import EventFeatures
from storyline.settings import EventsSettings

ENTITY_PREFIX = "entity:"
OBJECT_PREFIX = "object:"


def feature_keys(features: EventFeatures) -> dict[str, int]:
    """The article's words, entities and fact objects as one bag of keys with their counts."""
    keys = dict(features.terms)
    for entity, count in features.entities.items():
        keys[ENTITY_PREFIX + entity] = count
    for word in features.objects:
        keys[OBJECT_PREFIX + word] = 1
    return keys


class DocumentFrequencies:
    """Running document frequencies of keys, so IDF can be computed as articles stream in.

    Kept by hand rather than with scikit-learn's TfidfVectorizer, which can only be fitted on a whole corpus.
    """

    def __init__(self) -> None:
        self.documents = 0
        self.counts: Counter[str] = Counter()

    def add(self, keys: dict[str, int]) -> None:
        self.documents += 1
        self.counts.update(keys.keys())

    def idf(self, key: str) -> float:
        """Smoothed IDF, as scikit-learn's ``smooth_idf``."""
        return math.log((1 + self.documents) / (1 + self.counts[key])) + 1.0


def weighted_vector(
    keys: dict[str, int], frequencies: DocumentFrequencies, settings: EventsSettings
) -> dict[str, float]:
    """Unit-length sublinear TF-IDF vector; entity and object keys weighted up by ``entity_weight``."""
    documents, seen, log = frequencies.documents, frequencies.counts, math.log  # hot loop: no lookups
    vector = {}
    for key, count in keys.items():
        boost = settings.entity_weight if key.startswith((ENTITY_PREFIX, OBJECT_PREFIX)) else 1.0
        vector[key] = boost * (1.0 + log(count)) * (log((1 + documents) / (1 + seen[key])) + 1.0)
    norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
    return {key: value / norm for key, value in vector.items()}


def cosine(left: dict[str, float], right: dict[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    return sum(value * right.get(key, 0.0) for key, value in left.items())


def date_interval(iso: str) -> tuple[date, date]:
    """The days an ISO date cut to its precision covers ("2025-09" -> all of September 2025)."""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, following - timedelta(days=1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def best_date(isos: list[str]) -> str | None:
    """The date most stated, a coarser date counting as support for the finer ones it contains ("2025"
    backs "2025-10-18", not the other way round); the finest on ties."""
    intervals = {iso: date_interval(iso) for iso in set(isos)}

    def support(candidate: str) -> int:
        first, last = intervals[candidate]
        return sum(1 for iso in isos if intervals[iso][0] <= first and last <= intervals[iso][1])

    return max(intervals, key=lambda iso: (support(iso), len(iso), iso), default=None)


def when(features: EventFeatures) -> tuple[date, date] | None:
    """When the article's happening took place: its best fact date to the month or day, else its
    publication. A bare year is left out: news dates its happening closer, and a year alone is mostly
    background ("in power since 1994")."""
    best = best_date([iso for iso in features.event_dates if len(iso) >= 7])
    if best:
        return date_interval(best)
    if features.published:
        return date_interval(features.published[:10])
    return None


@dataclass(frozen=True)
class Bounds:
    """When and how many, as numbers, for many articles at once: NaN where unknown.

    Arrays rather than per-pair calls so that the batch mode can judge every pair of a corpus at once with
    the very formula the streaming grouper uses for one article against its candidates.
    """

    start: np.ndarray  # first day (ordinal) of the article's happening
    end: np.ndarray  # last day
    count_low: np.ndarray  # lead count's range
    count_high: np.ndarray

    @classmethod
    def of(cls, rows: list[tuple[float, float, float, float]]) -> Bounds:
        """Stack rows made by ``bounds_row``."""
        table = np.array(rows, dtype=float).reshape(-1, 4)
        return cls(*(table[:, column] for column in range(4)))


def bounds_row(features: EventFeatures, settings: EventsSettings) -> tuple[float, float, float, float]:
    """One article's (start, end, count low, count high) for ``Bounds``.

    An open count ("more than 100") is read as at most ``open_count_span`` times its bound: writers round
    down to the nearest round figure, so "more than 100" is said of 123, hardly of 250.
    """
    interval = when(features)
    start, end = (interval[0].toordinal(), interval[1].toordinal()) if interval else (math.nan, math.nan)
    if not features.headline_count:
        return start, end, math.nan, math.nan
    low, high = features.headline_count
    return start, end, low, low * settings.open_count_span if high is None else high


def date_factor(left: Bounds, right: Bounds, settings: EventsSettings) -> np.ndarray:
    """Matrix of factors in (0, 1]: how possible it is, by their dates, that two articles report one
    occurrence. A gap within the grace, or an unknown date, says nothing (factor 1)."""
    gap = np.maximum(right.start[None, :] - left.end[:, None], left.start[:, None] - right.end[None, :])
    beyond_grace = np.maximum(0.0, np.nan_to_num(gap, nan=0.0) - settings.date_grace_days)
    return 1.0 / (1.0 + beyond_grace / settings.date_scale_days)


def count_factor(left: Bounds, right: Bounds, settings: EventsSettings) -> np.ndarray:
    """Matrix of factors: ``count_conflict_factor`` where two lead counts allow no common value, else 1."""
    with np.errstate(invalid="ignore"):
        conflict = (right.count_low[None, :] > left.count_high[:, None]) | (
            left.count_low[:, None] > right.count_high[None, :]
        )
    return np.where(conflict, settings.count_conflict_factor, 1.0)


def principals(features: EventFeatures, settings: EventsSettings) -> set[str]:
    """The article's most mentioned entities (earliest mentioned first on ties): whom it is about."""
    ranked = sorted(features.entities, key=lambda entity: -features.entities[entity])
    return set(ranked[: settings.principal_entities])


def participants_factor(left: list[EventFeatures], right: list[EventFeatures], settings: EventsSettings) -> np.ndarray:
    """Matrix of factors: ``principal_conflict_factor`` where neither article names any of the other's
    principal entities (two reports of one happening name its main participants), else 1."""
    column: dict[str, int] = {}

    def rows_of(rows: list[EventFeatures], main_only: bool) -> tuple[list[int], list[int]]:
        """0/1 rows x entities matrix in CSR parts (built directly: DictVectorizer's checks cost more
        than the work itself on the few articles the streaming grouper compares)."""
        indices, pointers = [], [0]
        for features in rows:
            names = principals(features, settings) if main_only else features.entities
            indices.extend(column.setdefault(name, len(column)) for name in names)
            pointers.append(len(indices))
        return indices, pointers

    parts = [rows_of(left, True), rows_of(right, False), rows_of(left, False), rows_of(right, True)]
    left_main, right_all, left_all, right_main = (
        sparse.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), indices, pointers),
            shape=(len(pointers) - 1, max(len(column), 1)),
        )
        for indices, pointers in parts
    )
    shared = (left_main @ right_all.T).toarray() + (left_all @ right_main.T).toarray()
    both_named = np.outer(left_main.getnnz(axis=1) > 0, right_main.getnnz(axis=1) > 0)
    return np.where(both_named & (shared == 0), settings.principal_conflict_factor, 1.0)


def pair_similarity(
    cosines: np.ndarray,
    left: list[EventFeatures],
    right: list[EventFeatures],
    left_bounds: Bounds,
    right_bounds: Bounds,
    settings: EventsSettings,
) -> np.ndarray:
    """Word similarity of article pairs, lowered where their principal participants or lead counts say
    they cannot be one happening. Averaged over an event's articles, so that one misread count or one
    recap piece does not veto an article that agrees with the rest."""
    return cosines * participants_factor(left, right, settings) * count_factor(left_bounds, right_bounds, settings)


def event_score(mean_pair_similarity: np.ndarray, nearest_date_factor: np.ndarray) -> np.ndarray:
    """Similarity of an article (or group) to an event: pair similarities on average (average linkage),
    time through the nearest report, since a happening is followed up for days."""
    return mean_pair_similarity * nearest_date_factor
