#!/usr/bin/env python3
"""Train the events stage's pair model (storyline/events/pair_model.json) on the events-* dev sets.

    bench/train_events.py [--bench ../shared/bench] [--folds 5] [--candidate-cosine 0.03] [--set NAME=VALUE] [--dry-run]

Pairs: every pair of articles of one set whose word cosine reaches ``--candidate-cosine`` (the pairs the
grouper's index would bring together) and every pair of one event; label 1 when both report one event.
Each set weighs the same in the fit, whatever its size. Cross-validation is grouped: the articles of a
topic (ECB+) or of an incident (GVC/GVA) are all in one fold, a model is fitted on the pairs with no
article in the fold and scored on the pairs with both articles in it, so the figures say how the model does
on topics and incidents it never saw. Prints per-set AUC, log loss and F1 at probability 0.5, then fits on
all pairs and writes the weights (unless ``--dry-run``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, log_loss, roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from events import analysed_features, read_articles

from storyline.events import EventFeatures
from storyline.events.batch import corpus_cosines, corpus_pair_blocks
from storyline.events.similarity import MODEL_PATH, PAIR_FEATURES, PairModel
from storyline.settings import Settings

SETS = ("events-ecbplus-dev", "events-gvc-dev", "events-gva-dev")


def set_features(docs: Path, settings: Settings) -> list[EventFeatures]:
    """Features of a set, from the cached NLP; facts are re-extracted (seconds), so they are never stale."""
    return analysed_features(docs, read_articles(docs), settings, facts=True)


def gold_labels(docs: Path) -> tuple[np.ndarray, np.ndarray]:
    """(gold event, fold group) of each record: the group is the topic (ECB+) or the incident (GVC/GVA)."""
    records = [json.loads(line) for line in docs.read_text(encoding="utf-8").splitlines() if line.strip()]
    return np.array([r["event"] for r in records]), np.array([r["topic"] or r["event"] for r in records])


def pairs_of(features: list[EventFeatures], events: np.ndarray, settings: Settings, candidate_cosine: float):
    """(pair features, labels, left article, right article) of one set: every pair of one event and every
    pair whose word cosine reaches ``candidate_cosine`` (those the grouper's index would bring together)."""
    cosines = corpus_cosines(features, settings.events)
    rows, labels, left, right = [], [], [], []
    for block, pairs in corpus_pair_blocks(features, cosines, settings.events):
        for offset, pair_row in enumerate(pairs):
            i = block.start + offset
            same = events[i] == events
            keep = (cosines.keys[i] >= candidate_cosine) | same
            keep[: i + 1] = False
            chosen = np.flatnonzero(keep)
            rows.append(pair_row[chosen])
            labels.append(same[chosen])
            left.append(np.full(len(chosen), i))
            right.append(chosen)
    return np.concatenate(rows), np.concatenate(labels).astype(int), np.concatenate(left), np.concatenate(right)


def set_pairs(docs: Path, settings: Settings, candidate_cosine: float):
    """(pair features, labels, fold group of each article of the pair) of one set."""
    events, groups = gold_labels(docs)
    x, y, left, right = pairs_of(set_features(docs, settings), events, settings, candidate_cosine)
    return x, y, groups[left], groups[right]


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=1000).fit(x, y, sample_weight=weight)


def fit_model(x: np.ndarray, y: np.ndarray, weight: np.ndarray) -> PairModel:
    """The grouper's pair model fitted on these pairs."""
    regression = fit(x, y, weight)
    return PairModel(regression.coef_[0].astype(float), float(regression.intercept_[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--bench",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared" / "bench",
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--candidate-cosine", type=float, default=0.03)
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override an events setting",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="cross-validate only, keep the shipped model",
    )
    args = parser.parse_args()
    settings = Settings()
    for assignment in args.set:
        name, value = assignment.split("=", 1)
        setattr(settings.events, name, type(getattr(settings.events, name))(value))

    xs, ys, weights, sets, folds_left, folds_right = [], [], [], [], [], []
    for number, name in enumerate(SETS):
        x, y, group_left, group_right = set_pairs(args.bench / name / "docs.jsonl", settings, args.candidate_cosine)
        fold_of = {
            group: position % args.folds for position, group in enumerate(sorted(set(group_left) | set(group_right)))
        }
        xs.append(x)
        ys.append(y)
        weights.append(np.full(len(y), 1.0 / len(y)))  # each set weighs the same in the fit
        sets.append(np.full(len(y), number))
        folds_left.append(np.array([fold_of[g] for g in group_left]))
        folds_right.append(np.array([fold_of[g] for g in group_right]))
        print(f"{name}: {len(y)} pairs, {y.sum()} of one event", file=sys.stderr)
    x, y, weight, set_of = (
        np.concatenate(xs),
        np.concatenate(ys),
        np.concatenate(weights),
        np.concatenate(sets),
    )
    weight *= len(y) / weight.sum()
    fold_left, fold_right = np.concatenate(folds_left), np.concatenate(folds_right)

    predicted = np.full(len(y), np.nan)
    for fold in range(args.folds):
        train = (fold_left != fold) & (fold_right != fold)
        test = (fold_left == fold) & (fold_right == fold)
        predicted[test] = fit(x[train], y[train], weight[train]).predict_proba(x[test])[:, 1]
    report = {}
    for number, name in enumerate(SETS):
        held = (set_of == number) & ~np.isnan(predicted)
        truth, probability = y[held], predicted[held]
        report[name] = {
            "auc": round(float(roc_auc_score(truth, probability)), 4),
            "log_loss": round(float(log_loss(truth, probability)), 4),
            "f1_at_half": round(float(f1_score(truth, probability >= 0.5)), 4),
        }
        print(f"grouped CV {name}: {report[name]}")

    model = fit(x, y, weight)
    weights_by_name = dict(zip(PAIR_FEATURES, model.coef_[0].round(4).tolist()))
    print(f"weights: {weights_by_name}, bias {model.intercept_[0]:.4f}")
    if not args.dry_run:
        MODEL_PATH.write_text(
            json.dumps(
                {
                    "features": list(PAIR_FEATURES),
                    "weights": model.coef_[0].round(6).tolist(),
                    "bias": round(float(model.intercept_[0]), 6),
                    "trained_on": list(SETS),
                    "grouped_cv": report,
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    main()
