"""Dataclass records to JSON and back.

The store keeps each record as one JSON document; this converter walks the dataclass type hints so that
nested records (a Fact's Evidence, an Article's Paragraphs) come back as the same typed objects, without a
hand-written (de)serialiser per record that would drift from records.py.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_json(record: Any) -> str:
    return json.dumps(dataclasses.asdict(record), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def from_json(cls: type[T], text: str) -> T:
    return from_dict(cls, json.loads(text))


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record (nested records included) from ``dataclasses.asdict`` output."""
    return _build(cls, data)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(options[0], value) if len(options) == 1 else value
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_build(item, v) for v in value]
    if origin is dict:
        _, item = typing.get_args(tp)
        return {k: _build(item, v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        known = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _build(hints[k], v) for k, v in value.items() if k in known})
    return value
