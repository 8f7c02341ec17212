from __future__ import annotations

import datetime as dt

import pytest

from storyline.facts.dates import DateAnchor, article_anchor, lead_date, resolve_date
from storyline.nlp.model import load_pipeline
from storyline.records import DateValue
from storyline.settings import NlpSettings

SUNDAY = "2021-10-17"  # a Sunday


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
