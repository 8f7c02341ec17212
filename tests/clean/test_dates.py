"""Where a scraped page's publication date is read from (invented lines only)."""

from storyline.clean.blocks import split_blocks
from storyline.clean.metadata import date_from_url, find_date, written_date

STORY = "The harbour board approved the new ferry timetable on Tuesday after a long public consultation."


def _date(lines: list[str], title_index: int = 0, fetched: str | None = None) -> str | None:
    return find_date(split_blocks("\n\n".join(lines)), title_index, fetched)


def test_every_date_of_a_line_counts_with_its_own_label():
    line = "Updated June 1, 2031 8:23 PM Originally published May 28, 2031 11:01 AM"
    assert _date(["Ferry Timetable Doubles", line, STORY]) == "2031-05-28"


def test_of_two_unlabelled_dates_side_by_side_the_older_is_the_publication():
    assert _date(["Ferry Timetable Doubles", "June 21, 2031 April 24, 2031 by Ana Ruiz", STORY]) == "2031-04-24"


def test_numeric_dates_follow_the_order_the_page_shows():
    # 04.05.2031 alone is read month first; a page that also writes 25.06.2031 writes day first.
    assert _date(["Ferry Timetable Doubles", "04.05.2031", STORY]) == "2031-04-05"
    assert _date(["Ferry Timetable Doubles", "04.05.2031", STORY, "Comment, 25.06.2031"]) == "2031-05-04"
    assert _date(["Ferry Timetable Doubles", "06.18.2031", STORY]) == "2031-06-18"


def test_less_common_written_forms():
    assert written_date("2031 • 01 • 08") == "2031-01-08"
    assert written_date("Jul. 11. 2031") == "2031-07-11"
    assert written_date("14.11.31") == "2031-11-14"
    assert written_date("the 21st of June 2031") == "2031-06-21"
    assert written_date("version 1.2.3") is None
    assert written_date("3 hours ago") is None  # relative: only against a fetch date


def test_relative_date_needs_the_fetch_date():
    lines = ["Ferry Timetable Doubles", "Published 6 hours ago", STORY]
    assert _date(lines) is None
    assert _date(lines, fetched="2031-04-05") == "2031-04-05"


def test_url_date_with_the_month_as_a_number_or_a_name():
    assert date_from_url("https://news.example.org/2031/07/11/ferry") == "2031-07-11"
    assert date_from_url("https://news.example.org/blog/2031/october/03/ferry") == "2031-10-03"
    assert date_from_url("https://news.example.org/2031-Sept-05-ferry") == "2031-09-05"
    # A word that only starts like a month, or an impossible month, is no date.
    assert date_from_url("https://news.example.org/2031/mayor/05/ferry") is None
    assert date_from_url("https://news.example.org/2031/13/05/ferry") is None


def test_iso_times_dashed_years_and_other_languages():
    assert written_date("Published 2031-11-23T08:10+02:00") == "2031-11-23"
    assert written_date("12/19 — 2031") == "2031-12-19"
    assert written_date("By the desk on 04-ago-2031 5:11:10") == "2031-08-04"
    assert written_date("4. August 2031") == "2031-08-04"
    assert written_date("4 de agosto de 2031") == "2031-08-04"
    assert written_date("3 décembre 2031") == "2031-12-03"
    assert written_date("Top 10 ferries 2031-05-06") == "2031-05-06"  # a number and a word are no date
    assert written_date("5 crossings 2031") is None


def test_yearless_byline_date_takes_the_year_the_headline_names():
    lines = ["Ferry Timetables for 2031", "Harbour News", "Apr 12", "Written By Ana Ruiz", STORY]
    assert _date(lines) == "2031-04-12"
    assert _date(["Ferry Timetables", *lines[1:]]) is None  # no year to give it
    assert _date([lines[0], "Harbour News", "Dec 12", "5 min read", STORY]) is None  # or the year before
    assert _date([lines[0], "Harbour News", "Apr 12", STORY]) is None  # not a byline date


def test_ambiguous_numeric_dates_follow_the_order_of_the_pages_written_dates():
    lines = ["Ferry Timetable Doubles", "03/10/2031", STORY]
    assert _date(lines) == "2031-03-10"
    assert _date([*lines, "Related: Timetables - 3 October 2031", "Fares - 12 October 2031"]) == "2031-10-03"


def test_a_label_on_its_own_line_belongs_to_the_date_below_it():
    lines = ["Ferry Timetable Doubles", "Last update:", "July 16, 2031", "Ana Ruiz", "February 8, 2031", STORY]
    assert _date(lines) == "2031-02-08"


def test_a_date_in_a_sentence_of_prose_is_never_the_publication_date():
    """An undated page whose text recalls a day ('born on Aug. 17, 1931') stays undated."""
    lines = [
        "Ferry Captain Retires After Forty Years",
        "Ana Ruiz was born in a fishing village on the coast on Aug. 17, 1931, and first sailed at twelve.",
        STORY,
    ]
    assert _date(lines) is None
    assert _date([lines[0], "Posted: March 3, 2031", *lines[1:]]) == "2031-03-03"


def test_a_short_sentence_that_leads_into_a_quote_is_prose_too():
    lines = [
        "Harbour Master Who Warned of the Storm Dies at 90",
        "On Monday, Sept. 4, 1961, the harbour woke to this news:",
        STORY,
    ]
    assert _date(lines) is None
    assert _date([lines[0], "Updated:", "March 3, 2031", *lines[1:]]) == "2031-03-03"  # a label still labels
