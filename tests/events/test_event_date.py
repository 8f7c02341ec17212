"""An event's date: each dated report votes once, a report of an announcement with the date it states."""

from __future__ import annotations

from storyline.events.features import EventFeatures
from storyline.events.grouper import dated_by_story, make_event
from storyline.records import DateValue, Event


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


def story_events(groups: dict[str, list[EventFeatures]], story_of: dict[str, str]) -> list[Event]:
    """The events as the grouper would hand them over: made one by one, then dated with their story."""
    events = [make_event(event_id, story_of[event_id], members) for event_id, members in groups.items()]
    features = {report.article_id: report for members in groups.values() for report in members}
    return dated_by_story(events, features)


def test_a_split_off_event_takes_the_day_its_story_gives_its_weekday():
    """Reports of a ferry that capsized 'late Thursday' were split in two: one part dates it (a 'Nov. 14'
    time stamp and 'Thursday night', Nov. 14 a Thursday in 2019), the other only says Thursday and recalls
    'the 2015 inquiry'. The second part takes the first's day; a report in another story keeps no date."""
    groups = {
        "ev-dated": [undated("stamp", None, None, ["11-14"]), undated("lead", 2019, "thursday", [])],
        "ev-split": [undated("thursday-1", 2015, "thursday", []), undated("thursday-2", None, "thursday", [])],
        "ev-other": [undated("elsewhere", 2019, "thursday", [])],
    }
    story_of = {"ev-dated": "st-ferry", "ev-split": "st-ferry", "ev-other": "st-other"}
    dates = {event.event_id: event.date.iso for event in story_events(groups, story_of)}
    assert dates == {"ev-dated": "2019-11-14", "ev-split": "2019-11-14", "ev-other": None}


def test_no_day_is_taken_on_another_weekday_before_the_written_year_or_from_dated_reports():
    """'on Saturday' meets no Thursday of the story; reports written in 2021 cannot be of a 2019 day; and a
    day of reports with publication dates may be a later happening of the story (a trial years on)."""
    dated_part = [undated("stamp", None, None, ["11-14"]), undated("lead", 2019, "thursday", [])]
    groups = {
        "ev-dated": dated_part,
        "ev-saturday": [undated("saturday", None, "saturday", [])],
        "ev-later": [undated("later", 2021, "thursday", [])],
    }
    story_of = dict.fromkeys(groups, "st-ferry")
    dates = {event.event_id: event.date.iso for event in story_events(groups, story_of)}
    assert dates == {"ev-dated": "2019-11-14", "ev-saturday": None, "ev-later": None}

    trial = [report("trial", "2023-03-09", "2023-03-09", ["2023-03-09"])]  # a Thursday, with its own date
    groups = {"ev-trial": trial, "ev-thursday": [undated("thursday", 2019, "thursday", [])]}
    dates = {event.event_id: event.date.iso for event in story_events(groups, dict.fromkeys(groups, "st-1"))}
    assert dates == {"ev-trial": "2023-03-09", "ev-thursday": None}


def test_two_days_of_the_story_on_that_weekday_leave_the_event_undated():
    groups = {
        "ev-first": [undated("stamp-1", None, None, ["11-14"]), undated("lead-1", 2019, "thursday", [])],
        "ev-second": [undated("stamp-2", None, None, ["11-21"]), undated("lead-2", 2019, "thursday", [])],
        "ev-split": [undated("thursday", None, "thursday", [])],
    }
    dates = {event.event_id: event.date.iso for event in story_events(groups, dict.fromkeys(groups, "st-1"))}
    assert dates["ev-split"] is None


def test_the_story_written_year_places_a_yearless_day_of_another_event():
    """One part of a quake story says 'struck early Sunday' and 'the Jan. 4 quakes', and recalls 'the 2004
    tsunami'; another part says 'four years after the 2004 tsunami' (written 2008). Jan. 4 fell on a Sunday
    in 2004 and in 2009: the story was written no earlier than 2008, so the day is 2009-01-04."""
    groups = {
        "ev-quake": [undated("sunday", 2004, "sunday", []), undated("the-day", 2004, None, ["01-04"])],
        "ev-aid": [undated("aid", 2008, None, [])],
    }
    events = story_events(groups, dict.fromkeys(groups, "st-quake"))
    assert make_event("ev-quake", "st-quake", groups["ev-quake"]).date.iso == "2004-01-04"
    assert {event.event_id: event.date for event in events}["ev-quake"] == DateValue("2009-01-04", "day")


def test_undated_reports_that_date_nothing_take_the_year_they_were_written_by():
    """'will take the helm in 2013' and 'will not retire until the end of 2012': written by 2012, the year
    the appointment is dated to; a past year later than that ('re-elected in 2014') leaves it undated, and
    reports with a date of their own are dated by it instead."""
    members = [undated("a", None, "monday", []), undated("b", None, None, [])]
    members[0].written_by, members[1].written_by = 2013, 2012
    assert make_event("ev-1", "st-1", members).date == DateValue("2012", "year")
    members[1].written_year = 2014
    assert make_event("ev-1", "st-1", members).date.iso is None
    published = report("c", "2012-05-02", None, [])
    published.written_by = 2013
    assert make_event("ev-2", "st-1", [published]).date.iso == "2012-05-02"
