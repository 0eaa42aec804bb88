"""Reading administrators' tables: positions, aliases, typed cells and effective windows."""

from datetime import date
from decimal import Decimal

from retrodesk.kernel.parsing import Problems
from retrodesk.kernel.periods import Effective
from retrodesk.rules.tabular import canonical, read_sheet, window_problems


def test_headers_are_canonical_and_aliases_resolve(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\ufeffMax Loss-Ratio ,HG\n1.20,7\n\n,\n0.40,x\n", encoding="utf-8")
    problems = Problems()
    sheet = read_sheet(
        path,
        required=["max_loss_ratio", "hazard_group"],
        aliases={"hg": "hazard_group"},
        problems=problems,
    )
    assert canonical(" Max Loss-Ratio ") == "max_loss_ratio"
    assert sheet is not None
    assert sheet.columns == ("max_loss_ratio", "hazard_group")
    first, last = sheet.rows
    assert (first.number, last.number) == (2, 3)
    assert first.decimal("max_loss_ratio") == Decimal("1.20")
    assert last.integer("hazard_group", low=1, high=9) is None
    assert problems.items[0].path == "t.csv:row 3:column hazard_group"


def test_missing_repeated_and_unknown_columns_are_reported_on_row_1(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,a,zzz\n1,2,3\n", encoding="utf-8")
    problems = Problems()
    assert read_sheet(path, required=["a", "b"], problems=problems) is None
    assert [(p.path, p.message) for p in problems.items] == [
        ("t.csv:row 1:column b", "missing column"),
        ("t.csv:row 1:column a", "column appears twice"),
        ("t.csv:row 1:column zzz", "unknown column"),
    ]


def test_empty_and_unreadable_files_are_reported_by_file(tmp_path):
    (tmp_path / "e.csv").write_text("\n", encoding="utf-8")
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04 not really")
    problems = Problems()
    assert read_sheet(tmp_path / "e.csv", required=["a"], problems=problems) is None
    assert read_sheet(tmp_path / "x.xlsx", required=["a"], problems=problems) is None
    assert [p.path for p in problems.items] == ["e.csv", "x.xlsx"]
    assert problems.items[1].message.startswith("cannot be read")


def test_typed_cells_check_bounds_and_dates(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("v,d\n-1,2024-13-01\n0.5,2024-01-01\n", encoding="utf-8")
    problems = Problems()
    sheet = read_sheet(path, required=["v", "d"], problems=problems)
    assert sheet is not None
    bad, good = sheet.rows
    assert bad.decimal("v", minimum=Decimal(0)) is None
    assert bad.date("d") is None
    assert good.decimal("v", minimum=Decimal(0), below=Decimal(1)) == Decimal("0.5")
    assert good.date("d") == date(2024, 1, 1)
    assert [p.path for p in problems.items] == ["t.csv:row 2:column v", "t.csv:row 2:column d"]


def test_windows_open_rows_run_to_the_next_and_gaps_and_overlaps_are_found():
    d = date
    assert window_problems([("a", Effective(d(2020, 1, 1))), ("b", Effective(d(2021, 1, 1)))]) == []
    overlap = window_problems(
        [("a", Effective(d(2020, 1, 1), d(2022, 1, 1))), ("b", Effective(d(2021, 1, 1)))]
    )
    assert overlap[0][0] == "b"
    assert "overlaps a" in overlap[0][1]
    same = window_problems([("a", Effective(d(2020, 1, 1))), ("b", Effective(d(2020, 1, 1)))])
    assert "overlaps" in same[0][1]
    gap = window_problems(
        [("a", Effective(d(2020, 1, 1), d(2020, 7, 1))), ("b", Effective(d(2021, 1, 1)))]
    )
    assert gap == [("b", "gap: nothing is in force from 2020-07-01 until 2021-01-01 (after a)")]
