"""A part of a Dask map that fails as a whole (a document that kills every worker it reaches) costs that
document, not the build; and the build summary groups skip reasons by their kind."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from storyline.engine.executors import DaskExecutor
from storyline.engine.pipeline import BuildReport, reason_kind
from storyline.engine.steps import Failed
from storyline.records import IngestError


class KilledWorker(Exception):
    """Named as dask's: the executor knows it by name, so that a local build needs no ``distributed``."""


class _Future:
    def __init__(self, outcome: Any) -> None:
        self.outcome = outcome

    def result(self, timeout: float | None = None) -> Any:
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome

    def done(self) -> bool:
        return True

    def cancel(self) -> None:
        pass


class _Client:
    """Runs each submitted part here; a part holding ``poison`` dies as its workers would."""

    def __init__(self, poison: str) -> None:
        self.poison = poison
        self.parts: list[list[str]] = []

    def nthreads(self) -> dict[str, int]:
        return {"worker": 1}

    def map(self, function: Any, steps: list[Any], parts: list[list[str]], **_: Any) -> list[_Future]:
        self.parts.extend(parts)
        return [_Future(KilledWorker("Attempted to run task on 3 different workers, but all those workers died")
                        if self.poison in part else function(step, part)) for step, part in zip(steps, parts)]


class _Upper:
    def __call__(self, items: Iterable[str]) -> Iterator[str]:
        return (item.upper() for item in items)

    def failed(self, item: str, error: BaseException) -> Failed:
        return Failed.of(item, "nlp", error)


def test_a_document_that_kills_its_workers_is_skipped_and_its_partners_are_run_again():
    executor = DaskExecutor(partition_size=3)
    executor._client = client = _Client(poison="c")  # type: ignore[assignment]
    outputs = list(executor.map(_Upper(), list("abcdefg")))
    assert outputs[:2] == ["A", "B"] and outputs[3:] == ["D", "E", "F", "G"]
    assert isinstance(outputs[2], Failed) and outputs[2].origin == "c"
    assert outputs[2].error().reason == (
        "could not be processed at the nlp step: WorkerDied: the worker process died each time it processed "
        "this document (a crash or out of memory)"
    )
    assert ["c"] in client.parts  # run alone once its part had failed


def test_skip_reasons_are_grouped_by_kind_without_their_details():
    reasons = [
        "could not be read (AttributeError: 'NoneType' object has no attribute 'strip')",
        "could not be read (KeyError: 'x')",
        "web archive damaged or cut short: record 3 at byte offset 1,024 (bad header); the records before it were read",
        "web archive damaged or cut short: record 9 at byte offset 88,120 (Unexpected EOF); the records before it",
        "line 4: undecodable text: no character encoding fits its bytes",
        "too little text (3 characters; at least 20 needed)",
        "too little text (11 characters; at least 20 needed)",
    ]
    report = BuildReport(errors=[IngestError(f"f{n}", reason) for n, reason in enumerate(reasons)])
    assert report.error_summary() == {
        "could not be read": 2, "too little text": 2, "web archive damaged or cut short": 2, "undecodable text": 1,
    }  # fmt: skip
    assert list(report.error_summary())[0:1] == ["could not be read"]  # most frequent first
    assert reason_kind("took longer than 20 s to read (stopped)") == "took longer than N s to read"
