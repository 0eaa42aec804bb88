"""Loading official tables: good files supersede illustrative ones, bad ones change nothing."""

import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from retrodesk.kernel.errors import InvalidInput
from retrodesk.rules.model import Origin
from retrodesk.rules.retro.book import Basis, Family, FatalityValues, Fund, Kind
from retrodesk.rules.retro.catalog import load_retro_rulebook
from retrodesk.rules.retro.loading import governing_window, load_official_table

from .conftest import insurance_rows, snapshot, write_csv

CITE = "WSR 24-01-001 (eff. 2024-01-01)"


def load(
    rules_dir: Path, kind: str, file: Path, start: date = date(2024, 1, 1), end: date | None = None
):
    return load_official_table(
        rules_dir, kind, file, citation=CITE, effective_from=start, effective_to=end
    )


def refused(
    rules_dir: Path, kind: str, file: Path, start: date = date(2024, 1, 1), end: date | None = None
) -> dict[str, str]:
    """Load a bad file: problems as path → messages (joined by "; "); the folder must not change."""
    before = snapshot(rules_dir)
    with pytest.raises(InvalidInput) as raised:
        load(rules_dir, kind, file, start, end)
    assert snapshot(rules_dir) == before
    found: dict[str, str] = {}
    for detail in raised.value.details:
        found[detail.path] = "; ".join(filter(None, (found.get(detail.path), detail.message)))
    return found


def test_a_mid_quarter_adoption_first_governs_the_next_quarter_start():
    window = governing_window(date(2023, 7, 7), None)
    assert (window.start, window.end) == (date(2023, 10, 1), None)
    window = governing_window(date(2017, 6, 30), date(2023, 9, 30))
    assert (window.start, window.end) == (date(2017, 7, 1), date(2023, 10, 1))


def test_good_insurance_csv_supersedes_the_illustrative_tables_from_its_date(tmp_path, rules_dir):
    entry = load(rules_dir, "insurance", write_csv(tmp_path / "ins.csv", insurance_rows()))
    assert entry.citation == CITE
    book = load_retro_rulebook(rules_dir)
    found = book.insurance_tables.at(date(2024, 1, 1))
    assert found.source.origin is Origin.OFFICIAL
    assert found.source.version == CITE
    key = (4, Basis.LOSS, Family.LIMITED, Kind.CHARGE, 1, Decimal("250000"))
    assert found.value.rows[key] == (
        (Decimal("0.40"), Decimal("0.3000")),
        (Decimal("1.00"), Decimal("0.1000")),
        (Decimal("1.60"), Decimal("0.0200")),
    )
    assert book.insurance_tables.at(date(2023, 10, 1)).source.origin is Origin.ILLUSTRATIVE
    assert (
        load_retro_rulebook().insurance_tables.at(date(2024, 1, 1)).source.origin
        is Origin.ILLUSTRATIVE
    )


def test_good_excel_size_groups_supersede_the_illustrative_rows(tmp_path, rules_dir):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Size Group", "Low", "High"])
    sheet.append([1, 5850, 99999.99])
    sheet.append([2, 100000, 999999.99])
    sheet.append([3, 1000000, None])
    book.save(tmp_path / "sizes.xlsx")
    load(rules_dir, "size-groups", tmp_path / "sizes.xlsx", date(2024, 1, 1), date(2024, 12, 31))
    found = load_retro_rulebook(rules_dir).size_groups
    rows = found.at(date(2024, 10, 1)).value
    assert [(r.low, r.high) for r in rows] == [
        (Decimal("5850"), Decimal("99999.99")),
        (Decimal("100000"), Decimal("999999.99")),
        (Decimal("1000000"), None),
    ]
    assert found.at(date(2025, 1, 1)).source.origin is Origin.ILLUSTRATIVE
    assert found.at(date(2023, 10, 1)).source.origin is Origin.ILLUSTRATIVE


