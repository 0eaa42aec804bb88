"""The removal notice (WAC 296-17B-720) and the notice and order of assessment (RCW 51.48.120)
render real PDFs whose text carries the facts and dates; a forfeited refund says so."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from retrodesk.adapters.documents.render import TypstDocumentRenderer
from retrodesk.programs.documents import Party
from retrodesk.programs.sanction_documents import AssessmentOrder, OwedAssessment, RemovalNotice
from tests.integration.documents import samples
from tests.integration.documents.test_render import pdf_text

EMPLOYER = Party(name="O'Brien & Sons Roofing <Inc.> #1 $", account_id="456-789-02",
                 address=("12 Dock St", "Everett, WA 98201"))


@pytest.fixture(scope="module")
def renderer() -> TypstDocumentRenderer:
    return TypstDocumentRenderer()


def test_removal_notice_states_conduct_date_bar_liability_and_forfeiture(renderer):
    doc = RemovalNotice(
        notice_id="removal-S-1", notice_date=date(2026, 6, 1), participant=EMPLOYER,
        group_name="", conduct="claims suppression, as defined in RCW 51.28.010(4)",
        findings="Workers were told not to file claims.",
        removed_periods=((date(2025, 7, 1), date(2026, 6, 30)),),
        owed=(OwedAssessment("employer-456789002-2024-07-01-1-r0", date(2024, 7, 1), 1,
                             Decimal("514800.00")),),
        appeal_deadline=date(2026, 7, 31))
    text = pdf_text(renderer.removal_notice(doc))
    for fact in ("Notice of Removal from Retrospective Rating", "removal-S-1",
                 "O'Brien & Sons Roofing <Inc.> #1 $", "Removed effective June 1, 2026",
                 "claims suppression, as defined in RCW 51.28.010(4)",
                 "Workers were told not to file claims.",
                 "removed from retrospective rating effective June 1, 2026",
                 "permanently barred", "July 1, 2025", "June 30, 2026", "First", "$514,800.00",
                 "calculated on or after June 1, 2026 is forfeited",
                 "Appeal deadline: July 31, 2026", "WAC 296-17B-720"):
        assert fact in text, fact
    assert "employer-456789002-2024-07-01-1-r0" in text.replace(" ", "")


def test_assessment_order_states_amount_service_and_final_date(renderer):
    doc = AssessmentOrder(
        order_id="O-77", served_on=date(2026, 5, 20), participant=samples.SPONSOR,
        group_name="Cascade Builders Retro Group", notice_id="ADJ-2023-0042-1",
        notice_date=date(2026, 4, 15), coverage_start=date(2024, 7, 1),
        coverage_end=date(2025, 6, 30), adjustment_number=1, amount=Decimal("514800.00"),
        payment_due=date(2026, 5, 15), final_on=date(2026, 6, 22))
    text = pdf_text(renderer.assessment_order(doc))
    for fact in ("Notice and Order of Assessment", "O-77", "Cascade Builders Association",
                 "Served May 20, 2026", "Payment was due May 15, 2026",
                 "ADJ-2023-0042-1 of April 15, 2026", "Assessed and ordered paid $514,800.00",
                 "This order becomes final on June 22, 2026", "30 days after service",
                 "RCW 51.48.120", "WAC 296-17B-780"):
        assert fact in text, fact


def test_a_forfeited_refund_is_printed_as_forfeited(renderer):
    notice = samples.notice()
    text = pdf_text(renderer.adjustment_notice(replace(notice, forfeited=notice.result)))
    assert "Refund forfeited $346,138.57" in text
    assert "Refund to you" not in text
    assert "WAC 296-17B-720" in text
