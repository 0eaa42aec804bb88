"""Qualification checks: each a pure function returning pass/fail with its rule and evidence.

Rule: programs.md §2–§8 and §13 (WAC 296-17B-100, -210…-280, -710, -730, -770; RCW 51.18.020,
.030). The callers run every check and report every failure, not only the first.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from retrodesk.kernel.errors import ErrorDetail
from retrodesk.kernel.money import format_money
from retrodesk.kernel.periods import add_months
from retrodesk.programs.deadlines import Deadline
from retrodesk.rules.model import Lookup, Origin
from retrodesk.rules.retro.book import SizeGroupRow

__all__ = [
    "GRANDFATHER_DATE",
    "GROUP_MINIMUM_PREMIUM",
    "SIGNER_TITLES",
    "AccountStanding",
    "CheckResult",
    "MemberFacts",
    "SponsorFacts",
    "check_common_ownership",
    "check_deadline",
    "check_dues",
    "check_elections",
    "check_good_standing",
    "check_homogeneity",
    "check_members_good_standing",
    "check_new_category",
    "check_no_bar",
    "check_premium_floor",
    "check_seasoning",
    "check_signature",
    "check_single_enrollment",
    "check_size",
    "check_sponsor",
    "common_ownership_family",
    "failures",
]

GROUP_MINIMUM_PREMIUM = Decimal("1500000.00")          # RCW 51.18.020(8); WAC 296-17B-220
GRANDFATHER_DATE = date(1999, 7, 25)                     # WAC 296-17B-260(3); RCW 51.18.060
SPONSOR_MINIMUM_YEARS = 4                                # RCW 51.18.020(1)
SIGNER_TITLES = frozenset({"owner", "partner", "corporate officer", "officer", "managing member"})


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check's outcome: its id (e.g. "I2"), pass/fail, rule, evidence and a sentence."""

    check_id: str
    passed: bool
    rule: str
    message: str
    evidence: Mapping[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"check": self.check_id, "passed": self.passed, "rule": self.rule,
                "message": self.message, "evidence": dict(self.evidence)}

    def as_error(self) -> ErrorDetail:
        return ErrorDetail(f"checks.{self.check_id}", self.message)


def failures(results: Iterable[CheckResult]) -> list[CheckResult]:
    return [r for r in results if not r.passed]


@dataclass(frozen=True, slots=True)
class AccountStanding:
    """Project decision (programs.md §8): good standing is a dated status on the account."""

    employer_id: str
    is_good_standing: bool
    as_of: date


def check_good_standing(check_id: str, employer_id: str,
                        standing: AccountStanding | None) -> CheckResult:
    """The employer's industrial insurance account is in good standing.

    Rule: WAC 296-17B-710 (with -100(1)(a), -250, RCW 51.18.020(5)).
    """
    if standing is None:
        return CheckResult(check_id, False, "WAC 296-17B-710",
                           f"{employer_id}: no account standing is recorded",
                           {"employer_id": employer_id, "status": "unknown"})
    status = "good standing" if standing.is_good_standing else "not in good standing"
    return CheckResult(check_id, standing.is_good_standing, "WAC 296-17B-710",
                       f"{employer_id}: account {status} as of {standing.as_of.isoformat()}",
                       {"employer_id": employer_id, "status": status,
                        "as_of": standing.as_of.isoformat()})


def check_premium_floor(premium_four_quarters: Decimal,
                        size_groups: Lookup[tuple[SizeGroupRow, ...]]) -> CheckResult:
    """I2: SP of the four quarters before applying is at least the size group 1 minimum.

    Rule: WAC 296-17B-100(1)(b), -900.
    """
    minimum = min(size_groups.value, key=lambda row: row.size_group).low
    illustrative = size_groups.source.origin is Origin.ILLUSTRATIVE
    passed = premium_four_quarters >= minimum
    verb = "meets" if passed else "is below"
    note = " (illustrative size-group table)" if illustrative else ""
    return CheckResult("I2", passed, "WAC 296-17B-100(1)(b)",
                       f"standard premium of the four prior quarters "
                       f"${format_money(premium_four_quarters)} {verb} the size group 1 minimum "
                       f"${format_money(minimum)}{note}",
                       {"standard_premium": str(premium_four_quarters), "minimum": str(minimum),
                        "table": size_groups.source.version,
                        "illustrative": str(illustrative).lower()})