def test_loaded_fatality_row_ends_the_open_official_row(tmp_path, rules_dir):
    file = write_csv(
        tmp_path / "p.csv",
        [
            ["parameter", "value"],
            ["fatality_af", "500000"],
            ["fatality_ma", "36000"],
            ["pae", "0.080"],
        ],
    )
    load(rules_dir, "parameters", file, date(2025, 1, 1))
    book = load_retro_rulebook(rules_dir)
    assert book.fatality.at(date(2025, 1, 1)).value == FatalityValues(
        Decimal(500000), Decimal(36000)
    )
    assert book.fatality_row_start(date(2026, 4, 1)) == date(2025, 1, 1)
    assert book.fatality.at(date(2024, 10, 1)).value.ma == Decimal(35000)
    assert book.premium_admin_expense.at(date(2025, 1, 1)).value == Decimal("0.080")
    assert book.premium_admin_expense.at(date(2024, 10, 1)).value == Decimal("0.073")


def test_good_dldf_supersedes_only_its_quarter_and_adjustment(tmp_path, rules_dir):
    rows = [["quarter", "adjustment", "claim_type", "fund", "dldf"]]
    rows += [
        ["2024-01-01", "1", t, f, "1.5"]
        for t in ("medical_only", "time_loss", "kept_on_salary", "ppd", "pension")
        for f in ("af", "ma")
    ]
    load(
        rules_dir, "dldf", write_csv(tmp_path / "d.csv", rows), date(2024, 1, 1), date(2024, 3, 31)
    )
    book = load_retro_rulebook(rules_dir)
    official = book.dldf.at((1, "ppd", Fund.MA), date(2024, 1, 1))
    assert (official.value, official.source.origin) == (Decimal("1.5"), Origin.OFFICIAL)
    assert book.dldf.at((2, "ppd", Fund.MA), date(2024, 1, 1)).source.origin is Origin.ILLUSTRATIVE
    assert book.dldf.at((1, "ppd", Fund.MA), date(2024, 4, 1)).source.origin is Origin.ILLUSTRATIVE


def test_size_group_gap_and_overlap_are_placed_by_row_and_column(tmp_path, rules_dir):
    file = write_csv(
        tmp_path / "sg.csv",
        [
            ["size_group", "low", "high"],
            ["1", "5850", "9999.99"],
            ["2", "10000.01", "19999.99"],
            ["3", "19000", "29999.99"],
            ["4", "30000", "40000"],
        ],
    )
    problems = refused(rules_dir, "size-groups", file)
    assert problems["sg.csv:row 3:column low"].startswith("gap")
    assert problems["sg.csv:row 4:column low"].startswith("overlap")
    assert "open-ended" in problems["sg.csv:row 5:column high"]


def test_effective_overlap_and_gap_are_refused(tmp_path, rules_dir):
    file = write_csv(tmp_path / "p.csv", [["parameter", "value"], ["cae", "0.13"]])
    load(rules_dir, "parameters", file, date(2025, 1, 1))
    assert "overlaps" in refused(rules_dir, "parameters", file, date(2025, 1, 1))["effective_from"]
    gap = refused(rules_dir, "parameters", file, date(2020, 1, 1), date(2020, 12, 31))
    assert gap["effective_from"].startswith("claims administration expense factor: gap")


def test_non_monotone_and_negative_factors_are_placed_by_row_and_column(tmp_path, rules_dir):
    rows = insurance_rows()
    rows[1][10] = "0.5000"  # HG 1 premium unlimited charge: 0.30 at 0.40, 0.50 at 1.00
    rows[2][7] = "-0.0100"  # HG 1 premium unlimited savings at 0.30
    problems = refused(rules_dir, "insurance", write_csv(tmp_path / "ins.csv", rows))
    assert "must not increase" in problems["ins.csv:row 2:column 1.00"]
    assert "must be >= 0" in problems["ins.csv:row 3:column 0.30"]


def test_missing_tables_and_k_not_below_one_are_refused(tmp_path, rules_dir):
    rows = [r for r in insurance_rows() if not (r[0] == "9" and r[3] == "savings")]
    rows[5][8] = "1.2000"  # HG 1 loss unlimited charge at 0.40
    problems = refused(rules_dir, "insurance", write_csv(tmp_path / "ins.csv", rows))
    missing = problems["ins.csv"].split("; ")
    assert len(missing) == 4
    assert (
        "missing table: hazard group 9, premium basis, unlimited family, savings factors" in missing
    )
    assert "must stay below 1" in problems["ins.csv:row 6"]


