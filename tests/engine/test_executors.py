import pytest

from storyline.engine import DaskExecutor, LocalExecutor
from storyline.engine.executors import SchedulerUnreachable


def square_all(numbers):
    """A step: a stream of records in, a stream out."""
    for number in numbers:
        yield number * number


def test_the_local_executor_runs_a_step_and_keeps_input_order():
    items = list(range(11))
    expected = [n * n for n in items]
    assert list(LocalExecutor().map(square_all, items)) == expected
    pool = LocalExecutor(workers=2, min_items_per_worker=1)
    try:
        assert list(pool.map(square_all, items)) == expected
    finally:
        pool.close()


def test_an_unreachable_scheduler_is_named_in_one_clear_error():
    executor = DaskExecutor(address="tcp://127.0.0.1:9", connect_timeout=1)
    with pytest.raises(SchedulerUnreachable, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        executor.map(square_all, [1, 2])
    executor.close()
