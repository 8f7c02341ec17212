"""How alike two articles are as reports of one happening.

Word and entity overlap (TF-IDF cosine, the established baseline for news event detection) says whether two
articles speak of the same things; titles, entities, numbers, dates, counts, principal participants and
outlets then say whether they can be the same occurrence of it: two releases months apart, of 52 and of 123
people, or two rehab stays of two different celebrities, are two happenings whatever their shared words.
Where either article has no date, the model asks more of the shared words and compares the latest years the
two texts mention instead (an undated report of a twin happening otherwise joins the dated twin).
The meaning view (static word vectors, ``meanings``) says how alike the two are as kinds of news: the dev
sets teach the model to read it against the word cosine, as the overlap that the kind of news alone would
give (two quakes share "quake", "magnitude" and "epicentre" without being one quake), so its weight is
negative once the word cosine is in the model.
A logistic regression (``PairModel``, trained by bench/train_events.py) weighs this evidence into the
probability that two articles report one happening; lead-count conflicts and months between the happenings
are also applied as explicit factors (``pair_scores``, ``event_score``), which the dev sets teach only mildly.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import wordfreq
from scipy import sparse

from storyline.events.features import (
    MENTIONED_DAYS,
    TOLL_ROLES,
    EventFeatures,
    content_words,
)
from storyline.events.meanings import meaning_view
from storyline.facts import is_sequel
from storyline.records import DateValue
from storyline.settings import EventsSettings

ENTITY_PREFIX = "entity:"
OBJECT_PREFIX = "object:"
MODEL_PATH = Path(__file__).with_name("pair_model.json")


def feature_keys(features: EventFeatures) -> dict[str, int]:
    """The article's words, entities and fact objects as one bag of keys with their counts."""
    keys = dict(features.terms)
    for entity, count in features.entities.items():
        keys[ENTITY_PREFIX + entity] = count
    for word in features.objects:
        keys[OBJECT_PREFIX + word] = 1
    return keys


# A news article's length in words: a word of general frequency f turns up in one with (Poisson) chance
# 1 - exp(-f * 500).
_ARTICLE_WORDS = 500


@lru_cache(maxsize=1)
def english_frequencies() -> dict[str, float]:
    """General English word frequencies (wordfreq: web, news, books, subtitles)."""
    return wordfreq.get_frequency_dict("en")


class DocumentFrequencies:
    """Running document frequencies of keys, so IDF can be computed as articles stream in.

    Kept by hand rather than with scikit-learn's TfidfVectorizer, which can only be fitted on a whole corpus.
    The counts start from ``prior_documents`` pseudo-articles of general English, so that the first articles
    of a ledger are weighted sensibly too ("said" is common before a hundred articles have shown it).
    Entities start unseen: a name is rare in general text.
    """

    def __init__(self, prior_documents: float) -> None:
        self.documents = 0
        self.counts: Counter[str] = Counter()
        self.prior_documents = prior_documents
        self._prior: dict[str, float] = {}

    def add(self, keys: dict[str, int]) -> None:
        self.documents += 1
        self.counts.update(keys.keys())

    def prior(self, key: str) -> float:
        """Pseudo-articles holding the key before any real one."""
        if key not in self._prior:
            word = key.removeprefix(OBJECT_PREFIX)
            frequency = 0.0 if word.startswith(ENTITY_PREFIX) else english_frequencies().get(word, 0.0)
            self._prior[key] = self.prior_documents * -math.expm1(-frequency * _ARTICLE_WORDS)
        return self._prior[key]


def weighted_vector(
    keys: dict[str, int], frequencies: DocumentFrequencies, settings: EventsSettings
) -> dict[str, float]:
    """Unit-length sublinear TF-IDF vector (smoothed IDF as scikit-learn's ``smooth_idf``); entity and
    object keys weighted up by ``entity_weight``."""
    documents = frequencies.documents + frequencies.prior_documents
    seen, prior, log = (
        frequencies.counts,
        frequencies.prior,
        math.log,
    )  # hot loop: no lookups
    vector = {}
    for key, count in keys.items():
        boost = settings.entity_weight if key.startswith((ENTITY_PREFIX, OBJECT_PREFIX)) else 1.0
        vector[key] = boost * (1.0 + log(count)) * (log((1 + documents) / (1 + seen[key] + prior(key))) + 1.0)
    norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
    return {key: value / norm for key, value in vector.items()}


