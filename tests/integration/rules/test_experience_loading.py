"""`retrodesk rules load experience KIND FILE`: official tables from CSV or Excel replace the
packaged ones for their rating years; a bad file changes nothing."""

import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from retrodesk.entrypoints.cli.main import app

from .conftest import snapshot, write_csv

runner = CliRunner()
GOLDEN = Path(__file__).parents[2] / "golden" / "cases"


def load(kind: str, file: Path, citation: str = "WSR 13-24-073"):
    return runner.invoke(
        app, ["rules", "load", "experience", kind, str(file), "--citation", citation]
    )


def test_an_official_credibility_table_is_used_by_calc_experience(tmp_path, rules_dir, monkeypatch):
    monkeypatch.setenv("RETRODESK_RULES_DIR", str(rules_dir))
    file = write_csv(
        tmp_path / "table_ii.csv",
        [
            ["Year", "Expected Losses", "Zp", "Ze"],
            ["2014", "0", "0.00", "0.00"],
            ["2014", "$20,000.00", "0.40", "0.06"],
            ["2014", "30000", "0.45", "0.08"],
        ],
    )
    loaded = load("credibility", file)
    assert loaded.exit_code == 0, loaded.output
    assert "rating years 2014" in loaded.output
    case = json.loads((GOLDEN / "experience" / "claim_free_2014.json").read_text())["case"]
    done = runner.invoke(app, ["calc", "experience", "-"], input=json.dumps(case))
    assert done.exit_code == 0, done.output
    result = json.loads(done.output)
    assert (result["primary_credibility"], result["excess_credibility"]) == ("0.40", "0.06")
    sources = {s["name"]: s for s in result["provenance"]["sources"]}
    assert sources["credibility"] == {
        "name": "credibility",
        "origin": "official",
        "version": "WSR 13-24-073",
    }
    assert sources["claim_free_max"]["origin"] == "illustrative"


def test_official_base_rates_from_excel_are_used_by_calc_premium(tmp_path, rules_dir, monkeypatch):
    monkeypatch.setenv("RETRODESK_RULES_DIR", str(rules_dir))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["rating_year", "class", "AF", "MA", "SAW", "SP"])
    sheet.append([2020, "4904-00", 0.0301, 0.0225, 0.0006, 0.0910])
    path = tmp_path / "rates.xlsx"
    book.save(path)
    loaded = load("base-rates", path, "WSR 19-24-001")
    assert loaded.exit_code == 0, loaded.output
    case = {
        "rating_year": 2020,
        "experience_factor": "0.9789",
        "hours": [{"risk_class": "4904-00", "hours": "1000"}],
    }
    done = runner.invoke(app, ["calc", "premium", "-"], input=json.dumps(case))
    result = json.loads(done.output)
    assert result["premium"] == "143.10"
    assert result["provenance"]["illustrative"] is False


def test_a_bad_file_is_refused_with_every_problem_and_nothing_is_written(
    tmp_path, rules_dir, monkeypatch
):
    monkeypatch.setenv("RETRODESK_RULES_DIR", str(rules_dir))
    file = write_csv(
        tmp_path / "table_iii.csv",
        [
            ["rating_year", "risk_class", "fiscal_year", "rate"],
            ["2016", "0510-00", "2012", "1.2"],
            ["2016", "0510-00", "2013", "abc"],
            ["2016", "0510-00", "2014", "-1"],
            ["2016", "0510-00", "2012", "1.3"],
        ],
    )
    before = snapshot(rules_dir)
    refused = load("expected-loss-rates", file)
    assert refused.exit_code == 2
    paths = {e["path"]: e["message"] for e in json.loads(refused.output)["errors"]}
    assert paths["table_iii.csv:row 3:column rate"] == "'abc' is not a number"
    assert paths["table_iii.csv:row 4:column rate"] == "must be >= 0"
    assert paths["table_iii.csv:row 5"] == "repeats table_iii.csv:row 2 for rating year 2016"
    assert snapshot(rules_dir) == before


def test_a_table_already_loaded_for_a_rating_year_is_not_loaded_again(
    tmp_path, rules_dir, monkeypatch
):
    monkeypatch.setenv("RETRODESK_RULES_DIR", str(rules_dir))
    file = write_csv(
        tmp_path / "mcv.csv",
        [["rating_year", "parameter", "value"], ["2016", "max_claim_value", "301000"]],
    )
    assert load("parameters", file).exit_code == 0
    again = load("parameters", file)
    assert again.exit_code == 2
    assert "rating year 2016 already has an official max_claim_value loaded" in again.output


def test_an_unknown_kind_and_a_missing_column_are_refused(tmp_path, rules_dir, monkeypatch):
    monkeypatch.setenv("RETRODESK_RULES_DIR", str(rules_dir))
    file = write_csv(tmp_path / "t.csv", [["rating_year", "risk_class"], ["2016", "0510-00"]])
    assert "is not one of parameters" in load("table-v", file).output
    missing = load("primary-ratios", file)
    assert missing.exit_code == 2
    assert "t.csv:row 1:column ratio" in missing.output


def test_show_lists_a_rating_year_with_provenance_after_a_load(tmp_path, rules_dir, monkeypatch):
    monkeypatch.setenv("RETRODESK_RULES_DIR", str(rules_dir))
    file = write_csv(tmp_path / "mcv.csv", [["rating_year", "parameter", "value"],
                                            ["2016", "max_claim_value", "301000"]])
    assert load("parameters", file, "WSR 15-24-100").exit_code == 0
    shown = runner.invoke(app, ["rules", "show", "experience", "--as-of", "2016-06-30"])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    mcv = next(x for x in lines if x.startswith("maximum claim value"))
    assert mcv.endswith("2016-01-01 → 2017-01-01: 301000 — official: WSR 15-24-100")
    assert "WARNING: illustrative values in use" in shown.output
    assert "maximum claim value" not in shown.output.split("WARNING")[1]
