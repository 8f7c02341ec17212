"""Rows written as JSONL (one JSON object a line, types kept) or CSV (RFC 4180, header first).

A CSV file is opened by spreadsheets, which run a cell that starts like a formula; so text cells are
neutralised as OWASP advises for CSV injection, and stripped of the control characters a terminal would
act on when the file is printed (``storyline.sanitize.csv_safe``). Integer columns are written as numbers,
so a negative change stays a number. JSON strings are quoted and escaped, the few characters a terminal
acts on included (``json_text``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from storyline.export.rows import Column, Row
from storyline.sanitize import csv_safe, json_text

LIST_SEPARATOR = "; "

Writer = Callable[[Iterable[Row], Sequence[Column], TextIO], int]


def csv_cell(value: Any, column: Column) -> Any:
    """A cell by its column's type: lists joined, None empty, integers as they are, text made safe."""
    if value is None:
        return ""
    if column.kind is int:
        return value
    if column.kind is list:
        return csv_safe(LIST_SEPARATOR.join(map(str, value)))
    return csv_safe(str(value))


def write_csv(rows: Iterable[Row], columns: Sequence[Column], stream: TextIO) -> int:
    """Header, then one record per row; returns the number of rows. Open files with ``newline=""``."""
    writer = csv.writer(stream)  # the excel dialect is RFC 4180: commas, quotes doubled, CRLF
    writer.writerow([column.name for column in columns])
    written = 0
    for row in rows:
        writer.writerow([csv_cell(row[column.name], column) for column in columns])
        written += 1
    return written


def write_jsonl(rows: Iterable[Row], columns: Sequence[Column], stream: TextIO) -> int:
    """One JSON object a line, keys in column order; returns the number of rows."""
    written = 0
    for row in rows:
        stream.write(json_text({column.name: row[column.name] for column in columns}) + "\n")
        written += 1
    return written


WRITERS: dict[str, Writer] = {"csv": write_csv, "jsonl": write_jsonl}
