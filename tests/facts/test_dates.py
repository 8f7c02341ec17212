from __future__ import annotations

import datetime as dt

import pytest

from storyline.facts.dates import (
    DateAnchor,
    article_anchor,
    day_on_weekday,
    lead_date,
    named_weekday,
    resolve_date,
    stamped_days,
    weekday_of,
    written_by,
    written_year,
    yearless_day,
)
from storyline.nlp.model import load_pipeline
from storyline.records import DateValue
from storyline.settings import NlpSettings

SUNDAY = "2021-10-17"  # a Sunday
MONDAY = "2021-10-18"  # a Monday


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(NlpSettings(parse_all_sentences=True))


def lead(nlp, text: str, published: str | None = SUNDAY, title: str | None = None):
    doc = nlp(text)
    return lead_date(doc, list(doc.sents), article_anchor(published, text, title))


@pytest.mark.parametrize(
    "phrase, iso",
    [
        ("late Saturday", "2021-10-16"),
        ("early Sunday", "2021-10-17"),  # the day of publication counts
        ("Saturday night", "2021-10-16"),
        ("last night", "2021-10-16"),
        ("yesterday", "2021-10-16"),
        ("this morning", "2021-10-17"),
        ("about 11:40 p.m. Friday", "2021-10-15"),
        ("last Sunday", "2021-10-10"),
        ("on Dec. 12", "2020-12-12"),  # the most recent past one
    ],
)
def test_news_day_words_count_back_from_publication(phrase, iso):
    assert resolve_date(phrase, SUNDAY).iso == iso


def test_a_future_verb_turns_weekdays_and_yearless_dates_forward():
    assert resolve_date("on Tuesday", SUNDAY, tense="future").iso == "2021-10-19"
    assert resolve_date("on Dec. 12", SUNDAY, tense="future").iso == "2021-12-12"


def test_last_week_is_never_a_made_up_day():
    assert (resolve_date("last week", SUNDAY).iso, resolve_date("last week", SUNDAY).precision) == ("2021-10", "month")
    straddling = resolve_date("last week", "2021-11-03")  # 25-31 October: its month is October
    assert (straddling.iso, straddling.precision) == ("2021-10", "month")
    across_months = resolve_date("last week", "2021-12-01")  # 22-28 November
    assert across_months.precision == "month" and across_months.iso == "2021-11"
    assert resolve_date("last week", "2021-10-06").precision == "year"  # 27 Sept - 3 Oct


def test_sequence_phrases_count_from_the_previous_date_not_publication():
    assert resolve_date("two days later", SUNDAY, anchor=dt.date(2021, 9, 1)).iso == "2021-09-03"
    assert resolve_date("the next day", SUNDAY, anchor=dt.date(2021, 9, 1)).iso == "2021-09-02"
    assert resolve_date("two days later", SUNDAY).precision == "unknown"


def test_times_of_day_lengths_and_house_numbers_are_not_dates():
    assert resolve_date("11:15 p.m.", SUNDAY) is None
    assert resolve_date("two days", SUNDAY) is None
    assert resolve_date("6733", SUNDAY) is None
    assert resolve_date("2019", SUNDAY).iso == "2019"


@pytest.mark.parametrize("phrase", ["six, the hour", "at seven", "about an hour later", "four minutes", "a night"])
def test_a_clock_hour_or_a_stretch_of_minutes_names_no_day(phrase):
    """The date parser reads "six" as June and "an hour" as yesterday: neither is a day the text states."""
    assert resolve_date(phrase, SUNDAY, tense="past") is None


@pytest.mark.parametrize("phrase", ["36 hours", "about a 40 minute", "90 seconds", "40s", "'50s", "the 1990s"])
def test_a_count_of_hours_or_a_decade_names_no_day(phrase):
    """The date parser reads "36 hours" or "40s" as a moment just before the article's date: a false yesterday."""
    assert resolve_date(phrase, SUNDAY, tense="past") is None


def test_an_hour_told_in_words_leaves_the_weekday_with_it():
    assert resolve_date("3 in the morning", SUNDAY, tense="past") is None
    assert resolve_date("around 2 in the morning Saturday", SUNDAY, tense="past").iso == "2021-10-16"


