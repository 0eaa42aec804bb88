"""The experience case: exposure, claims, prior factor and what-if parameters, read from JSON.

Rule: experience.md §3 (experience period), §5 (claim values), spec/calc-io.md (the case). Every
problem in a document is reported with its path; nothing is computed from a bad case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import cast

from retrodesk.kernel.parsing import Fields
from retrodesk.rules.experience.layouts import normalize_class

__all__ = ["Claim", "ExperienceCase", "ExposureRow", "Overrides", "parse_case", "period_years"]

ZERO = Decimal(0)
ONE = Decimal(1)


def period_years(rating_year: int) -> tuple[int, int, int]:
    """The experience period of a rating year: FY(Y−4), FY(Y−3), FY(Y−2) (WAC 296-17-850)."""
    return rating_year - 4, rating_year - 3, rating_year - 2


@dataclass(frozen=True, slots=True)
class ExposureRow:
    """Hours (or other exposure units) one class reported in one fiscal year."""

    risk_class: str
    fiscal_year: int
    hours: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One claim as valued: paid to date and reserve, per fund (AF and MA only count)."""

    id: str
    injury_date: date
    compensable: bool
    fatal: bool = False
    af_paid: Decimal = ZERO
    af_reserve: Decimal = ZERO
    ma_paid: Decimal = ZERO
    ma_reserve: Decimal = ZERO
    apportionment: Decimal | None = None
    excluded: str | None = None
    occupational_disease: bool = False
    received_date: date | None = None
    risk_class: str | None = None

    @property
    def value(self) -> Decimal:
        """AF + MA paid plus reserve (experience.md §5.1)."""
        return self.af_paid + self.ma_paid + self.af_reserve + self.ma_reserve

    @property
    def rating_date(self) -> date:
        """Date of injury; for occupational disease, the date L&I received it (WSR 19-19-067)."""
        if self.occupational_disease and self.received_date is not None:
            return self.received_date
        return self.injury_date


@dataclass(frozen=True, slots=True, kw_only=True)
class Overrides:
    """Parameters given in the case replace the rulebook's for this calculation (origin `case`)."""

    expected_loss_rates: Mapping[str, Mapping[int, Decimal]] = field(default_factory=dict)
    primary_ratios: Mapping[str, Decimal] = field(default_factory=dict)
    split_point: Decimal | None = None
    max_claim_value: Decimal | None = None
    medical_only_deduction: Decimal | None = None
    average_death_value: Decimal | None = None
    credibility: tuple[Decimal, Decimal] | None = None
    claim_free_max: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExperienceCase:
    """One employer, one rating year (spec/calc-io.md, experience)."""

    rating_year: int
    exposure: tuple[ExposureRow, ...] = ()
    claims: tuple[Claim, ...] = ()
    prior_factor: Decimal | None = None
    parameters: Overrides = field(default_factory=Overrides)
    valuation_date: date | None = None
    employer: str | None = None

    @property
    def fiscal_years(self) -> tuple[int, int, int]:
        return period_years(self.rating_year)


def _exposure(fields: Fields, rating_year: int | None) -> ExposureRow | None:
    risk_class = fields.text("risk_class")
    fiscal = fields.integer("fiscal_year")
    hours = fields.decimal("hours", minimum=ZERO)
    if rating_year is not None and fiscal is not None and fiscal not in period_years(rating_year):
        first, _, last = period_years(rating_year)
        fields.problems.add(
            fields.at("fiscal_year"),
            f"FY{fiscal} is outside the experience period "
            f"of rating year {rating_year} (FY{first}–FY{last})",
        )
        return None
    if risk_class is None or fiscal is None or hours is None:
        return None
    return ExposureRow(normalize_class(risk_class), fiscal, hours)


