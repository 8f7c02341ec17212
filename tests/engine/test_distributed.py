"""The Dask executor on a real scheduler with two worker processes on 127.0.0.1.

One cluster serves the module: starting it (and loading the model in each worker) is the costly part.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterable, Iterator

import dask
import psutil
import pytest
from distributed import LocalCluster

from storyline.engine import DaskExecutor, Pipeline
from storyline.engine.executors import QUIET_LOCAL_CLUSTER, SchedulerUnreachable
from storyline.store import open_store
from tests.engine.conftest import SAMPLE


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    # A killed worker restarts slowly on a loaded machine: keep it in the cluster past dask's 15 s default.
    with dask.config.set({"distributed.deploy.lost-worker-timeout": "5 minutes"}), \
            LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                         **QUIET_LOCAL_CLUSTER) as running:
        yield running


def grouping(store) -> set[frozenset[str]]:
    """The ledger's events as a partition of its article ids: what two builds must agree on."""
    return {frozenset(event.article_ids) for event in store.events()}


def slow_square(numbers: Iterable[int]) -> Iterator[int]:
    """A step slow enough to be caught mid-run."""
    for number in numbers:
        time.sleep(0.1)
        yield number * number


def connected_clients(cluster: LocalCluster) -> set[str]:
    return set(cluster.scheduler.clients) - {"fire-and-forget"}


def test_the_sample_built_on_the_cluster_is_the_ledger_built_here(cluster, tmp_path):
    # Small chunks, so the build maps several times on the cluster, each chunk while the previous is stored.
    here = open_store(tmp_path / "here.db")
    on_cluster = open_store(tmp_path / "cluster.db")
    try:
        local_report = Pipeline(here, chunk_size=4).build([SAMPLE])
        executor = DaskExecutor(address=cluster.scheduler_address)
        cluster_report = Pipeline(on_cluster, executor=executor, chunk_size=4).build([SAMPLE])

        assert cluster_report.errors == local_report.errors == []
        assert cluster_report.articles == local_report.articles >= 8
        assert cluster_report.facts == local_report.facts > 0
        assert {a.article_id for a in on_cluster.articles()} == {a.article_id for a in here.articles()}
        assert grouping(on_cluster) == grouping(here)
        assert len(grouping(here)) >= 2
        assert connected_clients(cluster) == set()  # the build closed its client
    finally:
        here.close()
        on_cluster.close()


def test_one_client_serves_every_map_until_close(cluster):
    executor = DaskExecutor(address=cluster.scheduler_address)
    try:
        assert list(executor.map(slow_square, [1, 2, 3])) == [1, 4, 9]
        assert list(executor.map(slow_square, [4, 5])) == [16, 25]
        assert len(connected_clients(cluster)) == 1
    finally:
        executor.close()
    assert connected_clients(cluster) == set()


def test_a_cluster_without_workers_ends_the_map_with_a_clear_error_instead_of_waiting_for_good():
    with LocalCluster(n_workers=0, host="127.0.0.1", **QUIET_LOCAL_CLUSTER) as empty:
        executor = DaskExecutor(address=empty.scheduler_address, no_worker_timeout=1, poll_seconds=0.2)
        try:
            with pytest.raises(SchedulerUnreachable, match=r"has had no worker for 1 s; 2 parts of the build not run"):
                list(executor.map(slow_square, [1, 2, 3, 4]))
        finally:
            executor.close()


@pytest.mark.slow
def test_a_worker_killed_mid_map_costs_a_retry_not_the_map(cluster):
    items = list(range(24))
    executor = DaskExecutor(address=cluster.scheduler_address, partition_size=2)  # 12 parts of ~0.2 s
    try:
        results = executor.map(slow_square, items)
        first = next(results)  # the map is under way on both workers
        busy = [address for address, worker in cluster.scheduler.workers.items() if worker.processing]
        assert busy, "no worker was running a part"
        victim = next(nanny.process.pid for nanny in cluster.workers.values() if nanny.worker_address == busy[0])
        os.kill(victim, signal.SIGKILL)
        assert [first, *results] == [n * n for n in items]
        assert not psutil.pid_exists(victim) or psutil.Process(victim).status() == psutil.STATUS_ZOMBIE
    finally:
        executor.close()


@pytest.mark.slow
def test_dask_local_starts_its_own_workers_for_the_build_and_stops_them():
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    executor = DaskExecutor(workers=2, partition_size=3)  # what `storyline build --dask local` runs on
    try:
        assert list(executor.map(slow_square, range(11))) == [n * n for n in range(11)]
        started = [child for child in psutil.Process().children(recursive=True) if child.pid not in before]
        assert len(started) >= 2
    finally:
        executor.close()
    psutil.wait_procs(started, timeout=10)
    assert not [child for child in started if child.is_running() and child.status() != psutil.STATUS_ZOMBIE]
