"""The packaged retro rulebook: every published constant with its dates, and the shipped tables."""

import csv
import itertools
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from retrodesk.kernel.errors import RuleNotInForce
from retrodesk.kernel.periods import add_months
from retrodesk.rules.model import Origin
from retrodesk.rules.retro.book import Basis, Family, FatalityValues, Fund, Kind
from retrodesk.rules.retro.catalog import load_retro_rulebook

BOOK = load_retro_rulebook()
CLASSES = Path(__file__).parents[4] / "src" / "retrodesk" / "rules" / "data" / "classes.csv"


def quarters(first: date = date(2014, 7, 1), last: date = date(2026, 10, 1)) -> list[date]:
    found, day = [], first
    while day <= last:
        found.append(day)
        day = add_months(day, 3)
    return found


@pytest.mark.parametrize(
    ("start", "value", "origin", "cite"),
    [
        (date(2014, 7, 1), "0.043", Origin.ILLUSTRATIVE, "illustrative: carried back"),
        (date(2017, 4, 1), "0.043", Origin.ILLUSTRATIVE, "illustrative: carried back"),
        (date(2017, 7, 1), "0.043", Origin.OFFICIAL, "WSR 17-12-020"),
        (date(2023, 7, 1), "0.043", Origin.OFFICIAL, "WSR 17-12-020"),
        (date(2023, 10, 1), "0.073", Origin.OFFICIAL, "WSR 23-17-146"),
        (date(2026, 10, 1), "0.073", Origin.OFFICIAL, "WSR 23-17-146"),
    ],
)
def test_premium_admin_expense_changes_with_the_2023_10_01_start(start, value, origin, cite):
    found = BOOK.premium_admin_expense.at(start)
    assert found.value == Decimal(value)
    assert found.source.origin is origin
    assert cite in found.source.version


def test_premium_admin_expense_switches_between_2023_09_30_and_2023_10_01():
    assert BOOK.premium_admin_expense.at(date(2023, 9, 30)).value == Decimal("0.043")
    assert BOOK.premium_admin_expense.at(date(2023, 10, 1)).value == Decimal("0.073")


def test_claims_admin_expense_is_official_from_2023_10_01_and_illustrative_before():
    before = BOOK.claims_admin_expense.at(date(2023, 7, 1))
    after = BOOK.claims_admin_expense.at(date(2023, 10, 1))
    assert before.value == after.value == Decimal("0.125")
    assert before.source.origin is Origin.ILLUSTRATIVE
    assert after.source.origin is Origin.OFFICIAL
    assert "WSR 23-17-146" in after.source.version


@pytest.mark.parametrize(
    "name",
    [
        "premium_admin_expense",
        "claims_admin_expense",
        "fatality",
        "size_groups",
        "insurance_tables",
        "single_loss_limits",
    ],
)
def test_a_start_before_2014_07_01_is_refused_naming_the_parameter_and_date(name):
    parameter = getattr(BOOK, name)
    with pytest.raises(RuleNotInForce) as raised:
        parameter.at(date(2014, 4, 1))
    assert parameter.label in raised.value.message
    assert "2014-04-01" in raised.value.message
    assert raised.value.details[0].path == name


@pytest.mark.parametrize("start", [date(2023, 1, 1), date(2023, 4, 1), date(2023, 7, 1)])
def test_2023_printing_uses_the_corrected_medical_aid_figure(start):
    found = BOOK.fatality.at(start)
    assert found.value == FatalityValues(Decimal("486600"), Decimal("35000"))
    assert found.value.total == Decimal("521600")
    assert found.source.origin is Origin.OFFICIAL
    assert "WSR 22-24-019" in found.source.version


def test_corrected_fatality_row_first_governs_the_2023_10_01_start_and_stays_in_force():
    for start in (date(2023, 10, 1), date(2025, 1, 1)):
        found = BOOK.fatality.at(start)
        assert found.value == FatalityValues(Decimal("486600"), Decimal("35000"))
        assert "WSR 23-12-071" in found.source.version
    assert BOOK.fatality_row_start(date(2025, 1, 1)) == date(2023, 10, 1)
    assert BOOK.fatality_row_start(date(2023, 4, 1)) == date(2023, 1, 1)


def test_fatality_values_before_2023_are_illustrative_one_row_per_year():
    for year in range(2015, 2023):
        assert BOOK.fatality_row_start(date(year, 7, 1)) == date(year, 1, 1)
        assert BOOK.fatality.at(date(year, 7, 1)).source.origin is Origin.ILLUSTRATIVE
    assert BOOK.fatality_row_start(date(2014, 7, 1)) == date(2014, 7, 1)


def test_printed_and_unplaced_fatality_rows_are_kept_for_audit_only():
    printed = {row.values for row in BOOK.fatality_audit}
    assert FatalityValues(Decimal("486600"), Decimal("33500")) in printed
    assert FatalityValues(Decimal("417100"), Decimal("30100")) in printed
    assert all(v.value.total != Decimal("447200") for v in BOOK.fatality.versions)