def check_deadline(check_id: str, deadline: Deadline, received_on: date) -> CheckResult:
    """The application was received by its deadline (rolled to the next business day).

    Rule: programs.md §9.
    """
    passed = deadline.is_timely(received_on)
    message = (f"received {received_on.isoformat()}, " +
               (f"on time for {deadline.describe()}" if passed
                else f"after the deadline {deadline.describe()}"))
    return CheckResult(check_id, passed, deadline.rule, message,
                       {"received_on": received_on.isoformat(), **deadline.as_dict()})


def check_elections(check_id: str, violations: Sequence[ErrorDetail]) -> CheckResult:
    """The plan elections pass the engine's plan-option validation (every violation listed).

    Rule: WAC 296-17B-300.
    """
    if not violations:
        return CheckResult(check_id, True, "WAC 296-17B-300", "the plan elections are valid")
    listed = "; ".join(v.message for v in violations)
    return CheckResult(check_id, False, "WAC 296-17B-300",
                       f"the plan elections are invalid: {listed}",
                       {v.path or f"violation{i}": v.message for i, v in enumerate(violations)})


def check_signature(check_id: str, signer_title: str | None) -> CheckResult:
    """Signed by an owner, partner, corporate officer or managing member.

    Rule: WAC 296-17B-100, -280.
    """
    title = (signer_title or "").strip().lower()
    passed = title in SIGNER_TITLES
    shown = signer_title or "nobody"
    return CheckResult(check_id, passed, "WAC 296-17B-100",
                       f"signed by {shown}" + ("" if passed else ", not an owner, partner, "
                                               "officer or managing member"),
                       {"signer_title": shown})


def check_single_enrollment(check_id: str, employer_id: str,
                            other_enrollments: Collection[str]) -> CheckResult:
    """Not enrolled in retro elsewhere for the same coverage period.

    Rule: WAC 296-17B-250(3); project decision (programs.md §2): applies to individuals too.
    """
    if not other_enrollments:
        return CheckResult(check_id, True, "WAC 296-17B-250(3)",
                           f"{employer_id} has no other retro enrollment for the period")
    listed = ", ".join(sorted(other_enrollments))
    return CheckResult(check_id, False, "WAC 296-17B-250(3)",
                       f"{employer_id} is already enrolled for the period: {listed}",
                       {"employer_id": employer_id, "enrollments": listed})


def common_ownership_family(employer_id: str, links: Iterable[tuple[str, str]]) -> set[str]:
    """The connected set of commonly owned employers that contains `employer_id`.

    Rule: WAC 296-17B-770 (the pairwise rule extends to the whole connected set).
    """
    neighbours: dict[str, set[str]] = {}
    for a, b in links:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    family, todo = {employer_id}, [employer_id]
    while todo:
        for other in neighbours.get(todo.pop(), set()) - family:
            family.add(other)
            todo.append(other)
    return family


def check_common_ownership(check_id: str, employer_id: str, family: Collection[str],
                           in_category: Collection[str], enrolled: Collection[str],
                           override: str | None = None) -> CheckResult:
    """All commonly owned employers in the same industry category also enroll.

    Rule: WAC 296-17B-770. `in_category`: family members with classes related to the category;
    `enrolled`: employers enrolled (or applying) for the period; `override`: an administrator's
    recorded exception (never granted automatically).
    """
    missing = sorted(e for e in family if e in in_category and e not in enrolled)
    evidence = {"family": ", ".join(sorted(family)), "missing": ", ".join(missing)}
    if missing and override:
        return CheckResult(check_id, True, "WAC 296-17B-770",
                           f"exception granted: {override}", {**evidence, "override": override})
    message = ("every commonly owned employer in the category enrolls" if not missing else
               "commonly owned employers in the same category are not enrolled: "
               + ", ".join(missing))
    return CheckResult(check_id, not missing, "WAC 296-17B-770", message, evidence)


