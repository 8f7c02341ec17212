"""Dataclass records to JSON and back, through msgspec.

The store keeps each record as one JSON document. msgspec encodes dataclasses directly and decodes JSON
into the typed records (nested ones included: a Fact's Evidence, an Article's Paragraphs) from the type
hints of records.py, so no per-record serialiser can drift from the records, and it is several times
faster than ``dataclasses.asdict`` + ``json``, which was a tenth of a build's time.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

import msgspec

T = TypeVar("T")

_ENCODER = msgspec.json.Encoder(order="deterministic")  # dict keys sorted: equal records, equal bytes


def to_json(record: Any) -> str:
    return _ENCODER.encode(record).decode("utf-8")


def to_dict(record: Any) -> dict[str, Any]:
    """The record as plain JSON-compatible values (what ``from_dict`` reads back)."""
    return msgspec.to_builtins(record, order="deterministic")


def from_json(cls: type[T], text: str | bytes) -> T:
    return _decoder(cls).decode(text)


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record (nested records included) from ``to_dict`` output."""
    return msgspec.convert(data, type=cls)


@cache
def _decoder(cls: type) -> msgspec.json.Decoder:
    return msgspec.json.Decoder(cls)
