"""`retrodesk demo` end to end on a small book: database, book, adjustments, logins; then the
app serves what it prepared, and a second run reuses the database."""

from __future__ import annotations

import re
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from retrodesk.adapters.db.tables import EmployerRecord, EnrollmentRecord, UserRecord
from retrodesk.adapters.db.workflow_tables import (
    DisclosedTermsRecord,
    NoticeRecord,
    PaymentRecord,
    TrainingAttendanceRecord,
)
from retrodesk.entrypoints.cli.demo import OPEN_COLLECTION_DAYS
from retrodesk.entrypoints.cli.main import app as cli
from retrodesk.entrypoints.settings import Settings
from retrodesk.entrypoints.web.app import create_app
from retrodesk.programs.payments import unpaid_after_due
from tests.e2e.web.conftest import SECRET, sign_in

ROLES = ("coordinator", "district_staff", "actuary", "administrator", "sponsor", "employer")


def test_demo_prepares_a_database_prints_logins_and_the_app_serves_it(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("RETRODESK_DATABASE_URL", url)
    result = CliRunner().invoke(cli, ["demo", "--employers", "400", "--seed", "7", "--no-serve"])
    assert result.exit_code == 0, result.output
    logins = dict(re.findall(r"(demo-[a-z-]+)\s+│\s+(\S+)", result.output))
    assert set(logins) == {f"demo-{r.replace('_', '-')}" for r in ROLES}
    done = re.search(r"adjustments\s.*?(\d+)/(\d+)", result.output)   # a bar per adjustment
    assert done, result.output
    assert done.group(1) == done.group(2) != "0"

    app = create_app(Settings(database_url=url, secret_key=SECRET, environment="test"))
    services = app.state.services
    with services.session_factory() as db:
        assert db.scalar(select(func.count()).select_from(EmployerRecord)) == 400
        assert db.scalar(select(func.count()).select_from(UserRecord)) == len(ROLES)
        notices = db.scalar(select(func.count()).select_from(NoticeRecord))
    assert notices > 0, "the adjustments due were run"
    assert re.search(r"demo-sponsor\s+│\s+\S+\s+│\s+sponsor S\d+", result.output)
    client = sign_in(TestClient(app, base_url="https://testserver"), "demo-coordinator",
                     logins["demo-coordinator"])
    assert client.get("/").status_code == 200
    assert "400 rows" in client.get("/employers").text
    with services.session_factory() as db:
        notice_id = db.scalar(select(NoticeRecord.key).order_by(NoticeRecord.key).limit(1))
    first = client.get(f"/documents/notice-{notice_id}")      # rendered on first download
    assert first.status_code == 200
    assert first.content.startswith(b"%PDF")
    assert client.get(f"/documents/notice-{notice_id}").content == first.content
    # Past additional premiums were paid by their due dates; only recent ones are still chased.
    recent = services.clock.today() - timedelta(days=OPEN_COLLECTION_DAYS)
    with services.session_factory() as db:
        payments = db.scalar(select(func.count()).select_from(PaymentRecord))
        trained = db.scalar(select(func.count()).select_from(TrainingAttendanceRecord))
    assert trained, "some group members attended a seminar (the training pool has members)"
    with services.session_factory() as db:            # every group period has its terms
        periods = db.scalar(select(func.count()).select_from(EnrollmentRecord).where(
            EnrollmentRecord.participant_kind == "group"))
        assert db.scalar(select(func.count()).select_from(DisclosedTermsRecord)) == periods > 0
    chased = client.get("/api/v1/worklist").json()["collections"]
    assert all(date.fromisoformat(item["due"]) >= recent for item in chased)
    with services.program_ports("test").uow as uow:
        assert unpaid_after_due(uow.notices.headers(), uow.payments.list(), recent) == []
    services.engine.dispose()

    again = CliRunner().invoke(cli, ["demo", "--employers", "400", "--seed", "7", "--no-serve"])
    assert again.exit_code == 0, again.output
    assert "employers" not in again.output.split("Demo sign-ins")[0]   # the book was reused
    with services.session_factory() as db:                # and nothing re-issued or re-paid
        assert db.scalar(select(func.count()).select_from(NoticeRecord)) == notices
        assert db.scalar(select(func.count()).select_from(PaymentRecord)) == payments
        assert db.scalar(select(func.count()).select_from(TrainingAttendanceRecord)) == trained
