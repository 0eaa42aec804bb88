"""The experience worksheet as text, in the familiar bureau layout (classes, claims, formula)."""

from __future__ import annotations

from decimal import Decimal

from retrodesk.kernel.money import CENTS, factor_text, format_money
from retrodesk.rating.experience.claims import RATED, ClaimValue
from retrodesk.rating.experience.factor import Rating
from retrodesk.rating.experience.result import ExperienceResult
from retrodesk.rating.experience.sheet import period_label
from retrodesk.rating.text import heading, sources_footer

__all__ = ["render_text"]


def _n(value: Decimal) -> str:
    return format_money(value)


def _kind(value: ClaimValue) -> str:
    if value.claim.fatal:
        return "fatal"
    return "compensable" if value.claim.compensable else "medical-only"


def _expected(rating: Rating) -> list[str]:
    lines = [
        "EXPECTED LOSSES (Table III, WAC 296-17-885)",
        f"{'Class':<9}{'FY':>6}{'Hours':>14}{'ELR':>10}{'Expected':>14}{'Prim. ratio':>13}"
        f"{'Exp. primary':>14}",
    ]
    for row in rating.expected.rows:
        lines.append(
            f"{row.risk_class:<9}{row.fiscal_year:>6}{_n(row.hours):>14}{row.rate!s:>10}"
            f"{_n(row.expected):>14}{row.primary_ratio!s:>13}{_n(row.expected_primary):>14}"
        )
    e = rating.expected
    lines.append(
        f"{'Total':<9}{'':>6}{_n(sum((r.hours for r in e.rows), Decimal(0))):>14}{'':>10}"
        f"{_n(e.total):>14}{'':>13}{_n(e.primary):>14}"
    )
    lines.append(f"Expected excess Ee = {_n(e.total)} − {_n(e.primary)} = {_n(e.excess)}")
    return lines


def _claims(rating: Rating) -> list[str]:
    lines = ["", "ACTUAL LOSSES (WAC 296-17-870; Table I, WAC 296-17-875)"]
    if not rating.claims:
        return [*lines, "No claims."]
    lines.append(
        f"{'Claim':<12}{'Date':<12}{'Type':<14}{'Value':>13}{'Adjusted':>11}{'Primary':>10}"
        f"{'Excess':>10}  Note"
    )
    for v in rating.claims:
        note = "; ".join(v.steps) if v.status == RATED else f"not rated: {v.reason}"
        lines.append(
            f"{v.claim.id:<12}{v.claim.rating_date!s:<12}{_kind(v):<14}{_n(v.value):>13}"
            f"{v.adjusted:>11,}{v.primary:>10,}{v.excess:>10,}  {note}"
        )
    lines.append(f"{'Total':<51}{'':>11}{rating.actual_primary:>10,}{rating.actual_excess:>10,}")
    return lines


def _formula(rating: Rating) -> list[str]:
    lines = ["", "EXPERIENCE FACTOR (WAC 296-17-855; Table II, WAC 296-17-880)"]
    e = rating.expected
    if rating.credibility is None or rating.credible is None:
        return [*lines, f"{rating.reason}: factor {factor_text(rating.computed)}"]
    zp, ze, _, band = rating.credibility
    c = rating.credible
    lines += [
        f"Zp = {zp}, Ze = {ze}  (Table II at E = {_n(e.total)}; {band})",
        f"Credible primary = {zp} × {_n(rating.actual_primary)} + {1 - zp} × {_n(e.primary)}"
        f" = {_n(CENTS.apply(c.primary))}",
        f"Credible excess  = {ze} × {_n(rating.actual_excess)} + {1 - ze} × {_n(e.excess)}"
        f" = {_n(CENTS.apply(c.excess))}",
        f"Computed factor  = ({_n(CENTS.apply(c.primary))} + {_n(CENTS.apply(c.excess))}) / "
        f"{_n(e.total)} = {factor_text(c.factor)}",
    ]
    if rating.claim_free_max is not None:
        lines.append(
            f"Claim-free (no compensable claim): Table IV maximum "
            f"{factor_text(rating.claim_free_max[0])} → {factor_text(rating.capped)}"
        )
    else:
        lines.append("A compensable claim in the period: no claim-free cap")
    return lines


def _limitation(rating: Rating) -> list[str]:
    lim = rating.limited
    if rating.prior is None:
        text = "no prior factor: none"
    elif lim.low is None:
        text = f"prior {factor_text(rating.prior)} above 1.3333 and factor below 1.0000: 1.0000"
    else:
        text = (
            f"prior {factor_text(rating.prior)}, bounds {factor_text(lim.low)}–"
            f"{factor_text(lim.high or lim.low)}: {lim.applied}"
        )
    return [
        f"Limitation (WAC 296-17-865): {text}",
        "",
        f"EXPERIENCE FACTOR {rating.rating_year}: {factor_text(rating.factor)}",
    ]


def render_text(result: ExperienceResult) -> str:
    """The worksheet for a person: classes, claims, the formula with numbers, the sources."""
    rating = result.rating
    lines = heading(f"EXPERIENCE RATING WORKSHEET — rating year {rating.rating_year}",
                    result.employer)
    lines.append(f"Experience period: {period_label(rating.fiscal_years)}")
    if result.valuation_date is not None:
        lines.append(f"Claims valued as of {result.valuation_date}")
    lines.append("")
    lines += _expected(rating) + _claims(rating) + _formula(rating) + _limitation(rating)
    lines += sources_footer(result.worksheet.provenance,
                            "computed with tables that are not official")
    return "\n".join(lines)
