"""The packaged experience rulebook: published values kept, illustrative tables pass the
acceptance checks of experience.md §12.3, and the generator reproduces the committed files."""

import csv
import filecmp
import importlib.util
import itertools
from decimal import Decimal
from pathlib import Path

import pytest

from retrodesk.rules.experience import Fund, catalog
from retrodesk.rules.model import Origin

ROOT = Path(__file__).parents[4]
SCRIPT = ROOT / "scripts" / "generate_illustrative_experience.py"
DATA = ROOT / "src" / "retrodesk" / "rules" / "data"
DEMO_YEARS = range(2014, 2028)
ANCHOR = Decimal("28660.84")


def demo_classes() -> list[str]:
    with (DATA / "classes.csv").open(encoding="utf-8") as handle:
        return [row["risk_class"] for row in csv.DictReader(handle)]


@pytest.fixture(scope="module")
def book():
    return catalog.packaged()


def test_the_generator_reproduces_the_committed_tables(tmp_path: Path, monkeypatch) -> None:
    spec = importlib.util.spec_from_file_location("generate_illustrative_experience", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path)
    module.main()
    committed = DATA / "experience"
    for year in catalog.packaged_years():
        names = sorted(p.name for p in (committed / str(year)).iterdir())
        assert names == sorted(p.name for p in (tmp_path / str(year)).iterdir())
        _, mismatch, errors = filecmp.cmpfiles(
            committed / str(year), tmp_path / str(year), names, shallow=False
        )
        assert (mismatch, errors) == ([], []), year


@pytest.mark.parametrize("year", DEMO_YEARS)
def test_every_demo_class_has_table_iii_and_base_rates_for_each_demo_year(book, year: int) -> None:
    ry = book.year(year)
    for risk_class in demo_classes():
        ratio = ry.keyed(ry.tables.primary_ratios, risk_class, "ratio", "")
        assert Decimal(0) <= ratio.value <= Decimal(1)
        for fiscal in range(year - 4, year - 1):
            assert (
                ry.keyed(ry.tables.expected_loss_rates, (risk_class, fiscal), "elr", "").value >= 0
            )
        for fund in Fund:
            assert ry.keyed(ry.tables.base_rates, (risk_class, fund), "rate", "").value >= 0


@pytest.mark.parametrize("year", DEMO_YEARS)
def test_rates_are_in_line_with_expected_losses_plus_a_loading(book, year: int) -> None:
    ry = book.year(year)
    for risk_class in demo_classes():
        elrs = [
            ry.keyed(ry.tables.expected_loss_rates, (risk_class, f), "", "").value
            for f in range(year - 4, year - 1)
        ]
        af_ma = sum(
            ry.keyed(ry.tables.base_rates, (risk_class, f), "", "").value
            for f in (Fund.AF, Fund.MA)
        )
        mean = sum(elrs) / 3
        if risk_class == "4904-00" and year == 2014:
            continue  # the published 2014 clerical rates
        assert abs(af_ma - mean * Decimal("1.55")) <= Decimal("0.0002"), risk_class


@pytest.mark.parametrize("year", range(2007, 2028))
def test_table_ii_and_table_iv_pass_the_acceptance_checks(book, year: int) -> None:
    tables = book.year(year).tables
    credibility = tables.credibility.at(book.year(year)._day).value
    for (zp, ze), (zp2, ze2) in itertools.pairwise(credibility.values):
        assert Decimal(0) <= ze <= zp <= Decimal(1)
        assert zp <= zp2
        assert ze <= ze2
    maxima = [v[0] for v in tables.claim_free_max.at(book.year(year)._day).value.values]
    assert all(Decimal("0.6000") <= m <= Decimal("0.9000") for m in maxima)
    assert maxima == sorted(maxima, reverse=True)


def test_the_2014_published_point_is_reproduced_exactly(book) -> None:
    ry = book.year(2014)
    assert ry.value(ry.tables.credibility, "").value.at(ANCHOR) == (
        Decimal("0.42"),
        Decimal("0.07"),
    )
    assert ry.value(ry.tables.claim_free_max, "").value.at(ANCHOR) == (Decimal("0.7000"),)
    assert ry.value(ry.tables.credibility, "").source.origin is Origin.ILLUSTRATIVE


def test_published_values_are_kept_and_marked_official(book) -> None:
    y2007, y2013 = book.year(2007), book.year(2013)
    elr = y2007.keyed(y2007.tables.expected_loss_rates, ("1007-00", 2005), "", "")
    assert (elr.value, elr.source.origin) == (Decimal("0.2861"), Origin.OFFICIAL)
    assert y2007.keyed(y2007.tables.primary_ratios, "0514-00", "", "").value == Decimal("0.479")
    for name, value in (
        ("split_point", 20112),
        ("max_claim_value", 266241),
        ("medical_only_deduction", 2460),
    ):
        found = y2013.value(getattr(y2013.tables, name), "")
        assert (found.value, found.source.origin) == (Decimal(value), Origin.OFFICIAL)
    y2008 = book.year(2008)
    assert y2008.value(y2008.tables.max_claim_value, "").value == Decimal(502800)
    deduction = book.year(2014).value(book.year(2014).tables.medical_only_deduction, "")
    assert (deduction.value, deduction.source.origin) == (Decimal(2610), Origin.ILLUSTRATIVE)
    rates = book.year(2014)
    sp = rates.keyed(rates.tables.base_rates, ("4904-00", Fund.SP), "", "")
    assert (sp.value, sp.source.origin) == (Decimal("0.0910"), Origin.OFFICIAL)


def test_public_health_emergency_exclusion_is_in_force_from_2022_only(book) -> None:
    def reasons(year: int) -> frozenset[str]:
        ry = book.year(year)
        return ry.value(ry.tables.exclusions, "").value

    assert reasons(2021) == {"preferred_worker"}
    assert reasons(2022) == {"preferred_worker", "public_health_emergency"}


def test_a_year_without_tables_is_refused_naming_the_parameter_and_the_year(book) -> None:
    from retrodesk.kernel.errors import RuleNotInForce

    ry = book.year(2031)
    with pytest.raises(
        RuleNotInForce, match=r"rating year 2031 has no maximum claim value \(WAC 296-17-875\)"
    ):
        ry.value(ry.tables.max_claim_value, "parameters.max_claim_value")
