import json

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from storyline.clean.model import TreeEnsemble


def test_json_tree_ensemble_scores_like_scikit_learn():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 5))
    y = (x[:, 0] + x[:, 1] * x[:, 2] > 0.3).astype(int)
    fitted = HistGradientBoostingClassifier(max_iter=30, max_depth=4).fit(x, y)
    data = json.loads(json.dumps(TreeEnsemble.from_sklearn(fitted, [f"f{i}" for i in range(5)])))
    ours = TreeEnsemble(data).predict_proba(x)
    assert np.allclose(ours, fitted.predict_proba(x)[:, 1], atol=1e-6)
    assert TreeEnsemble(data).predict_proba(np.zeros((0, 5))).shape == (0,)