def test_missing_columns_are_reported_on_the_header_row(tmp_path, rules_dir):
    file = write_csv(
        tmp_path / "paf.csv", [["coverage_period_start", "adjustment"], ["2024-01-01", "1"]]
    )
    assert refused(rules_dir, "paf", file)["paf.csv:row 1:column factor"] == "missing column"


def test_truncated_excel_is_refused(tmp_path, rules_dir):
    book = openpyxl.Workbook()
    book.active.append(["parameter", "value"])
    book.save(tmp_path / "good.xlsx")
    data = (tmp_path / "good.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    problems = refused(rules_dir, "parameters", tmp_path / "cut.xlsx")
    assert problems["cut.xlsx"].startswith("cannot be read")
    assert zipfile.is_zipfile(tmp_path / "good.xlsx")


def test_actuarial_rows_outside_quarters_incomplete_or_already_loaded_are_refused(
    tmp_path, rules_dir
):
    good = write_csv(
        tmp_path / "elr.csv",
        [
            ["coverage_period_start", "adjustment", "fund", "factor"],
            ["2024-01-01", "1", "af", "0.9"],
            ["2024-01-01", "1", "ma", "1.0"],
        ],
    )
    load(rules_dir, "elr", good)
    assert "already loaded" in refused(rules_dir, "elr", good)["elr.csv:row 2"]
    bad = write_csv(
        tmp_path / "bad.csv",
        [
            ["coverage_period_start", "adjustment", "fund", "factor"],
            ["2024-02-01", "1", "af", "0.9"],
            ["2024-04-01", "2", "af", "0"],
            ["2024-04-01", "4", "xx", "1"],
            ["2024-07-01", "1", "af", "1"],
        ],
    )
    problems = refused(rules_dir, "elr", bad, date(2024, 4, 1))
    assert "not a quarter start" in problems["bad.csv:row 2:column coverage_period_start"]
    assert "must be >= 0.01" in problems["bad.csv:row 3:column factor"]
    assert "1 to 3" in problems["bad.csv:row 4:column adjustment"]
    assert "is not one of af, ma" in problems["bad.csv:row 4:column fund"]
    assert "missing row ma" in problems["bad.csv"]


def test_the_combined_rulebook_is_reused_until_a_load_is_added(tmp_path, rules_dir):
    file = write_csv(tmp_path / "p.csv", [["parameter", "value"], ["cae", "0.13"]])
    load(rules_dir, "parameters", file, date(2025, 1, 1))
    first = load_retro_rulebook(rules_dir)
    assert load_retro_rulebook(rules_dir) is first
    load(rules_dir, "parameters", file, date(2026, 1, 1))
    again = load_retro_rulebook(rules_dir)
    assert again is not first
    assert again.claims_admin_expense.at(date(2026, 1, 1)).source.version == CITE
    assert len([v for v in again.claims_admin_expense.versions if v.origin is Origin.OFFICIAL]) == 3


def test_excel_hazard_group_map_supersedes_the_classes_it_lists(tmp_path, rules_dir):
    book = openpyxl.Workbook()
    book.active.append(["Class", "HG"])
    book.active.append(["0510-00", 3])
    book.active.append(["9999-00", 9])
    book.save(tmp_path / "hg.xlsx")
    load(rules_dir, "hazard-groups", tmp_path / "hg.xlsx", date(2017, 6, 30))
    table = load_retro_rulebook(rules_dir).class_hazard_group
    assert table.at("0510-00", date(2017, 7, 1)).value == 3
    assert table.at("0510-00", date(2017, 7, 1)).source.origin is Origin.OFFICIAL
    assert table.at("9999-00", date(2024, 1, 1)).value == 9
    assert table.at("0510-00", date(2017, 4, 1)).value == 7
    assert table.at("0507-00", date(2024, 1, 1)).source.origin is Origin.ILLUSTRATIVE
