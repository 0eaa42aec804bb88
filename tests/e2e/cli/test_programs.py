"""`retrodesk adjust`, `retrodesk worklist`, `retrodesk loss-control` and `retrodesk export
notices|adjustments` on a synthetic book in a SQLite file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retrodesk.entrypoints.cli.main import app

RUNNER = CliRunner()


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RETRODESK_DATABASE_URL", f"sqlite:///{tmp_path / 'retrodesk.db'}")
    for args in (["db", "upgrade"],
                 ["synth", "--employers", "300", "--years", "5", "--as-of", "2026-11-29"]):
        done = RUNNER.invoke(app, args)
        assert done.exit_code == 0, done.output
    return tmp_path


def run(*args: str) -> str:
    done = RUNNER.invoke(app, list(args))
    assert done.exit_code == 0, done.output
    return done.stdout


def test_adjust_runs_what_is_due_once_and_says_so(book: Path) -> None:
    first = json.loads(run("adjust", "--valuation-date", "2026-11-29", "--format", "json"))
    assert first["computed"] >= 1
    assert first["notices_issued"] == first["computed"]
    assert first["already_done"] == 0
    assert first["assessment_orders_final"] == 0     # none served in a fresh book
    again = run("adjust", "--valuation-date", "2026-11-29")
    assert again == (f"valuation date 2026-11-29: 0 adjustments computed, {first['computed']} "
                     "already done, 0 notices issued\n")
    notices = book / "notices.csv"
    run("export", "notices", str(notices))
    rows = list(csv.DictReader(notices.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == first["computed"]
    assert {r["state"] for r in rows} == {"issued"}
    run("export", "adjustments", str(book / "adjustments.csv"))
    exported = (book / "adjustments.csv").read_text(encoding="utf-8").splitlines()
    assert len(list(csv.DictReader(exported))) == first["computed"]


def test_worklist_lists_open_protest_windows_after_a_run(book: Path) -> None:
    before = json.loads(run("worklist", "--as-of", "2026-11-29", "--format", "json"))
    assert before["runs"]
    assert before["protests"] == []
    run("adjust", "--valuation-date", "2026-11-29")
    after = json.loads(run("worklist", "--as-of", "2026-12-01", "--format", "json"))
    assert after["runs"] == []
    assert after["protests"]
    assert next(d["subject"] for d in after["deadlines"]) == "group_renewal 2027-01-01"
    text = run("worklist", "--as-of", "2026-12-01")
    assert text.startswith("applications (0)\ndeadlines (4)\n")


def test_a_bad_date_is_refused_with_exit_code_2(book: Path) -> None:
    done = RUNNER.invoke(app, ["adjust", "--valuation-date", "2026-13-01"])
    assert done.exit_code == 2
    assert "--valuation-date '2026-13-01' is not a date" in done.stderr


def test_loss_control_profiles_an_employer_against_its_classes(book: Path) -> None:
    run("export", "claims", str(book / "claims.csv"))
    claims = list(csv.DictReader((book / "claims.csv").read_text(encoding="utf-8").splitlines()))
    account = max({c["account_id"] for c in claims},
                  key=lambda a: (sum(c["account_id"] == a for c in claims), a))
    profile = json.loads(run("loss-control", "employer", account, "--as-of", "2026-11-29",
                             "--format", "json"))
    assert profile["subject"] == f"employer {account}"
    assert (profile["injury_from"], profile["injury_to"]) == ("2023-10-01", "2026-09-30")
    assert profile["claims"] > 0
    for lines in profile["by_dimension"].values():             # every claim has one code line
        assert sum(line["claims"] for line in lines) == profile["claims"]
    assert all(line["rule"] for line in profile["worksheet"])
    text = run("loss-control", "employer", account, "--as-of", "2026-11-29")
    assert text.startswith(f"employer {account}: injuries 2023-10-01 – 2026-09-30")
    assert "Claims per 200,000 hours:" in text
    missing = RUNNER.invoke(app, ["loss-control", "group", "G9999"])
    assert missing.exit_code == 3
    assert "group G9999 not found" in missing.stderr
