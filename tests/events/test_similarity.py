"""Dates, counts, principal participants, word weights, the pair model and the candidate index, each on its own."""

from __future__ import annotations

import math

import numpy as np

from storyline.events import EventFeatures
from storyline.events.batch import corpus_cosines
from storyline.events.index import CandidateIndex
from storyline.events.similarity import (
    PAIR_FEATURES,
    VIEWS,
    Bounds,
    DocumentFrequencies,
    KeySpace,
    PairModel,
    article_views,
    bounds_row,
    count_conflict,
    date_factor,
    date_gap,
    feature_keys,
    latest_year,
    pack_views,
    packed_cosines,
    pair_features,
    pair_scores,
    participants_conflict,
    weighted_vector,
    when,
)
from storyline.records import DateValue
from storyline.settings import EventsSettings

SETTINGS = EventsSettings()


def features(
    article_id: str,
    published: str | None = None,
    count: list[int | None] | None = None,
    dates: list[str] | None = None,
    entities: dict[str, int] | None = None,
    terms: dict[str, int] | None = None,
    title: str | None = None,
) -> EventFeatures:
    return EventFeatures(
        article_id=article_id,
        title=title,
        published=published,
        outlet=None,
        terms=terms or {"harbour": 1},
        entities=entities or {},
        headline_count=count,
        event_dates=dates or [],
    )


def bounds(*items: EventFeatures) -> Bounds:
    return Bounds.of([bounds_row(item, SETTINGS) for item in items])


def view_cosines(left: list[dict], right: list[dict], space: KeySpace | None = None):
    """Cosines between lists of ``article_views``, packed in one key space."""
    space = space or KeySpace()
    return packed_cosines([pack_views(v, space) for v in left], [pack_views(v, space) for v in right], space)


def test_month_precision_covers_the_month():
    december = DateValue.of_iso("2031-12")
    assert [day.isoformat() for day in (december.first_day(), december.last_day())] == [
        "2031-12-01",
        "2031-12-31",
    ]


def test_date_gap_counts_days_beyond_the_grace_and_leaves_unknown_dates_open():
    march = bounds(features("a", published="2031-03-04"))
    others = bounds(
        features("b", published="2031-03-06"),
        features("c", published="2031-09-20", dates=["2031-09"]),
        features("d"),
        # Without the day it was written, a report's fact dates may be of older happenings it recalls.
        features("e", dates=["2031-09"]),
    )
    near, far, unknown, unanchored = date_gap(march, others, SETTINGS)[0]
    assert near == 0.0
    assert far > math.log1p(150)
    assert math.isnan(unknown) and math.isnan(unanchored)


def test_a_follow_up_that_states_the_earlier_day_is_near_that_day():
    """Weeks after a shooting, an arrest report that recalls its day is no farther from the first report
    than that day; one of another shooting in the same city, that names neither day, stays weeks apart."""
    shooting = features("a", published="2031-05-04", dates=["2031-05-03"])
    shooting.lead_date, shooting.mentioned_days = "2031-05-03", ["2031-05-03"]
    arrest = features("b", published="2031-06-12", dates=["2031-06-11", "2031-05-03"])
    arrest.lead_date, arrest.mentioned_days = "2031-06-11", ["2031-05-03", "2031-06-11"]
    other = features("c", published="2031-06-12", dates=["2031-06-11"])
    other.lead_date, other.mentioned_days = "2031-06-11", ["2031-06-11"]
    near, far = date_gap(bounds(shooting), bounds(arrest, other), SETTINGS)[0]
    assert near == 0.0
    assert far > math.log1p(30)
    # Either way round.
    assert date_gap(bounds(arrest, other), bounds(shooting), SETTINGS)[:, 0].tolist() == [near, far]
    # A report dated to the month only is near any day of that month.
    may = features("d", published="2031-05-30", dates=["2031-05"])
    assert date_gap(bounds(may), bounds(shooting), SETTINGS)[0, 0] == 0.0


