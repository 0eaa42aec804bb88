"""`retrodesk calc retro`: the contract's output and error behaviour (spec/calc-io.md).

Bad input exits 2 with `{"errors": [{"path", "message"}]}` on stderr and nothing on stdout.
"""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retrodesk.entrypoints.cli.main import app

RETRODESK = Path(sys.executable).with_name("retrodesk")
EXAMPLE = Path(__file__).parents[2] / "golden" / "cases" / "retro" / "e2e_scenario_a_premium.json"


@pytest.fixture
def case() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))["case"]


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(RETRODESK), "calc", "retro", *args], input=stdin,
                          capture_output=True, text=True, check=False)


def errors_of(done: subprocess.CompletedProcess[str]) -> dict[str, str]:
    assert done.returncode == 2
    assert done.stdout == ""
    return {e["path"]: e["message"] for e in json.loads(done.stderr)["errors"]}


def test_a_case_on_standard_input_gives_its_result(case: dict) -> None:
    done = run(["-"], stdin=json.dumps(case))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["retro_premium"] == "653861.43"


def test_malformed_json_is_refused_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"coverage_period_start": ', encoding="utf-8")
    errors = errors_of(run([str(bad)]))
    assert "not valid JSON" in errors[""]


def test_every_input_problem_is_reported_with_its_path(tmp_path: Path, case: dict) -> None:
    case["adjustment"] = 2                               # needs prior_retro_premium
    case["claims"][0]["af_reserve"] = "-1.00"
    case["claims"][1]["af_paid"] = 1.5                   # a float, not a decimal string
    case["plan"]["basis"] = "hybrid"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    errors = errors_of(run([str(path)]))
    assert errors["claims[0].af_reserve"] == "must be >= 0"
    assert "floating-point" in errors["claims[1].af_paid"]
    assert errors["prior_retro_premium"] == "is required"
    assert "plan.basis" in errors


def test_unknown_claim_type_in_a_list_is_reported_with_the_case_index(
    tmp_path: Path, case: dict,
) -> None:
    second = copy.deepcopy(case)
    second["claims"][2]["type"] = "sprained_ankle"
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([case, second]), encoding="utf-8")
    errors = errors_of(run([str(path)]))
    assert "unknown claim type 'sprained_ankle'" in errors["[1].claims[2].type"]


def test_a_start_date_with_no_rulebook_version_names_the_parameter_and_date(
    tmp_path: Path, case: dict,
) -> None:
    case["coverage_period_start"] = "2099-01-01"
    for claim in case["claims"]:
        claim["injury_date"] = "2099-02-01"
    case["factors"]["paf"] = None
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    errors = errors_of(run([str(path)]))
    assert "performance adjustment factor for adjustment 1 in force on 2099-01-01" in errors["paf"]


def test_a_start_before_2014_07_01_is_refused_naming_the_rule_version(case: dict) -> None:
    case["coverage_period_start"] = "2012-01-01"
    result = CliRunner().invoke(app, ["calc", "retro", "-"], input=json.dumps(case))
    assert result.exit_code == 2
    assert result.stdout == ""
    errors = json.loads(result.stderr)["errors"]
    assert errors[0]["path"] == "coverage_period_start"
    assert "WSR 10-21-086" in errors[0]["message"]


def test_a_start_that_is_not_a_quarter_day_is_refused(case: dict) -> None:
    case["coverage_period_start"] = "2023-10-15"
    result = CliRunner().invoke(app, ["calc", "retro", "-"], input=json.dumps(case))
    assert result.exit_code == 2
    assert "calendar quarter" in json.loads(result.stderr)["errors"][0]["message"]


def test_a_list_gives_a_list_of_results_in_order(case: dict) -> None:
    second = copy.deepcopy(case)
    second["standard_premium"][0] = {**second["standard_premium"][0],
                                     "accident_fund": "1400000.00", "medical_aid": "600000.00"}
    result = CliRunner().invoke(app, ["calc", "retro", "-"], input=json.dumps([case, second]))
    assert result.exit_code == 0, result.stderr
    rps = [r["retro_premium"] for r in json.loads(result.stdout)]
    assert rps == ["653861.43", "1116000.00"]


def test_text_format_prints_every_case_of_a_list(case: dict) -> None:
    result = CliRunner().invoke(app, ["calc", "retro", "-", "--format", "text"],
                                input=json.dumps([case, case]))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("RETROSPECTIVE RATING WORKSHEET") == 2
