"""A gradient-boosted tree ensemble stored as plain JSON, scored with numpy.

scikit-learn trains the model (see ``train_line_model``); shipping it as JSON arrays instead of a pickle
keeps the package free of arbitrary-object loading and ties it to no scikit-learn version.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


class TreeEnsemble:
    """Binary classifier: sigmoid(baseline + sum of the leaf values each tree routes a row to)."""

    def __init__(self, data: dict):
        self.feature_names: list[str] = data["feature_names"]
        self.baseline = float(data["baseline"])
        self.threshold = float(data.get("threshold", 0.5))
        trees = data["trees"]
        # All trees' nodes in flat arrays; a tree's node k is at offsets[tree] + k.
        sizes = [len(tree["feature"]) for tree in trees]
        self.roots = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)

        def flat(key: str, dtype) -> np.ndarray:
            return np.concatenate([np.asarray(tree[key], dtype=dtype) for tree in trees])

        self.feature = flat("feature", np.int64)
        self.split = flat("threshold", np.float64)
        self.leaf = flat("leaf", bool)
        self.value = flat("value", np.float64)
        # Children as flat indices; a leaf points to itself so extra steps leave it in place. Node k's
        # left child is at children[2k], its right child at children[2k + 1].
        owner = np.repeat(self.roots, sizes)
        left = np.where(self.leaf, np.arange(len(self.leaf)), flat("left", np.int64) + owner)
        right = np.where(self.leaf, np.arange(len(self.leaf)), flat("right", np.int64) + owner)
        self.children = np.stack([left, right], axis=1).ravel()
        self.depth = int(data["max_depth"])
        self.meta = data.get("meta", {})

    @classmethod
    def load(cls, path: Path) -> "TreeEnsemble":
        return cls(json.loads(path.read_text()))

    @classmethod
    def from_sklearn(cls, model, feature_names: list[str], threshold: float = 0.5, meta: dict | None = None) -> dict:
        """JSON-able data of a fitted ``HistGradientBoostingClassifier`` (binary)."""
        trees, depth = [], 0
        for (predictor,) in model._predictors:
            nodes = predictor.nodes
            depth = max(depth, int(nodes["depth"].max()))
            trees.append({
                "feature": nodes["feature_idx"].astype(int).tolist(),
                "threshold": nodes["num_threshold"].astype(float).tolist(),
                "left": nodes["left"].astype(int).tolist(),
                "right": nodes["right"].astype(int).tolist(),
                "leaf": nodes["is_leaf"].astype(bool).tolist(),
                "value": nodes["value"].astype(float).tolist(),
            })  # fmt: skip
        baseline = float(np.ravel(model._baseline_prediction)[0])
        return {"feature_names": feature_names, "baseline": baseline, "threshold": threshold, "max_depth": depth,
                "trees": trees, "meta": meta or {}}  # fmt: skip

    def predict_proba(self, rows: np.ndarray) -> np.ndarray:
        """Probability of the positive class for each row.

        All (row, tree) pairs descend one level per step; the arrays are flat and indexed with ``take``,
        several times faster than 2-D fancy indexing on pages of a few hundred blocks.
        """
        if len(rows) == 0:
            return np.zeros(0)
        rows = np.asarray(rows, dtype=np.float64)
        n_rows, n_features = rows.shape
        values = rows.ravel()
        node = np.tile(self.roots, n_rows)
        row_start = np.repeat(np.arange(n_rows) * n_features, len(self.roots))
        for _ in range(self.depth):
            go_right = ~(values.take(row_start + self.feature.take(node)) <= self.split.take(node))
            node = self.children.take(2 * node + go_right)
        raw = self.baseline + self.value.take(node).reshape(n_rows, -1).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))
