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
from retrodesk.rules.packaged import packaged_folder

__all__ = [
    "Lookup",
    "Origin",
    "Parameter",
    "Source",
    "Table",
    "Version",
    "case_source",
    "from_case",
    "packaged_folder",
]
