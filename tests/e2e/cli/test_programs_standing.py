"""Probation and denial notices as PDFs after consecutive net assessments (WAC 296-17B-730)."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from retrodesk.adapters.documents.render import TypstDocumentRenderer
from retrodesk.programs import probation
from retrodesk.programs.commands import ProgramPorts
from retrodesk.programs.lifecycle import StandingState
from retrodesk.programs.records import Group
from tests.unit.programs.test_adjustments import final_notice
from tests.unit.programs.world import make_ports, seed_sponsor


def pdf_text(ports: ProgramPorts, document_id: str) -> str:
    document = ports.uow.documents.get(document_id)
    assert document is not None, document_id
    return " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(document.pdf)).pages)


def test_two_then_three_net_assessments_bring_the_probation_and_denial_notices() -> None:
    ports = make_ports(date(2027, 1, 20), TypstDocumentRenderer())
    seed_sponsor(ports, [])
    ports.uow.groups.add(Group(group_id="G1", sponsor_id="S1", name="Builders Retro Group",
                               industry_category="c", coverage_start=date(2020, 7, 1)))
    results = [(date(2020, 7, 1), "1000.00", "1200.50"),
               (date(2021, 7, 1), "1000.00", "1000.01"),
               (date(2022, 7, 1), "1000.00", "1300.00")]
    with ports.uow:
        standings = [probation.record_final(ports, "G1", final_notice(start, sp, rp), "system")
                     for start, sp, rp in results]
        ports.uow.commit()
    assert [s.state for s in standings] == [StandingState.ONE_NET_ASSESSMENT,
                                            StandingState.PROBATION, StandingState.DENIED]
    probation_text = pdf_text(ports, "probation-G1-2021-07-01")
    for expected in ("Builders Retro Group", "July 1, 2020 – June 30, 2021 assessment $200.50",
                     "July 1, 2021 – June 30, 2022 assessment $0.01",
                     "Meet L&I claims management to review open claims",
                     "March 22, 2027"):                      # appeal deadline: Jan 20 + 60 days
        assert expected in probation_text, expected
    denial_text = pdf_text(ports, "denied-G1-2022-07-01")
    for expected in ("Builders Retro Group", "July 1, 2022 – June 30, 2023 assessment $300.00",
                     "June 30, 2028"):                       # bar: five years after 2023-06-30
        assert expected in denial_text, expected
