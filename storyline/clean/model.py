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
        # Children as flat indices; a leaf points to itself so extra steps leave it in place.
        owner = np.repeat(self.roots, sizes)
        self.left = np.where(self.leaf, np.arange(len(self.leaf)), flat("left", np.int64) + owner)
        self.right = np.where(self.leaf, np.arange(len(self.leaf)), flat("right", np.int64) + owner)
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
        """Probability of the positive class for each row."""
        if len(rows) == 0:
            return np.zeros(0)
        rows = np.asarray(rows, dtype=np.float64)
        node = np.broadcast_to(self.roots, (len(rows), len(self.roots))).copy()
        flat_rows, row_offset = rows.ravel(), (np.arange(len(rows)) * rows.shape[1])[:, None]
        for _ in range(self.depth):
            x = flat_rows[row_offset + self.feature[node]]
            node = np.where(x <= self.split[node], self.left[node], self.right[node])
        raw = self.baseline + self.value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))
