"""Journeys in a real browser: sign in as each role, read a group's adjustment worksheet, run a
retro what-if, walk a protest to its Notice of Decision and download it, remove a participant for
prohibited conduct, open an order of assessment and share a group refund with its members."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.conftest import shot
from tests.e2e.web.world import PASSWORD, ROLES

pytestmark = pytest.mark.browser
EXAMPLE = Path(__file__).parents[2] / "src/retrodesk/entrypoints/web/static/examples/retro.json"


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def download(page, link_text: str, folder: Path) -> Path:
    """Click the first link whose name holds `link_text` and save what the browser downloads."""
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_text, exact=False).first.click()
    saved = folder / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    return saved


@pytest.mark.parametrize("role", ROLES)
def test_each_role_signs_in_and_out(page, live_server, role):
    base, _ = live_server
    sign_in(page, base, role)
    assert page.get_by_text(f"{role}").first.is_visible()
    shot(page, f"home-{role}")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{base}/login")


def test_wrong_password_is_refused_with_a_message(page, live_server):
    base, _ = live_server
    page.goto(f"{base}/login")
    page.get_by_label("User name").fill("coordinator")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text().startswith("Wrong user name or password")


def test_coordinator_opens_a_group_and_its_latest_adjustment_worksheet(page, live_server):
    base, world = live_server
    sign_in(page, base, "coordinator")
    page.get_by_role("link", name="Groups", exact=True).click()
    page.get_by_role("link", name=world.own["group_id"], exact=True).click()
    page.wait_for_url(f"{base}/groups/{world.own['group_id']}")
    chart = page.locator("figure.chart img")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=chart.element_handle())
    page.get_by_text("computed now with the claims as valued today").wait_for()  # htmx loaded it
    shot(page, "group")
    # The notices are listed newest first: the first link is the latest adjustment.
    page.locator("a[href^='/notices/']").first.click()
    page.wait_for_url(f"{base}/notices/*")
    worksheet = page.locator("table.worksheet")
    assert worksheet.is_visible()
    assert "WAC 296-17B-540" in worksheet.inner_text()
    assert page.get_by_text("Illustrative values in use").is_visible()
    shot(page, "adjustment-worksheet")


def test_sponsor_cannot_open_another_sponsor_group(page, live_server):
    base, world = live_server
    sign_in(page, base, "sponsor")
    response = page.goto(f"{base}/groups/{world.other['group_id']}")
    assert response is not None
    assert response.status == 404
    assert page.get_by_role("heading", name="Not found").is_visible()


def test_retro_what_if_shows_the_changed_result_side_by_side(page, live_server):
    base, _ = live_server
    sign_in(page, base, "district_staff")
    page.goto(f"{base}/calculators/retro")
    case = json.loads(EXAMPLE.read_text())
    case["claims"][0].update(status="closed", af_reserve="0.00", ma_reserve="0.00")
    case["plan"]["min_loss_ratio"] = "0.10"
    page.get_by_label("What-if").fill(json.dumps(case, indent=2))
    page.get_by_role("button", name="Calculate").click()
    comparison = page.locator("#comparison")
    comparison.wait_for()
    row = comparison.locator("tr", has_text="retro premium")
    cells = row.locator("td").all_inner_texts()
    assert len(cells) == 2
    assert cells[0] != cells[1]               # the what-if changed the retro premium
    assert "changed" in (row.get_attribute("class") or "")
    assert page.locator("table.worksheet").count() == 2
    shot(page, "retro-what-if")


def test_a_protest_is_walked_to_a_notice_of_decision_and_downloaded(page, live_server, tmp_path):
    base, world = live_server
    sign_in(page, base, "coordinator")
    page.goto(f"{base}/notices/{world.other['individual_notice_id']}")
    assert "WAC 296-17B" in page.locator("table.worksheet").inner_text()
    page.get_by_label("Grounds").fill("The reserve on the largest claim is overstated.")
    page.get_by_role("button", name="File protest").click()
    page.wait_for_url(f"{base}/protests/*")
    shot(page, "protest-filed")
    page.get_by_label("Decision", exact=True).fill("Affirmed")
    page.get_by_label("Reasons (one per line)").fill("The reserve is supported by the file.")
    page.get_by_role("button", name="Issue Notice of Decision").click()
    page.wait_for_load_state()
    saved = download(page, "notice of decision", tmp_path)
    assert saved.read_bytes().startswith(b"%PDF")
    assert saved.name.startswith("decision-")
    shot(page, "notice-of-decision")


def test_employer_sees_its_experience_factor_explained(page, live_server):
    base, world = live_server
    sign_in(page, base, "employer")
    page.goto(f"{base}/employers/{world.own['account_id']}")
    factor = page.get_by_test_id("experience-factor")
    factor.wait_for()                                            # htmx loaded the section
    assert factor.inner_text().startswith(("0.", "1."))
    assert "WAC 296-17-855" in page.locator("#experience table.worksheet").inner_text()
    assert page.get_by_text("Controllable factor").is_visible()
    profile = page.locator("#loss-control-profile")
    profile.get_by_text("Injuries from").wait_for()              # htmx loaded loss control
    assert "as known on" in profile.inner_text()
    shot(page, "employer-experience")


def test_coordinator_removes_a_participant_and_opens_an_order_of_assessment(page, live_server,
                                                                             tmp_path):
    base, world = live_server
    sign_in(page, base, "coordinator")
    page.get_by_role("link", name="Removals", exact=True).click()
    page.get_by_label("Participant", exact=True).select_option("employer")
    page.get_by_label("L&I account or group id").fill("E4")
    page.get_by_label("Prohibited conduct", exact=True).select_option("claims_suppression")
    page.get_by_role("button", name="Remove and issue the removal notice").click()
    # The browser refuses nothing itself; the server keeps what was typed and names the field.
    page.wait_for_load_state()
    assert page.locator("#removal-findings-error").inner_text() == "is required"
    assert page.get_by_label("L&I account or group id").input_value() == "E4"
    page.get_by_label("Findings", exact=True).fill("Supervisors told workers not to file claims.")
    page.get_by_role("button", name="Remove and issue the removal notice").click()
    page.wait_for_url(f"{base}/sanctions/RM-*")
    assert "permanently barred" in page.locator("dl.facts").inner_text()
    assert download(page, "removal notice", tmp_path).read_bytes().startswith(b"%PDF")
    shot(page, "removal")
    page.get_by_role("link", name="Collections", exact=True).click()
    page.get_by_role("link", name=world.other["order_id"], exact=True).click()
    assert "1,234.56" in page.locator("dl.facts").inner_text()
    assert page.get_by_role("button", name="Record").is_visible()
    shot(page, "order-of-assessment")


def test_sponsor_records_its_terms_shares_its_refund_and_downloads_a_statement(
        page, live_server, tmp_path):
    base, world = live_server
    sign_in(page, base, "sponsor")
    page.goto(f"{base}/notices/{world.own['notice_id']}")
    page.get_by_role("link", name="group page").first.click()
    assert page.get_by_label("Pool by performance", exact=False).input_value() == "50"
    page.get_by_role("button", name="Record the terms").click()
    page.wait_for_url(f"{base}/groups/*")
    assert "the sponsor keeps 25 %" in page.locator("#terms + p").inner_text()
    page.goto(f"{base}/notices/{world.own['notice_id']}")
    page.get_by_role("button", name="Share the refund and issue statements").click()
    page.wait_for_url(f"{base}/notices/*")
    assert "paid to members at this adjustment" in page.locator("#members + p").inner_text()
    saved = download(page, "member refund statement", tmp_path)
    assert saved.read_bytes().startswith(b"%PDF")
    shot(page, "refund-shared")
