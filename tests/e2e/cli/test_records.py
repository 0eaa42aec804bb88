"""`retrodesk db upgrade`, `import`, `export` and `synth` through the real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.db.books import EMPLOYERS, LOSS_RUN_2023, write

RETRODESK = Path(sys.executable).with_name("retrodesk")


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # no stray .env; the default database file lands here

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {"RETRODESK_DATABASE_URL": f"sqlite:///{tmp_path / 'book.db'}", "PATH": ""}
        return subprocess.run([str(RETRODESK), *args], capture_output=True, text=True,
                              check=False, env=env, cwd=tmp_path)
    return run


def test_import_before_upgrade_says_what_to_do(run, tmp_path: Path) -> None:
    result = run("import", "employers", str(write(tmp_path, "e.csv", EMPLOYERS)))
    assert result.returncode == 2
    assert "retrodesk db upgrade" in result.stderr


def test_a_good_file_imports_and_exports(run, tmp_path: Path) -> None:
    assert run("db", "upgrade").returncode == 0
    employers = run("import", "employers", str(write(tmp_path, "e.csv", EMPLOYERS)),
                    "--as-of", "2024-03-01")
    assert employers.returncode == 0, employers.stderr
    assert employers.stdout.strip() == (
        "employers: 3 rows read; inserted employers 3, ownership_links 1")
    claims = run("import", "claims", str(write(tmp_path, "lr.csv", LOSS_RUN_2023)))
    assert claims.returncode == 0, claims.stderr
    exported = run("export", "claims", str(tmp_path / "claims.xlsx"))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == f"claims: 2 rows written to {tmp_path / 'claims.xlsx'}"
    again = run("import", "claims", str(tmp_path / "claims.xlsx"))
    assert again.stdout.strip() == (
        "claims: 2 rows read; unchanged claim_valuations 2, claims 2")


def test_a_bad_file_exits_2_with_every_problem_on_stderr(run, tmp_path: Path) -> None:
    assert run("db", "upgrade").returncode == 0
    bad = EMPLOYERS.replace("2015-01-01", "2015-13-01").replace("0510-00", "9999-99")
    result = run("import", "employers", str(write(tmp_path, "bad.csv", bad)))
    assert result.returncode == 2
    assert result.stdout == ""
    errors = json.loads(result.stderr)["errors"]
    assert [e["path"] for e in errors] == ["bad.csv:2:opened_on", "bad.csv:3:governing_class"]
    exported = run("export", "employers", str(tmp_path / "after.csv"))
    assert exported.stdout.startswith("employers: 0 rows")


def test_synth_writes_a_book_with_a_progress_bar(run, tmp_path: Path) -> None:
    assert run("db", "upgrade").returncode == 0
    result = run("synth", "--employers", "60", "--seed", "4", "--years", "2",
                 "--as-of", "2026-06-30")
    assert result.returncode == 0, result.stderr
    assert "employers: 60 rows read; inserted employers 60" in result.stdout
    assert "quarterly reports" in result.stdout  # the progress bar's stage


def test_an_unknown_kind_is_refused(run, tmp_path: Path) -> None:
    result = run("import", "payrolls", str(tmp_path / "x.csv"))
    assert result.returncode == 2