def test_two_written_days_weeks_apart_weigh_more_than_an_inherited_one():
    """Two reports that each write their shooting's day, three weeks apart, are two shootings more surely
    than when one report's day is only its publication's (a late report may date nothing)."""
    first = features("a", published="2031-05-04", dates=["2031-05-03"])
    first.lead_date, first.lead_day_stated = "2031-05-03", True
    written = features("b", published="2031-05-25", dates=["2031-05-24"])
    written.lead_date, written.lead_day_stated = "2031-05-24", True
    inherited = features("c", published="2031-05-25", dates=["2031-05-24"])
    inherited.lead_date = "2031-05-24"
    both, one = date_factor(bounds(first), bounds(written, inherited), SETTINGS)[0]
    assert both < one < 1.0
    # Within the grace days neither says anything.
    near = features("d", published="2031-05-05", dates=["2031-05-04"])
    near.lead_date, near.lead_day_stated = "2031-05-04", True
    assert date_factor(bounds(first), bounds(near), SETTINGS)[0, 0] == 1.0
    # An undated article states no day, whatever its text says.
    undated = features("e", dates=["2031-05-24"])
    undated.lead_date, undated.lead_day_stated = "2031-05-24", True
    assert bounds(undated).stated.tolist() == [0.0]


def test_two_follow_ups_that_recall_one_day_are_near():
    trial = features("a", published="2031-11-20", dates=["2031-11-19"])
    trial.lead_date, trial.mentioned_days = "2031-11-19", ["2031-03-01", "2031-11-19"]
    sentence = features("b", published="2032-02-10", dates=["2032-02-09"])
    sentence.lead_date, sentence.mentioned_days = "2032-02-09", ["2031-03-01", "2032-02-09"]
    unrelated = features("c", published="2032-02-10", dates=["2032-02-09"])
    unrelated.lead_date, unrelated.mentioned_days = "2032-02-09", ["2031-06-30", "2032-02-09"]
    recalled, apart = date_gap(bounds(trial), bounds(sentence, unrelated), SETTINGS)[0]
    assert recalled == 0.0
    assert apart > math.log1p(60)


def test_the_days_an_undated_article_states_match_no_one():
    """Without the day it was written, an article's stated days may be of any happening it recalls."""
    shooting = features("a", published="2031-05-04", dates=["2031-05-03"])
    shooting.lead_date = "2031-05-03"
    undated = features("b", dates=["2031-05-03"])
    undated.mentioned_days = ["2031-05-03"]
    assert math.isnan(date_gap(bounds(shooting), bounds(undated), SETTINGS)[0, 0])


def test_a_report_is_dated_by_its_lead_before_the_dates_it_recalls():
    """A follow-up that names an older shooting twice dates its own news by the day its lead gives."""
    report = features("a", published="2031-05-20", dates=["2031-03-02", "2031-03-02", "2031-05-18"])
    assert when(report)[0].isoformat() == "2031-03-02"  # without a lead date: the date most stated
    report.lead_date = "2031-05-18"
    assert [day.isoformat() for day in when(report)] == ["2031-05-18", "2031-05-18"]
    # A lead dated to the month only says less than the day-precise dates further down.
    report.lead_date = "2031-05"
    assert when(report)[0].isoformat() == "2031-03-02"


def test_open_counts_agree_with_near_values_only():
    more_than_100 = bounds(features("a", count=[101, None]))
    others = bounds(features("b", count=[123, 123]), features("c", count=[250, 250]), features("d"))
    assert list(count_conflict(more_than_100, others)[0]) == [0.0, 1.0, 0.0]


def test_articles_about_different_participants_are_held_apart():
    reid = features("a", entities={"person:ann-reid": 5, "org:clinic": 2})
    same = features("b", entities={"person:ann-reid": 3, "gpe:malibu": 1})
    other = features("c", entities={"person:lea-lohr": 4, "gpe:venice": 2})
    unnamed = features("d")
    assert list(participants_conflict([reid], [same, other, unnamed], SETTINGS)[0]) == [
        0.0,
        1.0,
        0.0,
    ]


def test_common_english_words_weigh_less_from_the_first_article_on():
    frequencies = DocumentFrequencies(SETTINGS.idf_prior_documents)
    keys = {"said": 1, "trawler": 1}
    frequencies.add(keys)
    vector = weighted_vector(keys, frequencies, SETTINGS)
    assert vector["trawler"] > 2 * vector["said"]