def test_plan_option_constants_from_2017_07_01():
    day = date(2017, 7, 1)
    limits = BOOK.single_loss_limits.at(day)
    assert limits.value == tuple(
        Decimal(v)
        for v in (
            "120000",
            "160000",
            "250000",
            "275000",
            "380000",
            "500000",
            "550000",
            "800000",
            "1000000",
        )
    )
    assert limits.source.origin is Origin.OFFICIAL
    assert (
        BOOK.max_loss_ratio_range.at(day).value.low,
        BOOK.max_loss_ratio_range.at(day).value.high,
    ) == (Decimal("0.40"), Decimal("1.60"))
    assert (
        BOOK.min_loss_ratio_range.at(day).value.low,
        BOOK.min_loss_ratio_range.at(day).value.high,
    ) == (Decimal("0.00"), Decimal("0.60"))
    assert BOOK.loss_ratio_gap.at(day).value == Decimal("0.20")
    assert BOOK.loss_ratio_decimals.at(day).value == 4
    assert BOOK.highest_premium_range.at(day).value.contains(Decimal("1.05"))
    assert BOOK.highest_premium_range.at(day).value.high == Decimal("2.00")
    assert BOOK.premium_test_multiple.at(day).value == Decimal("2")
    assert BOOK.single_loss_limits.at(date(2017, 4, 1)).source.origin is Origin.ILLUSTRATIVE


def test_hazard_index_numbers_and_contiguous_ahi_bands():
    day = date(2024, 1, 1)
    index = BOOK.hazard_index.at(day).value
    assert [index[hg] for hg in range(1, 10)] == [
        Decimal(v) for v in (".16", ".28", ".50", ".61", ".83", "1.00", "1.40", "1.85", "2.64")
    ]
    bands = BOOK.ahi_bands.at(day).value
    assert [b.hazard_group for b in bands] == list(range(1, 10))
    assert bands[0].low == Decimal("0")
    assert bands[-1].high == Decimal("2.640")
    for before, after in itertools.pairwise(bands):
        assert after.low == before.high + Decimal("0.001")
    assert bands[4].low <= Decimal("0.833") <= bands[4].high  # official example: HG 5


def test_claim_types_exclusions_and_industry_categories():
    assert BOOK.claim_types.at(date(2024, 1, 1)).value == (
        "medical_only",
        "time_loss",
        "kept_on_salary",
        "ppd",
        "pension",
        "fatal",
    )
    assert BOOK.excluded_reasons.at(date(2021, 10, 1)).value == frozenset()
    assert BOOK.excluded_reasons.at(date(2022, 1, 1)).value == frozenset(
        {"public_health_emergency"}
    )
    categories = BOOK.industry_categories.at(date(2024, 1, 1))
    assert sorted(categories.value) == list("abcdefghijkl")
    assert categories.source.version == "RCW 51.18.040"


def test_size_groups_start_at_5850_are_contiguous_and_end_open():
    rows = BOOK.size_groups.at(date(2024, 1, 1)).value
    assert 20 <= len(rows) <= 30
    assert rows[0].low == Decimal("5850")
    assert rows[-1].high is None
    for before, after in itertools.pairwise(rows):
        assert before.high is not None
        assert after.low == before.high + Decimal("0.01")
        assert after.size_group == before.size_group + 1


def test_every_demo_class_has_its_hazard_group():
    with CLASSES.open(encoding="utf-8") as handle:
        expected = {row["risk_class"]: int(row["hazard_group"]) for row in csv.DictReader(handle)}
    for risk_class, hg in expected.items():
        found = BOOK.class_hazard_group.at(risk_class, date(2017, 7, 1))
        assert found.value == hg
        assert found.source.origin is Origin.ILLUSTRATIVE


def test_actuarial_inputs_cover_every_start_quarter_of_the_demo_and_no_later():
    claim_types = ("medical_only", "time_loss", "kept_on_salary", "ppd", "pension")
    for quarter in quarters():
        for n in (1, 2, 3):
            assert Decimal("0.90") <= BOOK.paf.at(n, quarter).value <= Decimal("1.10")
            for fund in Fund:
                assert BOOK.elr.at((n, fund), quarter).value > 0
                for claim_type in claim_types:
                    assert BOOK.dldf.at((n, claim_type, fund), quarter).value >= 1
    with pytest.raises(RuleNotInForce, match="2027-01-01"):
        BOOK.paf.at(1, date(2027, 1, 1))


def test_development_falls_toward_one_and_is_highest_for_pensions():
    for quarter in (date(2017, 7, 1), date(2024, 1, 1)):

        def dldf(n, claim_type, fund=Fund.AF, day=quarter):
            return BOOK.dldf.at((n, claim_type, fund), day).value

        assert dldf(1, "time_loss") > dldf(2, "time_loss") > dldf(3, "time_loss") > 1
        assert dldf(1, "pension") > dldf(1, "ppd") > dldf(1, "time_loss")
        assert dldf(1, "medical_only") == Decimal("1.0000")


def test_insurance_rows_are_read_per_hazard_group_and_sorted_by_ratio():
    rows = BOOK.insurance_tables.at(date(2024, 1, 1)).value.rows
    charge = rows[(5, Basis.PREMIUM, Family.LIMITED, Kind.CHARGE, 14, Decimal("250000"))]
    savings = rows[(5, Basis.LOSS, Family.UNLIMITED, Kind.SAVINGS, 1, None)]
    assert [r for r, _ in charge] == [Decimal(n) / 100 for n in range(40, 161, 5)]
    assert [r for r, _ in savings] == [Decimal(n) / 100 for n in range(0, 61, 5)]
    assert savings[0][1] == Decimal("0")
    assert (10, Basis.PREMIUM, Family.UNLIMITED, Kind.CHARGE, 1, None) not in rows
