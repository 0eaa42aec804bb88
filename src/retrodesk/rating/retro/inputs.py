"""Retro case inputs: frozen dataclasses and `parse_case`, reporting every problem with its path.

The JSON shape is the public contract of spec/calc-io.md ("retro"). Additive fields, beyond the
contract's examples:

- claims: `kind` (`injury`, default, or `occupational_disease`), `last_exposure_date` (required for
  an occupational disease: the claim belongs to the period holding that date, WAC 296-17B-510),
  `member` (employer account of a group member), `recovery_reason` (`third_party`,
  `second_injury`, `od_apportionment`; retro.md §4.5).
- standard_premium rows: `member`.
- case: `enrolled_quarters` — a list of quarter start dates for the participant, or an object
  `{member: [dates]}`; a claim whose date falls in a quarter outside them is not assigned
  (WAC 296-17B-200, -510). `four_quarter_premium` — standard premium of the four most recent
  calendar quarters, for the single-loss-limit premium test (WAC 296-17B-300(3)(a)).
  `valuation_date` — overrides the scheduled valuation date (WAC 296-17B-400).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import InvalidInput
from retrodesk.kernel.parsing import Fields
from retrodesk.kernel.periods import quarter_start
from retrodesk.rules.retro.book import EARLIEST_SUPPORTED_START, Basis, FatalityValues, Fund

__all__ = [
    "CLAIM_KINDS",
    "RECOVERY_REASONS",
    "Claim",
    "FactorOverrides",
    "PlanElection",
    "PremiumRow",
    "RetroCase",
    "parse_case",
]

ZERO = Decimal(0)
ONE = Decimal(1)
CLAIM_KINDS = ("injury", "occupational_disease")
RECOVERY_REASONS = ("third_party", "second_injury", "od_apportionment")
# The rule versions a refused early start is governed by (retro.md §1).
LEGACY_START = date(2011, 1, 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanElection:
    """The participant's elections for the coverage period. Rule: WAC 296-17B-300, -100, -240."""

    basis: Basis
    single_loss_limit: Decimal | None          # None: Unlimited
    max_loss_ratio: Decimal
    min_loss_ratio: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class PremiumRow:
    """Standard premium of one risk class (AF + MA), optionally of one group member. Rule: -500."""

    risk_class: str
    accident_fund: Decimal
    medical_aid: Decimal
    hazard_group: int | None = None
    member: str | None = None

    @property
    def total(self) -> Decimal:
        return self.accident_fund + self.medical_aid


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One claim as valued at the adjustment. Rule: WAC 296-17B-510, -530, -540."""

    id: str
    type: str
    status: str                                # open | closed
    af_paid: Decimal
    af_reserve: Decimal
    ma_paid: Decimal
    ma_reserve: Decimal
    occurrence: str | None = None
    kind: str = "injury"
    injury_date: date | None = None
    last_exposure_date: date | None = None
    recovery_factor: Decimal | None = None
    recovery_reason: str | None = None
    excluded: str | None = None
    member: str | None = None

    @property
    def assignment_date(self) -> date | None:
        """Injury date, or for an occupational disease the last injurious exposure (-510)."""
        return self.last_exposure_date if self.kind == "occupational_disease" else self.injury_date

    @property
    def case_incurred_af(self) -> Decimal:
        return self.af_paid if self.status == "closed" else self.af_paid + self.af_reserve

    @property
    def case_incurred_ma(self) -> Decimal:
        return self.ma_paid if self.status == "closed" else self.ma_paid + self.ma_reserve


@dataclass(frozen=True, slots=True, kw_only=True)
class FactorOverrides:
    """What-if values given by the case; each replaces the rulebook's value (origin `case`)."""

    dldf: Mapping[tuple[str, Fund], Decimal] = field(default_factory=dict)
    elr: Mapping[Fund, Decimal] = field(default_factory=dict)
    paf: Decimal | None = None
    premium_admin_expense: Decimal | None = None
    claims_admin_expense: Decimal | None = None
    fatality: FatalityValues | None = None
    hazard_group: int | None = None
    size_group: int | None = None
    insurance_charge: Decimal | None = None
    insurance_savings: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RetroCase:
    """One participant, one coverage period, one adjustment (spec/calc-io.md, retro)."""

    coverage_period_start: date
    adjustment: int
    plan: PlanElection
    standard_premium: tuple[PremiumRow, ...]
    claims: tuple[Claim, ...] = ()
    prior_retro_premium: Decimal | None = None
    factors: FactorOverrides = field(default_factory=FactorOverrides)
    enrolled_quarters: Mapping[str | None, frozenset[date]] | None = None
    four_quarter_premium: Decimal | None = None
    valuation_date: date | None = None


