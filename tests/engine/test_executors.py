from storyline.engine import DaskExecutor, LocalExecutor


def square_all(numbers):
    """A step: a stream of records in, a stream out."""
    for number in numbers:
        yield number * number


def test_every_executor_runs_a_step_and_keeps_input_order():
    items = list(range(11))
    expected = [n * n for n in items]
    assert list(LocalExecutor().map(square_all, items)) == expected
    pool = LocalExecutor(workers=2, min_items_per_worker=1)
    try:
        assert list(pool.map(square_all, items)) == expected
    finally:
        pool.close()
    assert list(DaskExecutor(workers=2, partition_size=3).map(square_all, items)) == expected