@pytest.mark.parametrize("phrase, iso", [("last night's", "2021-10-16"), ("in March", "2021-03"), ("last month", "2021-09")])
def test_phrases_that_name_a_day_or_month_still_resolve(phrase, iso):
    assert resolve_date(phrase, SUNDAY, tense="past").iso == iso


def test_date_lines_give_the_anchor_when_no_published_date():
    body = "Ferry runs aground off the coast\nPUBLISHED TUESDAY, APRIL 6, 2010 AT 9:02 AM\nA ferry ran aground."
    assert article_anchor(None, body) == DateAnchor(
        dt.date(2010, 4, 6), "text", "PUBLISHED TUESDAY, APRIL 6, 2010 AT 9:02 AM"
    )
    assert article_anchor(None, "x", "Updated: March 3, 2012 18:20 IST").day == dt.date(2012, 3, 3)
    assert article_anchor(None, "x", "4 May 2014 Last updated at 08:15 GMT").day == dt.date(2014, 5, 4)
    assert article_anchor(None, "x", "Last updated 10:02 25 / 06 / 2015").day == dt.date(2015, 6, 25)
    assert article_anchor("2020-01-02", "Updated: March 3, 2012").source == "published"
    assert article_anchor(None, "A man was shot on May 2, 2013 in a long argument over a parking space.") is None


def test_lead_date_of_a_weekend_shooting(nlp):
    text = (
        "A 23-year-old man was shot and wounded late Saturday outside a bar on Mill Street, police said "
        "Sunday. Officers found him at 6733 Boulder Run Loop shortly before midnight."
    )
    value = lead(nlp, text)
    assert (value.iso, value.precision) == ("2021-10-16", "day")


def test_lead_date_skips_the_scheduled_date(nlp):
    text = (
        "A woman charged with shooting her neighbour is scheduled to appear in court on Tuesday. "
        "The neighbour was shot Friday night during an argument over a fence."
    )
    assert lead(nlp, text).iso == "2021-10-15"


def test_lead_date_skips_births_and_background(nlp):
    text = (
        "The firefighter, born on March 3, 1970, died early Sunday after a warehouse roof collapsed. "
        "He had joined the department in 1994."
    )
    assert lead(nlp, text).iso == "2021-10-17"


def test_lead_without_a_date_takes_the_articles_day_only_when_past(nlp):
    past = "Two people were injured when a car struck a bus shelter on Oak Avenue, police said."
    assert lead(nlp, past) == DateValue("2021-10-17", "day", "")
    assert lead(nlp, past, published=None) is None


def test_undated_article_with_only_a_weekday_is_unknown_not_background(nlp):
    text = (
        "The champion stopped his challenger in the fifth round on Saturday night. "
        "The challenger, who won the title in 2004, never recovered from a knockdown."
    )
    value = lead(nlp, text, published=None)
    assert value.precision == "unknown" and value.iso is None


def test_undated_article_resolves_from_its_date_line(nlp):
    text = "Storm floods coastal towns\nFloodwater swept through three towns on Thursday, officials said."
    value = lead(nlp, text, published=None, title="Updated: November 4, 2010 07:45 IST")
    assert value.iso == "2010-11-04"


@pytest.mark.parametrize(
    "phrase, iso",
    [
        ("Riverton Saturday", "2021-10-16"),  # a place name the tagger ran into the day
        ("the year late Sunday night", "2021-10-17"),  # '... seventh homicide of the year late Sunday night'
        ("E early Saturday morning", "2021-10-16"),  # the last letter of 'Avenue E'
        ("sometime Friday night", "2021-10-15"),
        ("this past Saturday", "2021-10-16"),
    ],
)
def test_a_weekday_at_the_end_of_a_run_together_phrase_still_dates_it(phrase, iso):
    assert resolve_date(phrase, MONDAY).iso == iso


@pytest.mark.parametrize("phrase", ["the next Saturday", "every Saturday", "the first Monday of May"])
def test_a_word_that_picks_another_weekday_is_not_the_latest_one(phrase):
    value = resolve_date(phrase, MONDAY)
    assert value is None or value.iso != "2021-10-16"


