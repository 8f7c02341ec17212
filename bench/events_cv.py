#!/usr/bin/env python3
"""The event grouping's figures to expect on news it has never seen, beside its figures on the dev sets.

    bench/events_cv.py [--bench ../shared/bench] [--mode stream|batch] [--folds 3] [--set NAME=VALUE]

What is fitted is the pair model's weights (bench/train_events.py); the thresholds and factors of
EventsSettings are set by hand and left as they are. Four figures per set, each from the same grouping
(stream mode by default) scored by shared/bench/score_events.py's ``score``:

- dev: the shipped model (fitted on all three dev sets) on the whole set: the in-sample figure;
- leave-one-set-out: a model fitted on the two other sets, on the whole set;
- grouped CV: the articles of a topic (ECB+) or an incident (GVC, GVA) are all in one of ``--folds`` folds;
  a model fitted on the pairs of every set with no article in the fold groups the fold's articles alone.
- grouped CV, among all: the same models each group the whole set, and only the fold's articles are scored
  (a fold alone holds a third of the look-alike happenings a held-out set of the same size holds; here the
  other folds' articles are there to be wrongly merged with, as distinct same-city shootings are in GVA).

The measure is the issue's: B-cubed F1 for ECB+ and GVC, pairwise F1 for GVA (all are printed). The NLP of
each set comes from bench/events.py's cache (bench/out/).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from events import read_articles, stream_order, with_events_settings
from train_events import SETS, fit_model, gold_labels, pairs_of, set_features

from storyline.events import EventFeatures, EventGrouper, group_batch
from storyline.events.similarity import PairModel
from storyline.settings import Settings

MEASURE = {"events-ecbplus-dev": "bcubed_f1", "events-gvc-dev": "bcubed_f1", "events-gva-dev": "pairwise_f1"}


def scorer(bench: Path):
    """``score`` of shared/bench/score_events.py (read from there so the figures are the scorer's own)."""
    spec = importlib.util.spec_from_file_location("score_events", bench / "score_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


@dataclass
class DevSet:
    name: str
    ordered: list[EventFeatures]  # in stream order (published, undated last)
    events: dict[str, str]  # article id -> gold event
    groups: dict[str, str]  # article id -> fold group (topic or incident)
    pairs: np.ndarray
    labels: np.ndarray
    left: np.ndarray  # article id of each pair's sides
    right: np.ndarray


def load(bench: Path, name: str, settings: Settings, candidate_cosine: float) -> DevSet:
    docs = bench / name / "docs.jsonl"
    articles = read_articles(docs)
    features = set_features(docs, settings)
    events, groups = gold_labels(docs)
    x, y, left, right = pairs_of(features, events, settings, candidate_cosine)
    ids = np.array([article.article_id for article in articles])
    return DevSet(
        name,
        stream_order(articles, features),
        dict(zip(ids, events)),
        dict(zip(ids, groups)),
        x,
        y,
        ids[left],
        ids[right],
    )


def grouped(features: list[EventFeatures], model: PairModel, settings: Settings, mode: str) -> dict[str, str]:
    """Article id -> predicted event."""
    if mode == "batch":
        events = group_batch(features, settings.events, model)
    else:
        grouper = EventGrouper(settings.events, model)
        for item in features:
            grouper.add(item)
        events = grouper.events()
    return {article_id: event.event_id for event in events for article_id in event.article_ids}


def fitted(sets: list[DevSet], keep: list[np.ndarray]) -> PairModel:
    """A pair model fitted on the kept pairs of each set, each set weighing the same."""
    xs = [s.pairs[k] for s, k in zip(sets, keep)]
    ys = [s.labels[k] for s, k in zip(sets, keep)]
    weights = [np.full(len(y), 1.0 / max(len(y), 1)) for y in ys if len(y)]
    weight = np.concatenate(weights)
    return fit_model(np.concatenate(xs), np.concatenate(ys), weight * len(weight) / weight.sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    parser.add_argument("--mode", choices=["stream", "batch"], default="stream")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--candidate-cosine", type=float, default=0.03)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override an events setting")
    args = parser.parse_args()
    settings = with_events_settings(args.set)
    score = scorer(args.bench)
    sets = [load(args.bench, name, settings, args.candidate_cosine) for name in SETS]

    def figures(dev: DevSet, predicted: dict[str, str]) -> dict[str, float]:
        return score({a: dev.events[a] for a in predicted}, predicted)

    rows: dict[str, dict[str, dict[str, float]]] = {dev.name: {} for dev in sets}
    shipped = PairModel.load()
    for dev in sets:
        rows[dev.name]["dev"] = figures(dev, grouped(dev.ordered, shipped, settings, args.mode))

    for held, dev in enumerate(sets):
        # GVC's articles are a subset of GVA's: a pair with an article of the held-out set is never fitted on.
        model = fitted(
            sets,
            [
                (number != held) & ~np.isin(s.left, list(dev.events)) & ~np.isin(s.right, list(dev.events))
                for number, s in enumerate(sets)
            ],
        )
        rows[dev.name]["leave-one-set-out"] = figures(dev, grouped(dev.ordered, model, settings, args.mode))

    # One fold per article across the sets (a GVC incident is a GVA incident too, with the same articles).
    groups = sorted({(dev.name == SETS[0], group) for dev in sets for group in dev.groups.values()})
    fold_of_group = {group: position % args.folds for position, group in enumerate(groups)}
    fold_of = {a: fold_of_group[(dev.name == SETS[0], g)] for dev in sets for a, g in dev.groups.items()}
    alone: list[dict[str, str]] = [{} for _ in sets]
    among: list[dict[str, str]] = [{} for _ in sets]
    for fold in range(args.folds):
        keep = [
            np.array([fold_of[a] != fold for a in s.left], dtype=bool)
            & np.array([fold_of[a] != fold for a in s.right], dtype=bool)
            for s in sets
        ]
        model = fitted(sets, keep)
        for number, dev in enumerate(sets):
            chosen = [f for f in dev.ordered if fold_of[f.article_id] == fold]
            # Event ids of different folds never meet: each fold is grouped on its own.
            labels = grouped(chosen, model, settings, args.mode)
            alone[number].update({a: f"{fold}:{e}" for a, e in labels.items()})
            # The fold among the whole set: every other article is there as a distractor (a held-out set is
            # as dense in look-alike happenings as the set it is cut from); only the fold's articles are scored.
            labels = grouped(dev.ordered, model, settings, args.mode)
            among[number].update({a: f"{fold}:{e}" for a, e in labels.items() if fold_of[a] == fold})
    for number, dev in enumerate(sets):
        rows[dev.name][f"grouped CV ({args.folds} folds)"] = figures(dev, alone[number])
        rows[dev.name]["grouped CV, among all"] = figures(dev, among[number])

    print(f"mode: {args.mode}; measure: B3 F1 (ECB+, GVC), pairwise F1 (GVA)")
    for dev in sets:
        for estimate, values in rows[dev.name].items():
            print(
                f"{dev.name:20s} {estimate:22s} {MEASURE[dev.name]}={values[MEASURE[dev.name]]:.4f}"
                f"  B3 P/R/F1 {values['bcubed_p']:.3f}/{values['bcubed_r']:.3f}/{values['bcubed_f1']:.3f}"
                f"  pair P/R/F1 {values['pairwise_p']:.3f}/{values['pairwise_r']:.3f}/{values['pairwise_f1']:.3f}"
                f"  clusters {values['pred_clusters']} (gold {values['gold_events']})"
            )


if __name__ == "__main__":
    main()
