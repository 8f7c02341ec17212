"""bench/fuzz.py: its inputs cover every kind and fault, its checks catch a lost input, and a sample of it
builds with no crash, hang or lost good input (the issue's measure, on 200 inputs instead of 10,000)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "fuzz.py"


def load_fuzz():
    spec = importlib.util.spec_from_file_location("fuzz", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


fuzz = load_fuzz()


def test_the_inputs_cover_every_kind_with_good_and_hostile_ones_and_repeat_under_a_seed():
    cases = list(fuzz.generate(600, list(fuzz.KINDS), seed=5))
    assert Counter(case.kind for case in cases).keys() == set(fuzz.KINDS)
    labels = {case.label for case in cases}
    for fault in ("truncated", "corrupted-bytes", "gzip-bomb-1GB", "flate-bomb", "cyclic-objects", "year-0001",
                  "400-digit-count", "million-chars", "utf16le-no-bom", "one-nul", "billion-laughs", "fifo",
                  "link-to-etc-passwd"):
        assert fault in labels, fault
    assert any(label.startswith("nested-divs") for label in labels)
    assert any(b"\xe9" in case.name for case in cases)  # a file name that is not UTF-8
    good = [case for case in cases if case.good_records]
    assert len(good) > 150
    assert len({case.data for case in good}) == len(good)  # good inputs are distinct articles
    assert [(c.name, c.data) for c in fuzz.generate(50, ["txt", "pdf"], 9)] == \
        [(c.name, c.data) for c in fuzz.generate(50, ["txt", "pdf"], 9)]


def test_a_good_input_missing_from_the_ledger_is_counted_lost_and_a_bad_one_without_a_line_silent(tmp_path):
    rng_cases = [fuzz.Case("jsonl", "good", b"a.jsonl", b"", good_records=["#1", "#2"]),
                 fuzz.Case("txt", "truncated", b"b.txt", b"x"),
                 fuzz.Case("txt", "binary", b"c.txt", b"\0")]
    batch = fuzz.Batch(0, tmp_path, rng_cases, [tmp_path / "a.jsonl", tmp_path / "b.txt", tmp_path / "c.txt"])
    sources = [{"article_id": "1", "origin": f"{tmp_path}/a.jsonl#1", "copies": []}]
    stderr = f"skipped {tmp_path}/c.txt: binary file\n"
    findings = fuzz.Findings()
    fuzz.check_batch(batch, fuzz.Run(3, 1.0, 10, stderr, sources, None), findings)
    assert findings.good_expected == 2
    assert findings.good_lost == [f"{tmp_path}/a.jsonl#2 (jsonl, good)"]
    assert findings.silent == Counter({("txt", "truncated"): 1})


def test_a_traceback_is_a_crash_even_when_the_exit_code_is_fine():
    assert fuzz.Run(3, 1.0, 0, "Traceback (most recent call last):\n  ...", [], None).crashed
    assert fuzz.Run(1, 1.0, 0, "error: database is locked", [], None).crashed
    assert not fuzz.Run(3, 1.0, 0, "skipped x.pdf: broken PDF", [], None).crashed
    assert fuzz.Run(None, 99.0, 0, "", [], None).hung


@pytest.mark.slow
def test_a_fuzz_sample_builds_with_no_crash_hang_or_lost_good_input(tmp_path, capsys):
    code = fuzz.main(["--count", "200", "--batch-size", "100", "--seed", "11", "--out", str(tmp_path),
                      "--bisect-builds", "0"])
    printed = capsys.readouterr().out
    details = json.loads((tmp_path / "report.json").read_text())
    assert "inputs:            200" in printed
    assert details["crashes"] == [] and details["hangs"] == [], printed
    assert details["good_lost"] == [], printed
    assert details["outside_leaks"] == [], printed
    assert details["peak_rss"] < 2 * 2**30
    assert code == 0
