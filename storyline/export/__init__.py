"""Typed exports of the ledger: an events table (one row per event) and a claims table (one row per
value stated, per sentence stating it), as JSONL or CSV, for pandas and spreadsheets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TextIO

from storyline.export.rows import CLAIM_COLUMNS, COUNT_ROLES, EVENT_COLUMNS, Column, Row, claim_rows, event_rows
from storyline.export.writers import WRITERS, csv_safe, write_csv, write_jsonl
from storyline.review.apply import with_review_rows

if TYPE_CHECKING:
    from storyline.engine.ledger import Ledger

ExportTable = Literal["events", "claims"]
ExportFormat = Literal["jsonl", "csv"]


def export_table(ledger: Ledger, table: ExportTable, format: ExportFormat, stream: TextIO) -> int:
    """Write one table of the ledger to ``stream``; returns the number of rows written."""
    articles = {article.article_id: article for article in ledger.store.articles()}
    if table == "events":
        names = {entity.entity_id: entity.name for entity in ledger.store.entities()}
        return WRITERS[format](event_rows(ledger.event_facts(), articles, names), EVENT_COLUMNS, stream)
    rows = with_review_rows(claim_rows(ledger.claims(), articles), ledger.store.view())
    return WRITERS[format](rows, CLAIM_COLUMNS, stream)


__all__ = [
    "CLAIM_COLUMNS",
    "COUNT_ROLES",
    "EVENT_COLUMNS",
    "Column",
    "ExportFormat",
    "ExportTable",
    "Row",
    "claim_rows",
    "csv_safe",
    "event_rows",
    "export_table",
    "write_csv",
    "write_jsonl",
]