@dataclass(frozen=True, slots=True)
class SponsorFacts:
    """What the sponsor checklist reads (programs.md §3; documents are kept as evidence)."""

    sponsor_id: str
    formed_on: date
    purpose: str
    is_insurance_purpose: bool
    is_insurer_or_broker: bool
    has_safety_plan: bool
    has_claims_cooperation_plan: bool
    seeks_safety_improvement: bool


def check_sponsor(sponsor: SponsorFacts, received_on: date) -> list[CheckResult]:
    """S1, S2, S3, S9, S10: the sponsor's own entrance criteria.

    Rule: RCW 51.18.020(1)–(3), (9); RCW 51.18.030.
    """
    anniversary = add_months(sponsor.formed_on, 12 * SPONSOR_MINIMUM_YEARS)
    age = {"formed_on": sponsor.formed_on.isoformat(), "four_years_on": anniversary.isoformat()}
    return [
        CheckResult("S1", anniversary <= received_on, "RCW 51.18.020(1)",
                    f"sponsor formed {sponsor.formed_on.isoformat()}; four years on "
                    f"{anniversary.isoformat()}", age),
        CheckResult("S2", not sponsor.is_insurance_purpose, "RCW 51.18.020(2)",
                    f"primary purpose: {sponsor.purpose}", {"purpose": sponsor.purpose}),
        CheckResult("S3", sponsor.has_safety_plan and sponsor.has_claims_cooperation_plan,
                    "RCW 51.18.020(3)",
                    f"safety plan {_yes(sponsor.has_safety_plan)}, claims-cooperation plan "
                    f"{_yes(sponsor.has_claims_cooperation_plan)}"),
        CheckResult("S9", sponsor.seeks_safety_improvement, "RCW 51.18.020(9)",
                    f"seeks to improve workplace safety: {_yes(sponsor.seeks_safety_improvement)}"),
        CheckResult("S10", not sponsor.is_insurer_or_broker, "RCW 51.18.030",
                    "the sponsor is " + ("" if sponsor.is_insurer_or_broker else "not ") +
                    "an insurer, insurance broker, agent or solicitor"),
    ]


