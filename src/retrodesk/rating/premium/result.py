"""The premium result: class lines, totals, worksheet and provenance, and its text form."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from retrodesk.kernel.money import CENTS, FOUR_PLACES, factor_text, format_money, money_text
from retrodesk.rating.premium.compute import ClassPremium, Premium
from retrodesk.rating.text import heading, sources_footer
from retrodesk.rating.worksheet import Worksheet
from retrodesk.rules.experience.book import Fund

__all__ = ["PremiumResult", "premium_worksheet", "render_text"]

RULE = "WAC 296-17-895"


def _lines(ws: Worksheet, ef: Decimal, line: ClassPremium) -> None:
    c, r = line.risk_class, line.rates
    ws.add(f"rate[{c}]", f"Rate per hour, {c}", line.rate, rule=RULE, rounding=FOUR_PLACES.name,
           formula=f"round4({ef} × ({r[Fund.AF]} + {r[Fund.MA]} + {r[Fund.SAW]})) + {r[Fund.SP]}",
           inputs={f.value: r[f] for f in Fund}, sources=line.sources)
    hours: dict[str, Decimal | str] = {"hours": line.hours}
    if line.assumed_hours:
        hours["assumed_hours"] = line.assumed_hours  # 160 a month (WAC 296-17-31021; §2.5)
    ws.add(f"premium[{c}]", f"Premium, {c}", line.premium, rule=RULE, rounding=CENTS.name,
           formula=f"round2({line.hours} × {line.rate})", inputs=hours)
    ws.add(f"worker_rate[{c}]", f"Worker rate per hour, {c}", line.worker_rate,
           rule="RCW 51.16.140",
           formula=f"round4({r[Fund.MA]} × {ef})/2 + round4({r[Fund.SAW]} × {ef})/2 + "
                   f"{r[Fund.SP]}/2")
    ws.add(f"worker_share[{c}]", f"Worker share, {c}", line.worker_share, rule="RCW 51.16.140",
           formula=f"round2({line.hours} × {line.worker_rate})", rounding=CENTS.name)


def premium_worksheet(premium: Premium) -> Worksheet:
    """One rate, premium, worker rate and worker share line per class, then the totals."""
    ws = Worksheet()
    ws.add(
        "experience_factor", "Experience factor", premium.experience_factor, rule="WAC 296-17-855"
    )
    for line in premium.classes:
        _lines(ws, premium.experience_factor, line)
    ws.add(
        "premium", "Premium for the quarter", premium.premium, formula="Σ class premium", rule=RULE
    )
    ws.add(
        "worker_share",
        "Worker share",
        premium.worker_share,
        formula="Σ class worker share",
        rule="RCW 51.16.140",
    )
    ws.add(
        "employer_share",
        "Employer share",
        premium.employer_share,
        formula=f"{premium.premium} − {premium.worker_share}",
        rule=RULE,
    )
    return ws


def _class(line: ClassPremium) -> dict[str, object]:
    rates = {f.value: format(line.rates[f], "f") for f in Fund}
    return {
        "risk_class": line.risk_class,
        "hours": format(line.hours, "f"),
        "assumed_hours": format(line.assumed_hours, "f"),
        **rates,
        "rate": format(line.rate, "f"),
        "premium": money_text(line.premium),
        "worker_rate": format(line.worker_rate, "f"),
        "worker_share": money_text(line.worker_share),
        "employer_share": money_text(line.employer_share),
    }


@dataclass(frozen=True, slots=True)
class PremiumResult:
    """A quarter's premium with its worksheet."""

    premium: Premium
    worksheet: Worksheet
    employer: str | None = None
    quarter: str | None = None

    def as_dict(self) -> dict[str, object]:
        p = self.premium
        return {
            "employer": self.employer,
            "quarter": self.quarter,
            "rating_year": p.rating_year,
            "experience_factor": factor_text(p.experience_factor),
            "classes": [_class(line) for line in p.classes],
            "premium": money_text(p.premium),
            "worker_share": money_text(p.worker_share),
            "employer_share": money_text(p.employer_share),
            **self.worksheet.as_dict(),
        }


def render_text(result: PremiumResult) -> str:
    """The premium worksheet for a person, as in L&I's premium-rate examples."""
    p = result.premium
    quarter = f", {result.quarter}" if result.quarter else ""
    out = heading(f"PREMIUM — rating year {p.rating_year}{quarter}", result.employer)
    out += [
        f"Experience factor: {FOUR_PLACES.apply(p.experience_factor)}",
        "",
        f"{'Class':<9}{'Hours':>12}{'AF':>9}{'MA':>9}{'SAW':>9}{'SP':>9}{'Rate':>9}"
        f"{'Premium':>13}{'Worker rate':>13}{'Worker':>11}{'Employer':>11}",
    ]
    for c in p.classes:
        r = c.rates
        out.append(
            f"{c.risk_class:<9}{format_money(c.hours):>12}{r[Fund.AF]!s:>9}{r[Fund.MA]!s:>9}"
            f"{r[Fund.SAW]!s:>9}{r[Fund.SP]!s:>9}{c.rate!s:>9}{format_money(c.premium):>13}"
            f"{c.worker_rate!s:>13}{format_money(c.worker_share):>11}"
            f"{format_money(c.employer_share):>11}"
        )
    out += [
        f"{'Total':<66}{format_money(p.premium):>13}{'':>13}{format_money(p.worker_share):>11}"
        f"{format_money(p.employer_share):>11}",
        "",
        "Rate = round4(EF × (AF + MA + SAW)) + SP; worker rate = round4(MA × EF)/2 + "
        "round4(SAW × EF)/2 + SP/2",
    ]
    out += sources_footer(result.worksheet.provenance, "some base rates are not official")
    return "\n".join(out)
