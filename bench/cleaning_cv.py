#!/usr/bin/env python3
"""Site-grouped cross-validation of the scrape cleaner: the figures to expect on sites its models never saw.

    python bench/cleaning_cv.py SET_DIR --out PREDICTIONS.jsonl [--folds 5]

The text cleaner ships two models (the headline scorer and the body/boilerplate block classifier) trained
on the cleaning dev set, so ``bench/cleaning.py --input text`` on that set scores pages the models learned
from. This script, like ``storyline.clean.train_line_model``, reads SET_DIR/gold.jsonl: it cuts the pages
into folds by site, trains both models on the other folds (the shipped body threshold kept) and cleans
each fold's scrapes with them through the whole cleaner, writing a prediction for every page.
Score with: score_cleaning.py SET_DIR PREDICTIONS.jsonl
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from sklearn.model_selection import GroupKFold

from cleaning import read_pages
from storyline.clean import Cleaner
from storyline.clean.cleaner import line_model
from storyline.clean.features import FEATURE_NAMES
from storyline.clean.model import TreeEnsemble
from storyline.clean.title import TITLE_FEATURE_NAMES
from storyline.clean.train_line_model import add_block_rows, fit_line_model, fit_title_model, load_pages
from storyline.settings import CleanSettings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    pages = load_pages(args.set_dir)
    docs = {doc.origin: doc for doc in read_pages(args.set_dir / "pages", "text")}
    threshold = line_model().threshold
    predictions: dict[str, dict] = {}
    folds = GroupKFold(n_splits=args.folds).split(pages, groups=[page["domain"] for page in pages])
    with tempfile.TemporaryDirectory() as models:
        for fold, (train_idx, test_idx) in enumerate(folds, start=1):
            train = [pages[i] for i in train_idx]
            title_data = TreeEnsemble.from_sklearn(fit_title_model(train), TITLE_FEATURE_NAMES)
            add_block_rows(train, TreeEnsemble(title_data))
            line_data = TreeEnsemble.from_sklearn(fit_line_model(train), FEATURE_NAMES, threshold=threshold)
            title_path, line_path = Path(models, f"title{fold}.json"), Path(models, f"line{fold}.json")
            title_path.write_text(json.dumps(title_data))
            line_path.write_text(json.dumps(line_data))
            cleaner = Cleaner(CleanSettings(line_model=str(line_path), title_model=str(title_path)))
            for i in test_idx:
                article = cleaner.clean(docs[pages[i]["id"]])
                predictions[pages[i]["id"]] = {"id": pages[i]["id"], "body": article.body, "title": article.title,
                                               "published": article.published, "author": article.author}  # fmt: skip
            print(f"fold {fold}/{args.folds}: trained on {len(train_idx)} pages, cleaned {len(test_idx)}", flush=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for page in pages:
            out.write(json.dumps(predictions[page["id"]], ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
