"""DateValue: precision from an ISO prefix, its comparable key, and the days it covers."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.records import DateValue


@pytest.mark.parametrize(
    "iso, precision",
    [("2027-06-14", "day"), ("2027-06", "month"), ("2027", "year")],
)
def test_precision_is_read_from_the_iso_length(iso, precision):
    value = DateValue.of_iso(iso, "in June")
    assert (value.iso, value.precision, value.text) == (iso, precision, "in June")
    assert value.key() == iso


@pytest.mark.parametrize("iso", [None, "", "27", "2027-6", "2027-06-1", "2027/06/14", "June 2027", "2027-06-14T10:00"])
def test_a_missing_or_malformed_iso_is_unknown(iso):
    value = DateValue.of_iso(iso)
    assert (value.iso, value.precision) == (None, "unknown")
    assert value.key() is None
    assert value.first_day() is None and value.last_day() is None


def test_key_cuts_the_iso_to_the_precision():
    assert DateValue("2027-06-14", "month").key() == "2027-06"
    assert DateValue("2027-06-14", "year").key() == "2027"


def test_an_unknown_date_has_no_key_or_days_even_with_an_iso():
    value = DateValue("2027-06-14", "unknown")
    assert value.key() is None
    assert value.first_day() is None and value.last_day() is None


def test_a_day_covers_itself():
    value = DateValue.of_iso("2027-06-14")
    assert value.first_day() == value.last_day() == dt.date(2027, 6, 14)


@pytest.mark.parametrize(
    "iso, first, last",
    [
        ("2027-04", dt.date(2027, 4, 1), dt.date(2027, 4, 30)),
        ("2027-12", dt.date(2027, 12, 1), dt.date(2027, 12, 31)),  # the next month is in the next year
        ("2028-02", dt.date(2028, 2, 1), dt.date(2028, 2, 29)),  # leap year
        ("2027-02", dt.date(2027, 2, 1), dt.date(2027, 2, 28)),
        ("2100-02", dt.date(2100, 2, 1), dt.date(2100, 2, 28)),  # a century not divisible by 400
    ],
)
def test_a_month_covers_the_whole_month(iso, first, last):
    value = DateValue.of_iso(iso)
    assert (value.first_day(), value.last_day()) == (first, last)


def test_a_year_covers_the_whole_year():
    value = DateValue.of_iso("2027")
    assert (value.first_day(), value.last_day()) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))


@pytest.mark.parametrize("iso", ["2027-13", "2027-00", "2027-02-30", "2027-04-31", "0000"])
def test_a_well_formed_iso_of_no_real_date_has_no_days(iso):
    value = DateValue.of_iso(iso)
    assert value.precision != "unknown"
    assert value.first_day() is None and value.last_day() is None
