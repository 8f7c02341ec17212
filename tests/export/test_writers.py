"""JSONL keeps types; CSV is RFC 4180 with a header and text cells a spreadsheet will not run."""

from __future__ import annotations

import csv
import io
import json

import pytest

from storyline.export import Column, csv_safe, write_csv, write_jsonl

COLUMNS = (Column("name", str), Column("change", int), Column("outlets", list))
ROWS = [
    {"name": '=HYPERLINK("http://evil.example","x")', "change": -3, "outlets": ["Tide Wire", "Gull Daily"]},
    {"name": "plain, with \"quotes\"\nand a line", "change": None, "outlets": []},
]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_neutralised(start):
    assert csv_safe(start + "1+1") == "'" + start + "1+1"


def test_terminal_controls_are_stripped_before_the_formula_test():
    assert csv_safe("\x1b[31mred\x1b[0m alert\x07") == "red alert"
    assert csv_safe("\x1b]0;title\x07=1+1") == "'=1+1"
    assert csv_safe("café – two\tcolumns") == "café – two\tcolumns"


def test_csv_has_a_header_joined_lists_empty_nulls_and_untouched_numbers():
    buffer = io.StringIO(newline="")
    assert write_csv(ROWS, COLUMNS, buffer) == 2
    text = buffer.getvalue()
    assert text.startswith("name,change,outlets\r\n")
    first, second = csv.DictReader(io.StringIO(text, newline=""))
    assert first["name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert (first["change"], first["outlets"]) == ("-3", "Tide Wire; Gull Daily")
    assert second == {"name": 'plain, with "quotes"\nand a line', "change": "", "outlets": ""}


def test_jsonl_keeps_integers_lists_and_nulls_in_column_order():
    buffer = io.StringIO()
    assert write_jsonl(reversed(ROWS), COLUMNS, buffer) == 2
    second, first = map(json.loads, buffer.getvalue().splitlines())
    assert list(first) == ["name", "change", "outlets"]
    assert first["change"] == -3 and first["name"].startswith("=") and first["outlets"] == ["Tide Wire", "Gull Daily"]
    assert second["change"] is None and second["outlets"] == []


def test_jsonl_escapes_what_a_terminal_would_act_on_and_stays_the_same_json():
    row = {"name": "\x9b2J\u202eTide Wire", "change": -3, "outlets": [b"caf\xe9".decode("utf-8", "surrogateescape")]}
    buffer = io.StringIO()
    write_jsonl([row], COLUMNS, buffer)
    line = buffer.getvalue()
    assert "\x9b" not in line and "\u202e" not in line and line.encode("utf-8")
    assert json.loads(line) == row