def _claim(fields: Fields) -> Claim | None:
    claim_id = fields.text("id")
    injury = fields.date("injury_date")
    if fields.data.get("compensable") is None:
        fields.problems.add(fields.at("compensable"), "is required: true or false")
    money = {
        name: fields.decimal(name, required=False, minimum=ZERO)
        for name in ("af_paid", "af_reserve", "ma_paid", "ma_reserve")
    }
    apportionment = fields.decimal("apportionment", required=False, maximum=ONE)
    if apportionment is not None and apportionment <= 0:
        fields.problems.add(fields.at("apportionment"), "must be > 0")
    disease = fields.boolean("occupational_disease")
    received = fields.date("received_date", required=disease)
    risk_class = fields.text("risk_class", required=False)
    if claim_id is None or injury is None:
        return None
    return Claim(
        id=claim_id,
        injury_date=injury,
        compensable=fields.boolean("compensable"),
        fatal=fields.boolean("fatal"),
        apportionment=apportionment,
        excluded=fields.text("excluded", required=False),
        occupational_disease=disease,
        received_date=received,
        risk_class=normalize_class(risk_class) if risk_class else None,
        **{name: value or ZERO for name, value in money.items()},
    )


def _rates(fields: Fields | None) -> dict[str, dict[int, Decimal]]:
    rates: dict[str, dict[int, Decimal]] = {}
    if fields is None:
        return rates
    for risk_class, years, year in fields.nested_keys():
        rate = years.decimal(year, minimum=ZERO)
        if not year.isdigit():
            fields.problems.add(years.at(year), 'must be a fiscal year such as "2010"')
        elif rate is not None:
            rates.setdefault(normalize_class(risk_class), {})[int(year)] = rate
    return rates


def _overrides(fields: Fields | None) -> Overrides:
    if fields is None:
        return Overrides()
    ratios_fields = fields.object("primary_ratios")
    ratios = (
        {}
        if ratios_fields is None
        else {
            normalize_class(k): v
            for k in map(str, ratios_fields.data)
            if (v := ratios_fields.decimal(k, minimum=ZERO, maximum=ONE)) is not None
        }
    )
    credibility = fields.object("credibility")
    pair = None
    if credibility is not None:
        zp = credibility.decimal("primary", minimum=ZERO, maximum=ONE)
        ze = credibility.decimal("excess", minimum=ZERO, maximum=ONE)
        pair = (zp, ze) if zp is not None and ze is not None else None
    money = {
        name: fields.decimal(name, required=False, minimum=ZERO)
        for name in (
            "split_point",
            "max_claim_value",
            "medical_only_deduction",
            "average_death_value",
        )
    }
    return Overrides(
        expected_loss_rates=_rates(fields.object("expected_loss_rates")),
        primary_ratios=ratios,
        credibility=pair,
        claim_free_max=fields.decimal("claim_free_max", required=False, minimum=ZERO, maximum=ONE),
        **money,
    )


def _claims(root: Fields) -> list[Claim]:
    """Every claim that reads; a repeated id is a problem at the repeat's own index."""
    claims: list[Claim] = []
    seen: set[str] = set()
    for index, fields in enumerate(root.objects("claims", required=False)):
        claim = _claim(fields)
        if claim is None:
            continue
        if claim.id in seen:
            root.problems.add(f"claims[{index}].id", f"{claim.id!r} appears more than once")
        seen.add(claim.id)
        claims.append(claim)
    return claims


def parse_case(document: object) -> ExperienceCase:
    """Read one experience case (spec/calc-io.md).

    Raises:
        InvalidInput: every problem found, each with its path (e.g. `exposure[2].hours`).
    """
    root = Fields.root(document)
    year = root.integer("rating_year")
    exposure = [
        row for f in root.objects("exposure", required=False) if (row := _exposure(f, year))
    ]
    claims = _claims(root)
    prior = root.decimal("prior_factor", required=False, minimum=ZERO)
    overrides = _overrides(root.object("parameters"))
    valuation = root.date("valuation_date", required=False)
    employer = root.text("employer", required=False)
    root.problems.raise_if_any()
    # A missing or bad rating year was raised above.
    return ExperienceCase(
        rating_year=cast(int, year),
        exposure=tuple(exposure),
        claims=tuple(claims),
        prior_factor=prior,
        parameters=overrides,
        valuation_date=valuation,
        employer=employer,
    )
