"""`retrodesk calc experience|premium`: text worksheets, lists, standard input, error contract."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from retrodesk.entrypoints.cli.main import app

RETRODESK = Path(sys.executable).with_name("retrodesk")
GOLDEN = Path(__file__).parents[2] / "golden" / "cases"
CLAIM_FREE = GOLDEN / "experience" / "claim_free_2014.json"
PREMIUM_2014 = GOLDEN / "premium" / "premium_2014_4904.json"


def case_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["case"]


def run(kind: str, args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RETRODESK), "calc", kind, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_text_worksheet_reads_like_the_bureau_s(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case_of(CLAIM_FREE)), encoding="utf-8")
    done = run("experience", [str(path), "--format", "text"])
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "EXPERIENCE RATING WORKSHEET — rating year 2014" in text
    assert "0514-00" in text
    assert "28,660.84" in text
    assert "13,877.04" in text
    assert "M2" in text
    assert "2,894.00" in text
    assert "Credible primary = 0.42 × 284.00 + 0.58 × 13,877.04 = 8,167.96" in text
    assert "Computed factor  = (8,167.96 + 13,748.93) / 28,660.84 = 0.7647" in text
    assert "EXPERIENCE FACTOR 2014: 0.7000" in text
    assert "ILLUSTRATIVE" in text


def test_premium_text_on_standard_input() -> None:
    done = run("premium", ["-", "--format", "text"], stdin=json.dumps(case_of(PREMIUM_2014)))
    assert done.returncode == 0, done.stderr
    assert "0.1431" in done.stdout
    assert "143.10" in done.stdout
    assert "86.30" in done.stdout


def test_one_bad_case_in_a_list_fails_the_call_with_indexed_paths() -> None:
    good = case_of(CLAIM_FREE)
    bad = json.loads(json.dumps(good))
    bad["exposure"][0]["hours"] = "-1"
    bad["exposure"][0]["fiscal_year"] = 2009
    done = run("experience", ["-"], stdin=json.dumps([good, bad]))
    assert (done.returncode, done.stdout) == (2, "")
    paths = {e["path"]: e["message"] for e in json.loads(done.stderr)["errors"]}
    assert paths == {
        "[1].exposure[0].hours": "must be >= 0",
        "[1].exposure[0].fiscal_year": "FY2009 is outside the experience period of "
        "rating year 2014 (FY2010–FY2012)",
    }


def test_a_missing_parameter_exits_2_naming_it() -> None:
    case = case_of(CLAIM_FREE) | {
        "rating_year": 2031,
        "exposure": [{"risk_class": "0514-00", "fiscal_year": 2027, "hours": "1"}],
        "claims": [],
        "parameters": {
            "expected_loss_rates": {"0514-00": {"2027": "10"}},
            "primary_ratios": {"0514-00": "0.5"},
        },
    }
    result = CliRunner().invoke(app, ["calc", "experience", "-"], input=json.dumps(case))
    assert result.exit_code == 2
    assert "rating year 2031 has no Table II credibility (WAC 296-17-880)" in result.output


def test_unknown_premium_class_exits_2() -> None:
    case = case_of(PREMIUM_2014) | {"hours": [{"risk_class": "9999-00", "hours": "1"}]}
    result = CliRunner().invoke(app, ["calc", "premium", "-"], input=json.dumps(case))
    assert result.exit_code == 2
    assert "unknown risk class 9999-00" in result.output
