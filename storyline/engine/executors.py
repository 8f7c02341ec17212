"""Executors run a per-document step over many records: here, or spread over a Dask cluster.

The pipeline hands every executor the same steps, so a corpus that outgrows one machine runs unchanged
on an existing Dask deployment (``DaskExecutor(address=...)``), as datatrove does with its executors.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")
Step = Callable[[Iterable[In]], Iterator[Out]]


class Executor(Protocol):
    def map(self, step: Step, items: Sequence[Any]) -> Iterator[Any]:
        """Run ``step`` over ``items``; yield its outputs in input order."""

    def close(self) -> None:
        """Release workers."""


class LocalExecutor:
    """Runs the step on this machine: in this process, or split over ``workers`` processes.

    Small inputs stay in this process (starting a worker and loading its model costs more than it saves);
    larger ones are cut into parts of at most ``max_items_per_part``, so a worker that is done takes the next
    part instead of idling while another finishes a long one, and the caller gets the first results early.
    The workers live as long as the executor, so each loads its model once per build, not once per chunk.
    """

    def __init__(self, workers: int = 1, min_items_per_worker: int = 24, max_items_per_part: int = 32):
        self.workers = max(1, workers)
        self.min_items_per_worker = min_items_per_worker
        self.max_items_per_part = max_items_per_part
        self._pool: ProcessPoolExecutor | None = None

    def map(self, step: Step, items: Sequence[Any]) -> Iterator[Any]:
        """In a pool the parts are submitted now and run while the caller does other work."""
        if self.workers == 1 or len(items) < 2 * self.min_items_per_worker:
            return step(items)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
        size = min(math.ceil(len(items) / self.workers), self.max_items_per_part)
        parts = [list(items[i : i + size]) for i in range(0, len(items), size)]
        return itertools.chain.from_iterable(self._pool.map(_run_step, [step] * len(parts), parts))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def _run_step(step: Step, part: list[Any]) -> list[Any]:
    return list(step(part))


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

    def close(self) -> None:
        pass
