"""Every document renders a real PDF whose text carries the facts, deadlines and rule citations."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest

from retrodesk.adapters.documents.render import TypstDocumentRenderer
from retrodesk.programs import training
from retrodesk.programs.documents import worksheet_rows
from retrodesk.rating.retro import premium
from tests.integration.documents import samples

BANNER = "ILLUSTRATIVE — not an L&I figure"
GOLDEN = Path(__file__).parents[2] / "golden" / "cases" / "retro"


@pytest.fixture(scope="module")
def renderer() -> TypstDocumentRenderer:
    return TypstDocumentRenderer()


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with whitespace collapsed (pypdf breaks lines where the layout does)."""
    assert pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text.replace("\u200b", ""))


def lines_of(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [ln.replace("\u200b", "").replace("\xa0", " ")
            for p in reader.pages for ln in p.extract_text().splitlines()]


def test_refund_notice_states_amounts_deadline_worksheet_and_members(renderer):
    text = pdf_text(renderer.adjustment_notice(samples.notice()))
    for fact in ("Retrospective Rating Refund Notice", "Cascade Builders Association",
                 "ADJ-2023-0042-1", "July 31, 2025", "Valuation date July 4, 2025",
                 "Adjustment First", "Refund to you $346,138.57",
                 "Standard premium (SP) $1,000,000.00", "Retrospective premium (RP) $653,861.43",
                 "Protest deadline: September 29, 2025", "RCW 51.52.050", "WAC 296-17B-700",
                 "Premium administration expense charge 73,000.00 SP × 0.073 WAC 296-17B-420",
                 "Evergreen Framing LLC 456-789-01 $600,000.00 $342,611.50",
                 "Worksheet WS-88213", "F250-024-000"):
        assert fact in text, fact
    assert BANNER in text
    assert "PAF 0.92 (illustrative)" in text


def test_assessment_notice_is_an_additional_premium_notice_with_due_date(renderer):
    text = pdf_text(renderer.adjustment_notice(samples.notice(Decimal("-183200.00"))))
    assert "Retrospective Rating Additional Premium Notice" in text
    assert "Additional premium (assessment) due $183,200.00" in text
    assert "Payment due August 30, 2025 (WAC 296-17B-780)" in text
    assert "Refund to you" not in text


def test_agreement_shows_elections_terms_and_signature_block_without_banner(renderer):
    text = pdf_text(renderer.plan_agreement(samples.agreement()))
    for fact in ("Retrospective Rating Plan Agreement", "RRPA-2023-0042",
                 "Coverage period October 1, 2023 – September 30, 2024",
                 "Plan basis Premium-based plan", "Single loss limit (SLOL) $250,000.00",
                 "Maximum loss ratio 120%", "Minimum loss ratio 40%",
                 "Industry category Construction", "(WAC 296-17B-300)",
                 "(WAC 296-17B-730; RCW 51.18.050)", "(WAC 296-17B-720(3))",
                 "Dana Whitfield, Executive Director",
                 "For the Department of Labor and Industries"):
        assert fact in text, fact
    assert "ILLUSTRATIVE" not in text


def test_agreement_carries_the_banner_when_illustrative(renderer):
    doc = samples.agreement(("size-group table (illustrative)",))
    text = pdf_text(renderer.plan_agreement(doc))
    assert BANNER in text
    assert "size-group table (illustrative)" in text


def test_user_text_is_printed_literally_never_read_as_markup(renderer):
    member = samples.MEMBERS[1]
    hostile = replace(member, name='#strong[x] $y$ <a> *b* @ref \\ ") #panic("no")')
    doc = replace(samples.agreement(), members=(samples.MEMBERS[0], hostile))
    text = pdf_text(renderer.plan_agreement(doc))
    assert "O'Brien" not in text
    assert '#strong[x] $y$ <a> *b* @ref \\ ") #panic("no")' in text


def test_further_order_names_the_claim_and_the_rule(renderer):
    text = pdf_text(renderer.further_order(samples.further_order()))
    for fact in ("Further Order: Adjustment Subject to Revision", "FO-2025-0007",
                 "Claim in dispute C1", "may be revised", "WAC 296-17B-700",
                 "Time-loss compensation order of June 12, 2025 under appeal",
                 "No interest is paid", "September 2, 2025"):
        assert fact in text, fact


def test_notice_of_decision_prints_original_and_revised_side_by_side(renderer):
    pdf = renderer.notice_of_decision(samples.decision())
    text = pdf_text(pdf)
    for fact in ("Notice of Decision", "NOD-2026-0003", "Loss incurred on claim C1",
                 "The adjustment is revised", "Original result refund $346,138.57",
                 "Revised result refund $416,138.57",
                 "Difference (paid to you, no interest) $70,000.00",
                 "Appeal deadline: April 3, 2026", "RCW 51.52.060",
                 "Board of Industrial Insurance Appeals", "Second −$12,000.00 −$82,000.00"):
        assert fact in text, fact
    rows = lines_of(pdf)
    assert any("Loss incurred L 527,402.35 457,402.35 WAC 296-17B-540" in r for r in rows)
    assert any("Retrospective premium 653,861.43 583,861.43 WAC 296-17B-410" in r for r in rows)
    assert any("Net insurance charge 35,000.00 35,000.00" in r for r in rows)
    assert BANNER in text


def test_probation_notice_lists_the_two_net_assessments(renderer):
    text = pdf_text(renderer.probation_notice(samples.probation()))
    for fact in ("Notice of Probation", "assessment $41,250.00", "assessment $18,730.55",
                 "WAC 296-17B-730", "Update the fall-protection section",
                 "Appeal deadline: April 1, 2024"):
        assert fact in text, fact


def test_denial_notice_states_the_five_year_bar_in_the_category_and_its_end(renderer):
    text = pdf_text(renderer.denial_notice(samples.denial()))
    for fact in ("Notice of Denial of Enrollment", "Five-year bar",
                 "Construction industry category until September 30, 2028",
                 "assessment $9,120.10", "WAC 296-17B-730; RCW 51.18.050"):
        assert fact in text, fact


def test_appeal_case_file_bundles_notices_worksheets_claims_and_timeline(renderer):
    pdf = renderer.appeal_case_file(samples.case_file())
    text = pdf_text(pdf)
    assert "Contents" in text
    for heading in ("1 Timeline", "2 Notices and orders as issued", "3 Worksheets",
                    "4 Claim valuations as of July 4, 2025"):
        assert text.count(heading) >= 2, heading   # in the contents and in the body
    for fact in ("BIIA 26 10234", "Retrospective Rating Refund Notice — ADJ-2023-0042-1",
                 "Further Order: Adjustment Subject to Revision — FO-2025-0007",
                 "Notice of Decision — NOD-2026-0003", "Adjustment 1 recalculated",
                 "C1 November 2, 2023 time_loss closed $120,000.00 $60,000.00 $168,375.00",
                 "Protest deadline: September 29, 2025", "Appeal deadline: April 3, 2026"):
        assert fact in text, fact
    # The timeline is in date order whatever order the events came in.
    assert text.index("July 31, 2025 Refund notice issued") < text.index(
        "September 2, 2025 Protest received") < text.index("March 20, 2026 Appeal filed")


def test_member_statement_shows_shares_group_total_and_holdback(renderer):
    text = pdf_text(renderer.member_refund_statement(samples.refund_statement()))
    for fact in ("Member Refund Statement", "Evergreen Framing LLC",
                 "Group refund to date $346,138.57",
                 "Kept by the sponsor (holdback 25%) $86,534.64",
                 "Distributed to members now $103,841.57", "Premium share (25%)",
                 "SP − losses $257,388.50 $31,288.13", "Total on this statement $46,864.37",
                 "WAC 296-17B-200, -720(3)"):
        assert fact in text, fact
    assert "O'Brien" not in text                  # a member's copy shows only its own shares
    assert "forfeited" not in text


def test_the_sponsor_statement_names_a_member_whose_refund_is_forfeited(renderer):
    removed = samples.MEMBERS[1]
    statement = replace(samples.refund_statement(), recipient=samples.SPONSOR,
                        forfeited_by=(removed,))
    text = pdf_text(renderer.member_refund_statement(statement))
    assert "Refunds forfeited (removed from retrospective rating for prohibited conduct" in text
    assert f"{removed.name} ({removed.account_id})" in text
    assert "WAC 296-17B-720" in text


def test_training_handout_explains_each_line_with_its_rule(renderer):
    text = pdf_text(renderer.training_handout(samples.handout()))
    for fact in ("Reading a retro adjustment worksheet", "Retrospective premium: 653,861.43",
                 "Formula: PAEC + ILEC + NIC", "(WAC 296-17B-410)",
                 "nothing else is added", "Every line cites the rule", BANNER):
        assert fact in text, fact


def test_rendering_is_repeatable_byte_for_byte(renderer):
    doc = samples.decision()
    assert renderer.notice_of_decision(doc) == renderer.notice_of_decision(doc)


def test_a_real_retro_worksheet_renders_in_a_notice_and_a_training_handout(renderer):
    """The §13 scenario A result from the engine, end to end into two documents."""
    case = json.loads((GOLDEN / "e2e_scenario_a_premium.json").read_text(encoding="utf-8"))
    result = premium.calculate(case["case"])
    doc = replace(samples.notice(), worksheet=worksheet_rows(result.worksheet),
                  illustrative=tuple(result.provenance.illustrative_names()))
    text = pdf_text(renderer.adjustment_notice(doc))
    assert "Result of adjustment 1: refund 346,138.57" in text
    assert "Losses incurred (L) 527,402.35" in text
    assert BANNER in text
    assert "size_groups" in text

    handout = training.retro_training_handout(result, prepared_on=date(2025, 3, 3))
    text = pdf_text(renderer.training_handout(handout))
    assert "Result: refund of $346,138.57." in text
    assert "Limited loss, claim C1: 173,437.50" in text
    assert "each claim is scaled down in proportion" in text
    assert "(WAC 296-17B-540(2))" in text


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_the_handout_explains_every_line_of_every_worked_example(path):
    result = premium.calculate(json.loads(path.read_text(encoding="utf-8"))["case"])
    handout = training.retro_training_handout(result, prepared_on=date(2025, 3, 3))
    assert [s.step for s in handout.steps if not s.explanation] == []
    assert len(handout.steps) == len(result.worksheet)


def test_the_illustrative_mark_is_on_every_page_and_absent_from_official_figures(renderer):
    pdf = renderer.appeal_case_file(samples.case_file())
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 3
    assert all(BANNER in page.extract_text() for page in pages)
    official = pdf_text(renderer.adjustment_notice(samples.notice(illustrative=())))
    assert "ILLUSTRATIVE" not in official
    assert "Refund to you $346,138.57" in official


def test_agreement_prints_an_unlimited_single_loss_limit_as_unlimited(renderer):
    text = pdf_text(renderer.plan_agreement(replace(samples.agreement(), single_loss_limit=None)))
    assert "Single loss limit (SLOL) Unlimited" in text
    assert "$0.00" not in text
