"""The streaming grouper: each arriving article joins the event it most resembles, or opens a new one.

An article joins the candidate event whose articles it resembles most on average (the streaming form of
average-linkage clustering, so the batch mode and the stream agree), if that average reaches the threshold.
Nothing already placed is moved, so a build that adds articles never renumbers the ledger. (Re-clustering
the events around each new article as the batch mode would was measured: it made the stream worse, since
the first reports of a twin happening are pulled towards the event they arrive next to.)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from storyline.events.features import EventFeatures
from storyline.events.index import CandidateIndex
from storyline.events.similarity import (
    Bounds,
    DocumentFrequencies,
    PairModel,
    article_views,
    best_date,
    bounds_row,
    date_factor,
    date_gap,
    event_score,
    feature_keys,
    pair_features,
    pair_scores,
    view_cosines,
)
from storyline.facts import dominant_type
from storyline.records import DateValue, Event, Story
from storyline.settings import EventsSettings

_REFRESH_GROWTH = 1.1  # recompute a stored vector once the ledger has grown 10% since it was weighted


@dataclass
class _Placed:
    features: EventFeatures
    bounds: tuple[float, float, float, float]
    views: dict[str, dict[str, float]] | None = None  # weighted on first use: a restored ledger stays small in memory
    weighted_at: int = 0  # ledger size when ``views`` were weighted


@dataclass
class _EventState:
    event_id: str
    story_id: str
    members: list[str] = field(default_factory=list)


def event_id_for(first_article_id: str) -> str:
    """Stable id: the same first article always names the same event."""
    return "ev-" + first_article_id[:16]


def story_id_for(first_event_id: str) -> str:
    return "st-" + first_event_id.removeprefix("ev-")


class EventGrouper:
    def __init__(self, settings: EventsSettings) -> None:
        self.settings = settings
        self._model = PairModel.load()
        self._frequencies = DocumentFrequencies(settings.idf_prior_documents)
        self._index = CandidateIndex(settings)
        self._placed: dict[str, _Placed] = {}
        self._events: dict[str, _EventState] = {}
        self._event_of: dict[str, str] = {}

    def add(self, features: EventFeatures) -> str:
        """Place one article; returns the id of the event it joined or opened."""
        if features.article_id in self._event_of:
            return self._event_of[features.article_id]
        placed = self._register(features)
        scores = self._candidate_scores(placed)
        best = max(scores, key=lambda event_id: scores[event_id][0], default=None)
        if best is not None and scores[best][0] >= self.settings.threshold:
            event_id = best
        else:
            event_id = event_id_for(features.article_id)
            # A new happening joins the story of the candidate it shares most words with (its dates and
            # counts may differ: the next round of one negotiation).
            related = {candidate: topical for candidate, (_, topical) in scores.items()}
            nearest = max(related, key=related.__getitem__, default=None)
            if nearest is not None and related[nearest] >= self.settings.story_threshold:
                story_id = self._events[nearest].story_id
            else:
                story_id = story_id_for(event_id)
            self._events[event_id] = _EventState(event_id, story_id)
        self._join(placed, event_id)
        return event_id

    def restore(self, features: EventFeatures, event_id: str, story_id: str) -> None:
        """Reload a stored assignment as it was, without judging it again."""
        if features.article_id in self._event_of:
            return
        placed = self._register(features)
        self._events.setdefault(event_id, _EventState(event_id, story_id))
        self._join(placed, event_id)

    def events(self) -> list[Event]:
        return [
            make_event(
                state.event_id,
                state.story_id,
                [self._placed[a].features for a in state.members],
            )
            for state in self._events.values()
        ]

    def stories(self) -> list[Story]:
        return make_stories(self.events())

    def _register(self, features: EventFeatures) -> _Placed:
        self._frequencies.add(feature_keys(features))
        placed = _Placed(features, bounds_row(features, self.settings))
        self._placed[features.article_id] = placed
        return placed

    def _join(self, placed: _Placed, event_id: str) -> None:
        self._events[event_id].members.append(placed.features.article_id)
        self._event_of[placed.features.article_id] = event_id
        self._index.add(list(feature_keys(placed.features)), event_id)

    def _views(self, article_id: str) -> dict[str, dict[str, float]]:
        """The article's vectors, re-weighted when IDF has drifted since they were computed."""
        placed = self._placed[article_id]
        if placed.views is None or self._frequencies.documents > placed.weighted_at * _REFRESH_GROWTH:
            placed.views = article_views(placed.features, self._frequencies, self.settings)
            placed.weighted_at = self._frequencies.documents
        return placed.views

    def _candidate_scores(self, placed: _Placed) -> dict[str, tuple[float, float]]:
        """Per candidate event: (score as one happening, word cosine on average) of the article with the
        event's articles. All candidates' articles are judged in one go to keep an add cheap."""
        views = self._views(placed.features.article_id)
        candidates = self._index.candidates(views["keys"])
        # An event is judged by its latest reports only, so adding to a large event costs no more than to
        # a small one.
        compared = {event_id: self._events[event_id].members[-self.settings.max_members :] for event_id in candidates}
        members = [self._placed[member] for event_id in candidates for member in compared[event_id]]
        if not members:
            return {}
        cosines = view_cosines([views], [self._views(member.features.article_id) for member in members])
        article_bounds, member_bounds = (
            Bounds.of([placed.bounds]),
            Bounds.of([member.bounds for member in members]),
        )
        pairs = pair_features(
            cosines,
            [placed.features],
            [member.features for member in members],
            article_bounds,
            member_bounds,
            self.settings,
        )
        probabilities = pair_scores(self._model, pairs, self.settings)[0]
        dates = date_factor(article_bounds, member_bounds, self.settings)[0]
        dated = ~np.isnan(date_gap(article_bounds, member_bounds, self.settings)[0])
        scores, start = {}, 0
        for event_id in candidates:
            end = start + len(compared[event_id])
            # The nearest dated report decides; an undated report says nothing about when it happened.
            nearest = dates[start:end][dated[start:end]].max() if dated[start:end].any() else 1.0
            score = event_score(probabilities[start:end].mean(), nearest)
            scores[event_id] = (float(score), float(cosines.keys[0, start:end].mean()))
            start = end
        return scores


def make_event(event_id: str, story_id: str, members: list[EventFeatures]) -> Event:
    """An event record: dominant fact type, best-supported date, the first article's title."""
    types: Counter[str] = Counter()
    for features in members:
        types.update(features.event_types)
    iso = best_date([iso for features in members for iso in features.headline_dates])
    if iso:
        date = DateValue(iso, {10: "day", 7: "month", 4: "year"}[len(iso)])
    else:
        published = sorted(features.published[:10] for features in members if features.published)
        date = DateValue(published[0], "day") if published else DateValue(None, "unknown")
    return Event(
        event_id=event_id,
        story_id=story_id,
        article_ids=[features.article_id for features in members],
        event_type=dominant_type(types),
        date=date,
        title=next((features.title for features in members if features.title), None),
    )


def make_stories(events: list[Event]) -> list[Story]:
    """Stories in the order their first event appears, titled by that event."""
    stories: dict[str, Story] = {}
    for event in events:
        story = stories.setdefault(event.story_id, Story(event.story_id, [], event.title))
        story.event_ids.append(event.event_id)
    return list(stories.values())
