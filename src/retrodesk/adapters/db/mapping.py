"""Conversions between persistence records and the plain values of programs/records.py."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from retrodesk.programs.records import ParticipantKind, Role

__all__ = ["to_record_values", "to_value"]

V = TypeVar("V")
_ENUMS: dict[str, Any] = {"participant_kind": ParticipantKind, "role": Role}


def to_value(cls: type[V], record: object) -> V:
    """A frozen value from a record (or a row mapping) with the same field names."""
    get: Any = record.__getitem__ if isinstance(record, dict) else record.__getattribute__
    values = {}
    for f in fields(cls):  # type: ignore[arg-type]
        value = get(f.name)
        values[f.name] = _ENUMS[f.name](value) if f.name in _ENUMS and value is not None else value
    return cls(**values)


def to_record_values(value: object) -> dict[str, Any]:
    """The record columns of a value; enums stored by their value."""
    result = {}
    for f in fields(value):  # type: ignore[arg-type]
        item = getattr(value, f.name)
        result[f.name] = item.value if f.name in _ENUMS and item is not None else item
    return result
