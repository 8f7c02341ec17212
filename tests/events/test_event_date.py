"""An event's date: each dated report votes once, a report of an announcement with the date it states."""

from __future__ import annotations

from storyline.events.features import EventFeatures
from storyline.events.grouper import make_event


def report(article_id: str, published: str | None, lead_date: str | None, stated: list[str]) -> EventFeatures:
    return EventFeatures(
        article_id=article_id,
        title=None,
        published=published,
        outlet=None,
        terms={},
        lead_date=lead_date,
        stated_dates=stated,
    )


def test_reports_of_an_announcement_vote_with_the_day_they_state():
    """Three reports say the carrier 'announced today' (no happening in their leads, only the stated day);
    a fourth, written three weeks later, leads with the day orders opened. The announcement's day wins."""
    members = [
        report("later", "2013-05-14", "2013-05-14", ["2013-05-14"]),
        report("a", "2013-04-24", None, ["2013-04-24"]),
        report("b", "2013-04-24", None, ["2013-04-24"]),
        report("c", "2013-04-24", None, ["2013-04-24", "2013-05-14"]),
    ]
    assert make_event("ev-1", "st-1", members).date.iso == "2013-04-24"


def test_a_report_votes_once_with_its_lead_not_with_every_date_it_states():
    members = [
        report("a", "2021-10-19", "2021-10-18", ["2021-10-18"]),
        report("b", "2021-10-19", "2021-10-17", ["2021-10-17", "2021-10-18", "2021-10-18"]),
        report("c", "2021-10-19", "2021-10-17", ["2021-10-17"]),
    ]
    assert make_event("ev-1", "st-1", members).date.iso == "2021-10-17"


def test_a_report_of_the_next_days_news_backs_the_start_it_recalls():
    """Two climbers fell on successive days: reports of the second death lead with its day, and one of them
    recalls the first fall's day, which other reports lead with. The event is dated by its start."""
    members = [
        report("first-a", "2021-10-16", "2021-10-15", ["2021-10-15"]),
        report("first-b", "2021-10-16", "2021-10-15", ["2021-10-15", "2021-10-15"]),
        report("second-a", "2021-10-17", "2021-10-16", ["2021-10-16"]),
        report("second-b", "2021-10-17", "2021-10-16", ["2021-10-16"]),
        report("second-c", "2021-10-17", "2021-10-16", ["2021-10-16", "2021-10-15"]),
    ]
    assert make_event("ev-1", "st-1", members).date.iso == "2021-10-15"


def test_a_day_stated_before_the_reports_own_news_is_passed_over_not_recalled():
    """A report whose text opens on an earlier day (a side story) and then leads with its own keeps its vote."""
    members = [
        report("a", "2021-10-17", "2021-10-16", ["2021-10-15", "2021-10-16"]),
        report("b", "2021-10-17", "2021-10-16", ["2021-10-16"]),
        report("c", "2021-10-17", "2021-10-15", ["2021-10-15"]),
    ]
    assert make_event("ev-1", "st-1", members).date.iso == "2021-10-16"


def test_an_undated_report_does_not_vote_and_a_bare_year_is_no_vote():
    members = [
        report("undated", None, None, ["2005-03-02"]),  # 'on March 2' of an article with no date of its own
        report("year", "2021-10-18", "2021", ["2021"]),
        report("dated", "2021-10-18", "2021-10-16", ["2021-10-16"]),
    ]
    assert make_event("ev-1", "st-1", members).date.iso == "2021-10-16"


def test_with_no_votes_the_day_a_report_is_dated_outranks_a_bare_year_the_text_names():
    """Reports with no date of their own that mention only background years ('a favourite of stars since
    2006', 'shooting for a 2011 release'); one of them carries a date. The event is of that day, not a year."""
    members = [
        report("background", None, "2006", ["2006"]),
        report("future-film", None, "2011", []),
        report("dated-page", "2008-12-09", None, []),
    ]
    assert make_event("ev-1", "st-1", members).date.iso == "2008-12-09"


def test_with_no_votes_a_stated_day_still_outranks_the_day_a_report_is_dated():
    members = [
        report("undated", None, "2009-01-06", ["2009-01-06"]),  # 'on Tuesday (Jan 6)' placed by the calendar
        report("dated-page", "2009-01-08", None, []),
    ]
    assert make_event("ev-1", "st-1", members).date.iso == "2009-01-06"


def test_a_bare_year_is_still_the_answer_when_nothing_finer_is_known():
    members = [report("a", None, "2009", ["2009"]), report("b", None, None, [])]
    assert make_event("ev-1", "st-1", members).date.iso == "2009"


def test_between_equally_voted_days_the_one_more_reports_state_wins_over_the_earlier():
    """One report's lead opened on a side story's day (Thursday); the other leads with Sunday, and both
    state Sunday in their text: Sunday, though the earliest vote is Thursday."""
    members = [
        report("a", "2016-06-27", "2016-06-26", ["2016-06-26", "2016-06-26"]),
        report("b", "2016-06-27", "2016-06-23", ["2016-06-23", "2016-06-26"]),
    ]
    assert make_event("ev-1", "st-1", members).date.iso == "2016-06-26"


def test_between_equally_voted_and_equally_stated_days_the_earliest_wins():
    members = [
        report("a", "2016-06-27", "2016-06-26", ["2016-06-26"]),
        report("b", "2016-06-28", "2016-06-27", ["2016-06-27"]),
    ]
    assert make_event("ev-1", "st-1", members).date.iso == "2016-06-26"


def undated(
    article_id: str, year: int | None, weekday: str | None, days: list[str], stated: tuple[str, ...] = ()
) -> EventFeatures:
    """A report with no date of its own: the latest year it writes, its lead's weekday, its yearless days."""
    features = report(article_id, None, None, list(stated))
    features.written_year, features.weekday_stated, features.yearless_days = year, weekday, days
    return features


def test_undated_reports_date_an_event_by_one_reports_day_and_the_others_weekday():
    """'the dam burst on Sunday' twice, 'the March 3 collapse' once, 2013 the latest year written: March 3
    fell on a Sunday in 2013. A background day the text states ('in June 2009') is not the event's."""
    members = [
        undated("sunday-1", 2012, "sunday", [], ("2009-06",)),
        undated("sunday-2", 2013, "sunday", []),
        undated("the-day", None, None, ["03-03"]),
    ]
    assert make_event("ev-1", "st-1", members).date.iso == "2013-03-03"


def test_the_weekday_more_reports_give_picks_among_yearless_days():
    """Two reports print October 9 (a time stamp 'Oct. 9-10:02 pm'), one also recalls 'the Oct. 2 game';
    three leads say Thursday, one Saturday. Both days were Thursdays in 2014, the latest year written: the
    day more reports give wins; Saturday meets neither day within a few years of 2014."""
    members = [
        undated("stamp", None, None, ["10-09"]),
        undated("recall", 2014, "thursday", ["10-02", "10-09"]),
        undated("lead-1", 2011, "thursday", []),
        undated("lead-2", None, "thursday", []),
        undated("other", None, "saturday", []),
    ]
    assert make_event("ev-1", "st-1", members).date.iso == "2014-10-09"


def test_no_agreement_within_a_few_years_of_the_written_year_gives_no_day():
    """'Oct. 19' next to 'on Thursday' with 2009 the latest year: Oct. 19 is not a Thursday before 2012, a
    pairing that far off is of two different days; the background month before 2009 is no answer either."""
    members = [
        undated("a", 2009, "thursday", ["10-19"], ("2006-05",)),
        undated("b", 2008, None, []),
    ]
    assert make_event("ev-1", "st-1", members).date.iso is None
