"""Workflow pages: a protest walked to its Notice of Decision, documents, appeals, the audit."""

from __future__ import annotations

import re

from sqlalchemy import select

from retrodesk.adapters.db.tables import AuditEntryRecord
from tests.e2e.web.conftest import csrf_of


def _form_post(client, page_path: str, action: str, data: dict) -> object:
    page = client.get(page_path)
    assert page.status_code == 200, page.text
    return client.post(action, data={**data, "csrf_token": csrf_of(page.text)},
                       follow_redirects=False)


def test_a_protest_is_decided_and_its_notice_of_decision_downloads(app, client_for, world):
    client = client_for("coordinator")
    notice = world.other["individual_notice_id"]
    filed = _form_post(client, f"/notices/{notice}", f"/notices/{notice}/protests",
                       {"grounds": "The claim reserve is overstated."})
    assert filed.status_code == 303
    protest_path = filed.headers["location"]
    assert "under review" in client.get(protest_path).text
    decided = _form_post(client, protest_path, f"{protest_path}/decision",
                         {"decision": "Affirmed", "reasons": "Reserve supported by the file."})
    assert decided.status_code == 303
    page = client.get(protest_path).text
    assert "decided" in page
    document = re.search(r'href="(/documents/decision-[^"]+)"', page)
    assert document, "the Notice of Decision is listed on the protest"
    pdf = client.get(document.group(1))
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "coordinator" in _actors(app, "protests")


def _actors(app, table: str) -> set[str]:
    with app.state.services.session_factory() as db:
        return set(db.scalars(select(AuditEntryRecord.actor)
                              .where(AuditEntryRecord.table_name == table)))


def test_a_sponsor_protests_its_own_group_notice_but_cannot_decide(app, client_for, world):
    client = client_for("sponsor")
    notice = world.own["notice_id"]
    filed = _form_post(client, f"/notices/{notice}", f"/notices/{notice}/protests",
                       {"grounds": "Payroll misreported"})
    assert filed.status_code == 303
    protest_path = filed.headers["location"]
    refused = _form_post(client, protest_path, f"{protest_path}/decision",
                         {"decision": "Reversed"})
    assert refused.status_code == 403
    assert "sponsor" in _actors(app, "protests")    # every write is audited with its user


def test_notice_page_shows_the_worksheet_with_rules_and_the_notice_pdf(client_for, world):
    client = client_for("coordinator")
    page = client.get(f"/notices/{world.own['notice_id']}").text
    assert "WAC 296-17B" in page
    link = re.search(r'href="(/documents/notice-[^"]+)"', page)
    assert link
    assert client.get(link.group(1)).content.startswith(b"%PDF")


def test_workflow_lists_page_and_export(client_for):
    client = client_for("coordinator")
    for path in ("/adjustments", "/protests", "/appeals", "/enrollment"):
        assert client.get(path).status_code == 200, path
    for name in ("notices", "protests", "appeals", "applications"):
        assert client.get(f"/export/{name}.csv").status_code == 200, name


def test_an_appeal_case_file_is_built_and_downloads(client_for, world):
    client = client_for("coordinator")
    appeal = f"/appeals/{world.other['appeal_id']}"
    built = _form_post(client, appeal, f"{appeal}/case-file", {})
    assert built.status_code == 303
    assert client.get(built.headers["location"]).content.startswith(b"%PDF")


def test_the_api_walks_a_protest_to_its_notice_of_decision(anonymous, world):
    token = {"Authorization": f"Bearer {world.tokens['coordinator']}"}
    notice = world.other["second_individual_notice_id"]   # protested by this test only
    assert anonymous.get(f"/api/v1/notices/{notice}", headers=token).status_code == 200
    filed = anonymous.post(f"/api/v1/notices/{notice}/protests", headers=token,
                           json={"grounds": "Hours misreported"})
    assert filed.status_code == 201, filed.text
    protest_id = filed.json()["protest_id"]
    decided = anonymous.post(f"/api/v1/protests/{protest_id}/decision", headers=token,
                             json={"decision": "Affirmed", "reasons": ["Hours as reported."]})
    assert decided.status_code == 200, decided.text
    assert decided.json()["state"] == "decided"
    documents = anonymous.get(f"/api/v1/protests/{protest_id}", headers=token).json()["documents"]
    pdf = anonymous.get(f"/api/v1/documents/{documents[0]['document_id']}", headers=token)
    assert pdf.content.startswith(b"%PDF")


