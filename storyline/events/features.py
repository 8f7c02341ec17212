"""What the event grouper needs to know about one article, computed once and stored with it.

The grouper never sees the article itself: it works on these features, which the store persists as JSON so a
later build can extend the ledger without re-running NLP on the articles already in it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any

from storyline.clean import written_date
from storyline.facts import (
    LEAD_SENTENCES,
    day_on_weekday,
    dominant_type,
    event_type,
    is_happening,
    lead_fact,
    named_weekday,
    stamped_days,
    written_by,
    written_year,
    yearless_day,
)
from storyline.records import Analysis, Article, Fact
from storyline.stopwords import ENGLISH_STOP_WORDS

# Entity labels that name a participant, place or organisation of a happening; dates, numbers and
# nationalities (NORP) are either handled by the date/count features or too unspecific to tell events apart.
EVENT_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})

_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*[a-z0-9]|[a-z]")
_TITLE_WEIGHT = 2  # a title names the happening more densely than the body: its words count twice
_LEAD_WEIGHT = 3.0  # how much more a fact of the lead says about the article's happening than a later one
_DATELINE_LINES = 2  # first lines of the body where a page prints its date, after the title
_DATELINE_WORDS = 12  # longer lines are sentences of the story, whose dates are what it talks about
MENTIONED_DAYS = 8  # stated days kept per article: the earliest, as a follow-up recalls older happenings
TOLL_ROLES = ("killed", "injured")  # the counts that tell twin incidents of one kind apart
# Years from the latest a report states in which a day it gives without a year may fall: a report writes
# the year out for other years than its own, so its own is at most a little later (2006 seasons recalled in
# December 2008); a weekday meets a month-day only in a later year than that is mostly a wrong pairing.
AGREED_DAY_YEARS = 3


@dataclass
class EventFeatures:
    """An article reduced to the evidence that tells one happening from another."""

    article_id: str
    title: str | None
    published: str | None  # ISO YYYY-MM-DD publication date, or the dateline's of an article without one
    outlet: str | None
    terms: dict[str, int]  # content word -> count over title (weighted) and body
    entities: dict[str, int] = field(default_factory=dict)  # entity id -> mentions
    event_types: dict[str, float] = field(default_factory=dict)  # fact type -> news facts, the lead's weighing more
    headline_count: list[int | None] | None = None  # [low, high] of the lead fact's count
    event_dates: list[str] = field(default_factory=list)  # resolved news-fact dates, ISO cut to precision
    headline_dates: list[str] = field(default_factory=list)  # the dates of the main kind of fact alone
    stated_dates: list[str] = field(default_factory=list)  # those of them the text states (not inherited)
    lead_date: str | None = None  # the date of the article's first dated happening: its news, as the lead dates it
    # The lead's day is written in the text ("on Saturday", "May 3"), not inherited from the publication date:
    # two such days that differ are two happenings far more surely than an inherited one, which may be late.
    lead_day_stated: bool = False
    objects: list[str] = field(default_factory=list)  # content words of what the news facts act on
    place: list[str | None] | None = None  # [city, region, country] where the main kind of fact happened
    tolls: dict[str, list[int | None]] = field(default_factory=dict)  # role -> [low, high] of its highest count
    # Days the text states for any fact, news or background (ISO YYYY-MM-DD, earliest first): a follow-up
    # that recalls "the shooting on May 3" matches the report of May 3 by them.
    mentioned_days: list[str] = field(default_factory=list)
    # For a report without a date of its own: the year it was written at the earliest (the latest year it
    # states, or 'the 2004 tsunami ... four years ago'), the first weekday its lead names ('on Sunday'), and
    # the days it gives without a year ("MM-DD": 'on Jan. 4', a 'Dec. 18-11:14 pm' time stamp). Reports of one
    # event that agree on them date it (see agreed_day). And the year it was written at the latest: the
    # earliest a clause of it about the future gives ('will make his debut in 2010').
    written_year: int | None = None
    written_by: int | None = None
    weekday_stated: str | None = None
    yearless_days: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventFeatures:
        """Rebuild features persisted with ``dataclasses.asdict``."""
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


def content_words(text: str) -> list[str]:
    """Lower-cased words without English stop words (the words that carry what the text is about)."""
    return [word for word in _WORD.findall(text.lower()) if word not in ENGLISH_STOP_WORDS]


def dateline(article: Article) -> str | None:
    """The date a page prints by its headline ("Posted 12/19/2005 3:36 PM", "Updated: November 11, 2011"):
    the first absolute date in a short line among the title and the first lines of the body."""
    lines = [article.title or "", *article.body.split("\n", _DATELINE_LINES)[:_DATELINE_LINES]]
    return next(
        (found for line in lines if len(line.split()) <= _DATELINE_WORDS and (found := written_date(line))),
        None,
    )


def features_for(article: Article, analysis: Analysis | None, facts: list[Fact]) -> EventFeatures:
    """Collect words, entities, fact types, counts and dates of one article."""
    terms: Counter[str] = Counter(content_words(article.body))
    for word in content_words(article.title or ""):
        terms[word] += _TITLE_WEIGHT

    entities: Counter[str] = Counter()
    if analysis is not None:
        labels = {entity.entity_id: entity.label for entity in analysis.entities}
        for mention in analysis.mentions:
            if labels.get(mention.entity, mention.label) in EVENT_ENTITY_LABELS:
                entities[mention.entity] += 1

    news = sorted((fact for fact in facts if not fact.background), key=lambda fact: fact.evidence.start)
    # A news article says what happened first: the lead's facts name the happening, the rest add detail.
    sentences = analysis.sentences if analysis is not None else []
    lead_end = sentences[LEAD_SENTENCES].start if len(sentences) > LEAD_SENTENCES else len(article.body)
    event_types: Counter[str] = Counter()
    for fact in news:
        event_types[fact.event_type] += _LEAD_WEIGHT if fact.evidence.start < lead_end else 1.0
    # The lead count of the article's main kind of fact: two articles stating different counts of one
    # kind ("52 freed" vs "123 freed") are unlikely to report one happening.
    main_type = dominant_type(event_types)
    # Only the count the type's own target gives ('freed 52'): tolls are revised from report to report.
    role = event_type(main_type).count_role if main_type else ""
    counted = [
        fact.counts[role]
        for fact in news
        if fact.event_type == main_type and role in fact.counts and fact.counts[role].low is not None
    ]
    headline_count = [counted[0].low, counted[0].high] if counted else None
    event_dates = [fact.date.iso for fact in news if fact.date is not None and fact.date.iso]
    # The event's own date: an arrest "since 2020" in a release story dates the arrest, not the release.
    dated = [fact.date for fact in news if fact.event_type == main_type and fact.date is not None and fact.date.iso]
    headline_dates = [date.iso for date in dated]
    stated_dates = [date.iso for date in dated if date.text]
    happenings = [f for f in news if is_happening(f.event_type) and f.date and f.date.iso and not f.evidence.in_title]
    # The lead fact (the lead's weightiest happening, dated by the lead as a whole) comes first: 'arrested
    # Friday for a shooting on June 17' is news of the shooting. Dev (GVA, gold grouping): A 0.851 -> 0.856.
    lead = lead_fact(news, analysis) if analysis is not None else None
    if lead is not None and lead.date is not None and lead.date.iso:
        happenings.insert(0, lead)
    objects = sorted({word for fact in news if fact.object for word in content_words(fact.object)})
    # Where: the main kind of fact's place as the lead states it first, else any news fact's.
    placed = [fact.place for fact in news if fact.place is not None and fact.event_type == main_type]
    placed = placed or [fact.place for fact in news if fact.place is not None]
    place = [placed[0].city, placed[0].region, placed[0].country] if placed else None
    # How many were killed or hurt: the highest figure the article states of each (a toll is reported as it
    # stands, so the highest is the latest in the text).
    tolls: dict[str, list[int | None]] = {}
    for fact in news:
        for role, quantity in fact.counts.items():
            if role in TOLL_ROLES and quantity.low is not None and quantity.low > tolls.get(role, [-1])[0]:
                tolls[role] = [quantity.low, quantity.high]

    mentioned_days = sorted({f.date.iso for f in facts if f.date and f.date.text and len(f.date.iso or "") == 10})
    # Days a report without a date of its own cannot place: its lead's weekday is its news's ('needed
    # Thursday night'); a yearless day counts where a news fact states it, or a time stamp prints it.
    unplaced = [fact.date.text for fact in news if fact.date is not None and fact.date.iso is None]
    yearless = [day for text in unplaced if (day := yearless_day(text))] + stamped_days(article.body)

    return EventFeatures(
        article_id=article.article_id,
        title=article.title,
        # An article that came without a publication date is dated by its dateline, if it prints one.
        published=article.published or dateline(article),
        outlet=article.outlet,
        terms=dict(terms),
        entities=dict(entities),
        event_types=dict(event_types),
        headline_count=headline_count,
        event_dates=event_dates,
        headline_dates=headline_dates,
        stated_dates=stated_dates,
        lead_date=happenings[0].date.iso if happenings else None,
        lead_day_stated=bool(happenings and happenings[0].date.text and len(happenings[0].date.iso or "") == 10),
        objects=objects,
        place=place,
        tolls=tolls,
        mentioned_days=mentioned_days[:MENTIONED_DAYS],
        written_year=written_year(f"{article.title or ''}\n{article.body}"),
        written_by=written_by(f"{article.title or ''}\n{article.body}"),
        weekday_stated=named_weekday(article.body[:lead_end]),
        yearless_days=sorted(set(yearless)),
    )


def agreed_day(reports: list[EventFeatures], year: int) -> str | None:
    """The day reports without a date of their own give together: a yearless day one states ('on Jan. 4')
    that falls on the weekday others' leads name ('on Sunday'), in the first of ``AGREED_DAY_YEARS`` years
    from ``year`` (the latest they were written in) where it does. The day and weekday more reports state
    win, then the nearest year, the earliest day. None without a weekday or a yearless day."""
    weekdays = Counter(report.weekday_stated for report in reports if report.weekday_stated)
    days = Counter(day for report in reports for day in report.yearless_days)
    candidates = [
        (-(days[day] + weekdays[weekday]), found.year, found)
        for day in days
        for weekday in weekdays
        if (found := day_on_weekday(day, weekday, year)) and found.year < year + AGREED_DAY_YEARS
    ]
    return min(candidates)[2].isoformat() if candidates else None
