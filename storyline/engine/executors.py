"""Executors run a per-document step over many records: here, or spread over a Dask cluster.

The pipeline hands every executor the same steps, so a corpus that outgrows one machine runs unchanged
on an existing Dask deployment (``DaskExecutor(address=...)``), as datatrove does with its executors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")
Step = Callable[[Iterable[In]], Iterator[Out]]


class Executor(Protocol):
    def map(self, step: Step, items: Sequence[Any]) -> Iterator[Any]:
        """Run ``step`` over ``items``; yield its outputs in input order."""


class LocalExecutor:
    """Runs the step in this process, streaming results as they come."""

    def map(self, step: Step, items: Sequence[Any]) -> Iterator[Any]:
        yield from step(items)


class DaskExecutor:
    """Runs the step over partitions of the input with dask.bag.

    ``address`` names a running Dask scheduler (``tcp://host:8786``); without it the local multiprocessing
    scheduler is used with ``workers`` processes. Results come back in input order.
    """

    def __init__(self, address: str | None = None, workers: int = 2, partition_size: int = 64):
        self.address = address
        self.workers = workers
        self.partition_size = partition_size

    def map(self, step: Step, items: Sequence[Any]) -> Iterator[Any]:
        import dask.bag as db

        if not items:
            return iter(())
        bag = db.from_sequence(list(items), partition_size=self.partition_size)
        mapped = bag.map_partitions(lambda part: list(step(part)))
        if self.address:
            from dask.distributed import Client

            with Client(self.address) as client:
                return iter(client.compute(mapped).result())
        return iter(mapped.compute(scheduler="processes", num_workers=self.workers))