@pytest.mark.parametrize(
    "phrase, published, iso",
    [
        ("New Year's Eve", "2022-01-01", "2021-12-31"),  # the one just before the report, in the year before
        ("New Year’s Eve", "2022-01-02", "2021-12-31"),  # typographic apostrophe
        ("Thanksgiving night", "2021-11-26", "2021-11-25"),  # the fourth Thursday of November
        ("Memorial Day", "2021-06-02", "2021-05-31"),  # the last Monday of May
        ("the Fourth of July", "2021-07-06", "2021-07-04"),
        ("Christmas Eve", "2021-12-27", "2021-12-24"),
        ("the day after Thanksgiving", "2021-11-29", "2021-11-26"),
    ],
)
def test_named_days_of_the_year_count_back_like_weekdays(phrase, published, iso):
    assert resolve_date(phrase, published).iso == iso


@pytest.mark.parametrize("phrase", ["Christmas", "Thanksgiving"])
def test_a_bare_season_name_is_no_day(phrase):
    """'shot at a Christmas party', 'home for Thanksgiving': the season or the occasion, not the day."""
    assert resolve_date(phrase, "2021-12-27") is None


def test_a_named_day_said_of_what_will_happen_is_the_coming_one():
    assert resolve_date("Labor Day", "2021-08-20", tense="future").iso == "2021-09-06"


@pytest.mark.parametrize("phrase", ["24-hour", "a three-day", "the 10-year"])
def test_a_length_written_as_an_adjective_is_no_date(phrase):
    assert resolve_date(phrase, MONDAY) is None


def test_a_lead_that_dates_its_news_and_the_happening_gives_the_happening(nlp):
    text = (
        "Harlow police on Monday identified the woman killed in a drive-by shooting Saturday night as a "
        "retired teacher. Officers found her on the porch of her home on Birch Lane."
    )
    assert lead(nlp, text, MONDAY).iso == "2021-10-16"


def test_the_next_sentence_can_give_the_earlier_day_of_the_happening(nlp):
    text = (
        "A man arrested Monday has been charged with murder in the death of his neighbour. "
        "The neighbour, 54, was shot late Saturday outside a bar on Canal Street, police said."
    )
    assert lead(nlp, text, MONDAY).iso == "2021-10-16"


@pytest.mark.parametrize("day, iso", [("Sept. 3", "2021-09-03"), ("March 3", "2021-10-18")])
def test_an_arrest_weeks_after_the_happening_is_dated_by_it_but_months_after_is_background(nlp, day, iso):
    """An arrest often comes weeks after the crime: the day the lead then gives is the happening's; a day
    months back is background, and the arrest dates the news."""
    text = (
        "Deputies arrested a man on Monday after a long search. "
        f"He is charged with the robbery of a pharmacy on {day} in which a clerk was hurt."
    )
    assert lead(nlp, text, MONDAY).iso == iso


@pytest.mark.parametrize(
    "phrase, iso",
    [
        ("Monday", "2021-10-18"),  # written the day after the page's date: that day, not 11 October
        ("early Monday", "2021-10-18"),
        ("on Monday night", "2021-10-18"),
        ("last Monday", "2021-10-11"),
        ("this past Monday", "2021-10-11"),
        ("Saturday", "2021-10-16"),
    ],
)
def test_a_bare_weekday_after_the_pages_date_is_the_next_day(phrase, iso):
    assert resolve_date(phrase, SUNDAY, tense="past").iso == iso


def test_a_lead_written_the_day_after_its_pages_date_keeps_the_happenings_day(nlp):
    """A page dated Sunday whose lead tells of Monday's search for a gun used on Sunday night."""
    text = (
        "Deputies searched a neighbourhood Monday and found a rifle they believe was used to shoot a "
        "9-year-old girl Sunday night. The girl's uncle was arrested Sunday evening."
    )
    assert lead(nlp, text, SUNDAY).iso == "2021-10-17"


@pytest.mark.parametrize(
    "phrase, latest_year, iso",
    [
        ("Wednesday (March 4", 2014, "2015-03-04"),  # 'on Wednesday (March 4) the council voted'
        ("Friday, Oct. 9", 2013, "2015-10-09"),
        ("Saturday 12 July", 2014, "2014-07-12"),  # the latest year stated is itself the right one
        ("late Monday, Feb. 2nd", 2015, "2015-02-02"),
    ],
)
def test_an_undated_text_places_a_weekday_and_its_date_in_the_year_the_calendar_agrees(phrase, latest_year, iso):
    assert resolve_date(phrase, None, year_hint=latest_year).iso == iso


