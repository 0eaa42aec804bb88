"""The experience worksheet: one line per step of a `Rating`, each with its rule and sources."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from retrodesk.kernel.money import CENTS, DOLLARS, FOUR_PLACES
from retrodesk.rating.experience.claims import RATED, ClaimValue
from retrodesk.rating.experience.expected import ExpectedRow
from retrodesk.rating.experience.factor import Credibility, Rating
from retrodesk.rating.worksheet import Worksheet

__all__ = ["experience_worksheet", "period_label"]

R850, R855, R860, R865, R870, R875, R880, R885 = (
    f"WAC 296-17-{n}" for n in (850, 855, 860, 865, 870, 875, 880, 885)
)


def period_label(fiscal_years: tuple[int, int, int]) -> str:
    """`FY2020–FY2022 (2019-07-01 to 2022-06-30)`. Rule: WAC 296-17-850 (experience period)."""
    first, _, last = fiscal_years
    return f"FY{first}–FY{last} ({first - 1}-07-01 to {last}-06-30)"


def _exposure_lines(ws: Worksheet, row: ExpectedRow) -> None:
    key = f"{row.risk_class} FY{row.fiscal_year}"
    ws.add(f"expected[{row.risk_class}][{row.fiscal_year}]", f"Expected losses, {key}",
           row.expected, formula=f"round2({row.hours} × {row.rate})", rule=R885,
           rounding=CENTS.name, sources=row.sources[:1],
           inputs={"hours": row.hours, "expected_loss_rate": row.rate,
                   "unrounded": row.hours * row.rate})
    ws.add(f"expected_primary[{row.risk_class}][{row.fiscal_year}]", f"Expected primary, {key}",
           row.expected_primary, formula=f"round2({row.expected} × {row.primary_ratio})",
           rule=R885, rounding=CENTS.name, inputs={"primary_ratio": row.primary_ratio},
           sources=row.sources[1:])


def _adjusted_line(ws: Worksheet, value: ClaimValue) -> None:
    claim = value.claim
    if value.status != RATED:
        ws.add(f"claim[{claim.id}]", f"Claim {claim.id}: not rated ({value.reason})", Decimal(0),
               formula=f"value {value.value} counts as 0", rule=R870, sources=value.sources,
               inputs={"value": value.value, "status": value.status})
        return
    adjustments = "; ".join(value.steps) or "no adjustment"
    ws.add(f"claim[{claim.id}]", f"Claim {claim.id}: adjusted value L", value.adjusted,
           formula=f"round0({claim.value}: {adjustments})", rule=R870, rounding=DOLLARS.name,
           sources=value.sources,
           inputs={"value": value.value, "injury_date": str(claim.rating_date),
                   "compensable": str(claim.compensable).lower(),
                   "fatal": str(claim.fatal).lower()})


def _split_lines(ws: Worksheet, value: ClaimValue) -> None:
    step, t, adjusted = f"claim[{value.claim.id}]", value.split_point, value.adjusted
    formula = (f"L ≤ T = {t}: all primary" if adjusted <= t
               else f"round0(2.5 × {t} × {adjusted} / ({adjusted} + 1.5 × {t}))")
    ws.add(f"{step}.primary", f"Claim {value.claim.id}: primary", value.primary, formula=formula,
           rule=R875, rounding=DOLLARS.name, sources=value.sources[-1:])
    ws.add(f"{step}.excess", f"Claim {value.claim.id}: excess", value.excess,
           formula=f"{adjusted} − {value.primary}", rule=R875)


def _credibility_lines(ws: Worksheet, rating: Rating, credibility: Credibility) -> None:
    zp, ze, source, band = credibility
    where = f"Table II at E = {rating.expected.total}: {band}"
    ws.add("primary_credibility", "Primary credibility Zp", zp, formula=where, rule=R880,
           sources=[source])
    ws.add("excess_credibility", "Excess credibility Ze", ze, formula=where, rule=R880,
           sources=[source])


def _factor_lines(ws: Worksheet, rating: Rating) -> None:
    e, credible = rating.expected, rating.credible
    if rating.credibility is None or credible is None:
        ws.add("computed_factor", "Computed factor", rating.computed, formula=rating.reason,
               rule=R850)
        return
    _credibility_lines(ws, rating, rating.credibility)
    zp, ze = rating.credibility[:2]
    ws.add("credible_primary", "Credible primary losses", credible.primary, rule=R855,
           formula=f"{zp} × {rating.actual_primary} + (1 − {zp}) × {e.primary}",
           inputs={"shown": CENTS.apply(credible.primary)})
    ws.add("credible_excess", "Credible excess losses", credible.excess, rule=R855,
           formula=f"{ze} × {rating.actual_excess} + (1 − {ze}) × {e.excess}",
           inputs={"shown": CENTS.apply(credible.excess)})
    ws.add("computed_factor", "Computed factor", rating.computed, rule=R855,
           formula=f"round4(({credible.primary} + {credible.excess}) / {e.total})",
           rounding=FOUR_PLACES.name, inputs={"unrounded": credible.total / e.total})


def _cap_line(ws: Worksheet, rating: Rating) -> None:
    if rating.claim_free_max is not None:
        maximum, source = rating.claim_free_max
        ws.add("claim_free_max", "Claim-free maximum (no compensable claim)", maximum,
               formula=f"Table IV at E = {rating.expected.total}", rule="WAC 296-17-890",
               sources=[source])
        ws.add("capped_factor", "Factor after the claim-free cap", rating.capped,
               formula=f"min({rating.computed}, {maximum})", rule=R860)
    elif rating.credible is not None:
        ws.add("capped_factor", "Factor (a compensable claim: no claim-free cap)", rating.capped,
               rule=R860)


def _limitation_line(ws: Worksheet, rating: Rating) -> None:
    lim, prior = rating.limited, rating.prior
    if prior is None:
        formula = "no prior factor: no limitation"
    elif lim.low is None:
        formula = f"prior {prior} > 1.3333 and factor {rating.capped} < 1.0000: 1.0000"
    else:
        formula = f"bounds {lim.low}–{lim.high} (round4(0.75 × {prior}), round4(1.25 × {prior}))"
    ws.add("experience_factor", "Experience factor", lim.factor,
           formula=f"{lim.applied}: {formula}", rule=R865,
           sources=[rating.limitation_source] if rating.limitation_source else (),
           inputs={"prior_factor": prior, "limitation": lim.applied})


def _totals(ws: Worksheet, rating: Rating) -> None:
    e = rating.expected
    ws.add("expected_losses", "Expected losses E", e.total, formula="Σ expected", rule=R885)
    ws.add("expected_primary", "Expected primary Ep", e.primary, formula="Σ expected primary",
           rule=R885)
    ws.add("expected_excess", "Expected excess Ee", e.excess, formula=f"{e.total} − {e.primary}",
           rule=R885)


def experience_worksheet(rating: Rating, valuation_date: date | None = None) -> Worksheet:
    """Every step, in the bureau's order: expected, actual, credibility, cap, limitation."""
    ws = Worksheet()
    ws.add("experience_period", "Experience period", period_label(rating.fiscal_years), rule=R850,
           inputs={"rating_year": rating.rating_year})
    if valuation_date is not None:
        ws.add("valuation_date", "Claims valued as of", str(valuation_date), rule=R870,
               formula="paid and reserves as supplied; no development (experience.md §3.2)")
    for row in rating.expected.rows:
        _exposure_lines(ws, row)
    _totals(ws, rating)
    for value in rating.claims:
        _adjusted_line(ws, value)
        if value.status == RATED:
            _split_lines(ws, value)
    ws.add("actual_primary", "Actual primary Ap", rating.actual_primary, formula="Σ claim primary",
           rule=R875)
    ws.add("actual_excess", "Actual excess Ae", rating.actual_excess, formula="Σ claim excess",
           rule=R875)
    _factor_lines(ws, rating)
    _cap_line(ws, rating)
    _limitation_line(ws, rating)
    return ws