def test_views_without_content_compare_as_unknown():
    frequencies = DocumentFrequencies(SETTINGS.idf_prior_documents)
    named = features(
        "a",
        entities={"person:ann-reid": 2},
        terms={"ferry": 2, "12": 1},
        title="Ferry sinks",
    )
    bare = features("b", terms={"ferry": 1, "40": 1})
    for item in (named, bare):
        frequencies.add(feature_keys(item))
    cosines = view_cosines(
        [article_views(named, frequencies, SETTINGS)],
        [article_views(bare, frequencies, SETTINGS)],
    )
    assert cosines.keys[0, 0] > 0
    assert math.isnan(cosines.title[0, 0]) and math.isnan(cosines.entities[0, 0])
    assert cosines.numbers[0, 0] == 0.0  # both state numbers, none shared


def test_stream_and_batch_views_agree():
    items = [
        features(
            "a",
            entities={"person:ann-reid": 2},
            terms={"ferry": 2, "12": 1},
            title="Ferry sinks",
        ),
        features(
            "b",
            entities={"person:ann-reid": 1},
            terms={"ferry": 1, "harbour": 1, "12": 1},
            title="Ferry lost",
        ),
        features("c", terms={"wildfire": 3}),
    ]
    frequencies = DocumentFrequencies(SETTINGS.idf_prior_documents)
    for item in items:
        frequencies.add(feature_keys(item))
    views = [article_views(item, frequencies, SETTINGS) for item in items]
    stream, batch = view_cosines(views, views), corpus_cosines(items, SETTINGS)
    for name in ("keys", "title", "entities", "numbers"):
        np.testing.assert_allclose(getattr(stream, name), getattr(batch, name), atol=1e-9)


def test_a_pair_has_one_cosine_to_the_last_bit_in_any_company():
    """The stream caches pair scores: a pair's cosine must not depend on its side or on the other articles."""
    rng = np.random.default_rng(3)
    words = [f"word{number}" for number in range(300)]
    items = [
        features(
            f"a{number}",
            terms={str(word): int(rng.integers(1, 4)) for word in rng.choice(words, 60, replace=False)},
            entities={f"person:p{int(rng.integers(5))}": 1},
            title=" ".join(rng.choice(words, 5)),
        )
        for number in range(12)
    ]
    frequencies = DocumentFrequencies(SETTINGS.idf_prior_documents)
    for item in items:
        frequencies.add(feature_keys(item))
    space = KeySpace()
    packed = [pack_views(article_views(item, frequencies, SETTINGS), space) for item in reversed(items)][::-1]
    gram = packed_cosines(packed, packed, space)
    for left, right in [(0, 5), (7, 3), (11, 11)]:
        alone = packed_cosines([packed[left]], [packed[right]], space)
        swapped = packed_cosines(packed[right : right + 1] + packed[:2], [packed[left]], space)
        for name in VIEWS:
            value = getattr(gram, name)[left, right]
            assert getattr(alone, name)[0, 0] == value or (np.isnan(value) and np.isnan(getattr(alone, name)[0, 0]))
            assert getattr(swapped, name)[0, 0] == value or np.isnan(value)
    rows = pair_features(gram, items, items, bounds(*items), bounds(*items), SETTINGS)
    probabilities = PairModel.load().probability(rows)
    single = PairModel.load().probability(rows[7:8, 3:4])
    assert probabilities[7, 3] == single[0, 0] == probabilities[3, 7]


def test_pair_scores_prefer_shared_words_and_penalise_conflicting_counts():
    model = PairModel.load()
    agreeing = dict.fromkeys(PAIR_FEATURES, 0.0) | {
        "cosine": 0.5,
        "title_cosine": 0.5,
        "entity_cosine": 0.6,
        "meaning_cosine": 0.9,
    }
    conflicting = agreeing | {"count_conflict": 1.0, "number_conflict": 1.0}
    # Meaning cosines as the dev sets show them: ~0.9 for two reports of one happening, ~0.8 for unrelated news.
    unrelated = dict.fromkeys(PAIR_FEATURES, 0.0) | {"cosine": 0.02, "meaning_cosine": 0.8}
    rows = np.array([list(row.values()) for row in (agreeing, conflicting, unrelated)])
    agree, conflict, apart = pair_scores(model, rows, SETTINGS)
    assert agree > 0.5 > conflict > apart


