"""Executors run a per-document step over many records: here, or spread over a Dask cluster.

The pipeline hands every executor the same steps, so a corpus that outgrows one machine runs unchanged
on an existing Dask deployment (``DaskExecutor(address=...)``), as datatrove does with its executors.
``distributed`` is imported only when a Dask build starts, so a local build does not pay for it.
"""

from __future__ import annotations

import collections
import itertools
import logging
import math
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

In = TypeVar("In")
Out = TypeVar("Out")
Step = Callable[[Iterable[In]], Iterator[Out]]


class Executor(Protocol):
    def map(self, step: Step, items: Sequence[Any]) -> Iterator[Any]:
        """Run ``step`` over ``items``; yield its outputs in input order."""

    def close(self) -> None:
        """Release workers."""


class GuardedStep(Protocol):
    """A step that can stand a record in for an item it could not process (the pipeline's ``Failed``), so an
    executor whose part failed as a whole can skip only the item at fault."""

    def __call__(self, items: Iterable[Any]) -> Iterator[Any]: ...
    def failed(self, item: Any, error: BaseException) -> Any: ...


class WorkerDied(RuntimeError):
    """The worker processes that ran an item all died (a crash or out of memory): dask's ``KilledWorker``,
    said plainly."""


def _plain_error(error: BaseException) -> BaseException:
    """``KilledWorker``'s message is a paragraph about worker logs: the document's reason needs a line."""
    if type(error).__name__ == "KilledWorker":
        return WorkerDied("the worker process died each time it processed this document (a crash or out of memory)")
    return error


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


# No dashboard; the scheduler's health endpoint on a free port, not dask's 8787 (taken by any other cluster);
# dask's own warnings (a slow worker shutdown, a restarted worker) kept out of the build's output.
QUIET_LOCAL_CLUSTER: dict[str, Any] = {"dashboard_address": None, "silence_logs": logging.ERROR,
                                       "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}


class SchedulerUnreachable(RuntimeError):
    """The build's Dask scheduler cannot be reached, or has had no worker to run it for too long: one clear
    line for the user, not a traceback or a build that waits for good."""


class DaskExecutor:
    """Runs the step over parts of the input on a Dask cluster, through one ``Client`` per build.

    ``address`` names a running scheduler (``tcp://host:8786``) whose workers can import storyline; without it
    a cluster of ``workers`` local processes is started. The client (and that local cluster) is made on the
    first ``map`` and lives until ``close``, so each worker loads its model once per build, not once per chunk.
    Parts are submitted at once and run while the caller does other work; results come back in input order.
    A part is retried ``retries`` times if it raises; a part whose worker dies is rescheduled by the scheduler
    on another worker (up to ``distributed.scheduler.allowed-failures`` deaths), so a lost worker costs a
    retry, not the build. A cluster left with no worker for ``no_worker_timeout`` seconds ends the map with
    ``SchedulerUnreachable`` (the scheduler itself would queue the parts for good).
    """

    def __init__(
        self,
        address: str | None = None,
        workers: int = 2,
        partition_size: int = 64,
        retries: int = 2,
        connect_timeout: float = 30.0,
        no_worker_timeout: float = 300.0,
        poll_seconds: float = 5.0,
    ):
        self.address = address
        self.workers = max(1, workers)
        self.partition_size = max(1, partition_size)
        self.retries = retries
        self.connect_timeout = connect_timeout
        self.no_worker_timeout = no_worker_timeout
        self.poll_seconds = poll_seconds
        self._client: Client | None = None
        self._cluster: LocalCluster | None = None

    def map(self, step: Step, items: Sequence[Any]) -> Iterator[Any]:
        if not items:
            return iter(())
        client = self._connect()
        # At least two parts per worker thread, so a worker that is done (or one that replaces a lost worker)
        # takes the next part instead of idling while another finishes a long one.
        threads = max(1, sum(client.nthreads().values()))
        size = max(1, min(self.partition_size, math.ceil(len(items) / (2 * threads))))
        parts = [list(items[i : i + size]) for i in range(0, len(items), size)]
        futures = client.map(_run_step, [step] * len(parts), parts, retries=self.retries, pure=False)
        return self._results_in_order(client, step, collections.deque(zip(parts, futures)))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def _connect(self) -> Client:
        if self._client is not None:
            return self._client
        import dask
        from distributed import Client, LocalCluster

        if self.address is None:
            # A killed worker's process is restarted by its nanny, but the cluster drops that worker for good
            # if the restart takes over 15 s (dask's default), which a loaded machine reaches.
            dask.config.set({"distributed.deploy.lost-worker-timeout": "10 minutes"})
            self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                         host="127.0.0.1", **QUIET_LOCAL_CLUSTER)
            self._client = Client(self._cluster, set_as_default=False)
            return self._client
        try:
            self._client = Client(self.address, timeout=self.connect_timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {self.address}: {error}") from error
        return self._client

    def _results_in_order(self, client: Client, step: Step, pending: collections.deque[tuple[list[Any], Future]]
                          ) -> Iterator[Any]:
        """Each part's outputs as soon as it and the parts before it are done. A part read is dropped here, so
        the cluster frees it; the parts not read are cancelled if the caller stops early or a part fails."""
        try:
            while pending:
                part, future = pending[0]
                yield from self._part_outputs(client, step, part, future, len(pending))
                pending.popleft()
        finally:
            for _, future in pending:
                future.cancel()

    def _part_outputs(self, client: Client, step: Step, part: list[Any], future: Future, parts_left: int
                      ) -> list[Any]:
        """A part's outputs; when the part failed past its retries (a document that kills every worker it
        reaches ends as dask's ``KilledWorker``), its items are run again one by one, so that only the
        item at fault is lost: it becomes the step's ``failed`` record (see ``GuardedStep``)."""
        try:
            return self._result_while_workers_remain(client, future, parts_left)
        except SchedulerUnreachable:
            raise
        except Exception as error:  # narrowed to the failing item below
            failed = getattr(step, "failed", None)
            if failed is None:
                raise
            if len(part) == 1:
                return [failed(part[0], _plain_error(error))]
        singles = client.map(_run_step, [step] * len(part), [[item] for item in part], retries=0, pure=False)
        outputs: list[Any] = []
        for item, single in zip(part, singles):
            try:
                outputs.extend(self._result_while_workers_remain(client, single, parts_left))
            except SchedulerUnreachable:
                for unread in singles:
                    unread.cancel()
                raise
            except Exception as error:  # noqa: BLE001 -- this item's failure, whatever it is
                outputs.append(failed(item, _plain_error(error)))
        return outputs

    def _result_while_workers_remain(self, client: Client, future: Future, parts_left: int) -> list[Any]:
        workerless_since: float | None = None
        while True:
            try:
                return future.result(timeout=self.poll_seconds)
            except TimeoutError:
                if future.done():  # the step itself timed out: its error, not ours
                    raise
            if client.nthreads():
                workerless_since = None
            elif workerless_since is None:
                workerless_since = time.monotonic()
            elif time.monotonic() - workerless_since > self.no_worker_timeout:
                where = self.address or "started for this build"
                raise SchedulerUnreachable(f"the Dask cluster {where} has had no worker for "
                                           f"{self.no_worker_timeout:.0f} s; {parts_left} parts of the build not run")