def test_the_api_refuses_bad_bodies_and_roles_in_the_contract_shape(anonymous, world):
    sponsor = {"Authorization": f"Bearer {world.tokens['sponsor']}"}
    assert anonymous.get("/api/v1/worklist", headers=sponsor).status_code == 403
    bad = anonymous.post(f"/api/v1/notices/{world.own['notice_id']}/protests", headers=sponsor,
                         json={"grounds": ""})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["path"] == "grounds"
    coordinator = {"Authorization": f"Bearer {world.tokens['coordinator']}"}
    worklist = anonymous.get("/api/v1/worklist", headers=coordinator).json()
    assert set(worklist) >= {"as_of", "applications", "deadlines", "runs", "protests"}


def test_an_application_is_reviewed_from_its_page_with_every_check_listed(app, client_for, world):
    from datetime import date
    from decimal import Decimal

    from retrodesk.programs import enrollment
    from retrodesk.programs.commands import FileApplication
    from retrodesk.programs.workflow import ApplicationKind

    services = app.state.services
    enrollment.file_application(FileApplication(
        application_id="APP-E4", kind=ApplicationKind.INDIVIDUAL, coverage_start=date(2027, 1, 1),
        received_on=date(2026, 10, 1), actor="test-setup", account_id="E4",
        plan_basis="premium", single_loss_limit=Decimal("250000"),
        max_loss_ratio=Decimal("1.20"), min_loss_ratio=Decimal("0.40"),
        signer_name="Pat Signer", signer_title="Owner"), services.program_ports("test-setup"))
    client = client_for("coordinator")
    page = client.get("/applications/APP-E4")
    assert page.status_code == 200
    assert "Not reviewed yet." in page.text
    reviewed = client.post("/applications/APP-E4/review",
                           data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert reviewed.status_code == 303
    after = client.get("/applications/APP-E4").text
    assert "Not reviewed yet." not in after
    assert re.search(r"(approved|refused)", after)
    assert "WAC 296-17B" in after
    staff = client_for("district_staff")
    refused = staff.post("/applications/APP-E4/review",
                         data={"csrf_token": csrf_of(staff.get("/applications/APP-E4").text)})
    assert refused.status_code == 403


def test_the_group_page_loads_the_projected_next_adjustment(client_for, world):
    client = client_for("sponsor")
    group = world.own["group_id"]
    page = client.get(f"/groups/{group}").text
    assert f'hx-get="/groups/{group}/projection"' in page
    projected = client.get(f"/groups/{group}/projection")
    assert projected.status_code == 200
    # Adjustment 2, or 3 once another test has run the adjustments due today.
    assert re.search(r"Adjustment [23] of the coverage period from 2024-01-01", projected.text)
    assert re.search(r"(refund|assessment|none) [\d,]+\.\d\d", projected.text)


def test_the_worklist_shows_a_change_made_elsewhere_at_once(app, anonymous, world):
    """A change made by another process (here: the use case called directly, not through the
    app) is on the next worklist: it is rebuilt whenever the audit log has moved."""
    from datetime import date
    from decimal import Decimal

    from retrodesk.entrypoints.bootstrap import build_services
    from retrodesk.programs import enrollment
    from retrodesk.programs.commands import FileApplication
    from retrodesk.programs.workflow import ApplicationKind

    token = {"Authorization": f"Bearer {world.tokens['coordinator']}"}

    def waiting() -> list[str]:
        found = anonymous.get("/api/v1/worklist", headers=token).json()["applications"]
        return [item["subject"] for item in found]

    assert "APP-ELSEWHERE" not in waiting()
    assert waiting() == waiting()                       # unchanged records: the same list
    settings = app.state.services.settings
    other = build_services(settings)                    # another process's view of the database
    try:
        enrollment.file_application(FileApplication(
            application_id="APP-ELSEWHERE", kind=ApplicationKind.INDIVIDUAL,
            coverage_start=date(2027, 4, 1), received_on=date(2027, 2, 1), actor="clerk",
            account_id="E4", plan_basis="premium", single_loss_limit=Decimal("250000"),
            max_loss_ratio=Decimal("1.20"), min_loss_ratio=Decimal("0.40"),
            signer_name="Pat Signer", signer_title="Owner"), other.program_ports("clerk"))
    finally:
        other.engine.dispose()
    assert "APP-ELSEWHERE" in waiting()
