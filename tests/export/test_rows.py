"""Row building from hand-made records: every declared column, in order, with its declared type."""

from __future__ import annotations

from storyline.export import (
    CLAIM_COLUMNS,
    COUNT_ROLES,
    EVENT_COLUMNS,
    claim_rows,
    event_rows,
)
from storyline.records import (
    Article,
    Claim,
    DateValue,
    EventFacts,
    Evidence,
    Participant,
    Party,
    Place,
    Quantity,
    Reconciliation,
)

ARTICLES = {
    "a1": Article("a1", "/in/a1.txt", "", [], published="2031-09-10", url="https://tidewire.example/1",
                  outlet="Tide Wire"),
    "a2": Article("a2", "/in/reports/a2.md", "", [], published="2031-09-11"),
}
NAMES = {"org:dune-council": "Dune Council", "person:omar-tess": "Omar Tess"}


def _facts(**fields) -> EventFacts:
    base = dict(event_id="e1", story_id="s1", event_type="Justice:Arrest-Jail", cameo="173", plover="COERCE",
                date=DateValue("2031-09-10", "month", "in September"),
                place=Place("Port Avel", "Port Avel", None, "Norland"))
    return EventFacts(**(base | fields))


def _role(row: dict, role: str) -> tuple:
    return row[role], row[f"{role}_low"], row[f"{role}_high"], row[f"{role}_qualifier"]


def _check_types(row: dict, columns) -> None:
    assert list(row) == [column.name for column in columns]
    for column in columns:
        value = row[column.name]
        assert value is None or isinstance(value, column.kind), (column.name, value)
        if column.kind is list:
            assert all(isinstance(item, str) for item in value)


def test_an_event_row_has_every_column_typed_and_counts_per_role():
    facts = _facts(
        counts={"arrested": Quantity("more than 40", None, 41, None, "more_than"),
                "freed": Quantity("9", 9, 9, 9, "exact"),
                "held": Quantity("up to 1,000", None, None, 1000, "range")},
        actors=[Party("the council", "org:dune-council"), Party("police"), Party("police")],
        targets=[Party("Salt Coast", "gpe:salt-coast")],
        participants=[Participant("arrested", "Tess", "person:omar-tess"), Participant("freed", "a fisherman")],
        article_ids=["a1", "a2"], conflicts=["count.arrested"],
    )
    (row,) = event_rows([facts], ARTICLES, NAMES)
    _check_types(row, EVENT_COLUMNS)
    assert row["date"] == "2031-09" and row["date_precision"] == "month" and row["region"] is None
    assert _role(row, "arrested") == (41, 41, None, "more_than")
    assert _role(row, "freed") == (9, 9, 9, "exact")
    assert _role(row, "held") == (None, None, 1000, "range")
    assert _role(row, "killed") == (None, None, None, None)
    assert row["actors"] == ["Dune Council", "police"]
    assert row["targets"] == ["Salt Coast"]  # an entity not stored: the words that name it
    assert row["participants"] == ["arrested:Omar Tess", "freed:a fisherman"]
    assert row["outlets"] == ["Tide Wire", "a2.md"] and row["n_sources"] == 2
    assert row["urls"] == ["https://tidewire.example/1"] and row["conflicts"] == ["count.arrested"]


def test_every_role_has_four_columns():
    names = [column.name for column in EVENT_COLUMNS]
    expected = {"killed", "injured", "arrested", "freed", "missing", "evacuated", "displaced", "held", "affected"}
    assert expected <= set(COUNT_ROLES)
    for role in COUNT_ROLES:
        at = names.index(role)
        assert names[at : at + 4] == [role, f"{role}_low", f"{role}_high", f"{role}_qualifier"]
    assert len(names) == len(set(names)) and all(name.isidentifier() for name in names)


def test_an_event_without_date_place_or_counts_has_nulls():
    (row,) = event_rows([_facts(date=None, place=None, cameo="", plover="")], {}, {})
    _check_types(row, EVENT_COLUMNS)
    assert row["date"] is None and row["place_text"] is None and row["cameo"] is None and row["n_sources"] == 0


def test_claim_rows_one_per_evidence_with_count_bounds():
    lead = Evidence("a1", "Police detained 12 fishermen.", 0, 29)
    later = Evidence("a2", "Twelve fishermen were held overnight.", 120, 157)
    count = Reconciliation("e1", "count.arrested", "conflict", [
        Claim("12", "12", ["a1", "a2"], ["Tide Wire", "a2.md"], [lead, later]),
        Claim("dozens", "24-99", ["a2"], ["a2.md"], [later]),
    ])
    actor = Reconciliation("e1", "actor", "single", [Claim("Police", "police", ["a1"], ["Tide Wire"], [lead])])
    rows = list(claim_rows([("e1", count), ("e1", actor)], ARTICLES))
    for row in rows:
        _check_types(row, CLAIM_COLUMNS)
    stated = [(r["value"], r["article_id"]) for r in rows]
    assert stated == [("12", "a1"), ("12", "a2"), ("dozens", "a2"), ("Police", "a1")]
    first, second, dozens, police = rows
    assert (first["low"], first["high"], dozens["low"], dozens["high"]) == (12, 12, 24, 99)
    assert (first["outlet"], first["url"]) == ("Tide Wire", "https://tidewire.example/1")
    assert first["published"] == "2031-09-10"
    assert (second["outlet"], second["start"], second["end"]) == ("a2.md", 120, 157)
    assert police["low"] is None and police["status"] == "single" and police["normalized"] == "police"