def cosine(left: dict[str, float], right: dict[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    return sum(value * right.get(key, 0.0) for key, value in left.items())


def best_date(
    isos: list[str], earliest: bool = False, repeated: Callable[[str], int] | None = None
) -> str | None:
    """The date most stated, a coarser date counting as support for the finer ones it contains ("2025"
    backs "2025-10-18", not the other way round); the finest on ties, then the one ``repeated`` counts more
    of (when given), then the latest (or the earliest)."""
    values = {iso: DateValue.of_iso(iso) for iso in dict.fromkeys(isos)}
    intervals = {iso: (value.first_day(), value.last_day()) for iso, value in values.items()}

    def support(candidate: str) -> int:
        first, last = intervals[candidate]
        return sum(1 for iso in isos if intervals[iso][0] <= first and last <= intervals[iso][1])

    def order(iso: str) -> int:
        return -intervals[iso][0].toordinal() if earliest else intervals[iso][0].toordinal()

    # The iso itself breaks the last ties, so that the answer does not depend on the order of ``isos``.
    def again(iso: str) -> int:
        return repeated(iso) if repeated else 0

    return max(intervals, key=lambda iso: (support(iso), len(iso), again(iso), order(iso), iso), default=None)


def happening_date(features: EventFeatures) -> str | None:
    """The ISO date (month or day) of the article's happening: its lead's, since a report gives its news
    first and the dates further down are mostly of the happenings it recalls; else its best fact date."""
    if features.lead_date and len(features.lead_date) == 10:
        return features.lead_date
    return best_date([iso for iso in features.event_dates if len(iso) >= 7])


def when(features: EventFeatures) -> tuple[date, date] | None:
    """When the article's happening took place: its ``happening_date``, else its publication. A bare year
    is left out: news dates its happening closer, and a year alone is mostly background ("in power since
    1994"). An article without a publication date (or dateline) is left undated: without the day it was
    written, nothing tells its happening's date from the dates of the older happenings it recalls
    (measured: undated reports were dated decades off by them)."""
    if not features.published:
        return None
    value = DateValue.of_iso(happening_date(features) or features.published[:10])
    first, last = value.first_day(), value.last_day()
    return (first, last) if first and last else None


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
    year: np.ndarray  # latest year the text mentions
    published: np.ndarray  # day (ordinal) the article was written
    killed_low: np.ndarray  # highest toll stated per role of ``TOLL_ROLES`` (high: inf when open)
    killed_high: np.ndarray
    injured_low: np.ndarray
    injured_high: np.ndarray
    stated: np.ndarray  # 1 where the happening's day is written in the text (``lead_day_stated``), else 0
    sequel: np.ndarray  # 1 where the text tells of a legal sequel (a charge, a trial: ``is_sequel``), else 0
    mentioned: np.ndarray  # (articles, ``MENTIONED_DAYS``): days (ordinal) the text states, NaN-padded

    @classmethod
    def of(cls, rows: list[tuple[float, ...]]) -> Bounds:
        """Stack rows made by ``bounds_row``."""
        scalars = len(fields(cls)) - 1
        table = np.array(rows, dtype=float).reshape(-1, scalars + MENTIONED_DAYS)
        return cls(*(table[:, column] for column in range(scalars)), table[:, scalars:])

    def rows(self, part: slice) -> Bounds:
        return Bounds(*(getattr(self, item.name)[part] for item in fields(self)))


_YEAR = re.compile(r"(?:19|20)\d\d")


def latest_year(features: EventFeatures) -> float:
    """The latest year the article's words mention, NaN if none: a report is written in or after the
    years it speaks of, so two reports of one happening mention about the same latest year."""
    return max((float(word) for word in features.terms if _YEAR.fullmatch(word)), default=math.nan)


def bounds_row(features: EventFeatures, settings: EventsSettings) -> tuple[float, ...]:
    """One article's row of ``Bounds``.

    An open lead count ("more than 100") is read as at most ``open_count_span`` times its bound: writers
    round down to the nearest round figure, so "more than 100" is said of 123, hardly of 250.
    """
    interval = when(features)
    start, end = (interval[0].toordinal(), interval[1].toordinal()) if interval else (math.nan, math.nan)
    year = latest_year(features)
    published = date.fromisoformat(features.published[:10]).toordinal() if features.published else math.nan
    tolls: list[float] = []
    for role in TOLL_ROLES:
        low, high = features.tolls.get(role, (None, None))
        tolls += [math.nan, math.nan] if low is None else [low, math.inf if high is None else high]
    # Like ``when``: without the day it was written, an article's stated days may be anyone's.
    days = [date.fromisoformat(iso).toordinal() for iso in features.mentioned_days] if interval else []
    mentioned = (days + [math.nan] * MENTIONED_DAYS)[:MENTIONED_DAYS]
    stated = float(interval is not None and features.lead_day_stated)
    sequel = float(any(weight > 0 and is_sequel(kind) for kind, weight in features.event_types.items()))
    if not features.headline_count:
        return start, end, math.nan, math.nan, year, published, *tolls, stated, sequel, *mentioned
    low, high = features.headline_count
    count_high = low * settings.open_count_span if high is None else high
    return start, end, low, count_high, year, published, *tolls, stated, sequel, *mentioned


def toll_conflict(left: Bounds, right: Bounds) -> np.ndarray:
    """Matrix of 0/1: 1 where two articles' tolls (killed, injured) cannot be one incident's. A toll only
    grows from report to report (the same quake with a rising toll is one happening), so a later report may
    state more, never fewer; reports of one day, or undated, must allow a common value."""
    later = right.published[None, :] > left.published[:, None]
    earlier = right.published[None, :] < left.published[:, None]
    conflict = np.zeros((len(left.published), len(right.published)), dtype=bool)
    with np.errstate(invalid="ignore"):
        for role in TOLL_ROLES:
            left_low, left_high = getattr(left, f"{role}_low")[:, None], getattr(left, f"{role}_high")[:, None]
            right_low, right_high = getattr(right, f"{role}_low")[None, :], getattr(right, f"{role}_high")[None, :]
            fewer_later = right_high < left_low  # right states fewer than left
            fewer_earlier = left_high < right_low
            conflict |= np.where(later, fewer_later, np.where(earlier, fewer_earlier, fewer_later | fewer_earlier))
    return conflict.astype(float)


def place_evidence(left: list[EventFeatures], right: list[EventFeatures]) -> tuple[np.ndarray, np.ndarray]:
    """Matrices of 0/1: (the two happened in different regions or countries, in the same city)."""

    def levels(rows: list[EventFeatures], level: int) -> np.ndarray:
        return np.array([(item.place[level] if item.place else None) or "" for item in rows], dtype=object)

    conflict = np.zeros((len(left), len(right)), dtype=bool)
    for level in (1, 2):
        mine, theirs = levels(left, level)[:, None], levels(right, level)[None, :]
        conflict |= (mine != theirs) & (mine != "") & (theirs != "")
    mine, theirs = levels(left, 0)[:, None], levels(right, 0)[None, :]
    return conflict.astype(float), ((mine == theirs) & (mine != "")).astype(float)


def count_conflict(left: Bounds, right: Bounds) -> np.ndarray:
    """Matrix of 0/1: 1 where two lead counts allow no common value."""
    with np.errstate(invalid="ignore"):
        conflict = (right.count_low[None, :] > left.count_high[:, None]) | (
            left.count_low[:, None] > right.count_high[None, :]
        )
    return conflict.astype(float)


def principals(features: EventFeatures, settings: EventsSettings) -> list[str]:
    """The article's most mentioned entities (earliest mentioned first on ties): whom it is about."""
    ranked = sorted(features.entities, key=lambda entity: -features.entities[entity])
    return ranked[: settings.principal_entities]


def participants_conflict(
    left: list[EventFeatures], right: list[EventFeatures], settings: EventsSettings
) -> np.ndarray:
    """Matrix of 0/1: 1 where neither article names any of the other's principal entities (two reports of
    one happening name its main participants)."""
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

    # One product: [left's principals; left's entities] against [right's entities; right's principals].
    left_indices, left_pointers = rows_of(left, True)
    right_indices, right_pointers = rows_of(right, False)
    more_left, more_left_pointers = rows_of(left, False)
    more_right, more_right_pointers = rows_of(right, True)
    width = max(len(column), 1)

    def stacked(indices: list[int], pointers: list[int], more: list[int], more_pointers: list[int]):
        pointers = pointers + [pointers[-1] + offset for offset in more_pointers[1:]]
        return sparse.csr_matrix(
            (np.ones(len(indices) + len(more), dtype=np.float32), indices + more, pointers),
            shape=(len(pointers) - 1, width),
        )

    product = (
        stacked(left_indices, left_pointers, more_left, more_left_pointers)
        @ stacked(right_indices, right_pointers, more_right, more_right_pointers).T
    ).toarray()
    rows, columns = len(left), len(right)
    shared = product[:rows, :columns] + product[rows:, columns:]
    both_named = np.outer(np.diff(left_pointers) > 0, np.diff(more_right_pointers) > 0)
    return (both_named & (shared == 0)).astype(float)


def _days_apart(start: np.ndarray, end: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Days between intervals [start, end] and days, broadcast; 0 where the day is in the interval."""
    return np.maximum(np.maximum(day - end, start - day), 0.0)


def _filled_columns(days: np.ndarray) -> np.ndarray:
    """The columns of a NaN-padded day table that hold a day in at least one row."""
    return days[:, ~np.isnan(days).all(axis=0)]


def date_gap(left: Bounds, right: Bounds, settings: EventsSettings) -> np.ndarray:
    """Matrix of days between two articles' happenings beyond ``date_grace_days`` (log1p), NaN where a
    date is unknown. A happening that the other article states the day of is no farther than that day: a
    follow-up weeks later that recalls "the shooting on May 3" is near the report of May 3, while two
    reports of one city's shootings on different days, neither naming the other's day, stay apart. Days
    that both articles state count the same way."""
    gap = np.maximum(
        right.start[None, :] - left.end[:, None],
        left.start[:, None] - right.end[None, :],
    )
    # Each side's happening against the days the other side states (NaN-padded: fmin passes over them;
    # padding columns that no article fills are cut first, most articles state one or two days).
    left_days, right_days = _filled_columns(left.mentioned), _filled_columns(right.mentioned)
    recalled_by_right = _days_apart(left.start[:, None, None], left.end[:, None, None], right_days[None, :, :])
    recalled_by_left = _days_apart(right.start[None, :, None], right.end[None, :, None], left_days[:, None, :])
    recalled = np.fmin(
        np.fmin.reduce(recalled_by_right, axis=2, initial=np.nan),
        np.fmin.reduce(recalled_by_left, axis=2, initial=np.nan),
    )
    # Two follow-ups that recall one day (a trial and a sentencing, both "the shooting on March 1").
    for column in range(left_days.shape[1]):
        shared = np.abs(left_days[:, None, column, None] - right_days[None, :, :])
        recalled = np.fmin(recalled, np.fmin.reduce(shared, axis=2, initial=np.nan))
    gap = np.where(np.isnan(gap), np.nan, np.fmin(gap, recalled))
    return np.log1p(np.maximum(0.0, gap - settings.date_grace_days))


def both_stated(left: Bounds, right: Bounds) -> np.ndarray:
    """Matrix of booleans: both articles write their happening's day in the text. Two such days that differ
    are two happenings; a day inherited from a publication date may be a late report's."""
    return (left.stated[:, None] > 0) & (right.stated[None, :] > 0)


@dataclass(frozen=True)
class Cosines:
    """Matrices of cosines between two lists of articles on five views of each article; NaN where either
    article has nothing in that view (no title, no entity, no number, no word with a vector)."""

    keys: np.ndarray  # words, entities and fact objects: what the articles speak of
    title: np.ndarray  # title words: what the outlets call the happening
    entities: np.ndarray  # entities alone: who and where
    numbers: np.ndarray  # words with digits (counts, ages, times, ids): twin happenings differ in these
    meaning: np.ndarray  # static word vectors summed (``meanings``): what they speak of, past the wording

    def rows(self, part: slice) -> Cosines:
        return Cosines(*(getattr(self, view)[part] for view in VIEWS))


VIEWS = ("keys", "title", "entities", "numbers", "meaning")


def story_similarity(cosines: Cosines) -> np.ndarray:
    """How likely two articles tell one story: the cosine of their entities (who and where: two releases of
    prisoners by two countries share the words of a release, not the country, its leader and its prisoners),
    their word cosine where either names no entity."""
    return np.where(np.isnan(cosines.entities), np.nan_to_num(cosines.keys), cosines.entities)


def title_keys(features: EventFeatures) -> dict[str, int]:
    return dict(Counter(content_words(features.title or "")))


def _part(vector: dict[str, float], keep: Callable[[str], bool]) -> dict[str, float]:
    """The kept keys of a weighted vector, at unit length."""
    part = {key: value for key, value in vector.items() if keep(key)}
    norm = math.sqrt(sum(value * value for value in part.values())) or 1.0
    return {key: value / norm for key, value in part.items()}


_DIGIT = re.compile(r"\d")


def _is_number(key: str) -> bool:
    return not key.startswith(ENTITY_PREFIX) and _DIGIT.search(key) is not None


def article_views(
    features: EventFeatures, frequencies: DocumentFrequencies, settings: EventsSettings
) -> dict[str, dict[str, float]]:
    """The article's unit vectors, one per view of ``VIEWS``."""
    keys = weighted_vector(feature_keys(features), frequencies, settings)
    return {
        "keys": keys,
        "title": weighted_vector(title_keys(features), frequencies, settings),
        "entities": _part(keys, lambda key: key.startswith(ENTITY_PREFIX)),
        "numbers": _part(keys, _is_number),
        "meaning": meaning_view(keys),
    }


class KeySpace:
    """Column numbers for keys, given on first sight and never changed, so that an article's vectors are
    packed once (``pack_views``) and compared with any others' by sparse products.

    Kept by hand because scikit-learn's DictVectorizer numbers the keys anew on each fit: refitting it for
    every comparison of the stream cost more than the comparison itself."""

    def __init__(self) -> None:
        self._columns: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._columns)

    def columns(self, keys: Iterable[str]) -> list[int]:
        columns = self._columns
        return [columns.setdefault(key, len(columns)) for key in keys]


@dataclass(frozen=True)
class PackedViews:
    """An article's ``article_views`` as (columns in ascending order, weights) per view of ``VIEWS``; key
    column ``k`` of view number ``v`` is column ``k * len(VIEWS) + v``, so that views never meet in a
    product of stacked rows."""

    parts: tuple[tuple[np.ndarray, np.ndarray], ...]


def pack_views(views: dict[str, dict[str, float]], space: KeySpace) -> PackedViews:
    # The entity and number views are parts of the keys view: their keys are numbered once, with it.
    column_of = dict(zip(views["keys"], space.columns(views["keys"])))
    parts = []
    for number, view in enumerate(VIEWS):
        if view in ("entities", "numbers"):
            columns = np.array([column_of[key] for key in views[view]], dtype=np.int64)
        else:
            columns = np.array(space.columns(views[view]), dtype=np.int64)
        columns = columns * len(VIEWS) + number
        order = np.argsort(columns)
        parts.append((columns[order], np.fromiter(views[view].values(), dtype=float, count=len(columns))[order]))
    return PackedViews(tuple(parts))


def _stacked(articles: list[PackedViews], width: int) -> sparse.csr_matrix:
    """(views x articles) x (keys x views) matrix: row ``v * len(articles) + a`` holds view ``v`` of article
    ``a``, with its columns ascending as packed."""
    parts = [article.parts[view] for view in range(len(VIEWS)) for article in articles]
    pointers = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum([len(columns) for columns, _ in parts], out=pointers[1:])
    columns = np.concatenate([columns for columns, _ in parts]) if parts else np.zeros(0, np.int64)
    weights = np.concatenate([weights for _, weights in parts]) if parts else np.zeros(0)
    return sparse.csr_matrix((weights, columns, pointers), shape=(len(parts), width * len(VIEWS)))


def packed_cosines(left: list[PackedViews], right: list[PackedViews], space: KeySpace) -> Cosines:
    """``Cosines`` between two lists of ``PackedViews`` of one ``KeySpace``, by one sparse product.

    A sparse product sums a cosine's terms in the order of the left row's columns, which are ascending: one
    pair of articles gets the same value to the last bit on either side and whatever other articles are
    compared with them (the streaming grouper's cache of pair scores relies on it)."""
    product = _stacked(left, len(space)) @ _stacked(right, len(space)).T
    rows, columns = len(left), len(right)

    def matrix(view: int) -> np.ndarray:
        cosines = product[view * rows : (view + 1) * rows, view * columns : (view + 1) * columns].toarray()
        cosines[np.array([not len(article.parts[view][0]) for article in left], dtype=bool)] = np.nan
        cosines[:, np.array([not len(article.parts[view][0]) for article in right], dtype=bool)] = np.nan
        return cosines

    return Cosines(*(matrix(view) for view in range(len(VIEWS))))


PAIR_FEATURES = (
    "cosine",
    "title_cosine",
    "entity_cosine",
    "number_cosine",
    "number_conflict",
    "principal_conflict",
    "count_conflict",
    "date_gap",
    "date_unknown",
    "undated_cosine",
    "undated_year_gap",
    "same_outlet",
    "place_conflict",
    "same_city",
    "toll_conflict",
    "meaning_cosine",
)


def pair_features(
    cosines: Cosines,
    left: list[EventFeatures],
    right: list[EventFeatures],
    left_bounds: Bounds,
    right_bounds: Bounds,
    settings: EventsSettings,
) -> np.ndarray:
    """Array (left, right, feature) of the evidence, in ``PAIR_FEATURES`` order, that two articles report
    one happening."""
    gap = date_gap(left_bounds, right_bounds, settings)
    left_outlets = np.array([item.outlet or "" for item in left], dtype=object)
    right_outlets = np.array([item.outlet or "" for item in right], dtype=object)
    same_outlet = (left_outlets[:, None] == right_outlets[None, :]) & (left_outlets[:, None] != "")
    year_gap = np.abs(left_bounds.year[:, None] - right_bounds.year[None, :])
    place_conflict, same_city = place_evidence(left, right)
    return np.stack(
        [
            np.nan_to_num(cosines.keys),
            np.nan_to_num(cosines.title),
            np.nan_to_num(cosines.entities),
            np.nan_to_num(cosines.numbers),
            (cosines.numbers == 0).astype(float),
            participants_conflict(left, right, settings),
            count_conflict(left_bounds, right_bounds),
            np.nan_to_num(gap, nan=0.0),
            np.isnan(gap).astype(float),
            # Without dates to tell twin happenings apart, shared words must do it alone: the model may ask
            # more of them.
            np.where(np.isnan(gap), np.nan_to_num(cosines.keys), 0.0),
            # ... and the years they mention stand in for their dates.
            np.where(np.isnan(gap), np.nan_to_num(np.log1p(year_gap)), 0.0),
            same_outlet.astype(float),
            place_conflict,
            same_city,
            toll_conflict(left_bounds, right_bounds),
            np.nan_to_num(cosines.meaning),
        ],
        axis=-1,
    )


@dataclass(frozen=True)
class PairModel:
    """Logistic regression over ``PAIR_FEATURES``: the probability that two articles report one happening.

    Trained by ``bench/train_events.py`` on the dev sets, cross-validated by topic/incident; shipped as JSON.
    """

    weights: np.ndarray
    bias: float

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> PairModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != PAIR_FEATURES:
            raise ValueError(f"{path} was trained on other features: retrain it with bench/train_events.py")
        return cls(np.array(data["weights"], dtype=float), float(data["bias"]))

    def probability(self, features: np.ndarray) -> np.ndarray:
        """Summed feature by feature rather than by a matrix product, whose rounding may depend on where
        a pair sits in the array: a pair gets the same probability to the last bit in any company."""
        logit = np.full(features.shape[:-1], self.bias)
        for column, weight in enumerate(self.weights):
            logit += features[..., column] * weight
        return 1.0 / (1.0 + np.exp(-logit))


def pair_scores(model: PairModel, features: np.ndarray, settings: EventsSettings) -> np.ndarray:
    """The model's probability, times ``count_conflict_factor`` where two lead counts cannot agree: two
    reports of 40 and of 95 freed are two happenings however alike their words, a case the dev sets
    (where counts mostly agree or are absent) teach the model only mildly."""
    conflict = features[..., PAIR_FEATURES.index("count_conflict")]
    return model.probability(features) * np.where(conflict > 0, settings.count_conflict_factor, 1.0)


def date_factor(left: Bounds, right: Bounds, settings: EventsSettings, unknown: float = 1.0) -> np.ndarray:
    """Matrix of factors in (0, 1]: how possible it is, by their dates, that two articles report one
    occurrence. A gap within the grace says nothing (factor 1); an unknown date gives ``unknown`` (1: says
    nothing; NaN: to be told apart from a known date). Where both articles write their happening's day the
    gap is surer and halves the factor sooner (``stated_date_scale_days``): two same-city shootings weeks
    apart; a day inherited from a publication date may be a late report's. A later report of a legal sequel
    (``later_sequel``) states its hearing's day, not the happening's, so its gap counts as one of an inherited
    day: months later a trial may still be of the shooting, while a like shooting in that city is no nearer."""
    gap = date_gap(left, right, settings)
    beyond_grace = np.expm1(np.nan_to_num(gap, nan=0.0))
    scale = np.where(both_stated(left, right) & ~later_sequel(left, right), settings.stated_date_scale_days,
                     settings.date_scale_days)
    return np.where(np.isnan(gap), unknown, 1.0 / (1.0 + beyond_grace / scale))


def later_sequel(left: Bounds, right: Bounds) -> np.ndarray:
    """Matrix of booleans: the later-published article tells of a legal sequel (a charge, a trial, a
    sentence), which follows its happening by months or years: its days bound the happening from above only."""
    later = np.where(right.published[None, :] > left.published[:, None], right.sequel[None, :], 0.0)
    earlier = np.where(left.published[:, None] > right.published[None, :], left.sequel[:, None], 0.0)
    return (later > 0) | (earlier > 0)


def event_score(mean_pair_probability: np.ndarray, nearest_date_factor: np.ndarray) -> np.ndarray:
    """Score of an article (or group) with an event: the pair model's probabilities on average (average
    linkage), times the date factor of the nearest report, since a happening is followed up for days.

    The explicit date factor is there because the dev sets hold few twin happenings with known dates
    months apart (while their follow-ups months later are the same incident), so the model alone learns
    only a mild date effect; a release in March and one in September are still two events."""
    return mean_pair_probability * nearest_date_factor