def parse_case(document: object) -> RetroCase:
    """Read a retro case from its JSON document (already decoded).

    Raises:
        InvalidInput: every problem found, each with its path (e.g. `claims[3].af_reserve`).
    """
    if isinstance(document, RetroCase):
        return document
    root = Fields.root(document)
    start = _coverage_start(root)
    adjustment = root.integer("adjustment", choices=(1, 2, 3))
    plan = _plan(root)
    rows = tuple(r for r in (_premium_row(f) for f in root.objects("standard_premium")) if r)
    if not rows and not root.problems.items:
        root.problems.add("standard_premium", "must list at least one risk class")
    claims = _claims(root)
    prior = root.decimal("prior_retro_premium", required=adjustment in (2, 3), minimum=ZERO)
    factors = _factors(root.object("factors"))
    enrolled = _enrolled_quarters(root)
    four_quarters = root.decimal("four_quarter_premium", required=False, minimum=ZERO)
    valuation = root.date("valuation_date", required=False)
    root.problems.raise_if_any()
    if start is None or adjustment is None or plan is None:  # each None recorded a problem above
        raise InvalidInput("the case is incomplete")
    return RetroCase(
        coverage_period_start=start, adjustment=adjustment, plan=plan, standard_premium=rows,
        claims=claims, prior_retro_premium=prior if adjustment > 1 else None, factors=factors,
        enrolled_quarters=enrolled, four_quarter_premium=four_quarters, valuation_date=valuation,
    )


def _coverage_start(root: Fields) -> date | None:
    """Rule: RCW 51.18.010, WAC 296-17B-760 (quarter start); retro.md §1 (supported versions)."""
    start = root.date("coverage_period_start")
    if start is None:
        return None
    if quarter_start(start) != start:
        root.problems.add("coverage_period_start", "must be the first day of a calendar quarter "
                          "(Jan 1, Apr 1, Jul 1 or Oct 1)")
        return None
    if start < EARLIEST_SUPPORTED_START:
        version = ("the legacy plan of WAC 296-17-904xx" if start < LEGACY_START else
                   "chapter 296-17B WAC as adopted by WSR 10-21-086 (before WSR 14-12-051)")
        root.problems.add("coverage_period_start", f"a coverage period starting {start} is "
                          f"governed by {version}, which this engine does not calculate; it "
                          f"calculates coverage periods starting on or after "
                          f"{EARLIEST_SUPPORTED_START}")
        return None
    return start


def _plan(root: Fields) -> PlanElection | None:
    plan = root.object("plan", required=True)
    if plan is None:
        return None
    basis = plan.text("basis", choices=[b.value for b in Basis])
    limit = plan.decimal("single_loss_limit", required=False, minimum=ZERO)
    if limit is not None and limit == ZERO:
        plan.problems.add(plan.at("single_loss_limit"), "must be > 0 (null means Unlimited)")
    high = plan.decimal("max_loss_ratio", minimum=ZERO)
    low = plan.decimal("min_loss_ratio", minimum=ZERO)
    if high is not None and low is not None and low > high:
        plan.problems.add(plan.at("min_loss_ratio"), "must not exceed max_loss_ratio")
    if basis is None or high is None or low is None:
        return None
    return PlanElection(basis=Basis(basis), single_loss_limit=limit, max_loss_ratio=high,
                        min_loss_ratio=low)


def _premium_row(row: Fields) -> PremiumRow | None:
    risk_class = row.text("risk_class")
    af = row.decimal("accident_fund", minimum=ZERO)
    ma = row.decimal("medical_aid", minimum=ZERO)
    hazard_group = row.integer("hazard_group", required=False, choices=range(1, 10))
    member = row.text("member", required=False)
    if risk_class is None or af is None or ma is None:
        return None
    return PremiumRow(risk_class=risk_class, accident_fund=af, medical_aid=ma,
                      hazard_group=hazard_group, member=member)


def _claims(root: Fields) -> tuple[Claim, ...]:
    found: list[Claim] = []
    seen: set[str] = set()
    for item in root.objects("claims", required=False):
        claim = _claim(item)
        if claim is None:
            continue
        if claim.id in seen:
            item.problems.add(item.at("id"), f"duplicate claim id {claim.id!r}")
        seen.add(claim.id)
        found.append(claim)
    return tuple(found)


