"""Effective-dated rule parameters and tables, each with its provenance."""

from retrodesk.rules.model import (
    Lookup,
    Origin,
    Parameter,
    Source,
    Table,
    Version,
    case_source,
    from_case,
)

__all__ = [
    "Lookup",
    "Origin",
    "Parameter",
    "Source",
    "Table",
    "Version",
    "case_source",
    "from_case",
]