@pytest.mark.parametrize(
    "phrase, latest_year",
    [
        ("Wednesday (March 4", None),  # no year stated anywhere: nothing to count from
        ("March 4", 2014),  # a date with no weekday could be of any year
        ("Wednesday", 2014),
        ("Friday, Feb. 30", 2014),  # no such day
    ],
)
def test_without_a_weekday_a_day_or_a_year_to_start_from_an_undated_phrase_stays_unknown(phrase, latest_year):
    value = resolve_date(phrase, None, year_hint=latest_year)
    assert value is None or value.iso is None


def test_a_published_article_counts_from_its_own_date_not_the_calendar_hint():
    """'Friday, Oct. 9' in a report of 2020 is that year's 9 October, whatever year the text names."""
    assert resolve_date("Friday, Oct. 9", "2020-10-12", year_hint=2013).iso == "2020-10-09"


def test_an_undated_lead_dates_its_happening_by_the_weekday_and_date_it_gives(nlp):
    text = (
        "The county board on Tuesday (Jan 13) approved a plan to close two rural clinics, a year after it "
        "first proposed the cuts in 2014. Members voted five to two."
    )
    assert lead(nlp, text, published=None).iso == "2015-01-13"


def test_a_lead_that_dates_a_court_step_first_gives_the_earlier_day_it_states_further_on(nlp):
    """'charged Tuesday' dates what followed the shooting; 'late Friday', two sentences on, is the day of
    the happening itself."""
    text = (
        "A 19-year-old was charged Tuesday with attempted murder, prosecutors said. "
        "Deputies had searched for him for days. "
        "He is accused of shooting a cashier in the arm late Friday at a gas station on Route 9."
    )
    assert lead(nlp, text, "2021-10-20").iso == "2021-10-15"


def test_a_lead_that_dates_only_its_court_step_keeps_that_day(nlp):
    text = (
        "Two brothers were arraigned Tuesday on burglary charges in Harlow District Court. "
        "Both pleaded not guilty and were held on $5,000 bail."
    )
    assert lead(nlp, text, "2021-10-20").iso == "2021-10-19"


def test_a_lead_that_dates_its_happening_first_is_not_moved_to_an_earlier_day_it_mentions(nlp):
    text = (
        "Two men were shot early Tuesday outside a bowling alley on Fifth Street. "
        "Police said the same alley was hit by vandals on Oct. 2."
    )
    assert lead(nlp, text, "2021-10-20").iso == "2021-10-19"


def test_a_day_on_the_happening_is_not_moved_to_an_earlier_day_of_what_led_up_to_it(nlp):
    """'wounding both early Friday' dates the shooting; the quarrel on Thursday the next sentence recalls
    led up to it."""
    text = (
        "A Millbrook man shot his neighbour and her son, wounding both early Friday before driving off, "
        "officials said. Prosecutors said the shooting grew out of a quarrel Thursday between the two "
        "families over a fence."
    )
    assert lead(nlp, text, "2021-10-22").iso == "2021-10-22"


def test_an_earlier_day_written_with_its_month_still_gives_the_happening(nlp):
    text = (
        "A man is in critical condition after he was shot in a parking garage Saturday night, police said. "
        "Officers responded to the garage on Friday, Oct. 15, at about 11 p.m. after a caller heard shots."
    )
    assert lead(nlp, text, "2021-10-16").iso == "2021-10-15"


@pytest.mark.parametrize(
    "text, iso",
    [
        (
            "On Monday around 10 p.m., the boy's family says his uncle was cleaning a rifle in the kitchen "
            "when it went off. The boy died at a hospital the next day.",
            "2021-10-18",
        ),
        (
            "Police said the woman was shot in the hallway of a motel on Route 9 on October 19 around 9 p.m. "
            "She was taken to Mercy Hospital and pronounced dead October 20 at 6 a.m.",
            "2021-10-19",
        ),
    ],
)
def test_a_day_inside_the_reported_clause_or_before_a_present_saying_dates_the_happening(nlp, text, iso):
    """A reporting verb in the present is dated now, not by the day before it; a day after the start of
    the reported clause is that clause's, however the parser attaches it."""
    assert lead(nlp, text, "2021-10-22").iso == iso


