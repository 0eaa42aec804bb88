"""`retrodesk adjust`, `retrodesk worklist` and `retrodesk export notices|adjustments` on a
synthetic book in a SQLite file."""

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