def test_index_reads_a_bounded_tail_of_each_posting():
    settings = EventsSettings(posting_tail=5, max_candidates=3)
    index = CandidateIndex(settings)
    for number in range(50):
        index.add(["harbour", f"word{number}"], f"event-{number:02d}")
    found = index.candidates({"harbour": 1.0, "word47": 0.5})
    assert found[0] == "event-47"
    assert len(found) == 3 and all(event >= "event-45" for event in found)


def test_the_latest_year_mentioned_is_read_from_the_words():
    assert latest_year(features("a", terms={"harbour": 2, "1998": 1, "2031": 1, "20310": 1})) == 2031
    assert math.isnan(latest_year(features("b", terms={"harbour": 1, "450": 1})))


def pair_row(left: EventFeatures, right: EventFeatures) -> np.ndarray:
    """The pair model's input for two articles, weighted as a ledger of just these two would."""
    frequencies = DocumentFrequencies(SETTINGS.idf_prior_documents)
    for item in (left, right):
        frequencies.add(feature_keys(item))
    views = [article_views(item, frequencies, SETTINGS) for item in (left, right)]
    return pair_features(view_cosines(views[:1], views[1:]), [left], [right], bounds(left), bounds(right), SETTINGS)[0, 0]


def test_undated_reports_are_told_apart_by_the_years_they_mention():
    """Without dates, two reports that speak of different years are less likely one happening; with dates,
    the dates decide and the years mentioned are left out."""
    words = {"harbour": 2, "strike": 1, "dockers": 1}
    gap = PAIR_FEATURES.index("undated_year_gap")
    undated = pair_row(features("a", terms=words | {"2031": 1}), features("b", terms=words | {"2034": 1}))
    dated = pair_row(
        features("a", "2031-03-04", terms=words | {"2031": 1}), features("b", "2031-03-04", terms=words | {"2034": 1})
    )
    assert undated[gap] == math.log1p(3) and dated[gap] == 0.0
    agreeing = undated.copy()
    agreeing[gap] = 0.0
    apart, agree = pair_scores(PairModel.load(), np.stack([undated, agreeing]), SETTINGS)
    assert agree > apart


def test_a_legal_sequel_months_later_is_not_kept_apart_by_its_date():
    """A trial report months after a shooting dates its news by the hearing ('appeared in court Monday'),
    not by the shooting it follows: its gap counts as a late report's, not as two stated days'. A report of
    another shooting that late is still far."""
    shooting = features("a", published="2031-01-18", dates=["2031-01-17"])
    shooting.lead_date, shooting.lead_day_stated = "2031-01-17", True
    shooting.event_types = {"Conflict:Attack": 6.0}
    trial = features("b", published="2031-05-26", dates=["2031-05-24"])
    trial.lead_date, trial.lead_day_stated = "2031-05-24", True
    trial.event_types = {"Conflict:Attack": 6.0, "Justice:Trial-Hearing": 1.0}
    other = features("c", published="2031-05-26", dates=["2031-05-24"])
    other.lead_date, other.lead_day_stated = "2031-05-24", True
    other.event_types = {"Conflict:Attack": 6.0}
    sequel, later = date_factor(bounds(shooting), bounds(trial, other), SETTINGS)[0]
    assert sequel > 0.4 and later < 0.1
    # Either way round; but a sequel published before the report cannot follow its happening.
    assert date_factor(bounds(trial), bounds(shooting), SETTINGS)[0, 0] == sequel
    early = features("d", published="2030-09-02", dates=["2030-09-01"])
    early.lead_date, early.lead_day_stated = "2030-09-01", True
    early.event_types = {"Justice:Charge-Indict": 3.0}
    assert date_factor(bounds(early), bounds(shooting), SETTINGS)[0, 0] < 0.2

