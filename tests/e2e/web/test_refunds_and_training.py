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


def test_a_sponsor_records_its_disclosed_terms_then_shares_its_refund(
        client_for, world, anonymous):
    notice, group = world.own["notice_id"], world.own["group_id"]
    sponsor = client_for("sponsor")
    page = sponsor.get(f"/notices/{notice}").text
    assert "No refund-sharing terms are on record for this period" in page
    assert "Share the refund and issue statements" not in page
    group_page = f"/groups/{group}"
    form = sponsor.get(group_page).text
    assert 'id="terms-performance" name="performance" inputmode="decimal" value="50"' in form
    period = re.search(r'name="coverage_start" value="([^"]+)"', form).group(1)
    terms = {"coverage_start": period, "holdback": "25", "premium_share": "30",
             "performance": "50", "training": "25", "training_years": "3", "cap_first": "40",
             "cap_second": "70"}
    uneven = _post(sponsor, group_page, f"{group_page}/terms", terms)
    assert uneven.status_code == 422
    assert "weights must add up to 100 %" in uneven.text
    recorded = _post(sponsor, group_page, f"{group_page}/terms", {**terms, "premium_share": "25"})
    assert recorded.status_code == 303
    assert "the sponsor keeps 25 %; the rest is shared 25 % by standard premium" in sponsor.get(
        recorded.headers["location"]).text

    shared = _post(sponsor, f"/notices/{notice}", f"/notices/{notice}/distribution", {})
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
    again = _post(sponsor, f"/notices/{notice}", f"/notices/{notice}/distribution", {})
    assert again.status_code == 409                       # a stale button pressed twice
    changed = _post(sponsor, group_page, f"{group_page}/terms", {**terms, "premium_share": "0",
                                                                  "performance": "75"})
    assert changed.status_code == 409                     # shared: the terms stay as they were
    assert "already shared" in changed.text


def test_the_api_records_terms_and_shares_only_group_refunds_in_scope(anonymous, world):
    sponsor = {"Authorization": f"Bearer {world.tokens['sponsor']}"}
    other_group = anonymous.post(f"/api/v1/groups/{world.other['group_id']}/terms",
                                 headers=sponsor, json={"coverage_start": "2024-01-01"})
    assert other_group.status_code == 404
    other = anonymous.post(f"/api/v1/notices/{world.other['notice_id']}/distribution",
                           headers=sponsor)
    assert other.status_code == 404
    staff = {"Authorization": f"Bearer {world.tokens['coordinator']}"}
    no_period = anonymous.post(f"/api/v1/groups/{world.other['group_id']}/terms", headers=staff,
                               json={"coverage_start": "2019-01-01"})
    assert no_period.status_code == 404
    assert "not enrolled for the period from 2019-01-01" in no_period.text
    individual = anonymous.post(
        f"/api/v1/notices/{world.other['individual_notice_id']}/distribution", headers=staff)
    assert individual.status_code == 409
    assert "not a group refund" in individual.text
    recorded = anonymous.post(f"/api/v1/groups/{world.other['group_id']}/terms", headers=staff,
                              json={"coverage_start": "2024-01-01", "holdback": "10",
                                    "premium_share": "100", "performance": "0",
                                    "training": "0"})
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["terms"]["premium_share"] == "100"


def test_numbers_that_are_not_amounts_are_refused_by_field_not_with_a_server_error(
        client_for, world):
    client = client_for("coordinator")
    group_page = f"/groups/{world.other['group_id']}"
    refused = _post(client, group_page, f"{group_page}/terms",
                    {"coverage_start": "2024-01-01", "holdback": "NaN", "training_years": "inf"})
    assert refused.status_code == 422
    assert "&#39;NaN&#39; is not a number" in refused.text
    assert "&#39;inf&#39; is not a number" in refused.text
    notice = world.other["owed_notice_id"]
    for typed in ("NaN", "-Infinity", "sNaN"):
        paid = _post(client, f"/notices/{notice}", f"/notices/{notice}/payments",
                     {"amount": typed})
        assert paid.status_code == 422, typed
        assert "is not an amount of money" in paid.text
