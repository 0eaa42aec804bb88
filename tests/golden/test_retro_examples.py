"""Retro worked examples of retro.md (§5 hazard group, §13 end to end), through the API and the CLI.

Each case file under cases/retro/ holds its citation, the case (the public JSON contract) and the
expected figures; amounts are compared exactly (as Decimal and as the contract's strings).
"""

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from retrodesk.rating import retro

CASES = sorted((Path(__file__).parent / "cases" / "retro").glob("*.json"))
E2E = [p for p in CASES if p.stem.startswith("e2e_")]
RETRODESK = Path(sys.executable).with_name("retrodesk")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def assert_matches(actual: dict, expected: dict, source: str) -> None:
    """Every expected field equals the result's, exactly; per-claim figures by claim id."""
    for key, want in expected.items():
        if key == "claims":
            by_id = {c["id"]: c for c in actual["claims"]}
            for claim_id, figures in want.items():
                for name, value in figures.items():
                    got = by_id[claim_id][name]
                    assert got == value, f"{claim_id}.{name}: {got} != {value} ({source})"
                    assert Decimal(got) == Decimal(value)
        elif isinstance(want, str) and key not in ("loss_ratio_limit_applied",):
            assert actual[key] == want, f"{key}: {actual[key]} != {want} ({source})"
            assert Decimal(actual[key]) == Decimal(want)
        else:
            assert actual[key] == want, f"{key}: {actual[key]} != {want} ({source})"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_worked_example_reproduces_the_documented_figures_through_the_api(path: Path) -> None:
    doc = load(path)
    result = retro.calculate(retro.parse_case(doc["case"]))
    assert_matches(result.as_dict(), doc["expected"], doc["source"])


@pytest.mark.parametrize("path", E2E, ids=lambda p: p.stem)
def test_typed_result_carries_exact_decimals(path: Path) -> None:
    doc = load(path)
    expected = doc["expected"]
    result = retro.calculate(doc["case"])
    assert result.losses_incurred == Decimal(expected["losses_incurred"])
    assert result.retro_premium == Decimal(expected["retro_premium"])
    assert result.net_insurance_charge == Decimal(expected["net_insurance_charge"])
    assert abs(result.result_amount) == Decimal(expected["result"]["amount"])
    assert result.retro_premium == (result.premium_admin_expense_charge
                                    + result.incurred_loss_expense_charge
                                    + result.net_insurance_charge)
    assert result.plan_violations == ()


def test_section_13_3_golden_cents_are_the_rounded_ones_not_the_unrounded() -> None:
    """retro.md §13.3: rounding at the §9 points gives these cents, not the unrounded ones."""
    result = retro.calculate(load(E2E[0])["case"])  # scenario A, loss basis
    claims = {c.id: c for c in result.claims}
    assert claims["C2"].loss_incurred == Decimal("74539.07") != Decimal("74539.06")
    assert claims["C5"].prelim_ma == Decimal("17110.82")
    assert claims["C5"].loss_incurred == Decimal("238674.28")
    assert result.losses_incurred == Decimal("527402.35")
    assert result.line("corridor.adjusted").value == "485210.16"
    assert result.incurred_loss_expense_charge == Decimal("545861.43")
    assert result.retro_premium == Decimal("644582.65")
    assert result.result_amount == Decimal("355417.35")


def test_scenario_c_premium_basis_sits_exactly_at_the_highest_possible_premium() -> None:
    doc = load(next(p for p in E2E if p.stem == "e2e_scenario_c_premium"))
    result = retro.calculate(doc["case"])
    assert result.highest_possible_premium == Decimal("1.458")
    assert result.retro_premium == result.highest_possible_premium * result.standard_premium


def test_every_example_runs_through_the_cli_as_one_list_in_order(tmp_path: Path) -> None:
    docs = [load(p) for p in CASES]
    case_file = tmp_path / "cases.json"
    case_file.write_text(json.dumps([d["case"] for d in docs]), encoding="utf-8")
    done = subprocess.run([str(RETRODESK), "calc", "retro", str(case_file)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert len(results) == len(docs)
    for doc, actual in zip(docs, results, strict=True):
        assert_matches(actual, doc["expected"], doc["source"])


def test_cli_text_worksheet_cites_a_rule_on_every_line_and_flags_illustrative(
    tmp_path: Path,
) -> None:
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(load(E2E[1])["case"]), encoding="utf-8")
    done = subprocess.run([str(RETRODESK), "calc", "retro", str(case_file), "--format", "text"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "ILLUSTRATIVE" in text
    assert "not an L&I figure" in text
    assert "RESULT: refund 346,138.57" in text
    detail_lines = [line for line in text.splitlines() if line.startswith("      ")]
    assert detail_lines
    assert all(line.rstrip().endswith("]") for line in detail_lines)
    assert "[WAC 296-17B-540(2)]" in text
    assert "[WAC 296-17B-440]" in text
