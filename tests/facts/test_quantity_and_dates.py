import pytest

from storyline.facts.dates import duration_days, resolve_date
from storyline.facts.quantity import parse_quantity
from storyline.records import DateValue


@pytest.mark.parametrize(
    "text, value, low, high, qualifier",
    [
        ("more than 100", 100, 101, None, "more_than"),
        ("up to 1,000", 1000, None, 1000, "up_to"),
        ("Forty-three", 43, 43, 43, "exact"),
        ("43", 43, 43, 43, "exact"),
        ("dozens", None, 24, 99, "dozens"),
        ("Hundreds", None, 200, 999, "hundreds"),
        ("at least 7", 7, 7, None, "at_least"),
        ("about 40", 40, 36, 44, "about"),
    ],
)
def test_counts_keep_their_qualifier(text, value, low, high, qualifier):
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.low, quantity.high, quantity.qualifier) == (value, low, high, qualifier)


def test_words_without_a_number_are_not_counts():
    assert parse_quantity("several reasons to") is None


@pytest.mark.parametrize(
    "text, published, iso, precision",
    [
        ("on Wednesday", "2024-05-08", "2024-05-08", "day"),  # publication day is a Wednesday
        ("on Monday", "2024-05-08", "2024-05-06", "day"),
        ("in June", "2024-09-02", "2024-06", "month"),
        ("February 2019", "2024-09-02", "2019-02", "month"),
        ("2017", None, "2017", "year"),
        ("last month", "2024-09-02", "2024-08", "month"),
    ],
)
def test_dates_resolve_against_publication(text, published, iso, precision):
    value = resolve_date(text, published)
    assert (value.iso, value.precision) == (iso, precision)


def test_relative_date_without_publication_is_unknown_and_stretches_are_not_dates():
    assert resolve_date("on Monday", None).precision == "unknown"
    assert resolve_date("in recent months", "2024-05-08") is None


def test_an_age_tagged_as_a_date_is_not_a_year():
    assert resolve_date("51", "2024-05-08") is None
    assert resolve_date("in 2021", "2024-05-08").iso == "2021"


def test_latest_day_of_a_month():
    assert DateValue("2024-02", "month").last_day().isoformat() == "2024-02-29"


def test_lengths_of_time():
    assert (duration_days("four months"), duration_days("a year"), duration_days("Thursday")) == (120, 365, None)
