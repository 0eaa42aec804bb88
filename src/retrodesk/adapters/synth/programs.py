"""Synthetic retro programs: associations, their groups and members, and individual accounts.

Groups form only where an association's members share an industry category, and only when the
members' standard premium of the four quarters before entry is at least $1,500,000
(WAC 296-17B-220). At least half the original members have paid dues for a year before entry.
Every plan election passes the plan-option rules (retrodesk.rating.retro.validate_plan, V1–V7).
Commonly owned employers are left out of retro, so the common-ownership rule always holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from random import Random
from typing import Any

from retrodesk.adapters.synth.employers import EmployerProfile, Window, account_id
from retrodesk.kernel.periods import add_months
from retrodesk.rating.retro.plan_options import validate_plan

__all__ = ["BookFacts", "ProgramPlan", "plan_programs"]

GROUP_ENTRY_PREMIUM = 150_000_000  # cents: WAC 296-17B-220, $1,500,000
INDIVIDUAL_PREMIUM = 6_000_000  # cents: accounts above $60,000 a year consider individual retro
LIMITS = (120_000, 160_000, 250_000, 275_000, 380_000, 500_000, 550_000, 800_000, 1_000_000)
_CATEGORY_NAMES = {"a": "Agricultural", "b": "Automotive", "c": "Building", "d": "Food",
                   "e": "Facilities", "f": "Public Service", "g": "Health Care", "h": "Timber",
                   "i": "Manufacturers", "j": "Retail", "k": "Staffing", "l": "Transportation"}
_TITLES = ("Owner", "President", "Chief Financial Officer", "Managing Member", "Partner")
_SIGNERS = ("A. Nguyen", "B. Olsen", "C. Ramirez", "D. Kim", "E. Johansson", "F. Patel",
            "G. Whitehorse", "H. Larsen", "J. Chen", "K. Martinez")


@dataclass(slots=True)
class BookFacts:
    """What the reports pass learns of each employer (compact arrays, bounded memory)."""

    employers: int
    years: int
    category: bytearray = field(init=False)
    governing: list[str] = field(init=False)
    eligible: bytearray = field(init=False)
    premium: list[int] = field(init=False)  # cents, per employer and year of the window

    def __post_init__(self) -> None:
        self.category = bytearray(self.employers)
        self.governing = [""] * self.employers
        self.eligible = bytearray(self.employers)
        self.premium = [0] * (self.employers * self.years)

    def learn(self, index: int, employer: EmployerProfile, reports: list[dict[str, Any]],
              window: Window, *, eligible: bool) -> None:
        """Keep an employer's category, governing class, eligibility and yearly premium."""
        for row in reports:
            months = ((row["quarter_start"].year - window.start.year) * 12
                      + row["quarter_start"].month - window.start.month)
            cents = int((row["accident_fund"] + row["medical_aid"]) * 100)
            self.premium[index * self.years + months // 12] += cents
        self.category[index] = ord(employer.category)
        self.governing[index] = employer.classes[0][0].code
        self.eligible[index] = eligible

    def absorb(self, start: int, part: BookFacts) -> None:
        """Take in what `part` learned of employers `start` onward."""
        stop = start + part.employers
        self.category[start:stop] = part.category
        self.governing[start:stop] = part.governing
        self.eligible[start:stop] = part.eligible
        self.premium[start * self.years:stop * self.years] = part.premium

    def year_premium(self, index: int, year: int) -> int:
        return self.premium[index * self.years + year] if year >= 0 else 0


@dataclass(slots=True)
class ProgramPlan:
    sponsors: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    memberships: list[dict[str, Any]] = field(default_factory=list)
    enrollments: list[dict[str, Any]] = field(default_factory=list)


def coverage_starts(window: Window) -> list[date]:
    """Coverage periods starting on each anniversary after the first year of history."""
    return [add_months(window.start, 12 * k) for k in range(1, window.years + 1)]


def _elections(rng: Random, premium: int, start: date,
               premium_by_class: dict[str, int]) -> dict[str, Any] | None:
    """A plan election that passes every plan-option rule, or None if none was found."""
    dollars = premium // 100
    for _ in range(12):
        limits = [x for x in LIMITS if 2 * x <= dollars]
        limit = rng.choice(limits) if limits and rng.random() < 0.8 else None
        high = Decimal(rng.randrange(80, 161, 5)) / 100
        low = min(Decimal(rng.randrange(0, 61, 5)) / 100, high - Decimal("0.20"))
        plan = {"basis": rng.choice(("premium", "premium", "loss")),
                "single_loss_limit": None if limit is None else str(limit),
                "max_loss_ratio": f"{high:.4f}", "min_loss_ratio": f"{low:.4f}"}
        case = {"coverage_period_start": start.isoformat(), "adjustment": 1, "plan": plan,
                "claims": [], "four_quarter_premium": f"{premium / 100:.2f}",
                "standard_premium": [
                    {"risk_class": c, "accident_fund": f"{v * 0.62 / 100:.2f}",
                     "medical_aid": f"{v * 0.38 / 100:.2f}"} for c, v in premium_by_class.items()]}
        if validate_plan(case).is_valid:
            return {"plan_basis": plan["basis"], "single_loss_limit": limit and Decimal(limit),
                    "max_loss_ratio": high.quantize(Decimal("0.0001")),
                    "min_loss_ratio": low.quantize(Decimal("0.0001"))}
    return None


def _signed(rng: Random, deadline: date) -> dict[str, Any]:
    return {"application_received": deadline - timedelta(days=rng.randint(3, 40)),
            "signer_name": rng.choice(_SIGNERS), "signer_title": rng.choice(_TITLES)}


def _pools(facts: BookFacts, rng: Random) -> dict[str, list[int]]:
    pools: dict[str, list[int]] = {}
    for index in range(facts.employers):
        if facts.eligible[index]:
            pools.setdefault(chr(facts.category[index]), []).append(index)
    for members in pools.values():
        rng.shuffle(members)
    return pools


def _take_group(pool: list[int], facts: BookFacts, year: int, target: int) -> list[int] | None:
    """Members from the end of the pool until their premium reaches `target` (else None)."""
    members, total = [], 0
    for index in reversed(pool):
        if total >= target:
            break
        if facts.year_premium(index, year) > 0:
            members.append(index)
            total += facts.year_premium(index, year)
    if total < target:
        return None
    taken = set(members)
    pool[:] = [i for i in pool if i not in taken]
    return members


def plan_programs(seed: int, facts: BookFacts, window: Window) -> ProgramPlan:
    """Sponsors with members, retro groups with plan years, and individual retro accounts."""
    rng = Random(seed * 7_919 + 17)  # noqa: S311 - a reproducible simulation
    plan = ProgramPlan()
    starts = coverage_starts(window)
    pools = _pools(facts, rng)
    wanted = max(1, facts.employers // 125)
    categories = sorted(pools)
    number = 0
    while number < wanted and categories:
        category = rng.choice(categories)
        first = rng.choice(range(len(starts))) if rng.random() < 0.2 else 0
        target = int(GROUP_ENTRY_PREMIUM * rng.uniform(1.02, 1.3))
        members = _take_group(pools[category], facts, first, target)
        if members is None:
            categories.remove(category)
            continue
        number += 1
        _add_group(plan, rng, number, category, members, starts[first:], facts, pools)
    for extra in range(number + 1, number + 1 + wanted // 2):
        category = rng.choice(sorted(pools)) if pools else "j"
        _add_sponsor(plan, rng, extra, category, starts[0])
        _add_members(plan, rng, f"S{extra:04d}", pools.get(category, [])[-8:], starts[0])
    plan.enrollments.extend(_individuals(rng, facts, pools, starts))
    return plan


def _add_sponsor(plan: ProgramPlan, rng: Random, number: int, category: str, entry: date) -> str:
    sponsor = f"S{number:04d}"
    name = f"{rng.choice(('Washington', 'Northwest', 'Inland', 'Puget Sound'))} " \
           f"{_CATEGORY_NAMES[category]} Association {number}"
    plan.sponsors.append({
        "sponsor_id": sponsor, "name": name, "industry_category": category,
        "founded_on": add_months(entry, -12 * rng.randint(5, 60)),
        "purpose": f"Trade association of {_CATEGORY_NAMES[category].lower()} employers: "
                   "education, advocacy and workplace safety"})
    return sponsor


def _add_members(plan: ProgramPlan, rng: Random, sponsor: str, members: list[int],
                 entry: date) -> None:
    for index in members:
        seasoned = rng.random() < 0.75  # S6: at least half the members for a year before entry
        since = (add_months(entry, -12 * rng.randint(1, 15) - rng.randint(0, 11)) if seasoned
                 else add_months(entry, -rng.randint(1, 11)))
        plan.memberships.append({"sponsor_id": sponsor, "account_id": account_id(index),
                                 "dues_paid_since": since})


def _add_group(plan: ProgramPlan, rng: Random, number: int, category: str, members: list[int],
               starts: list[date], facts: BookFacts, pools: dict[str, list[int]]) -> None:
    sponsor = _add_sponsor(plan, rng, number, category, starts[0])
    group = f"G{number:04d}"
    plan.groups.append({"group_id": group, "sponsor_id": sponsor, "industry_category": category,
                        "name": f"{_CATEGORY_NAMES[category]} Retro Group {number}",
                        "coverage_start": starts[0]})
    pool = pools[category]
    prospects = [pool.pop() for _ in range(min(len(pool), len(members) // 5))]
    _add_members(plan, rng, sponsor, members + prospects, starts[0])
    plan.enrollments.extend(_group_years(rng, group, members, starts, facts))


def _group_years(rng: Random, group: str, members: list[int], starts: list[date],
                 facts: BookFacts) -> Iterator[dict[str, Any]]:
    first_year = facts.years - len(starts)
    for offset, start in enumerate(starts):
        year = first_year + offset  # the four quarters before `start`
        by_class: dict[str, int] = {}
        for index in members:
            code = facts.governing[index]
            by_class[code] = by_class.get(code, 0) + facts.year_premium(index, year)
        total = sum(by_class.values())
        elections = _elections(rng, total, start, by_class)
        if elections is None:
            continue
        deadline = add_months(start, -2 if offset == 0 else -1)
        yield {"account_id": None, "group_id": group, "coverage_start": start,
               "first_quarter": start, "last_quarter": add_months(start, 9), "is_endorsed": False,
               **elections, **_signed(rng, deadline)}
        for index in members:
            joined = add_months(start, 3 * rng.randint(1, 3)) if rng.random() < 0.03 else start
            yield {"account_id": account_id(index), "group_id": group, "coverage_start": start,
                   "first_quarter": joined, "last_quarter": add_months(start, 9),
                   "plan_basis": None, "single_loss_limit": None, "max_loss_ratio": None,
                   "min_loss_ratio": None, "is_endorsed": True,
                   **_signed(rng, add_months(joined, -1) + timedelta(days=14))}


def _individuals(rng: Random, facts: BookFacts, pools: dict[str, list[int]],
                 starts: list[date]) -> Iterator[dict[str, Any]]:
    """About a third of the larger accounts left outside groups enroll individually."""
    first_year = facts.years - len(starts)
    candidates = sorted(i for pool in pools.values() for i in pool)
    for index in candidates:
        if rng.random() >= 0.33:
            continue
        for offset, start in enumerate(starts):
            premium = facts.year_premium(index, first_year + offset)
            if premium < INDIVIDUAL_PREMIUM:
                continue
            elections = _elections(rng, premium, start, {facts.governing[index]: premium})
            if elections is None:
                continue
            yield {"account_id": account_id(index), "group_id": None, "coverage_start": start,
                   "first_quarter": start, "last_quarter": add_months(start, 9),
                   "is_endorsed": False, **elections,
                   **_signed(rng, add_months(start, -1) + timedelta(days=14))}
