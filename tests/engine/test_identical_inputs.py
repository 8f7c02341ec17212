"""Every input is accounted for: one with the very same bytes as a stored source is listed beside it."""

from __future__ import annotations

import shutil

from storyline.engine.ledger import Ledger
from tests.engine.conftest import SAMPLE, build


def test_an_identical_input_is_listed_beside_the_source_it_repeats(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    original = next(p for p in sorted(SAMPLE.iterdir()) if p.suffix == ".txt")
    shutil.copy(original, folder / "first.txt")
    shutil.copy(original, folder / "saved-again.txt")
    store, report = build([folder], tmp_path / "ledger.db")
    assert report.unchanged == 1
    (row,) = Ledger(store).sources()
    assert row.origin.endswith("first.txt") and [o.rsplit("/", 1)[-1] for o in row.identical] == ["saved-again.txt"]
    store.close()
    store, _ = build([folder], tmp_path / "ledger.db")  # the same input again: nothing new, nothing listed twice
    (row,) = Ledger(store).sources()
    assert len(row.identical) == 1
    store.close()
