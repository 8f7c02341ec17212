"""Batch mode: average-linkage clustering of a whole corpus with the streaming grouper's pair model.

With every article at hand, the IDF is the corpus's own and no decision depends on arrival order; the
stream is measured against it.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from storyline.events.features import EventFeatures
from storyline.events.grouper import (
    dated_by_story,
    event_id_for,
    make_event,
    story_id_for,
)
from storyline.events.linkage import agglomerate
from storyline.events.similarity import (
    Bounds,
    Cosines,
    DocumentFrequencies,
    KeySpace,
    PairModel,
    article_views,
    bounds_row,
    date_factor,
    feature_keys,
    pack_views,
    packed_cosines,
    pair_features,
    pair_scores,
    story_similarity,
)
from storyline.records import Event
from storyline.settings import EventsSettings


def corpus_cosines(features: list[EventFeatures], settings: EventsSettings) -> Cosines:
    """Cosines of every pair of a corpus, weighted with the corpus's own IDF."""
    frequencies = DocumentFrequencies(settings.idf_prior_documents)
    for article in features:
        frequencies.add(feature_keys(article))
    space = KeySpace()
    packed = [pack_views(article_views(article, frequencies, settings), space) for article in features]
    return packed_cosines(packed, packed, space)


def corpus_pair_blocks(
    features: list[EventFeatures],
    cosines: Cosines,
    settings: EventsSettings,
    rows: int = 256,
) -> Iterator[tuple[slice, np.ndarray]]:
    """Pair features (article, article, feature) of a whole corpus, a block of rows at a time to bound
    memory."""
    bounds = Bounds.of([bounds_row(article, settings) for article in features])
    for start in range(0, len(features), rows):
        block = slice(start, start + rows)
        yield (
            block,
            pair_features(
                cosines.rows(block),
                features[block],
                features,
                bounds.rows(block),
                bounds,
                settings,
            ),
        )


def group_batch(
    features: list[EventFeatures], settings: EventsSettings, model: PairModel | None = None
) -> list[Event]:
    """Group a whole corpus at once; events (and their stories) in the order of their first article.
    ``model``: the pair model, the shipped one by default."""
    if not features:
        return []
    cosines = corpus_cosines(features, settings)
    model = model or PairModel.load()
    probabilities = np.zeros((len(features), len(features)))
    for block, pairs in corpus_pair_blocks(features, cosines, settings):
        probabilities[block] = pair_scores(model, pairs, settings)
    bounds = Bounds.of([bounds_row(article, settings) for article in features])
    labels = agglomerate(
        probabilities,
        np.ones(len(features)),
        date_factor(bounds, bounds, settings, unknown=np.nan),
        settings.threshold,
    )
    topical = story_similarity(cosines)

    clusters: dict[int, list[int]] = {}
    for position, label in enumerate(labels):
        clusters.setdefault(int(label), []).append(position)
    groups = list(clusters.values())

    # Stories: the same merging one level up, on ``story_similarity`` alone (dates and counts ignored).
    membership = np.zeros((len(groups), len(features)))
    for row, positions in enumerate(groups):
        membership[row, positions] = 1.0
    ones = np.ones((len(groups), len(groups)))
    story_labels = agglomerate(
        membership @ topical @ membership.T,
        membership.sum(axis=1),
        ones,
        settings.story_threshold,
    )
    story_ids: dict[int, str] = {}
    events = []
    for positions, story_label in zip(groups, story_labels):
        members = [features[position] for position in positions]
        event_id = event_id_for(members[0].article_id)
        story_id = story_ids.setdefault(int(story_label), story_id_for(event_id))
        events.append(make_event(event_id, story_id, members))
    return dated_by_story(events, {report.article_id: report for report in features})
