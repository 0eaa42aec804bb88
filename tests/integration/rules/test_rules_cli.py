"""`retrodesk rules load|show retro` through the command line."""

import json

from typer.testing import CliRunner

from retrodesk.entrypoints.cli.main import app

from .conftest import insurance_rows, snapshot, write_csv

runner = CliRunner()


def test_load_then_show_reports_the_official_table(tmp_path, rules_dir, monkeypatch):
    monkeypatch.setenv("RETRODESK_RULES_DIR", str(rules_dir))
    file = write_csv(tmp_path / "ins.csv", insurance_rows())
    loaded = runner.invoke(
        app,
        [
            "rules",
            "load",
            "retro",
            "insurance",
            str(file),
            "--citation",
            "WSR 24-01-001",
            "--effective-from",
            "2023-12-15",
        ],
    )
    assert loaded.exit_code == 0, loaded.output
    assert "governs coverage periods starting 2024-01-01 → open" in loaded.output
    shown = runner.invoke(app, ["rules", "show", "retro", "--as-of", "2024-01-01"])
    assert shown.exit_code == 0, shown.output
    line = next(x for x in shown.output.splitlines() if x.startswith("insurance charge"))
    assert "official: WSR 24-01-001" in line
    assert "WARNING: illustrative values in use" in shown.output
    assert "insurance charge" not in shown.output.split("WARNING")[1]


def test_a_bad_file_exits_2_with_every_problem_as_json_and_changes_nothing(
    tmp_path, rules_dir, monkeypatch
):
    monkeypatch.setenv("RETRODESK_RULES_DIR", str(rules_dir))
    file = write_csv(tmp_path / "p.csv", [["parameter", "value"], ["pae", "1.5"], ["nope", "1"]])
    done = runner.invoke(
        app,
        [
            "rules",
            "load",
            "retro",
            "parameters",
            str(file),
            "--citation",
            "WSR x",
            "--effective-from",
            "2024-01-01",
        ],
    )
    assert done.exit_code == 2
    errors = json.loads(done.stderr)["errors"]
    assert [e["path"] for e in errors] == [
        "p.csv:row 2:column value",
        "p.csv:row 3:column parameter",
    ]
    assert snapshot(rules_dir) == {}


def test_show_without_a_rules_folder_lists_the_packaged_versions(tmp_path, monkeypatch):
    monkeypatch.setenv("RETRODESK_RULES_DIR", str(tmp_path / "none"))
    done = runner.invoke(app, ["rules", "show", "retro"])
    assert done.exit_code == 0
    assert "WSR 17-12-020 (eff. 2017-06-30)" in done.output
    assert "illustrative: table-m-lognormal v1" in done.output
    assert runner.invoke(app, ["rules", "show", "experiment"]).exit_code == 2
