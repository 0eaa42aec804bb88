"""Homogeneity H3: a member of the group since before July 25, 1999 is grandfathered
(WAC 296-17B-260(3)); the since-date comes from the membership record."""

from datetime import date

import pytest

from retrodesk.programs import enrollment as en
from retrodesk.programs.commands import EndorseApplication, FileApplication, ReviewApplication
from retrodesk.programs.eligibility import CheckResult
from retrodesk.programs.records import Group
from retrodesk.programs.workflow import ApplicationKind
from tests.unit.programs.world import make_ports, seed_employer, seed_sponsor

START = date(2025, 7, 1)


def _m4(member_since: date, group_start: date = date(1996, 7, 1)) -> CheckResult:
    ports = make_ports(date(2025, 9, 10))
    seed_employer(ports, "E3", "100000")
    seed_sponsor(ports, ["E3"], since=member_since)
    ports.uow.groups.add(Group(group_id="G1", sponsor_id="S1", name="Builders Retro Group",
                               industry_category="c", coverage_start=group_start))
    en.file_application(FileApplication(
        application_id="M1", kind=ApplicationKind.MEMBER, coverage_start=START,
        first_quarter=date(2025, 10, 1), received_on=date(2025, 9, 15), actor="coord",
        account_id="E3", group_id="G1", sponsor_id="S1", industry_category="c",
        signer_name="Al", signer_title="partner"), ports)
    en.endorse_application(EndorseApplication(application_id="M1", actor="sponsor"), ports)
    reviewed = en.review_application(ReviewApplication(application_id="M1", actor="coord"), ports)
    return next(c for c in reviewed.checks if c.check_id == "M4")


def test_a_member_since_july_24_1999_is_grandfathered_with_evidence() -> None:
    check = _m4(date(1999, 7, 24))
    assert check.passed
    assert check.rule == "WAC 296-17B-260(3)"
    assert check.message == "H3: a member of the group since 1999-07-24, before 1999-07-25"
    assert check.evidence["group_member_since"] == "1999-07-24"
    assert check.evidence["grandfathered_before"] == "1999-07-25"


@pytest.mark.parametrize(("member_since", "group_start", "since"), [
    (date(1999, 7, 25), date(1996, 7, 1), "1999-07-25"),
    (date(1990, 1, 1), date(2001, 1, 1), "2001-01-01"),   # not in the group before it existed
])
def test_a_member_since_july_25_1999_or_later_fails_h3(member_since: date, group_start: date,
                                                       since: str) -> None:
    check = _m4(member_since, group_start)
    assert not check.passed
    assert check.rule == "WAC 296-17B-260"
    assert "not grandfathered" in check.message
    assert check.evidence["group_member_since"] == since
