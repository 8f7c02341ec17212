"""Rows written as JSONL (one JSON object a line, types kept) or CSV (RFC 4180, header first).

A CSV file is opened by spreadsheets, which run a cell that starts like a formula; so text cells are
neutralised as OWASP advises for CSV injection, and stripped of the control characters a terminal would
act on when the file is printed. JSON needs neither: its strings are quoted and its controls escaped.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from storyline.export.rows import Column, Row

LIST_SEPARATOR = "; "
# What makes a spreadsheet read a cell as a formula (OWASP "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ANSI escape sequences (CSI "\x1b[31m", OSC "\x1b]0;title\x07") whole, then any other C0 or C1 control
# but tab, newline and carriage return, which are text a quoted cell may hold. A regex rather than a
# library: these three character classes are the whole job.
_TERMINAL_CONTROLS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)

Writer = Callable[[Iterable[Row], Sequence[Column], TextIO], int]


def csv_safe(text: str) -> str:
    """A text cell a spreadsheet shows as text and a terminal prints as text."""
    text = _TERMINAL_CONTROLS.sub("", text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_cell(value: Any, column: Column) -> Any:
    """A cell by its column's type: lists joined, None empty, integers as they are, text made safe."""
    if value is None:
        return ""
    if column.kind is int:
        return value
    if column.kind is list:
        return csv_safe(LIST_SEPARATOR.join(value))
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
        stream.write(json.dumps({column.name: row[column.name] for column in columns}, ensure_ascii=False) + "\n")
        written += 1
    return written


WRITERS: dict[str, Writer] = {"csv": write_csv, "jsonl": write_jsonl}
