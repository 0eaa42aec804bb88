"""Why the factor moved from last year: the change split into parts that add up exactly.

The project's own explanation (not an L&I rule). From last year's rating to this year's, one input
is switched at a time and the factor (after the claim-free cap, before the limitation) recomputed;
each part is the difference between consecutive steps, so the parts telescope to the change:

1. rating parameters — last year's losses under this year's Tables I, II, IV, deduction and death
   value;
2. hours — this year's hours; class-years also rated last year keep last year's rates, new ones
   (the fiscal year entering the window, a new class) take this year's;
3. expected loss rates — this year's Table III for every class-year;
4. claims leaving — claims rated last year and not this year;
5. claims entering — claims rated this year and not last year;
6. reserve changes — claims rated in both years at this year's valuation;
7. limitation — the change in what the annual limitation and its exception did.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail, InvalidInput
from retrodesk.kernel.money import factor_text
from retrodesk.rating.experience.api import rulebook_or_packaged
from retrodesk.rating.experience.claims import RATED, ClaimValue, value_claim
from retrodesk.rating.experience.expected import Expected, price_rows
from retrodesk.rating.experience.factor import Rating, combine, rate_case, terms_for
from retrodesk.rating.experience.inputs import ExperienceCase
from retrodesk.rating.experience.terms import Terms
from retrodesk.rating.worksheet import Worksheet
from retrodesk.rules.experience.book import ExperienceRulebook

__all__ = ["Attribution", "Part", "attribute_change"]


@dataclass(frozen=True, slots=True)
class Part:
    """One reason for the change: its name, a label, the factor points and the claims involved."""

    name: str
    label: str
    points: Decimal
    claims: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "label": self.label,
            "points": factor_text(self.points),
            "claims": list(self.claims),
        }


@dataclass(frozen=True, slots=True)
class Attribution:
    """Last year's and this year's ratings and the parts of the change between them."""

    previous: Rating
    current: Rating
    parts: tuple[Part, ...]
    worksheet: Worksheet

    @property
    def change(self) -> Decimal:
        return self.current.factor - self.previous.factor

    def as_dict(self) -> dict[str, object]:
        return {
            "previous_year": self.previous.rating_year,
            "rating_year": self.current.rating_year,
            "previous_factor": factor_text(self.previous.factor),
            "experience_factor": factor_text(self.current.factor),
            "change": factor_text(self.change),
            "parts": [p.as_dict() for p in self.parts],
            **self.worksheet.as_dict(),
        }


def _rated(rating: Rating) -> dict[str, ClaimValue]:
    return {c.claim.id: c for c in rating.claims if c.status == RATED}


def _hours_step(previous: Rating, current: Rating) -> Expected:
    """This year's hours; last year's Table III for class-years rated last year too."""
    before = {(r.risk_class, r.fiscal_year): r for r in previous.expected.rows}
    rates = {}
    for row in current.expected.rows:
        key = (row.risk_class, row.fiscal_year)
        source = before.get(key, row)
        rates[key] = (source.rate, source.primary_ratio, source.sources)
    return price_rows(
        {(r.risk_class, r.fiscal_year): r.hours for r in current.expected.rows}, rates
    )


Step = tuple[str, str, Decimal, tuple[str, ...]]


LABELS = {
    "rating_parameters": "Rating parameters (Tables I, II, IV, deduction, death value)",
    "hours": "Hours (fiscal year in and out of the window, hours reported)",
    "expected_loss_rates": "Expected loss rates (Table III)",
    "claims_leaving": "Claims leaving the window",
    "claims_entering": "Claims entering the window",
    "reserve_changes": "Paid and reserve changes on claims in both windows",
    "limitation": "Annual limitation",
}


def _steps(previous: Rating, current: Rating, terms: Terms) -> list[Step]:
    """(name, label, capped factor after the step, claims involved) for steps 1–6."""
    old, new = _rated(previous), _rated(current)
    leaving = tuple(sorted(set(old) - set(new)))
    entering = tuple(sorted(set(new) - set(old)))
    revalued = {i: value_claim(c.claim, terms, previous.fiscal_years) for i, c in old.items()}
    everything = list(revalued.values())
    kept = [revalued[i] for i in sorted(revalued) if i not in leaving]

    def capped(expected: Expected, claims: list[ClaimValue]) -> Decimal:
        return combine(expected, tuple(claims), terms, None, current.fiscal_years).capped

    reached = [
        ("rating_parameters", capped(previous.expected, everything), ()),
        ("hours", capped(_hours_step(previous, current), everything), ()),
        ("expected_loss_rates", capped(current.expected, everything), ()),
        ("claims_leaving", capped(current.expected, kept), leaving),
        ("claims_entering", capped(current.expected, kept + [new[i] for i in entering]), entering),
        ("reserve_changes", current.capped, tuple(sorted(set(old) & set(new)))),
    ]
    return [(name, LABELS[name], level, claims) for name, level, claims in reached]


def attribute_change(previous: ExperienceCase, current: ExperienceCase, *,
                     rulebook: ExperienceRulebook | None = None) -> Attribution:
    """Split `factor(current) − factor(previous)` into parts that add up exactly.

    Raises:
        InvalidInput: the previous case is not the rating year before the current one.
    """
    if previous.rating_year != current.rating_year - 1:
        message = f"the previous case must be rating year {current.rating_year - 1}"
        raise InvalidInput(message, [ErrorDetail("previous.rating_year", message)])
    book = rulebook_or_packaged(rulebook)
    before, after = rate_case(previous, book), rate_case(current, book)
    ws = Worksheet()
    ws.add("previous_factor", f"Factor {before.rating_year}", before.factor)
    ws.add("previous_capped", f"Factor {before.rating_year} before the limitation", before.capped)
    parts = []
    level = before.capped
    for name, label, reached, claims in _steps(before, after, terms_for(current, book)):
        parts.append(Part(name, label, reached - level, claims))
        ws.add(f"part[{name}]", label, reached - level, formula=f"{reached} − {level}",
               inputs={"claims": ", ".join(claims)} if claims else None)
        level = reached
    limitation = (after.factor - after.capped) - (before.factor - before.capped)
    parts.append(Part("limitation", LABELS["limitation"], limitation))
    ws.add("part[limitation]", LABELS["limitation"], limitation, rule="WAC 296-17-865",
           formula=f"({after.factor} − {after.capped}) − ({before.factor} − {before.capped})")
    ws.add("change", "Change in the factor", after.factor - before.factor,
           formula=f"{after.factor} − {before.factor} = Σ parts")
    return Attribution(before, after, tuple(parts), ws)