def _claim(item: Fields) -> Claim | None:
    ident = item.text("id")
    claim_type = item.text("type")
    status = item.text("status", choices=("open", "closed"))
    kind = item.text("kind", required=False, choices=CLAIM_KINDS) or "injury"
    amounts = {name: item.decimal(name, minimum=ZERO)
               for name in ("af_paid", "af_reserve", "ma_paid", "ma_reserve")}
    injury = item.date("injury_date", required=kind == "injury")
    exposure = item.date("last_exposure_date", required=kind == "occupational_disease")
    recovery = item.decimal("recovery_factor", required=False, minimum=ZERO, maximum=ONE)
    reason = item.text("recovery_reason", required=False, choices=RECOVERY_REASONS)
    if ident is None or claim_type is None or status is None or None in amounts.values():
        return None
    return Claim(
        id=ident, type=claim_type, status=status, kind=kind, injury_date=injury,
        last_exposure_date=exposure, occurrence=item.text("occurrence", required=False),
        recovery_factor=recovery, recovery_reason=reason,
        excluded=item.text("excluded", required=False), member=item.text("member", required=False),
        **{name: value for name, value in amounts.items() if value is not None},
    )


def _fund_pair(parent: Fields, name: str) -> dict[Fund, Decimal]:
    pair = parent.object(name)
    if pair is None:
        return {}
    values = {fund: pair.decimal(fund.value, required=False, minimum=ZERO) for fund in Fund}
    return {fund: value for fund, value in values.items() if value is not None}


def _factors(factors: Fields | None) -> FactorOverrides:
    if factors is None:
        return FactorOverrides()
    dldf: dict[tuple[str, Fund], Decimal] = {}
    dldf_fields = factors.object("dldf")
    if dldf_fields is not None:
        for claim_type in dldf_fields.data:
            for fund, value in _fund_pair(dldf_fields, claim_type).items():
                dldf[(claim_type, fund)] = value
    fatality = _fund_pair(factors, "fatality")
    if fatality and len(fatality) < len(Fund):
        factors.problems.add(factors.at("fatality"), "give both af and ma")
    return FactorOverrides(
        dldf=dldf, elr=_fund_pair(factors, "elr"),
        paf=_positive(factors, "paf"),
        premium_admin_expense=factors.decimal("premium_admin_expense", required=False,
                                              minimum=ZERO),
        claims_admin_expense=factors.decimal("claims_admin_expense", required=False,
                                             minimum=ZERO),
        fatality=FatalityValues(af=fatality[Fund.AF], ma=fatality[Fund.MA])
        if len(fatality) == len(Fund) else None,
        hazard_group=factors.integer("hazard_group", required=False, choices=range(1, 10)),
        size_group=factors.integer("size_group", required=False),
        insurance_charge=factors.decimal("insurance_charge", required=False, minimum=ZERO),
        insurance_savings=factors.decimal("insurance_savings", required=False, minimum=ZERO),
    )


def _positive(parent: Fields, name: str) -> Decimal | None:
    value = parent.decimal(name, required=False, minimum=ZERO)
    if value is not None and value == ZERO:
        parent.problems.add(parent.at(name), "must be > 0")
        return None
    return value


def _enrolled_quarters(root: Fields) -> dict[str | None, frozenset[date]] | None:
    raw = root.data.get("enrolled_quarters")
    if raw is None:
        return None
    if isinstance(raw, list):
        return {None: _quarter_dates(root, "enrolled_quarters", raw)}
    if isinstance(raw, Mapping):
        return {str(member): _quarter_dates(root, f"enrolled_quarters.{member}", dates)
                for member, dates in raw.items()}
    root.problems.add("enrolled_quarters", "must be a list of quarter start dates or an object "
                      "{member: [dates]}")
    return None


def _quarter_dates(root: Fields, path: str, raw: object) -> frozenset[date]:
    if not isinstance(raw, list):
        root.problems.add(path, "must be a list of quarter start dates")
        return frozenset()
    found: set[date] = set()
    for index, item in enumerate(raw):
        try:
            day = date.fromisoformat(item) if isinstance(item, str) else None
        except ValueError:
            day = None
        if day is None or quarter_start(day) != day:
            root.problems.add(f"{path}[{index}]", "must be a quarter start date (YYYY-MM-DD)")
        else:
            found.add(day)
    return frozenset(found)
