"""Row layouts of the experience rulebook tables, and reading rows into rulebook versions.

The same code reads the packaged tables (which carry `origin` and `version` columns) and the
official tables an administrator imports (origin `official`, version given with the import). Every
bad cell is reported with its position (`file:row 7:column rate`, as rules.tabular writes it);
nothing is loaded if any is bad.
Layouts are documented in docs/rule-tables.md ("Experience rating and premium").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple, cast

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import to_decimal
from retrodesk.rules.experience.book import Fund
from retrodesk.rules.model import Origin

__all__ = [
    "KINDS",
    "PARAMETER_NAMES",
    "Entry",
    "Layout",
    "Row",
    "read_rows",
]

# Scalar parameters by name (rows of the `parameters` kind), with the rule each applies.
PARAMETER_NAMES: dict[str, str] = {
    "split_point": "WAC 296-17-875",
    "max_claim_value": "WAC 296-17-875",
    "medical_only_deduction": "WAC 296-17-870",
    "average_death_value": "WAC 296-17-870",
    "limitation_max_change": "WAC 296-17-865",
    "limitation_exception_prior": "WAC 296-17-865",
    "limitation_exception_factor": "WAC 296-17-865",
}


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns one kind of table has (besides the optional `origin` and `version`)."""

    kind: str
    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()


KINDS: dict[str, Layout] = {
    layout.kind: layout
    for layout in (
        Layout("parameters", ("rating_year", "parameter", "value")),
        Layout("credibility", ("rating_year", "expected_losses_from", "primary", "excess")),
        Layout("claim_free_max", ("rating_year", "expected_losses_from", "maximum")),
        Layout("expected_loss_rates", ("rating_year", "risk_class", "fiscal_year", "rate")),
        Layout("primary_ratios", ("rating_year", "risk_class", "ratio")),
        Layout("base_rates", ("rating_year", "risk_class"), tuple(f.value for f in Fund)),
        Layout("exclusions", ("rating_year", "reason")),
    )
}


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: where it is (`file:row 7`) and its cells by column name."""

    position: str
    cells: Mapping[str, str]


class Entry(NamedTuple):
    """One value read from a row: which rulebook field, which key, which year, with provenance."""

    target: str
    key: object
    rating_year: int
    value: object
    origin: Origin
    version: str


def normalize_class(code: str) -> str:
    """`4904` → `4904-00`: a class without its two-digit subclass is subclass 00 (WAC 296-17A)."""
    code = code.strip()
    return f"{code}-00" if len(code) == 4 and code.isdigit() else code


class _Reader:
    """Reads the cells of one row, recording each bad cell with its position."""

    def __init__(self, row: Row, problems: list[ErrorDetail]) -> None:
        self.row = row
        self.problems = problems
        self.ok = True

    def bad(self, column: str, message: str) -> None:
        self.ok = False
        self.problems.append(ErrorDetail(f"{self.row.position}:column {column}", message))

    def text(self, column: str) -> str:
        value = (self.row.cells.get(column) or "").strip()
        if not value:
            self.bad(column, "is required")
        return value

    def number(self, column: str, *, whole: bool = False) -> Decimal:
        raw = self.text(column)
        if not raw:
            return Decimal(0)
        try:
            value = Decimal(raw)  # the common case, fast; to_decimal reads "$1,510" and explains
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            try:
                value = to_decimal(raw)
            except ValueError as exc:
                self.bad(column, str(exc))
                return Decimal(0)
        if value < 0:
            self.bad(column, "must be >= 0")
        if whole and value != value.to_integral_value():
            self.bad(column, "must be a whole number")
        return value


def _entries(reader: _Reader, kind: str, year: int) -> list[tuple[str, object, object]]:
    """(target, key, value) triples of one row of `kind`."""
    if kind == "parameters":
        name = reader.text("parameter")
        if name and name not in PARAMETER_NAMES:
            reader.bad("parameter", f"{name!r} is not one of {', '.join(PARAMETER_NAMES)}")
        return [("parameter", name, reader.number("value"))]
    if kind in ("credibility", "claim_free_max"):
        values = ("primary", "excess") if kind == "credibility" else ("maximum",)
        band = (reader.number("expected_losses_from"), tuple(reader.number(c) for c in values))
        return [(kind, None, band)]
    if kind == "exclusions":
        return [(kind, None, reader.text("reason"))]
    risk_class = normalize_class(reader.text("risk_class"))
    if kind == "expected_loss_rates":
        fiscal = int(reader.number("fiscal_year", whole=True))
        return [(kind, (risk_class, fiscal), reader.number("rate"))]
    if kind == "primary_ratios":
        return [(kind, risk_class, reader.number("ratio"))]
    return [
        (kind, (risk_class, fund), reader.number(fund.value))
        for fund in Fund
        if (reader.row.cells.get(fund.value) or "").strip()
    ]


_ORIGINS = {Origin.OFFICIAL.value: Origin.OFFICIAL, Origin.ILLUSTRATIVE.value: Origin.ILLUSTRATIVE}


def _provenance(reader: _Reader, default: tuple[Origin, str] | None) -> tuple[Origin, str]:
    if default is not None:
        return default
    origin = _ORIGINS.get(reader.text("origin"))
    if origin is None:
        reader.bad("origin", "must be official or illustrative")
        return Origin.ILLUSTRATIVE, ""
    return origin, reader.text("version")


def _identity(entry: Entry) -> tuple[object, ...]:
    """What may appear once per rating year: a key, a band's lower bound, an exclusion reason."""
    if entry.target in ("credibility", "claim_free_max"):
        return entry.target, entry.rating_year, cast(tuple[Decimal, object], entry.value)[0]
    if entry.target == "exclusions":
        return entry.target, entry.rating_year, entry.value
    return entry.target, entry.rating_year, entry.key, entry.origin


def read_rows(
    kind: str,
    rows: Iterable[Row],
    *,
    provenance: tuple[Origin, str] | None = None,
) -> list[Entry]:
    """Every value in `rows` of one kind; `provenance` None means read the origin/version columns.

    Raises:
        InvalidInput: an unknown kind, bad cells or a value given twice for one rating year (every
            problem, with `file:row 7:column rate`).
    """
    if kind not in KINDS:
        raise InvalidInput(f"unknown experience table kind {kind!r}; one of {', '.join(KINDS)}")
    problems: list[ErrorDetail] = []
    found: list[Entry] = []
    seen: dict[tuple[object, ...], str] = {}
    for row in rows:
        reader = _Reader(row, problems)
        year = int(reader.number("rating_year", whole=True))
        if reader.ok and not 1900 < year < 2200:
            reader.bad("rating_year", "must be a year such as 2024")
        triples = _entries(reader, kind, year)
        origin, version = _provenance(reader, provenance)
        if not reader.ok:
            continue
        for entry in (Entry(t, k, year, v, origin, version) for t, k, v in triples):
            first = seen.setdefault(_identity(entry), row.position)
            if first != row.position:
                problems.append(
                    ErrorDetail(row.position, f"repeats {first} for rating year {year}")
                )
            found.append(entry)
    if problems:
        raise InvalidInput.of(problems)
    return found