def _yes(flag: bool) -> str:
    return "on file" if flag else "missing"


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What the group and member checks read about one (proposed) member employer."""

    employer_id: str
    is_member: bool
    is_dues_paying: bool
    member_since: date | None
    standing: AccountStanding | None
    standard_premium_four_quarters: Decimal
    related_classes: frozenset[str] = frozenset()      # H1: classes related to the category
    governing_classes: frozenset[str] = frozenset()


def check_dues(check_id: str, member: MemberFacts) -> CheckResult:
    """Dues-paying member of the sponsor (the sponsor's endorsement certifies it).

    Rule: WAC 296-17B-250(2), -280; RCW 51.18.020(4).
    """
    passed = member.is_member and member.is_dues_paying
    state = "a dues-paying member" if passed else "not a dues-paying member"
    return CheckResult(check_id, passed, "WAC 296-17B-250", f"{member.employer_id} is {state}",
                       {"employer_id": member.employer_id})


def check_members_good_standing(members: Sequence[MemberFacts]) -> CheckResult:
    """S5: every employer of a new group is in good standing. Rule: RCW 51.18.020(5)."""
    bad = sorted(m.employer_id for m in members
                 if not check_good_standing("S5", m.employer_id, m.standing).passed)
    message = ("every proposed member is in good standing" if not bad else
               f"not in good standing: {', '.join(bad)}")
    return CheckResult("S5", not bad, "RCW 51.18.020(5)", message,
                       {"not_in_good_standing": ", ".join(bad)})


def check_seasoning(check_id: str, members: Sequence[MemberFacts], entry: date) -> CheckResult:
    """At least half of the original members have belonged to the sponsor for one year.

    Rule: RCW 51.18.020(6); WAC 296-17B-220 (dues-paying, at entry only).
    """
    year_before = add_months(entry, -12)
    seasoned = [m for m in members if m.is_dues_paying and m.member_since is not None
                and m.member_since <= year_before]
    passed = bool(members) and 2 * len(seasoned) >= len(members)
    return CheckResult(check_id, passed, "WAC 296-17B-220",
                       f"{len(seasoned)} of {len(members)} proposed members were dues-paying "
                       f"members on or before {year_before.isoformat()} (at least half needed)",
                       {"seasoned": str(len(seasoned)), "members": str(len(members)),
                        "member_since_by": year_before.isoformat()})


def check_size(check_id: str, members: Sequence[MemberFacts]) -> CheckResult:
    """Members' SP of the four quarters before enrollment totals at least $1,500,000.

    Rule: WAC 296-17B-220; RCW 51.18.020(8) (project decision: the same figure).
    """
    total = sum((m.standard_premium_four_quarters for m in members), Decimal("0"))
    passed = total >= GROUP_MINIMUM_PREMIUM
    verb = "meets" if passed else "is below"
    return CheckResult(check_id, passed, "WAC 296-17B-220",
                       f"members' standard premium ${format_money(total)} {verb} the "
                       f"${format_money(GROUP_MINIMUM_PREMIUM)} minimum",
                       {"standard_premium": str(total), "minimum": str(GROUP_MINIMUM_PREMIUM)})


def check_homogeneity(check_id: str, member: MemberFacts, category: str,
                      h1_partners: Collection[str], group_member_since: date | None) -> CheckResult:
    """M4: H1 related classes, H2 common ownership with an H1 member, or H3 grandfathered.

    Rule: WAC 296-17B-260. `h1_partners`: commonly owned group members that satisfy H1.
    """
    evidence = {"category": category, "related_classes": ", ".join(sorted(member.related_classes)),
                "governing_classes": ", ".join(sorted(member.governing_classes))}
    if member.related_classes:
        return CheckResult(check_id, True, "WAC 296-17B-260(1)",
                           f"H1: classes {evidence['related_classes']} relate to category "
                           f"{category}",
                           evidence)
    if h1_partners:
        partners = ", ".join(sorted(h1_partners))
        return CheckResult(check_id, True, "WAC 296-17B-260(2)",
                           f"H2: commonly owned with member(s) {partners} that satisfy H1",
                           {**evidence, "h1_partners": partners})
    if group_member_since is not None:
        evidence |= {"group_member_since": group_member_since.isoformat(),
                     "grandfathered_before": GRANDFATHER_DATE.isoformat()}
        if group_member_since < GRANDFATHER_DATE:
            return CheckResult(check_id, True, "WAC 296-17B-260(3)",
                               f"H3: a member of the group since "
                               f"{group_member_since.isoformat()}, before "
                               f"{GRANDFATHER_DATE.isoformat()}", evidence)
    return CheckResult(check_id, False, "WAC 296-17B-260",
                       f"{member.employer_id}: no class related to category {category}, no "
                       "commonly owned H1 member, not grandfathered", evidence)


def check_no_bar(check_id: str, bars: Mapping[str, date], category: str,
                 coverage_start: date, *, is_denied: bool = False) -> CheckResult:
    """The sponsor is not barred in the category, and the group is not denied enrollment.

    Rule: WAC 296-17B-730; RCW 51.18.050 (the bar ends 5 years after the third period).
    """
    until = bars.get(category)
    barred = until is not None and coverage_start <= until
    if is_denied:
        return CheckResult(check_id, False, "WAC 296-17B-730",
                           "the group was denied future enrollment after three net assessments")
    if barred and until is not None:
        return CheckResult(check_id, False, "WAC 296-17B-730",
                           f"the sponsor is barred in category {category} until "
                           f"{until.isoformat()}",
                           {"category": category, "barred_until": until.isoformat()})
    return CheckResult(check_id, True, "WAC 296-17B-730",
                       f"no bar in category {category} for a period starting {coverage_start}")


def check_new_category(check_id: str, category: str, latest_group: tuple[str, str] | None,
                       is_second_period_final: bool) -> CheckResult:
    """No group in a new category until the sponsor's most recently formed group (another
    category) has had the final adjustment of its second coverage period.

    Rule: WAC 296-17B-240; RCW 51.18.030. `latest_group`: (group id, category) or None.
    """
    if latest_group is None or latest_group[1] == category or is_second_period_final:
        return CheckResult(check_id, True, "WAC 296-17B-240",
                           f"the sponsor may form a group in category {category}")
    group_id, other = latest_group
    return CheckResult(check_id, False, "WAC 296-17B-240",
                       f"group {group_id} (category {other}) has not had the final adjustment of "
                       "its second coverage period", {"group_id": group_id, "category": other})
