"""Sharing a group refund with its members (WAC 296-17B-200; programs.md §11) and recording
safety-training attendance, from the pages and the API: forms, refusals, statements, scope."""

from __future__ import annotations

import re

from tests.e2e.web.conftest import csrf_of


def _post(client, page: str, action: str, data: dict):
    token = csrf_of(client.get(page).text)
    return client.post(action, data={**data, "csrf_token": token}, follow_redirects=False)


def test_staff_record_a_seminar_on_the_employer_page(client_for, world):
    account = world.own["account_id"]
    page = f"/employers/{account}"
    client = client_for("coordinator")
    assert "No seminar on record." in client.get(page).text
    refused = _post(client, page, f"{page}/training", {"course": " ", "attended_on": "2099-01-01"})
    assert refused.status_code == 422
    assert "is after today" in refused.text
    done = _post(client, page, f"{page}/training", {
        "course": "Ladder safety", "attended_on": "2025-03-01", "provider": "L&I DOSH",
        "is_in_person": "yes"})
    assert done.status_code == 303
    shown = client.get(page).text
    assert re.search(r"<td>2025-03-01</td><td>Ladder safety</td><td>L&amp;I DOSH</td><td>yes</td>",
                     shown)
    employer = client_for("employer")                    # sees its own, may not record
    assert "Ladder safety" in employer.get(page).text
    assert _post(employer, page, f"{page}/training", {"course": "x"}).status_code == 403
    assert "Record attendance" not in employer.get(page).text


def test_a_sponsor_shares_its_group_refund_and_members_get_their_statements(
        client_for, world, anonymous):
    notice = world.own["notice_id"]
    sponsor = client_for("sponsor")
    page = sponsor.get(f"/notices/{notice}").text
    assert "Share the refund and issue statements" in page
    assert 'id="terms-performance" name="performance" inputmode="decimal" value="50"' in page
    terms = {"holdback": "25", "premium_share": "30", "performance": "50", "training": "25",
             "training_years": "3", "cap_first": "40", "cap_second": "70"}
    uneven = _post(sponsor, f"/notices/{notice}", f"/notices/{notice}/distribution", terms)
    assert uneven.status_code == 422
    assert "weights must add up to 100 %" in uneven.text
    shared = _post(sponsor, f"/notices/{notice}", f"/notices/{notice}/distribution",
                   {**terms, "premium_share": "25"})
    assert shared.status_code == 303
    page = sponsor.get(f"/notices/{notice}").text
    assert "Share the refund and issue statements" not in page
    statements = re.findall(r'href="/documents/(statement-[^"]+)"', page)
    member = world.own["account_id"]
    own_copy = next(s for s in statements if s.endswith(f"-{member}"))
    sponsor_copy = next(s for s in statements if not s.endswith(f"-{member}"))
    assert sponsor.get(f"/documents/{sponsor_copy}").content.startswith(b"%PDF")
    employer = client_for("employer")
    assert employer.get(f"/documents/{own_copy}").content.startswith(b"%PDF")
    assert employer.get(f"/documents/{sponsor_copy}").status_code == 404
    again = _post(sponsor, f"/notices/{notice}", f"/notices/{notice}/distribution",
                  {**terms, "premium_share": "25"})       # a stale form sent twice
    assert again.status_code == 409

    token = {"Authorization": f"Bearer {world.tokens['sponsor']}"}
    other = anonymous.post(f"/api/v1/notices/{world.other['notice_id']}/distribution",
                           headers=token, json={})
    assert other.status_code == 404
    staff = {"Authorization": f"Bearer {world.tokens['coordinator']}"}
    individual = anonymous.post(
        f"/api/v1/notices/{world.other['individual_notice_id']}/distribution", headers=staff,
        json={})
    assert individual.status_code == 409
    assert "not a group refund" in individual.text
