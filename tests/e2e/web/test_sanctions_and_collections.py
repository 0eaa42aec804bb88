"""Removal for prohibited conduct (WAC 296-17B-720), payments of additional premiums
(WAC 296-17B-780) and orders of assessment (RCW 51.48.120) from the pages and the API: forms,
refusals that change nothing, documents, the worklist, scope."""

from __future__ import annotations

import io
import re
from datetime import date

import pypdf
from sqlalchemy import func, select

from retrodesk.adapters.db.workflow_tables import CollectionOrderRecord, SanctionRecord
from tests.e2e.web.conftest import csrf_of
from tests.e2e.web.world import past_due_notice


def _count(app, record) -> int:
    with app.state.services.session_factory() as db:
        return db.scalar(select(func.count()).select_from(record)) or 0


def _pdf_text(pdf: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _post(client, page: str, action: str, data: dict):
    token = csrf_of(client.get(page).text)
    return client.post(action, data={**data, "csrf_token": token}, follow_redirects=False)


def test_a_coordinator_removes_an_employer_and_its_removal_notice_downloads(app, client_for):
    today = app.state.services.clock.today()
    client = client_for("coordinator")
    before = _count(app, SanctionRecord)
    incomplete = _post(client, "/sanctions", "/sanctions", {
        "participant_kind": "employer", "participant_id": "E3", "conduct": "claims_suppression",
        "findings": ""})
    assert incomplete.status_code == 422
    assert 'id="removal-findings" name="findings" rows="4" aria-invalid="true"' in incomplete.text
    assert 'value="E3"' in incomplete.text                   # what was typed is kept
    unknown = _post(client, "/sanctions", "/sanctions", {
        "participant_kind": "employer", "participant_id": "E77", "conduct": "claims_suppression",
        "findings": "Told workers not to file."})
    assert unknown.status_code == 404
    assert "no employer E77" in unknown.text
    assert _count(app, SanctionRecord) == before             # refused forms change nothing

    done = _post(client, "/sanctions", "/sanctions", {
        "participant_kind": "employer", "participant_id": "E3",
        "conduct": "paying_medical_providers", "findings": "Paid a clinic for injury visits."})
    assert done.status_code == 303
    page = client.get(done.headers["location"]).text
    assert "paying medical providers for services related to an industrial injury" in page
    assert "permanently barred" in page
    assert f"Removed on</dt><dd>{today.isoformat()}" in page
    link = re.search(r'href="(/documents/removal-RM-[^"]+)"', page)
    assert link, "the removal notice is listed on the removal's page"
    pdf = client.get(link.group(1))
    assert pdf.content.startswith(b"%PDF")
    assert "E3" in _pdf_text(pdf.content)
    sanction_id = done.headers["location"].rsplit("/", 1)[1]
    assert sanction_id in client.get("/sanctions").text
    assert sanction_id in client.get("/export/sanctions.csv").text

    staff = client_for("district_staff")
    refused = _post(staff, "/sanctions", "/sanctions", {
        "participant_kind": "employer", "participant_id": "E4", "conduct": "claims_suppression",
        "findings": "x"})
    assert refused.status_code == 403
    assert "Remove a participant" not in staff.get("/sanctions").text
    assert _count(app, SanctionRecord) == before + 1


def test_the_api_removes_a_group_and_bars_its_sponsor(anonymous, world):
    coordinator = {"Authorization": f"Bearer {world.tokens['coordinator']}"}
    bad = anonymous.post("/api/v1/sanctions", headers=coordinator, json={
        "participant_kind": "group", "participant_id": "G2", "conduct": "gossip",
        "findings": "x"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["path"] == "conduct"
    done = anonymous.post("/api/v1/sanctions", headers=coordinator, json={
        "participant_kind": "group", "participant_id": "G2",
        "conduct": "undisclosed_refund_conditions",
        "findings": "Members were told to stay in retro to receive their share."})
    assert done.status_code == 201, done.text
    body = done.json()
    assert (body["participant_id"], body["sponsor_id"]) == ("G2", "S2")
    read = anonymous.get(f"/api/v1/sanctions/{body['sanction_id']}", headers=coordinator).json()
    assert read["documents"][0]["kind"] == "removal_notice"
    sponsor = {"Authorization": f"Bearer {world.tokens['sponsor']}"}
    assert anonymous.get(f"/api/v1/sanctions/{body['sanction_id']}",
                         headers=sponsor).status_code == 404
    assert anonymous.post("/api/v1/sanctions", headers=sponsor, json={
        "participant_kind": "employer", "participant_id": "E1", "conduct": "claims_suppression",
        "findings": "x"}).status_code == 403


def test_an_order_of_assessment_is_served_from_the_notice_and_contested(app, client_for, world):
    notice = past_due_notice(app.state.services, world.other["individual_notice_id"], 3,
                             "1500.00", date(2026, 6, 30))
    client = client_for("coordinator")
    page = client.get(f"/notices/{notice}").text
    assert "Serve a notice and order of assessment" in page
    assert "The additional premium was due 2026-06-30" in page
    before = _count(app, CollectionOrderRecord)
    for typed, status, message in (("lots", 422, "is not an amount of money"),
                                   ("2,000.00", 422, "at most 1500.00")):
        refused = _post(client, f"/notices/{notice}", f"/notices/{notice}/assessment-orders",
                        {"unpaid": typed})
        assert (refused.status_code, message in refused.text) == (status, True), refused.text
    assert _count(app, CollectionOrderRecord) == before
    sponsor = client_for("sponsor")
    assert _post(sponsor, "/calculators/retro", f"/notices/{notice}/assessment-orders",
                 {"unpaid": ""}).status_code in (403, 404)

    served = _post(client, f"/notices/{notice}", f"/notices/{notice}/assessment-orders",
                   {"unpaid": "$1,000.00"})
    assert served.status_code == 303
    order_path = served.headers["location"]
    order = client.get(order_path).text
    assert "Unpaid amount</dt><dd class=\"assessment\">1,000.00" in order
    assert "unless reconsideration is requested or an appeal is filed" in order
    link = re.search(r'href="(/documents/assessment-order-OA-[^"]+)"', order)
    assert link
    assert client.get(link.group(1)).content.startswith(b"%PDF")
    notice_page = client.get(f"/notices/{notice}").text
    assert "Serve a notice and order of assessment" not in notice_page
    assert order_path.rsplit("/", 1)[1] in notice_page

    today = app.state.services.clock.today()
    contested = _post(client, order_path, f"{order_path}/contests",
                      {"contest": "reconsideration", "received_on": today.isoformat()})
    assert contested.status_code == 303
    after = client.get(order_path).text
    assert "reconsideration requested" in after.lower().replace("_", " ")
    assert "Record a request for reconsideration" not in after
    assert order_path.rsplit("/", 1)[1] in client.get("/assessment-orders").text


def test_the_api_serves_one_order_per_notice_and_records_an_appeal(anonymous, world):
    coordinator = {"Authorization": f"Bearer {world.tokens['coordinator']}"}
    again = anonymous.post(f"/api/v1/notices/{world.other['owed_notice_id']}/assessment-orders",
                           headers=coordinator, json={})
    assert again.status_code == 409
    assert "already served" in again.text
    refund = anonymous.post(f"/api/v1/notices/{world.other['notice_id']}/assessment-orders",
                            headers=coordinator, json={})
    assert refund.status_code == 409
    order = anonymous.get(f"/api/v1/assessment-orders/{world.other['order_id']}",
                          headers=coordinator).json()
    assert (order["order"]["amount"], order["order"]["payment_due"]) == ("1234.56", "2026-03-31")
    assert order["documents"][0]["kind"] == "assessment_order"
    late = anonymous.post(f"/api/v1/assessment-orders/{world.other['order_id']}/contests",
                          headers=coordinator, json={"contest": "appeal",
                                                     "received_on": "2099-01-01"})
    assert late.status_code == 409
    appealed = anonymous.post(f"/api/v1/assessment-orders/{world.other['order_id']}/contests",
                              headers=coordinator, json={"contest": "appeal"})
    assert appealed.status_code == 200, appealed.text
    assert appealed.json()["state"] == "appealed"
    employer = {"Authorization": f"Bearer {world.tokens['employer']}"}
    assert anonymous.get(f"/api/v1/assessment-orders/{world.other['order_id']}",
                         headers=employer).status_code == 404


def test_payments_are_recorded_until_the_notice_is_paid_and_it_leaves_the_worklist(
        app, client_for, anonymous, world):
    notice = past_due_notice(app.state.services, world.other["individual_notice_id"], 4,
                             "300.00", date(2026, 7, 31))
    token = {"Authorization": f"Bearer {world.tokens['coordinator']}"}

    def collections() -> list[str]:
        found = anonymous.get("/api/v1/worklist", headers=token).json()["collections"]
        return [item["subject"] for item in found]

    assert notice in collections()
    client = client_for("coordinator")
    assert 'Still owed: <span id="balance">300.00</span>' in client.get(f"/notices/{notice}").text
    for typed, message in (("lots", "is not an amount of money"),
                           ("400", "is more than the 300.00 still owed")):
        refused = _post(client, f"/notices/{notice}", f"/notices/{notice}/payments",
                        {"amount": typed})
        assert (refused.status_code, message in refused.text) == (422, True), refused.text
    paid = _post(client, f"/notices/{notice}", f"/notices/{notice}/payments",
                 {"amount": "100.00", "reference": "check 4417"})
    assert paid.status_code == 303
    page = client.get(f"/notices/{notice}").text
    assert 'Still owed: <span id="balance">200.00</span>' in page
    assert "check 4417" in page
    sponsor = {"Authorization": f"Bearer {world.tokens['sponsor']}"}
    assert anonymous.post(f"/api/v1/notices/{notice}/payments", headers=sponsor,
                          json={"amount": "200.00"}).status_code in (403, 404)
    rest = anonymous.post(f"/api/v1/notices/{notice}/payments", headers=token,
                          json={"amount": "200.00", "reference": "wire 88"})
    assert rest.status_code == 201, rest.text
    assert rest.json()["amount"] == "200.00"
    page = client.get(f"/notices/{notice}").text
    assert 'Still owed: <span id="balance">0.00</span>' in page
    assert "Record payment" not in page
    assert "Serve a notice and order of assessment" not in page
    assert notice not in collections()
    read = anonymous.get(f"/api/v1/notices/{notice}", headers=token).json()
    assert (read["balance"], sorted(p["reference"] for p in read["payments"])) == (
        "0.00", ["check 4417", "wire 88"])
