"""Safety performance measures beside the factor: TRC and DART incidence rates.

Rule: experience.md §14.2 — N × 200,000 / hours worked, N from the OSHA 300 log: recordable cases
(columns H + I + J) for TRC, cases with days away or job transfer or restriction (H + I) for DART.
200,000 hours = 100 full-time workers × 40 hours × 50 weeks. Project decision: half-up to 2
decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import CENTS
from retrodesk.rating.worksheet import Worksheet

__all__ = ["IncidenceRates", "incidence_rates"]

BASE_HOURS = Decimal(200_000)
RULE = "29 CFR 1904 (OSHA 300 log); DOSH VPP and START"


@dataclass(frozen=True, slots=True)
class IncidenceRates:
    """Total recordable case rate and days-away-restricted-transferred rate, with the worksheet."""

    trc: Decimal
    dart: Decimal
    worksheet: Worksheet

    def as_dict(self) -> dict[str, object]:
        return {"trc_rate": format(self.trc, "f"), "dart_rate": format(self.dart, "f"),
                "worksheet": self.worksheet.as_list()}


def incidence_rates(*, days_away: int, transfer_or_restriction: int, other_recordable: int,
                    hours: Decimal) -> IncidenceRates:
    """TRC and DART rates from the OSHA 300 log counts and the hours actually worked.

    Raises:
        InvalidInput: a negative count, or hours not above 0.
    """
    counts = {"days_away": days_away, "transfer_or_restriction": transfer_or_restriction,
              "other_recordable": other_recordable}
    problems = [ErrorDetail(name, "must be >= 0") for name, n in counts.items() if n < 0]
    if hours <= 0:
        problems.append(ErrorDetail("hours", "must be > 0"))
    if problems:
        raise InvalidInput.of(problems)
    dart_cases = days_away + transfer_or_restriction
    all_cases = dart_cases + other_recordable
    ws = Worksheet()
    trc = CENTS.apply(all_cases * BASE_HOURS / hours)
    dart = CENTS.apply(dart_cases * BASE_HOURS / hours)
    ws.add("trc_rate", "Total recordable case rate", trc, rule=RULE, rounding=CENTS.name,
           formula=f"({days_away} + {transfer_or_restriction} + {other_recordable}) × 200000 / "
                   f"{hours}")
    ws.add("dart_rate", "Days away, restricted or transferred rate", dart, rule=RULE,
           formula=f"({days_away} + {transfer_or_restriction}) × 200000 / {hours}",
           rounding=CENTS.name)
    return IncidenceRates(trc, dart, ws)