def test_a_named_day_the_model_leaves_untagged_still_dates_the_lead(nlp):
    text = (
        "A 6-year-old girl was hit in the ankle during a New Year’s Eve shooting on the east side. "
        "The shooting took place about 9:10 p.m. on the 1300 block of Kilgore Street."
    )
    assert lead(nlp, text, "2022-01-01").iso == "2021-12-31"


def test_an_evening_hour_with_no_day_is_the_evening_before_the_reports_date(nlp):
    evening = "A woman was shot in the arm outside a laundromat on Elm Street at about 9:30 p.m., police said."
    assert lead(nlp, evening) == DateValue("2021-10-16", "day", "")
    morning = "A woman was shot in the arm outside a laundromat on Elm Street at about 9:30 a.m., police said."
    assert lead(nlp, morning) == DateValue("2021-10-17", "day", "")


def test_last_week_is_refined_by_a_day_of_that_week_not_by_a_later_court_day(nlp):
    text = (
        "A 22-year-old man has been charged with manslaughter in a fatal shooting last week. "
        "He made his first appearance in district court on Tuesday. "
        "He was arrested after a 19-year-old was found dead Oct. 14 in a home on West Elm Street."
    )
    assert lead(nlp, text, "2021-10-20").iso == "2021-10-14"


# What a report without a date of its own tells about its day: the year it was written, its yearless days.


def test_written_year_counts_years_ago_from_the_year_stated_before():
    text = "Crews feared a repeat of the 1999 flood.\nThat disaster, eleven years ago, left the valley empty."
    assert written_year(text) == 2010


def test_written_year_is_the_latest_year_stated_without_years_ago():
    assert written_year("Sales dipped in 2005, fell in 2006 and stayed flat.") == 2006
    assert written_year("Officials gave 3,907 and 1,200 as the counts, no year.") is None


def test_a_year_a_clause_about_the_future_gives_bounds_the_written_year_from_above():
    """'is set to recover ... of 2008' announces 2008: written in 2006 at the earliest, 2008 at the latest.
    A year on a noun of a future clause ('will stand trial for the 2003 killing') is still a past year."""
    text = "Sales fell in 2006 and are set to recover in the second half of 2008."
    assert (written_year(text), written_by(text)) == (2006, 2008)
    text = "The coach, 61, will step down at the end of 2011, and his deputy won't take over until 2012."
    assert (written_year(text), written_by(text)) == (None, 2011)
    text = "The mill, which shut in 2011, is expected to reopen by mid-2014."
    assert (written_year(text), written_by(text)) == (2011, 2014)
    text = "He will stand trial for the 2003 killing of his neighbour."
    assert (written_year(text), written_by(text)) == (2003, None)
    text = "The bridge will reopen in 2009.\nIt was closed after a barge struck it in 2010."
    assert (written_year(text), written_by(text)) == (2010, None)


def test_yearless_days_and_time_stamps():
    assert yearless_day("struck the coast Jan. 4.") == "01-04"
    assert yearless_day("on the 9th of March") == "03-09"
    assert yearless_day("on May 13, 2008") is None
    assert stamped_days("ended the season with 26 touchdowns. Dec. 18-11:14 pm et") == ["12-18"]
    assert stamped_days("the Dec. 18 game at 8 pm") == []


def test_a_weekday_and_a_month_day_fix_the_year():
    assert named_weekday("the Colts won Thursday night") == "thursday"
    assert str(day_on_weekday("03-03", "sunday", 2012)) == "2013-03-03"
    assert str(day_on_weekday("02-29", "monday", 2013)) == "2016-02-29"


def test_weekday_of_a_day_across_a_leap_day_and_a_year_end():
    assert weekday_of("2024-02-29") == "thursday"
    assert [weekday_of(day) for day in ("2008-12-31", "2009-01-01", "2009-01-04")] == ["wednesday", "thursday", "sunday"]
